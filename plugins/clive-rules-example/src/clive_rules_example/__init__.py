"""An example third-party clive-rules plugin: copy it to start your own.

It adds what a plugin can add, through the ``clive_rules`` entry point only (no change to
clive-rules itself):

* a platform, ``townhall`` (a fictional neighbourhood forum whose webhook posts a thread and its
  new replies), with its connector: :class:`TownhallConnector`;
* a rule, :class:`PetitionRule`, that holds requests to sign a petition for review under
  12.4.D.6 (solicitation for a political or social cause);
* a configuration section, ``[townhall]``.

A Townhall webhook delivery looks like::

    {"thread": {"id": "t-17", "title": "Pool hours"},
     "replies": [{"reply_id": "r-1", "member": {"id": "m-9", "name": "Ann"},
                  "body": "Sign our petition!", "posted": "2025-06-14T16:00:00Z"}]}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

from clive_rules import Config, Content, ContentKind, Decision, Finding, hookimpl
from clive_rules.connectors import ApiRequest, ConnectorBase, Node
from clive_rules.rules import Prefilter, Subject
from clive_rules.verdict import Action, ActionKind

__all__ = ["PetitionRule", "TownhallConnector"]


@attrs.frozen
class TownhallConnector(ConnectorBase):
    """The Townhall connector: replies in, hide and suspend requests out.

    :ivar base_url: the forum's API.
    """

    platform: ClassVar[str] = "townhall"

    base_url: str = "https://townhall.example/api"

    def parse(self, payload: Any) -> list[Content]:
        """The replies of one delivery; a missing field is named (``replies[0].body``)."""
        root = Node.root(self.platform, payload)
        thread = root.node("thread")
        out = []
        for reply in root.nodes("replies"):
            member = reply.node("member")
            out.append(Content(
                text=reply.text("body"), id=reply.text("reply_id"), kind=ContentKind.COMMENT,
                platform=self.platform, account=thread.text("id"),
                author={"id": member.text("id"), "name": member.opt_text("name")},
                parent_text=thread.opt_text("title"), created_at=reply.opt_text("posted"),
                raw=reply.value,
            ))
        return out

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """Hide for remove and hold; suspend the member for block_author."""
        if action.kind in (ActionKind.REMOVE, ActionKind.HOLD_FOR_REVIEW):
            yield ApiRequest("POST", f"/replies/{content.id}/hide",
                             f"Hide Townhall reply {content.id}", action.kind.value,
                             json={"reason": action.reason}, base_url=self.base_url)
        elif action.kind is ActionKind.BLOCK_AUTHOR and content.author:
            yield ApiRequest("POST", f"/members/{content.author.id}/suspend",
                             f"Suspend Townhall member {content.author.id}",
                             action.kind.value, base_url=self.base_url)


@attrs.frozen
class PetitionRule:
    """Asks to sign a petition are solicitation for a cause (12.4.D.6): held for review, since
    a petition about the city's own business may be on topic."""

    id: str = "example.petition"
    clauses: tuple[str, ...] = ("12.4.D.6",)
    kinds: frozenset[ContentKind] | None = None
    prefilter: Prefilter = attrs.field(init=False)
    _pattern: re.Pattern[str] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The prefilter is a superset of what evaluate() looks for: the word "petition" anywhere.
        object.__setattr__(self, "prefilter",
                           Prefilter(re.compile(r"petition", re.IGNORECASE), view="original"))
        object.__setattr__(self, "_pattern", re.compile(
            r"\bsign\b[^.!?]{0,40}\bpetition", re.IGNORECASE))

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One finding per ask to sign a petition."""
        for match in self._pattern.finditer(subject.content.text):
            yield Finding(
                clause="12.4.D.6", rule=self.id, start=match.start(), end=match.end(),
                evidence=match.group(0), confidence=0.7, decision=Decision.REVIEW,
                category="political",
                explanation="Asks readers to sign a petition (solicitation for a cause); "
                            "a moderator decides whether it is on topic.",
            )


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[townhall]`` section."""
    return {"townhall": {"base_url": "https://townhall.example/api"}}


@hookimpl
def clive_register_connectors(config: Config) -> list[TownhallConnector]:
    """The Townhall connector."""
    return [TownhallConnector(base_url=config.section("townhall")["base_url"])]


@hookimpl
def clive_register_rules(config: Config) -> list[PetitionRule]:
    """The petition rule."""
    return [PetitionRule()]
