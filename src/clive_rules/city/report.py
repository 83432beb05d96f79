"""Audit reports for people: a table on a terminal and a self-contained HTML page.

The HTML page has no external assets (styles inline, no scripts, no fonts or images from
elsewhere), so a director can open it from an e-mail attachment, and every value taken from the
inventory, a plugin or the record store is escaped.
"""

from __future__ import annotations

import html
from typing import IO

from clive_rules.city.audit import AuditReport
from clive_rules.policy import article_xii

__all__ = ["render_html", "render_table"]


def _title(clause: str) -> str:
    policy = article_xii()
    return policy.get(clause).title if clause in policy else ""


def render_table(report: AuditReport, out: IO[str], width: int | None = None) -> None:
    """Print the report as rich tables: a summary, then one row per finding."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=width, soft_wrap=False)
    summary = Table(title=f"Account audit, {report.today}"
                    + (f" ({report.source})" if report.source else ""))
    for name in ("account", "platform", "department", "findings"):
        summary.add_column(name)
    for result in report.results:
        account = result.account
        count = len(result.findings)
        summary.add_row(result.account_id, account.platform if account else "?",
                        account.department if account else "?",
                        "[green]ok[/]" if not count else f"[red]{count}[/]")
    console.print(summary)
    if not report.findings:
        console.print("[green]Every account meets the checked clauses.[/]")
        return
    table = Table(show_lines=True)
    table.add_column("account", style="bold", no_wrap=True)
    table.add_column("clause", style="cyan", no_wrap=True)
    table.add_column("status")
    table.add_column("problem", overflow="fold")
    table.add_column("what to do", overflow="fold")
    colors = {"fail": "red", "missing": "yellow"}
    from rich.markup import escape

    for f in report.findings:
        table.add_row(escape(f.account), f.clause, f"[{colors.get(f.status, 'white')}]"
                      f"{f.status}[/]", escape(f.problem), escape(f.remedy))
    console.print(table)
    for problem in report.problems:
        console.print(f"[magenta]plugin problem:[/] {escape(problem)}")


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em;color:#1b1b1b;
max-width:70em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em}
th,td{border:1px solid #ccc;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}.ok{color:#176a2c;font-weight:bold}
.fail{color:#a3161b;font-weight:bold}.missing{color:#8a5a00;font-weight:bold}
.muted{color:#666}code{font-size:.95em}
"""


def render_html(report: AuditReport) -> str:
    """The report as one self-contained HTML page (no scripts, no external assets)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Social media account audit, {e(str(report.today))}</title>",
        f"<style>{_STYLE}</style>", "</head>", "<body>",
        f"<h1>Social media account audit, {e(str(report.today))}</h1>",
        f'<p class="muted">Article XII (Social Media Use) of the City of Clive. Inventory: '
        f"<code>{e(report.source or '(none)')}</code>. "
        f"{len(report.results)} account(s), {len(report.findings)} finding(s). "
        "<em>fail</em>: the record shows the clause is not met; <em>missing</em>: the "
        "inventory does not record what the clause needs.</p>",
        "<table><thead><tr><th>Account</th><th>Platform</th><th>Department</th>"
        "<th>Findings</th></tr></thead><tbody>",
    ]
    for result in report.results:
        account = result.account
        count = len(result.findings)
        state = '<span class="ok">ok</span>' if not count else f'<span class="fail">{count}</span>'
        parts.append(
            f'<tr><td><a href="#acct-{e(result.account_id)}">{e(result.account_id)}</a></td>'
            f"<td>{e(account.platform if account else '?')}</td>"
            f"<td>{e(account.department if account else '?')}</td><td>{state}</td></tr>")
    parts.append("</tbody></table>")
    for result in report.results:
        parts.append(f'<h2 id="acct-{e(result.account_id)}">{e(result.account_id)}</h2>')
        if result.live is not None:
            live = result.live
            parts.append(
                f'<p class="muted">Live settings from {e(live.source or "a plugin")}: '
                f"visibility {e(str(live.visibility))}, logo {e(str(live.logo))}, "
                f"{len(live.recent_posts)} recent post(s).</p>")
        if result.ok:
            parts.append('<p class="ok">Meets every checked clause.</p>')
            continue
        parts.append("<table><thead><tr><th>Clause</th><th>Status</th><th>Problem</th>"
                     "<th>What to do</th><th>Field</th></tr></thead><tbody>")
        for f in result.findings:
            parts.append(
                f'<tr><td><b>{e(f.clause)}</b><br><span class="muted">{e(_title(f.clause))}'
                f'</span></td><td class="{e(f.status)}">{e(f.status)}</td>'
                f"<td>{e(f.problem)}</td><td>{e(f.remedy)}</td>"
                f"<td><code>{e(f.field or '')}</code><br>"
                f'<span class="muted">{e(f.source)}</span></td></tr>')
        parts.append("</tbody></table>")
    for problem in report.problems:
        parts.append(f'<p class="fail">Plugin problem: {e(problem)}</p>')
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
