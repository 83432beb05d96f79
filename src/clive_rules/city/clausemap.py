"""The clause map: what checks each clause of Article XII, generated so it cannot drift.

Every clause of the catalogue (:func:`clive_rules.policy.article_xii`) gets a row naming what
checks it: the content rules that cite it (asked of a default engine with the built-in plugins
only), the posting checks (:data:`~clive_rules.city.posting.POSTING_CHECKS`), the account audit
(:data:`~clive_rules.city.audit.AUDIT_CHECKS`), the incident workflow
(:data:`~clive_rules.city.incidents.STEPS`), the record store and moderation service, and, where
software cannot decide, why it is a matter for people. :func:`clause_map` raises when a clause
has neither a check nor a reason.

Regenerate ``docs/clause-map.md`` with::

    python -m clive_rules.city.clausemap > docs/clause-map.md
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

import attrs

from clive_rules.policy import Policy, article_xii

__all__ = ["MODERATION", "PEOPLE", "ClauseMapRow", "clause_map", "main", "render_markdown"]

MODERATION: Mapping[str, str] = {
    "12.4.A.3": "`clive-rules scan` and `clive-rules serve` check every comment and reply as "
                "it arrives",
    "12.4.A.4": "the public record keeps removed content readable (`clive-rules records "
                "export`)",
    "12.4.E": "the moderation service records every removal with its reason in the "
              "hash-chained public record (`clive-rules moderate`, `records export`, "
              "`records verify`)",
    "12.4.F": "the moderation service sends the policy's warning on a first removal and blocks "
              "on the second (strikes in the record)",
    "12.4.G": "the moderation service removes inappropriate tags (content of kind `tag`)",
}
"""Clause -> what the record store and moderation service do for it (12.4.E-G and others)."""

PEOPLE: Mapping[str, str] = {
    "12.3.B": "whether the city website has a page for a matter is known to staff; the "
              "posting check can only suggest the configured page",
    "12.3.F": "compliance with copyright, records, FOIA, free-speech, privacy and security law "
              "needs legal judgement; software supports it (the public record, review instead "
              "of removal) but cannot certify it",
    "12.3.J": "how employees conduct themselves is a personnel matter under the Disciplinary "
              "Action Procedures; drafts still go through the posting checks",
    "12.4.A.1": "whether a post strengthens the city's image and community relations is an "
                "editorial judgement",
    "12.4.A.2": "accuracy and timeliness need knowledge of the facts, which software does not "
                "have",
    "12.4.A.4": "answering a request for documents is a public-records process run by staff",
    "12.4.A.6": "politeness and a factual tone are judgement; the content rules only catch "
                "what is prohibited outright",
    "12.4.A.7": "pausing and asking the director is a habit; `check-post` holds doubtful drafts "
                "so that someone does ask",
    "12.4.D.4": "whether material violates someone's legal ownership (copyright) needs a "
                "person; the rules flag safety threats and posted credentials, and the posting "
                "check asks for the owner's permission (12.4.A.5)",
    "12.4.D.9": "whether a statement is false cannot be known from the text; accusations go to "
                "review",
    "12.5.A.1": "leaving a logged-in workstation unattended is physical security that no "
                "software here can see",
}
"""Clause -> why (part of) it is a matter for people, not software."""


@attrs.frozen
class ClauseMapRow:
    """What checks one clause.

    :ivar clause: the clause id; :ivar title: its summary; :ivar governs: what it governs.
    :ivar rules: the ids of the content rules that cite it.
    :ivar posting: the posting checks that cite it.
    :ivar audit: the account-audit checks that cite it.
    :ivar incidents: the incident steps (12.5.B) that track it.
    :ivar moderation: what the record store and moderation service do for it.
    :ivar people: why it is (also) a matter for people, not software.
    """

    clause: str
    title: str
    governs: str
    rules: tuple[str, ...] = ()
    posting: tuple[str, ...] = ()
    audit: tuple[str, ...] = ()
    incidents: tuple[str, ...] = ()
    moderation: str | None = None
    people: str | None = None

    @property
    def checked(self) -> bool:
        """Whether any software checks it."""
        return bool(self.rules or self.posting or self.audit or self.incidents
                    or self.moderation)

    def checked_by(self) -> list[str]:
        """One phrase per kind of check."""
        out = []
        if self.rules:
            out.append("content rule " + ", ".join(f"`{r}`" for r in self.rules))
        if self.posting:
            out.append("posting check " + ", ".join(f"`{r}`" for r in self.posting))
        if self.audit:
            out.append("account audit " + ", ".join(f"`{r}`" for r in self.audit))
        if self.incidents:
            out.append("incident workflow " + ", ".join(f"`{r}`" for r in self.incidents))
        if self.moderation:
            out.append("records and moderation: " + self.moderation)
        return out


def _rule_ids() -> dict[str, list[str]]:
    """Clause -> ids of the built-in content rules citing it (installed plugins left out)."""
    from clive_rules.engine import Engine
    from clive_rules.plugins import PluginManager

    manager = PluginManager.create(entrypoints=False, environ={})
    engine = Engine.default({}, plugins=manager)
    out: dict[str, list[str]] = {}
    for rule in engine.rules:
        for clause in rule.clauses:
            out.setdefault(clause, []).append(rule.id)
    return out


def _covered(clause: str, table: Mapping[str, tuple[Sequence[str], str]]) -> tuple[str, ...]:
    return tuple(name for name, (clauses, _) in table.items() if clause in clauses)


def clause_map(policy: Policy | None = None,
               rule_ids: Mapping[str, Sequence[str]] | None = None) -> list[ClauseMapRow]:
    """One row per clause of ``policy`` (Article XII when ``None``), in policy order.

    :param rule_ids: clause -> content rule ids (asked of a default engine when ``None``).
    :raises ValueError: when a clause has neither a check nor a reason for people, or a check
        cites a clause the policy does not have.
    """
    from clive_rules.city.audit import AUDIT_CHECKS
    from clive_rules.city.incidents import STEPS
    from clive_rules.city.posting import POSTING_CHECKS

    policy = policy if policy is not None else article_xii()
    rules = rule_ids if rule_ids is not None else _rule_ids()
    for table in (POSTING_CHECKS, AUDIT_CHECKS):
        for name, (clauses, _) in table.items():
            for cited in clauses:
                if cited not in policy:
                    raise ValueError(f"check {name!r} cites {cited!r}, which policy "
                                     f"{policy.version} does not have")
    for named in (*MODERATION, *PEOPLE):
        if named not in policy:
            raise ValueError(f"the clause map names {named!r}, which policy {policy.version} "
                             "does not have")
    rows = []
    for clause in policy:
        items = policy.items_of(clause.id)
        ids = list(rules.get(clause.id, ()))
        if clause.id == "12.4.D":  # the list's parent: every rule citing one of its items
            ids = [r for item in items for r in rules.get(item.id, ())]
        row = ClauseMapRow(
            clause=clause.id, title=clause.title, governs=clause.governs.value,
            rules=tuple(dict.fromkeys(ids)),
            posting=_covered(clause.id, POSTING_CHECKS),
            audit=_covered(clause.id, AUDIT_CHECKS),
            incidents=tuple(s.name for s in STEPS if s.clause == clause.id) or (
                tuple(s.name for s in STEPS) if clause.id == "12.5.B" else ()),
            moderation=MODERATION.get(clause.id),
            people=PEOPLE.get(clause.id),
        )
        if not row.checked and row.people is None:
            if items:  # a parent clause: its items say what checks it
                rows.append(row)
                continue
            raise ValueError(f"clause {clause.id} ({clause.title}) has no check and no reason "
                             "why it is a matter for people: add one to the clause map")
        rows.append(row)
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(rows: Sequence[ClauseMapRow] | None = None,
                    policy: Policy | None = None) -> str:
    """``docs/clause-map.md``: the rows as a MyST page, one table per section."""
    policy = policy if policy is not None else article_xii()
    rows = list(rows) if rows is not None else clause_map(policy)
    children = {c.parent for c in policy if c.parent}
    lines = [
        "# Clause map: what checks each clause of Article XII",
        "",
        "<!-- Generated by `python -m clive_rules.city.clausemap > docs/clause-map.md`; do not "
        "edit by hand (tests/test_clause_map.py fails when this page is out of date). -->",
        "",
        f"Policy `{policy.version}`. Every clause and listed item of Article XII is below, with "
        "what checks it: a **content rule** of the engine (the rule ids that cite it), a "
        "**posting check** on the city's drafts (`clive-rules check-post`), the **account "
        "audit** (`clive-rules audit`), the **incident workflow** (`clive-rules incident`), the "
        "**records and moderation** service, or why it is **a matter for people**, not "
        "software. See {doc}`city-side` for the posting checks, the audit and incidents.",
    ]
    section = None
    for row in rows:
        head = ".".join(row.clause.split(".")[:2])
        if head != section:
            section = head
            lines += ["", f"## Section {section}", "",
                      "| Clause | Summary | Checked by | A matter for people because |",
                      "|---|---|---|---|"]
        checked = "; ".join(row.checked_by())
        if not checked and row.clause in children:
            checked = "see its items below"
        lines.append(f"| {row.clause} | {_cell(row.title)} | {_cell(checked) or '-'} | "
                     f"{_cell(row.people or '') or '-'} |")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the clause map page (``python -m clive_rules.city.clausemap``)."""
    sys.stdout.write(render_markdown())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
