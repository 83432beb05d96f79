"""The example plugin's connector and rule, used directly (no installation needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from clive_rules_example import PetitionRule, TownhallConnector

from clive_rules import Content, Decision, Engine
from clive_rules.connectors import PayloadError

PAYLOAD = {"thread": {"id": "t-17", "title": "Pool hours"},
           "replies": [{"reply_id": "r-1", "member": {"id": "m-9", "name": "Ann"},
                        "body": "Please sign our petition to keep the pool open late!",
                        "posted": "2025-06-14T16:00:00Z"}]}


def test_parse_maps_the_reply() -> None:
    [content] = TownhallConnector().parse(PAYLOAD)
    assert (content.id, content.account, content.parent_text) == ("r-1", "t-17", "Pool hours")
    assert content.author is not None and content.author.id == "m-9"
    assert content.created_at is not None and content.created_at.year == 2025


def test_missing_body_is_named() -> None:
    bad = {"thread": {"id": "t"}, "replies": [{"reply_id": "r", "member": {"id": "m"}}]}
    with pytest.raises(PayloadError, match=r"townhall payload: replies\[0\]\.body: is missing"):
        TownhallConnector().parse(bad)


def test_rule_reviews_a_petition_and_the_connector_hides_it() -> None:
    engine = Engine.from_rules([PetitionRule()])
    connector = TownhallConnector()
    [content] = connector.parse(PAYLOAD)
    verdict = engine.evaluate(content)
    assert verdict.decision is Decision.REVIEW and verdict.clauses == ("12.4.D.6",)
    [request] = connector.actions_for(verdict, content)
    assert (request.method, request.url) == ("POST", "https://townhall.example/api/replies/r-1/hide")
    assert engine.evaluate(Content(text="The petition hearing is on Monday.")).allowed
