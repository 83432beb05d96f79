"""The Bluesky connector against AT Protocol fixtures (see fixtures/README.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_bluesky import BlueskyConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"
SHAPES = json.loads((FIXTURES / "actions.json").read_text())
CITY = BlueskyConnector(
    did=SHAPES["fictional_ids"]["city_did"],
    clock=lambda: dt.datetime(2025, 6, 14, 18, 30, tzinfo=dt.timezone.utc))


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.6",), "why") for k in kinds))


def test_notification_reply() -> None:
    [c] = CITY.parse(load("listNotifications_reply_single.json"))
    assert c.id == "at://did:plc:mariagonzalezcliveiowa23/app.bsky.feed.post/3lrlebdt4hk2b"
    assert c.kind is ContentKind.COMMENT and c.account == SHAPES["fictional_ids"]["city_did"]
    assert c.author is not None and c.author.handle == "mariag.bsky.social"
    assert c.tags == (SHAPES["fictional_ids"]["city_did"],)
    assert c.created_at is not None and c.created_at.microsecond == 902000


def test_thread_replies_carry_their_parents_text() -> None:
    maria, dana, spam = CITY.parse(load("getPostThread_replies_batch.json"))
    assert (maria.kind, dana.kind, spam.kind) == (ContentKind.COMMENT, ContentKind.REPLY,
                                                  ContentKind.COMMENT)
    assert dana.parent_text == maria.text
    assert spam.links == ("https://cash-fast.example/join",)


def test_links_tags_and_images() -> None:
    [c] = CITY.parse(load("getPosts_reply_with_links_and_images.json"))
    assert c.links == ("https://clivepoolwatch.example/gate-sign",)
    assert [m.kind.value for m in c.media] == ["photo"]
    assert c.media[0].url is not None and "feed_fullsize" in c.media[0].url


def test_missing_text_is_named() -> None:
    with pytest.raises(PayloadError,
                       match=r"bluesky payload: notifications\[0\]\.record\.text: is missing"):
        CITY.parse(load("listNotifications_malformed_missing_record_text.json"))


def test_hide_in_city_thread_and_block() -> None:
    shapes = SHAPES["actions"]
    dana = CITY.parse(load("getPostThread_replies_batch.json"))[1]
    hide, block = CITY.actions_for(verdict(ActionKind.REMOVE, ActionKind.BLOCK_AUTHOR), dana)
    expected = shapes["hide_reply_in_city_thread"]["json_body"]
    assert hide.path == "/xrpc/com.atproto.repo.putRecord" and hide.json == expected
    assert block.path == "/xrpc/com.atproto.repo.createRecord"
    assert block.json == {**shapes["block_account"]["json_body"], "record": {
        **shapes["block_account"]["json_body"]["record"],
        "subject": "did:plc:danawhitfieldtaxpayer567"}}


def test_report_outside_the_city_threads() -> None:
    [c] = BlueskyConnector().parse(load("getPosts_reply_with_links_and_images.json"))
    [report] = BlueskyConnector().actions_for(verdict(ActionKind.REMOVE), c)
    assert report.path == "/xrpc/com.atproto.moderation.createReport"
    assert report.json["subject"] == {"$type": "com.atproto.repo.strongRef", "uri": c.id,
                                      "cid": c.raw["cid"]}
    assert report.json["reasonType"] == "com.atproto.moderation.defs#reasonOther"
