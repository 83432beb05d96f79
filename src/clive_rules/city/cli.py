"""``clive-rules check-post``, ``clive-rules audit`` and ``clive-rules incident ...``.

Exit status: 0 when all went well (``check-post``: the draft may be published; ``audit``: no
finding); 1 when ``check-post`` holds the draft or ``audit`` has findings; 2 for a usage or input
error (one line on standard error).
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from clive_rules.cli import config_option, fail
from clive_rules.errors import CliveRulesError

if TYPE_CHECKING:
    from clive_rules.city.incidents import Incident, IncidentLog
    from clive_rules.config import Config
    from clive_rules.plugins import PluginManager
    from clive_rules.verdict import Verdict

__all__ = ["audit", "check_post", "incident", "load"]


def load(config: str | None) -> tuple[Config, PluginManager]:
    """The configuration (with every plugin's defaults) and the plugin manager."""
    from clive_rules.config import CORE_DEFAULTS, Config
    from clive_rules.plugins import PluginManager

    try:
        manager = PluginManager.create()
        defaults = {**CORE_DEFAULTS, **manager.config_defaults()}
        loaded = Config.load(config, defaults) if config else Config.build(defaults)
        manager.configure(loaded)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    return loaded, manager


def _describe(verdict: Verdict) -> str:
    if not verdict.findings:
        return "allow: nothing in the draft breaks the posting rules"
    lines = [f"{verdict.decision.value}: {', '.join(verdict.clauses)}"]
    for f in verdict.findings:
        where = f" {f.start}-{f.end}" if f.end else ""
        lines.append(f"  {f.clause} [{f.rule}]{where} {f.decision.value}: {f.explanation}")
    for a in verdict.actions:
        target = f" -> {a.target}" if a.target else ""
        lines.append(f"  action: {a.kind.value}{target}")
    return "\n".join(lines)


@click.command("check-post")
@click.argument("text", required=False)
@config_option
@click.option("--file", "path", type=click.Path(dir_okay=False), default=None,
              help="Read the draft from a JSON file (the scan record shape; kind post).")
@click.option("--author-email", default=None, help="The moderator's e-mail address (12.4.C).")
@click.option("--author", "author_name", default=None, help="The moderator's name.")
@click.option("--account", default=None, help="The city account (department) it goes to.")
@click.option("--platform", default=None, help="The platform.")
@click.option("--media", multiple=True, metavar="KIND[;owner=..][;permission=..][;url=..]",
              help="Attached material: photo, graphic, video, live_stream, or another kind "
                   "(repeatable).")
@click.option("--link", "links", multiple=True, help="An attached link (repeatable).")
@click.option("--reply-to", "reply_to", default=None,
              help="The resident's question this draft answers (12.4.A.8).")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
def check_post(text: str | None, config: str | None, path: str | None,
               author_email: str | None, author_name: str | None, account: str | None,
               platform: str | None, media: tuple[str, ...], links: tuple[str, ...],
               reply_to: str | None, as_json: bool) -> None:
    """Check a draft the city is about to publish (exit 0 publish, 1 hold, 2 error)."""
    from clive_rules.city.posting import Draft, PostingChecker, draft_from_dict, media_from_option
    from clive_rules.cli import load_engine
    from clive_rules.content import Content, Media

    if (text is None) == (path is None):
        fail("give the draft's TEXT or --file DRAFT.json (not both)")
    try:
        if path is not None:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except FileNotFoundError:
                fail(f"{path}: no such file")
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"{path}: cannot read: {exc}")
            except json.JSONDecodeError as exc:
                fail(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}")
            draft = draft_from_dict(data)
            overrides: dict[str, Any] = {}
            if author_email or author_name:
                overrides["author"] = {"email": author_email or (
                    draft.content.author.email if draft.content.author else None),
                    "display_name": author_name}
            for name, value in (("account", account), ("platform", platform),
                                ("parent_text", reply_to)):
                if value is not None:
                    overrides[name] = value
            if links:
                overrides["links"] = (*draft.content.links, *links)
            if overrides:
                import attrs

                draft = attrs.evolve(draft, content=attrs.evolve(draft.content, **overrides))
        else:
            assert text is not None
            parsed = [media_from_option(m) for m in media]
            author = ({"email": author_email, "display_name": author_name}
                      if author_email or author_name else None)
            draft = Draft(Content(
                text=text, kind="reply" if reply_to else "post", account=account,
                platform=platform, author=author, links=links, parent_text=reply_to,
                media=tuple(m for m in parsed if isinstance(m, Media))),
                tuple(m for m in parsed if isinstance(m, str)))
        checker = PostingChecker(load_engine(config))
        verdict = checker.check(draft)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    if as_json:
        click.echo(json.dumps(verdict.to_dict(), ensure_ascii=False))
    else:
        click.echo(_describe(verdict))
    raise SystemExit(0 if verdict.allowed else 1)


