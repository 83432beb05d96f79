"""The Facebook connector against Graph API webhook fixtures (see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_facebook import FacebookConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.1",), "why") for k in kinds))


def test_single_comment_maps_every_field() -> None:
    [c] = FacebookConnector().parse(load("webhook_feed_comment_single.json"))
    assert c.id == "8675309123456789_1024768293847561"
    assert c.kind is ContentKind.COMMENT and c.platform == "facebook"
    assert c.account == "104857612345678"
    assert c.author is not None
    assert (c.author.id, c.author.display_name) == ("7391028465019283", "Maria Gonzalez")
    assert c.text.startswith("Will the lazy river")
    assert c.created_at is not None and int(c.created_at.timestamp()) == 1749918005
    assert c.raw["post_id"] == "104857612345678_8675309123456789"


def test_batch_gives_one_item_per_change_across_entries() -> None:
    items = FacebookConnector().parse(load("webhook_feed_batch_two_entries.json"))
    assert [c.account for c in items] == ["104857612345678", "109283746501928"]


def test_reply_photo_and_visitor_post() -> None:
    connector = FacebookConnector()
    [reply] = connector.parse(load("webhook_feed_comment_reply.json"))
    assert reply.kind is ContentKind.REPLY
    [photo] = connector.parse(load("webhook_feed_comment_link_and_photo.json"))
    assert [m.kind.value for m in photo.media] == ["photo"]
    assert photo.media[0].url is not None and photo.media[0].url.startswith("https://scontent")
    [post] = connector.parse(load("webhook_feed_post_add.json"))
    assert (post.kind, post.id) == (ContentKind.POST, "104857612345678_8675309199887766")


def test_own_moderation_events_are_skipped() -> None:
    payload = load("webhook_feed_comment_single.json")
    payload["entry"][0]["changes"][0]["value"]["verb"] = "hide"
    assert FacebookConnector().parse(payload) == []


def test_missing_message_is_named() -> None:
    with pytest.raises(PayloadError) as info:
        FacebookConnector().parse(load("webhook_feed_comment_malformed_missing_message.json"))
    assert info.value.field == "entry[0].changes[0].value.message"
    assert str(info.value) == "facebook payload: entry[0].changes[0].value.message: is missing"


def test_wrong_object_is_refused() -> None:
    with pytest.raises(PayloadError, match="object: expected 'page', got 'instagram'"):
        FacebookConnector().parse({"object": "instagram", "entry": []})


def test_requests_follow_the_graph_api() -> None:
    shapes = load("actions.json")["actions"]
    connector = FacebookConnector()
    [c] = connector.parse(load("webhook_feed_comment_reply.json"))
    hide, ban = connector.actions_for(verdict(ActionKind.REMOVE, ActionKind.WARN_AUTHOR,
                                              ActionKind.BLOCK_AUTHOR), c)
    assert hide.method == shapes["hide_comment"]["method"]
    assert hide.url == shapes["hide_comment"]["example_url"]
    assert dict(hide.params) == {"is_hidden": "true"}
    assert ban.method == shapes["ban_user_from_page"]["method"]
    assert ban.url == shapes["ban_user_from_page"]["example_url"]
    assert json.loads(ban.params["user"]) == shapes["ban_user_from_page"]["params"]["user"]
    [delete] = FacebookConnector(remove="delete").actions_for(verdict(ActionKind.REMOVE), c)
    assert (delete.method, delete.url) == ("DELETE", shapes["delete_comment"]["example_url"])
    # remove and hold_for_review both hide: the hide is built once
    assert [r.action for r in connector.actions_for(
        verdict(ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW), c)] == ["remove"]


def test_signature_and_handshake_follow_the_fixtures() -> None:
    sig = load("webhook_signature_example.json")
    body = (FIXTURES / sig["body_file"]).read_bytes()
    connector = FacebookConnector()
    assert connector.verify_signature(body, {"x-hub-signature-256": sig["header_value"]},
                                      sig["app_secret"])
    assert not connector.verify_signature(
        body, {"x-hub-signature-256": sig["tampered_header_value"]}, sig["app_secret"])
    assert not connector.verify_signature(body + b" ", {"x-hub-signature-256":
                                                        sig["header_value"]}, sig["app_secret"])
    hand = load("webhook_verification_request.json")
    assert connector.handshake(hand["request"]["query"], hand["configured_verify_token"]) \
        == hand["expected_response"]["body"]
    assert connector.handshake(hand["mismatch_case"]["query"],
                               hand["configured_verify_token"]) is None
    assert connector.handshake(hand["request"]["query"], "") is None
