"""The ``clive-rules`` command line (shapes fixed by CONTRACT.md).

Exit status: 0 when all went well (for ``check``: the text is allowed); 1 when ``check`` holds the
text for review or removes it, or ``scan --fail-on`` matched; 2 for a usage or input error (a
missing or unreadable file, a bad configuration, malformed records). Errors are one line on
standard error, never a traceback.
"""

from __future__ import annotations

import csv
import importlib
import itertools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import click

from clive_rules.content import Content
from clive_rules.errors import CliveRulesError
from clive_rules.verdict import Decision, Verdict

__all__ = ["main"]

# Subcommands loaded on first use, so `clive-rules check` does not import a database layer.
# name -> "module:attribute". Plugins' and optional parts' commands are added here.
_LAZY_COMMANDS: dict[str, str] = {
    "check": "clive_rules.cli:check",
    "scan": "clive_rules.cli:scan",
    "clauses": "clive_rules.cli:clauses",
    "serve": "clive_rules.serve:serve",
    "records": "clive_rules.records.cli:records",
    "moderate": "clive_rules.records.cli:moderate",
    "check-post": "clive_rules.city.cli:check_post",
    "audit": "clive_rules.city.cli:audit",
    "incident": "clive_rules.city.cli:incident",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


def fail(message: str) -> None:
    """Print a one-line error and exit with status 2."""
    click.echo(f"clive-rules: error: {message}", err=True)
    raise SystemExit(2)


def load_engine(config: str | None) -> Any:
    """The default engine with this configuration file; a bad one is a one-line error."""
    from clive_rules.engine import Engine

    try:
        return Engine.default(config)
    except CliveRulesError as exc:
        fail(str(exc))


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="clive-rules")
def main() -> None:
    """Apply the City of Clive's Social Media Use Policy (Article XII) to content."""


config_option = click.option(
    "--config", "config", type=click.Path(dir_okay=False), default=None,
    envvar="CLIVE_RULES_CONFIG", help="TOML configuration file.",
)


def _describe(verdict: Verdict) -> str:
    if not verdict.findings:
        return verdict.decision.value
    lines = [f"{verdict.decision.value}: {', '.join(verdict.clauses)}"]
    for f in verdict.findings:
        lines.append(f"  {f.clause} [{f.rule}] {f.start}-{f.end} {f.evidence!r} "
                     f"({f.confidence:.2f}): {f.explanation}")
    for a in verdict.actions:
        target = f" -> {a.target}" if a.target else ""
        lines.append(f"  action: {a.kind.value}{target}")
    return "\n".join(lines)


@click.command()
@click.argument("text")
@config_option
@click.option("--kind", default="comment", show_default=True, help="Content kind.")
@click.option("--account", default=None, help="The city account (department) it was posted to.")
@click.option("--parent", "parent_text", default=None, help="Text of the post it replies to.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
def check(
    text: str, config: str | None, kind: str, account: str | None, parent_text: str | None,
    as_json: bool,
) -> None:
    """Print the verdict on one TEXT (exit 0 allowed, 1 review or remove, 2 error)."""
    engine = load_engine(config)
    try:
        content = Content(text=text, kind=kind, account=account, parent_text=parent_text)
    except CliveRulesError as exc:
        fail(str(exc))
    verdict = engine.evaluate(content)
    if as_json:
        click.echo(json.dumps(verdict.to_dict(), ensure_ascii=False))
    else:
        click.echo(_describe(verdict))
    raise SystemExit(0 if verdict.decision is Decision.ALLOW else 1)


def _open_input(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    target = Path(path)
    if target.is_dir():
        fail(f"{path}: is a directory")
    try:
        return target.open("rb")
    except FileNotFoundError:
        fail(f"{path}: no such file")
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror}")
    raise AssertionError("unreachable")


class _TableWriter:
    """Writes verdicts as rich tables, one per chunk of rows, so memory stays bounded."""

    def __init__(self, out: IO[str], chunk: int = 500) -> None:
        from rich.console import Console

        self.console = Console(file=out, soft_wrap=False,
                               width=None if out.isatty() else 160)
        self.chunk = chunk
        self.rows: list[tuple[str, ...]] = []

    def add(self, row: dict[str, Any], text: str) -> None:
        if "error" in row:
            self.rows.append((str(row["id"]), "error", "", row["error"] or "", ""))
            return
        findings = row["findings"]
        why = "; ".join(f"{f['clause']}: {f['explanation']}" for f in findings[:3])
        if len(findings) > 3:
            why += f" (+{len(findings) - 3} more)"
        targets = [a["target"] for a in row["actions"] if a.get("target")]
        if targets:
            why += f" [redirect to {', '.join(targets)}]"
        short = text if len(text) <= 60 else text[:57] + "..."
        self.rows.append((str(row["id"]), row["decision"], ", ".join(row["clauses"]), why,
                          short))
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self) -> None:
        from rich.table import Table

        if not self.rows:
            return
        table = Table(show_lines=False)
        for name, style in (("id", "dim"), ("decision", "bold"), ("clauses", "cyan"),
                            ("why", ""), ("text", "dim")):
            table.add_column(name, style=style or None, overflow="fold")
        colors = {"allow": "green", "review": "yellow", "remove": "red", "error": "magenta"}
        for row in self.rows:
            table.add_row(row[0], f"[{colors[row[1]]}]{row[1]}[/]", *row[2:])
        self.console.print(table)
        self.rows = []


