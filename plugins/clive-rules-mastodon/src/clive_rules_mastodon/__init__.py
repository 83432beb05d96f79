"""Mastodon connector for clive-rules: Mastodon REST API status entities.

Accepts a Status, a list of them, a Notification (``type: "mention"``; others are skipped) or a
list of those, or a thread context (``{"ancestors": [...], "descendants": [...]}``: the
descendants are evaluated). HTML ``content`` becomes plain text (the hidden parts of shortened
URLs kept); link anchors and the preview card give ``links``; mentions give ``tags``.

Mastodon lets an account delete only its own statuses, so ``remove`` deletes a city post
(``DELETE /api/v1/statuses/{id}``) and reports anyone else's to the instance's moderators
(``POST /api/v1/reports``); ``block_author`` blocks (``POST /api/v1/accounts/{id}/block``).
There is no way to hold someone else's reply, so ``hold_for_review`` builds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, Node, html_text
from clive_rules.verdict import Action, ActionKind

__all__ = ["MastodonConnector", "clive_config_defaults", "clive_register_connectors"]

_MEDIA = {"image": "photo", "gifv": "graphic", "video": "video"}


@attrs.frozen
class MastodonConnector(ConnectorBase):
    """The Mastodon connector.

    :ivar instance: the host of the city account's instance (``social.cityofclive.example``).
    :ivar account_id: the city account's id on that instance: its statuses are ``post`` (and
        can be deleted); a reply to it is a ``comment``.
    :ivar forward_reports: ask the instance to forward reports to a remote author's server.
    """

    platform: ClassVar[str] = "mastodon"

    instance: str = ""
    account_id: str = ""
    forward_reports: bool = False

    @property
    def base_url(self) -> str:
        """``https://{instance}``, or empty when the injected client has a base URL."""
        return f"https://{self.instance}" if self.instance else ""

    def parse(self, payload: Any) -> list[Content]:
        """The statuses of one payload."""
        root = Node.root(self.platform, payload)
        items = root.items() if isinstance(payload, list) else [root]
        out: list[Content] = []
        for item in items:
            if isinstance(item.value, Mapping) and "descendants" in item.value:
                out.extend(self._status(s) for s in item.nodes("descendants"))
            elif item.has("type") and not item.has("content"):  # a Notification
                if item.text("type") == "mention":
                    out.append(self._status(item.node("status")))
            else:
                out.append(self._status(item))
        return out

    def _status(self, status: Node) -> Content:
        account = status.node("account")
        body = html_text(status.text("content"))
        warning = status.opt_text("spoiler_text")
        text = f"{warning}\n\n{body.text}" if warning else body.text
        card = status.opt_node("card")
        links = list(body.links)
        if card is not None and (url := card.opt_text("url")) and url not in links:
            links.append(url)
        media = [{"kind": _MEDIA[m.text("type")], "url": m.opt_text("remote_url")
                  or m.opt_text("url")}
                 for m in status.opt_nodes("media_attachments") if m.opt_text("type") in _MEDIA]
        mentions = [m.text("acct") for m in status.opt_nodes("mentions")]
        author_id = account.text("id")
        if status.has("in_reply_to_id"):
            kind = (ContentKind.COMMENT
                    if status.opt_text("in_reply_to_account_id") == self.account_id
                    and self.account_id else ContentKind.REPLY)
        elif author_id != self.account_id and mentions:
            kind = ContentKind.TAG
        else:
            kind = ContentKind.POST
        return Content(
            text=text, id=status.text("id"), kind=kind, platform=self.platform,
            account=self.account_id or None,
            author={"id": author_id, "handle": account.opt_text("acct"),
                    "name": account.opt_text("display_name")},
            links=links, media=media, tags=mentions, created_at=status.opt_text("created_at"),
            raw=status.value,
        )

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Delete own, report others', block; nothing for hold_for_review."""
        why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
        author = content.author.id if content.author else None
        own = bool(self.account_id) and author == self.account_id
        if action.kind in (ActionKind.REMOVE, ActionKind.REMOVE_TAG) and own:
            yield ApiRequest("DELETE", f"/api/v1/statuses/{content.id}",
                             f"Delete the city's Mastodon status {content.id} {why}",
                             action.kind.value, base_url=self.base_url)
        elif action.kind in (ActionKind.REMOVE, ActionKind.REMOVE_TAG) and author:
            reason = f"City of Clive social media policy {', '.join(action.clauses)}: " \
                     f"{action.reason}"
            yield ApiRequest("POST", "/api/v1/reports",
                             f"Report Mastodon status {content.id} by {author} {why}",
                             action.kind.value,
                             json={"account_id": author, "status_ids": [content.id],
                                   "comment": reason[:1000], "category": "other",
                                   "forward": self.forward_reports},
                             base_url=self.base_url)
        elif action.kind is ActionKind.BLOCK_AUTHOR and author and not own:
            yield ApiRequest("POST", f"/api/v1/accounts/{author}/block",
                             f"Block Mastodon account {author} {why}", action.kind.value,
                             base_url=self.base_url)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[mastodon]`` section."""
    return {"mastodon": {"instance": "", "account_id": "", "forward_reports": False}}


@hookimpl
def clive_register_connectors(config: Config) -> list[MastodonConnector]:
    """The Mastodon connector, from the ``[mastodon]`` section."""
    s = config.section("mastodon")
    return [MastodonConnector(instance=s["instance"], account_id=s["account_id"],
                              forward_reports=s["forward_reports"])]