# -- audit ---------------------------------------------------------------------------------------

def _incident_log(config: Config) -> IncidentLog | None:
    """The incident log of the configured record store; ``None`` when no record exists yet."""
    from clive_rules.city.incidents import IncidentLog

    log = IncidentLog.from_config(config)
    settings = log.store.settings
    if settings.backend == "sqlite":
        database = settings.url.database or ""
        if database not in ("", ":memory:") and not Path(database).expanduser().exists():
            return None  # no record has been written: no incidents, and none created here
    return log


def _day(value: str | None, option: str) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r}: expected a date (YYYY-MM-DD)")
        raise AssertionError("unreachable") from None


@click.command()
@click.argument("inventory", type=click.Path(dir_okay=False))
@config_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="How to print the report.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a self-contained HTML report to this file.")
@click.option("--today", default=None, help="Audit as of this date (YYYY-MM-DD).")
@click.option("--live/--no-live", default=True, show_default=True,
              help="Ask platform plugins for each account's live settings.")
@click.option("--incidents/--no-incidents", default=True, show_default=True,
              help="Read open security incidents from the record store.")
def audit(inventory: str, config: str | None, fmt: str, html_out: str | None,
          today: str | None, live: bool, incidents: bool) -> None:
    """Audit the accounts of an INVENTORY file (exit 0 no findings, 1 findings, 2 error)."""
    from clive_rules.city.audit import audit as run_audit
    from clive_rules.city.inventory import load_inventory
    from clive_rules.city.report import render_html, render_table

    day = _day(today, "--today")
    loaded, manager = load(config)
    try:
        inv = load_inventory(inventory)
        found: list[Incident] = []
        if incidents:
            log = _incident_log(loaded)
            if log is not None:
                try:
                    found = log.find(open_only=True)
                finally:
                    log.store.close()
        before = len(manager.problems)
        report = run_audit(
            inv, config=loaded, today=day, incidents=found,
            live=(lambda account: manager.account_settings(account, loaded)) if live else None)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    import attrs

    report = attrs.evolve(report, problems=tuple(str(p) for p in manager.problems[before:]))
    if html_out is not None:
        try:
            Path(html_out).write_text(render_html(report), encoding="utf-8")
        except OSError as exc:
            fail(f"{html_out}: cannot write: {exc.strerror}")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        render_table(report, sys.stdout, width=None if sys.stdout.isatty() else 160)
    raise SystemExit(0 if report.ok else 1)


# -- incidents -----------------------------------------------------------------------------------

def _log(config: str | None) -> IncidentLog:
    from clive_rules.city.incidents import IncidentLog

    loaded, _ = load(config)
    try:
        return IncidentLog.from_config(loaded)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None


def _when(value: str | None) -> _dt.datetime | None:
    if value is None:
        return None
    try:
        text = value.strip()
        moment = _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        fail(f"--at {value!r}: expected an ISO 8601 date and time (2024-06-01T09:30)")
        raise AssertionError("unreachable") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)


