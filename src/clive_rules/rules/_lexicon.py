"""Shared helpers of the content rules of 12.4.D.2-5 and 12.4.D.9: word lists and spans.

The word lists live in TOML files under :mod:`clive_rules.data` (one per rule) and are read once
(:func:`load_data` is cached and returns read-only data). :func:`phrases` compiles a list of
phrases into a whole-word pattern for the *normalised* text (lower case, leetspeak and lookalikes
folded); :func:`sentence_bounds` splits normalised text into sentences so that a rule can ask for
two things in the same sentence; :func:`finding` maps a span of the normalised text back to the
original text, which is where a :class:`~clive_rules.verdict.Finding` points.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from clive_rules.config import freeze
from clive_rules.errors import RuleError
from clive_rules.rules.base import Subject
from clive_rules.text import NormalizedText, collapse_gaps
from clive_rules.verdict import Decision, Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "APOSTROPHE",
    "KeywordGate",
    "apostrophe_forms",
    "finding",
    "host_matches",
    "hosts",
    "keywords_for",
    "load_data",
    "masked_fits",
    "masked_index",
    "phrase_keywords",
    "phrase_source",
    "phrases",
    "sentence_bounds",
    "sentence_of",
    "word_list",
]

APOSTROPHE = "['\u2019\u2018`]?"
"""What an apostrophe in a phrase matches: any apostrophe, or none (``dont``)."""

_SENTENCE_END = re.compile(r"[.!?;\n]+(?=\s|$)|\n")



@functools.cache
def load_data(name: str) -> Mapping[str, Any]:
    """The bundled data file ``clive_rules/data/<name>.toml``, read-only."""
    text = resources.files("clive_rules.data").joinpath(f"{name}.toml").read_text("utf-8")
    data: Mapping[str, Any] = freeze(tomllib.loads(text))
    return data


def word_list(values: Iterable[Any]) -> frozenset[str]:
    """Cleaned, lower-cased entries of a word list (blank ones dropped)."""
    return frozenset(str(v).strip().lower() for v in values if str(v).strip())


_SEPARATOR_ATOM = r"[\s\-_.]+"


def _atoms(phrase: str) -> list[str]:
    """The regular-expression atoms of one phrase, one per character (see phrase_source)."""
    out: list[str] = []
    for index, word in enumerate(phrase.strip().lower().split()):
        if index:
            out.append(_SEPARATOR_ATOM)
        for char in word:
            if char in "'\u2019\u2018`":
                out.append(APOSTROPHE)
            elif char == "*":
                out.append(r"\w*")
            else:
                out.append(re.escape(char))
    return out


def _trie(phrases: Iterable[str]) -> str:
    """One pattern for all phrases, as a trie of atoms: the regex engine branches on the next
    character instead of trying every phrase in turn (much faster for long lists)."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [atom + render(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root)


def phrase_source(
    values: Iterable[str], *, suffixes: Sequence[str] = (), bounded: bool = True
) -> str:
    """A whole-word pattern source for any of ``values`` (phrases) in normalised text.

    Words of a phrase may be separated by any run of spaces, hyphens, dots or underscores; an
    apostrophe may be any apostrophe or none; a ``*`` at the end of a word matches any ending
    (``masturbat*``); ``suffixes`` are endings allowed after every phrase.
    """
    cleaned = word_list(values)
    if not cleaned:
        return r"(?!x)x"
    body = _trie(cleaned)
    ends = ""
    if suffixes:
        ordered = sorted(suffixes, key=len, reverse=True)
        ends = "(?:" + "|".join(re.escape(s) for s in ordered) + ")?"
    if not bounded:
        return f"(?:{body}){ends}"
    return rf"(?<![a-z0-9])(?:{body}){ends}(?![a-z0-9])"


def phrases(values: Iterable[str], *, suffixes: Sequence[str] = ()) -> re.Pattern[str]:
    """:func:`phrase_source`, compiled."""
    return re.compile(phrase_source(values, suffixes=suffixes))


