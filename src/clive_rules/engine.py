"""The engine: rules + policy + configuration -> verdicts, one at a time or streamed.

:meth:`Engine.evaluate_many` is the fast path. It takes items in batches, folds the texts of a
batch in a few C-level calls over the joined text (:meth:`Normalizer.fold`), runs each rule's
:class:`~clive_rules.rules.Prefilter` once over the whole batch, and normalises (with an offset
map) and evaluates only the items some prefilter matched; the others are allowed at once. Its
verdicts are exactly those of :meth:`Engine.evaluate` on each item, in input order.
"""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from clive_rules.config import CORE_DEFAULTS, Config
from clive_rules.content import Content, ContentKind
from clive_rules.errors import ConfigError, PluginError, RuleError
from clive_rules.plugins import PluginManager
from clive_rules.policy import Policy, article_xii
from clive_rules.rules.base import PatternLike, Prefilter, Rule, Subject, applies_to
from clive_rules.text import SEPARATOR, Normalizer, collapse_gaps
from clive_rules.verdict import Action, ActionKind, Decision, Finding, Verdict

__all__ = ["CONFIG_ENV", "Engine"]

CONFIG_ENV = "CLIVE_RULES_CONFIG"
"""Environment variable naming the configuration file :meth:`Engine.default` reads."""



def check_rule(rule: object, policy: Policy) -> None:
    """Refuse a rule that lacks an id, cites no clause, or cites one the policy lacks."""
    rule_id = getattr(rule, "id", None)
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleError(f"rule {rule!r} has no id")
    clauses = getattr(rule, "clauses", None)
    if not clauses:
        raise RuleError(f"rule {rule_id!r} cites no clause")
    for clause in clauses:
        if clause not in policy:
            raise RuleError(f"rule {rule_id!r} cites {clause!r}, which policy "
                            f"{policy.version} does not have")
    for name in ("kinds", "prefilter", "evaluate"):
        if not hasattr(rule, name):
            raise RuleError(f"rule {rule_id!r} has no {name!r}")


def _caps(config: Config, policy: Policy) -> dict[str, Decision]:
    out: dict[str, Decision] = {}
    for clause, value in config.section("engine")["decisions"].items():
        key = f"engine.decisions.{clause}"
        if clause not in policy:
            raise ConfigError(f"no clause {clause!r} in policy {policy.version}",
                              path=config.source, key=key)
        try:
            out[clause] = Decision(value)
        except ValueError:
            raise ConfigError(f"expected allow, review or remove, got {value!r}",
                              path=config.source, key=key) from None
    return out


def _to_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


def _keyword_automaton(rules: Sequence[Rule]) -> tuple[Any, frozenset[int]]:
    """One Aho-Corasick automaton for the keywords and infixes of every rule's prefilter.

    Keys are collapsed like the text they are looked for in (:func:`collapse_gaps`). Each maps
    to ``(length, ((rule position, must start a word), ...))``; the keys ``aaa`` to ``zzz`` map
    to position -1: a letter repeated three times, which term patterns tolerate, so the item
    goes to every keyword rule.
    """
    entries: dict[str, list[tuple[int, bool]]] = {}
    keyword_rules: set[int] = set()
    for position, rule in enumerate(rules):
        prefilter = rule.prefilter
        if prefilter is None or prefilter.select is not None:
            continue
        for word in prefilter.keywords:
            key = collapse_gaps(word)
            # a keyword that starts with a gap may start a word where the collapsed text does not
            entries.setdefault(key, []).append((position, not key.startswith(" ")))
        for word in prefilter.infixes:
            entries.setdefault(collapse_gaps(word), []).append((position, False))
        if prefilter.keywords:
            keyword_rules.add(position)
    if not entries:
        return None, frozenset()
    import ahocorasick

    automaton = ahocorasick.Automaton()
    if keyword_rules:
        for letter in "abcdefghijklmnopqrstuvwxyz":
            entries.setdefault(letter * 3, []).append((-1, False))
    shared: dict[tuple[int, tuple[tuple[int, bool], ...]], Any] = {}
    for word, targets in entries.items():
        if word:  # many keys share a value: keep one copy of each (phrase variants run to 10^4)
            value = (len(word), tuple(targets))
            automaton.add_word(word, shared.setdefault(value, value))
    automaton.make_automaton()
    return automaton, frozenset(keyword_rules)


