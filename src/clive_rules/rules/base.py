"""The rule protocol, what a rule sees, and the combinators that compose rules."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Literal, Protocol, runtime_checkable

import attrs

from clive_rules.content import Content, ContentKind
from clive_rules.text import NormalizedText, collapse_gaps
from clive_rules.urls import Url, urls_of
from clive_rules.verdict import Decision, Finding

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


class PatternLike(Protocol):
    """A compiled pattern of :mod:`re` or :mod:`regex`."""

    def finditer(self, string: str) -> Iterable[re.Match[str]]:
        """Every match in ``string``."""
        ...  # pragma: no cover

    def search(self, string: str) -> re.Match[str] | None:
        """The first match in ``string``, if any."""
        ...  # pragma: no cover


def _patterns(values: Iterable[PatternLike]) -> tuple[PatternLike, ...]:
    return tuple(values)


@attrs.frozen
class AnyPattern:
    """Several compiled patterns searched one after another, as one :class:`PatternLike`.

    Faster than one alternation when each pattern starts with a literal or a small character
    class and the alternation would not: the regex engine skips through text only to a
    *common* first character, so ``\\d...|Street...`` tries every position while ``\\d...``
    and ``Street...`` apart each jump from candidate to candidate. :meth:`finditer` gives every
    pattern's matches, pattern by pattern (not in text order).

    :ivar patterns: the patterns.
    """

    patterns: tuple[PatternLike, ...] = attrs.field(converter=_patterns)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """Every match of each pattern in ``string``, pattern by pattern."""
        for pattern in self.patterns:
            yield from pattern.finditer(string)

    def search(self, string: str) -> re.Match[str] | None:
        """A match of the first pattern that matches ``string``, if any."""
        for pattern in self.patterns:
            found = pattern.search(string)
            if found is not None:
                return found
        return None


@attrs.frozen
class Subject:
    """What a rule evaluates: the content item and its normalised text, computed once.

    :ivar content: the item.
    :ivar norm: its normalised text (see :mod:`clive_rules.text`).
    :ivar memos: rule id -> what that rule's :attr:`Prefilter.select` worked out about this
        item, when it returned a mapping (see there); empty outside the engine's batch path.
    """

    content: Content
    norm: NormalizedText
    memos: Mapping[str, object] = attrs.field(factory=dict, repr=False, eq=False)

    @functools.cached_property
    def urls(self) -> tuple[Url, ...]:
        """URLs and bare domains in the original text, then the attached ``content.links``.

        Computed on first use (only rules that run on this item pay for it) and shared by them.
        """
        return urls_of(self.content.text, self.content.links)


def _str_set(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen
class Prefilter:
    """A cheap test that must match wherever the rule can find anything.

    The engine runs it over a whole batch at once and calls the rule only for the items it
    matches. It must be a superset of the rule: an item it does not match must be one on which
    :meth:`Rule.evaluate` finds nothing (the test suite checks this for every built-in rule).

    The fastest kind is ``keywords``: every keyword of every rule goes into one Aho-Corasick
    automaton that the engine runs once over the whole folded batch. A regular-expression
    ``pattern`` runs over the batch once per rule; it should start with a rare character class
    (digits, ``@``, ``*``) so that the regex engine can skip through the text.

    :ivar pattern: a compiled pattern, or ``None`` when keywords say it all.
    :ivar view: ``"normalized"`` to search the normalised text, ``"original"`` the text as posted
        (for ``pattern`` only: keywords are always looked for in the normalised text).
    :ivar keywords: words in normalised form that match at the start of a word ("fuck" matches
        "fucking" but not "clusterfuck"). For a phrase, give its first word, or its first words
        separated by single spaces: keywords and infixes are looked for in the normalised text
        with every run of spaces, hyphens, underscores, dots, commas and exclamation marks made
        one space, and are collapsed the same way (:func:`~clive_rules.text.collapse_gaps`), so
        ``"drop dead"`` also stands for ``"drop-dead"`` and ``"drop. dead"``. Because patterns
        from :func:`~clive_rules.text.term_pattern` let a letter repeat three or more times
        ("fuuuck"), an item with any letter three times in a row also counts as matched.
    :ivar infixes: strings in normalised form that match anywhere, inside words too.
    :ivar links: also match every item that has attached links (``Content.links``), for a rule
        that reads them (through :attr:`Subject.urls`): no text pattern can see those.
    :ivar select: optional, for a rule that must look at every item (off-topic): given the
        batch's texts in ``view`` and its items, the indices of the items the rule may find
        something in. The engine then uses it instead of ``pattern`` (which must still be a
        superset, for callers that search one text). Same contract: an item it leaves out is
        one on which :meth:`Rule.evaluate` finds nothing. It may return a mapping of index ->
        memo instead of indices: the engine hands each memo to the rule's ``evaluate`` in
        :attr:`Subject.memos` (under the rule's id), so work done to select an item need not be
        done again. ``evaluate`` must give the same findings with or without it.
    """

    pattern: PatternLike | None = attrs.field(default=None, eq=False)
    view: Literal["normalized", "original"] = "normalized"
    select: Callable[[Sequence[str], Sequence[Content]], Iterable[int]] | None = attrs.field(
        default=None, eq=False)
    keywords: frozenset[str] = attrs.field(default=frozenset(), converter=_str_set)
    infixes: frozenset[str] = attrs.field(default=frozenset(), converter=_str_set)
    links: bool = False
    # keywords and infixes as they are looked for: collapsed (see collapse_gaps)
    _collapsed: tuple[frozenset[str], frozenset[str]] = attrs.field(
        init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_collapsed", (
            frozenset(collapse_gaps(w) for w in self.keywords),
            frozenset(collapse_gaps(w) for w in self.infixes)))

    def matches(self, original: str, normalized: str, links: Sequence[str] = ()) -> bool:
        """Whether the prefilter matches one text (``select`` aside); for tests and tools."""
        if self.links and links:
            return True
        if self.pattern is not None and self.pattern.search(
                original if self.view == "original" else normalized):
            return True
        collapsed = collapse_gaps(normalized)
        keywords, infixes = self._collapsed
        if any(infix in collapsed for infix in infixes):
            return True
        if keywords:
            if _TRIPLE.search(normalized):
                return True
            for key in keywords:
                at = collapsed.find(key)
                while at != -1:
                    if at == 0 or key[0] == " " or not ("a" <= collapsed[at - 1] <= "z"):
                        return True
                    at = collapsed.find(key, at + 1)
        return False


_TRIPLE = re.compile(r"([a-z])\1\1")


@runtime_checkable
class Rule(Protocol):
    """A rule: finds what breaks one or more clauses.

    Attributes a rule must have: ``id`` (stable, unique, e.g. ``"profanity"``), ``clauses`` (the
    clause ids it enforces; at least one), ``kinds`` (the content kinds it applies to, ``None``
    for all) and ``prefilter`` (a :class:`Prefilter`, or ``None`` when it must see every item).
    """

    @property
    def id(self) -> str: ...  # pragma: no cover

    @property
    def clauses(self) -> tuple[str, ...]: ...  # pragma: no cover

    @property
    def kinds(self) -> frozenset[ContentKind] | None: ...  # pragma: no cover

    @property
    def prefilter(self) -> Prefilter | None: ...  # pragma: no cover

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """The findings for one item (none when it breaks nothing)."""
        ...  # pragma: no cover


def applies_to(rule: Rule, content: Content) -> bool:
    """Whether ``rule`` applies to the kind of ``content``."""
    kinds = rule.kinds
    return kinds is None or content.kind in kinds


def _union_kinds(rules: Sequence[Rule]) -> frozenset[ContentKind] | None:
    out: set[ContentKind] = set()
    for rule in rules:
        if rule.kinds is None:
            return None
        out |= rule.kinds
    return frozenset(out)


def _children_clauses(rules: Sequence[Rule]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for r in rules for c in r.clauses))


def _check_children(rules: Sequence[Rule], name: str) -> tuple[Rule, ...]:
    if not rules:
        raise ValueError(f"{name} needs at least one rule")
    return tuple(rules)


def _any_of_children(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    return _check_children(rules, "AnyOf")


def _all_of_children(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    return _check_children(rules, "AllOf")


def _joint_prefilter(rules: Sequence[Rule]) -> Prefilter | None:
    filters = [r.prefilter for r in rules]
    if not filters or any(f is None or f.select is not None for f in filters):
        return None
    present = [f for f in filters if f is not None]
    with_pattern = [f for f in present if f.pattern is not None]
    views = {f.view for f in with_pattern}
    if len(views) > 1:
        return None
    patterns: list[PatternLike] = []
    for f in with_pattern:
        assert f.pattern is not None
        patterns.extend(f.pattern.patterns if isinstance(f.pattern, AnyPattern) else [f.pattern])
    pattern = patterns[0] if len(patterns) == 1 else AnyPattern(patterns) if patterns else None
    return Prefilter(
        pattern=pattern, view=views.pop() if views else "normalized",
        keywords=frozenset(k for f in present for k in f.keywords),
        infixes=frozenset(k for f in present for k in f.infixes),
        links=any(f.links for f in present),
    )


@attrs.frozen
class AnyOf:
    """Fires when any child fires; keeps every child's findings."""

    rules: tuple[Rule, ...] = attrs.field(converter=_any_of_children)
    id: str = attrs.field()
    clauses: tuple[str, ...] = attrs.field()
    kinds: frozenset[ContentKind] | None = attrs.field()
    prefilter: Prefilter | None = attrs.field(eq=False)

    @id.default
    def _id(self) -> str:
        return "any(" + ",".join(r.id for r in self.rules) + ")"

    @clauses.default
    def _clauses(self) -> tuple[str, ...]:
        return _children_clauses(self.rules)

    @kinds.default
    def _kinds(self) -> frozenset[ContentKind] | None:
        return _union_kinds(self.rules)

    @prefilter.default
    def _prefilter(self) -> Prefilter | None:
        return _joint_prefilter(self.rules)

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """Every child's findings."""
        out: list[Finding] = []
        for rule in self.rules:
            if applies_to(rule, subject.content):
                out.extend(rule.evaluate(subject))
        return out


@attrs.frozen
class AllOf:
    """Fires only when every child fires; then keeps every child's findings."""

    rules: tuple[Rule, ...] = attrs.field(converter=_all_of_children)
    id: str = attrs.field()
    clauses: tuple[str, ...] = attrs.field()
    kinds: frozenset[ContentKind] | None = attrs.field()
    prefilter: Prefilter | None = attrs.field(eq=False)

    @id.default
    def _id(self) -> str:
        return "all(" + ",".join(r.id for r in self.rules) + ")"

    @clauses.default
    def _clauses(self) -> tuple[str, ...]:
        return _children_clauses(self.rules)

    @kinds.default
    def _kinds(self) -> frozenset[ContentKind] | None:
        common: frozenset[ContentKind] | None = None
        for rule in self.rules:
            if rule.kinds is not None:
                common = rule.kinds if common is None else common & rule.kinds
        return common

    @prefilter.default
    def _prefilter(self) -> Prefilter | None:
        # Every child must fire, so any one child's prefilter is a superset of the whole.
        return next((r.prefilter for r in self.rules if r.prefilter is not None), None)

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """All children's findings, or none unless each child found something."""
        out: list[Finding] = []
        for rule in self.rules:
            if not applies_to(rule, subject.content):
                return []
            found = list(rule.evaluate(subject))
            if not found:
                return []
            out.extend(found)
        return out


@attrs.frozen
class Not:
    """Fires when its child does not, with a finding of its own for the whole item.

    Mostly useful inside :class:`AllOf` ("chat, unless from the city's own account").

    :ivar rule: the child.
    :ivar clause: the clause the finding cites.
    :ivar explanation: the finding's explanation.
    """

    rule: Rule
    clause: str
    explanation: str
    id: str = attrs.field()
    decision: Decision = Decision.REVIEW
    confidence: float = 0.5
    prefilter: Prefilter | None = attrs.field(default=None, init=False, eq=False)

    @id.default
    def _id(self) -> str:
        return f"not({self.rule.id})"

    @property
    def clauses(self) -> tuple[str, ...]:
        """The one clause this rule cites."""
        return (self.clause,)

    @property
    def kinds(self) -> frozenset[ContentKind] | None:
        """All kinds: where the child does not apply, it does not fire."""
        return None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One whole-item finding when the child finds nothing."""
        child = self.rule
        if applies_to(child, subject.content) and any(True for _ in child.evaluate(subject)):
            return []
        return [Finding(clause=self.clause, rule=self.id, start=0, end=0, evidence="",
                        confidence=self.confidence, explanation=self.explanation,
                        decision=self.decision)]


def _frozen_or_none(values: Iterable[str] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(values)


def _kinds_or_none(values: Iterable[ContentKind | str] | None) -> frozenset[ContentKind] | None:
    return None if values is None else frozenset(ContentKind(v) for v in values)


@attrs.frozen
class OnlyFor:
    """Applies its child only to the given kinds, platforms or accounts (``None``: any)."""

    rule: Rule
    kinds: frozenset[ContentKind] | None = attrs.field(default=None, converter=_kinds_or_none)
    platforms: frozenset[str] | None = attrs.field(default=None, converter=_frozen_or_none)
    accounts: frozenset[str] | None = attrs.field(default=None, converter=_frozen_or_none)
    id: str = attrs.field()

    @id.default
    def _id(self) -> str:
        return f"only({self.rule.id})"

    @property
    def clauses(self) -> tuple[str, ...]:
        """The child's clauses."""
        return self.rule.clauses

    @property
    def prefilter(self) -> Prefilter | None:
        """The child's prefilter."""
        return self.rule.prefilter

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """The child's findings, where the item is one it is for."""
        content = subject.content
        if self.kinds is not None and content.kind not in self.kinds:
            return []
        if self.platforms is not None and content.platform not in self.platforms:
            return []
        if self.accounts is not None and content.account not in self.accounts:
            return []
        if not applies_to(self.rule, content):
            return []
        return self.rule.evaluate(subject)

