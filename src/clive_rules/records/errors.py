"""The errors of the record store and the moderation service."""

from __future__ import annotations

from clive_rules.errors import CliveRulesError

__all__ = ["ModerationError", "RecordStoreError"]


class RecordStoreError(CliveRulesError):
    """The record store cannot be used (locked, unreachable, unwritable, wrong schema).

    The message names the database with its password masked; when this is raised by a write, the
    write did not happen and no action may be reported as done.
    """


class ModerationError(CliveRulesError, ValueError):
    """A moderation request is wrong (unknown review or record, a non-city moderator, ...)."""
