"""Bluesky connector for clive-rules: AT Protocol ``app.bsky.feed.post`` records.

Chosen over Nextdoor because Nextdoor offers no public API to read or moderate comments (its
public APIs publish posts and ads; moderation happens only in its own app), while Bluesky's
lexicons let an account read replies, hide them in its threads, report and block.

Accepts ``app.bsky.notification.listNotifications`` responses (reasons ``reply``, ``mention`` and
``quote``), ``app.bsky.feed.getPostThread`` (the replies, at any depth, with their parent's
text), ``app.bsky.feed.getPosts`` and a single post view. Link facets give ``links``, mention
facets ``tags`` (DIDs), image and video embeds ``media``.

Requests go to the city account's PDS as XRPC calls: a reply in one of the city's threads is
hidden with the thread's ``app.bsky.feed.threadgate`` record (``hiddenReplies``) for ``remove``
and ``hold_for_review``; content elsewhere is reported (``com.atproto.moderation.createReport``)
for ``remove`` and ``remove_tag``; ``block_author`` writes an ``app.bsky.graph.block`` record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, Node
from clive_rules.verdict import Action, ActionKind

__all__ = ["BlueskyConnector", "clive_config_defaults", "clive_register_connectors"]

_REASONS = frozenset({"reply", "mention", "quote"})
_LINK = "app.bsky.richtext.facet#link"
_MENTION = "app.bsky.richtext.facet#mention"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _repo(uri: str) -> str:
    """The DID of an ``at://`` URI's repository."""
    return uri.removeprefix("at://").split("/", 1)[0]