# Words too common in residents' comments (and everyday English) to key a prefilter on: a phrase
# made only of these is keyed on the phrase itself (see keywords_for).
_COMMON = frozenset((
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "is", "are", "was",
    "were", "be", "been", "am", "it", "its", "this", "that", "these", "those", "there", "here",
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
    "them", "their", "who", "what", "when", "where", "why", "how", "all", "any", "some", "no",
    "not", "nobody", "noone", "one", "just", "so", "such", "very", "really", "too", "can",
    "could", "should", "would", "will", "shall", "may", "might", "must", "do", "does", "did",
    "don", "done", "have", "has", "had", "get", "got", "go", "going", "gonna", "let", "lets",
    "make", "up", "out", "off", "over", "about", "with", "from", "into", "than", "then", "now",
    "never", "ever", "only", "also", "still", "everyone", "everybody", "someone", "somebody",
    "anyone", "anybody", "open", "know", "next", "find", "life", "account", "city", "council",
    "back", "send", "move", "control", "human", "through", "look", "pay", "parking", "drive",
    "truck", "fence", "building", "number", "bring", "bringing", "shelter", "lock", "locked",
    "doesn", "people", "right", "left", "better", "come", "came", "take", "took", "give", "keep",
    "kept", "want", "need", "said", "says", "tell", "told", "show", "call", "called", "home",
    "house", "work", "works", "time", "day", "night", "week", "year", "today", "tonight", "park",
    "parks", "street", "road", "police", "department", "office", "first", "last", "other", "same",
    "new", "old", "good", "great", "little", "big", "long", "away", "around", "down", "again",
    "because", "before", "after", "while",
    # frequent in comments to a city (measured on synthetic and public comment sets)
    "kids", "fire", "live", "drop", "waste", "until", "nice", "see", "bridge", "sorry", "hope",
    "sleep", "watch", "watching", "hell", "coming", "end", "waiting", "wanna", "face", "hand",
    "hard", "die", "dead", "trash", "garbage", "hiring", "allowed", "country", "run", "runs",
    "rid", "world", "working", "everything", "wants", "taking", "turn", "ban", "media",
    "government", "service", "welcome", "walk", "walking", "deserve", "deserves", "movie",
    "sign", "pass", "code", "broken", "alarm", "free", "hop", "leave", "place", "book", "hurt",
    "under", "full", "whole", "hung", "telling", "load", "log", "door", "hang", "gun", "guns",
    "shoot", "shot", "view", "push", "pull", "permit", "fireworks", "egg", "ask", "perfect",
    "real", "without", "driving", "hit", "cash", "paying", "key", "sale", "questions", "money",
    "report", "high", "video", "beat", "cover", "husband", "wife", "kill", "killing", "stop",
    "set", "put", "plant", "meet", "sell", "selling", "extra", "each", "delivery", "text",
    "message", "looking", "lot", "tag", "dump",
    "drunk", "roads", "bars", "fell", "title", "fake", "scan", "totally", "easy", "pro", "tip",
    "own", "ahead", "catch", "caught", "notice", "check", "checks", "won", "wont", "nothing",
    "none", "area", "behind", "looks", "asked", "mushrooms", "magic",
))


def apostrophe_forms(word: str) -> list[str]:
    """The ways ``word`` can appear where a phrase pattern allows any apostrophe or none."""
    forms = [""]
    for char in word:
        # the Normalizer folds typographic apostrophes to "'"; a backtick stays itself
        options = ("", "'", "`") if char in "'\u2019\u2018`" else (char,)
        forms = [f + o for f in forms for o in options]
    return sorted(set(forms))


def phrase_keywords(words: Sequence[str]) -> frozenset[str]:
    """Prefilter keywords that match wherever the phrase of ``words`` matches in normalised
    text, when its words are separated as :func:`phrase_source` allows.

    The first three words (a keyword only has to start the match), separated by one space, in
    every apostrophe form: keywords are looked for in text whose gaps are collapsed to one space
    (:func:`~clive_rules.text.collapse_gaps`), so one spelling of the gaps stands for all.
    """
    heads = [""]
    for index, word in enumerate(list(words)[:3]):
        gap = " " if index else ""
        heads = [h + gap + f for h in heads for f in apostrophe_forms(word)]
    return frozenset(k for k in heads if k.strip())


