"""Text normalisation, computed once per content item and shared by every rule.

People disguise words: ``ｆｕｃｋ`` (fullwidth), ``fuсk`` (a Cyrillic ``с``), ``𝔣𝔲𝔠𝔨``
(mathematical letters), ``sh1t`` and ``$hit`` (leetspeak), ``f.u.c.k`` and ``f u c k``
(separators), zero-width characters between letters. :class:`Normalizer` folds all of these to
plain lower-case ASCII words (typographic apostrophes to ``'``) and keeps an offset map, so
that whatever a rule finds in the normalised text is reported at its span in the ORIGINAL text.

Repeated letters (``fuuuuck``) are not collapsed in the text: collapsing would make ``ass`` and
``as`` the same word. Instead :func:`term_pattern` compiles word lists into patterns in which every
letter may repeat, so matching tolerates ``fuuuuck`` and spans stay exact.

The same folding runs on a whole batch of texts at once (:meth:`Normalizer.fold`, a few C-level
calls over the joined text), and gives for each text exactly what :meth:`Normalizer.normalize`
gives for it alone; the engine uses that to skip the items nothing can match.
"""

from __future__ import annotations

import functools
import re
import types
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = ["GAP_CHARACTERS", "SEPARATOR", "KeywordPattern", "NormalizedText", "Normalizer",
           "collapse_gaps", "term_keywords", "term_pattern"]

SEPARATOR = "\x00"
"""Joins the texts of a batch; a batch whose texts contain it is folded one text at a time."""

GAP_CHARACTERS = " -_.,!"
"""What may stand between the words of a phrase in normalised text (see :func:`collapse_gaps`)."""

# A run of gap characters that is not already one space.
_GAP_RUN = re.compile(r"[ \-_.,!]{2,}|[\-_.,!]")


def collapse_gaps(text: str) -> str:
    """``text`` with every run of :data:`GAP_CHARACTERS` made one space.

    Prefilter keywords are looked for in normalised text collapsed this way, and are collapsed
    the same way themselves, so a phrase keyword needs one spelling only ("i'll find you"
    stands for "i'll. find-you" too). Collapsing keeps every match: if a keyword occurs in a
    text, its collapsed form occurs in the collapsed text. Offsets change; only use it to
    decide which items to look at.
    """
    return _GAP_RUN.sub(" ", text)

# Invisible characters that people put between letters to dodge filters.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06"
    "\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0"
)
# Bullets and stars that writers put in a word in place of letters ("sh•t", "f∗ck"): folded to
# "*", so they are read as a censored word like "sh*t".
_MASKS = frozenset("\u2022\u00b7\u2219\u25cf\u204e\u2217\u2731\u2732\u22c6")

# Leetspeak: characters that stand for letters inside a word.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
         "!": "i", "|": "l"}
_LEET_TABLE = str.maketrans(_LEET)
_EDGE_PUNCT = "!|"
# A token is a run of letters and leet characters; only tokens holding both are converted, and
# those always have a leet character next to a letter: that is the cheap seed searched for.
_WORDISH = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!|")
_LEET_SEED = re.compile(r"[0-9@$!|](?:(?<=[a-z].)|(?=[a-z]))")
_TOKEN_RUN = re.compile(r"[a-z0-9@$!|]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x01-\x1f\x7f]")

# Single letters separated by separator characters, three or more: "f u c k", "f.u.c.k".
_SEPARATORS = r"[ .\-_*~+:/\\,;\"]"
# The same separator throughout, so "f.u.c.k a" stops before the "a"; a letter after an
# apostrophe ("there's", "I'm") belongs to its word, so "there's a b.o.m.b" keeps "bomb".
_SPACED_LETTERS = re.compile(
    rf"(?<![a-z'])[a-z](?P<sep>{_SEPARATORS}+)[a-z](?![a-z])(?:(?P=sep)[a-z](?![a-z]))+"
)
_SEPARATOR_CHARS = re.compile(_SEPARATORS)