def _rkey(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


@attrs.frozen
class BlueskyConnector(ConnectorBase):
    """The Bluesky connector.

    :ivar pds: the city account's PDS (``https://bsky.social``).
    :ivar did: the city account's DID: replies in its threads can be hidden, its own posts are
        ``post``.
    :ivar clock: the time written into new records (injectable for tests).
    """

    platform: ClassVar[str] = "bluesky"

    pds: str = "https://bsky.social"
    did: str = ""
    clock: Callable[[], dt.datetime] = attrs.field(default=_now, eq=False, repr=False)

    def parse(self, payload: Any) -> list[Content]:
        """The posts of one XRPC response."""
        root = Node.root(self.platform, payload)
        out: list[Content] = []
        if root.has("notifications"):
            for note in root.nodes("notifications"):
                if note.text("reason") in _REASONS:
                    out.append(self._content(note, note.node("record"), None))
        elif root.has("thread"):
            self._thread(root.node("thread"), None, out)
        elif root.has("posts"):
            out.extend(self._content(p, p.node("record"), None) for p in root.nodes("posts"))
        else:
            out.append(self._content(root, root.node("record"), None))
        return out

    def _thread(self, view: Node, parent: Content | None, out: list[Content]) -> None:
        post = view.opt_node("post")  # blocked or deleted replies have no post
        if post is None:
            return
        here = self._content(post, post.node("record"),
                             parent.text if parent is not None else None)
        if parent is not None:
            out.append(here)
        for reply in view.opt_nodes("replies"):
            self._thread(reply, here, out)

    def _content(self, view: Node, record: Node, parent_text: str | None) -> Content:
        uri = view.text("uri")
        author = view.node("author")
        links: list[str] = []
        mentions: list[str] = []
        for facet in record.opt_nodes("facets"):
            for feature in facet.opt_nodes("features"):
                kind = feature.opt_text("$type")
                if kind == _LINK:
                    links.append(feature.text("uri"))
                elif kind == _MENTION:
                    mentions.append(feature.text("did"))
        reply = record.opt_node("reply")
        author_did = author.text("did")
        if reply is not None:
            same = reply.node("parent").text("uri") == reply.node("root").text("uri")
            kind = ContentKind.COMMENT if same else ContentKind.REPLY
            account = _repo(reply.node("root").text("uri"))
        else:
            kind = (ContentKind.TAG if author_did != self.did and mentions
                    else ContentKind.POST)
            account = self.did or None
        return Content(
            text=record.text("text"), id=uri, kind=kind, platform=self.platform,
            account=account,
            author={"id": author_did, "handle": author.opt_text("handle"),
                    "name": author.opt_text("displayName")},
            parent_text=parent_text, links=links, media=self._media(view, record),
            tags=mentions, created_at=record.opt_text("createdAt"), raw=view.value,
        )

    def _media(self, view: Node, record: Node) -> list[dict[str, Any]]:
        embed = record.opt_node("embed")
        if embed is None:
            return []
        if embed.opt_text("$type") == "app.bsky.embed.recordWithMedia":
            embed = embed.node("media")
        hydrated = view.opt_node("embed")
        full = [i.opt_text("fullsize") for i in hydrated.opt_nodes("images")] if hydrated else []
        kind = embed.opt_text("$type")
        if kind == "app.bsky.embed.images":
            return [{"kind": "photo", "url": full[i] if i < len(full) else None}
                    for i, _ in enumerate(embed.nodes("images"))]
        if kind == "app.bsky.embed.video":
            return [{"kind": "video"}]
        return []

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Hide in the city's threads, report elsewhere, block the author."""
        assert content.id is not None
        why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
        raw = Node.root(self.platform, content.raw)
        record = raw.opt_node("record")
        reply = record.opt_node("reply") if record else None
        root_uri = reply.node("root").text("uri") if reply else None
        in_city_thread = bool(self.did) and root_uri is not None and _repo(root_uri) == self.did
        author = content.author.id if content.author else None
        now = self.clock().isoformat(timespec="milliseconds").replace("+00:00", "Z")
        if action.kind in (ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW) and in_city_thread:
            assert root_uri is not None
            yield ApiRequest(
                "POST", "/xrpc/com.atproto.repo.putRecord",
                f"Hide Bluesky reply {content.id} in the city's thread {why}; this writes the "
                "thread's whole threadgate: merge its existing hiddenReplies and allow rules "
                "first", action.kind.value,
                json={"repo": self.did, "collection": "app.bsky.feed.threadgate",
                      "rkey": _rkey(root_uri),
                      "record": {"$type": "app.bsky.feed.threadgate", "post": root_uri,
                                 "createdAt": now, "hiddenReplies": [content.id]}},
                base_url=self.pds)
        elif action.kind in (ActionKind.REMOVE, ActionKind.REMOVE_TAG):
            reason = f"City of Clive social media policy {', '.join(action.clauses)}: " \
                     f"{action.reason}"
            yield ApiRequest(
                "POST", "/xrpc/com.atproto.moderation.createReport",
                f"Report Bluesky post {content.id} {why}", action.kind.value,
                json={"reasonType": "com.atproto.moderation.defs#reasonOther",
                      "reason": reason[:2000],
                      "subject": {"$type": "com.atproto.repo.strongRef", "uri": content.id,
                                  "cid": raw.text("cid")}},
                base_url=self.pds)
        elif action.kind is ActionKind.BLOCK_AUTHOR and author and self.did:
            yield ApiRequest(
                "POST", "/xrpc/com.atproto.repo.createRecord",
                f"Block Bluesky account {author} {why}", action.kind.value,
                json={"repo": self.did, "collection": "app.bsky.graph.block",
                      "record": {"$type": "app.bsky.graph.block", "subject": author,
                                 "createdAt": now}},
                base_url=self.pds)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[bluesky]`` section."""
    return {"bluesky": {"pds": "https://bsky.social", "did": ""}}


@hookimpl
def clive_register_connectors(config: Config) -> list[BlueskyConnector]:
    """The Bluesky connector, from the ``[bluesky]`` section."""
    s = config.section("bluesky")
    return [BlueskyConnector(pds=s["pds"], did=s["did"])]