def keywords_for(values: Iterable[str], *, common: Iterable[str] = ()) -> frozenset[str]:
    """Prefilter keywords for phrases compiled with :func:`phrase_source`.

    A one-word phrase is its own keyword. For a longer phrase with a rare word (not a common
    word, at least five characters: shorter ones start too many other words), the longest such
    word, cut at the first apostrophe or ``*``: the phrase pattern only matches where that word
    starts a word of the normalised text. A phrase without one ("i'll find you", "drop dead",
    "nice ass") is keyed on its first three words instead (up to a ``*``), with every way its
    apostrophes can be written (see :func:`phrase_keywords`), so the keywords stay a superset of
    the pattern however rare they are. ``common`` adds words to avoid.
    """
    avoid = _COMMON | frozenset(common)
    out: set[str] = set()
    for phrase in word_list(values):
        # keywords are looked for in collapsed text, where "over." and "b-day" are "over ", "b day"
        words = collapse_gaps(phrase).split()
        if not words:
            raise RuleError(f"phrase {phrase!r} has no word to key a prefilter on")
        if "*" in phrase:  # a word with "*" ends what can be spelt out
            cut = next(i for i, w in enumerate(words) if "*" in w)
            words = [w for w in [*words[:cut], words[cut].split("*")[0]] if w]
            if not words:
                raise RuleError(f"phrase {phrase!r} starts with '*': it would match anything")
        stems = [re.split(r"['\u2019\u2018`]", w)[0] for w in words]
        rare = [s for s in stems if s not in avoid and (len(s) >= 5 or not s.isascii())]
        if len(words) == 1:
            out.update(apostrophe_forms(words[0]) if "*" not in phrase else stems[:1])
        elif rare:
            out.add(max(rare, key=lambda s: (len(s), s)))
        else:
            out.update(phrase_keywords(words))
    return frozenset(out)


@attrs.frozen
class KeywordGate:
    """Which of a rule's signals can match a text, from one Aho-Corasick pass over it.

    A rule that runs only on prefilter candidates still pays for every pattern it tries there.
    Built from each signal's prefilter keywords (matched where a word starts, like the
    engine's) and infixes (matched anywhere), the gate tells the rule which patterns can
    match at all, for about the cost of one pattern; the others are skipped. Since each
    signal's keywords are a superset of its patterns, skipping changes no finding.

    Build it with :meth:`build`; the automaton is made when the rule is created.
    """

    _automaton: Any = attrs.field(repr=False, eq=False)

    @classmethod
    def build(cls, keywords: Mapping[str, Iterable[str]],
              infixes: Mapping[str, Iterable[str]] | None = None) -> KeywordGate:
        """A gate for signals named by the keys of ``keywords`` and ``infixes``."""
        import ahocorasick

        entries: dict[str, tuple[set[str], set[str]]] = {}
        for signal, words in keywords.items():
            for word in words:
                key = collapse_gaps(word)  # a key starting with a gap may start a word anywhere
                entries.setdefault(key, (set(), set()))[key.startswith(" ")].add(signal)
        for signal, words in (infixes or {}).items():
            for word in words:
                entries.setdefault(collapse_gaps(word), (set(), set()))[1].add(signal)
        automaton = ahocorasick.Automaton()
        shared: dict[Any, Any] = {}  # one copy of each value: phrase variants run to 10^4
        for word, (at_start, anywhere) in entries.items():
            if word:
                value = (len(word), frozenset(at_start), frozenset(anywhere))
                automaton.add_word(word, shared.setdefault(value, value))
        if len(automaton):
            automaton.make_automaton()
        return cls(automaton)

    def signals(self, text: str | NormalizedText) -> set[str]:
        """The signals with a keyword at the start of a word of ``text``, or an infix in it
        (both looked for as :class:`~clive_rules.rules.base.Prefilter` says). Given a
        :class:`~clive_rules.text.NormalizedText`, its
        :attr:`~clive_rules.text.NormalizedText.keys` is used, collapsed once for every rule."""
        out: set[str] = set()
        if not len(self._automaton):
            return out
        text = text.keys if isinstance(text, NormalizedText) else collapse_gaps(text)
        for end, (length, at_start, anywhere) in self._automaton.iter(text):
            if anywhere:
                out |= anywhere
            if at_start:
                start = end - length + 1
                if start == 0 or not "a" <= text[start - 1] <= "z":
                    out |= at_start
        return out


