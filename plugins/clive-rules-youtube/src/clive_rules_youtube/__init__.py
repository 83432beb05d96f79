"""YouTube connector for clive-rules: YouTube Data API v3 ``commentThreads``.

YouTube pushes no comment webhooks, so a city application polls ``commentThreads.list``
(``part=snippet,replies``) and hands each response (or one ``youtube#commentThread``) to
:meth:`YouTubeConnector.parse`. The channel owner moderates through
``POST /youtube/v3/comments/setModerationStatus``: ``rejected`` for ``remove`` (YouTube lets only
a comment's author delete it), ``heldForReview`` for ``hold_for_review`` and ``rejected`` with
``banAuthor=true`` for ``block_author`` (YouTube accepts a ban only with a rejection).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, Node, html_text
from clive_rules.verdict import Action, ActionKind, Verdict

__all__ = ["YouTubeConnector", "clive_config_defaults", "clive_register_connectors"]

_PATH = "/youtube/v3/comments/setModerationStatus"


@attrs.frozen
class YouTubeConnector(ConnectorBase):
    """The YouTube connector.

    :ivar base_url: the API host.
    """

    platform: ClassVar[str] = "youtube"

    base_url: str = "https://www.googleapis.com"

    def parse(self, payload: Any) -> list[Content]:
        """The comments and replies of a ``commentThreadListResponse`` or one thread."""
        root = Node.root(self.platform, payload)
        threads = ([root] if root.opt_text("kind") == "youtube#commentThread"
                   else root.nodes("items"))
        out: list[Content] = []
        for thread in threads:
            snippet = thread.node("snippet")
            top = self._content(snippet.node("topLevelComment"), ContentKind.COMMENT, None)
            out.append(top)
            replies = thread.opt_node("replies")
            for reply in replies.opt_nodes("comments") if replies else []:
                out.append(self._content(reply, ContentKind.REPLY, top.text))
        return out

    def _content(self, comment: Node, kind: ContentKind, parent_text: str | None) -> Content:
        snippet = comment.node("snippet")
        display = html_text(snippet.opt_text("textDisplay") or "")
        original = snippet.opt_text("textOriginal")
        if original is None and not snippet.has("textDisplay"):
            raise snippet.error("textOriginal")
        video = snippet.opt_text("videoId")
        links = [link for link in display.links
                 if not (video and "youtube.com/watch" in link and f"v={video}" in link)]
        channel = snippet.opt_node("authorChannelId")
        name = snippet.opt_text("authorDisplayName")
        return Content(
            text=original if original is not None else display.text, id=comment.text("id"),
            kind=kind, platform=self.platform, account=snippet.opt_text("channelId"),
            author={"id": channel.opt_text("value") if channel else None,
                    "handle": name if name and name.startswith("@") else None, "name": name},
            parent_text=parent_text, links=links, created_at=snippet.opt_text("publishedAt"),
            raw=comment.value,
        )

    def actions_for(self, verdict: Verdict, content: Content) -> list[ApiRequest]:
        """As the base class, but a ban replaces the plain rejection it includes."""
        requests = super().actions_for(verdict, content)
        if any(r.params.get("banAuthor") for r in requests):
            requests = [r for r in requests if r.params.get("moderationStatus") != "rejected"
                        or r.params.get("banAuthor")]
        return requests

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """``setModerationStatus`` for remove, hold, remove_tag and block_author."""
        why = f"({action.kind.value}: {', '.join(action.clauses) or 'no clause'})"
        params: dict[str, str] = {"id": str(content.id)}
        if action.kind in (ActionKind.REMOVE, ActionKind.REMOVE_TAG):
            params["moderationStatus"] = "rejected"
            what = "Reject"
        elif action.kind is ActionKind.HOLD_FOR_REVIEW:
            params["moderationStatus"] = "heldForReview"
            what = "Hold for review"
        elif action.kind is ActionKind.BLOCK_AUTHOR:
            params.update(moderationStatus="rejected", banAuthor="true")
            what = "Reject and ban the author of"
        else:
            return
        yield ApiRequest("POST", _PATH, f"{what} YouTube comment {content.id} {why}",
                         action.kind.value, params=params, base_url=self.base_url)


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[youtube]`` section."""
    return {"youtube": {"base_url": "https://www.googleapis.com"}}


@hookimpl
def clive_register_connectors(config: Config) -> list[YouTubeConnector]:
    """The YouTube connector, from the ``[youtube]`` section."""
    return [YouTubeConnector(base_url=config.section("youtube")["base_url"])]
