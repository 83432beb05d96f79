"""Helpers for the table-driven tests of one rule (tests/test_rule_<name>.py).

Each table row is ``(text, expected)``: ``expected`` is ``None`` when the rule must find nothing,
else ``(category, decision)`` that one of its findings must have. Rows may carry content fields
(``kind``, ``account``, ``links``) as a third element.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from hypothesis import strategies as st

from clive_rules import Content, Engine
from clive_rules.rules import Rule, Subject
from clive_rules.rules._lexicon import KeywordGate
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
    found = findings(rule_id, row)
    if not found:  # nothing to miss (and matches() is slow with many keywords)
        return
    norm = engine().normalizer.normalize(item.text)
    prefilter = rule(rule_id).prefilter
    assert prefilter is None or prefilter.matches(item.text, norm.text, item.links), (
        rule_id, item.text, [f.evidence for f in found])


ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def benign_comments() -> tuple[str, ...]:
    """Ordinary civic comments: the benign category of benchmarks/corpus.py (about 3,200)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return tuple(r["text"] for r in generate(4000, seed=7) if r["category"] == "benign")


def prefilter_rate(rule_id: str, texts: Sequence[str]) -> float:
    """The share of ``texts`` the rule's prefilter passes."""
    prefilter = rule(rule_id).prefilter
    assert prefilter is not None
    # Prefilter.matches, with one automaton instead of a find() per keyword (thousands here)
    gate = KeywordGate.build({"k": prefilter.keywords}, {"i": prefilter.infixes})
    fold = engine().normalizer.fold
    triple = re.compile(r"([a-z])\1\1")

    def passes(text: str) -> bool:
        norm = fold(text)
        return bool(gate.signals(norm) or (prefilter.keywords and triple.search(norm))
                    or (prefilter.pattern is not None and prefilter.pattern.search(
                        text if prefilter.view == "original" else norm)))

    return sum(passes(t) for t in texts) / len(texts)


def lexicon_phrases(rule_id: str) -> list[str]:
    """Every phrase of the rule's word lists (its trigger phrases)."""
    lexicon = rule(rule_id).lexicon  # type: ignore[attr-defined]
    out: set[str] = set()
    for field in attrs.fields(type(lexicon)):
        value = getattr(lexicon, field.name)
        if isinstance(value, frozenset):
            out.update(v for v in value if isinstance(v, str))
    return sorted(out)


# How people write the gaps in a phrase, and the apostrophes in its words.
_GAPS = st.sampled_from([" ", "  ", "-", "_", ".", ". ", " - ", "...", "\t", "\u00a0", "\n",
                         " .", "-_", ".  "])
_APOSTROPHES = st.sampled_from(["'", "\u2019", "", "`", "\u2018"])


@st.composite
def disguised(draw: st.DrawFn, phrases: Sequence[str]) -> str:
    """A trigger phrase with its gaps and apostrophes written in some other way."""
    words = draw(st.sampled_from(phrases)).split()
    out = draw(st.sampled_from(["", " "]))
    for index, word in enumerate(words):
        if index:
            out += draw(_GAPS)
        out += "".join(draw(_APOSTROPHES) if c in "'\u2019" else c for c in word)
    return out


def around_triggers(rule_id: str) -> st.SearchStrategy[str]:
    """Random text with one to three of the rule's trigger phrases in it, disguised."""
    phrases = lexicon_phrases(rule_id)
    filler = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                     max_size=12) | st.sampled_from(["", " ", "you ", "the ", "they ", "@bob "])
    return st.lists(st.tuples(filler, disguised(phrases)), min_size=1, max_size=3).map(
        lambda parts: " ".join(a + b for a, b in parts))
