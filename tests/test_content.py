"""The content model: conversions, immutability, and errors that name the field."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from clive_rules import Author, Content, ContentError, ContentKind, Media, MediaKind


def test_values_are_converted_where_unambiguous() -> None:
    content = Content(
        text="hi", id=42, kind="Reply", links=["https://example.org"], author="resident1",
        media=[{"kind": "live stream", "url": "https://v"}], created_at="2026-03-01T10:00:00Z",
    )
    assert content.id == "42"
    assert content.kind is ContentKind.REPLY
    assert content.links == ("https://example.org",)
    assert content.author == Author(id="resident1", handle="resident1")
    assert content.media == (Media(kind=MediaKind.LIVE_STREAM, url="https://v"),)
    assert content.created_at == dt.datetime(2026, 3, 1, 10, tzinfo=dt.timezone.utc)


def test_naive_times_are_taken_as_utc() -> None:
    assert Content(text="x", created_at="2026-03-01T10:00:00").created_at.tzinfo is dt.timezone.utc


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": None}, "text"),
        ({"text": 5}, "text"),
        ({"text": "x", "kind": "tweet"}, "kind"),
        ({"text": "x", "created_at": "yesterday"}, "created_at"),
        ({"text": "x", "links": [1, 2]}, "links"),
        ({"text": "x", "author": 3.5}, "author"),
        ({"text": "x", "author": {"id": "1", "shoe_size": 9}}, "author"),
        ({"text": "x", "media": [{"url": "u"}]}, "media.kind"),
        ({"text": "x", "media": [{"kind": "hologram"}]}, "media.kind"),
        ({"text": "x", "raw": [1]}, "raw"),
        ({"text": "x", "account": ["parks"]}, "account"),
    ],
)
def test_bad_values_raise_an_error_naming_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ContentError) as info:
        Content(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert str(info.value).startswith(field + ":")


def test_from_dict_refuses_unknown_and_missing_fields() -> None:
    with pytest.raises(ContentError, match=r"^txt: unknown field"):
        Content.from_dict({"txt": "hello"})
    with pytest.raises(ContentError, match=r"^text: is required"):
        Content.from_dict({"id": "1"})
    with pytest.raises(ContentError, match=r"^record: expected a JSON object"):
        Content.from_dict(["text"])  # type: ignore[arg-type]


def test_round_trip_through_the_plain_shape() -> None:
    content = Content(
        text="Is the pool open?", id="fb-1", kind="comment", platform="facebook",
        account="aquatics", author={"id": "u1", "handle": "h", "display_name": "H"},
        parent_text="Pool hours", links=["https://cityofclive.com"], tags=["@clive"],
        media=["photo"], created_at="2026-06-01T12:00:00+00:00", raw={"a": 1},
    )
    again = Content.from_dict(content.to_dict())
    assert again == content
    assert again.raw == {"a": 1}


def test_content_is_immutable_and_hashable_without_the_raw_payload() -> None:
    a = Content(text="x", raw={"n": 1})
    b = Content(text="x", raw={"n": 2})
    assert a == b and hash(a) == hash(b)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.text = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.raw["n"] = 3  # type: ignore[index]
