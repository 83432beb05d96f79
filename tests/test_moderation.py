"""The moderation workflow (12.4.E-G), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clive_rules import Content, Engine
from clive_rules.errors import ConfigError
from clive_rules.moderation import Moderator
from clive_rules.records.errors import ModerationError
from clive_rules.records.plugin import DEFAULT_WARNING
from clive_rules.records.store import Filters
from clive_rules.verdict import ActionKind, Decision
from records_support import BACKENDS, Clock, database, service_for, violation

POLICY_WORDING = (
    "Your recent post is in violation of the City of Clive's Social Media Policy. Please refrain "
    "from posting inappropriate content in the future. If you do not refrain from posting such "
    "content, we will regretfully have to block you from further posts. Thank you for "
    "understanding."
)
ANN = Moderator.person("Ann Clerk", "ann.clerk@cityofclive.com")


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as value:
        yield value


def kinds(outcome: object) -> list[str]:
    return [s.kind for s in outcome.steps]  # type: ignore[attr-defined]


def test_first_violation_warns_with_the_policy_wording_then_blocks(url: str) -> None:
    service = service_for(url)
    first = service.moderate(*violation(1))
    assert kinds(first) == ["remove", "warn"]
    assert first.strike == 1
    assert first.steps[0].effect == "hidden"
    assert DEFAULT_WARNING == POLICY_WORDING
    assert first.warning is not None
    assert first.warning.startswith(POLICY_WORDING)
    assert "12.4.D.1" in first.warning
    assert "Profan" in first.warning
    assert [a.kind for a in first.actions] == [ActionKind.REMOVE, ActionKind.WARN_AUTHOR]
    second = service.moderate(*violation(2))
    assert kinds(second) == ["remove", "block"]
    assert second.strike == 2
    assert second.warning is None
    assert service.blocked("u1")
    third = service.moderate(*violation(3, author="u2"))  # another author starts afresh
    assert kinds(third) == ["remove", "warn"]
    assert service.store.verify().ok


def test_record_holds_everything_the_policy_asks_for(url: str) -> None:
    service = service_for(url)
    content, verdict = violation(7)
    outcome = service.moderate(content, verdict, ANN, removal="delete")
    record = service.store.get(outcome.record_id or 0)
    body = record.body
    assert body is not None
    assert body["content"]["text"] == content.text
    assert body["content"]["id"] == "c7"
    assert body["content"]["platform"] == "facebook"
    assert body["content"]["account"] == "parks"
    assert body["content"]["author"] == {"id": "u1", "handle": "@u1"}
    assert body["content"]["created_at"].startswith("2024-05-01T12:00:00")
    assert body["content"]["raw"] == {"id": "c7", "parent_id": "p1", "from": {"id": "u1"}}
    assert body["parent_id"] == "p1"
    assert body["verdict"] == verdict.to_dict()
    assert body["verdict"]["policy_version"] == "article-xii/1"
    assert body["clauses"] == ["12.4.D.1"]
    assert body["actor"] == {"type": "person", "name": "Ann Clerk",
                             "email": "ann.clerk@cityofclive.com"}
    assert body["actions"][0] == {"kind": "remove", "clauses": ["12.4.D.1"], "effect": "deleted"}
    assert body["warning"] == outcome.warning
    auto = service.store.get(service.moderate(*violation(8)).record_id or 0).body
    assert auto is not None
    assert auto["actor"]["type"] == "automatic"
    assert auto["actor"]["engine_version"]


def test_evidence_is_masked_but_the_record_keeps_the_original_text(url: str) -> None:
    service = service_for(url)
    engine = Engine.default()
    content = Content(text="you are a fucking idiot", id="x1", platform="facebook",
                      author={"id": "rude"})
    verdict = engine.evaluate(content)
    assert verdict.decision is Decision.REMOVE
    outcome = service.moderate(content, verdict)
    body = service.store.get(outcome.record_id or 0).body
    assert body is not None
    assert body["content"]["text"] == "you are a fucking idiot"
    assert body["verdict"]["findings"] == [f.to_dict() for f in verdict.findings]


def test_allowed_content_writes_nothing(url: str) -> None:
    service = service_for(url)
    content = Content(text="When does the pool open?", id="ok1")
    outcome = service.moderate(content, Engine.default().evaluate(content))
    assert outcome.record_id is None
    assert outcome.steps == ()
    assert service.store.count() == 0


def test_which_clauses_count_is_configuration(url: str) -> None:
    service = service_for(url, strike_clauses=["12.4.D.2"])
    outcome = service.moderate(*violation(1, clause="12.4.D.1"))
    assert kinds(outcome) == ["remove"]
    assert outcome.strike is None
    assert service.strikes("u1") == 0
    counted = service.moderate(*violation(2, clause="12.4.D.2"))
    assert kinds(counted) == ["remove", "warn"]
    # A clause id covers its items, and only them: 12.4.D.1 does not cover 12.4.D.10.
    narrow = service_for(url, strike_clauses=["12.4.D.1"])
    assert kinds(narrow.moderate(*violation(3, author="u3", clause="12.4.D.10"))) == ["remove"]


def test_strikes_expire_when_configured(url: str) -> None:
    service = service_for(url, strike_expiry_days=30)
    clock = Clock()
    service.clock = clock
    assert kinds(service.moderate(*violation(1))) == ["remove", "warn"]
    clock.advance(31)
    assert service.strikes("u1") == 0
    assert kinds(service.moderate(*violation(2))) == ["remove", "warn"]
    clock.advance(1)
    assert kinds(service.moderate(*violation(3))) == ["remove", "block"]
    keeping = service_for(url)  # configured not to expire: the old strikes count again
    keeping.clock = clock
    assert keeping.strikes("u1") == 3


def test_block_at_strike_is_configuration(url: str) -> None:
    service = service_for(url, block_at_strike=3)
    assert [kinds(service.moderate(*violation(n))) for n in range(3)] == [
        ["remove", "warn"], ["remove", "warn"], ["remove", "block"]]


def test_review_counts_only_when_a_person_confirms(url: str) -> None:
    service = service_for(url)
    held = service.moderate(*violation(1, decision=Decision.REVIEW, clause="12.4.D.9"))
    assert kinds(held) == ["hold_for_review"]
    assert held.review_id == held.record_id
    assert service.strikes("u1") == 0
    with pytest.raises(ModerationError, match="needs a person"):
        service.confirm(held.review_id or 0, Moderator.automatic())
    confirmed = service.confirm(held.review_id or 0, ANN, note="defamatory, checked")
    assert kinds(confirmed) == ["remove", "warn"]
    assert confirmed.strike == 1
    assert "12.4.D.9" in (confirmed.warning or "")
    body = service.store.get(confirmed.record_id or 0).body
    assert body is not None
    assert body["refers_to"] == held.review_id
    assert body["actor"]["email"] == ANN.email
    with pytest.raises(ModerationError, match="already confirmed"):
        service.confirm(held.review_id or 0, ANN)
    with pytest.raises(ModerationError, match="no review"):
        service.confirm(999, ANN)


def test_dismissed_review_is_released_and_does_not_count(url: str) -> None:
    service = service_for(url)
    held = service.moderate(*violation(1, decision=Decision.REVIEW, clause="12.4.D.9"))
    dismissed = service.dismiss(held.review_id or 0, ANN, "fair criticism of the city")
    assert kinds(dismissed) == ["release"]
    assert service.strikes("u1") == 0
    assert kinds(service.moderate(*violation(2))) == ["remove", "warn"]


def test_reinstate_reverses_and_deletes_nothing(url: str) -> None:
    service = service_for(url)
    service.moderate(*violation(1))
    blocked = service.moderate(*violation(2))
    assert service.blocked("u1")
    before = service.store.count()
    with pytest.raises(ModerationError, match="needs a reason"):
        service.reinstate(blocked.record_id or 0, ANN, " ")
    undone = service.reinstate(blocked.record_id or 0, ANN, "it was a quotation")
    assert kinds(undone) == ["reinstate", "unblock"]
    assert not service.blocked("u1")
    assert service.strikes("u1") == 1
    assert service.store.count() == before + 1
    original = service.store.get(blocked.record_id or 0)
    assert original.body is not None
    assert original.body["actions"][1]["kind"] == "block"  # the original record is untouched
    with pytest.raises(ModerationError, match="already reversed"):
        service.reinstate(blocked.record_id or 0, ANN, "again")
    # The same item may be moderated again after a reinstatement.
    again = service.moderate(*violation(2))
    assert not again.duplicate
    assert kinds(again) == ["remove", "block"]
    assert service.store.verify().ok


def test_unblock_keeps_strikes(url: str) -> None:
    service = service_for(url)
    service.moderate(*violation(1))
    service.moderate(*violation(2))
    with pytest.raises(ModerationError, match="needs a person"):
        service.unblock("u1", Moderator.automatic(), "appeal")
    outcome = service.unblock("u1", ANN, "appeal granted by the city manager")
    assert kinds(outcome) == ["unblock"]
    assert not service.blocked("u1")
    assert service.strikes("u1") == 2
    with pytest.raises(ModerationError, match="not blocked"):
        service.unblock("u1", ANN, "again")
    history = service.history("u1")
    assert [r.kind for r in history] == ["removal", "removal", "unblock"]


def test_inappropriate_tag_gets_remove_tag_and_a_record(url: str) -> None:
    service = service_for(url)
    engine = Engine.default()
    content = Content(text="@CliveParks you fucking clowns", id="t1", kind="tag",
                      platform="instagram", account="parks", author={"id": "tagger"})
    verdict = engine.evaluate(content)
    assert any(a.kind is ActionKind.REMOVE_TAG for a in verdict.actions)
    outcome = service.moderate(content, verdict)
    assert outcome.kind == "tag_removal"
    assert kinds(outcome) == ["remove_tag"]
    assert [a.kind for a in outcome.actions] == [ActionKind.REMOVE_TAG]
    assert service.store.get(outcome.record_id or 0).kind == "tag_removal"
    assert service.strikes("tagger") == 0
    counting = service_for(url, tags_count_as_strikes=True)
    other = Content(text="@CliveParks shit", id="t2", kind="tag", author={"id": "tagger"},
                    platform="instagram")
    assert kinds(counting.moderate(other, engine.evaluate(other))) == ["remove_tag", "warn"]
    restored = service.reinstate(outcome.record_id or 0, ANN, "tag was fine")
    assert kinds(restored) == ["restore_tag"]


def test_same_item_twice_is_recorded_once(url: str) -> None:
    service = service_for(url)
    first = service.moderate(*violation(1))
    again = service.moderate(*violation(1))
    assert again.duplicate
    assert again.record_id == first.record_id
    assert again.steps == ()
    assert service.store.count() == 1
    assert service.strikes("u1") == 1


def test_batch_counts_strikes_in_order(url: str) -> None:
    service = service_for(url)
    outcomes = service.moderate_many([violation(n, author=f"a{n % 2}") for n in range(6)])
    assert [o.strike for o in outcomes] == [1, 1, 2, 2, 3, 3]
    assert [kinds(o)[-1] for o in outcomes] == ["warn", "warn", "block", "block", "block",
                                                "block"]
    assert [r.seq for r in service.store.iter_records()] == [1, 2, 3, 4, 5, 6]


def test_moderator_must_have_a_city_address(url: str) -> None:
    service = service_for(url)
    with pytest.raises(ModerationError, match="city e-mail"):
        service.moderate(*violation(1), Moderator.person("Mallory", "m@gmail.com"))
    with pytest.raises(ModerationError, match="city e-mail"):
        service.confirm(1, Moderator.person("Eve", "eve@cityofclive.com.evil.org"))
    assert service.store.count() == 0


def test_warning_template_is_configurable(url: str) -> None:
    service = service_for(url, warning_template="{city}: removed under {clauses}.")
    assert service.moderate(*violation(1)).warning == "City of Clive: removed under 12.4.D.1."
    with pytest.raises(ConfigError, match="unknown field"):
        service_for(url, warning_template="Hello {name}")
    with pytest.raises(ConfigError, match="removal"):
        service_for(url, removal="shred")


def test_mismatched_verdict_is_refused(url: str) -> None:
    service = service_for(url)
    content, _ = violation(1)
    _, other = violation(2)
    with pytest.raises(ModerationError, match="verdict for"):
        service.moderate(content, other)


def test_history_and_filters(url: str) -> None:
    service = service_for(url)
    service.moderate(*violation(1, clause="12.4.D.1", account="parks"))
    service.moderate(*violation(2, author="u2", clause="12.4.D.10", account="library",
                                platform="x"))
    store = service.store
    assert [r.seq for r in store.iter_records(Filters(clause="12.4.D.1"))] == [1]
    assert [r.seq for r in store.iter_records(Filters(clause="12.4.D"))] == [1, 2]
    assert [r.seq for r in store.iter_records(Filters(account="library"))] == [2]
    assert [r.seq for r in store.iter_records(Filters(platform="x"))] == [2]
    assert [r.seq for r in store.iter_records(Filters(author="u2"))] == [2]
    assert store.count(Filters(since="2000-01-01", until="2999-01-01")) == 2
    assert store.count(Filters(until="2000-01-01")) == 0
    with pytest.raises(ModerationError, match="not a date"):
        store.count(Filters(since="yesterday"))
