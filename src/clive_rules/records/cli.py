"""``clive-rules records ...`` (the public record) and ``clive-rules moderate PATH``.

Exit status: 0 when all went well; 1 when ``records verify`` finds the record broken; 2 for a
usage error or a database that is locked or unreachable (one line on standard error, with the
database password masked).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import click

from clive_rules.cli import config_option, fail
from clive_rules.errors import CliveRulesError

if TYPE_CHECKING:
    from clive_rules.moderation import ModerationService, Moderator
    from clive_rules.records.store import RecordStore, StoredRecord

__all__ = ["CSV_COLUMNS", "csv_row", "moderate", "records"]

CSV_COLUMNS = ("seq", "recorded_at", "kind", "platform", "account", "author", "content_id",
               "text", "clauses", "decision", "actor", "actor_email", "actions", "warning",
               "refers_to", "reason", "hash", "prev_hash")
"""The columns of ``records export --format csv``."""


def csv_row(record: StoredRecord) -> dict[str, Any]:
    """One CSV row of an export."""
    out: dict[str, Any] = {"seq": record.seq, "recorded_at": record.recorded_at,
                           "kind": record.kind, "hash": record.hash,
                           "prev_hash": record.prev_hash}
    body = record.body
    if body is None:
        out["text"] = f"(purged by record {record.purged_seq})"
        return out
    content = body.get("content") or {}
    actor = body.get("actor") or {}
    out.update({
        "platform": content.get("platform") or body.get("platform") or "",
        "account": content.get("account") or "",
        "author": body.get("author_key") or "",
        "content_id": content.get("id") or "",
        "text": content.get("text") or "",
        "clauses": ";".join(body.get("clauses") or ()),
        "decision": (body.get("verdict") or {}).get("decision", ""),
        "actor": actor.get("name", ""),
        "actor_email": actor.get("email") or "",
        "actions": ";".join(a["kind"] + (":" + a["effect"] if a.get("effect") else "")
                            for a in body.get("actions") or ()),
        "warning": body.get("warning") or "",
        "refers_to": body.get("refers_to") or "",
        "reason": body.get("reason") or "",
    })
    return out


def _store(config: str | None) -> RecordStore:
    from clive_rules.records.store import RecordStore

    try:
        store = RecordStore.open(config)
    except CliveRulesError as exc:
        fail(str(exc))
    click.get_current_context().call_on_close(store.close)
    return store


def _service(config: str | None) -> ModerationService:
    from clive_rules.moderation import ModerationService

    try:
        service = ModerationService.from_config(config)
    except CliveRulesError as exc:
        fail(str(exc))
    click.get_current_context().call_on_close(service.store.close)
    return service


def _person(name: str | None, email: str | None) -> Moderator:
    from clive_rules.moderation import Moderator

    if not name or not email:
        fail("this needs a person: give --by NAME and --email CITY-EMAIL")
    assert name is not None and email is not None
    return Moderator.person(name, email)


def _actor(name: str | None, email: str | None) -> Moderator:
    from clive_rules.moderation import Moderator

    if name or email:
        return _person(name, email)
    return Moderator.automatic()


by_option = click.option("--by", "by", default=None, help="The moderator's name.")
email_option = click.option("--email", "email", default=None,
                            help="The moderator's city e-mail address.")


@click.group()
def records() -> None:
    """The public record of moderation (12.4.E): export, show, verify, purge, legal holds."""


def _progress(total: int) -> Any:
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(file=sys.stderr), transient=True)
    progress.add_task("exporting", total=total)
    return progress


@records.command()
@config_option
@click.option("--since", default=None, help="Records written on or after this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Records written on or before this date.")
@click.option("--account", default=None, help="Only this city account.")
@click.option("--platform", default=None, help="Only this platform.")
@click.option("--clause", default=None, help="Only this clause (12.4.D covers 12.4.D.1 ...).")
@click.option("--author", default=None, help="Only this author (platform id or handle).")
@click.option("--kind", default=None, help="Only this kind of record (removal, ...).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Where to write.")
def export(config: str | None, since: str | None, until: str | None, account: str | None,
           platform: str | None, clause: str | None, author: str | None, kind: str | None,
           fmt: str, output: str) -> None:
    """Export records for a public-records request (streams: constant memory)."""
    from clive_rules.records.store import Filters

    store = _store(config)
    filters = Filters(since=since, until=until, account=account, platform=platform,
                      clause=clause, author=author, kind=kind)
    try:
        out: IO[str] = sys.stdout if output == "-" else open(  # noqa: SIM115
            output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror}")
    progress = None
    try:
        filters.where()  # a bad date is reported before anything is written
        progress = _progress(store.count(filters)) if sys.stderr.isatty() else None
        if progress is not None:
            progress.start()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n") \
            if fmt == "csv" else None
        if writer is not None:
            writer.writeheader()
        for n, record in enumerate(store.iter_records(filters), start=1):
            if writer is not None:
                writer.writerow(csv_row(record))
            else:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            if progress is not None and n % 1000 == 0:
                progress.advance(progress.task_ids[0], 1000)
        out.flush()
    except CliveRulesError as exc:
        fail(str(exc))
    finally:
        if progress is not None:
            progress.stop()
        if out is not sys.stdout:
            out.close()


def _print_record(record: StoredRecord, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    row = csv_row(record)
    click.echo(f"record {record.seq}  {record.recorded_at}  {record.kind}")
    for key in ("platform", "account", "author", "content_id", "clauses", "decision", "actor",
                "actor_email", "actions", "refers_to", "reason"):
        if row.get(key) not in (None, ""):
            click.echo(f"  {key}: {row[key]}")
    if row.get("text"):
        click.echo(f"  text: {row['text']}")
    if row.get("warning"):
        click.echo(f"  warning sent: {row['warning']}")
    click.echo(f"  hash: {record.hash}")


@records.command()
@config_option
@click.argument("record_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(config: str | None, record_id: int, as_json: bool) -> None:
    """Show one record."""
    store = _store(config)
    try:
        _print_record(store.get(record_id), as_json)
    except CliveRulesError as exc:
        fail(str(exc))


@records.command()
@config_option
@click.argument("author")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def history(config: str | None, author: str, as_json: bool) -> None:
    """Every record about AUTHOR, and their strikes now."""
    service = _service(config)
    try:
        found = service.history(author)
        for record in found:
            _print_record(record, as_json)
        if not as_json:
            click.echo(f"{author}: {len(found)} record(s), {service.strikes(author)} active "
                       f"strike(s){', blocked' if service.blocked(author) else ''}")
    except CliveRulesError as exc:
        fail(str(exc))


@records.command()
@config_option
@click.option("--expect", multiple=True, metavar="SEQ:HASH",
              help="A published hash the record must still hold (repeatable).")
def verify(config: str | None, expect: tuple[str, ...]) -> None:
    """Check that no record was edited or removed (exit 1 when one was)."""
    anchors: dict[int, str] = {}
    for item in expect:
        seq, _, digest = item.partition(":")
        if not seq.isdigit() or len(digest) != 64:
            fail(f"--expect {item!r}: expected SEQ:HASH (a record number and a sha256)")
        anchors[int(seq)] = digest.lower()
    store = _store(config)
    try:
        report = store.verify(anchors)
    except CliveRulesError as exc:
        fail(str(exc))
    for problem in report.problems:
        click.echo(f"BROKEN: {problem}")
    state = "ok" if report.ok else "BROKEN"
    click.echo(f"{state}: {report.count} record(s), head {report.head_seq} {report.head_hash}")
    raise SystemExit(0 if report.ok else 1)


@records.command()
@config_option
@by_option
@email_option
def purge(config: str | None, by: str | None, email: str | None) -> None:
    """Blank records past the retention period (never those under a legal hold)."""
    store = _store(config)
    try:
        report = store.purge(_actor(by, email).to_dict())
    except CliveRulesError as exc:
        fail(str(exc))
    click.echo(f"purged {report.purged} record(s) written before {report.cutoff}; kept "
               f"{report.held} under legal hold"
               + (f"; recorded as record {report.record_id}" if report.record_id else ""))


@records.command()
@config_option
@click.option("--author", default=None, help="Hold every record about this author.")
@click.option("--account", default=None, help="Hold every record of this city account.")
@click.option("--record", "record_id", type=int, default=None, help="Hold this record.")
@click.option("--reason", required=True, help="Why (e.g. the litigation or request).")
@by_option
@email_option
def hold(config: str | None, author: str | None, account: str | None, record_id: int | None,
         reason: str, by: str | None, email: str | None) -> None:
    """Place a legal hold: purge keeps the records it covers."""
    service = _service(config)
    who = _person(by, email)
    try:
        service._check_person(who, "a legal hold")
        hold_id = service.store.place_hold(who.to_dict(), reason, author=author,
                                           account=account, record=record_id)
    except CliveRulesError as exc:
        fail(str(exc))
    click.echo(f"legal hold {hold_id} placed")


@records.command()
@config_option
@click.argument("hold_id", type=int)
@click.option("--reason", required=True, help="Why it is released.")
@by_option
@email_option
def release(config: str | None, hold_id: int, reason: str, by: str | None,
            email: str | None) -> None:
    """Release a legal hold."""
    service = _service(config)
    who = _person(by, email)
    try:
        service._check_person(who, "releasing a legal hold")
        seq = service.store.release_hold(hold_id, who.to_dict(), reason)
    except CliveRulesError as exc:
        fail(str(exc))
    click.echo(f"legal hold {hold_id} released (record {seq})")


@records.command()
@config_option
def holds(config: str | None) -> None:
    """List the active legal holds."""
    store = _store(config)
    try:
        for row in store.holds():
            what = ", ".join(f"{k}={row[k]}" for k in ("author_key", "account", "record_seq")
                             if row[k] is not None)
            click.echo(f"{row['id']}: {what} ({row['reason']})")
    except CliveRulesError as exc:
        fail(str(exc))


def _decide(config: str | None, action: str, target: str, by: str | None, email: str | None,
            reason: str | None, platform: str | None = None) -> None:
    service = _service(config)
    who = _person(by, email)
    try:
        if action == "confirm":
            outcome = service.confirm(int(target), who, note=reason or "")
        elif action == "dismiss":
            outcome = service.dismiss(int(target), who, reason or "")
        elif action == "reinstate":
            outcome = service.reinstate(int(target), who, reason or "")
        else:
            outcome = service.unblock(target, who, reason or "", platform=platform)
    except CliveRulesError as exc:
        fail(str(exc))
    click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False))


@records.command()
@config_option
@click.argument("review_id", type=int)
@click.option("--note", default=None, help="A note for the record.")
@by_option
@email_option
def confirm(config: str | None, review_id: int, note: str | None, by: str | None,
            email: str | None) -> None:
    """Confirm that content held for review breaks the policy (it is removed and counts)."""
    _decide(config, "confirm", str(review_id), by, email, note)


@records.command()
@config_option
@click.argument("review_id", type=int)
@click.option("--reason", required=True)
@by_option
@email_option
def dismiss(config: str | None, review_id: int, reason: str, by: str | None,
            email: str | None) -> None:
    """Find content held for review acceptable (it is shown again)."""
    _decide(config, "dismiss", str(review_id), by, email, reason)


@records.command()
@config_option
@click.argument("record_id", type=int)
@click.option("--reason", required=True)
@by_option
@email_option
def reinstate(config: str | None, record_id: int, reason: str, by: str | None,
              email: str | None) -> None:
    """Reverse a removal: restore the content, revoke its strike, lift its block."""
    _decide(config, "reinstate", str(record_id), by, email, reason)


@records.command()
@config_option
@click.argument("author")
@click.option("--reason", required=True)
@click.option("--platform", default=None, help="The platform (when blocked on several).")
@by_option
@email_option
def unblock(config: str | None, author: str, reason: str, platform: str | None,
            by: str | None, email: str | None) -> None:
    """Lift an author's block."""
    _decide(config, "unblock", author, by, email, reason, platform)