def masked_index(words: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
    """Words by their first letter, sorted, for :func:`masked_fits`."""
    out: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        if word:
            out.setdefault(word[0], []).append(word)
    return {k: tuple(v) for k, v in out.items()}


def masked_fits(token: str, index: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The words of ``index`` a censored token (``t*ts``) can stand for, in sorted order.

    Each run of ``k`` stars stands for one to ``k`` letters. Only words with the token's first
    character and a length it allows are matched against it.
    """
    runs = re.findall(r"\*+", token)
    shortest = len(token) - sum(len(r) for r in runs) + len(runs)
    words = [w for w in index.get(token[:1], ()) if shortest <= len(w) <= len(token)]
    if not words:
        return []
    body = re.escape(token).replace(r"\*", "*")
    regex = re.compile(re.sub(r"\*+", lambda m: f"[a-z]{{1,{len(m.group())}}}", body))
    return [w for w in words if regex.fullmatch(w)]


_ABBREVIATIONS = frozenset((
    "sgt", "lt", "capt", "cpt", "det", "ofc", "cpl", "mr", "mrs", "ms", "dr", "st", "ave",
    "rd", "blvd", "no", "vs", "jr", "sr", "gov", "sen", "rep", "supt", "dept", "asst",
))


def sentence_bounds(text: str) -> list[int]:
    """The end offsets of the sentences of ``text`` (the last one is ``len(text)``).

    A full stop after a title or a street abbreviation ("Sgt. Pike", "Hickman Rd.") does not end
    a sentence.
    """
    ends = []
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and match.group().strip() == ".":
            word = text[:match.start()].rsplit(None, 1)[-1:] or [""]
            if word[0].lower().lstrip("(\"'") in _ABBREVIATIONS:
                continue
        ends.append(match.end())
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends


def sentence_of(bounds: Sequence[int], position: int) -> int:
    """The index of the sentence (see :func:`sentence_bounds`) holding ``position``."""
    return bisect.bisect_right(bounds, position)


def finding(
    subject: Subject,
    *,
    clause: str,
    rule: str,
    start: int,
    end: int,
    confidence: float,
    explanation: str,
    decision: Decision,
    category: str | None = None,
) -> Finding:
    """A finding for the normalised-text span ``start..end``, pointing at the original text."""
    a, b = subject.norm.span(start, end)
    return Finding(clause=clause, rule=rule, start=a, end=b, evidence=subject.norm.original[a:b],
                   confidence=confidence, explanation=explanation, decision=decision,
                   category=category)


def hosts(subject: Subject) -> Iterator[tuple[str, int, int]]:
    """Host names of the URLs and bare domains in the original text, with their spans, then
    those of the links attached to the item (``Content.links``), with an empty span ``0, 0``.

    Uses the shared URL finder (:attr:`Subject.urls`). A rule that reads these must say so in
    its prefilter (``Prefilter(links=True)``): no text pattern can see an attached link.
    """
    for url in subject.urls:
        if url.host:
            yield url.host, url.start, url.end


def host_matches(host: str, names: frozenset[str], fragments: frozenset[str]) -> str | None:
    """The listed name or fragment that ``host`` matches, if any.

    A *name* matches a whole dot-separated label of the host (``onlyfans`` in
    ``onlyfans.com``); a *fragment* matches inside any label but the last (``xxx`` in
    ``xxxdates.example``).
    """
    labels = host.lower().split(".")
    for label in labels:
        if label in names:
            return label
    for label in labels[:-1]:
        for fragment in fragments:
            if fragment in label:
                return fragment
    return None
