"""The chat rule (12.4.D.10): decided by the kind of the item, never by its words."""

from __future__ import annotations

import pytest

from clive_rules import Content, ContentKind, Engine

TEXTS = ["hi", "u there? need help with my water bill", "ok thanks, talk later!", ""]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


@pytest.mark.parametrize("text", TEXTS)
def test_a_chat_line_is_held_for_review(engine: Engine, text: str) -> None:
    verdict = engine.evaluate(Content(text=text, kind="chat"))
    assert "12.4.D.10" in verdict.clauses
    assert verdict.decision.value == "review"
    finding = next(f for f in verdict.findings if f.clause == "12.4.D.10")
    assert (finding.start, finding.end) == (0, 0)
    assert "chat" in finding.explanation


@pytest.mark.parametrize("kind", [k for k in ContentKind if k is not ContentKind.CHAT])
@pytest.mark.parametrize("text", TEXTS)
def test_other_kinds_never_fire(engine: Engine, kind: ContentKind, text: str) -> None:
    assert "12.4.D.10" not in engine.evaluate(Content(text=text, kind=kind)).clauses


def test_batch_path_agrees(engine: Engine) -> None:
    items = [Content(text=t, kind=k) for t in TEXTS for k in ("chat", "comment", "message")]
    assert list(engine.evaluate_many(items)) == [engine.evaluate(c) for c in items]


def test_an_account_allowed_to_chat() -> None:
    engine = Engine.default({"chat": {"accounts_allowed": ["library"]}})
    assert "12.4.D.10" not in engine.evaluate(
        Content(text="hi", kind="chat", account="library")).clauses
    assert "12.4.D.10" in engine.evaluate(Content(text="hi", kind="chat", account="parks")).clauses