@functools.cache
def _lookalikes() -> Mapping[str, str]:
    """Non-ASCII characters that look like one ASCII letter or digit (Unicode confusables)."""
    from confusable_homoglyphs import utils as confusable_utils

    data: dict[str, list[dict[str, str]]] = confusable_utils.load("confusables.json")
    out: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        bases = ("".join(p for p in unicodedata.normalize("NFKD", g["c"])
                         if not unicodedata.combining(p)) for g in glyphs)
        ascii_alnum = [b for b in bases if len(b) == 1 and b.isascii() and b.isalnum()]
        letters = [c for c in ascii_alnum if c.isalpha()]
        picks = letters or ascii_alnum
        if picks:
            out[char] = picks[0].lower()
    return types.MappingProxyType(out)


# Typographic apostrophes and single quotes: one apostrophe in the normalised text, so that a
# phrase's keywords need spell only that one ("don't", not "don’t" and "don‘t" too).
_APOSTROPHES = frozenset("\u2019\u2018\u02bc\u2032\uff07")


def _fold_char(char: str, lookalikes: Mapping[str, str]) -> str:
    """What one original character becomes in the normalised text (maybe nothing, maybe two)."""
    if char.isascii():
        if char.isalpha():
            return char.lower()
        if char == SEPARATOR:
            return char
        return " " if (char.isspace() or ord(char) < 32 or ord(char) == 127) else char
    if char in _INVISIBLE:
        return ""
    if char in _APOSTROPHES:
        return "'"
    if char in _MASKS:
        return "*"
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return ""
    if category in ("Cc", "Zs", "Zl", "Zp") or category == "Cs":
        return " "
    pieces = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        for folded in part.casefold():
            pieces.append(lookalikes.get(folded, folded))
    result = "".join(pieces).lower()
    # Folding must never produce the batch separator, nor a character that folds again.
    return _CONTROL.sub(" ", result.replace(SEPARATOR, " "))


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each character on first sight and remembers it."""

    __slots__ = ("_lookalikes",)

    def __init__(self, lookalikes: Mapping[str, str]) -> None:
        super().__init__()
        self._lookalikes = lookalikes

    def __missing__(self, key: int) -> str:
        value = _fold_char(chr(key), self._lookalikes)
        self[key] = value
        return value


@attrs.frozen
class NormalizedText:
    """A text and its normalised form, with the map between the two.

    :ivar original: the text as posted.
    :ivar text: the normalised text: lower-case, lookalikes and leetspeak folded, invisible
        characters dropped, spaced-out letters joined.
    :ivar origin: for each character of :attr:`text`, the index in :attr:`original` it comes
        from; ``None`` when the two line up one to one.
    """

    original: str
    text: str
    origin: tuple[int, ...] | None = attrs.field(default=None, repr=False)

    @functools.cached_property
    def keys(self) -> str:
        """:attr:`text` with every run of gap characters made one space
        (:func:`collapse_gaps`): where prefilter keywords are looked for. Computed once, on
        first use, for all the rules that look."""
        return collapse_gaps(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` comes from."""
        if self.origin is None:
            return start, end
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}..{end} is outside 0..{n}")
        following = self.origin[end] if end < n else len(self.original)
        if start == end:
            return following, following
        first = self.origin[start]
        return first, max(self.origin[end - 1] + 1, following)

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind ``text[start:end]``."""
        a, b = self.span(start, end)
        return self.original[a:b]


# Tokens that are numbers with letters, not words in disguise: ordinals ("73rd" is not
# "terd", "4th" not "ath") and anything starting with two digits (unit and room numbers
# such as "13d", "12b"; ".45s" records).
_NUMBERISH = re.compile(r"\d\d|\d+(?:st|nd|rd|th)s?$")


def _unleet_token(token: str) -> str:
    head = len(token) - len(token.lstrip(_EDGE_PUNCT))
    tail = len(token.rstrip(_EDGE_PUNCT))
    if head >= tail or _NUMBERISH.match(token, head, tail):
        return token
    return token[:head] + token[head:tail].translate(_LEET_TABLE) + token[tail:]


def _unleet(text: str) -> str:
    """Leetspeak folded inside tokens that mix letters and leet characters (same length)."""
    parts: list[str] = []
    cursor = 0
    for seed in _LEET_SEED.finditer(text):
        position = seed.start()
        if position < cursor:
            continue
        start = position
        while start > 0 and text[start - 1] in _WORDISH:
            start -= 1
        match = _TOKEN_RUN.match(text, position)
        end = match.end() if match else position + 1
        parts.append(text[cursor:start])
        parts.append(_unleet_token(text[start:end]))
        cursor = end
    if not parts:
        return text
    parts.append(text[cursor:])
    return "".join(parts)


@attrs.define
class Normalizer:
    """Folds text for matching; one per engine, shared by every rule.

    It keeps a private table of the characters it has folded so far, so each distinct character
    is looked at once.
    """

    _table: _FoldTable = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._table = _FoldTable(_lookalikes())

    def _fold_chars(self, text: str) -> str:
        """Each character folded on its own (lower case, lookalikes, invisibles, controls)."""
        if not text.isascii():
            table = self._table
            text = _NON_ASCII.sub(lambda m: table[ord(m.group())], text)
        return _CONTROL.sub(" ", text.lower())

    def fold(self, text: str) -> str:
        """The normalised form of ``text`` without the offset map (fast; works on a batch).

        For texts joined with :data:`SEPARATOR` (none containing it), the result is the
        normalised texts joined with :data:`SEPARATOR`.
        """
        folded = _unleet(self._fold_chars(text))
        if _SPACED_LETTERS.search(folded) is None:
            return folded
        return _SPACED_LETTERS.sub(lambda m: _SEPARATOR_CHARS.sub("", m.group()), folded)

    def normalize(self, text: str, folded: str | None = None) -> NormalizedText:
        """The normalised form of ``text`` with its map back to the original.

        ``folded`` may pass in :meth:`fold` of the same text, already computed (the engine has
        it from the batch): a text whose characters each fold to one character, and whose
        folded form is as long as itself, lines up one to one, so no map is needed and nothing
        is folded again.
        """
        table = self._table
        # ASCII folds one to one; other characters may fold to none or several (each is
        # folded once per engine, so this look-up is cheap).
        one_to_one = text.isascii() or all(
            len(table[ord(char)]) == 1 for char in _NON_ASCII.findall(text))
        if folded is not None and one_to_one and len(folded) == len(text):
            return NormalizedText(text, folded)
        folded = self._fold_chars(text)
        origin: list[int] | None = None
        if not one_to_one:
            origin = []
            for index, char in enumerate(text):
                origin.extend([index] * len(table[ord(char)]))
        folded = _unleet(folded)
        spaced = list(_SPACED_LETTERS.finditer(folded))
        if spaced:
            keep: list[int] = []
            cursor = 0
            for match in spaced:
                keep.extend(range(cursor, match.start()))
                keep.extend(match.start() + i for i, c in enumerate(match.group())
                            if c.isalpha())
                cursor = match.end()
            keep.extend(range(cursor, len(folded)))
            folded = "".join(folded[i] for i in keep)
            origin = [origin[i] for i in keep] if origin is not None else keep
        return NormalizedText(text, folded, None if origin is None else tuple(origin))


def _runs(word: str) -> tuple[tuple[str, int], ...]:
    """``"ass"`` -> ``(("a", 1), ("s", 2))``."""
    out: list[tuple[str, int]] = []
    for char in word:
        if out and out[-1][0] == char:
            out[-1] = (char, out[-1][1] + 1)
        else:
            out.append((char, 1))
    return tuple(out)


def _render_run(char: str, count: int) -> str:
    if char == " ":
        return r"[\s\-_.]*"
    if not char.isalpha():
        return re.escape(char) * count
    letter = re.escape(char)
    # A letter may stand once or repeated three or more times ("fuuuck"); a double letter
    # in the word may grow ("asssss"). Twice where the word has it once ("fuuck") is not
    # taken: that keeps "as" apart from "ass", and a prefilter can look for triples.
    return f"{letter}(?:{letter}{letter}+)?" if count == 1 else f"{letter}{{{count},}}"


def _build_trie(words: Iterable[str]) -> dict[Any, Any]:
    trie: dict[Any, Any] = {}
    for word in words:
        node = trie
        for run in _runs(word):
            node = node.setdefault(run, {})
        node[""] = {}
    return trie


def _render(node: dict[Any, Any], anchored: bool = False) -> str:
    """A trie as a pattern; ``anchored``: each first letter must start a word.

    The anchor comes after the first letter (``f(?<![a-z]f)...``) rather than before it, so the
    pattern starts with literal letters and the regex engine can skip ahead through text that
    cannot match; a leading lookbehind would make it try every position.
    """
    ends = "" in node
    branches = []
    for run in sorted(k for k in node if k):
        char, count = run
        if anchored and char.isalpha():
            letter = re.escape(char)
            rest = f"(?:{letter}{letter}+)?" if count == 1 else f"{letter}{{{count - 1},}}"
            head = f"{letter}(?<![a-z]{letter}){rest}"
        elif anchored:
            head = r"(?<![a-z])" + _render_run(char, count)
        else:
            head = _render_run(char, count)
        branches.append(head + _render(node[run]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _trie_regex(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, as a trie over runs of letters."""
    return _render(_build_trie(words))


