"""The Mastodon connector against REST API entity fixtures (see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_mastodon import MastodonConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"
IDS = json.loads((FIXTURES / "actions.json").read_text())["fictional_ids"]
CITY = MastodonConnector(instance="social.cityofclive.example", account_id=IDS["city_account_id"])


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.6",), "why") for k in kinds))


def test_status_html_becomes_text() -> None:
    [c] = CITY.parse(load("status_reply_single.json"))
    assert c.text == ("@parks Will the lazy river be open on weekday evenings this summer? "
                      "My kids can't make it before 5.")
    assert (c.id, c.kind) == ("114680123400000001", ContentKind.COMMENT)
    assert c.author is not None
    assert (c.author.id, c.author.handle) == ("110293847561029384", "mariag@mastodon.example")
    assert c.tags == ("parks",) and c.links == ()


def test_links_media_and_the_hidden_url_parts() -> None:
    [c] = CITY.parse(load("status_with_links_and_media.json"))
    assert "https://clivepoolwatch.example/gate-sign" in c.text
    assert c.links == ("https://clivepoolwatch.example/gate-sign",)  # not the hashtag
    assert [(m.kind.value, m.url) for m in c.media] == [(
        "photo",
        "https://files.mastodon.example/media_attachments/files/114/680/399/original/"
        "9e8d7c6b5a4f3e2d.jpeg")]


def test_context_and_notifications() -> None:
    items = CITY.parse(load("context_descendants_batch.json"))
    assert [c.kind for c in items] == [ContentKind.COMMENT, ContentKind.REPLY,
                                       ContentKind.COMMENT]
    [mention] = CITY.parse(load("notification_mention_reply.json"))
    assert mention.id == "114680123400000001"


def test_missing_account_is_named() -> None:
    with pytest.raises(PayloadError, match="mastodon payload: account: is missing"):
        CITY.parse(load("status_malformed_missing_account.json"))


def test_report_block_and_delete_own() -> None:
    shapes = load("actions.json")["actions"]
    spam = CITY.parse(load("context_descendants_batch.json"))[2]
    report, block = CITY.actions_for(verdict(ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW,
                                             ActionKind.BLOCK_AUTHOR), spam)
    assert (report.method, report.path) == ("POST", "/api/v1/reports")
    assert report.json["account_id"] == "114680001122334455"
    assert report.json["status_ids"] == ["114680334455660003"]
    assert report.json["category"] == "other" and "12.4.D.6" in report.json["comment"]
    assert (block.method, block.url) == (shapes["block_account"]["method"],
                                         shapes["block_account"]["example_url"])
    own = CITY.parse([{**load("status_reply_single.json"), "id": IDS["own_status_id"],
                       "in_reply_to_id": None, "mentions": [],
                       "account": {"id": IDS["city_account_id"], "acct": "parks"}}])[0]
    assert own.kind is ContentKind.POST
    [delete] = CITY.actions_for(verdict(ActionKind.REMOVE, ActionKind.BLOCK_AUTHOR), own)
    assert (delete.method, delete.url) == ("DELETE", shapes["delete_own_status"]["example_url"])
