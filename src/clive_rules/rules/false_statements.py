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
    :ivar concealment: claims that the city or its staff hide, fake or rig something (no target
        needed: what they say aims them at the city).
    :ivar process_words: city processes ("budget", "survey") that ``process_claims`` say are a
        fraud ("the survey is rigged").
    :ivar process_claims: what such a claim calls the process ("fake", "rigged").
    """

    crimes: frozenset[str]
    targets: frozenset[str]
    question_starts: frozenset[str]
    concealment: frozenset[str] = frozenset()
    process_words: frozenset[str] = frozenset()
    process_claims: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> FalseStatementsLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("false_statements")["accusations"]
        return cls(crimes=word_list(data["crimes"]), targets=word_list(data["targets"]),
                   question_starts=word_list(data["question_starts"]),
                   concealment=word_list(data["concealment"]),
                   process_words=word_list(data["process_words"]),
                   process_claims=word_list(data["process_claims"]))

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
    _by_target: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _claims: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _question: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        set_ = object.__setattr__
        set_(self, "_crimes", re.compile(phrase_source(lex.crimes)))
        set_(self, "_targets", re.compile(phrase_source(lex.targets, suffixes=("s", "'s"))))
        # the passive: "(was) set by a firefighter", right after the accusation
        set_(self, "_by_target", re.compile(
            r" *by (?:a |an |the |one of the |our |their |some |two )?"
            + phrase_source(lex.targets, suffixes=("s",))))
        set_(self, "_question", re.compile(
            r"^[\s\"'(]*" + phrase_source(lex.question_starts)))
        processes = (phrase_source(lex.process_words)
                     + r" (?:is|was|are|were|has been|have been|is all|was all|are all) "
                     r"(?:totally |completely |all |just |100% |a )?"
                     + phrase_source(lex.process_claims)
                     # "rigged toward the pickleball crowd": an opinion of a bias
                     + r"(?! *(?:toward|towards|against|in favou?r|for the|for people|with))")
        set_(self, "_claims", re.compile(f"{phrase_source(lex.concealment)}|{processes}"))
        # "paper trail" (not the Greenbelt), "a bonus for every", "billed twice"
        crimes = keywords_for(lex.crimes, common=("trail", "every", "billing", "response"))
        claims = keywords_for(lex.concealment, common=("numbers", "program", "results",
                                                       "report", "system")) | {
            f"{word} {verb}" for word in lex.process_words
            for verb in ("is", "was", "are", "were", "has", "have")}
        set_(self, "_gate", KeywordGate.build({"crime": crimes, "claim": claims}))
        set_(self, "_prefilter", Prefilter(keywords=crimes | claims))

    @property
    def prefilter(self) -> Prefilter:
        """Keywords of the accusation phrases: every finding needs one."""
        return self._prefilter

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One finding per sentence that accuses an employee, an official or the city."""
        text = subject.norm.text
        signals = self._gate.signals(subject.norm)
        if not signals:  # no accusation phrase can match
            return []
        bounds: list[int] | None = None
        out: list[Finding] = []
        done: set[int] = set()
        if "claim" in signals:
            for match in self._claims.finditer(text):
                bounds = bounds or sentence_bounds(text)
                index = sentence_of(bounds, match.start())
                lo = bounds[index - 1] if index else 0
                sentence = text[lo:bounds[index]]
                if (index in done or sentence.rstrip().endswith("?")
                        or self._question.search(sentence)):
                    continue
                done.add(index)
                out.append(finding(
                    subject, clause=CLAUSE, rule=self.id, start=match.start(),
                    end=match.end(), confidence=0.55, decision=Decision.REVIEW,
                    category="accusation",
                    explanation=(f"Claims that the city hides, fakes or rigs something "
                                 f"({match.group()!r}); the engine cannot know whether it is "
                                 "true, so a person must weigh it."),
                ))
        if "crime" not in signals:
            return out
        for match in self._crimes.finditer(text):
            bounds = bounds or sentence_bounds(text)
            index = sentence_of(bounds, match.start())
            if index in done:
                continue
            lo = bounds[index - 1] if index else 0
            sentence = text[lo:bounds[index]]
            if sentence.rstrip().endswith("?") or self._question.search(sentence):
                continue
            if _IDIOM_AFTER.match(text, match.end()):
                continue  # "Kelly Ross stole the show"
            target = None
            for candidate in self._targets.finditer(text, lo, match.start()):
                target = candidate
                break
            if target is None:
                target = self._by_target.match(text, match.end(), bounds[index])
            if target is None:
                target = self._named(subject, lo, match.start())
            if target is None and index:
                target = self._pronoun_after_target(subject, bounds, index, match.start())
            if target is None:
                continue
            done.add(index)
            out.append(finding(
                subject, clause=CLAUSE, rule=self.id, start=min(target.start(), match.start()),
                end=max(target.end(), match.end()),
                confidence=0.6, decision=Decision.REVIEW, category="accusation",
                explanation=(f"Accuses {target.group()!r} of a crime or corruption "
                             f"({match.group()!r}); the engine cannot know whether it is true, "
                             "so a person must weigh it."),
            ))
        return out


    def _pronoun_after_target(self, subject: Subject, bounds: list[int], index: int,
                              hi: int) -> re.Match[str] | None:
        """A pronoun ("she", "they") before the accusation in sentence ``index``, whose
        sentence before names a target: "The 4% goes to Director Raman. She's been skimming
        for years." Returns the pronoun's match."""
        text = subject.norm.text
        lo = bounds[index - 1]
        pronoun = _PRONOUN.match(text, lo, hi)
        if pronoun is None or _SAYING.search(text, pronoun.end(), hi):
            return None
        before = bounds[index - 2] if index > 1 else 0
        if (self._targets.search(text, before, lo) is None
                and self._named(subject, before, lo) is None):
            return None
        return pronoun

    def _named(self, subject: Subject, lo: int, hi: int) -> re.Match[str] | None:
        """A person named by first and last name at the start of the sentence (``lo`` to
        ``hi`` in the normalised text), as the posted text capitalises it: "Dana Whitfield was
        forced out for embezzling". Returns the name's match in the normalised text."""
        original_lo, original_hi = subject.norm.span(lo, hi)
        head = subject.content.text[original_lo:original_hi]
        name = _NAME.match(head)
        if name is None or not _NOT_NAMES.isdisjoint(name.group().lower().split()):
            return None
        return re.compile(re.escape(name.group().lower())).search(subject.norm.text, lo, hi)


