"""Helpers for the table-driven tests of one rule (tests/test_rule_<name>.py).

Each table row is ``(text, expected)``: ``expected`` is ``None`` when the rule must find nothing,
else ``(category, decision)`` that one of its findings must have. Rows may carry content fields
(``kind``, ``account``, ``links``) as a third element.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from clive_rules import Content, Engine
from clive_rules.rules import Rule, Subject
from clive_rules.verdict import Decision, Finding

Row = tuple[Any, ...]

@functools.cache
def engine() -> Engine:
    """The default engine (built once per test session)."""
    return Engine.default()


def rule(rule_id: str) -> Rule:
    """The built-in rule with this id, as the default engine configures it."""
    return next(r for r in engine().rules if r.id == rule_id)


def content(row: Row) -> Content:
    """The content item of a table row."""
    extra: Mapping[str, Any] = row[2] if len(row) > 2 else {}
    return Content(text=row[0], **extra)


def findings(rule_id: str, row: Row) -> list[Finding]:
    """What the rule finds in the row's item (through the rule alone)."""
    item = content(row)
    subject = Subject(item, engine().normalizer.normalize(item.text))
    target = rule(rule_id)
    if target.kinds is not None and item.kind not in target.kinds:
        return []
    return list(target.evaluate(subject))


def check_row(rule_id: str, row: Row) -> None:
    """Assert the row's expectation, and that each finding's span points into the text."""
    found = findings(rule_id, row)
    expected = row[1]
    shown = [(f.category, f.decision.value, f.evidence, f.explanation) for f in found]
    if expected is None:
        assert not found, shown
        return
    category, decision = expected
    assert any(f.category == category and f.decision is Decision(decision) for f in found), shown
    text = row[0]
    for f in found:
        assert 0 <= f.start <= f.end <= len(text)


def check_superset(rule_id: str, row: Row) -> None:
    """If the rule's prefilter does not match the row's text, the rule finds nothing there."""
    item = content(row)
    norm = engine().normalizer.normalize(item.text)
    prefilter = rule(rule_id).prefilter
    if prefilter is None or prefilter.matches(item.text, norm.text, item.links):
        return
    assert not findings(rule_id, row), (rule_id, item.text)
