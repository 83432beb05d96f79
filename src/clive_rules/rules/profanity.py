"""Profanity (12.4.D.1): a curated word list matched on normalised text.

The list is better-profanity's, curated into tiers (``data/profanity.toml``, documented in
``docs/profanity-tiers.md``): *severe* words lead to removal, *mild* ones to review, *expletives*
(mild everyday swearing: "damn", "the hell") to review at low confidence, *name-like*
ones (Dick, Cumming) are skipped where they stand as a proper name, and a few *stems* also match
inside compounds (``motherfucking``). Words that are ordinary in civic speech (identity words,
drugs and alcohol, anatomy, political insults) are not profanity at all; identity words belong to
the discrimination rule.

Matching is on whole words of the normalised text (so Scunthorpe, Essex, shiitake, assessment and
class are never matched), every letter may repeat, and a censored word (``f*ck``, ``sh**``) is
matched against the severe tier.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules._lexicon import keywords_for, phrase_source
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.text import KeywordPattern, term_keywords, term_pattern
from clive_rules.verdict import Decision, Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ProfanityRule", "WordTiers", "clive_config_defaults", "clive_register_rules"]

CLAUSE = "12.4.D.1"
SUFFIXES = ("s", "es", "ed", "er", "ers", "ing", "y", "ier", "iest", "tier", "tiest")
# A censored word: letters then stars ("f*ck", "sh**"), or stars then letters ("**ck"). Each
# alternative starts with a literal class, with the word-start check after it (see text.py).
_MASKED = (r"[a-z](?<![a-z*][a-z])[a-z]*\*+[a-z*]*(?![a-z*])"
           r"|\*(?<![a-z*]\*)\**[a-z]+(?![a-z*])")
def _stars_as_letters(token: str) -> re.Pattern[str]:
    """A pattern for the words a censored token can stand for: each run of ``k`` stars is one
    to ``k`` letters (``f*ck`` -> ``f[a-z]{1,1}ck``)."""
    body = re.escape(token).replace(r"\*", "*")
    return re.compile(re.sub(r"\*+", lambda m: f"[a-z]{{1,{len(m.group())}}}", body))


# "f***", "f**", "f***ing", "s***", "a**": the censored words no one needs spelt out.
_F_STARS = re.compile(r"f\*{2,3}(?:ing|in|ed|er|ers|s)?")
_S_STARS = re.compile(r"s\*{3}(?:ty|s|y)?")
_A_STARS = re.compile(r"a\*\*(?:es|hole|holes)?")
# A "#" after a letter is a censor's star, with any leet characters beside it ("s#!t" reads
# as "s**t"); one at a word's start is a hashtag.
_HASH_IN_WORD = re.compile(r"(?<=[a-z])#[#!|@$]*(?=[a-z]|(?![a-z0-9_]))")
# After an expletive's last word: a capitalised word, maybe after "'s" ("Hell Creek", "Hell's
# Kitchen"), makes it part of a name.
_NAME_AFTER = re.compile(r"(?:['\u2019]?s)?[ \t-]+[A-Z]")


@attrs.frozen
class WordTiers:
    """The word lists of the profanity rule, by tier.

    :ivar severe: clearly profane: removal.
    :ivar mild: vulgar but context-dependent: review.
    :ivar name_like: also names (Dick, Cumming): skipped where used as a proper name.
    :ivar stems: severe stems matched inside compound words too.
    :ivar allow: words never flagged.
    :ivar expletives: mild everyday swearing, words or phrases ("damn", "the hell"): review at
        low confidence. Matched as listed (no endings, no repeated letters).
    """

    severe: frozenset[str]
    mild: frozenset[str]
    name_like: frozenset[str]
    stems: frozenset[str]
    allow: frozenset[str] = frozenset()
    expletives: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> WordTiers:
        """The curated tiers shipped with clive-rules."""
        text = resources.files("clive_rules.data").joinpath("profanity.toml").read_text("utf-8")
        data: Mapping[str, Any] = tomllib.loads(text)
        additions = data.get("additions", {})

        def tier(name: str) -> frozenset[str]:
            words = list(data.get(name, {}).get("words", ())) + list(additions.get(name, ()))
            return frozenset(w.strip().lower() for w in words if w.strip())

        allow = frozenset(w.strip().lower() for w in data.get("allow", {}).get("words", ()))
        return cls(severe=tier("severe"), mild=tier("mild"), name_like=tier("name_like"),
                   stems=tier("stems"), allow=allow, expletives=tier("expletives"))

    def configured(self, section: Mapping[str, Any]) -> WordTiers:
        """These tiers with a ``[profanity]`` configuration section applied."""
        def words(key: str) -> frozenset[str]:
            return frozenset(w.strip().lower() for w in section.get(key, ()) if w.strip())

        drop = words("remove") | words("allow")
        return WordTiers(
            severe=(self.severe | words("add_severe")) - drop,
            mild=(self.mild | words("add_mild")) - drop - words("add_severe"),
            name_like=self.name_like - drop,
            stems=self.stems - drop,
            allow=self.allow | words("allow"),
            expletives=self.expletives - drop - words("add_severe") - words("add_mild"),
        )


def _is_proper_name(original: str, start: int, end: int) -> bool:
    """Whether original[start:end] reads as a proper name (Dick Smith, the Cumming family)."""
    word = original[start:end]
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    before = original[:start].rstrip()
    sentence_start = not before or before[-1] in ".!?:\n\"'“"
    if not sentence_start:
        return True
    after = original[end:].lstrip()
    prev_word = before.split()[-1] if before.split() else ""
    return after[:1].isupper() or (prev_word[:1].isupper() and prev_word[-1:] not in ".!?")


@attrs.frozen
class ProfanityRule:
    """Finds profane words (12.4.D.1) in the normalised text; see the module docstring."""

    tiers: WordTiers
    id: str = "profanity"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _pattern: KeywordPattern = attrs.field(init=False, repr=False, eq=False)
    _masked_candidates: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _masked_stems: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _allowed: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _stems: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _masked: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _expletives: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        t = self.tiers
        groups = [
            ("severe", term_pattern(t.severe - t.name_like, suffixes=SUFFIXES, repeat=True)),
            ("name", term_pattern(t.name_like, suffixes=("s",))),
            ("mild", term_pattern(t.mild - t.severe - t.name_like, suffixes=("s",))),
        ]
        pattern = "|".join(f"(?P<{name}>{body})" for name, body in groups)
        # Tried only where a word of a tier starts: the alternation of ~1,000 words is slow to
        # scan (13 us per comment), the look-up and the few tries are not.
        object.__setattr__(self, "_pattern", KeywordPattern(
            re.compile(pattern), term_keywords(t.severe | t.mild | t.name_like)))
        object.__setattr__(self, "_masked", re.compile(_MASKED))
        # Stems are found anywhere, then widened to their word (a leading [a-z]* in the pattern
        # would backtrack through every word).
        object.__setattr__(self, "_stems", re.compile(term_pattern(t.stems, whole_word=False)))
        object.__setattr__(self, "_masked_candidates", tuple(sorted(t.severe - t.name_like)))
        # Stems a compound may hide censored; "shit" too, which is no stem only because
        # ordinary words contain it uncensored ("Shiite").
        object.__setattr__(self, "_masked_stems", tuple(sorted({*t.stems, "shit"})))
        # Allowed words and phrases ("pussy willow", "Shiites") shield what they cover.
        object.__setattr__(self, "_allowed", re.compile(term_pattern(t.allow, suffixes=("s",))))
        object.__setattr__(self, "_expletives", re.compile(phrase_source(t.expletives)))
        # Expletive phrases are keyed like the phrase rules' ("the hell" on the phrase itself,
        # spelt with every separator its pattern allows), so the keywords stay a superset.
        object.__setattr__(self, "_prefilter", Prefilter(
            keywords=term_keywords(t.severe | t.mild | t.name_like) | keywords_for(t.expletives),
            # "*" anywhere; "#" after a letter (a censor's star, not a hashtag)
            infixes=term_keywords(t.stems) | {"*"} | {f"{c}#" for c in string.ascii_lowercase},
        ))

    @property
    def prefilter(self) -> Prefilter:
        """Every word of every tier as a keyword (expletive phrases spelt out); stems and ``*``
        anywhere, ``#`` after a letter."""
        return self._prefilter

    def _unmask(self, token: str) -> str | None:
        """The severe word a censored token stands for (``f*ck`` -> ``fuck``), if exactly one."""
        regex = _stars_as_letters(token)
        # At least two letters must show, so that "a**" or "*" alone name no word; "f***" is
        # the exception, the one word everyone censors that way.
        if _F_STARS.fullmatch(token):
            return "fuck"
        if _S_STARS.fullmatch(token):
            return "shit"
        if _A_STARS.fullmatch(token):
            return "ass"
        if len(token) - token.count("*") < 2:
            return None
        hits = [w for w in self._masked_candidates if regex.fullmatch(w)]
        if hits:
            return min(hits, key=lambda w: (len(w), w))
        return self._masked_stem(token)

    def _masked_stem(self, token: str) -> str | None:
        """A severe stem censored inside a compound (``clusterf*ck``, ``sh*tshow``), if any:
        a piece of the token with a star in it that stands for exactly one stem."""
        stems = self._masked_stems
        for start in range(len(token)):
            if token[start] == "*" and start and token[start - 1] == "*":
                continue
            for end in range(start + 3, len(token) + 1):
                piece = token[start:end]
                if "*" not in piece or piece.count("*") == len(piece):
                    continue
                regex = _stars_as_letters(piece)
                hits = [w for w in stems if regex.fullmatch(w)]
                if len(hits) == 1:
                    return hits[0]
        return None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One finding per profane word."""
        norm = subject.norm
        out: list[Finding] = []
        text = norm.text
        shields = [m.span() for m in self._allowed.finditer(text)] if self.tiers.allow else []
        hits = [(m.start(), m.end(), m.lastgroup or "severe") for m in self._pattern.finditer(text)]
        starred = text
        if "#" in text:
            starred = _HASH_IN_WORD.sub(lambda m: "*" * len(m.group()), text)
        if "*" in starred:  # censored words are rare: look for them only where a star is
            hits.extend((m.start(), m.end(), "masked") for m in self._masked.finditer(starred))
            hits.sort()
        if self.tiers.stems:
            for m in self._stems.finditer(text):
                a, b = m.span()
                while a > 0 and "a" <= text[a - 1] <= "z":
                    a -= 1
                while b < len(text) and "a" <= text[b] <= "z":
                    b += 1
                hits = [h for h in hits if not (a <= h[0] and h[1] <= b)]
                if not any(h[0] <= a and b <= h[1] for h in hits):
                    hits.append((a, b, "stem"))
            hits.sort()
        if self.tiers.expletives:
            for m in self._expletives.finditer(text):
                a, b = m.span()
                if not any(h[0] < b and a < h[1] for h in hits):  # a stronger word wins
                    hits.append((a, b, "expletive"))
            hits.sort()
        for hit_start, hit_end, tier in hits:
            if any(a <= hit_start and hit_end <= b for a, b in shields):
                continue
            word = starred[hit_start:hit_end]
            start, end = norm.span(hit_start, hit_end)
            evidence = norm.original[start:end]
            if tier == "masked":
                if word.count("*") == len(word) or self._unmask(word) is None:
                    continue
                # The writer censored it themselves: a person decides.
                decision, confidence = Decision.REVIEW, 0.7
                why = f"Censored profanity {evidence!r}."
            elif tier == "name":
                if _is_proper_name(norm.original, start, end):
                    continue
                decision, confidence = Decision.REVIEW, 0.6
                why = f"Word {evidence!r} is profane unless it is a name."
            elif tier == "expletive":
                last = evidence.split()[-1] if evidence.split() else evidence
                if (last[:1].isupper() and not last.isupper()
                        and _NAME_AFTER.match(norm.original, end)):
                    continue  # part of a name: Hell Creek, Hell's Kitchen
                decision, confidence = Decision.REVIEW, 0.4
                why = (f"Mild expletive {evidence!r}: everyday speech for many people, so a "
                       "person decides whether it matters here.")
                tier = "mild"
            elif tier == "mild" or word in self.tiers.mild:
                # An exact mild entry ("bitching") beats a severe word with an ending.
                decision, confidence = Decision.REVIEW, 0.6
                why = f"Vulgar word {evidence!r}; context decides."
            else:
                decision, confidence = Decision.REMOVE, 0.95
                why = f"Profane word {evidence!r}."
            out.append(Finding(
                clause=CLAUSE, rule=self.id, start=start, end=end, evidence=evidence,
                confidence=confidence, explanation=why, decision=decision,
                category=tier,
            ))
        return out


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[profanity]`` section: words to add, remove or always allow."""
    return {"profanity": {"add_severe": [], "add_mild": [], "remove": [], "allow": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[ProfanityRule]:
    """The profanity rule, from the bundled tiers and the ``[profanity]`` section."""
    return [ProfanityRule(WordTiers.bundled().configured(config.section("profanity")))]
