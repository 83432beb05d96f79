"""The content model: what the engine evaluates.

A :class:`Content` is an immutable value: a resident's comment, a reply, a private message, a
chat line, a post that tags a city account, or one of the city's own posts. Platform connectors
build them from a platform's payload; :meth:`Content.from_dict` builds one from the plain JSON
shape of ``clive-rules scan``. A bad value raises :class:`~clive_rules.errors.ContentError`
naming the field.
"""

from __future__ import annotations

import datetime as _dt
import enum
import types
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from clive_rules.errors import ContentError

__all__ = ["Author", "Content", "ContentKind", "Media", "MediaKind"]


class ContentKind(str, enum.Enum):
    """What kind of thing a content item is."""

    POST = "post"
    """A post on a city account (usually the city's own)."""
    COMMENT = "comment"
    """A comment on a post."""
    REPLY = "reply"
    """A reply to a comment."""
    MESSAGE = "message"
    """A private or direct message to a city account."""
    CHAT = "chat"
    """A line of a chat session (12.4.D.10: chat is not used on city accounts)."""
    TAG = "tag"
    """Someone else's post that tags a city account (12.4.G)."""


class MediaKind(str, enum.Enum):
    """What kind of media is attached."""

    PHOTO = "photo"
    GRAPHIC = "graphic"
    VIDEO = "video"
    LIVE_STREAM = "live_stream"


_E = TypeVar("_E", bound=enum.Enum)


