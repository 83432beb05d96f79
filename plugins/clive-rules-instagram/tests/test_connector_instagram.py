"""The Instagram connector against comments-webhook fixtures (see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_instagram import InstagramConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"
FACEBOOK = Path(__file__).parents[2] / "clive-rules-facebook" / "tests" / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.1",), "why") for k in kinds))


def test_comment_reply_and_batch() -> None:
    connector = InstagramConnector()
    [c] = connector.parse(load("webhook_comments_single.json"))
    assert (c.id, c.kind, c.account) == ("17990385712346078", ContentKind.COMMENT,
                                         "17841463829104756")
    assert c.author is not None and (c.author.id, c.author.handle) == ("7712039485610293",
                                                                        "mariag.clive")
    assert c.text == "Are swim lessons still $45 for residents this year?"
    assert c.created_at is not None and int(c.created_at.timestamp()) == 1749918160
    assert c.raw["media"]["id"] == "18047392817465023"
    [reply] = connector.parse(load("webhook_comments_reply.json"))
    assert reply.kind is ContentKind.REPLY and reply.tags == ("mariag.clive",)
    assert len(connector.parse(load("webhook_comments_batch_two_entries.json"))) == 2
    [reel] = connector.parse(load("webhook_comments_link_on_reel.json"))
    assert reel.tags == ("cliveparksrec",)


def test_entry_without_changes_array_is_accepted() -> None:
    payload = load("webhook_comments_single.json")
    entry = payload["entry"][0]
    entry.update(entry.pop("changes")[0])
    assert InstagramConnector().parse(payload)[0].id == "17990385712346078"


def test_missing_text_is_named() -> None:
    with pytest.raises(PayloadError, match=r"entry\[0\]\.changes\[0\]\.value\.text: is missing"):
        InstagramConnector().parse(load("webhook_comments_malformed_missing_text.json"))


def test_requests_hide_or_delete_and_never_ban() -> None:
    shapes = load("actions.json")["actions"]
    [c] = InstagramConnector().parse(load("webhook_comments_reply.json"))
    [hide] = InstagramConnector().actions_for(verdict(ActionKind.REMOVE,
                                                      ActionKind.BLOCK_AUTHOR), c)
    assert hide.method == shapes["hide_comment"]["method"]
    assert hide.url == shapes["delete_comment"]["example_url"]
    assert dict(hide.params) == {"hide": "true"}
    [delete] = InstagramConnector(remove="delete").actions_for(verdict(ActionKind.REMOVE), c)
    assert (delete.method, delete.url) == ("DELETE", shapes["delete_comment"]["example_url"])
    assert shapes["ban_user"]["supported"] is False


def test_signature_is_meta_s() -> None:
    sig = json.loads((FACEBOOK / "webhook_signature_example.json").read_text())
    body = (FACEBOOK / sig["body_file"]).read_bytes()
    assert InstagramConnector().verify_signature(
        body, {"x-hub-signature-256": sig["header_value"]}, sig["app_secret"])
    assert not InstagramConnector().verify_signature(body, {}, sig["app_secret"])
