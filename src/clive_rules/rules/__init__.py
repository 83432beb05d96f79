"""Rules: the :class:`Rule` protocol, combinators, and the built-in rules (one module each).

Each built-in rule module is also a plugin (see :data:`clive_rules.plugins.DEFAULT_PLUGINS`):
it declares its configuration defaults and registers its rules through the same hooks a
third-party plugin uses.
"""

from clive_rules.rules.base import (
    AllOf,
    AnyOf,
    AnyPattern,
    Not,
    OnlyFor,
    PatternLike,
    Prefilter,
    Rule,
    Subject,
    applies_to,
)

__all__ = [
    "AllOf",
    "AnyOf",
    "AnyPattern",
    "Not",
    "OnlyFor",
    "PatternLike",
    "Prefilter",
    "Rule",
    "Subject",
    "applies_to",
]
