"""Off-topic comments (12.4.D.8) and department routing (12.4.A.8).

Each department account has a *topic profile* (``data/topics.toml``, extended or overridden by
the ``[topics]`` configuration section): *terms* that are plainly that department's business
("water main", "pothole", "library card") and *hints* that point to it but are also everyday
words ("noise", "dog", "tickets"). Together with general city vocabulary (council, permit, tax,
budget, resident ...) the profiles say whether a comment is about city business, and which
department it is about.

*Off-topic* (decision ``review``, never removal): a comment or reply on a known department
account that is about neither the post it replies to (no content word in common with
``parent_text`` after stop words are dropped) nor city business (no term of any profile, or
fewer than two hints). Short replies (fewer than ``topics.min_words`` content words), feedback
("thanks", "great job", "can't wait"), emoji, questions put to the page ("is there childcare?",
"the group still meets on Tuesdays, right?"; not "anyone else ...?") and requests ("please
preserve the wetland") are never off-topic, and neither is anything without a sign that it is
about something else: a question put to the other readers, or a subject no city account deals
with (``[elsewhere]`` in ``data/topics.toml``: sports, celebrities, national politics ...).
The engine cannot know what a photo shows, so a comment without ``parent_text`` is not judged
unless ``topics.require_parent`` is false.

*Routing* (12.4.A.8, "stick to your area of expertise"): a question or request whose topic is
another department's (that department has the unique top score, at least 1; the account's own
department scores less than 1; the post contains none of that department's terms) gets an
informational finding with
decision ``allow`` and ``target`` set to that department; the engine turns it into a
``redirect`` action. It never changes the decision.

Speed: the rule must see every comment, so a pattern prefilter cannot narrow it. Its
:class:`~clive_rules.rules.Prefilter` carries a ``select`` function instead: the engine hands it
the normalised texts of a whole batch and it returns the few items the rule will fire on, from a
word split, a cached stem per word and a few dict and set look-ups (a few microseconds per
comment). :meth:`TopicRule.evaluate` runs the same judgement, so batch and single evaluation
agree exactly.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import Content, ContentKind
from clive_rules.errors import ConfigError
from clive_rules.hookspecs import hookimpl
from clive_rules.rules._lexicon import phrase_source
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.text import Normalizer
from clive_rules.verdict import Decision, Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "CITY",
    "OFF_TOPIC_CLAUSE",
    "ROUTING_CLAUSE",
    "Analysis",
    "TopicLexicon",
    "TopicProfiles",
    "TopicRule",
    "clive_config_defaults",
    "clive_register_rules",
    "stem",
]

OFF_TOPIC_CLAUSE = "12.4.D.8"
ROUTING_CLAUSE = "12.4.A.8"
CITY = ""
"""The pseudo-department of general city vocabulary (counts as city business, routes nowhere)."""

_WORD = re.compile(r"[a-z0-9]+")
# bytes.translate table: ASCII letters, digits and NUL (the batch separator) stay, all else
# becomes a space.
_WORD_BYTES = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789\x00" else 32
                    for b in range(256))
_TERM_WEIGHT = 1.0
_HINT_WEIGHT = 0.5
_JUDGED_KINDS = frozenset({ContentKind.COMMENT, ContentKind.REPLY})
_QUESTION_WORDS = frozenset({
    "who", "what", "when", "where", "why", "how", "is", "are", "can", "could", "will", "would",
    "does", "do", "did", "should", "which", "any",
})
_REQUEST_WORDS = frozenset({"please", "request", "report", "reporting", "handles", "contact"})
# Talk to the other readers ("anyone watching the game?") is off-topic from three content words;
# anything else needs topics.min_words, since a short reply leans on its post.
_MIN_WORDS_TO_OTHERS = 3
# A subject no city account deals with needs three content words too ("Hawkeyes 31, Cyclones 17"
# has them; "Go Hawkeyes!" does not).
_MIN_WORDS_ELSEWHERE = 3
# "Can someone explain?", "could anyone from the city look into it?": the page is asked, in the
# words one uses for the other readers.
_ASKS_STAFF = re.compile(
    r"\b(?:someone|somebody|anyone|anybody)\s+(?:(?:from|at|in)\s+the\s+city\b|(?:please\s+)?"
    r"(?:explain|clarify|answer|respond|look\s+into|fix|address|update\s+us|tell\s+us|check"
    r"|call\s+me|get\s+back\s+to\s+me|contact\s+me|help\s+me)\b"
    r"|(?:there|on\s+site|available|at\s+the\s+(?:desk|front|door|station|center))\b)")
# The questions of a text: each run up to a question mark that holds no other sentence end.
_QUESTIONS = re.compile(r"[^.!?\n]*\?")


def stem(word: str) -> str:
    """``word`` without a plural ending: ``potholes`` -> ``pothole``, ``libraries`` -> ``library``.

    Deliberately light (no ``-ing``/``-ed`` stripping, which would make ``parking`` a ``park``).
    """
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 4 and (word.endswith(("ches", "shes")) or (word.endswith("es") and word[-3] in "sxz")):
        return word[:-2]
    if n > 3 and word[-1] == "s" and word[-2] not in "su" and not word.endswith("is"):
        return word[:-1]
    return word


# Endings cut by :func:`_root`, longest first.
_ENDINGS = ("ations", "ation", "ments", "ment", "ions", "ion", "ings", "ing", "als", "al", "ers",
            "er", "ed", "es", "s", "ly")


def _root(word: str) -> str:
    """A rough root of a (:func:`stem`-med) word, for asking whether a comment and its post
    share a word: "rent" and "rentals", "submitting" and "submit", "appealed" and "appeal".
    Rough on purpose: it only ever finds more in common, never less. Two passes, so that a
    word and its inflection meet ("appealed" -> "appeal" -> "appe", "appeal" -> "appe")."""
    for _ in range(2):
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "submitt" -> "submit"
    return word


def _roots(words: Iterable[str]) -> frozenset[str]:
    return frozenset(map(_root, words))


def _forms(stemmed: str) -> tuple[str, ...]:
    """The written forms whose :func:`stem` is ``stemmed`` (singular and plurals)."""
    candidates = [stemmed, stemmed + "s", stemmed + "es"]
    if stemmed.endswith("y"):
        candidates.append(stemmed[:-1] + "ies")
    return tuple(c for c in candidates if stem(c) == stemmed)


def _words(section: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(str(w).strip().lower() for w in section.get(key, ()) if str(w).strip())


@attrs.frozen
class TopicProfiles:
    """The vocabulary of each department, and of the city in general.

    :ivar names: department slug -> the name a moderator reads.
    :ivar terms: department slug (:data:`CITY` for general city business) -> terms.
    :ivar hints: department slug -> hints (everyday words that only point to the department).
    :ivar feedback: words that make a reply feedback to the city ("thanks", "great job").
    :ivar stopwords: words that say nothing about a topic.
    :ivar others: words addressing other people in a question ("anyone", "someone").
    :ivar elsewhere: subjects no city account deals with ("quarterback", "happy birthday"):
        an off-topic hold needs one of them or a question to the other readers.
    :ivar times: days and times of day, stemmed: left out of the words a comment shares with
        its post (both naming a Saturday is no shared subject).
    """

    names: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]]
    hints: Mapping[str, tuple[str, ...]]
    feedback: tuple[str, ...]
    stopwords: frozenset[str]
    others: frozenset[str]
    elsewhere: tuple[str, ...] = ()
    times: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> TopicProfiles:
        """The profiles shipped with clive-rules (``data/topics.toml``)."""
        return _bundled()

    def configured(
        self, section: Mapping[str, Any], departments: Sequence[str], city_name: str = "",
        *, source: str | None = None,
    ) -> TopicProfiles:
        """These profiles with the ``[topics]`` section applied, for the city's departments.

        Departments not in ``departments`` are dropped; a listed department with no profile
        gets its slug as its only term (``animal-control`` -> "animal control").
        """
        known = set(departments)

        def table(key: str) -> Mapping[str, tuple[str, ...]]:
            raw = section.get(key, {})
            out: dict[str, tuple[str, ...]] = {}
            for slug, words in raw.items():
                if slug != "city" and slug not in known:
                    raise ConfigError(f"{slug!r} is not one of city.departments", path=source,
                                      key=f"topics.{key}.{slug}")
                if isinstance(words, str) or not all(isinstance(w, str) for w in words):
                    raise ConfigError("expected a list of strings", path=source,
                                      key=f"topics.{key}.{slug}")
                out[CITY if slug == "city" else slug] = tuple(
                    w.strip().lower() for w in words if w.strip())
            return out

        replace, add, add_hints = table("replace"), table("add"), table("add_hints")
        drop = frozenset(_words(section, "remove"))
        name_overrides = section.get("names", {})
        names = {slug: str(name_overrides.get(slug) or self.names.get(slug)
                           or slug.replace("-", " ").title()) for slug in departments}
        city_words = tuple(w for w in _WORD.findall(city_name.lower())
                           if w not in self.stopwords and w != "city")
        terms: dict[str, tuple[str, ...]] = {}
        hints: dict[str, tuple[str, ...]] = {}
        for slug in (CITY, *departments):
            base = replace.get(slug, self.terms.get(slug, (slug.replace("-", " "),)))
            extra = city_words if slug == CITY else ()
            terms[slug] = tuple(dict.fromkeys(
                w for w in (*base, *add.get(slug, ()), *extra) if w not in drop))
            hints[slug] = tuple(dict.fromkeys(
                w for w in (*self.hints.get(slug, ()), *add_hints.get(slug, ())) if w not in drop))
        elsewhere = tuple(dict.fromkeys(
            w for w in (*self.elsewhere, *_words(section, "add_elsewhere")) if w not in drop))
        return attrs.evolve(self, names=names, terms=terms, hints=hints, elsewhere=elsewhere)


@functools.cache
def _bundled() -> TopicProfiles:
    text = resources.files("clive_rules.data").joinpath("topics.toml").read_text("utf-8")
    data: Mapping[str, Any] = tomllib.loads(text)
    departments: Mapping[str, Mapping[str, Any]] = data["departments"]
    names = {slug: str(d["name"]) for slug, d in departments.items()}
    terms = {CITY: _words(data["city"], "terms")}
    hints = {CITY: _words(data["city"], "hints")}
    for slug, values in departments.items():
        terms[slug] = _words(values, "terms")
        hints[slug] = _words(values, "hints")
    addressees = data["addressees"]
    return TopicProfiles(
        names=names, terms=terms, hints=hints, feedback=_words(data["feedback"], "terms"),
        stopwords=frozenset(_words(data["stopwords"], "words")),
        others=frozenset(_words(addressees, "others")),
        elsewhere=_words(data["elsewhere"], "terms"),
        times=frozenset(map(stem, _words(data["stopwords"], "times"))),
    )


# One hit: (department, weight, is a term (not a hint)).
_Hit = tuple[str, float, bool]


@attrs.frozen
class Analysis:
    """What the lexicon finds in one text.

    :ivar tokens: the words, in order, as written (lower case).
    :ivar scores: department slug -> routing score (terms 1, phrases 2, hints half that).
    :ivar city: the city-business score (1 per term of any profile, 0.5 per hint).
    :ivar matches: (first token, last token + 1, department) of every term and hint found.
    :ivar feedback: whether it contains a feedback word ("thanks").
    :ivar strong: the departments one of whose terms (not just hints) it contains.
    """

    tokens: tuple[str, ...]
    scores: Mapping[str, float]
    city: float
    matches: tuple[tuple[int, int, str], ...]
    feedback: bool
    strong: frozenset[str]
    _stopwords: frozenset[str] = attrs.field(repr=False, eq=False, alias="stopwords")

    @functools.cached_property
    def content(self) -> frozenset[str]:
        """The content words: stemmed, no stop words or digits, three letters or more."""
        stop = self._stopwords
        words = set(self.tokens)
        words -= stop
        return frozenset(s for s in map(stem, words)
                         if len(s) > 2 and s.isalpha() and s not in stop)

    def best(self) -> str | None:
        """The department this text is about: the unique top score of at least 1."""
        best: str | None = None
        top = 0.0
        tie = False
        for slug, score in self.scores.items():
            if score > top:
                best, top, tie = slug, score, False
            elif score == top:
                tie = True
        return best if best is not None and top >= 1.0 and not tie else None


_FEEDBACK = "!feedback"  # marks feedback words in the look-up table (not a department)
# A look-up entry: the hits of the word alone, then the phrases that start with it (longest
# first), each with its hits.
# The phrase's later words are given as the sets of their written forms (see _forms).
_Phrase = tuple[tuple[str, ...], tuple[_Hit, ...], tuple[frozenset[str], ...]]
_Entry = tuple[tuple[_Hit, ...] | None, tuple[_Phrase, ...]]


@attrs.frozen
class TopicLexicon:
    """The profiles compiled into look-up tables; :meth:`analyse` reads a normalised text.

    Build it once; it is immutable.
    """

    profiles: TopicProfiles
    _lookup: Mapping[str, _Entry] = attrs.field(init=False, repr=False, eq=False)
    _keys: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _scores_for: Mapping[str, frozenset[str]] = attrs.field(init=False, repr=False, eq=False)
    # A tuple of hits -> (the hits but feedback, what they add to the city score, feedback?)
    _summaries: Mapping[tuple[_Hit, ...], tuple[tuple[_Hit, ...], float, bool]] = attrs.field(
        init=False, repr=False, eq=False)
    _city_words: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        tables: dict[tuple[str, ...], dict[str, tuple[float, bool]]] = {}

        def add(term: str, slug: str, is_term: bool) -> None:
            key = tuple(stem(w) for w in _WORD.findall(term))
            if not key:
                return
            weight = (_TERM_WEIGHT if is_term else _HINT_WEIGHT) * (2 if len(key) > 1 else 1)
            table = tables.setdefault(key, {})
            old = table.get(slug)
            if old is None or weight > old[0]:
                table[slug] = (weight, is_term)

        for slug, terms in self.profiles.terms.items():
            for term in terms:
                add(term, slug, True)
        for slug, hints in self.profiles.hints.items():
            for hint in hints:
                add(hint, slug, False)
        for term in self.profiles.feedback:
            add(term, _FEEDBACK, False)

        def hits(table: Mapping[str, tuple[float, bool]]) -> tuple[_Hit, ...]:
            return tuple((slug, w, t) for slug, (w, t) in sorted(table.items()))

        singles: dict[str, tuple[_Hit, ...]] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], tuple[_Hit, ...]]]] = {}
        for key, table in tables.items():
            if len(key) == 1:
                singles[key[0]] = hits(table)
            else:
                phrases.setdefault(key[0], []).append((key, hits(table)))
        lookup: dict[str, _Entry] = {}
        for first in set(singles) | set(phrases):
            ordered = sorted(phrases.get(first, ()), key=lambda item: (-len(item[0]), item[0]))
            entry = (singles.get(first), tuple(
                (key, key_hits, tuple(frozenset(_forms(w)) for w in key[1:]))
                for key, key_hits in ordered))
            for form in _forms(first):  # text is matched as written: look up every plural
                lookup[form] = entry
        object.__setattr__(self, "_lookup", lookup)

        def summary(found: tuple[_Hit, ...]) -> tuple[tuple[_Hit, ...], float, bool]:
            kept = tuple(h for h in found if h[0] != _FEEDBACK)
            city = max((1.0 if is_term else _HINT_WEIGHT for _, _, is_term in kept), default=0.0)
            return kept, city, len(kept) < len(found)

        object.__setattr__(self, "_summaries", {
            found: summary(found) for single, phrases in lookup.values()
            for found in (single, *(h for _, h, _ in phrases)) if found is not None})
        object.__setattr__(self, "_keys", frozenset(lookup))
        # Each key -> the departments it (alone or as a phrase's first word) can score for.
        object.__setattr__(self, "_scores_for", {
            form: frozenset(slug for hits in (single or (), *(h for _, h, _ in phrases))
                            for slug, _, _ in hits if slug and slug != _FEEDBACK)
            for form, (single, phrases) in lookup.items()})
        # One-word terms (of any department or the city), except words inside a phrase that is
        # only a hint: there the phrase wins and scores less than 1.
        in_hint_phrases = {w for key, table in tables.items() if len(key) > 1
                           and not any(t for _, t in table.values()) for w in key}
        city_words = {form for key, table in tables.items()
                      if len(key) == 1 and key[0] not in in_hint_phrases
                      and any(t for slug, (_, t) in table.items() if slug != _FEEDBACK)
                      for form in _forms(key[0])}
        object.__setattr__(self, "_city_words", frozenset(city_words))

    def words(self, text: str) -> list[str]:
        """The words of a normalised text, as :meth:`analyse` reads them."""
        return _WORD.findall(text)

    def words_of(self, texts: Sequence[str]) -> list[list[str]]:
        """:meth:`words` of each text, split in a few C-level passes over the whole batch.

        Every byte that is not an ASCII letter or digit becomes a space (the bytes of other
        characters too), so what is left splits on white space into exactly the words.
        """
        if not texts:
            return []
        joined = "\x00".join(texts).encode("utf-8").translate(_WORD_BYTES).decode("ascii")
        return [piece.split() for piece in joined.split("\x00")]

    def surely_city(self, words: Sequence[str]) -> bool:
        """Whether :meth:`analyse` will give these words a city-business score of at least 1.

        True when one of them is a one-word term that no hint-only phrase contains: a cheap
        test that spares the full analysis for most comments about city business.
        """
        return not self._city_words.isdisjoint(words)

    def may_score_other_than(self, words: Sequence[str], department: str) -> bool:
        """Whether :meth:`analyse` may give these words a score for a department other than
        ``department`` (a cheap test: without one, nothing can be routed elsewhere)."""
        scores_for = self._scores_for
        for word in self._keys.intersection(words):
            slugs = scores_for[word]
            if len(slugs) > 1 or (slugs and department not in slugs):
                return True
        return False

    def analyse(self, text: str, words: list[str] | None = None) -> Analysis:
        """Read a normalised text (``subject.norm.text`` or :meth:`Normalizer.fold` output).

        ``words`` may pass in :meth:`words` of the same text, already split.
        """
        tokens = _WORD.findall(text) if words is None else words
        present = self._keys.intersection(tokens)
        scores: dict[str, float] = {}
        stopwords = self.profiles.stopwords
        if not present:
            return Analysis(tuple(tokens), scores, 0.0, (), False, frozenset(), stopwords)
        lookup = self._lookup
        _summaries = self._summaries
        matches: list[tuple[int, int, str]] = []
        city = 0.0
        feedback = False
        strong: set[str] = set()
        skip_to = 0
        count = len(tokens)
        for i in [i for i, token in enumerate(tokens) if token in present]:
            if i < skip_to:
                continue
            single, phrases = lookup[tokens[i]]
            found = single
            end = i + 1
            for _, phrase_hits, later in phrases:  # longest first
                j = i + 1
                for forms in later:
                    if j >= count or tokens[j] not in forms:
                        break
                    j += 1
                else:
                    found, end = phrase_hits, j
                    break
            if found is None:
                continue
            skip_to = end
            hits, city_weight, is_feedback = _summaries[found]
            feedback = feedback or is_feedback
            city += city_weight
            for slug, weight, is_term in hits:
                matches.append((i, end, slug))
                if slug:
                    scores[slug] = scores.get(slug, 0.0) + weight
                    if is_term:
                        strong.add(slug)
        return Analysis(tuple(tokens), scores, city, tuple(matches), feedback,
                        frozenset(strong), stopwords)

    def route(self, text: str) -> str | None:
        """The department a normalised text is about, or ``None`` when none clearly is."""
        return self.analyse(text).best()


# A street of the town named ("NW 142nd", "Hickman Rd", "on Sycamore Dr"), in normalised text.
_LOCAL_STREET = re.compile(
    r"\b(?:nw|sw|ne|se|n|s|e|w) \d+(?:st|nd|rd|th)\b|\b\d+(?:st|nd|rd|th) (?:st|street|ave"
    r"|avenue)\b|\b[a-z]+ (?:st|street|rd|road|ave|avenue|dr|drive|ct|court|blvd|boulevard"
    r"|pkwy|parkway|ln|lane|cir|circle|block)\b"
    # a side of town: "anyone want to carpool from the west side?"
    r"|\b(?:west|east|north|south|northwest|southwest|northeast|southeast) side\b")
# "someone like me", "anyone with my knees": the writer speaking of themselves ...
# ... and "somewhere else", "or else": no reader is asked.
_NOT_READERS = re.compile(r"\b(?:someone|somebody|anyone|anybody) (?:like|with) (?:me|us|my|our)\b"
                          # a kind of person, not the readers: "ok for someone with a walker?"
                          r"|\b(?:someone|somebody) (?:with|using|in) an? \w+"
                          r"|\b(?:somewhere|anywhere|something|anything|everything|someplace"
                          r"|nowhere|or) else\b")
# A question that points back at the post: "what does this mean", "is anyone reading these?"
# A comment that opens by pointing at who or what the post shows ("These guys are great! Saw
# them at the State Fair", "This band played our wedding"), or by comparing it with something
# else ("Better than Netflix tbh"): about the post, wherever else it goes.
_POINTS_AT_THE_POST = re.compile(
    r"\W*(?:these|those) (?:guys|folks|people|kids|ladies|gals|dogs|pups|bands?|musicians"
    r"|players|performers|artists|volunteers|officers|firefighters|crews?|teams?)\b"
    r"|\W*(?:this|that) (?:band|group|guy|lady|crew|team|singer|artist|performer|dog|pup"
    r"|officer|firefighter|show|event|performance)\b"
    r"|\W*(?:way |so much |even |honestly |lowkey )?(?:better|worse|cooler|more fun|cheaper"
    r"|nicer) than\b")
_ABOUT_THE_POST = re.compile(r"\b(?:does|will|would|is|are|about|reading|read|for|from|of|at)"
                             r" (?:this|these)"
                             r"\b(?! (?:week|weekend|year|morning|summer|season|game))")

@attrs.frozen
class _Judgement:
    """What the rule decided about one item (before it is turned into findings)."""

    department: str
    analysis: Analysis
    off_topic: bool
    target: str | None


@attrs.frozen
class TopicRule:
    """Off-topic comments (12.4.D.8) and department routing (12.4.A.8); see the module docs.

    :ivar lexicon: the compiled topic profiles.
    :ivar accounts: account name -> department slug, for accounts not named by their slug.
    :ivar min_words: replies with fewer content words than this are never off-topic (three
        suffice for talk to the other readers: "anyone watching the game?").
    :ivar require_parent: judge off-topic only when the post's text is known.
    :ivar off_topic: whether to report off-topic comments.
    :ivar routing: whether to recommend redirects.
    :ivar confidence: the off-topic finding's confidence (modest: a person decides).
    """

    lexicon: TopicLexicon
    accounts: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    min_words: int = 4
    require_parent: bool = True
    off_topic: bool = True
    routing: bool = True
    confidence: float = 0.55
    id: str = "topics"
    clauses: tuple[str, ...] = (OFF_TOPIC_CLAUSE, ROUTING_CLAUSE)
    kinds: frozenset[ContentKind] | None = _JUDGED_KINDS
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _parent: Callable[[str], Analysis] = attrs.field(init=False, repr=False, eq=False)
    _departments: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _elsewhere: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        normalizer = Normalizer()
        lexicon = self.lexicon

        def parent(text: str) -> Analysis:
            return lexicon.analyse(normalizer.fold(text))

        object.__setattr__(self, "_parent", functools.lru_cache(maxsize=4096)(parent))
        object.__setattr__(self, "_departments", frozenset(self.lexicon.profiles.names))
        object.__setattr__(self, "_elsewhere",
                           re.compile(phrase_source(self.lexicon.profiles.elsewhere)))
        object.__setattr__(self, "_prefilter",
                           Prefilter(re.compile(r"[a-z0-9]"), "normalized", select=self._select))

    @property
    def prefilter(self) -> Prefilter:
        """Any letter or digit, narrowed per batch by ``select`` (see the module docstring)."""
        return self._prefilter

    def department_of(self, account: str | None) -> str | None:
        """The department slug of an account, or ``None`` when it is not a known department."""
        if account is None:
            return None
        slug = self.accounts.get(account, account)
        return slug if slug in self._departments else None

    def _judge(self, text: str, content: Content,
               words: list[str] | None = None) -> _Judgement | None:
        """The judgement on one item from its normalised text (and its :meth:`words`, if
        known); ``None`` when nothing fires."""
        if content.kind not in _JUDGED_KINDS:
            return None
        department = self.department_of(content.account)
        if department is None:
            return None
        lexicon = self.lexicon
        if words is None:
            words = lexicon.words(text)
        asks = self.routing and self._asks(text, words)
        # Nothing to route (no question, or no other department's words) and nothing off-topic
        # (city business, no post to compare with, or no sign of another subject).
        if (not asks or not lexicon.may_score_other_than(words, department)) and (
                not self.off_topic or (self.require_parent and not content.parent_text)
                or lexicon.surely_city(words) or not self._may_be_elsewhere(text, words)):
            return None
        analysis = lexicon.analyse(text, words)
        parent = self._parent(content.parent_text) if content.parent_text else None
        # A subject no city account deals with ("Hawkeyes 31, Cyclones 17", "is Dancing With
        # the Stars any good?") needs fewer words, and a question about it is not one for the
        # page, whoever it is put to.
        elsewhere = (self.off_topic and self._elsewhere.search(text) is not None
                     and not _POINTS_AT_THE_POST.match(text))
        off_topic = (
            self.off_topic
            and (parent is not None or not self.require_parent)
            and analysis.city < 1.0
            # a word of the account's own profile, even a hint ("sirens" on the fire account,
            # "benches" on the parks account), is about this department
            and not analysis.scores.get(department)
            and len(analysis.content) >= (
                _MIN_WORDS_ELSEWHERE if elsewhere
                else _MIN_WORDS_TO_OTHERS if self._to_others(analysis) else self.min_words)
            and not analysis.feedback
            and (elsewhere or not self._asks_the_city(text, analysis))
            and _REQUEST_WORDS.isdisjoint(analysis.tokens)  # "please preserve the wetland"
            and (parent is None
                 or (_roots(analysis.content - lexicon.profiles.times).isdisjoint(
                     _roots(parent.content))
                     # nor the words of a department both are about ("the big aerial ones
                     # last night" under a fireworks reminder), unless it names a subject no
                     # city account deals with ("that presidential debate ... my dog")
                     and (elsewhere or parent.scores.keys().isdisjoint(analysis.scores))))
            and self._about_something_else(text, analysis)
        )
        target = None
        if asks and not off_topic:
            best = analysis.best()
            if (best is not None and best != department
                    and analysis.scores.get(department, 0.0) < 1.0
                    and (parent is None or best not in parent.strong)):
                target = best
        if not off_topic and target is None:
            return None
        return _Judgement(department, analysis, off_topic, target)

    def _may_be_elsewhere(self, text: str, words: Sequence[str]) -> bool:
        """A cheap necessary condition for :meth:`_about_something_else`: a question with a word
        for the other readers in it, or a subject no city account deals with."""
        return (("?" in text and not self.lexicon.profiles.others.isdisjoint(words))
                or self._elsewhere.search(text) is not None)

    def _asks(self, text: str, words: Sequence[str]) -> bool:
        """Whether the item is a question or a request."""
        return ("?" in text or (bool(words) and words[0] in _QUESTION_WORDS)
                or not _REQUEST_WORDS.isdisjoint(words))

    def _asks_the_city(self, text: str, analysis: Analysis) -> bool:
        """A question put to the city ("are you open Monday?", "... on Tuesdays, right?"),
        not to other readers."""
        if "?" not in text:
            return False
        # Under a city post a question is put to whoever runs the page ("is there childcare?",
        # "will there be shade?", "..., right?"), unless it is put to the other readers
        # ("anyone else ...?", "can someone recommend ...?").
        return not self._to_others(analysis)

    def _about_something_else(self, text: str, analysis: Analysis) -> bool:
        """A sign that the item is about something else, not just silent about the post: a
        question put to the other readers, or a subject no city account deals with."""
        if self._elsewhere.search(text) is not None and not _POINTS_AT_THE_POST.match(text):
            return True
        if ("?" not in text or not self._to_others(analysis) or _ASKS_STAFF.search(text)
                or _LOCAL_STREET.search(text) or _ABOUT_THE_POST.search(text)):
            # not a question to the readers, or one about a street of the town ("a loose dog
            # on NW 142nd, anyone missing him?") or about the post ("what does this mean for
            # a $300k house? can someone do the math?"): the town's business
            return False
        # The other readers must be asked: named in a question ("does anyone know ...?"), not
        # in a story beside one ("Someone at our gym asked this lol").
        # "for someone like me" is the writer, "somewhere else" a place: not the readers.
        others = self.lexicon.profiles.others
        return any(not others.isdisjoint(_WORD.findall(_NOT_READERS.sub(" ", question)))
                   for question in _QUESTIONS.findall(text))

    def _to_others(self, analysis: Analysis) -> bool:
        """Whether the item talks to the other readers ("anyone", "someone", "who else")."""
        return not self.lexicon.profiles.others.isdisjoint(analysis.tokens)

    def _select(self, texts: Sequence[str], contents: Sequence[Content]) -> dict[int, _Judgement]:
        """The items of a batch this rule fires on (``texts`` are their normalised texts), each
        with its judgement, which :meth:`evaluate` then takes from :attr:`Subject.memos`."""
        judge = self._judge
        kinds = _JUDGED_KINDS
        departments = self._departments
        accounts = self.accounts
        out: dict[int, _Judgement] = {}
        words = self.lexicon.words_of(texts)
        for index, content in enumerate(contents):
            account = content.account
            if (content.kind not in kinds or account is None
                    or accounts.get(account, account) not in departments):
                continue
            judgement = judge(texts[index], content, words[index])
            if judgement is not None:
                out[index] = judgement
        return out

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """An off-topic finding (review) or a routing finding (allow, with a target)."""
        norm = subject.norm
        memo = subject.memos.get(self.id)
        judgement = memo if isinstance(memo, _Judgement) else self._judge(norm.text,
                                                                          subject.content)
        if judgement is None:
            return []
        names = self.lexicon.profiles.names
        here = names.get(judgement.department, judgement.department)
        if judgement.off_topic:
            return [Finding(
                clause=OFF_TOPIC_CLAUSE, rule=self.id, start=0, end=0, evidence="",
                confidence=self.confidence, decision=Decision.REVIEW, category="off-topic",
                explanation=(f"Possibly off-topic on the {here} account: it shares no words "
                             "with the post and mentions no city business, so a moderator "
                             "should decide."),
            )]
        target = judgement.target
        assert target is not None
        there = names.get(target, target)
        analysis = judgement.analysis
        first, last = next((a, b) for a, b, slug in analysis.matches if slug == target)
        spans = itertools.islice(_WORD.finditer(norm.text), first, last)  # its words only
        word = next(spans)
        begin, finish = word.start(), word.end()
        for word in spans:
            finish = word.end()
        start, end = norm.span(begin, finish)
        evidence = norm.original[start:end]
        score = analysis.scores[target]
        return [Finding(
            clause=ROUTING_CLAUSE, rule=self.id, start=start, end=end, evidence=evidence,
            confidence=min(0.9, 0.5 + 0.1 * score), decision=Decision.ALLOW,
            category="routing", target=target,
            explanation=(f"A question for {there} ({evidence!r}) posted to the {here} account; "
                         f"refer it to {there} rather than answer it here."),
        )]


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[topics]`` section (see docs/rules-off-topic-routing.md)."""
    return {"topics": {
        "off_topic": True,
        "routing": True,
        "require_parent": True,
        "min_words": 4,
        "confidence": 0.55,
        "accounts": {},
        "add": {},
        "add_hints": {},
        "replace": {},
        "remove": [],
        "add_elsewhere": [],
        "names": {},
    }}


