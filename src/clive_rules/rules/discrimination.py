"""Discrimination against protected classes (12.4.D.2): slurs and attacks on groups.

Identity words alone ("gay", "Muslim", "immigrant", "transgender", "Black") are never flagged:
who people are is not a violation, and residents name themselves and each other in ordinary
requests ("a pool lift for wheelchair users", "the transgender support group"). The rule fires on

* a **slur** (``data/discrimination.toml`` ``[slurs]``): the *severe* tier leads to removal,
  the *review* tier (slurs that are also dated or ordinary words: "coon", "midget") to review;
  a slur inside a listed exception ("spic and span", "chink in the armor") is skipped, and a
  censored slur (``f*gs``) is matched against the severe tier;
* an **attack**: a protected group named as the target and a derogation (exclusion: "shouldn't
  be allowed", "stop hiring", "should be deported"; dehumanisation: "vermin", "are all
  criminals"; a conspiracy stereotype: "run the banks") in the same sentence: review, because
  whether it promotes discrimination or reports it is for a person to judge;
* **"go back to <country>"** or "where you came from": an attack on national origin: review.
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
    masked_fits,
    masked_index,
    phrase_keywords,
    phrase_source,
    sentence_bounds,
    sentence_of,
    word_list,
)
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.verdict import Decision, Finding

__all__ = ["DiscriminationLexicon", "DiscriminationRule", "clive_config_defaults",
           "clive_register_rules"]

CLAUSE = "12.4.D.2"
_MASKED = r"(?<![a-z*])[a-z]+\*+[a-z*]*(?![a-z*])"
_FIRST_PERSON = r"(?<![a-z])(?:i|we|us|let'?s)(?![a-z])"
# The first words of the coded pattern for refusing to hire or promote by sex.
_REFUSALS = frozenset(f"{no} {verb}" for no in ("don't", "dont", "do not", "never", "stop", "quit")
                      for verb in ("hire", "hiring", "promote", "promoting", "elect", "electing"))
# Words of city talk that some phrases of the lists contain ("a nice white neighborhood", "build
# them their own", "don't pay taxes"): never the prefilter's keyword for them.
_COMMON = ("third", "neighborhood", "build", "taxes", "every", "think", "living", "courts")
_PRONOUN = re.compile(r"(?<![a-z])(?:them|they|their|theirs|those people)(?![a-z])")


@attrs.frozen
class DiscriminationLexicon:
    """The word lists of the discrimination rule (see ``data/discrimination.toml``).

    :ivar severe_slurs: slurs that lead to removal.
    :ivar review_slurs: slurs that also have other uses: review.
    :ivar exceptions: phrases in which a slur is not one.
    :ivar group_nouns: nouns naming a protected group.
    :ivar group_adjectives: identity adjectives, a group when followed by a word for people.
    :ivar people: nouns for people that follow an identity adjective.
    :ivar group_patterns: regular expressions naming a group (by age, by disability).
    :ivar exclusion: exclusion phrases.
    :ivar dehumanising: dehumanising phrases.
    :ivar conspiracy: conspiracy-stereotype phrases.
    :ivar derogation_patterns: regular expressions for derogations with a gap.
    :ivar pattern_keywords: prefilter keywords for those expressions: each match starts a word
        with one of them.
    :ivar go_back: "go back" phrases.
    :ivar places: where "go back to" sends someone.
    :ivar coded: phrases that carry a discriminatory claim whoever they are said of ("DEI
        hire", "real Americans", "men only").
    :ivar coded_patterns: regular expressions for codes that need their context.
    """

    severe_slurs: frozenset[str]
    review_slurs: frozenset[str]
    exceptions: frozenset[str]
    group_nouns: frozenset[str]
    group_adjectives: frozenset[str]
    people: frozenset[str]
    group_patterns: tuple[str, ...]
    exclusion: frozenset[str]
    dehumanising: frozenset[str]
    conspiracy: frozenset[str]
    derogation_patterns: tuple[str, ...]
    pattern_keywords: frozenset[str]
    go_back: frozenset[str]
    places: frozenset[str]
    coded: frozenset[str] = frozenset()
    coded_patterns: tuple[str, ...] = ()

    @classmethod
    def bundled(cls) -> DiscriminationLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("discrimination")
        slurs, groups, derog, origin = (data["slurs"], data["groups"], data["derogations"],
                                        data["origin"])
        return cls(
            severe_slurs=word_list(slurs["severe"]),
            review_slurs=word_list(slurs["review"]),
            exceptions=word_list(slurs["exceptions"]),
            group_nouns=word_list(groups["nouns"]),
            group_adjectives=word_list(groups["adjectives"]),
            people=word_list(groups["people"]),
            group_patterns=tuple(groups["patterns"]),
            exclusion=word_list(derog["exclusion"]),
            dehumanising=word_list(derog["dehumanising"]),
            conspiracy=word_list(derog["conspiracy"]),
            derogation_patterns=tuple(derog["patterns"]),
            # not word_list: a keyword's trailing space is part of it ("keep ")
            pattern_keywords=frozenset(str(v).lower() for v in derog["pattern_keywords"]
                                       if str(v).strip()),
            go_back=word_list(origin["go_back"]),
            places=word_list(origin["places"]),
            coded=word_list(data["coded"]["phrases"]),
            coded_patterns=tuple(data["coded"]["patterns"]),
        )

    def configured(self, section: Mapping[str, Any]) -> DiscriminationLexicon:
        """These lists with a ``[discrimination]`` configuration section applied."""
        allow = word_list(section.get("allow", ()))
        severe = (self.severe_slurs | word_list(section.get("add_slurs", ()))) - allow
        review = (self.review_slurs | word_list(section.get("add_review_slurs", ()))) - allow
        return attrs.evolve(
            self, severe_slurs=severe, review_slurs=review - severe,
            group_nouns=self.group_nouns | word_list(section.get("add_groups", ())),
        )


@attrs.frozen
class DiscriminationRule:
    """Finds slurs and attacks on protected classes (12.4.D.2); see the module docstring."""

    lexicon: DiscriminationLexicon
    id: str = "discrimination"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _slurs: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _exceptions: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _masked: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _groups: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _derogations: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _go_back: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _coded: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _first_person: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _masked_candidates: Mapping[str, tuple[str, ...]] = attrs.field(init=False, repr=False,
                                                                     eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        slurs = (f"(?P<severe>{phrase_source(lex.severe_slurs, suffixes=('s',))})"
                 f"|(?P<review>{phrase_source(lex.review_slurs, suffixes=('s',))})")
        groups = "|".join([
            phrase_source(lex.group_nouns),
            rf"(?<![a-z]){phrase_source(lex.group_adjectives, bounded=False)}"
            rf" (?:[a-z]+ )?{phrase_source(lex.people, bounded=False)}(?![a-z])",
            *lex.group_patterns,
        ])
        derogations = "|".join([
            f"(?P<exclusion>{phrase_source(lex.exclusion)})",
            f"(?P<dehumanising>{phrase_source(lex.dehumanising)})",
            f"(?P<conspiracy>{phrase_source(lex.conspiracy)})",
            *(f"(?P<exclusion{i}>{p})" for i, p in enumerate(lex.derogation_patterns)),
        ])
        # "go back to Mexico"; "go back where you came from" needs no "to"
        wheres = {p for p in lex.places if p.startswith("where ")}
        go_back = (phrase_source(lex.go_back) + r"[\s\-_.]+(?:to[\s\-_.]+"
                   + phrase_source(lex.places, bounded=False) + "|"
                   + phrase_source(wheres, bounded=False) + ")(?![a-z])")
        set_ = object.__setattr__
        set_(self, "_slurs", re.compile(slurs))
        set_(self, "_exceptions", re.compile(phrase_source(lex.exceptions, suffixes=("s",))))
        set_(self, "_masked", re.compile(_MASKED))
        set_(self, "_groups", re.compile(groups))
        set_(self, "_derogations", re.compile(derogations))
        set_(self, "_go_back", re.compile(go_back))
        set_(self, "_coded", re.compile("|".join([phrase_source(lex.coded),
                                                  *lex.coded_patterns])))
        set_(self, "_first_person", re.compile(_FIRST_PERSON))
        set_(self, "_masked_candidates", masked_index(lex.severe_slurs))
        # Every finding needs a slur, a censored word ("*"), "go back to" (rarer than the
        # places it sends people to) or, for an attack, a derogation: rarer than the group
        # words ("old", "brown", "women") an attack also needs. Phrases made only of common
        # words ("get rid of") are keyed on the whole phrase (see keywords_for).
        sent_back = frozenset[str]().union(
            *(phrase_keywords([*g.split(), after]) for g in lex.go_back
              for after in ("to", "where")))
        signals = {
            "slur": keywords_for(lex.severe_slurs | lex.review_slurs),
            "derogation": lex.pattern_keywords
            | keywords_for(lex.exclusion | lex.dehumanising | lex.conspiracy, common=_COMMON),
            "go_back": sent_back,
            # the patterns start with "keep ", "his kind", "her kind", "your kind", "(((",
            # "token", a refusal to hire, a quoted "diverse" or "culture", or someone's quoted
            # "husband"
            "coded": keywords_for(lex.coded, common=_COMMON)
            | {"keep ", "his kind", "her kind", "your kind", "(((", "diverse", "diversity",
               "culture", "cultural", "token", "trans '", 'trans "', "trans ‘", "trans “"}
            | _REFUSALS
            | {f"{who} {q}" for who in ("their", "his", "her") for q in "'\"‘“"},
        }
        set_(self, "_gate", KeywordGate.build(signals, {"masked": {"*"}}))
        set_(self, "_prefilter", Prefilter(keywords=frozenset[str]().union(*signals.values()),
                                           infixes={"*"}))

    @property
    def prefilter(self) -> Prefilter:
        """Keywords of slurs, derogations and "go back"; ``*`` for censored words."""
        return self._prefilter

    def _unmask(self, token: str) -> str | None:
        if len(token) - token.count("*") < 2:
            return None
        hits = [w for w in masked_fits(token, self._masked_candidates) if " " not in w]
        return min(hits, key=lambda w: (len(w), w)) if hits else None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """Slurs, censored slurs, attacks on groups and "go back to" remarks."""
        text = subject.norm.text
        signals = self._gate.signals(subject.norm)
        if not signals:
            return []
        out: list[Finding] = []
        if "slur" in signals:
            excepted: list[tuple[int, int]] | None = None
            for match in self._slurs.finditer(text):
                start, end = match.span()
                if excepted is None:
                    excepted = [m.span() for m in self._exceptions.finditer(text)]
                if any(a < end and start < b for a, b in excepted):
                    continue
                severe = match.lastgroup == "severe"
                out.append(finding(
                    subject, clause=CLAUSE, rule=self.id, start=start, end=end,
                    confidence=0.9 if severe else 0.6,
                    decision=Decision.REMOVE if severe else Decision.REVIEW,
                    explanation=("Slur against a protected class." if severe else
                                 "Word that is a slur against a protected class in most uses; "
                                 "a person should check the context."),
                    category="slur",
                ))
        if "masked" in signals:
            for match in self._masked.finditer(text):
                word = self._unmask(match.group())
                if word is None:
                    continue
                out.append(finding(
                    subject, clause=CLAUSE, rule=self.id, start=match.start(),
                    end=match.end(), confidence=0.85, decision=Decision.REMOVE,
                    category="slur", explanation="Censored slur against a protected class.",
                ))
        if "go_back" in signals:
            for match in self._go_back.finditer(text):
                before = " ".join(text[:match.start()].split()[-3:])
                if self._first_person.search(before):
                    continue  # "we should go back to Vietnam": the speaker goes, nobody is sent
                out.append(finding(
                    subject, clause=CLAUSE, rule=self.id, start=match.start(),
                    end=match.end(), confidence=0.7, decision=Decision.REVIEW,
                    category="national-origin",
                    explanation="Tells someone to go back to another country: an attack on "
                                "national origin; a person should review it.",
                ))
        if "coded" in signals:
            for match in self._coded.finditer(text):
                out.append(finding(
                    subject, clause=CLAUSE, rule=self.id, start=match.start(),
                    end=match.end(), confidence=0.6, decision=Decision.REVIEW,
                    category="coded",
                    explanation=(f"Uses {match.group()!r}, which casts people as less than "
                                 "others for their race, sex, religion or origin; a person "
                                 "should judge whether it promotes discrimination."),
                ))
        if "derogation" in signals:  # an attack needs one, and one is rarer than a group
            derogations = list(self._derogations.finditer(text))
            if derogations:
                out.extend(self._attacks(subject, derogations))
        return out

    def _attacks(self, subject: Subject, derogations: list[re.Match[str]]) -> list[Finding]:
        text = subject.norm.text
        bounds = sentence_bounds(text)
        groups: dict[int, re.Match[str]] = {}
        for match in self._groups.finditer(text):
            groups.setdefault(sentence_of(bounds, match.start()), match)
        out: list[Finding] = []
        done: set[int] = set()
        for match in derogations:
            sentence = sentence_of(bounds, match.start())
            group = groups.get(sentence)
            if group is None and sentence > 0:
                # "Hope none of the trans people show up. Keep them away from our kids.": the
                # group named in the sentence before, a pronoun for it in this one
                lo = bounds[sentence - 1]
                if _PRONOUN.search(text, lo, bounds[sentence]):
                    group = groups.get(sentence - 1)
            if group is None or sentence in done:
                continue
            done.add(sentence)
            kind = (match.lastgroup or "exclusion").rstrip("0123456789")
            start, end = min(group.start(), match.start()), max(group.end(), match.end())
            out.append(finding(
                subject, clause=CLAUSE, rule=self.id, start=start, end=end, confidence=0.6,
                decision=Decision.REVIEW, category=kind,
                explanation=(f"Names a protected group ({group.group()!r}) with {kind} language "
                             f"({match.group()!r}); a person should judge whether it promotes "
                             "discrimination."),
            ))
        return out


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[discrimination]`` section: slurs to add, groups to add, words to allow."""
    return {"discrimination": {"add_slurs": [], "add_review_slurs": [], "add_groups": [],
                               "allow": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[DiscriminationRule]:
    """The discrimination rule, from the bundled lists and the ``[discrimination]`` section."""
    section = config.section("discrimination")
    return [DiscriminationRule(DiscriminationLexicon.bundled().configured(section))]
