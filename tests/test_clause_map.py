"""docs/clause-map.md maps every clause of Article XII and is generated, so it cannot drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from clive_rules.city.clausemap import ClauseMapRow, clause_map, render_markdown
from clive_rules.policy import Clause, Governs, article_xii

DOC = Path(__file__).parents[1] / "docs" / "clause-map.md"


@pytest.fixture(scope="module")
def rows() -> list[ClauseMapRow]:
    return clause_map()


def test_the_committed_page_is_the_generated_one(rows: list[ClauseMapRow]) -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(rows), (
        "docs/clause-map.md is out of date: run "
        "python -m clive_rules.city.clausemap > docs/clause-map.md")


def test_every_clause_has_a_row_with_a_check_or_a_reason(rows: list[ClauseMapRow]) -> None:
    policy = article_xii()
    assert [r.clause for r in rows] == [c.id for c in policy]
    parents = {c.parent for c in policy if c.parent}
    for row in rows:
        assert row.checked or row.people or row.clause in parents, row.clause
        assert f"| {row.clause} |" in DOC.read_text(encoding="utf-8")


def test_rule_ids_come_from_the_engine(rows: list[ClauseMapRow]) -> None:
    by_clause = {r.clause: r for r in rows}
    assert "profanity" in by_clause["12.4.D.1"].rules
    assert "chat" in by_clause["12.4.D.10"].rules
    assert "topics" in by_clause["12.4.A.8"].rules
    assert by_clause["12.4.A.8"].posting == ("posting.routing",)
    assert by_clause["12.5.A.3"].audit == ("credential-rotation",)
    assert by_clause["12.5.B.2"].incidents == ("credentials",)
    assert by_clause["12.4.E"].moderation
    assert by_clause["12.5.A.1"].people and not by_clause["12.5.A.1"].checked


def test_a_clause_nothing_checks_fails_the_map() -> None:
    policy = article_xii()
    extra = attrs.evolve(policy, clauses=(*policy.clauses,
                                          Clause("12.5.C", "A new duty", Governs.SECURITY)))
    with pytest.raises(ValueError, match=r"clause 12.5.C \(A new duty\) has no check"):
        clause_map(extra)
    with pytest.raises(ValueError, match=r"clause 12.4.D.1 \(Profanity\) has no check"):
        clause_map(policy, rule_ids={})  # without its content rule, profanity is unchecked


def test_a_check_citing_a_clause_the_policy_lacks_fails_the_map() -> None:
    policy = article_xii()
    smaller = attrs.evolve(policy, clauses=tuple(c for c in policy if c.id != "12.3.D"))
    with pytest.raises(ValueError, match=r"'12\.3\.D'"):
        clause_map(smaller, rule_ids={})


def test_the_module_prints_the_page() -> None:
    result = subprocess.run([sys.executable, "-m", "clive_rules.city.clausemap"],
                            capture_output=True, text=True, check=True)
    assert result.stdout == DOC.read_text(encoding="utf-8")
