"""The clause catalogue against the policy text itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clive_rules.policy import Governs, UnknownClauseError, article_xii

POLICY_TEXT = Path(__file__).resolve().parents[2] / "shared" / "policy" / \
    "article-xii-social-media-use.txt"


def _lettered_clauses_in_text() -> set[str]:
    """Every lettered clause of 12.3, 12.4 and 12.5 as the policy text lays them out."""
    text = POLICY_TEXT.read_text("utf-8")
    ids: set[str] = set()
    section = None
    for line in text.splitlines():
        heading = re.match(r"^(12\.[345]) ", line)
        if heading:
            section = heading.group(1)
        elif line.startswith("- A. When posting"):  # the unnumbered section is 12.4
            section = "12.4"
        letter = re.match(r"^- ([A-J])\. ", line)
        if letter and section:
            ids.add(f"{section}.{letter.group(1)}")
    return ids


def test_every_lettered_clause_of_the_policy_text_is_in_the_catalogue() -> None:
    if not POLICY_TEXT.exists():
        pytest.fail(f"policy text not found at {POLICY_TEXT} (shared/ must sit beside the repo)")
    expected = _lettered_clauses_in_text()
    assert len(expected) == 19  # 12.3.A-J, 12.4.A-G, 12.5.A-B
    catalogue = {c.id for c in article_xii() if c.parent is None}
    assert expected == catalogue


def test_prohibited_content_items_follow_the_contract() -> None:
    policy = article_xii()
    items = policy.items_of("12.4.D")
    assert [c.id for c in items] == [f"12.4.D.{n}" for n in range(1, 11)]
    assert all(c.governs is Governs.RESIDENT_CONTENT for c in items)
    assert policy.get("12.4.D.1").parent == "12.4.D"
    assert policy.get("12.4.D").parent is None


@pytest.mark.parametrize(("clause", "count"), [("12.4.A", 8), ("12.4.B", 5), ("12.5.A", 3),
                                               ("12.5.B", 5), ("12.3.H", 4)])
def test_listed_items_are_numbered_in_policy_order(clause: str, count: int) -> None:
    items = article_xii().items_of(clause)
    assert [c.id for c in items] == [f"{clause}.{n}" for n in range(1, count + 1)]


def test_unknown_clause_is_a_clear_error() -> None:
    with pytest.raises(UnknownClauseError, match=r"'12.9.Z' is not in policy article-xii/1"):
        article_xii().get("12.9.Z")


def test_policy_is_immutable_and_versioned() -> None:
    policy = article_xii()
    assert policy.version == "article-xii/1"
    assert policy.effective.year == 2026
    with pytest.raises(AttributeError):
        policy.version = "x"  # type: ignore[misc]
    assert "12.4.G" in policy and "12.6.A" not in policy
