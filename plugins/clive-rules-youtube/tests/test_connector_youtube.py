"""The YouTube connector against Data API v3 fixtures (see fixtures/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from clive_rules_youtube import YouTubeConnector

from clive_rules import Action, ActionKind, ContentKind, Decision, Verdict
from clive_rules.connectors import PayloadError

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def verdict(*kinds: ActionKind) -> Verdict:
    return Verdict("x", Decision.REMOVE, (), tuple(Action(k, ("12.4.D.1",), "why") for k in kinds))


def test_thread_and_reply() -> None:
    top, reply = YouTubeConnector().parse(load("commentThreads_list_with_reply.json"))
    assert (top.id, top.kind, top.account) == ("UgzLq8vR2mN5xKp3Wt74AaABAg", ContentKind.COMMENT,
                                               "UCC1iveParksRec0AquaT1cs")
    assert top.text.endswith("My kids can't make it before 5.")  # textOriginal, not HTML
    assert top.author is not None
    assert (top.author.id, top.author.handle) == ("UCm4Ri4GoNzAlEz0Clive001", "@mariag-clive")
    assert reply.kind is ContentKind.REPLY and reply.parent_text == top.text
    assert reply.id == "UgzLq8vR2mN5xKp3Wt74AaABAg.APRq0BH70iKAPRtTZgPT3Z"
    assert reply.created_at is not None and reply.created_at.minute == 42


def test_links_from_anchors_without_the_video_timestamp() -> None:
    [c] = YouTubeConnector().parse(load("commentThreads_list_link_comment.json"))
    assert c.links == ("https://clivepoolwatch.example/2025-hours",)


def test_falls_back_to_html_text() -> None:
    payload = load("commentThreads_list_single.json")
    del payload["items"][0]["snippet"]["topLevelComment"]["snippet"]["textOriginal"]
    [c] = YouTubeConnector().parse(payload)
    assert "can't make it" in c.text


def test_batch_and_missing_top_level_comment() -> None:
    assert len(YouTubeConnector().parse(load("commentThreads_list_batch.json"))) == 3
    with pytest.raises(PayloadError,
                       match=r"items\[0\]\.snippet\.topLevelComment: is missing"):
        YouTubeConnector().parse(load("commentThreads_list_malformed_missing_topLevelComment.json"))


def test_moderation_status_requests() -> None:
    shapes = load("actions.json")["actions"]
    [spam, *_] = YouTubeConnector().parse(load("commentThreads_list_batch.json"))
    [ban] = YouTubeConnector().actions_for(verdict(ActionKind.REMOVE, ActionKind.BLOCK_AUTHOR),
                                           spam)
    assert (ban.method, ban.url) == (shapes["reject_and_ban_author"]["method"],
                                     shapes["reject_and_ban_author"]["url"])
    assert dict(ban.params) == shapes["reject_and_ban_author"]["query"]
    [reject] = YouTubeConnector().actions_for(verdict(ActionKind.REMOVE), spam)
    assert dict(reject.params) == shapes["reject_only"]["query"]
    [held] = YouTubeConnector().parse(load("commentThreads_list_heldForReview.json"))
    [hold] = YouTubeConnector().actions_for(verdict(ActionKind.HOLD_FOR_REVIEW), held)
    assert dict(hold.params) == shapes["hold_for_review"]["query"]
    assert hold.json is None
