"""False, vicious or malicious statements about employees or the city (12.4.D.9).

The engine cannot know whether a statement is true, so this rule never removes: an accusation
of a crime or of corruption ("stole", "embezzled", "took a kickback", "rigged the election",
"covering it up") aimed at a named employee, an official or the city (a title, an office, a
department, or a name on the ``[city] employees`` roster, earlier in the same sentence) goes to
review, with the explanation that a person must weigh it. Questions ("Is it true the director is
under investigation?") are skipped, and so is opinion: "the mayor is a liar and should resign",
"this council is incompetent" accuse nobody of a crime (word lists in
``data/false_statements.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules._lexicon import (
    KeywordGate,
    finding,
    keywords_for,
    load_data,
    phrase_source,
    sentence_bounds,
    sentence_of,
    word_list,
)
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.verdict import Decision, Finding

__all__ = ["FalseStatementsLexicon", "FalseStatementsRule", "clive_config_defaults",
           "clive_register_rules"]

CLAUSE = "12.4.D.9"


@attrs.frozen
class FalseStatementsLexicon:
    """The word lists of the rule (see ``data/false_statements.toml``).

    :ivar crimes: accusations of crimes or abuse of office.
    :ivar targets: titles, offices, the city and its departments, roster names.
    :ivar question_starts: how a question begins.
    """

    crimes: frozenset[str]
    targets: frozenset[str]
    question_starts: frozenset[str]

    @classmethod
    def bundled(cls) -> FalseStatementsLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("false_statements")["accusations"]
        return cls(crimes=word_list(data["crimes"]), targets=word_list(data["targets"]),
                   question_starts=word_list(data["question_starts"]))

    def configured(self, section: Mapping[str, Any],
                   city: Mapping[str, Any]) -> FalseStatementsLexicon:
        """These lists with ``[false_statements]`` and the employee roster applied."""
        names: set[str] = set()
        for employee in city.get("employees", ()):
            name = str(employee.get("name", "")) if isinstance(employee, Mapping) else ""
            parts = name.lower().split()
            if parts:
                names.add(" ".join(parts))
                if len(parts[-1]) >= 4:
                    names.add(parts[-1])
            title = str(employee.get("title", "")) if isinstance(employee, Mapping) else ""
            if title.strip():
                names.add(title.strip().lower())
        departments = {str(d).replace("-", " ") for d in city.get("departments", ())}
        return attrs.evolve(
            self,
            crimes=self.crimes | word_list(section.get("add_accusations", ())),
            targets=self.targets | word_list(names) | word_list(departments)
            | word_list(section.get("add_targets", ())),
        )


@attrs.frozen
class FalseStatementsRule:
    """Sends accusations of crimes against employees or the city to review (12.4.D.9)."""

    lexicon: FalseStatementsLexicon
    id: str = "false-statements"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _crimes: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _targets: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _question: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        set_ = object.__setattr__
        set_(self, "_crimes", re.compile(phrase_source(lex.crimes)))
        set_(self, "_targets", re.compile(phrase_source(lex.targets, suffixes=("s", "'s"))))
        set_(self, "_question", re.compile(
            r"^[\s\"'(]*" + phrase_source(lex.question_starts)))
        keywords = keywords_for(lex.crimes)
        set_(self, "_gate", KeywordGate.build({"crime": keywords}))
        set_(self, "_prefilter", Prefilter(keywords=keywords))

    @property
    def prefilter(self) -> Prefilter:
        """Keywords of the accusation phrases: every finding needs one."""
        return self._prefilter

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One finding per sentence that accuses an employee, an official or the city."""
        text = subject.norm.text
        if not self._gate.signals(text):  # no accusation phrase can match
            return []
        bounds: list[int] | None = None
        out: list[Finding] = []
        done: set[int] = set()
        for match in self._crimes.finditer(text):
            bounds = bounds or sentence_bounds(text)
            index = sentence_of(bounds, match.start())
            if index in done:
                continue
            lo = bounds[index - 1] if index else 0
            sentence = text[lo:bounds[index]]
            if sentence.rstrip().endswith("?") or self._question.search(sentence):
                continue
            target = None
            for candidate in self._targets.finditer(text, lo, match.start()):
                target = candidate
                break
            if target is None:
                continue
            done.add(index)
            out.append(finding(
                subject, clause=CLAUSE, rule=self.id, start=target.start(), end=match.end(),
                confidence=0.6, decision=Decision.REVIEW, category="accusation",
                explanation=(f"Accuses {target.group()!r} of a crime or corruption "
                             f"({match.group()!r}); the engine cannot know whether it is true, "
                             "so a person must weigh it."),
            ))
        return out


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[false_statements]`` section: accusation phrases and targets to add."""
    return {"false_statements": {"add_accusations": [], "add_targets": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[FalseStatementsRule]:
    """The rule, from the bundled lists, ``[false_statements]`` and the employee roster."""
    lexicon = FalseStatementsLexicon.bundled().configured(
        config.section("false_statements"), config.section("city"))
    return [FalseStatementsRule(lexicon)]