def _to_enum(cls: type[_E], field: str, value: object) -> _E:
    if isinstance(value, cls):
        return value
    try:
        return cls(str(value).strip().lower().replace(" ", "_") if value is not None else value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise ContentError(field, f"{value!r} is not one of {allowed}") from None


def _to_optional_str(field: str, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise ContentError(field, f"expected a string, got {type(value).__name__}")


def _to_datetime(value: object) -> _dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            result = _dt.datetime.fromtimestamp(value, tz=_dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise ContentError("created_at", f"{value!r} is not a valid timestamp") from None
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            result = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise ContentError(
                "created_at", f"{value!r} is not an ISO 8601 date and time"
            ) from None
    else:
        raise ContentError("created_at", f"expected an ISO 8601 string, got {type(value).__name__}")
    if result.tzinfo is None:
        result = result.replace(tzinfo=_dt.timezone.utc)
    return result


def _to_str_tuple(field: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise ContentError(field, f"expected a list of strings, got {type(value).__name__}")
    out = tuple(value)
    for item in out:
        if not isinstance(item, str):
            raise ContentError(field, f"expected strings, got {type(item).__name__}")
    return out


def _to_mapping(value: object) -> Mapping[str, Any]:
    if value is None:
        return types.MappingProxyType({})
    if isinstance(value, types.MappingProxyType):
        return value
    if isinstance(value, Mapping):
        return types.MappingProxyType(dict(value))
    raise ContentError("raw", f"expected a JSON object, got {type(value).__name__}")


def _str_author_id(value: object) -> str | None:
    return _to_optional_str("author.id", value)


def _str_author_handle(value: object) -> str | None:
    return _to_optional_str("author.handle", value)


def _str_author_display_name(value: object) -> str | None:
    return _to_optional_str("author.display_name", value)


def _str_author_email(value: object) -> str | None:
    return _to_optional_str("author.email", value)


def _str_media_url(value: object) -> str | None:
    return _to_optional_str("media.url", value)


def _str_media_owner(value: object) -> str | None:
    return _to_optional_str("media.owner", value)


def _str_media_permission(value: object) -> str | None:
    return _to_optional_str("media.permission", value)


def _str_id(value: object) -> str | None:
    return _to_optional_str("id", value)


def _str_platform(value: object) -> str | None:
    return _to_optional_str("platform", value)


def _str_account(value: object) -> str | None:
    return _to_optional_str("account", value)


def _str_parent_text(value: object) -> str | None:
    return _to_optional_str("parent_text", value)


def _tuple_links(value: object) -> tuple[str, ...]:
    return _to_str_tuple("links", value)


def _tuple_tags(value: object) -> tuple[str, ...]:
    return _to_str_tuple("tags", value)


def _enum_media_kind(value: object) -> MediaKind:
    return _to_enum(MediaKind, "media.kind", value)


def _enum_kind(value: object) -> ContentKind:
    return _to_enum(ContentKind, "kind", value)


@attrs.frozen
class Author:
    """Who wrote a content item.

    :ivar id: the platform's user id.
    :ivar handle: the user name or handle (``@name``).
    :ivar display_name: the name shown on the platform.
    :ivar email: an e-mail address, when known (the city's moderators, 12.4.C).
    """

    id: str | None = attrs.field(default=None, converter=_str_author_id)
    handle: str | None = attrs.field(default=None, converter=_str_author_handle)
    display_name: str | None = attrs.field(
        default=None, converter=_str_author_display_name
    )
    email: str | None = attrs.field(default=None, converter=_str_author_email)

    @property
    def key(self) -> str | None:
        """A stable key for this author's history: id, else handle, else e-mail."""
        return self.id or self.handle or self.email

    @classmethod
    def coerce(cls, value: object) -> Author | None:
        """An :class:`Author` from an Author, a mapping, a plain handle string, or ``None``."""
        if value is None or isinstance(value, Author):
            return value
        if isinstance(value, str):
            return cls(id=value, handle=value)
        if isinstance(value, Mapping):
            unknown = set(value) - {"id", "handle", "display_name", "email", "name"}
            if unknown:
                raise ContentError("author", f"unknown field {sorted(unknown)[0]!r}")
            return cls(
                id=value.get("id"),
                handle=value.get("handle"),
                display_name=value.get("display_name", value.get("name")),
                email=value.get("email"),
            )
        raise ContentError("author", f"expected an object or a string, got {type(value).__name__}")


@attrs.frozen
class Media:
    """A photo, graphic, video or live stream attached to a content item.

    :ivar kind: what it is.
    :ivar url: where it is, if known.
    :ivar owner: who owns it, when it is someone else's material (12.4.A.5).
    :ivar permission: a reference to the owner's recorded permission, if any.
    """

    kind: MediaKind = attrs.field(converter=_enum_media_kind)
    url: str | None = attrs.field(default=None, converter=_str_media_url)
    owner: str | None = attrs.field(default=None, converter=_str_media_owner)
    permission: str | None = attrs.field(default=None, converter=_str_media_permission)

    @classmethod
    def coerce(cls, value: object) -> Media:
        """A :class:`Media` from a Media, a mapping, or a bare kind string."""
        if isinstance(value, Media):
            return value
        if isinstance(value, str):
            return cls(kind=value)
        if isinstance(value, Mapping):
            if "kind" not in value:
                raise ContentError("media.kind", "is required")
            return cls(
                kind=value["kind"], url=value.get("url"), owner=value.get("owner"),
                permission=value.get("permission"),
            )
        raise ContentError("media", f"expected an object, got {type(value).__name__}")


def _to_media(value: object) -> tuple[Media, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, Mapping, Media)):
        value = [value]
    if not isinstance(value, Iterable):
        raise ContentError("media", f"expected a list, got {type(value).__name__}")
    return tuple(Media.coerce(v) for v in value)


def _to_author(value: object) -> Author | None:
    return Author.coerce(value)


def _check_text(_inst: object, _attr: object, value: Any) -> None:
    if not isinstance(value, str):
        raise ContentError("text", f"expected a string, got {type(value).__name__}")


# The fields of the plain JSON shape (CONTRACT.md) and of the Content class.
_FIELDS = frozenset(
    {"text", "id", "kind", "platform", "account", "author", "parent_text", "links", "media",
     "created_at", "raw", "tags"}
)


@attrs.frozen
class Content:
    """One item of content to evaluate.

    Only ``text`` is required. Values are converted where that is unambiguous (a kind given as
    ``"comment"``, links as a list, ``created_at`` as ISO 8601); anything else raises
    :class:`~clive_rules.errors.ContentError` naming the field.

    :ivar text: the text as posted, never altered.
    :ivar id: the platform's id for the item.
    :ivar kind: post, comment, reply, message, chat or tag.
    :ivar platform: which platform it came from (``"facebook"``, ...).
    :ivar account: which city account (department) it was posted to or tags.
    :ivar author: who wrote it.
    :ivar parent_text: the text of the post it replies to.
    :ivar links: URLs it contains or attaches (the engine also finds URLs in ``text``).
    :ivar media: photos, videos and live streams attached.
    :ivar tags: accounts it tags (for ``kind="tag"``).
    :ivar created_at: when it was posted (timezone-aware, UTC when none was given).
    :ivar raw: the platform's own payload, kept for the record; not compared or hashed.
    """

    text: str = attrs.field(validator=_check_text)
    id: str | None = attrs.field(default=None, converter=_str_id)
    kind: ContentKind = attrs.field(
        default=ContentKind.COMMENT, converter=_enum_kind
    )
    platform: str | None = attrs.field(default=None, converter=_str_platform)
    account: str | None = attrs.field(default=None, converter=_str_account)
    author: Author | None = attrs.field(default=None, converter=_to_author)
    parent_text: str | None = attrs.field(default=None, converter=_str_parent_text)
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple_links)
    media: tuple[Media, ...] = attrs.field(default=(), converter=_to_media)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tuple_tags)
    created_at: _dt.datetime | None = attrs.field(default=None, converter=_to_datetime)
    raw: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_to_mapping, eq=False, hash=False, repr=False
    )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Content:
        """Build from the plain JSON shape of ``clive-rules scan`` (see CONTRACT.md).

        Unknown fields are an error, so that a misspelt field is never silently ignored.
        """
        if not isinstance(data, Mapping):
            raise ContentError("record", f"expected a JSON object, got {type(data).__name__}")
        unknown = set(data) - _FIELDS
        if unknown:
            raise ContentError(sorted(unknown)[0], "unknown field")
        if "text" not in data or data["text"] is None:
            raise ContentError("text", "is required")
        return cls(**{k: v for k, v in data.items() if v is not None})

    def to_dict(self) -> dict[str, Any]:
        """The plain JSON shape; :meth:`from_dict` reads it back to an equal object."""
        out: dict[str, Any] = {"text": self.text, "kind": self.kind.value}
        for name in ("id", "platform", "account", "parent_text"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.author is not None:
            out["author"] = {k: v for k, v in attrs.asdict(self.author).items() if v is not None}
        if self.links:
            out["links"] = list(self.links)
        if self.tags:
            out["tags"] = list(self.tags)
        if self.media:
            out["media"] = [
                {k: (v.value if isinstance(v, enum.Enum) else v)
                 for k, v in attrs.asdict(m).items() if v is not None}
                for m in self.media
            ]
        if self.created_at is not None:
            out["created_at"] = self.created_at.isoformat()
        if self.raw:
            out["raw"] = dict(self.raw)
        return out