def _boundaries(joined: str) -> list[int]:
    """Positions of the separators in a joined batch."""
    out: list[int] = []
    find = joined.find
    pos = find(SEPARATOR)
    while pos != -1:
        out.append(pos)
        pos = find(SEPARATOR, pos + 1)
    return out


@attrs.define(repr=False)
class Engine:
    """Evaluates content against rules; build one with :meth:`default` or :meth:`from_rules`.

    An engine is safe to share between threads once built: it holds no per-call state.

    :ivar rules: the rules, in the order they run.
    :ivar config: the configuration.
    :ivar policy: the clause catalogue verdicts refer to.
    :ivar plugins: the plugin manager that supplied the rules, if any.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    config: Config = attrs.field(factory=lambda: Config.build(CORE_DEFAULTS))
    policy: Policy = attrs.field(factory=article_xii)
    plugins: PluginManager | None = None
    normalizer: Normalizer = attrs.field(factory=Normalizer, repr=False)
    _caps: dict[str, Decision] = attrs.field(init=False, repr=False)
    _min_remove: float = attrs.field(init=False, repr=False)
    _batch_size: int = attrs.field(init=False, repr=False)
    _observe: bool = attrs.field(init=False, repr=False)
    _kind_rules: dict[ContentKind, tuple[frozenset[int], frozenset[int]]] = attrs.field(
        init=False, repr=False)
    _automaton: Any = attrs.field(init=False, repr=False)
    _keyword_rules: frozenset[int] = attrs.field(init=False, repr=False)
    # The prefilters by what the batch path does with them: (position, rule id, prefilter) of
    # those that select, positions of those that want attached links, (position, pattern,
    # view) of the other patterns.
    _selecting: tuple[tuple[int, str, Prefilter], ...] = attrs.field(init=False, repr=False)
    _linking: frozenset[int] = attrs.field(init=False, repr=False)
    _patterned: tuple[tuple[int, PatternLike, str], ...] = attrs.field(init=False, repr=False)

    def __repr__(self) -> str:
        # Short: rules and configuration can run to many kilobytes (Hypothesis prints fixtures).
        rules = ", ".join(rule.id for rule in self.rules)
        return f"Engine(rules=[{rules}], policy={self.policy.version!r})"

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for rule in self.rules:
            check_rule(rule, self.policy)
            if rule.id in seen:
                raise RuleError(f"two rules have the id {rule.id!r}")
            seen.add(rule.id)
        engine_section = self.config.section("engine")
        self._caps = _caps(self.config, self.policy)
        self._min_remove = float(engine_section["min_remove_confidence"])
        if not 0.0 <= self._min_remove <= 1.0:
            raise ConfigError("must be between 0 and 1", path=self.config.source,
                              key="engine.min_remove_confidence")
        self._batch_size = int(engine_section["batch_size"])
        if self._batch_size < 1:
            raise ConfigError("must be at least 1", path=self.config.source,
                              key="engine.batch_size")
        self._observe = self.plugins is not None and self.plugins.has_observers()
        # Per kind: the rules without a prefilter that apply to it, and all that apply to it.
        self._kind_rules = {}
        for kind in ContentKind:
            applicable = frozenset(i for i, r in enumerate(self.rules)
                                   if r.kinds is None or kind in r.kinds)
            always = frozenset(i for i in applicable if self.rules[i].prefilter is None)
            self._kind_rules[kind] = (always, applicable)
        self._automaton, self._keyword_rules = _keyword_automaton(self.rules)
        prefilters = [(i, r.id, r.prefilter) for i, r in enumerate(self.rules)
                      if r.prefilter is not None]
        self._selecting = tuple((i, rid, p) for i, rid, p in prefilters if p.select is not None)
        others = [(i, p) for i, _, p in prefilters if p.select is None]
        self._linking = frozenset(i for i, p in others if p.links)
        self._patterned = tuple((i, p.pattern, p.view) for i, p in others
                                if p.pattern is not None)

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def default(
        cls,
        config: str | Path | Mapping[str, Any] | None = None,
        *,
        plugins: PluginManager | None = None,
        policy: Policy | None = None,
    ) -> Engine:
        """The built-in rules, the installed plugins' rules, and the configuration.

        :param config: a TOML file, a mapping of sections, or ``None`` for the file named by
            :data:`CONFIG_ENV` (defaults only when that is unset).
        :param plugins: a plugin manager; :meth:`PluginManager.create` when ``None``.
        :param policy: the clause catalogue; Article XII as bundled when ``None``.
        """
        manager = plugins if plugins is not None else PluginManager.create()
        policy = policy if policy is not None else article_xii()
        defaults = {**CORE_DEFAULTS}
        for section, values in manager.config_defaults().items():
            if section in defaults:
                raise PluginError("<plugin>", f"section {section!r} belongs to the core")
            defaults[section] = values
        if config is None and os.environ.get(CONFIG_ENV):
            config = os.environ[CONFIG_ENV]
        if config is None:
            loaded = Config.build(defaults)
        elif isinstance(config, (str, Path)):
            loaded = Config.load(config, defaults)
        else:
            loaded = Config.build(defaults, config)
        manager.configure(loaded)

        def check(plugin: str, rule: Rule) -> None:
            try:
                check_rule(rule, policy)
            except RuleError as exc:
                raise PluginError(plugin, str(exc)) from None

        rules = manager.rules(loaded, check)
        return cls(rules=rules, config=loaded, policy=policy, plugins=manager)

    @classmethod
    def from_rules(
        cls,
        rules: Iterable[Rule],
        *,
        config: Mapping[str, Any] | None = None,
        policy: Policy | None = None,
    ) -> Engine:
        """An engine with exactly these rules (no plugins), e.g. for a test or a custom set."""
        return cls(
            rules=tuple(rules),
            config=Config.build(CORE_DEFAULTS, config),
            policy=policy if policy is not None else article_xii(),
        )

    # -- evaluation ----------------------------------------------------------------------------

    def evaluate(self, content: Content) -> Verdict:
        """The verdict on one item: the batch path's steps for a batch of one, without the
        work of joining, splitting and mapping offsets back to items."""
        text = content.text
        if SEPARATOR in text:  # as in a batch: the separator would split the text
            return self.evaluate_exhaustively(content)
        folded = self.normalizer.fold(text)
        wanted: set[int] = set()
        memos: dict[str, object] = {}
        if self._automaton is not None:
            self._scan_one(collapse_gaps(folded), wanted)
        for position, rule_id, prefilter in self._selecting:
            view = folded if prefilter.view == "normalized" else text
            assert prefilter.select is not None
            selected = prefilter.select([view], [content])
            if 0 in selected:
                wanted.add(position)
                if isinstance(selected, Mapping):
                    memos[rule_id] = selected[0]
        if self._linking and content.links:
            wanted.update(self._linking)
        for position, pattern, view_name in self._patterned:
            if position not in wanted and pattern.search(
                    text if view_name == "original" else folded):
                wanted.add(position)
        always, applicable = self._kind_rules[content.kind]
        positions = applicable.intersection(wanted) | always if wanted else always
        if not positions:
            return self._finish(content, [])
        subject = Subject(content, self.normalizer.normalize(text, folded), memos)
        rules_at = self.rules
        findings: list[Finding] = []
        for position in sorted(positions):
            findings.extend(rules_at[position].evaluate(subject))
        return self._finish(content, findings)

    def _scan_one(self, keys: str, wanted: set[int]) -> None:
        """:meth:`_scan_keywords` for one text (folded and collapsed)."""
        assert self._automaton is not None
        for end, (length, targets) in self._automaton.iter(keys):
            start = end - length + 1
            after_letter = start > 0 and "a" <= keys[start - 1] <= "z"
            for position, at_word_start in targets:
                if at_word_start and after_letter:
                    continue
                if position < 0:  # a letter three times in a row: every keyword rule
                    wanted.update(self._keyword_rules)
                else:
                    wanted.add(position)

    def evaluate_exhaustively(self, content: Content) -> Verdict:
        """The verdict on one item with every rule run in full, no prefilter consulted.

        Slow; it is the reference the fast paths must agree with (the test suite checks that).
        """
        subject = Subject(content, self.normalizer.normalize(content.text))
        return self._finish(content, self._run(subject, self.rules))

    def evaluate_many(
        self, contents: Iterable[Content], *, batch_size: int | None = None
    ) -> Iterator[Verdict]:
        """Verdicts for a stream of items, in order, holding one batch in memory at a time."""
        size = batch_size or self._batch_size
        iterator = iter(contents)
        while True:
            batch = list(itertools.islice(iterator, size))
            if not batch:
                return
            yield from self._evaluate_batch(batch)

    def _run(self, subject: Subject, rules: Sequence[Rule]) -> list[Finding]:
        findings: list[Finding] = []
        content = subject.content
        for rule in rules:
            if applies_to(rule, content):
                findings.extend(rule.evaluate(subject))
        return findings

    def _evaluate_batch(self, batch: list[Content]) -> Iterator[Verdict]:
        texts = [c.text for c in batch]
        joined = SEPARATOR.join(texts)
        if joined.count(SEPARATOR) != len(batch) - 1:  # a text holds the separator itself
            yield from (self.evaluate_exhaustively(c) for c in batch)
            return
        views: dict[str, tuple[str, list[int]]] = {}

        def view(name: str) -> tuple[str, list[int]]:
            if name not in views:
                if name == "original":
                    text = joined
                elif name == "keys":  # what prefilter keywords are looked for in
                    text = collapse_gaps(view("normalized")[0])
                else:
                    text = self.normalizer.fold(joined)
                views[name] = (text, _boundaries(text))
            return views[name]

        pieces: dict[str, list[str]] = {}
        wanted: dict[int, set[int]] = {}  # item index -> positions of the rules to run
        memos: dict[int, dict[str, object]] = {}  # item index -> rule id -> select's memo
        if self._automaton is not None:
            self._scan_keywords(*view("keys"), wanted)
        for position, rule_id, prefilter in self._selecting:
            # the rule picks its items from the whole batch
            if prefilter.view not in pieces:
                pieces[prefilter.view] = view(prefilter.view)[0].split(SEPARATOR)
            select = prefilter.select
            assert select is not None
            selected = select(pieces[prefilter.view], batch)
            for index in selected:
                wanted.setdefault(index, set()).add(position)
            if isinstance(selected, Mapping):
                for index, memo in selected.items():
                    memos.setdefault(index, {})[rule_id] = memo
        if self._linking:
            for index, content in enumerate(batch):
                if content.links:
                    wanted.setdefault(index, set()).update(self._linking)
        for position, pattern, view_name in self._patterned:
            text, bounds = view(view_name)
            for match in pattern.finditer(text):
                start, end = match.span()
                first = bisect.bisect_left(bounds, start)
                upto = bisect.bisect_left(bounds, max(end - 1, start))
                for index in range(first, upto + 1):
                    wanted.setdefault(index, set()).add(position)
        # Rule by rule rather than item by item: each rule runs over all the items it picked
        # while its code and tables are warm in the CPU's caches.
        kind_rules = self._kind_rules
        subjects: dict[int, Subject] = {}
        by_rule: dict[int, list[int]] = {}
        folded: list[str] | None = None
        normalize = self.normalizer.normalize
        for index, content in enumerate(batch):
            always, applicable = kind_rules[content.kind]
            marks = wanted.get(index)
            positions = applicable.intersection(marks) | always if marks else always
            if not positions:
                continue
            if folded is None:
                if "normalized" not in pieces:
                    pieces["normalized"] = view("normalized")[0].split(SEPARATOR)
                folded = pieces["normalized"]
            subjects[index] = Subject(content, normalize(content.text, folded[index]),
                                      memos.get(index, {}))
            for position in positions:
                by_rule.setdefault(position, []).append(index)
        found: dict[int, list[Finding]] = {index: [] for index in subjects}
        rules_at = self.rules
        for position in sorted(by_rule):
            evaluate = rules_at[position].evaluate
            for index in by_rule[position]:
                found[index].extend(evaluate(subjects[index]))
        version = self.policy.version
        observe = self._observe
        for index, content in enumerate(batch):
            if index in found:
                yield self._finish(content, found[index])
                continue
            verdict = Verdict(content.id, Decision.ALLOW, (), (), version)
            if observe:
                assert self.plugins is not None
                self.plugins.notify_verdict(content, verdict)
            yield verdict

    def _scan_keywords(self, text: str, bounds: list[int], wanted: dict[int, set[int]]) -> None:
        """One Aho-Corasick pass over the folded, collapsed batch for every rule's keywords."""
        assert self._automaton is not None
        every = self._keyword_rules
        left = bisect.bisect_left
        for end, (length, targets) in self._automaton.iter(text):
            start = end - length + 1
            after_letter = start > 0 and "a" <= text[start - 1] <= "z"
            index = left(bounds, start)
            for position, at_word_start in targets:
                if at_word_start and after_letter:
                    continue
                marks = wanted.setdefault(index, set())
                if position < 0:  # a letter three times in a row: every keyword rule
                    marks.update(every)
                else:
                    marks.add(position)

    # -- decisions -----------------------------------------------------------------------------

    def decision_for(self, finding: Finding) -> Decision:
        """What one finding leads to, after the configured per-clause caps."""
        decision = Decision.least_severe(finding.decision,
                                         self._caps.get(finding.clause, Decision.REVIEW))
        if decision is Decision.REMOVE and finding.confidence < self._min_remove:
            return Decision.REVIEW
        return decision

    def _finish(self, content: Content, findings: list[Finding]) -> Verdict:
        version = self.policy.version
        if not findings:
            verdict = Verdict(content.id, Decision.ALLOW, (), (), version)
        else:
            findings.sort(key=lambda f: (f.start, f.end, f.clause, f.rule))
            decided = [(f, self.decision_for(f)) for f in findings]
            decision = Decision.most_severe([d for _, d in decided])
            verdict = Verdict(content.id, decision, tuple(findings),
                              _actions(content, decision, decided), version)
        if self._observe:
            assert self.plugins is not None
            self.plugins.notify_verdict(content, verdict)
        return verdict


def _actions(
    content: Content, decision: Decision, decided: list[tuple[Finding, Decision]]
) -> tuple[Action, ...]:
    def clauses(level: Decision) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.clause for f, d in decided if d is level))

    def reason(level: Decision) -> str:
        return next(f.explanation for f, d in decided if d is level)

    actions: list[Action] = []
    if decision is Decision.REMOVE:
        removing = clauses(Decision.REMOVE)
        kind = ActionKind.REMOVE_TAG if content.kind is ContentKind.TAG else ActionKind.REMOVE
        actions.append(Action(kind, removing, reason(Decision.REMOVE)))
        actions.append(Action(ActionKind.WARN_AUTHOR, removing, reason(Decision.REMOVE)))
    elif decision is Decision.REVIEW:
        actions.append(Action(ActionKind.HOLD_FOR_REVIEW, clauses(Decision.REVIEW),
                              reason(Decision.REVIEW)))
    for finding, _ in decided:
        if finding.target:
            actions.append(Action(ActionKind.REDIRECT, (finding.clause,), finding.explanation,
                                  finding.target))
    return tuple(actions)
