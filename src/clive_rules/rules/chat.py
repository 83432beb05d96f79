"""Chat sessions (12.4.D.10): the city does not run chat sessions on its accounts.

Decided by the kind of the item, never by its wording: a line that arrived as
:attr:`~clive_rules.content.ContentKind.CHAT` is held for review (a person answers the resident
through a channel the city does use), and the same words as a comment or a message are not
matched. The rule is restricted by ``kinds`` and has no prefilter: the engine checks an item's
kind before anything else, so it costs one set lookup per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.verdict import Decision, Finding

__all__ = ["ChatRule", "clive_config_defaults", "clive_register_rules"]

CLAUSE = "12.4.D.10"


@attrs.frozen
class ChatRule:
    """Holds every chat item for review (12.4.D.10); see the module docstring.

    :ivar accounts_allowed: accounts on which the city does run chat (none by default).
    """

    accounts_allowed: frozenset[str] = frozenset()
    id: str = "chat"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = frozenset({ContentKind.CHAT})
    prefilter: Prefilter | None = None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One whole-item finding for a chat line (none on an account allowed to chat)."""
        content = subject.content
        if content.kind is not ContentKind.CHAT or content.account in self.accounts_allowed:
            return []
        return [Finding(
            clause=CLAUSE, rule=self.id, start=0, end=0, evidence="", confidence=0.9,
            decision=Decision.REVIEW, category="chat",
            explanation="Arrived as a chat session, which city accounts do not use (12.4.D.10); "
                        "a person should answer through the account's comments or messages.",
        )]


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[chat]`` section: accounts on which chat is allowed (none by default)."""
    return {"chat": {"accounts_allowed": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[ChatRule]:
    """The chat rule."""
    allowed = frozenset(str(a) for a in config.section("chat")["accounts_allowed"])
    return [ChatRule(accounts_allowed=allowed)]