# Who an accusation in the next sentence may point back to.
# The subject pronoun must start the sentence ("She's been skimming"), with no word of saying
# after it ("He said a man was caught selling vapes" reports someone else).
_PRONOUN = re.compile(r"[\s\"'(]*(?:and |but |plus |also |oh and )?"
                      r"(?:he|she|they)(?:'?s|'?re|'?ve)?(?![a-z])")
_SAYING = re.compile(r"(?<![a-z])(?:said|says|say|told|tells|tell|reported|reports|announced"
                     r"|mentioned|explained|warned|thinks|think|thought|heard)(?![a-z])")
# After a crime's verb, what makes it an idiom: "stole the show", "stole our hearts".
_IDIOM_AFTER = re.compile(r" +(?:the show|the spotlight|the scene|every scene|(?:our|my|the|their"
                          r"|everyone'?s) hearts?)(?![a-z])")
_NAME = re.compile(r"[\s\"'(]*(?:[A-Z][a-z]+ ){0,1}([A-Z][a-z]+ [A-Z][a-z]{2,})(?=[\s,'])")
# Capitalised words that begin places, days, offices and sentences rather than a person's name.
_NOT_NAMES = frozenset((
    "the", "a", "an", "in", "at", "on", "last", "this", "that", "my", "our", "your", "their",
    "city", "public", "town", "park", "lake", "country", "club", "des", "moines", "west",
    "east", "north", "south", "memorial", "day", "clive", "hy", "vee", "police", "fire",
    "department", "works", "hall", "center", "street", "road", "avenue", "drive", "school",
    "county", "state", "iowa", "urbandale", "ankeny", "waukee", "johnston", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "someone", "somebody", "everyone", "nobody", "they", "he", "she", "we", "i",
    "if", "when", "so", "and", "but", "just", "also", "why", "how", "what", "who",
))


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
