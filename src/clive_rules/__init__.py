"""clive-rules: the City of Clive's Social Media Use Policy (Article XII), as code.

Content goes in as immutable :class:`Content` objects; the :class:`Engine` runs composable rules
over it and returns a :class:`Verdict` that names every clause that fired, where, how sure, and
what to do. See ``CONTRACT.md`` for the stable surface::

    from clive_rules import Engine, Content
    engine = Engine.default()
    verdict = engine.evaluate(Content(text="..."))

Importing this package has no side effects: nothing is loaded until an engine is built.
"""

from clive_rules.config import Config
from clive_rules.content import Author, Content, ContentKind, Media, MediaKind
from clive_rules.engine import Engine
from clive_rules.errors import (
    CliveRulesError,
    ConfigError,
    ContentError,
    PluginError,
    RuleError,
)
from clive_rules.hookspecs import hookimpl
from clive_rules.plugins import PluginManager
from clive_rules.policy import Clause, Governs, Policy, article_xii
from clive_rules.rules import AllOf, AnyOf, Not, OnlyFor, Prefilter, Rule, Subject
from clive_rules.text import NormalizedText, Normalizer
from clive_rules.verdict import Action, ActionKind, Decision, Finding, Verdict

__version__ = "0.1.0"

__all__ = [
    "Action",
    "ActionKind",
    "AllOf",
    "AnyOf",
    "Author",
    "Clause",
    "CliveRulesError",
    "Config",
    "ConfigError",
    "Content",
    "ContentError",
    "ContentKind",
    "Decision",
    "Engine",
    "Finding",
    "Governs",
    "Media",
    "MediaKind",
    "NormalizedText",
    "Normalizer",
    "Not",
    "OnlyFor",
    "PluginError",
    "PluginManager",
    "Policy",
    "Prefilter",
    "Rule",
    "RuleError",
    "Subject",
    "Verdict",
    "__version__",
    "article_xii",
    "hookimpl",
]