def term_keywords(words: Iterable[str]) -> frozenset[str]:
    """The prefilter keywords for a word list (a phrase's first word; see ``Prefilter``)."""
    return frozenset(w.strip().lower().split()[0] for w in words if w.strip())


def term_pattern(
    words: Iterable[str], *, suffixes: Iterable[str] = (), infix: bool = False,
    repeat: bool = False, whole_word: bool = True,
) -> str:
    """A pattern source matching any of ``words`` in normalised text.

    Every letter may repeat three or more times (``fuuuck``), a double letter may grow
    (``asssss``), a space in a term matches any run of spaces, hyphens, dots or underscores, and
    the match must stand as a whole word. ``suffixes`` lists endings allowed after a word
    (``ing``, ``s``); ``repeat`` lets the term repeat (``shitshitshit``). ``whole_word=False``
    drops the word boundaries (find a stem, then widen it to its word yourself: that is much
    faster than ``infix``, which matches the whole word around a stem in the pattern itself).
    Compile it with :mod:`re` or :mod:`regex`.
    """
    cleaned = sorted({w.strip().lower() for w in words if w.strip()})
    if not cleaned:
        return r"(?!x)x"
    trie = _build_trie(cleaned)
    plain = "(?:" + _render(trie) + ")"
    ends = sorted({s for s in suffixes if s}, key=lambda s: (-len(s), s))
    tail = ("(?:" + "|".join(re.escape(s) for s in ends) + ")?") if ends else ""
    if not whole_word:
        return plain + tail
    if infix:
        return r"(?<![a-z])[a-z]*" + plain + tail + r"[a-z]*(?![a-z])"
    body = "(?:" + _render(trie, anchored=True) + ")"
    if repeat:
        body += plain + "*"
    return body + tail + r"(?![a-z])"


