"""Public safety, security and ownership (12.4.D.4).

What it finds (word lists in ``data/safety.toml``):

* **bomb threats** ("there's a bomb in City Hall"), veiled ones (a bomb emoji with "check under
  the stage") and **threats of violence** against people or places ("I'm bringing my rifle to the
  next council meeting"): review, with an explanation that starts ``Urgent: threat.``: a person
  must act at once and may need to call the police, which a silent removal would not do;
* **unverified emergency alarms** ("Evacuate everyone NOW, the city isn't telling you"): review,
  urgent;
* **directions into critical sites** (a water plant, a substation) together with how to get in
  ("just lift the latch"): review;
* **posted credentials and access codes** ("alarm code ... is 2580", "Wi-Fi password ... is
  ..."): removal; the secret is masked in the evidence so the verdict does not spread it;
* **pirated-content offers** ("cracked copy of AutoCAD", "full movie free download") with a link,
  or a link to a pirate site (``[safety] pirate_domains``): removal; an offer without a link:
  review; paywalled articles reposted in full: review.

Reporting a problem to the city ("the back door was propped open"), asking about procedure ("is
there a gate code?"), and figurative speech ("the fireworks were the bomb", "a bomb cyclone")
are not matched.
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
    host_matches,
    hosts,
    keywords_for,
    load_data,
    phrase_source,
    sentence_bounds,
    sentence_of,
    word_list,
)
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.text import Normalizer
from clive_rules.verdict import Decision, Finding

__all__ = ["SafetyLexicon", "SafetyRule", "clive_config_defaults", "clive_register_rules",
           "mask_secret"]

CLAUSE = "12.4.D.4"
URGENT = "Urgent: threat. "
_CODE_WORDS = frozenset({"code", "pin", "pin code", "pin number", "combination", "combo",
                         "keypad"})
# After a keypad's number without "#" or "*": more words of the same sentence, so the number
# describes the keypad ("the keypad is 2019 vintage") rather than opens it.
_VALUE_GOES_ON = re.compile(r"\s+(?!(?:lol|lmao|btw|fyi|smh|and|so|but)(?![a-z]))[a-z]")
_NOT_CODE_BEFORE = frozenset({"zip", "area", "postal", "promo", "discount", "coupon",
                              "building", "city", "penal", "tax", "dress", "color", "colour",
                              "qr", "bar", "source", "country", "error", "zoning", "fire",
                              "municipal", "pass", "confirmation", "tracking", "reference"})


def mask_secret(secret: str) -> str:
    """A secret with all but its first two characters starred (``Bl*********``)."""
    keep = 2 if len(secret) > 4 else 1
    return secret[:keep] + "".join("*" if not c.isspace() and c != "/" else c
                                   for c in secret[keep:])


# What follows "shoot", "shot", "hung" or "hang" in an everyday idiom rather than a threat:
# a photo or a message is shot, a person is hung out to dry, lights are hung up.
# Words of threat phrases that are everyday words of city comments too ("the mayor", "the fire
# station"): a phrase is keyed on another word, or on itself whole.
_COMMON_IN_THREATS = ("take", "hang", "hurt", "shoot", "someone", "somebody", "mayor", "council",
                      "chief", "city", "manager", "cops", "station", "police", "building",
                      "entire", "whole", "water", "supply", "round", "through", "talking",
                      "meeting", "crime", "scene", "place", "visitors", "drove", "backs",
                      "getting")
_IDIOM_AFTER = re.compile(
    r"\s+(?:up\s+)?(?:(?:me|us|him|her|them|you|(?:that|this)\s+(?:guy|dude|man|woman|lady)"
    r"|th[oe]se\s+people)\s+)?(?:(?:a|an|some|the|this|that|these|those|our)\s+)?"
    r"(?:thank[\s-]+you\s+)?(?:[a-z]+\s+)?(?:video|videos|photo|photos|picture|pictures|pic|pics|film|footage|message"
    r"|text|email|e-mail|note|line|hoops|breeze|moon|lights|decorations|banners?|flags?|signs?"
    r"|wreaths?|flyers?|posters?)\b"
    r"|\s+out\s+to\s+dry\b"
    # "kill it at the 5K", "kill for a taco truck", "kill time", "bomb the test"
    r"|(?:(?<=kill)|(?<=kills))\s+(?:it|for|time)\b|(?<=bomb)\s+(?:it|the\s+(?:test|exam|interview))\b"
    # "we're going to blow up balloons", "I'll blow up your phone"
    r"|(?<=up)\s+(?:(?:the|some|a|my|your|his|her|their|our|all\s+the)\s+)?(?:balloons?|phones?"
    r"|inflatables?|pool\s+toys?|air\s+mattress(?:es)?|tires?|bounce\s+house)\b")


# Offers that are only "watch (it) for free": the city's free events say it too.
_WATCHED_FREE = re.compile(r"watch(?: it)?(?: for)? free")
_ONLINE = re.compile(r"\b(?:stream\w*|online|link|links|dm|message me|site|website|app|iptv"
                     r"|download\w*|channel|url|bio)\b")


@attrs.frozen
class SafetyLexicon:
    """The word lists of the rule (see ``data/safety.toml``); every field a set of phrases."""

    bomb: frozenset[str]
    veiled: frozenset[str]
    bomb_emoji: frozenset[str]
    violence: frozenset[str]
    alarm: frozenset[str]
    sites: frozenset[str]
    access: frozenset[str]
    secret_words: frozenset[str]
    code_places: frozenset[str]
    not_secrets: frozenset[str]
    offers: frozenset[str]
    works: frozenset[str]
    pirate_domains: frozenset[str]
    pirate_fragments: frozenset[str]
    paywall: frozenset[str]
    paywall_copy: frozenset[str]
    city_domains: frozenset[str] = frozenset()
    intent_frames: frozenset[str] = frozenset()
    acts: frozenset[str] = frozenset()
    harm_verbs: frozenset[str] = frozenset()
    harm_targets: frozenset[str] = frozenset()
    wish_frames: frozenset[str] = frozenset()
    acts_third_person: frozenset[str] = frozenset()
    harm_verbs_third_person: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> SafetyLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("safety")
        threats, infra, creds, piracy = (data["threats"], data["infrastructure"],
                                         data["credentials"], data["piracy"])
        return cls(
            bomb=word_list(threats["bomb"]), veiled=word_list(threats["veiled"]),
            bomb_emoji=frozenset(threats["bomb_emoji"]),
            violence=word_list(threats["violence"]), alarm=word_list(threats["alarm"]),
            intent_frames=word_list(threats["intent_frames"]),
            acts=word_list(threats["acts"]), harm_verbs=word_list(threats["harm_verbs"]),
            harm_targets=word_list(threats["harm_targets"]),
            wish_frames=word_list(threats["wish_frames"]),
            acts_third_person=word_list(threats["acts_third_person"]),
            harm_verbs_third_person=word_list(threats["harm_verbs_third_person"]),
            sites=word_list(infra["sites"]), access=word_list(infra["access"]),
            secret_words=word_list(creds["secret_words"]),
            code_places=word_list(creds["code_places"]),
            not_secrets=word_list(creds["not_secrets"]),
            offers=word_list(piracy["offers"]), works=word_list(piracy["works"]),
            pirate_domains=word_list(piracy["pirate_domains"]),
            pirate_fragments=word_list(piracy["pirate_fragments"]),
            paywall=word_list(piracy["paywall"]), paywall_copy=word_list(piracy["paywall_copy"]),
        )

    def configured(self, section: Mapping[str, Any], city: Mapping[str, Any]) -> SafetyLexicon:
        """These lists with the ``[safety]`` section and the city's own domains applied."""
        return attrs.evolve(
            self,
            pirate_domains=self.pirate_domains | word_list(section.get("pirate_domains", ())),
            violence=self.violence | word_list(section.get("add_threats", ())),
            city_domains=word_list(city.get("domains", ())),
        )