def _batches(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@click.command()
@click.argument("path")
@config_option
@click.option("--input-format", type=click.Choice(["auto", "jsonl", "csv"]), default="auto",
              show_default=True)
@click.option("--removal", type=click.Choice(["hide", "delete"]), default=None,
              help="What removal does on the platform [default: from the configuration].")
def moderate(path: str, config: str | None, input_format: str, removal: str | None) -> None:
    """Evaluate, moderate automatically and record every item of PATH (JSON Lines or CSV).

    Writes one JSON line per item: its id, the decision and what was recorded and must now be
    done. Each batch is recorded before its lines are written.
    """
    from clive_rules.cli import _open_input, load_engine
    from clive_rules.io import InputError, read_records

    engine = load_engine(config)
    service = _service(config)
    stream = _open_input(path)
    if stream is not sys.stdin.buffer:
        click.get_current_context().call_on_close(stream.close)
    bad = 0
    try:
        for batch in _batches(read_records(stream, input_format), 512):  # type: ignore[arg-type]
            good = [r for r in batch if r.content is not None]
            verdicts = list(engine.evaluate_many([r.content for r in good]))
            pairs = zip([r.content for r in good], verdicts, strict=True)
            outcomes = iter(service.moderate_many(pairs))
            decisions = iter(verdicts)
            for record in batch:
                if record.content is None:
                    bad += 1
                    click.echo(f"clive-rules: record {record.number}: {record.error}", err=True)
                    continue
                verdict, outcome = next(decisions), next(outcomes)
                click.echo(json.dumps({"id": record.id, "decision": verdict.decision.value,
                                       "clauses": list(verdict.clauses), **outcome.to_dict()},
                                      ensure_ascii=False))
    except InputError as exc:
        fail(f"{path}: {exc}")
    except CliveRulesError as exc:
        fail(str(exc))
    if bad:
        click.echo(f"clive-rules: {bad} malformed record(s) reported above", err=True)
        raise SystemExit(2)
