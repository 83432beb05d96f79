"""The X connector against API v2 fixtures (see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_x import XConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"
CITY = "2983746510"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.1",), "why") for k in kinds))


def test_root_post_and_reply_lookup() -> None:
    connector = XConnector(account_id=CITY)
    [post] = connector.parse(load("post_lookup_single.json"))
    assert post.kind is ContentKind.POST
    assert post.links == ("https://www.cityofclive.example/parks/aquatic-center",)
    [reply] = connector.parse(load("reply_lookup_single.json"))
    assert reply.kind is ContentKind.COMMENT  # replies to the conversation's root
    assert reply.author is not None
    assert (reply.author.id, reply.author.handle, reply.author.display_name) == (
        "1456789012345678901", "mariag_clive", "Maria Gonzalez")
    assert reply.parent_text is not None and reply.parent_text.startswith("Summer hours")
    assert reply.tags == ("CityofClive",) and reply.account == CITY
    assert reply.created_at is not None and reply.created_at.isoformat().startswith(
        "2025-06-14T16:48:02")


def test_links_skip_the_media_link_and_media_come_from_includes() -> None:
    [c] = XConnector().parse(load("reply_with_links_and_media.json"))
    assert c.links == ("https://clivepoolwatch.example/gate-sign",)
    assert [(m.kind.value, m.url) for m in c.media] == [
        ("photo", "https://pbs.twimg.com/media/GtFiCtIoNaL01.jpg")]


def test_conversation_batch() -> None:
    items = XConnector().parse(load("search_recent_conversation_batch.json"))
    assert [c.kind for c in items] == [ContentKind.COMMENT, ContentKind.REPLY,
                                       ContentKind.COMMENT]
    assert items[0].links == ("https://cash-fast.example/join",)


def test_missing_text_is_named() -> None:
    with pytest.raises(PayloadError, match=r"x payload: data\.text: is missing"):
        XConnector().parse(load("reply_malformed_missing_text.json"))


def test_hide_reply_request_and_nothing_for_posts() -> None:
    shape = load("actions.json")["actions"]["hide_reply"]
    items = XConnector().parse(load("search_recent_conversation_batch.json"))
    target = next(c for c in items if c.id == "1934051120938475520")
    [hide] = XConnector().actions_for(verdict(ActionKind.REMOVE, ActionKind.BLOCK_AUTHOR), target)
    assert (hide.method, hide.url, hide.json) == (shape["method"], shape["example_url"],
                                                  shape["json_body"])
    [post] = XConnector(account_id=CITY).parse(load("post_lookup_single.json"))
    assert XConnector().actions_for(verdict(ActionKind.REMOVE), post) == []
