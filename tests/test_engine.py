"""The engine: rule checks, combinators, decisions, configuration, and the batch fast path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clive_rules import (
    AllOf,
    AnyOf,
    ConfigError,
    Content,
    ContentKind,
    Decision,
    Engine,
    Finding,
    Not,
    OnlyFor,
    Prefilter,
    RuleError,
    Subject,
)
from clive_rules.verdict import ActionKind


@attrs.frozen
class WordRule:
    """A test rule: flags a literal word, citing one clause."""

    id: str
    word: str
    clauses: tuple[str, ...] = ("12.4.D.1",)
    kinds: frozenset[ContentKind] | None = None
    decision: Decision = Decision.REMOVE
    confidence: float = 0.9
    use_prefilter: bool = True

    @property
    def prefilter(self) -> Prefilter | None:
        return Prefilter(re.compile(re.escape(self.word))) if self.use_prefilter else None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        return [
            Finding(clause=self.clauses[0], rule=self.id, start=start, end=end,
                    evidence=subject.norm.original[start:end], confidence=self.confidence,
                    explanation=f"found {self.word}", decision=self.decision)
            for start, end in (subject.norm.span(*m.span())
                               for m in re.finditer(re.escape(self.word), subject.norm.text))
        ]


def test_a_rule_that_cites_no_clause_is_refused_by_name() -> None:
    with pytest.raises(RuleError, match="rule 'silent' cites no clause"):
        Engine.from_rules([WordRule("silent", "x", clauses=())])


def test_a_rule_citing_a_clause_the_policy_lacks_is_refused() -> None:
    with pytest.raises(RuleError, match=r"rule 'odd' cites '12.9.Z'"):
        Engine.from_rules([WordRule("odd", "x", clauses=("12.9.Z",))])


def test_duplicate_rule_ids_are_refused() -> None:
    with pytest.raises(RuleError, match="two rules have the id 'a'"):
        Engine.from_rules([WordRule("a", "x"), WordRule("a", "y")])


def test_verdict_names_clauses_spans_and_actions() -> None:
    engine = Engine.from_rules([WordRule("w", "darn"), WordRule("v", "heck",
                                                                 clauses=("12.4.D.8",),
                                                                 decision=Decision.REVIEW)])
    verdict = engine.evaluate(Content(text="oh heck, DARN it", id="c1"))
    assert verdict.content_id == "c1"
    assert verdict.decision is Decision.REMOVE
    assert verdict.clauses == ("12.4.D.8", "12.4.D.1")
    assert [(f.start, f.end, f.evidence) for f in verdict.findings] == [(3, 7, "heck"),
                                                                         (9, 13, "DARN")]
    kinds = [a.kind for a in verdict.actions]
    assert kinds == [ActionKind.REMOVE, ActionKind.WARN_AUTHOR]
    assert verdict.actions[0].clauses == ("12.4.D.1",)
    assert verdict.policy_version == "article-xii/1"


def test_tags_get_remove_tag_and_review_gets_hold() -> None:
    engine = Engine.from_rules([WordRule("w", "darn"),
                                WordRule("r", "meh", decision=Decision.REVIEW)])
    tag = engine.evaluate(Content(text="darn", kind="tag"))
    assert tag.actions[0].kind is ActionKind.REMOVE_TAG
    held = engine.evaluate(Content(text="meh"))
    assert held.decision is Decision.REVIEW
    assert [a.kind for a in held.actions] == [ActionKind.HOLD_FOR_REVIEW]


def test_configured_caps_and_confidence_lower_decisions() -> None:
    rule = WordRule("w", "darn")
    capped = Engine.from_rules([rule], config={"engine": {"decisions": {"12.4.D.1": "review"}}})
    assert capped.evaluate(Content(text="darn")).decision is Decision.REVIEW
    unsure = Engine.from_rules([WordRule("w", "darn", confidence=0.5)])
    assert unsure.evaluate(Content(text="darn")).decision is Decision.REVIEW
    # A plugin's clause without a cap is capped at review.
    other = Engine.from_rules([WordRule("w", "darn", clauses=("12.4.A.6",))])
    assert other.evaluate(Content(text="darn")).decision is Decision.REVIEW


def test_bad_decision_config_names_the_key() -> None:
    with pytest.raises(ConfigError, match=r"engine.decisions.12.4.D.1.*allow, review or remove"):
        Engine.from_rules([], config={"engine": {"decisions": {"12.4.D.1": "delete"}}})
    with pytest.raises(ConfigError, match=r"no clause '12\.9\.Z'"):
        Engine.from_rules([], config={"engine": {"decisions": {"12.9.Z": "review"}}})


def test_combinators_keep_every_childs_findings() -> None:
    a, b = WordRule("a", "foo"), WordRule("b", "bar")
    content = Content(text="foo bar")
    subject = Subject(content, Engine.from_rules([]).normalizer.normalize(content.text))
    assert [f.rule for f in AnyOf((a, b)).evaluate(subject)] == ["a", "b"]
    assert [f.rule for f in AllOf((a, b)).evaluate(subject)] == ["a", "b"]
    assert list(AllOf((a, WordRule("c", "baz"))).evaluate(subject)) == []
    negated = Not(WordRule("c", "baz"), clause="12.4.D.8", explanation="no baz")
    assert [f.clause for f in negated.evaluate(subject)] == ["12.4.D.8"]
    assert list(Not(a, clause="12.4.D.8", explanation="x").evaluate(subject)) == []
    only = OnlyFor(a, kinds=["chat"], platforms=["facebook"], accounts=["parks"])
    assert list(only.evaluate(subject)) == []
    chat = Content(text="foo", kind="chat", platform="facebook", account="parks")
    chat_subject = Subject(chat, subject.norm)
    assert [f.rule for f in only.evaluate(chat_subject)] == ["a"]
    engine = Engine.from_rules([AnyOf((a, b), id="either"), only])
    assert engine.evaluate(chat).clauses == ("12.4.D.1",)


def test_combinators_refuse_no_children() -> None:
    with pytest.raises(ValueError, match="AnyOf needs at least one rule"):
        AnyOf(())


def test_rules_only_run_on_their_kinds() -> None:
    engine = Engine.from_rules([WordRule("w", "hello", kinds=frozenset({ContentKind.CHAT}))])
    assert engine.evaluate(Content(text="hello")).allowed
    assert not engine.evaluate(Content(text="hello", kind="chat")).allowed


TEXTS = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(["darn it", "foo", "heck", "a\x00b", "f.u.c.k", "𝔣𝔲𝔠𝔨", "sh1t", ""]),
    ),
    max_size=30,
)


@given(TEXTS, st.integers(min_value=1, max_value=7))
def test_evaluate_many_equals_exhaustive_evaluation(texts: list[str], batch: int) -> None:
    rules = [WordRule("w", "darn"), WordRule("h", "heck", use_prefilter=False),
             WordRule("c", "a", kinds=frozenset({ContentKind.CHAT}))]
    engine = Engine.from_rules(rules)
    contents = [Content(text=t, id=str(i), kind="chat" if i % 3 == 0 else "comment")
                for i, t in enumerate(texts)]
    exhaustive = [engine.evaluate_exhaustively(c) for c in contents]
    assert list(engine.evaluate_many(contents, batch_size=batch)) == exhaustive
    assert [engine.evaluate(c) for c in contents] == exhaustive


def test_evaluate_many_streams_lazily() -> None:
    engine = Engine.from_rules([WordRule("w", "darn")])
    pulled = []

    def source() -> Iterable[Content]:
        for i in range(10_000):
            pulled.append(i)
            yield Content(text="darn" if i % 2 else "fine")

    verdicts = engine.evaluate_many(source(), batch_size=100)
    first = next(iter(verdicts))
    assert first.allowed
    assert len(pulled) == 100  # one batch, not the whole stream


def test_default_engine_reads_a_toml_file(tmp_path: Path) -> None:
    config = tmp_path / "clive.toml"
    config.write_text('[profanity]\nallow = ["bastard"]\nadd_severe = ["frak"]\n', "utf-8")
    engine = Engine.default(config)
    assert engine.evaluate(Content(text="you frakking frak")).decision is Decision.REMOVE
    assert "12.4.D.1" not in engine.evaluate(Content(text="what a bastard")).clauses


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[profanty]\nallow = []\n", r"clive.toml:1: key 'profanty': unknown section"),
        ("[profanity]\n\nallw = ['x']\n", r"clive.toml:3: key 'profanity.allw': unknown key"),
        ("[profanity]\nallow = 'x'\n", r"clive.toml:2: key 'profanity.allow': expected a list"),
        ("[engine]\nmin_remove_confidence = 'high'\n",
         r"clive.toml:2: key 'engine.min_remove_confidence': expected a number"),
        ("[engine\n", r"clive.toml:1: not valid TOML"),
    ],
)
def test_config_errors_name_file_key_and_line(tmp_path: Path, body: str, message: str) -> None:
    config = tmp_path / "clive.toml"
    config.write_text(body, "utf-8")
    with pytest.raises(ConfigError, match=message):
        Engine.default(config)


def test_missing_config_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file"):
        Engine.default(tmp_path / "nope.toml")


def test_engine_output_is_deterministic() -> None:
    contents = [Content(text=t) for t in ["shit and fuck", "f*ck", "Dick Smith", "hello"] * 20]
    first = [v.to_dict() for v in Engine.default().evaluate_many(contents)]
    second = [v.to_dict() for v in Engine.default().evaluate_many(contents)]
    assert first == second


@attrs.frozen
class LinkRule:
    """A test rule that reads only attached links."""

    id: str = "links"
    clauses: tuple[str, ...] = ("12.4.D.6",)
    kinds: frozenset[ContentKind] | None = None

    @property
    def prefilter(self) -> Prefilter:
        return Prefilter(keywords={"zzzz"}, links=True)

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        return [Finding(clause="12.4.D.6", rule=self.id, start=0, end=0, evidence=link,
                        confidence=0.5, explanation="attached link")
                for link in subject.content.links if "shop" in link]


def test_prefilters_can_ask_for_items_with_attached_links() -> None:
    engine = Engine.from_rules([LinkRule()])
    contents = [Content(text="hello"), Content(text="see this", links=["https://shop.example"])]
    verdicts = list(engine.evaluate_many(contents))
    assert [v.allowed for v in verdicts] == [True, False]
    assert verdicts == [engine.evaluate_exhaustively(c) for c in contents]


def test_any_pattern_finds_what_each_pattern_finds() -> None:
    from clive_rules.rules import AnyPattern

    pattern = AnyPattern([re.compile(r"\d+"), re.compile("Street")])
    text = "12 Elm Street, flat 4"
    assert sorted(m.group() for m in pattern.finditer(text)) == ["12", "4", "Street"]
    found = pattern.search("on Elm Street")
    assert found is not None and found.group() == "Street"
    assert pattern.search("nothing here") is None


def test_any_of_joins_its_childrens_patterns_without_one_big_alternation() -> None:
    from clive_rules.rules import AnyPattern

    either = AnyOf((WordRule("a", "foo"), WordRule("b", "bar")), id="either")
    assert either.prefilter is not None
    joint = either.prefilter.pattern
    assert isinstance(joint, AnyPattern) and len(joint.patterns) == 2
    engine = Engine.from_rules([either])
    contents = [Content(text=t) for t in ("a foo", "nothing", "bar!", "foobar")]
    assert [v.allowed for v in engine.evaluate_many(contents)] == [False, True, False, False]


def test_a_select_memo_reaches_evaluate() -> None:
    @attrs.frozen
    class MemoRule:
        id: str = "memo"
        clauses: tuple[str, ...] = ("12.4.D.8",)
        kinds: frozenset[ContentKind] | None = None

        @property
        def prefilter(self) -> Prefilter:
            def select(texts: object, contents: object) -> dict[int, str]:
                return {i: f"memo {i}" for i, t in enumerate(texts) if "x" in t}  # type: ignore[attr-defined]
            return Prefilter(re.compile("x"), select=select)

        def evaluate(self, subject: Subject) -> Iterable[Finding]:
            memo = subject.memos.get(self.id, "none")
            if "x" not in subject.norm.text:
                return []
            return [Finding(clause="12.4.D.8", rule=self.id, start=0, end=0, evidence="",
                            confidence=0.5, explanation=str(memo), decision=Decision.REVIEW)]

    engine = Engine.from_rules([MemoRule()])
    verdicts = list(engine.evaluate_many([Content(text="a"), Content(text="x")]))
    assert verdicts[0].allowed
    assert verdicts[1].findings[0].explanation == "memo 1"
    assert engine.evaluate_exhaustively(Content(text="x")).findings[0].explanation == "none"
