"""The exceptions clive-rules raises for a caller's mistake.

Every one derives from :class:`CliveRulesError`, so a city application can catch them all, and
each says in one line what was wrong and where; the command line prints that line, never a
traceback.
"""

from __future__ import annotations

__all__ = [
    "CliveRulesError",
    "ConfigError",
    "ContentError",
    "PluginError",
    "RuleError",
]


class CliveRulesError(Exception):
    """Base class of every error clive-rules raises for bad input or configuration."""


class ContentError(CliveRulesError, ValueError):
    """A content item has a missing or bad value; :attr:`field` names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ConfigError(CliveRulesError, ValueError):
    """A configuration file or value is wrong; says which file, key and line."""

    def __init__(
        self, message: str, *, path: str | None = None, key: str | None = None,
        line: int | None = None,
    ) -> None:
        where = ":".join(str(p) for p in (path, line) if p is not None)
        what = f"key {key!r}: " if key else ""
        super().__init__(f"{where + ': ' if where else ''}{what}{message}")
        self.path = path
        self.key = key
        self.line = line
        self.message = message


class RuleError(CliveRulesError, ValueError):
    """A rule is unusable (cites no clause, or a clause the policy does not have)."""


class PluginError(CliveRulesError):
    """A plugin failed or registered something unusable; :attr:`plugin` names it."""

    def __init__(self, plugin: str, message: str) -> None:
        super().__init__(f"plugin {plugin!r}: {message}")
        self.plugin = plugin
        self.message = message
