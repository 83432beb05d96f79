"""X connector for clive-rules: X API v2 post objects (lookups, searches, conversations).

X pushes no webhooks for replies to most apps, so a city application polls
``GET /2/tweets/search/recent?query=conversation_id:{id}`` (or looks posts up) and hands each
response to :meth:`XConnector.parse`; ``clive-rules serve`` also accepts such a response on
``/webhooks/x``. Expansions (``includes.users``, ``includes.tweets``, ``includes.media``) fill in
author handles, the parent post's text and media. X's API lets a conversation's owner hide
replies (``PUT /2/tweets/{id}/hidden`` with ``{"hidden": true}``): that is what ``remove`` and
``hold_for_review`` build, for replies only. X has no API to delete others' posts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, Node
from clive_rules.verdict import Action, ActionKind

__all__ = ["XConnector", "clive_config_defaults", "clive_register_connectors"]

_MEDIA = {"photo": "photo", "video": "video", "animated_gif": "graphic"}


@attrs.frozen
class XConnector(ConnectorBase):
    """The X connector.

    :ivar base_url: the API host.
    :ivar account_id: the city account's user id: its own root posts are ``post``; a root post
        by someone else that mentions an account is a ``tag``.
    """

    platform: ClassVar[str] = "x"

    base_url: str = "https://api.x.com"
    account_id: str = ""

    def parse(self, payload: Any) -> list[Content]:
        """The posts of one API response (``data`` an object or a list)."""
        root = Node.root(self.platform, payload)
        data = root.node("data")
        posts = data.items() if isinstance(data.value, list) else [data]
        includes = root.opt_node("includes")
        users = {u.text("id"): u for u in includes.opt_nodes("users")} if includes else {}
        tweets = {t.text("id"): t for t in includes.opt_nodes("tweets")} if includes else {}
        media = {m.text("media_key"): m for m in includes.opt_nodes("media")} if includes else {}
        return [self._content(post, users, tweets, media) for post in posts]

    def _content(self, post: Node, users: Mapping[str, Node], tweets: Mapping[str, Node],
                 media: Mapping[str, Node]) -> Content:
        post_id = post.text("id")
        text = post.text("text")
        author_id = post.opt_text("author_id")
        user = users.get(author_id or "")
        parent_id = next((r.text("id") for r in post.opt_nodes("referenced_tweets")
                          if r.text("type") == "replied_to"), None)
        entities = post.opt_node("entities")
        mentions = [m.text("username") for m in entities.opt_nodes("mentions")] if entities else []
        links = []
        for url in entities.opt_nodes("urls") if entities else []:
            if (url.opt_text("display_url") or "").startswith(("pic.twitter.com", "pic.x.com")):
                continue  # the link to the post's own attached media
            links.append(url.opt_text("unwound_url") or url.opt_text("expanded_url")
                         or url.text("url"))
        attached = []
        keys = post.opt_node("attachments")
        for key in keys.opt_nodes("media_keys") if keys else []:
            item = media.get(str(key.value))
            if item is not None and item.opt_text("type") in _MEDIA:
                attached.append({"kind": _MEDIA[item.text("type")],
                                 "url": item.opt_text("url") or item.opt_text("preview_image_url")})
        if parent_id is not None:
            kind = (ContentKind.COMMENT if parent_id == post.opt_text("conversation_id")
                    else ContentKind.REPLY)
        elif author_id and author_id != self.account_id and mentions:
            kind = ContentKind.TAG
        else:
            kind = ContentKind.POST
        parent = tweets.get(parent_id or "")
        return Content(
            text=text, id=post_id, kind=kind, platform=self.platform,
            account=self.account_id or None,
            author=None if author_id is None else {
                "id": author_id, "handle": user.opt_text("username") if user else None,
                "name": user.opt_text("name") if user else None},
            parent_text=parent.opt_text("text") if parent else None,
            links=links, media=attached, tags=mentions, created_at=post.opt_text("created_at"),
            raw=post.value,
        )

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Hide the reply for remove, hold_for_review and remove_tag (replies only)."""
        if content.kind not in (ContentKind.COMMENT, ContentKind.REPLY):
            return
        if action.kind in (ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW,
                           ActionKind.REMOVE_TAG):
            why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
            yield ApiRequest("PUT", f"/2/tweets/{content.id}/hidden",
                             f"Hide X reply {content.id} {why}", action.kind.value,
                             json={"hidden": True}, base_url=self.base_url)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[x]`` section."""
    return {"x": {"base_url": "https://api.x.com", "account_id": ""}}


@hookimpl
def clive_register_connectors(config: Config) -> list[XConnector]:
    """The X connector, from the ``[x]`` section."""
    s = config.section("x")
    return [XConnector(base_url=s["base_url"], account_id=s["account_id"])]
