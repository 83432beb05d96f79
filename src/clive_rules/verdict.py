"""Verdicts: what the engine decided about a content item, and why.

A :class:`Verdict` names every clause that fired, through its :class:`Finding` objects (the
clause, the rule, the span in the ORIGINAL text, masked evidence, a confidence and a one-sentence
explanation), the :class:`Decision` and the recommended :class:`Action` objects, and the version of
the policy it was made under. ``to_dict()``/``from_dict()`` round-trip the stable JSON shape of
CONTRACT.md (``"schema": 1``), which the record store, the command line and plugins all share.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from clive_rules.errors import CliveRulesError

__all__ = ["SCHEMA", "Action", "ActionKind", "Decision", "Finding", "Verdict"]

SCHEMA = 1
"""The version of the JSON shape written by :meth:`Verdict.to_dict`."""

_ORDER = {"allow": 0, "review": 1, "remove": 2}


class Decision(str, enum.Enum):
    """What should happen to a content item, from least to most severe."""

    ALLOW = "allow"
    """Nothing in it breaks the policy."""
    REVIEW = "review"
    """Hold it for a person to decide: something needs judgement."""
    REMOVE = "remove"
    """It clearly breaks the policy."""

    @property
    def severity(self) -> int:
        """0 for allow, 1 for review, 2 for remove."""
        return _ORDER[self.value]

    @classmethod
    def most_severe(cls, decisions: Sequence[Decision]) -> Decision:
        """The most severe of ``decisions`` (``ALLOW`` for none)."""
        return max(decisions, key=lambda d: d.severity, default=cls.ALLOW)

    @classmethod
    def least_severe(cls, a: Decision, b: Decision) -> Decision:
        """The less severe of two decisions."""
        return a if a.severity <= b.severity else b


class ActionKind(str, enum.Enum):
    """A step the engine recommends; connectors turn these into platform API requests."""

    REMOVE = "remove"
    """Take the content down (hide or delete; the connector and the record say which)."""
    HOLD_FOR_REVIEW = "hold_for_review"
    """Hold or hide it until a person decides."""
    WARN_AUTHOR = "warn_author"
    """Send the author the standard warning of 12.4.F."""
    BLOCK_AUTHOR = "block_author"
    """Remove or block the author (12.4.F, second offence)."""
    REMOVE_TAG = "remove_tag"
    """Remove the tag of the city's account (12.4.G)."""
    REDIRECT = "redirect"
    """Refer the question to the department whose area it is (12.4.A.8)."""


@attrs.frozen
class Finding:
    """One thing a rule found, citing one clause.

    :ivar clause: the clause id, e.g. ``"12.4.D.1"``.
    :ivar rule: the id of the rule that found it.
    :ivar start: where it starts in the original text (``0`` with ``end == 0`` when it concerns
        the item as a whole, e.g. a chat item).
    :ivar end: where it ends in the original text (exclusive).
    :ivar evidence: what was matched, masked where it is personal information.
    :ivar confidence: how sure the rule is, from 0 to 1.
    :ivar explanation: one sentence a moderator can record as the reason.
    :ivar decision: what the rule suggests; configuration may lower it (never raise it).
    :ivar category: a sub-kind where the clause has several (``"commercial"`` ...).
    :ivar target: where the item should go instead, e.g. the department a question belongs to;
        the engine turns it into a ``redirect`` action. A finding whose decision is ``allow``
        only informs (it asks for no removal or review).
    """

    clause: str
    rule: str
    start: int
    end: int
    evidence: str
    confidence: float
    explanation: str
    decision: Decision = Decision.REVIEW
    category: str | None = None
    target: str | None = None

    def __attrs_post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be between 0 and 1, got {self.confidence}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {
            "clause": self.clause, "rule": self.rule, "start": self.start, "end": self.end,
            "evidence": self.evidence, "confidence": round(self.confidence, 4),
            "explanation": self.explanation, "decision": self.decision.value,
        }
        if self.category is not None:
            out["category"] = self.category
        if self.target is not None:
            out["target"] = self.target
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Read back what :meth:`to_dict` wrote."""
        return cls(
            clause=data["clause"], rule=data["rule"], start=int(data["start"]),
            end=int(data["end"]), evidence=data["evidence"],
            confidence=float(data["confidence"]), explanation=data["explanation"],
            decision=Decision(data.get("decision", "review")), category=data.get("category"),
            target=data.get("target"),
        )


@attrs.frozen
class Action:
    """A recommended step.

    :ivar kind: what to do.
    :ivar clauses: the clauses that call for it.
    :ivar reason: one sentence, for the record and for the person doing it.
    :ivar target: what it applies to beyond the item itself (the department for a redirect).
    """

    kind: ActionKind
    clauses: tuple[str, ...] = ()
    reason: str = ""
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        out: dict[str, Any] = {"kind": self.kind.value, "clauses": list(self.clauses),
                               "reason": self.reason}
        if self.target is not None:
            out["target"] = self.target
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Action:
        """Read back what :meth:`to_dict` wrote."""
        return cls(
            kind=ActionKind(data["kind"]), clauses=tuple(data.get("clauses", ())),
            reason=data.get("reason", ""), target=data.get("target"),
        )


class VerdictFormatError(CliveRulesError, ValueError):
    """A verdict document cannot be read (wrong schema or missing fields)."""


@attrs.frozen
class Verdict:
    """The engine's verdict on one content item.

    :ivar content_id: the item's id (or its record number when it had none).
    :ivar decision: allow, review or remove.
    :ivar findings: every finding, ordered by position then clause.
    :ivar actions: the recommended steps.
    :ivar policy_version: the version of the policy the clause ids refer to.
    """

    content_id: str | None
    decision: Decision
    findings: tuple[Finding, ...] = ()
    actions: tuple[Action, ...] = ()
    policy_version: str = ""

    @property
    def clauses(self) -> tuple[str, ...]:
        """The clause ids that fired, each once, in order of first finding."""
        return tuple(dict.fromkeys(f.clause for f in self.findings))

    @property
    def allowed(self) -> bool:
        """True when the decision is ``allow``."""
        return self.decision is Decision.ALLOW

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of CONTRACT.md, with ``"schema": 1``."""
        return {
            "schema": SCHEMA,
            "id": self.content_id,
            "decision": self.decision.value,
            "clauses": list(self.clauses),
            "findings": [f.to_dict() for f in self.findings],
            "actions": [a.to_dict() for a in self.actions],
            "policy_version": self.policy_version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """Read back what :meth:`to_dict` wrote; other schemas are refused."""
        if data.get("schema") != SCHEMA:
            raise VerdictFormatError(f"unsupported verdict schema {data.get('schema')!r}")
        try:
            return cls(
                content_id=None if data.get("id") is None else str(data["id"]),
                decision=Decision(data["decision"]),
                findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
                actions=tuple(Action.from_dict(a) for a in data.get("actions", ())),
                policy_version=data.get("policy_version", ""),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise VerdictFormatError(f"bad verdict document: {exc}") from None