def rule_from_config(config: Config) -> TopicRule:
    """The topic rule for a configuration (also used by ``benchmarks/eval_routing.py``)."""
    section = config.section("topics")
    city = config.section("city")
    departments = tuple(city["departments"])
    profiles = TopicProfiles.bundled().configured(section, departments, str(city["name"]),
                                                  source=config.source)
    accounts = {str(k): str(v) for k, v in section["accounts"].items()}
    for account, slug in accounts.items():
        if slug not in departments:
            raise ConfigError(f"{slug!r} is not one of city.departments", path=config.source,
                              key=f"topics.accounts.{account}")
    min_words = int(section["min_words"])
    if min_words < 1:
        raise ConfigError("must be at least 1", path=config.source, key="topics.min_words")
    confidence = float(section["confidence"])
    if not 0.0 <= confidence <= 1.0:
        raise ConfigError("must be between 0 and 1", path=config.source, key="topics.confidence")
    return TopicRule(
        TopicLexicon(profiles), accounts=accounts, min_words=min_words,
        require_parent=bool(section["require_parent"]), off_topic=bool(section["off_topic"]),
        routing=bool(section["routing"]), confidence=confidence,
    )


@hookimpl
def clive_register_rules(config: Config) -> Iterable[TopicRule]:
    """The topic rule, from the bundled profiles and the ``[topics]`` section."""
    return [rule_from_config(config)]