@attrs.frozen
class SafetyRule:
    """Finds threats, alarms, exposed access, posted credentials and piracy (12.4.D.4)."""

    lexicon: SafetyLexicon
    id: str = "safety"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _threats: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _veiled: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _alarm: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _sites: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _access: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _codes: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _passwords: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _code_places: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _offers: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _works: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _paywall: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _paywall_copy: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        set_ = object.__setattr__
        # Violence as an intention, incitement, duty or wish: a frame, then an act, or a verb of
        # harm and one of its targets (see data/safety.toml).
        gap = r"[\s\-_.]+"

        def part(values: frozenset[str]) -> str:
            return f"(?:{phrase_source(values, bounded=False)})"

        harm = (rf"(?<![a-z0-9]){part(lex.intent_frames)}{gap}"
                rf"(?:{part(lex.acts)}|{part(lex.harm_verbs)}{gap}{part(lex.harm_targets)})"
                rf"(?![a-z0-9])"
                rf"|(?<![a-z0-9]){part(lex.wish_frames)}{gap}(?:{part(lex.acts_third_person)}"
                rf"|{part(lex.harm_verbs_third_person)}{gap}{part(lex.harm_targets)})"
                rf"(?![a-z0-9])")
        threats = (f"(?P<bomb>{phrase_source(lex.bomb)})"
                   f"|(?P<violence>{phrase_source(lex.violence)})|(?P<harm>{harm})")
        codes = sorted(w for w in lex.secret_words if "code" in w or w in _CODE_WORDS)
        words = sorted(lex.secret_words - set(codes))
        # "for the staff door", "at the aquatic center", "that leaked in 2019"
        gap = r"(?:\s+(?:for|to|on|at|of|in|that|which)\s[^.!?\n:=]{1,60}?|\s+there)?"
        # or said later in the sentence: "keypad code hasn't changed since 2019, it's 1973#"
        later = r"[^.!?\n:=]{1,60}?[,;]\s*(?<![a-z])(?:it'?s|it is|it was)\s+|"
        code_src = (rf"(?P<word>{phrase_source(codes, suffixes=('s',))})(?:{later}{gap}"
                    r"\s*(?:(?<![a-z])(?:is|was|are)(?![a-z])|=|:|-)?\s*)"
                    r"(?:(?:still|now|just|currently)\s+)?(?:code\s+)?"
                    r"(?P<value>[#*]?\d{3,8}[#*]?)(?![\d])(?!\s*(?:%|percent))")
        pass_src = (rf"(?P<word>{phrase_source(words, suffixes=('s',))}){gap}"
                    r"\s*(?:(?<![a-z])(?:is|was|are)(?![a-z])|=|:)\s*"
                    r"(?:(?:still|now|just|currently)\s+)?"
                    r"(?P<value>[^\s,;]{3,40}(?:\s*/\s*[^\s,;]{3,40})?)")
        set_(self, "_threats", re.compile(threats))
        set_(self, "_veiled", re.compile(phrase_source(lex.veiled)))
        set_(self, "_alarm", re.compile(phrase_source(lex.alarm)))
        set_(self, "_sites", re.compile(phrase_source(lex.sites)))
        set_(self, "_access", re.compile(phrase_source(lex.access)))
        set_(self, "_codes", re.compile(code_src))
        set_(self, "_passwords", re.compile(pass_src))
        set_(self, "_code_places", re.compile(phrase_source(lex.code_places)))
        set_(self, "_offers", re.compile(phrase_source(lex.offers)))
        set_(self, "_works", re.compile(phrase_source(lex.works)))
        set_(self, "_paywall", re.compile(phrase_source(lex.paywall)))
        set_(self, "_paywall_copy", re.compile(phrase_source(lex.paywall_copy)))
        fold = Normalizer().fold
        # Each finding needs a rare ingredient: a threat, alarm or access phrase (keyed on its
        # rarest word, or on the whole phrase when every word is common), a secret word, a
        # piracy offer (rarer than the kind of work it must come with), a paywall word (rarer
        # than the copying words), a bomb emoji for a veiled threat, a pirate host, or an
        # attached link (read for pirate sites, and as "with a link" for an offer).
        signals = {
            # the harm phrases are keyed on their acts and verbs, which they all hold
            "threat": keywords_for(lex.bomb | lex.violence | lex.acts | lex.harm_verbs
                                   | lex.acts_third_person | lex.harm_verbs_third_person,
                                   common=_COMMON_IN_THREATS),
            "alarm": keywords_for(lex.alarm),
            "access": keywords_for(lex.access, common=("close", "anymore")),
            "code": keywords_for(codes),
            "password": keywords_for(words),
            "offer": keywords_for(lex.offers),
            "paywall": keywords_for(lex.paywall),
        }
        infixes = {"bomb_emoji": set(lex.bomb_emoji),
                   "pirate": {fold(w) for w in lex.pirate_domains | lex.pirate_fragments}}
        set_(self, "_gate", KeywordGate.build(signals, infixes))
        set_(self, "_prefilter", Prefilter(
            keywords=frozenset[str]().union(*signals.values()),
            infixes=frozenset[str]().union(*infixes.values()), links=True))

    @property
    def prefilter(self) -> Prefilter:
        """Threat, alarm, access, secret, piracy and paywall words, bomb emoji, pirate hosts."""
        return self._prefilter

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """Threats, alarms, access directions, credentials and piracy in one item."""
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

        if "threat" in signals:
            for match in self._threats.finditer(text):
                if _IDIOM_AFTER.match(text, match.end()):
                    continue  # "somebody should shoot a video", "should be hung out to dry"
                kind = "bomb threat" if match.lastgroup == "bomb" else "threat of violence"
                add(*match.span(), Decision.REVIEW, 0.85, "threat",
                    URGENT + f"Reads as a {kind} ({match.group()!r}); a person must act now "
                    "and may need to call the police.")
        if "bomb_emoji" in signals:
            veiled = self._veiled.search(text)
            if veiled is not None:
                add(*veiled.span(), Decision.REVIEW, 0.7, "threat",
                    URGENT + "Bomb emoji with a warning or a place to look: may be a veiled "
                    "bomb threat; a person must act now and may need to call the police.")
        if "alarm" in signals:
            for match in self._alarm.finditer(text):
                add(*match.span(), Decision.REVIEW, 0.6, "alarm",
                    URGENT + f"Unverified emergency alarm ({match.group()!r}); a person must "
                    "check at once whether there is a real incident.")
                break
        if "access" in signals:  # directions in are rarer than the site they lead into
            site = self._sites.search(text)
            if site is not None:
                access = self._access.search(text)
                if access is not None:
                    add(*access.span(), Decision.REVIEW, 0.6, "security",
                        f"Tells people how to get into a critical site ({site.group()!r}); a "
                        "person should review it and tell the department.")
        if "code" in signals or "password" in signals:
            out.extend(self._credentials(subject, signals))
        out.extend(self._piracy(subject, signals))
        return out

    def _credentials(self, subject: Subject, signals: set[str]) -> list[Finding]:
        text = subject.norm.text
        out: list[Finding] = []
        bounds: list[int] | None = None
        for match in self._codes.finditer(text) if "code" in signals else ():
            word = match.group("word")
            before = text[:match.start()].split()[-1:]
            if before and before[0] in _NOT_CODE_BEFORE:
                continue
            value = match.group("value")
            if (word.rstrip("s") == "keypad" and value == value.strip("#*")
                    and _VALUE_GOES_ON.match(text, match.end())):
                continue  # "the keypad is 2019 vintage": a keypad's code ends its sentence
            if word.rstrip("s") in _CODE_WORDS:
                bounds = bounds or sentence_bounds(text)
                index = sentence_of(bounds, match.start())
                lo = bounds[index - 1] if index else 0
                if self._code_places.search(text, lo, bounds[min(index, len(bounds) - 1)]) is None:
                    continue
            out.append(self._secret(subject, match, "access code"))
        for match in self._passwords.finditer(text) if "password" in signals else ():
            value = match.group("value").strip(".,!?'\"")
            first = re.split(r"[\s/]", value)[0]
            if first in self.lexicon.not_secrets or len(value) < 3:
                continue
            out.append(self._secret(subject, match, "password or login"))
        return out

    def _secret(self, subject: Subject, match: re.Match[str], kind: str) -> Finding:
        start, end = subject.norm.span(*match.span())
        value_start, value_end = subject.norm.span(*match.span("value"))
        original = subject.norm.original
        evidence = (original[start:value_start] + mask_secret(original[value_start:value_end])
                    + original[value_end:end])
        return Finding(
            clause=CLAUSE, rule=self.id, start=start, end=end, evidence=evidence,
            confidence=0.9, decision=Decision.REMOVE, category="credentials",
            explanation=f"Posts a {kind} for a system or building (masked here); it "
                        "compromises security.",
        )

    def _piracy(self, subject: Subject, signals: set[str]) -> list[Finding]:
        text = subject.norm.text
        lex = self.lexicon
        out: list[Finding] = []
        offer = self._offers.search(text) if "offer" in signals else None
        if offer is not None and self._works.search(text) is None:
            offer = None
        linked = False
        # Hosts are looked at only where a pirate host or an offer (whose decision depends on
        # whether it comes with a link) can be: finding URLs is the costly part.
        if "pirate" in signals or subject.content.links or offer is not None:
            for host, start, end in hosts(subject):
                if host_matches(host, lex.city_domains, frozenset()) is not None or any(
                        host == d or host.endswith("." + d) for d in lex.city_domains):
                    continue
                linked = True
                site = host_matches(host, lex.pirate_domains, lex.pirate_fragments)
                if site is not None:
                    out.append(Finding(
                        clause=CLAUSE, rule=self.id, start=start, end=end,
                        evidence=subject.content.text[start:end] if end else host,
                        confidence=0.9, decision=Decision.REMOVE, category="piracy",
                        explanation=f"Link to a pirate site ({host}): unlicensed copies "
                                    "violate someone's legal ownership."))
        if (offer is not None and not linked and _WATCHED_FREE.fullmatch(offer.group())
                and _ONLINE.search(text) is None):
            # "great games to watch for free", "movies in the park we can watch for free": the
            # city's free events; watching free is an offer of a copy only online
            offer = None
        if offer is not None:
            if linked:
                decision, confidence = Decision.REMOVE, 0.85
                why = (f"Offers a pirated copy of a work ({offer.group()!r}) with a link: it "
                       "violates someone's legal ownership.")
            else:
                decision, confidence = Decision.REVIEW, 0.6
                why = (f"May offer a pirated copy of a work ({offer.group()!r}); a person "
                       "should check.")
            out.append(finding(subject, clause=CLAUSE, rule=self.id, start=offer.start(),
                               end=offer.end(), confidence=confidence, explanation=why,
                               decision=decision, category="piracy"))
        if "paywall" in signals:
            paywall = self._paywall.search(text)
            if paywall is not None and self._paywall_copy.search(text) is not None:
                out.append(finding(subject, clause=CLAUSE, rule=self.id,
                                   start=paywall.start(), end=paywall.end(), confidence=0.6,
                                   decision=Decision.REVIEW, category="copyright",
                                   explanation="Reposts paywalled text in full; whether it "
                                               "violates copyright is for a person to judge."))
        return out


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[safety]`` section: pirate sites and threat phrases to add."""
    return {"safety": {"pirate_domains": [], "add_threats": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[SafetyRule]:
    """The safety rule, from the bundled lists, ``[safety]`` and the city's domains."""
    lexicon = SafetyLexicon.bundled().configured(config.section("safety"),
                                                 config.section("city"))
    return [SafetyRule(lexicon)]
