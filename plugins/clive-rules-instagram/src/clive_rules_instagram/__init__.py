"""Instagram connector for clive-rules: the Instagram Platform ``comments`` webhook.

Parses ``object: "instagram"`` deliveries (``entry[].changes[]`` with ``field`` ``comments`` or
``live_comments``; the ``field``/``value`` directly inside an entry, as one Meta example page
prints it, is accepted too) and builds Graph API requests: hide (``POST /{ig-comment-id}``
``hide=true``, reversible, the default for ``remove``) and delete (``DELETE /{ig-comment-id}``).
Instagram's API cannot block a commenter, so ``block_author`` builds nothing. Deliveries are
signed like Facebook's (``X-Hub-Signature-256``).
"""

from __future__ import annotations

import re
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

__all__ = ["InstagramConnector", "clive_config_defaults", "clive_register_connectors"]

_FIELDS = frozenset({"comments", "live_comments"})
_MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9._]{1,30})")


@attrs.frozen
class InstagramConnector(MetaConnectorBase):
    """The Instagram connector.

    :ivar host: ``graph.facebook.com`` (Instagram API with Facebook Login) or
        ``graph.instagram.com`` (with Instagram Login).
    :ivar api_version: the Graph API version in request URLs.
    :ivar remove: what ``remove`` does: ``hide`` (default) or ``delete``.
    :ivar app_secret: the Meta app secret that signs deliveries (else the environment).
    :ivar verify_token: the token of the subscription handshake (else the environment).
    """

    platform: ClassVar[str] = "instagram"

    host: str = "graph.facebook.com"
    api_version: str = "v25.0"
    remove: str = attrs.field(default="hide", validator=attrs.validators.in_(("hide", "delete")))
    app_secret: str = attrs.field(default="", repr=False)
    verify_token: str = attrs.field(default="", repr=False)

    @property
    def base_url(self) -> str:
        """The versioned API base URL."""
        return f"https://{self.host}/{self.api_version}"

    def parse(self, payload: Any) -> list[Content]:
        """The comments of one webhook delivery."""
        root = Node.root(self.platform, payload)
        kind = root.text("object")
        if kind != "instagram":
            raise root.error("object", f"expected 'instagram', got {kind!r}")
        out: list[Content] = []
        for entry in root.nodes("entry"):
            account = entry.text("id")
            changes = entry.opt_nodes("changes") or ([entry] if entry.has("field") else [])
            for change in changes:
                if change.text("field") not in _FIELDS:
                    continue
                value = change.node("value")
                text = value.text("text")
                author = value.opt_node("from")
                out.append(Content(
                    text=text, id=value.text("id"),
                    kind=ContentKind.REPLY if value.has("parent_id") else ContentKind.COMMENT,
                    platform=self.platform, account=account,
                    author=None if author is None else {"id": author.opt_text("id"),
                                                        "handle": author.opt_text("username")},
                    tags=_MENTION.findall(text),
                    created_at=int(t) if (t := entry.opt_text("time")) and t.isdigit() else t,
                    raw=value.value,
                ))
        return out

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Hide or delete for remove, hide for hold and remove_tag; nothing else."""
        why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
        if action.kind is ActionKind.REMOVE and self.remove == "delete":
            yield ApiRequest("DELETE", f"/{content.id}", f"Delete Instagram comment "
                             f"{content.id} {why}", action.kind.value, base_url=self.base_url)
        elif action.kind in (ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW,
                             ActionKind.REMOVE_TAG):
            yield ApiRequest("POST", f"/{content.id}", f"Hide Instagram comment {content.id} "
                             f"{why}", action.kind.value, params={"hide": "true"},
                             base_url=self.base_url)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[instagram]`` section."""
    return {"instagram": {"host": "graph.facebook.com", "api_version": "v25.0",
                          "remove": "hide", "app_secret": "", "verify_token": ""}}


@hookimpl
def clive_register_connectors(config: Config) -> list[InstagramConnector]:
    """The Instagram connector, from the ``[instagram]`` section."""
    s = config.section("instagram")
    return [InstagramConnector(host=s["host"], api_version=s["api_version"], remove=s["remove"],
                               app_secret=s["app_secret"], verify_token=s["verify_token"])]