_CSV_COLUMNS = ("id", "decision", "clauses", "rules", "evidence", "explanations", "actions",
                "error")


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    if "error" in row:
        return {"id": row["id"], "decision": "", "error": row["error"]}
    findings = row["findings"]
    return {
        "id": row["id"],
        "decision": row["decision"],
        "clauses": ";".join(row["clauses"]),
        "rules": ";".join(dict.fromkeys(f["rule"] for f in findings)),
        "evidence": ";".join(f["evidence"] for f in findings),
        "explanations": " | ".join(f["explanation"] for f in findings),
        "actions": ";".join(a["kind"] + (":" + a["target"] if a.get("target") else "")
                            for a in row["actions"]),
        "error": "",
    }


def _progress(path: str, stream: IO[bytes]) -> Any:
    """A rich progress bar on a terminal's stderr for a file input; ``None`` otherwise."""
    if path == "-" or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    size = os.fstat(stream.fileno()).st_size
    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        DownloadColumn(), TimeRemainingColumn(),
                        console=Console(file=sys.stderr), transient=True)
    progress.add_task("scanning", total=size)
    return progress


def _batches(records: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while True:
        batch = list(itertools.islice(records, size))
        if not batch:
            return
        yield batch


@click.command()
@click.argument("path")
@config_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default=None,
              help="Output format [default: table on a terminal, else jsonl].")
@click.option("--input-format", type=click.Choice(["auto", "jsonl", "csv"]), default="auto",
              show_default=True, help="Input format.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write verdicts ('-' for standard output).")
@click.option("--strict", is_flag=True, help="Stop at the first malformed record.")
@click.option("--fail-on", type=click.Choice(["review", "remove"]), default=None,
              help="Exit 1 when any record gets this decision or a more severe one.")
@click.option("--platform", default=None,
              help="Each input line is this platform's raw payload, read by its connector.")
def scan(
    path: str, config: str | None, fmt: str | None, input_format: str, output: str,
    strict: bool, fail_on: str | None, platform: str | None = None,
) -> None:
    """Evaluate every record of PATH (JSON Lines or CSV; '-' for stdin), in input order."""
    from clive_rules.io import InputError, read_records, verdict_row

    engine = load_engine(config)
    stream = _open_input(path)
    try:
        out: IO[str] = sys.stdout if output == "-" else open(output, "w", encoding="utf-8",  # noqa: SIM115
                                                             newline="")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror}")
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    progress = _progress(path, stream)
    advance = None
    if progress is not None:
        progress.start()
        task = progress.task_ids[0]
        advance = lambda n: progress.advance(task, n)  # noqa: E731
    bad = 0
    worst = Decision.ALLOW
    table = _TableWriter(out) if fmt == "table" else None
    writer = (csv.DictWriter(out, fieldnames=_CSV_COLUMNS, lineterminator="\n")
              if fmt == "csv" else None)
    if writer is not None:
        writer.writeheader()
    try:
        if platform is not None:  # the platform's own payloads, through its connector
            from clive_rules.connectors import connector_for, payload_records

            records = payload_records(stream, connector_for(engine, platform))
        else:
            records = read_records(stream, input_format, on_bytes=advance)  # type: ignore[arg-type]
        for batch in _batches(records, 512):
            contents = [r.content for r in batch if r.content is not None]
            verdicts = iter(engine.evaluate_many(contents))
            for record in batch:
                verdict = next(verdicts) if record.content is not None else None
                if verdict is None:
                    bad += 1
                    click.echo(f"clive-rules: record {record.number}: {record.error}", err=True)
                    if strict:
                        fail(f"stopped at malformed record {record.number} (--strict)")
                else:
                    worst = Decision.most_severe([worst, verdict.decision])
                row = verdict_row(record, verdict)
                if table is not None:
                    table.add(row, record.content.text if record.content else "")
                elif writer is not None:
                    writer.writerow(_csv_row(row))
                else:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
    except InputError as exc:
        fail(f"{path}: {exc}")
    except CliveRulesError as exc:
        fail(str(exc))
    finally:
        if progress is not None:
            progress.stop()
        if path != "-":
            stream.close()
    if table is not None:
        table.flush()
    if out is not sys.stdout:
        out.close()
    if bad:
        click.echo(f"clive-rules: {bad} malformed record(s) reported above", err=True)
        raise SystemExit(2)
    if fail_on is not None and worst.severity >= Decision(fail_on).severity:
        raise SystemExit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
@click.option("--governs", default=None, help="Only clauses governing this (e.g. accounts).")
def clauses(as_json: bool, governs: str | None) -> None:
    """List the clause catalogue of Article XII."""
    from clive_rules.policy import Governs, article_xii

    policy = article_xii()
    selected: Sequence[Any] = policy.clauses
    if governs is not None:
        try:
            kind = Governs(governs)
        except ValueError:
            fail(f"--governs must be one of {', '.join(g.value for g in Governs)}")
        selected = [c for c in policy.clauses if c.governs is kind]
    if as_json:
        for clause in selected:
            click.echo(json.dumps({"id": clause.id, "title": clause.title,
                                   "governs": clause.governs.value,
                                   "policy_version": policy.version}))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Article XII ({policy.version}, effective {policy.effective})")
    table.add_column("clause", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("governs", style="dim")
    for clause in selected:
        indent = "  " if clause.parent else ""
        table.add_row(clause.id, indent + clause.title, clause.governs.value)
    Console(width=None if sys.stdout.isatty() else 120).print(table)
