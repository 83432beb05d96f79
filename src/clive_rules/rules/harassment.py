"""Explicit sexual or harassing content, or links to it (12.4.D.3).

What it finds (word lists in ``data/harassment.toml``):

* **explicit sexual language** ("send nudes", "bend her over", "nice tits", a censored ``t*ts``)
  and voyeuristic images ("a pic of the lifeguard changing"): removal;
* **sexual words with innocent uses too** ("porn", "sexting", "dildo", "nice rack on"): review,
  since residents use them to report a crime, to ask for a policy or of wildlife as well as to
  post sexual content;
* **links to adult sites**: a host whose label is a listed adult site (``onlyfans``,
  configurable as ``[harassment] adult_domains``) or holds an adult fragment (``xxx``, ``porn``):
  removal;
* **telling someone to kill themselves** ("kys", "go hang yourself", "drink bleach"): removal, or
  review when a public official is the target (a moderator should see what is said to officials);
* **intimidation** ("I know where you live", "I'll find your family"): review, marked urgent;
* **insults aimed at a person**: an insult in a second-person frame ("you're so ugly", "you
  clown"), a third-person frame ("she is a pig", "what an idiot") or, for words that only ever
  insult a person ("idiot", "loser"), anywhere in a text that addresses someone (an @mention or
  "you"). Words that also judge things or name animals ("disgrace", "garbage", "parasite",
  "animals") count only when said of a person ("you're a disgrace", "they are animals"), never
  after "is a" ("this budget is a disgrace"). Rude directives ("shut up", "screw you") count too.
  All review, never removal. Insults of officials are marked as such: criticism of officials
  is protected speech, and words of civic criticism ("liar", "corrupt", "incompetent") are not
  insults here at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules._lexicon import (
    KeywordGate,
    apostrophe_forms,
    finding,
    host_matches,
    hosts,
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
from clive_rules.text import Normalizer
from clive_rules.verdict import Decision, Finding

__all__ = ["HarassmentLexicon", "HarassmentRule", "clive_config_defaults",
           "clive_register_rules"]

CLAUSE = "12.4.D.3"
_MENTION = r"(?<![\w@.])@[A-Za-z0-9_]{2,}"
_STARRED = r"(?<![a-z*])[a-z]+\*+[a-z*]*(?![a-z*])"
_URGENT = "Urgent: threat. "
# Words in phrases of the lists too common to key the prefilter on ("share" in "I'm going to
# share your ...", "manage" in "can manage me", "block" in "everyone block this").
_EVERYDAY_STARTS = ("share", "manage", "block", "going", "likes", "enjoy", "account",
                    "delete", "forever", "moves", "uniform", "voice", "watch", "please",
                    "traffic", "stand")
_INSULT_SIGNALS = frozenset({"person", "frame_noun", "personal_noun", "adjective"})
# After a noun that is also a verb ("you trash the park", "you joke about it", "they weasel out
# of it"): the noun is a verb there, not an insult.
_NOT_A_VERB = (r"(?![\s\-]+(?:the|a|an|my|your|his|her|their|our|its|it|this|that|these|those|"
               r"up|down|out|off|around|about|on|in|with|at|them|him|me|us)(?![a-z0-9]))")

# Before another word the noun names a thing ("Thank you Animal Control!", "thank you garbage
# collectors"), unless that word only carries the insult on ("a disgrace to", "animals who",
# "a parasite living off us").
_NOT_A_COMPOUND = (r"(?![\s\-]+(?!(?:to|and|or|of|for|who|that|which|like|but|if|when|because"
                   r"|is|are|was|were|lol|haha|smh|[a-z]+ing)(?![a-z0-9]))[a-z])")


@attrs.frozen
class HarassmentLexicon:
    """The word lists of the rule (see ``data/harassment.toml``); every field a set of phrases.

    :ivar explicit: explicit sexual phrases.
    :ivar described: sexual words with innocent uses too ("porn"): review, not removal.
    :ivar described_exceptions: civic words that, right after one of ``described``, make it a
        subject of civic talk ("porn filter", "sexting awareness", "horny toad").
    :ivar masked: sexual words a censored token (``t*ts``) may stand for.
    :ivar voyeur_images: image words ("pic", "video").
    :ivar voyeur_states: what makes an image of someone voyeuristic ("changing", "naked").
    :ivar adult_domains: adult sites (a whole host label).
    :ivar adult_fragments: host fragments that mark an adult site.
    :ivar self_harm: telling someone to kill themselves.
    :ivar self_harm_exceptions: idioms that contain such a phrase ("drop-dead gorgeous").
    :ivar intimidation: threats and stalking aimed at a person.
    :ivar person_nouns: nouns that only ever insult a person.
    :ivar frame_nouns: nouns that insult only in a direct frame.
    :ivar personal_nouns: nouns that insult only when said of a person ("you're a disgrace").
    :ivar adjectives: adjectives that insult a person.
    :ivar people: words for people ("man", "people"), insulted by an adjective before them or
        said of them ("stupid people", "people are so stupid").
    :ivar not_before_people: adjectives that only describe before a word for people ("fat").
    :ivar rude: rude directives ("shut up").
    :ivar rude_exceptions: phrases holding a rude one that are not aimed at anyone.
    :ivar suggestive_emoji: emoji that wink at sex (drool, eggplant, peach).
    :ivar flirting_emoji: emoji used to flirt and for sarcasm too (smirk, devil): they count
        only beside one of ``flirting_words``.
    :ivar flirting_words: words of flirting ("anytime", "single", "cute").
    :ivar suggestive_people: words for a person that make such an emoji a remark about them.
    :ivar second_person: second-person words.
    :ivar third_person: third-person frames ("she is", "what an").
    :ivar fillers: words allowed between a frame and the insult.
    :ivar official_titles: titles of public officials.
    """

    explicit: frozenset[str]
    masked: frozenset[str]
    voyeur_images: frozenset[str]
    voyeur_states: frozenset[str]
    adult_domains: frozenset[str]
    adult_fragments: frozenset[str]
    self_harm: frozenset[str]
    self_harm_exceptions: frozenset[str]
    intimidation: frozenset[str]
    person_nouns: frozenset[str]
    frame_nouns: frozenset[str]
    adjectives: frozenset[str]
    second_person: frozenset[str]
    third_person: frozenset[str]
    fillers: frozenset[str]
    official_titles: frozenset[str]
    personal_nouns: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    not_before_people: frozenset[str] = frozenset()
    rude: frozenset[str] = frozenset()
    rude_exceptions: frozenset[str] = frozenset()
    described: frozenset[str] = frozenset()
    described_exceptions: frozenset[str] = frozenset()
    suggestive_emoji: frozenset[str] = frozenset()
    flirting_emoji: frozenset[str] = frozenset()
    flirting_words: frozenset[str] = frozenset()
    suggestive_people: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> HarassmentLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("harassment")
        sexual, links, harm = data["sexual"], data["links"], data["self_harm"]
        insults = data["insults"]
        return cls(
            explicit=word_list(sexual["explicit"]),
            described=word_list(sexual["described"]),
            described_exceptions=word_list(sexual["described_exceptions"]),
            masked=word_list(sexual["masked"]),
            voyeur_images=word_list(sexual["voyeur_images"]),
            voyeur_states=word_list(sexual["voyeur_states"]),
            suggestive_emoji=frozenset(sexual["suggestive_emoji"]),
            flirting_emoji=frozenset(sexual["flirting_emoji"]),
            flirting_words=word_list(sexual["flirting_words"]),
            suggestive_people=word_list(sexual["suggestive_people"]),
            adult_domains=word_list(links["adult_domains"]),
            adult_fragments=word_list(links["adult_fragments"]),
            self_harm=word_list(harm["phrases"]),
            self_harm_exceptions=word_list(harm["exceptions"]),
            intimidation=word_list(data["intimidation"]["phrases"]),
            person_nouns=word_list(insults["person_nouns"]),
            frame_nouns=word_list(insults["frame_nouns"]),
            adjectives=word_list(insults["adjectives"]),
            second_person=word_list(insults["second_person"]),
            third_person=word_list(insults["third_person"]),
            fillers=word_list(insults["fillers"]),
            official_titles=word_list(insults["official_titles"]),
            personal_nouns=word_list(insults["personal_nouns"]),
            people=word_list(insults["people"]),
            not_before_people=word_list(insults["not_before_people"]),
            rude=word_list(insults["rude"]),
            rude_exceptions=word_list(insults["rude_exceptions"]),
        )

    def configured(self, section: Mapping[str, Any]) -> HarassmentLexicon:
        """These lists with a ``[harassment]`` configuration section applied."""
        allow = word_list(section.get("allow", ()))
        return attrs.evolve(
            self,
            explicit=(self.explicit | word_list(section.get("add_sexual", ()))) - allow,
            described=self.described - allow,
            adult_domains=(self.adult_domains | word_list(section.get("adult_domains", ())))
            - allow,
            person_nouns=(self.person_nouns | word_list(section.get("add_insults", ()))) - allow,
            frame_nouns=self.frame_nouns - allow,
            personal_nouns=self.personal_nouns - allow,
            adjectives=self.adjectives - allow,
            rude=self.rude - allow,
        )


# Frame and personal nouns that are everyday words of civic comments ("the trash pickup", "animal
# control", "a garden hoe"): keyed on the word before them too, which in a frame must end a head
# or a filler.
_EVERYDAY_NOUNS = frozenset({"trash", "garbage", "rat", "animal", "animals", "hoe", "hoes"})


# What a book, a class or a display contains, debated: "porn doesn't belong in a children's
# library, after reading the passages", "the graphic novel shows a character masturbating in one
# panel". (Not the library alone: "the library should block porn sites" is a policy question a
# person reviews.)
_ABOUT_MATERIAL = re.compile(
    r"\b(?:books?|shelf|shelves|novels?|illustrations?|drawings?|diagrams?"
    r"|panels?|passages?|sex ?ed|sex education|health class|curriculum|anatomy|titles?"
    r"|display|teen section|kids'? section|children'?s section|reading list)\b")
# ... said of what is in it, to no one and of no one ("Librarian Kelly has a nice rack, that's
# the only reason I go to the library" is a remark about a person, and stays held).
_CONTENT_WORD = re.compile(r"porn\w*|masturbat\w*|intercourse|naked|nude|nudity|sex|sexual"
                           r"|erotic\w*|genital\w*")
_SECOND_PERSON = re.compile(r"\b(?:you|your|u|ur|she|her|he|him|his)\b")


def _after_words(nouns: Iterable[str], before: Iterable[str]) -> frozenset[str]:
    """Keywords for ``nouns`` that a frame puts right after one of the phrases ``before``.

    The last word of the phrase, a space and the noun: keywords are looked for in text whose
    runs of separators are one space (:func:`~clive_rules.text.collapse_gaps`), and the frame's
    separators (``[\\s,.!\\-]``) are among those. Keyed with the word before it, an everyday
    noun does not pass every "trash pickup" to the rule.
    """
    lasts: set[str] = set()
    for phrase in before:
        lasts.update(apostrophe_forms(phrase.split()[-1]))
    return frozenset(last + " " + noun for last in lasts for noun in nouns)


def _frame(heads: Iterable[str], fillers: str, targets: str, gap: int, after: str = "") -> str:
    return (rf"(?<![a-z0-9]){phrase_source(heads, bounded=False)}"
            rf"(?:[\s,.!\-]+{fillers}){{0,{gap}}}[\s,.!\-]+{targets}(?![a-z0-9]){after}")


@attrs.frozen
class HarassmentRule:
    """Finds explicit sexual content, adult links and harassment (12.4.D.3)."""

    lexicon: HarassmentLexicon
    id: str = "harassment"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _explicit: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _described: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _described_after: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _fold: Callable[[str], str] = attrs.field(init=False, repr=False, eq=False)
    _voyeur: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _self_harm: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _harm_exceptions: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _intimidation: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _insult_frames: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _rude: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _rude_exceptions: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _frames_for: dict[str, re.Pattern[str]] = attrs.field(init=False, repr=False, eq=False)
    _person_nouns: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _addressed: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _officials: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _suggestive: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _suggested_person: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _flirting: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _mention: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _starred: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _masked: Mapping[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        set_ = object.__setattr__
        voyeur = (rf"(?<![a-z]){phrase_source(lex.voyeur_images, bounded=False)}[\s\-_.]+of"
                  rf"(?:[\s\-_.]+[a-z']+){{1,5}}?[\s\-_.]+"
                  rf"{phrase_source(lex.voyeur_states, bounded=False)}(?![a-z])")
        fillers = phrase_source(lex.fillers, bounded=False)
        person = phrase_source(lex.person_nouns, bounded=False)
        frame = phrase_source(lex.frame_nouns, bounded=False)
        personal_noun = phrase_source(lex.personal_nouns, bounded=False)
        before_people = phrase_source(lex.adjectives - lex.not_before_people, bounded=False)
        adjectives = phrase_source(lex.adjectives, bounded=False)
        narrow_third = {h for h in lex.third_person
                        if h not in ("these", "those", "bunch of")}
        personal_third = {h for h in narrow_third
                          if not h.startswith(("is ", "what ", "such "))}
        by_target = {
            "person": _frame(lex.second_person | lex.third_person, fillers, person, 4),
            "frame_noun": _frame(lex.second_person | narrow_third, fillers, frame, 3),
            "personal_noun": _frame(lex.second_person | personal_third, fillers, personal_noun,
                                    3, _NOT_A_VERB + _NOT_A_COMPOUND),
            "adjective": "|".join((
                _frame(lex.second_person | personal_third, fillers, adjectives, 3),
                # "people are so stupid", "this man is pathetic"
                _frame({f"{p} {v}" for p in lex.people for v in ("is", "are", "r")}, fillers,
                       adjectives, 3),
                # "stupid people", "disgusting old man"
                rf"(?<![a-z0-9]){before_people}(?:[\s\-]+{fillers})?[\s\-]+"
                rf"{phrase_source(lex.people, bounded=False)}(?![a-z0-9])",
            )),
        }
        frames = "|".join(by_target.values())
        # Where only one kind of insult word is present, only its frame can match: searching
        # with it alone finds the same, faster.
        set_(self, "_frames_for", {k: re.compile(v) for k, v in by_target.items()})
        set_(self, "_explicit", re.compile(phrase_source(lex.explicit)))
        set_(self, "_described", re.compile(phrase_source(lex.described)))
        set_(self, "_described_after", re.compile(
            rf"[\s\-_.]+{phrase_source(lex.described_exceptions)}"))
        set_(self, "_voyeur", re.compile(voyeur))
        set_(self, "_self_harm", re.compile(phrase_source(lex.self_harm)))
        set_(self, "_harm_exceptions", re.compile(phrase_source(lex.self_harm_exceptions)))
        set_(self, "_intimidation", re.compile(phrase_source(lex.intimidation)))
        set_(self, "_rude", re.compile(phrase_source(lex.rude)))
        set_(self, "_rude_exceptions", re.compile(phrase_source(lex.rude_exceptions)))
        set_(self, "_insult_frames", re.compile(frames))
        set_(self, "_person_nouns", re.compile(phrase_source(lex.person_nouns)))
        set_(self, "_addressed", re.compile(phrase_source(lex.second_person)))
        set_(self, "_officials", re.compile(phrase_source(lex.official_titles, suffixes=("s",))))
        set_(self, "_mention", re.compile(_MENTION))
        set_(self, "_suggestive", re.compile("|".join(
            [f"(?P<flirt>{'|'.join(re.escape(e) for e in sorted(lex.flirting_emoji)) or 'x^'})",
             *(re.escape(e) for e in sorted(lex.suggestive_emoji))])))
        set_(self, "_flirting", re.compile(phrase_source(lex.flirting_words)))
        set_(self, "_suggested_person", re.compile(phrase_source(lex.suggestive_people)))
        set_(self, "_starred", re.compile(_STARRED))
        set_(self, "_masked", masked_index(lex.masked))
        fold = Normalizer().fold
        set_(self, "_fold", fold)
        # Each finding needs a rare ingredient: an explicit, self-harm or intimidation phrase
        # (keyed on its rarest word, or on the whole phrase when every word is common), an
        # insult word (frames and the addressed-noun fallback both end in one), "<image> of"
        # for the voyeur pattern, "*" for a censored word, an adult host or an attached link.
        signals = {
            "explicit": keywords_for(lex.explicit),
            # everyday words that start phrases of the lists: keyed on the whole phrase instead
            "described": keywords_for(lex.described, common=_EVERYDAY_STARTS),
            "self_harm": keywords_for(lex.self_harm),
            "intimidation": keywords_for(lex.intimidation, common=_EVERYDAY_STARTS),
            "person": keywords_for(lex.person_nouns),
            "frame_noun": keywords_for(lex.frame_nouns - _EVERYDAY_NOUNS)
            | _after_words(lex.frame_nouns & _EVERYDAY_NOUNS - {"rat"},
                          lex.second_person | narrow_third | lex.fillers),
            # The everyday ones ("trash pickup") are keyed on the word before them too, which in
            # a frame ends a head or a filler; the rest on themselves.
            "personal_noun": keywords_for(lex.personal_nouns - _EVERYDAY_NOUNS)
            | _after_words(lex.personal_nouns & _EVERYDAY_NOUNS,
                           lex.second_person | personal_third | lex.fillers),
            "adjective": keywords_for(lex.adjectives),
            "rude": keywords_for(lex.rude, common=_EVERYDAY_STARTS),
            "voyeur": frozenset[str]().union(
                *(phrase_keywords([image, "of"]) for image in lex.voyeur_images)),
        }
        infixes = {"masked": {"*"},
                   "suggestive": set(lex.suggestive_emoji | lex.flirting_emoji),
                   "adult": {fold(w) for w in lex.adult_domains | lex.adult_fragments}}
        # "rat" starts too many words ("rates") to be a keyword: a pattern with that literal
        # first is cheap to scan a batch for, and checks that the word ends there.
        rat = (re.compile(r"rat(?<![a-z]rat)(?![a-z0-9])") if "rat" in lex.frame_nouns
               else None)
        gated = signals if rat is None else {
            **signals, "frame_noun": signals["frame_noun"] | {"rat"}}
        set_(self, "_gate", KeywordGate.build(gated, infixes))
        set_(self, "_prefilter", Prefilter(
            pattern=rat, keywords=frozenset[str]().union(*signals.values()),
            infixes=frozenset[str]().union(*infixes.values()), links=True))

    @property
    def prefilter(self) -> Prefilter:
        """Keywords of every signal's rare part; ``*``; adult host words; attached links."""
        return self._prefilter

    def _unmask(self, token: str) -> str | None:
        if len(token) - token.count("*") < 2:
            return None
        hits = masked_fits(token, self._masked)
        return hits[0] if len(hits) == 1 else None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """Sexual content, adult links, self-harm incitement, intimidation and insults."""
        text = subject.norm.text
        signals = self._gate.signals(subject.norm)
        if not signals and not subject.content.links:
            return []
        out: list[Finding] = []

        def add(start: int, end: int, decision: Decision, confidence: float, category: str,
                why: str) -> None:
            out.append(finding(subject, clause=CLAUSE, rule=self.id, start=start, end=end,
                               confidence=confidence, explanation=why, decision=decision,
                               category=category))

        explicit: list[tuple[int, int]] = []  # spans in the normalised text
        if "explicit" in signals:
            for match in self._explicit.finditer(text):
                explicit.append(match.span())
                add(*match.span(), Decision.REMOVE, 0.9, "sexual",
                    f"Explicit sexual language ({match.group()!r}).")
        if "described" in signals:
            parent: str | None = None
            for match in self._described.finditer(text):
                start, end = match.span()
                if any(a <= start < b for a, b in explicit):
                    continue  # inside an explicit phrase ("send nudes")
                if self._described_after.match(text, end):
                    continue  # "porn filter", "sexting awareness", "horny toad"
                if parent is None:
                    parent = self._fold(subject.content.parent_text or "")
                if match.group() in parent:
                    continue  # the city's own post is about it ("our sexting class")
                ends = sentence_bounds(text)
                index = sentence_of(ends, start)
                sentence = text[ends[index - 1] if index else 0:ends[index]]
                if (_CONTENT_WORD.match(match.group()) and _ABOUT_MATERIAL.search(sentence)
                        and not _SECOND_PERSON.search(sentence)):
                    continue  # "porn doesn't belong in a children's library": what a book shows

                add(start, end, Decision.REVIEW, 0.6, "sexual",
                    f"Possibly sexual wording ({match.group()!r}); it has innocent uses too (a "
                    "report, a policy question), so a person decides.")
        if "masked" in signals:
            for match in self._starred.finditer(text):
                if self._unmask(match.group()) is not None:
                    add(*match.span(), Decision.REMOVE, 0.85, "sexual",
                        "Censored explicit sexual word.")
        if "voyeur" in signals:
            for match in self._voyeur.finditer(text):
                add(*match.span(), Decision.REMOVE, 0.85, "sexual",
                    "Offers a voyeuristic image of a person.")
        if "suggestive" in signals:
            emoji = next((m for m in self._suggestive.finditer(text)
                          if not m.group("flirt") or self._flirting.search(text)), None)
            person = (self._suggested_person.search(text)
                      or self._mention.search(subject.content.text))
            if emoji is not None and person is not None:
                add(*emoji.span(), Decision.REVIEW, 0.55, "sexual",
                    f"A suggestive emoji ({emoji.group()}) in a remark about a person "
                    f"({person.group().strip()!r}); a person decides whether it is sexual.")
        lex = self.lexicon
        if "adult" in signals or subject.content.links:
            for host, start, end in hosts(subject):
                site = host_matches(host, lex.adult_domains, lex.adult_fragments)
                if site is not None:
                    out.append(Finding(
                        clause=CLAUSE, rule=self.id, start=start, end=end,
                        evidence=subject.content.text[start:end] if end else host,
                        confidence=0.9, decision=Decision.REMOVE, category="adult-link",
                        explanation=f"Link to an adult site ({host}).",
                    ))
        bounds: list[int] | None = None

        def official(position: int) -> bool:
            nonlocal bounds
            if bounds is None:
                bounds = sentence_bounds(text)
            index = sentence_of(bounds, position)
            lo = bounds[index - 1] if index else 0
            hi = bounds[index] if index < len(bounds) else len(text)
            return self._officials.search(text, lo, hi) is not None

        if "self_harm" in signals:
            excepted: list[tuple[int, int]] | None = None
            for match in self._self_harm.finditer(text):
                start, end = match.span()
                if excepted is None:
                    excepted = [m.span() for m in self._harm_exceptions.finditer(text)]
                if any(a <= start < b for a, b in excepted):
                    continue
                if official(start):
                    add(start, end, Decision.REVIEW, 0.7, "self-harm",
                        f"Wishes death or self-harm on a public official ({match.group()!r}); "
                        "harassment, not criticism, but a person should decide.")
                else:
                    add(start, end, Decision.REMOVE, 0.9, "self-harm",
                        f"Tells someone to kill themselves or wishes them dead "
                        f"({match.group()!r}).")
        if "intimidation" in signals:
            for match in self._intimidation.finditer(text):
                add(*match.span(), Decision.REVIEW, 0.8, "intimidation",
                    _URGENT + f"Intimidates a person ({match.group()!r}); a person must act "
                    "now, and may need to involve the police.")
        insults = signals & _INSULT_SIGNALS
        if insults:
            out.extend(self._insults(subject, insults))
        if "rude" in signals:
            rude_excepted = [m.span() for m in self._rude_exceptions.finditer(text)]
            for match in self._rude.finditer(text):
                start, end = match.span()
                if any(a <= start < b for a, b in rude_excepted):
                    continue
                if any(f.category == "insult" for f in out):
                    break  # one insult finding says it; the evidence is already there
                out.append(finding(subject, clause=CLAUSE, rule=self.id, start=start, end=end,
                                   confidence=0.5, decision=Decision.REVIEW, category="insult",
                                   explanation=self._insult_why(text, "Rude directive")))
        return out

    def _insult_why(self, text: str, what: str = "Insult") -> str:
        """Why an insult goes to review; says so when an official may be its target."""
        if self._officials.search(text):
            return (f"{what} aimed at a person who may be a public official; criticism of "
                    "officials is protected speech, so a person decides.")
        return f"{what} aimed at a person; a person should review it."

    def _insults(self, subject: Subject, kinds: set[str]) -> list[Finding]:
        """Insults; ``kinds`` names the kinds of insult word the text may hold."""
        text = subject.norm.text
        frames = (self._frames_for[next(iter(kinds))] if len(kinds) == 1
                  else self._insult_frames)
        spans = [m.span() for m in frames.finditer(text)]
        # The fallback needs a person noun; only then is it worth asking whether the text
        # addresses someone.
        if not spans and "person" in kinds and (
                self._mention.search(subject.content.text) is not None
                or self._addressed.search(text) is not None):
            spans = [m.span() for m in self._person_nouns.finditer(text)][:1]
        out: list[Finding] = []
        for start, end in spans[:3]:
            why = self._insult_why(text)
            out.append(finding(subject, clause=CLAUSE, rule=self.id, start=start, end=end,
                               confidence=0.55, decision=Decision.REVIEW, category="insult",
                               explanation=why))
        return out


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[harassment]`` section: adult sites, sexual phrases and insults to add; allow."""
    return {"harassment": {"adult_domains": [], "add_sexual": [], "add_insults": [],
                           "allow": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[HarassmentRule]:
    """The harassment rule, from the bundled lists and the ``[harassment]`` section."""
    section = config.section("harassment")
    return [HarassmentRule(HarassmentLexicon.bundled().configured(section))]
