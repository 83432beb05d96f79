"""Facebook Pages connector for clive-rules: Graph API page ``feed`` webhooks.

Parses the ``feed`` changes of a Page webhook delivery (comments, replies and visitor posts,
``verb`` ``add`` or ``edited``; the City's own hide/unhide/remove events and reactions are
skipped) and builds Graph API requests: hide (``POST /{id}`` with ``is_hidden=true``, reversible,
the default for ``remove``), delete (``DELETE /{id}``, when ``[facebook] remove = "delete"``) and
ban (``POST /{page-id}/blocked`` with ``user=["{user-id}"]``). Deliveries are signed
(``X-Hub-Signature-256``) with the app secret; the subscription handshake echoes
``hub.challenge`` when ``hub.verify_token`` matches.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, hookimpl
from clive_rules.connectors import (
    ApiRequest,
    MetaConnectorBase,
    Node,
)
from clive_rules.verdict import Action, ActionKind

__all__ = ["FacebookConnector", "clive_config_defaults", "clive_register_connectors"]

_TEXT_ITEMS = frozenset({"comment", "post", "status", "photo", "video", "share"})
_VERBS = frozenset({"add", "edited"})


@attrs.frozen
class FacebookConnector(MetaConnectorBase):
    """The Facebook Pages connector.

    :ivar api_version: the Graph API version in request URLs (``v25.0``).
    :ivar remove: what ``remove`` does: ``hide`` (reversible; default) or ``delete``.
    :ivar app_secret: the app secret that signs deliveries (else the environment).
    :ivar verify_token: the token of the subscription handshake (else the environment).
    """

    platform: ClassVar[str] = "facebook"

    api_version: str = "v25.0"
    remove: str = attrs.field(default="hide", validator=attrs.validators.in_(("hide", "delete")))
    app_secret: str = attrs.field(default="", repr=False)
    verify_token: str = attrs.field(default="", repr=False)

    @property
    def base_url(self) -> str:
        """The Graph API's versioned base URL."""
        return f"https://graph.facebook.com/{self.api_version}"

    # -- payloads ------------------------------------------------------------------------------

    def parse(self, payload: Any) -> list[Content]:
        """The comments and posts of one webhook delivery (all entries, all changes)."""
        root = Node.root(self.platform, payload)
        kind = root.text("object")
        if kind != "page":
            raise root.error("object", f"expected 'page', got {kind!r}")
        out: list[Content] = []
        for entry in root.nodes("entry"):
            page_id = entry.text("id")
            for change in entry.opt_nodes("changes"):
                if change.text("field") != "feed":
                    continue
                value = change.node("value")
                item = value.text("item")
                if item not in _TEXT_ITEMS or (value.opt_text("verb") or "add") not in _VERBS:
                    continue
                out.append(self._content(page_id, entry, value, item))
        return out

    def _content(self, page_id: str, entry: Node, value: Node, item: str) -> Content:
        media = []
        for field, kind in (("photo", "photo"), ("video", "video")):
            url = value.opt_text(field)
            if url:
                media.append({"kind": kind, "url": url})
        text = value.opt_text("message")
        if text is None:
            if not media:  # attachment-only comments legitimately have no message
                raise value.error("message")
            text = ""
        if item == "comment":
            content_id = value.text("comment_id")
            kind = (ContentKind.COMMENT if value.opt_text("parent_id") in
                    (None, value.opt_text("post_id")) else ContentKind.REPLY)
        else:
            content_id = value.text("post_id")
            kind = ContentKind.POST
        author = value.opt_node("from")
        link = value.opt_text("link")
        created = value.opt_text("created_time") or entry.opt_text("time")
        return Content(
            text=text, id=content_id, kind=kind, platform=self.platform, account=page_id,
            author=None if author is None else {"id": author.opt_text("id"),
                                                "name": author.opt_text("name")},
            links=[link] if link else [], media=media,
            created_at=int(created) if created and created.isdigit() else created,
            raw=value.value,
        )

    # -- actions -------------------------------------------------------------------------------

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Hide or delete for remove, hide for hold and remove_tag, ban for block_author."""
        assert content.id is not None
        why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
        what = "comment" if content.kind is not ContentKind.POST else "post"
        if action.kind is ActionKind.REMOVE and self.remove == "delete":
            yield ApiRequest("DELETE", f"/{content.id}", f"Delete Facebook {what} {content.id} "
                             f"{why}", action.kind.value, base_url=self.base_url)
        elif action.kind in (ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW,
                             ActionKind.REMOVE_TAG):
            yield ApiRequest("POST", f"/{content.id}", f"Hide Facebook {what} {content.id} "
                             f"{why}", action.kind.value, params={"is_hidden": "true"},
                             base_url=self.base_url)
        elif action.kind is ActionKind.BLOCK_AUTHOR:
            author = content.author.id if content.author else None
            if author is None or content.account is None:
                raise Node(self.platform, None, "author.id").error(
                    None, "is needed to ban the author")
            yield ApiRequest("POST", f"/{content.account}/blocked",
                             f"Ban user {author} from Page {content.account} {why}",
                             action.kind.value, params={"user": json.dumps([author])},
                             base_url=self.base_url)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[facebook]`` section."""
    return {"facebook": {"api_version": "v25.0", "remove": "hide", "app_secret": "",
                         "verify_token": ""}}


@hookimpl
def clive_register_connectors(config: Config) -> list[FacebookConnector]:
    """The Facebook connector, from the ``[facebook]`` section."""
    section = config.section("facebook")
    return [FacebookConnector(api_version=section["api_version"], remove=section["remove"],
                              app_secret=section["app_secret"],
                              verify_token=section["verify_token"])]