def _print_incident(item: Incident, as_json: bool) -> None:
    now = _dt.datetime.now(_dt.timezone.utc)
    if as_json:
        click.echo(json.dumps(item.to_dict(now), ensure_ascii=False))
        return
    state = "open" if item.is_open else "closed"
    click.echo(f"incident {item.id} [{state}] account {item.account}"
               + (f" ({item.platform})" if item.platform else "")
               + f", opened {item.opened_at:%Y-%m-%d %H:%M} UTC by {item.opened_by}")
    if item.summary:
        click.echo(f"  {item.summary}")
    overdue = {s.name for s in item.overdue(now)}
    from clive_rules.city.incidents import STEPS

    for step in STEPS:
        done = item.step(step.name)
        if done is not None:
            status = f"done {done.at:%Y-%m-%d %H:%M} UTC by {done.by}" + (
                f": {done.note}" if done.note else "")
        else:
            status = ("OVERDUE" if step.name in overdue else "due") + \
                f" by {item.due(step):%Y-%m-%d %H:%M} UTC"
        click.echo(f"  {step.clause} {step.name:<17} {status}")


by_option = click.option("--by", "by", required=True, help="Who did it (name).")
email_option = click.option("--email", default=None, help="Their city e-mail address.")
at_option = click.option("--at", "at", default=None,
                         help="When it happened (ISO 8601; default: now).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


@click.group()
def incident() -> None:
    """Security incidents (12.5.B): open one, record its five steps, show and list them."""


@incident.command("open")
@click.argument("account")
@config_option
@by_option
@email_option
@at_option
@click.option("--platform", default=None, help="The account's platform.")
@click.option("--summary", default="", help="What happened.")
@json_option
def open_incident(account: str, config: str | None, by: str, email: str | None,
                  at: str | None, platform: str | None, summary: str, as_json: bool) -> None:
    """Open a breach response for ACCOUNT; prints the incident's id."""
    log = _log(config)
    try:
        item = log.open(account, by=by, email=email, platform=platform, summary=summary,
                        at=_when(at))
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    finally:
        log.store.close()
    _print_incident(item, as_json)


@incident.command("step")
@click.argument("incident_id", type=int)
@click.argument("step")
@config_option
@by_option
@email_option
@at_option
@click.option("--note", default=None, help="What was done.")
@json_option
def step(incident_id: int, step: str, config: str | None, by: str, email: str | None,
         at: str | None, note: str | None, as_json: bool) -> None:
    """Record that STEP of incident INCIDENT_ID was done: respond, credentials,
    notify-followers, damage or report-it (or its clause, 12.5.B.1 to 12.5.B.5)."""
    log = _log(config)
    try:
        item = log.record_step(incident_id, step, by=by, email=email, note=note, at=_when(at))
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    finally:
        log.store.close()
    _print_incident(item, as_json)


@incident.command("show")
@click.argument("incident_id", type=int)
@config_option
@json_option
def show(incident_id: int, config: str | None, as_json: bool) -> None:
    """Show one incident and its steps."""
    log = _log(config)
    try:
        item = log.get(incident_id)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    finally:
        log.store.close()
    _print_incident(item, as_json)


@incident.command("list")
@config_option
@click.option("--open", "open_only", is_flag=True, help="Only incidents not yet closed.")
@click.option("--account", default=None, help="Only this account.")
@json_option
def list_incidents(config: str | None, open_only: bool, account: str | None,
                   as_json: bool) -> None:
    """List incidents, oldest first."""
    log = _log(config)
    try:
        items = log.find(open_only=open_only, account=account)
    except CliveRulesError as exc:
        fail(str(exc))
        raise AssertionError("unreachable") from None
    finally:
        log.store.close()
    for item in items:
        _print_incident(item, as_json)
    if not items and not as_json:
        click.echo("no incidents")

