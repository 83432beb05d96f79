"""The other profanity checkers clive-rules is compared with, behind one interface.

Each peer is a ``Peer``: a name and ``flag(texts) -> list[bool]`` (a batch call, so a
vectorised model is not penalised). ``load_peers()`` builds them and checks that each one
flags an obvious swear word, so a misconfigured peer cannot silently score 0 and look fast.

* better-profanity (``better_profanity.profanity.contains_profanity``): pure Python, slow.
* better-profanity-fast (import ``better_profanity_fast``): a Rust port with the same API.
  Its module-level ``profanity`` singleton starts with an EMPTY word list (it never flags
  anything until ``load_censor_words()`` is called); ``Profanity()`` loads the default list,
  so that is what is used here.
* alt-profanity-check (import ``profanity_check``): a linear SVM over character n-grams;
  ``predict(list_of_texts)`` is vectorised.
* regex floor: one pre-compiled ``re`` alternation of ~50 swear words, one search of the
  lower-cased text per comment; a lower bound on the cost of any word-list check.

better-profanity-fast is not an exact mirror of better-profanity: it also flags "therapist"
and "grapist" ("rapist" inside a word) and stretched words like "fuuuck".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from metrics import fail

BETTER_PROFANITY = "better-profanity"
BETTER_PROFANITY_FAST = "better-profanity-fast"
ALT_PROFANITY_CHECK = "alt-profanity-check"
REGEX_FLOOR = "regex floor (~50 words)"

FLOOR_WORDS: tuple[str, ...] = (
    "fuck", "fucks", "fucked", "fucker", "fuckers", "fucking", "motherfucker", "fuk", "fck",
    "shit", "shits", "shitty", "shitting", "bullshit", "horseshit", "shithead",
    "ass", "asses", "asshole", "assholes", "jackass", "dumbass", "arse",
    "bitch", "bitches", "bitching", "son of a bitch",
    "bastard", "bastards", "damn", "dammit", "goddamn", "hell",
    "crap", "crappy", "piss", "pissed", "dick", "dicks", "dickhead",
    "cock", "cunt", "twat", "wanker", "prick", "douche", "douchebag",
    "slut", "whore", "tits", "retard",
)  # fmt: skip

# Case-sensitive on lower-cased text: re.IGNORECASE makes this alternation ~4x slower.
FLOOR_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, FLOOR_WORDS)) + r")\b")


@dataclass(frozen=True)
class Peer:
    name: str
    flag: Callable[[Sequence[str]], list[bool]]
    note: str = ""


def _per_text(check: Callable[[str], object]) -> Callable[[Sequence[str]], list[bool]]:
    def flag(texts: Sequence[str]) -> list[bool]:
        return [bool(check(text)) for text in texts]

    return flag


def better_profanity() -> Peer:
    from better_profanity import profanity

    profanity.load_censor_words()  # the singleton loads lazily on first use; do it untimed
    return Peer(BETTER_PROFANITY, _per_text(profanity.contains_profanity), "pure Python, slow")


def better_profanity_fast() -> Peer:
    from better_profanity_fast import Profanity

    checker = Profanity()  # type: ignore[no-untyped-call]  # not the empty singleton
    return Peer(BETTER_PROFANITY_FAST, _per_text(checker.contains_profanity))


def alt_profanity_check() -> Peer:
    from profanity_check import predict

    def flag(texts: Sequence[str]) -> list[bool]:
        return [bool(label) for label in predict(list(texts))]

    return Peer(ALT_PROFANITY_CHECK, flag, "SVM, batched predict()")


def regex_floor() -> Peer:
    search = FLOOR_PATTERN.search
    return Peer(REGEX_FLOOR, _per_text(lambda text: search(text.lower())), "re.search(lower())")


FACTORIES: dict[str, Callable[[], Peer]] = {
    BETTER_PROFANITY: better_profanity,
    BETTER_PROFANITY_FAST: better_profanity_fast,
    ALT_PROFANITY_CHECK: alt_profanity_check,
    REGEX_FLOOR: regex_floor,
}


def load_peers(names: Sequence[str] = tuple(FACTORIES)) -> dict[str, Peer]:
    """Build the named peers; exit with a one-line message if one is missing or broken."""
    peers: dict[str, Peer] = {}
    for name in names:
        try:
            peer = FACTORIES[name]()
        except ImportError as exc:
            fail(f"peer {name} is not installed ({exc}); use the /work/venv virtualenv")
        if peer.flag(["what the fuck", "see you at the pool"]) != [True, False]:
            fail(f"peer {name} failed its sanity check (should flag only 'what the fuck')")
        peers[name] = peer
    return peers