_TRIPLE_LETTER = re.compile(r"([a-z])\1\1")


def _frozen_words(words: Iterable[str]) -> frozenset[str]:
    return frozenset(words)


@attrs.frozen
class KeywordPattern:
    """A pattern from :func:`term_pattern`, searched only where one of its keywords starts.

    Every match of a term pattern starts at the start of a word with the term's first word
    (:func:`term_keywords`), unless a letter stands three times or more ("fffuck"), which the
    pattern allows. So one Aho-Corasick pass finds where matches can start and the pattern is
    tried only there; a text with a letter three times in a row is scanned in full. It finds
    exactly what ``pattern.finditer`` finds, and is much faster for a long word list, which the
    regex engine would otherwise try at every letter.

    :ivar pattern: the compiled term pattern (whole words, as ``term_pattern`` makes it).
    :ivar keywords: its keywords, in normalised form.
    """

    pattern: re.Pattern[str]
    keywords: frozenset[str] = attrs.field(converter=_frozen_words)
    _automaton: Any = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for word in self.keywords:
            if word:
                automaton.add_word(word, len(word))
        if len(automaton):
            automaton.make_automaton()
        object.__setattr__(self, "_automaton", automaton)

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, as ``pattern.finditer`` gives them."""
        if not len(self._automaton) or _TRIPLE_LETTER.search(text):
            return list(self.pattern.finditer(text))
        starts = sorted({end - length + 1 for end, length in self._automaton.iter(text)})
        out: list[re.Match[str]] = []
        match_at = self.pattern.match
        done = 0
        for start in starts:
            if start < done or (start > 0 and "a" <= text[start - 1] <= "z"):
                continue
            found = match_at(text, start)
            if found is not None:
                out.append(found)
                done = max(found.end(), start + 1)
        return out
