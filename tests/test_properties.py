"""Property tests over all rules, written with the testing kit (strategies + pytest plugin).

The ``clive_engine`` fixture comes from the clive_rules pytest plugin (session scope, the
project's configuration). Known gaps of the rules, found by these strategies, are listed below
as strict xfails: when a rule is fixed, the xfail passes, fails the run, and the entry goes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, assume, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clive_rules import Content, ContentKind, Decision, Engine, Verdict
from clive_rules.strategies import (
    CLAUSE_STRATEGIES,
    DISGUISES,
    Violation,
    benign_comments,
    contents,
    discriminatory_comments,
    obfuscated,
    off_topic_comments,
    profane_comments,
    violations,
)
from clive_rules.testing import assert_allows, assert_flags, describe


def _flags(engine: Engine, content: Content, clause: str) -> bool:
    verdict = engine.evaluate(content)
    return any(f.clause == clause and engine.decision_for(f) is not Decision.ALLOW
               for f in verdict.findings)


def _after_one_letter_word(violation: Violation) -> bool:
    """Whether the trigger follows a one-letter word: with the same separator ("a b o m b"),
    the normaliser cannot tell the word from the spaced-out letters after it and joins them.
    """
    return re.search(r"(?<![^\W\d_])[^\W\d_][\s\W]*$",
                     violation.text[:violation.trigger[0]]) is not None


# -- violations stay caught under disguise -------------------------------------------------


@pytest.mark.parametrize("clause", list(CLAUSE_STRATEGIES))
@given(data=st.data())
def test_a_caught_violation_stays_caught_under_every_supported_disguise(
    clive_engine: Engine, clause: str, data: st.DataObject
) -> None:
    plain = data.draw(CLAUSE_STRATEGIES[clause](), label="plain")
    assume(_flags(clive_engine, plain.content, clause))
    disguised = data.draw(obfuscated(st.just(plain)), label="disguised")
    if "separator" in disguised.applied:
        assume(not _after_one_letter_word(disguised))
    if disguised.applied:
        assert disguised.text != plain.text
        assert set(disguised.applied) <= plain.disguises
    assert_flags(clive_engine, disguised)


@pytest.mark.parametrize("disguise", list(DISGUISES))
@given(data=st.data())
def test_each_disguise_alone_keeps_profanity_caught(
    clive_engine: Engine, disguise: str, data: st.DataObject
) -> None:
    violation = data.draw(obfuscated(profane_comments(), disguises=[disguise]))
    assume(violation.applied)  # a word may have no letter this disguise can stand for
    assert violation.applied == (disguise,)
    assert_flags(clive_engine, violation)


def test_spaced_word_after_a_one_letter_word(clive_engine: Engine) -> None:
    assert_flags(clive_engine, "There's a b.o.m.b in City Hall. Better not show up.", "12.4.D.4")


# -- benign speech is allowed ----------------------------------------------------------------


@given(benign_comments())
def test_benign_civic_comments_are_allowed(clive_engine: Engine, content: Content) -> None:
    assert_allows(clive_engine, content)


# -- verdicts and spans --------------------------------------------------------------------

_ANY_CONTENT = st.one_of(
    contents(),
    violations().map(lambda v: v.content),
    obfuscated(violations()).map(lambda v: v.content),
    benign_comments(),
)


@given(_ANY_CONTENT)
def test_verdicts_round_trip_through_json(clive_engine: Engine, content: Content) -> None:
    verdict = clive_engine.evaluate(content)
    assert Verdict.from_dict(json.loads(json.dumps(verdict.to_dict()))) == verdict


@given(_ANY_CONTENT)
def test_spans_point_into_the_original_text(clive_engine: Engine, content: Content) -> None:
    verdict = clive_engine.evaluate(content)
    for finding in verdict.findings:
        assert 0 <= finding.start <= finding.end <= len(content.text), describe(verdict, content)


@given(obfuscated(violations(clauses=[c for c in CLAUSE_STRATEGIES
                                      if c not in ("12.4.D.8", "12.4.D.10")])))
def test_a_finding_of_the_clause_points_at_the_trigger(
    clive_engine: Engine, violation: Violation
) -> None:
    start, end = violation.trigger
    assume(start < end)
    if "separator" in violation.applied:
        assume(not _after_one_letter_word(violation))
    findings = [f for f in clive_engine.evaluate(violation.content).findings
                if f.clause == violation.clause]
    assume(findings)  # a miss is the coverage report's business, not this test's
    assert any(f.start < end and start < f.end for f in findings), (
        f"no {violation.clause} finding overlaps {violation.trigger_text!r}\n"
        + describe(clive_engine.evaluate(violation.content), violation.content))


@given(st.lists(_ANY_CONTENT, max_size=8))
def test_evaluate_many_agrees_with_evaluate(clive_engine: Engine, items: list[Content]) -> None:
    assert list(clive_engine.evaluate_many(items, batch_size=3)) == [
        clive_engine.evaluate(c) for c in items]


# -- the engine never raises ---------------------------------------------------------------

# Every code point, surrogates and control characters included.
_ANY_CHARACTER = st.characters(codec=None, categories=None, exclude_categories=())


@given(st.text(_ANY_CHARACTER), st.sampled_from(list(ContentKind)))
def test_the_engine_never_raises_on_any_text(
    clive_engine: Engine, text: str, kind: ContentKind
) -> None:
    content = Content(text=text, kind=kind, account="parks", parent_text=text[::-1])
    verdict = clive_engine.evaluate(content)
    first, _ = clive_engine.evaluate_many([content, Content(text="ok")])
    assert first == verdict


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.data_too_large])
@given(st.one_of(
    st.text(_ANY_CHARACTER, max_size=20_000),
    # a chunk repeated up to 20,000 characters, so that long inputs are certain
    st.builds(lambda chunk, n: (chunk * n)[:20_000], st.text(_ANY_CHARACTER, min_size=1,
                                                               max_size=60),
              st.integers(min_value=100, max_value=20_000)),
))
def test_the_engine_never_raises_on_very_long_text(clive_engine: Engine, text: str) -> None:
    verdict = clive_engine.evaluate(Content(text=text))
    assert all(f.end <= len(text) for f in verdict.findings)


# -- the strategies themselves -------------------------------------------------------------


def test_strategies_shrink_to_the_documented_plainest_example() -> None:
    assert find(discriminatory_comments(), lambda _: True).text == (
        "Muslims shouldn't be allowed to rent the community room. They don't belong in Clive.")
    simplest = find(obfuscated(profane_comments()), lambda v: bool(v.applied))
    assert len(simplest.applied) == 1
    assert find(contents(), lambda _: True) == Content(text="")


@pytest.mark.parametrize("make", [
    lambda: off_topic_comments(department="aquarium"),
    lambda: benign_comments(department="nowhere"),
    lambda: obfuscated(profane_comments(), disguises=["invisible ink"]),
    lambda: violations(clauses=["12.4.D.11"]),
    lambda: contents(kinds=[]),
])
def test_bad_arguments_are_refused(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


@given(st.from_type(Content))
def test_from_type_draws_content_through_the_entry_point(content: Content) -> None:
    assert isinstance(content, Content)


def test_from_type_uses_the_kits_strategy() -> None:
    assert find(st.from_type(Content), lambda c: c.account is not None).account == "parks"


def test_importing_hypothesis_does_not_import_the_strategies_or_heavy_libraries() -> None:
    heavy = ["clive_rules.strategies", "clive_rules.engine.Engine", "regex", "ahocorasick",
             "tldextract", "phonenumbers", "usaddress", "sqlalchemy"]
    code = ("import sys, hypothesis, clive_rules.pytest_plugin; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", out.stderr
