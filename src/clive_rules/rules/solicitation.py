"""Solicitation (12.4.D.6): selling, self-promotion, and asks for religious, political or social
causes.

The rule looks for *signals* in the normalised text and in the item's URLs
(:attr:`~clive_rules.rules.base.Subject.urls`), each belonging to one category:

``commercial``
    prices and "% off", promo codes, "free quote", "buy now", "call/DM for", work-from-home,
    money, crypto and follower schemes, self-promotion ("check out my channel", "subscribe",
    "follow me"), links to shops and link shorteners, and any other outside link.
``religious``
    proselytising ("accept Christ", "Jesus loves you") or a place of worship together with an
    invitation ("join us this Sunday").
``political``
    campaign asks: "vote for/yes/no", "re-elect", "donate to my campaign", "sign the petition",
    "paid for by".
``social``
    asks for money or sign-ups for a cause: "please donate", fundraising links, Venmo/Cash App,
    "join the rally".

Signals are *strong* or *weak*. A commercial finding with a strong signal, or two weak ones, is
spam that may be removed; a single weak commercial signal (say, one outside link with nothing
else) only asks for review. Religious, political and social asks always go to review: the city
must handle causes viewpoint-neutrally, so a person decides.

Never solicitation: links to the city's own domains (``[city] domains``) and to
``[solicitation] allowed_domains``; invitations and sign-ups for the city's own events and
programmes (``[solicitation] city_events``, or a sentence that says "the city"); a question
(``"Is the CLIVESWIM promo code still valid?"``); stating one's own vote ("I'm voting against").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.urls import Url, domain_matches
from clive_rules.verdict import Decision, Finding

__all__ = [
    "Signal", "SolicitationRule", "clive_config_defaults", "clive_register_rules", "literal_trie",
]

CLAUSE = "12.4.D.6"
CATEGORIES = ("commercial", "religious", "political", "social")

# (category, strength, name, pattern) over the normalised text (lower case, leetspeak folded).
# Words must generalise: these are the common forms of each kind of ask, not phrases of any one
# data set.
_SIGNALS: tuple[tuple[str, str, str, str], ...] = (
    # --- commercial: self-promotion
    ("commercial", "strong", "self-promotion",
     r"\b(?:check (?:out )?|visit|watch|listen to|download|view|see|hear|try|join|like|share)"
     r" (?:my|our) "
     r"(?:new |latest |first )?(?:youtube |fb |facebook |insta |instagram |tiktok )?"
     r"(?:channel|vlog|blog|playlist|mixtape|podcast|page|store|shop|site|website|video|videos"
     r"|vids|music|songs?|track|tracks|raps?|covers?|beats?|app|group|team|profile|account"
     r"|business)\b|\bcheck (?:me|us|'?em) out\b"
     r"|\b(?:reach|get|hit|gain|help me (?:get|reach|hit)) (?:\d+ |more |some )?"
     r"(?:subs|subscribers|followers|views|likes)\b"
     r"|\b(?:follow|like|sub) ?(?:4|a|for) ?(?:follow|like|sub)\b"
     r"|\b(?:my|our) (?:new )?(?:youtube )?(?:channel|vlog|blog|playlist|mixtape|podcast"
     r"|etsy|online store|online shop|webstore)\b"),
    ("commercial", "strong", "subscribe ask",
     r"\b(?:please|pls|plz|and|pl[sz]e?|go|guys|everyone|to) su\w{0,3}scri\w*"
     r"|\bsu\w{0,3}scri\w* (?:to )?(?:me|my|us|our|back|for|and)\b"
     r"|\bsub (?:to|for) (?:me|my)\b|\bsub (?:my|me)\b|\bsub ?back\b"),
    ("commercial", "weak", "subscribe", r"\bsu\w{0,3}scri(?:be|bing|ption)\b"),
    ("commercial", "weak", "check it out",
     r"\bcheck (?:it|this|them|that) out\b|\bcheck out\b|\bplease (?:like|share|watch|visit|view"
     r"|follow)\b|\b(?:like|share) (?:this|my) (?:comment|video|page|post)\b"
     r"|\bgive (?:it|me|this|us) a (?:like|thumbs up|listen)\b"
     r"|\bfollow (?:me|us)\b|\bclick (?:here|the link|this link|below|my|on my)\b"
     r"|\b(?:made|started|making|have) (?:a|my) (?:new |own )?(?:\w+ )?channel\b"),
    # --- commercial: selling
    ("commercial", "strong", "discount",
     r"\b\d{1,3} ?% off\b|\b\d{1,3} ?percent off\b|\b(?:buy one|bogo)\b"
     r"|\b(?:use|with|enter) (?:promo |coupon |discount )?code [a-z0-9]{3,}\b"),
    ("commercial", "weak", "promo code",
     r"\bpromo(?:tional)? codes?\b|\bcoupons?\b|\bdiscounts?\b"),
    ("commercial", "strong", "free offer",
     r"\bfree (?:\w+ ){0,2}(?:quote|quotes|estimate|estimates|inspection|consultation|trial"
     r"|shipping|samples?)\b|\bfree (?:gift|gifts|gift ?cards?|iphone|ipad|followers"
     r"|subscribers|likes|views|money|cash|vbucks|robux|coins)\b"),
    ("commercial", "strong", "sales pitch",
     r"\b(?:buy|order|shop|book|call|sign up) (?:now|today)\b|\blimited time\b|\bact now\b"
     r"|\bfor sale\b|\bwholesale\b|\bbest (?:price|prices|deals?|rates)\b"
     r"|\b(?:lowest|great|unbeatable) prices?\b|\bships? in \w+ days?\b|\bfree delivery\b"),
    ("commercial", "weak", "check out my", r"\bcheck (?:\w+ ){0,3}out (?:my|our)\b"),
    ("commercial", "weak", "business pitch",
     r"\b(?:best|top|affordable|cheap|cheapest|licensed|reliable) (?:\w+ ){0,2}(?:roofer|roofers"
     r"|roofing|plumber|plumbing|contractor|contractors|lawyer|attorney|realtor|agent|landscaping"
     r"|cleaning|painter|painting|mechanic|electrician|hvac|movers)\b"
     r"|\b(?:we|i) (?:sell|offer|install)\b|\bgift ?cards?\b"),
    # Hints count only beside another commercial signal: prices and fees are ordinary talk.
    ("commercial", "hint", "price",
     r"\$ ?\d|\b\d+ dollars\b|\bmy (?:business|company)\b|\bcustomers\b"
     r"|\b(?:order|buy) (?:yours?|one|it|them|from)\b|\b(?:we|i) (?:buy|repair|fix|clean)\b"),
    ("commercial", "strong", "money scheme",
     r"\b(?:earn|make|making|made|makes|earning|earned) (?:\$|money|cash|extra|\d|up to|over"
     r"|thousands|hundreds)|\bwork(?:ing)? from home\b|\bpassive income\b|\bfinancial freedom\b"
     r"|\bbe your own boss\b|\b(?:building|join) (?:my|our) team\b|\bside hustle\b"
     r"|\b(?:crypto|bitcoin|btc|forex|trading bot|nft|binary options)\b"
     r"|\binvestment (?:opportunity|plan)\b|\b(?:get|buy|gain|grow) (?:\d+ |more |real )?"
     r"(?:followers|subscribers|likes|views)\b|\bper (?:day|week|hour|month) from home\b"),
    ("commercial", "weak", "contact ask",
     r"\b(?:dm|inbox|pm|whatsapp|telegram) (?:me|us)\b|\bwhatsapp\b|\btelegram\b"
     r"|\bmessage (?:me|us) (?:on|to|for)\b|\b(?:call|text|contact|email) (?:me|us)"
     r"(?: \S+){0,4} (?:for|to) (?:a |more |your )?(?:free|quote|info|details|learn|order"
     r"|book|more)\b|\bto learn more\b|\bfor more (?:info|information|details)\b"),
    # --- religious
    ("religious", "strong", "proselytising",
     r"\baccept (?:jesus|christ|god|the lord|allah)\b|\b(?:jesus|christ|god|allah|the lord) "
     r"(?:loves you|saves|is coming|died for|wants you)\b|\brepent\b|\b(?:be|get) saved\b"
     r"|\bborn again\b|\bpray with you\b|\bas your (?:lord and )?savior\b"
     r"|\bgive your (?:life|heart) to\b|\bthe gospel\b"),
    ("religious", "place", "worship",
     r"\b(?:church|churches|fellowship|ministry|ministries|parish|congregation|mosque|synagogue"
     r"|temple|bible study|worship|mass|sermon|revival)\b"),
    ("religious", "invite", "invitation",
     r"\bjoin us\b|\bcome (?:join|worship|visit|see|celebrate)\b|\ball are welcome\b"
     r"|\beveryone is welcome\b|\bthere'?s a seat\b|\bsee you (?:there|sunday|this)\b"
     r"|\bthis sunday\b|\bsunday (?:service|morning)\b|\bvisit us\b|\bstop by\b"),
    # --- political
    ("political", "strong", "campaign ask",
     r"\bvote (?:for|yes|no|against)\b|\bvote \w+ (?:on|for) (?:the|prop|proposition|measure"
     r"|question|november|election)\b|\bre-?elect\b|\belect \w+\b|\bpaid for by\b"
     r"|\b(?:donate|contribute|give) to (?:my|our|the) (?:\w+ )?campaign\b"
     r"|\bsign (?:the|our|my|this) (?:\w+ )?petition\b|\bsupport (?:my|our) campaign\b"
     r"|\bvolunteer for (?:my|our|the) campaign\b|\byard signs?\b"),
    # --- social causes
    ("social", "strong", "donation ask",
     r"\b(?:please|pls|plz) (?:donate|contribute|help fund|chip in)\b|\bdonate (?:to|now"
     r"|today|here)\b|\b(?:need|needs|accepting|welcome|appreciate) (?:your |any )?"
     r"(?:donations|contributions)\b|\bevery dollar helps\b|\bevery little bit helps\b"
     r"|\bfundraiser\b|\bgofundme\b|\bgo fund me\b|\bvenmo\b|\bcash ?app\b"),
    ("social", "strong", "cause sign-up",
     r"\bjoin (?:the|our|us)(?: \w+){0,5} (?:rally|march|protest|coalition|movement|vigil"
     r"|walkout|boycott)\b|\bbring signs\b|\bspread the word\b"),
)

# Words that end a first-person statement of one's own vote ("I'm voting no", "I'll vote for").
_OWN_VOTE = re.compile(r"\b(?:i|i'?m|i'?ll|i will|we|we'?ll|i would|i'?d|gonna|going to|to|not"
                       r"|never|won'?t|didn'?t|did|can'?t|cannot|should i|do i|where do)\s*$")
_QUESTION_WORDS = re.compile(r"^\s*(?:is|are|can|could|does|do|did|will|would|how|where|when"
                             r"|what|why|which|who|should)\b")
_CITY_OWNED = re.compile(r"\b(?:the city'?s?|city of clive|city hall|city council|clive'?s)\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
# Cheap hints of a URL in the normalised text: a scheme, www, or a dot before two letters.
_URL_HINT = r"https?:|www|\.[^\W\d_]{2}"


def literal_trie(words: Iterable[str]) -> str:
    """A regular expression for any of ``words`` (literals), shaped as a trie so that the
    scan tries one branch per character instead of every word at every position."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + render(node[c]) for c in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def _combos(heads: str, tails: str, sep: str = " ") -> list[str]:
    return [f"{h}{sep}{t}" for h in heads.split() for t in tails.split()]


def _keywords() -> list[str]:
    """Literal pieces, at least one of which is inside every match of a signal that can lead
    to a finding on its own or with another (hints cannot, so they are left out). The
    prefilter searches for these instead of the full patterns: a literal alternation is many
    times faster to scan than the signal patterns, and it is still a superset of them."""
    words = [
        # self-promotion, subscribe, check it out
        *_combos("visit watch listen download view see hear try join like share", "my our"),
        "check", "playlist", "vlog", "blog", "mixtape", "podcast", "etsy", "online store",
        "online shop", "webstore",
        "subs", "sub ", "follow", "views", "likes",
        *(f"{a}{s1}{m}{s2}{b}" for a in ("like", "sub") for m in ("4", "a", "for")
          for b in ("like", "sub") for s1 in ("", " ") for s2 in ("", " ")),
        *_combos("please pls plz ple", "like share watch visit view follow donate contribute"
                 " help chip"),
        "like this", "share this", "give it", "give me", "give this", "give us", "follow me",
        "follow us", "click", "channel", "out my", "out our",
        # selling
        "percent", "buy one", "bogo", "code", "promo", "coupon", "discount", "free",
        *_combos("buy order shop book call up", "now today"), "limited time", "act now",
        "for sale", "on sale", "wholesale", "best", "lowest", "great price", "unbeatable",
        "ships", "ship in", "free delivery", "top", "affordable", "cheap", "licensed",
        "reliable", "we sell", "i sell", "we offer", "i offer", "we install", "i install",
        "gift", *_combos("earn make making made makes earning earned",
                         "$ money cash extra up over thousands hundreds 0 1 2 3 4 5 6 7 8 9"),
        "from home", "passive income", "financial freedom", "own boss", "my team",
        "our team", "side hustle", "crypto", "bitcoin", "btc", "forex", "trading bot", "nft",
        "binary option", "investment", *_combos("dm inbox pm whatsapp telegram message", "me us"),
        "whatsapp", "telegram", *_combos("call text contact email", "me us"), "learn more",
        "more info", "more details",
        # religious (a place of worship is needed beside an invitation)
        "accept", "loves you", "saves", "is coming", "died for", "wants you", "repent",
        "saved", "born again", "pray with", "savior", "give your", "gospel", "church",
        "fellowship", "ministr", "parish", "congregation", "mosque", "synagogue", "temple",
        "bible", "worship", "mass", "sermon", "revival",
        # political and social
        "vote", "elect", "paid for", "campaign", "petition", "yard sign", "donat", "contribut",
        "help fund", "every dollar", "every little", "fundrais", "gofundme", "go fund me",
        "venmo", "cash app", "cashapp", "rally", "march", "protest", "coalition", "movement",
        "vigil", "walkout", "boycott", "bring signs", "spread the word",
    ]
    return sorted(set(words), key=lambda w: (-len(w), w))


@attrs.frozen
class Signal:
    """One piece of evidence for solicitation.

    :ivar category: commercial, religious, political or social.
    :ivar strength: ``"strong"``, ``"weak"``, ``"hint"`` (counts only beside a weak signal),
        or (religious only) ``"place"``/``"invite"``, which count together.
    :ivar name: what it is, for the explanation.
    :ivar start: start in the original text.
    :ivar end: end in the original text.
    """

    category: str
    strength: str
    name: str
    start: int
    end: int


def _words(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted({str(v).strip().lower() for v in values if str(v).strip()}))


@attrs.frozen
class SolicitationRule:
    """Finds solicitation (12.4.D.6); see the module docstring.

    :ivar city_domains: the city's own domains (never solicitation).
    :ivar allowed_domains: other domains a bare link to is fine (news, government, reference).
    :ivar shop_domains: domains whose links are selling in themselves.
    :ivar fundraising_domains: crowdfunding and petition sites (social or political asks).
    :ivar shortener_domains: link shorteners (hide where a link goes).
    :ivar city_events: names of the city's own events and programmes.
    :ivar extra_phrases: more phrases, by category (``{"commercial": [...], ...}``), strong.
    """

    city_domains: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    shop_domains: tuple[str, ...] = ()
    fundraising_domains: tuple[str, ...] = ()
    shortener_domains: tuple[str, ...] = ()
    city_events: tuple[str, ...] = ()
    extra_phrases: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, eq=False)
    id: str = "solicitation"
    clauses: tuple[str, ...] = (CLAUSE,)
    kinds: frozenset[ContentKind] | None = None
    _pattern: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _names: tuple[tuple[str, str, str], ...] = attrs.field(init=False, repr=False, eq=False)
    _events: re.Pattern[str] | None = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        signals = list(_SIGNALS)
        for category, phrases in self.extra_phrases.items():
            if category not in CATEGORIES:
                continue
            body = "|".join(re.escape(p) for p in _words(phrases))
            if body:
                signals.append((category, "strong", "configured phrase", rf"\b(?:{body})\b"))
        groups = [f"(?P<s{i}>{pattern})" for i, (_, _, _, pattern) in enumerate(signals)]
        object.__setattr__(self, "_pattern", re.compile("|".join(groups)))
        object.__setattr__(self, "_names", tuple((c, s, n) for c, s, n, _ in signals))
        events = _words(self.city_events)
        object.__setattr__(self, "_events", re.compile(
            r"\b(?:" + "|".join(re.escape(e) for e in events) + r")\b") if events else None)
        literals = _keywords() + [p for c in CATEGORIES for p in _words(
            self.extra_phrases.get(c, ()))]
        keywords = literal_trie(literals)
        # Keywords start words (as the signals do); "scri" (misspelt "subscribe") and "%" not.
        object.__setattr__(self, "_prefilter", Prefilter(
            re.compile(rf"\b{keywords}|scri|%|{_URL_HINT}"), "normalized"))

    @property
    def prefilter(self) -> Prefilter:
        """A keyword of any signal, or anything that may be a URL (``http``, ``www``, ``.yz``)."""
        return self._prefilter

    # -- signals -----------------------------------------------------------------------------

    def _city_sentence(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence around text[start:end] is about the city's own event or service."""
        for match in _SENTENCE.finditer(text):
            if match.start() <= start < match.end() or match.start() < end <= match.end():
                sentence = match.group()
                return bool(_CITY_OWNED.search(sentence)
                            or (self._events is not None and self._events.search(sentence)))
        return False

    def _text_signals(self, subject: Subject) -> list[Signal]:
        norm = subject.norm
        text = norm.text
        out: list[Signal] = []
        for match in self._pattern.finditer(text):
            index = int((match.lastgroup or "s0")[1:])
            category, strength, name = self._names[index]
            start, end = match.span()
            if category == "political" and _OWN_VOTE.search(text[max(0, start - 20):start]):
                continue
            # Invitations and sign-ups for the city's own events are never solicitation.
            if (strength != "strong" or category == "social") and self._city_sentence(
                    text, start, end):
                continue
            if strength == "weak" and name == "promo code" and self._is_question(text, start):
                continue
            a, b = norm.span(start, end)
            out.append(Signal(category, strength, name, a, b))
        return out

    @staticmethod
    def _is_question(text: str, position: int) -> bool:
        for match in _SENTENCE.finditer(text):
            if match.start() <= position < match.end():
                sentence = match.group()
                return sentence.rstrip().endswith("?") or bool(_QUESTION_WORDS.match(sentence))
        return False

    def _trusted(self, url: Url) -> bool:
        """A link to the city, a government or school site, or an allowed domain."""
        return (domain_matches(url, self.city_domains)
                or domain_matches(url, self.allowed_domains)
                or url.host.endswith((".gov", ".edu", ".mil")))

    def _url_signals(self, urls: Sequence[Url]) -> list[Signal]:
        out: list[Signal] = []
        seen: set[str] = set()
        for url in urls:
            if url.host in seen:
                continue
            seen.add(url.host)
            if self._trusted(url):
                continue
            if domain_matches(url, self.fundraising_domains):
                category = "political" if "petition" in (url.host + url.path).lower() else "social"
                out.append(Signal(category, "strong", f"link to {url.registered_domain}",
                                  url.start, url.end))
            elif domain_matches(url, self.shop_domains):
                out.append(Signal("commercial", "strong", f"shop link {url.registered_domain}",
                                  url.start, url.end))
            elif domain_matches(url, self.shortener_domains):
                out.append(Signal("commercial", "weak", "shortened link", url.start, url.end))
            else:
                out.append(Signal("commercial", "weak",
                                  f"outside link {url.registered_domain or url.host}",
                                  url.start, url.end))
        return out

    # -- evaluation --------------------------------------------------------------------------

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """At most one finding per category, citing its strongest signal."""
        if self._prefilter.pattern.search(subject.norm.text) is None:  # type: ignore[union-attr]
            return []  # the prefilter is part of the rule, so it is exactly a superset
        signals = self._text_signals(subject)
        if not signals and not _has_url_hint(subject.norm.text):
            return []
        urls = subject.urls
        if urls and not signals:
            # Attached links alone (no sign in the text) are left to the text: the prefilter
            # sees only the text, and a link with nothing said is not yet an ask.
            urls = tuple(u for u in urls if not u.attached)
        if urls and all(self._trusted(u) for u in urls):
            # "check it out" next to a link to the city's own site points at the city.
            signals = [s for s in signals if s.category != "commercial" or s.strength == "strong"]
        signals += self._url_signals(urls)
        if not signals:
            return []
        original = subject.content.text
        findings: list[Finding] = []
        for category in CATEGORIES:
            mine = [s for s in signals if s.category == category]
            if not mine:
                continue
            finding = self._finding(category, mine, original)
            if finding is not None:
                findings.append(finding)
        return findings

    def _finding(self, category: str, signals: list[Signal], original: str) -> Finding | None:
        strong = [s for s in signals if s.strength == "strong"]
        weak = [s for s in signals if s.strength == "weak"]
        hints = [s for s in signals if s.strength == "hint"]
        if category == "religious" and not strong:
            places = [s for s in signals if s.strength == "place"]
            invites = [s for s in signals if s.strength == "invite"]
            if not (places and invites):
                return None
            strong = places[:1] + invites[:1]
        if category != "religious" and not strong and not weak:
            return None
        lead = (strong or weak)[0]
        in_text = [s for s in signals if s.end > s.start]
        start = min((s.start for s in in_text), default=0)
        end = max((s.end for s in in_text), default=0)
        names = ", ".join(dict.fromkeys(s.name for s in signals))
        if category == "commercial":
            if strong or len(weak) >= 2 or (weak and hints):
                decision, confidence = Decision.REMOVE, 0.9
                why = f"Commercial solicitation ({names})."
            else:
                decision, confidence = Decision.REVIEW, 0.55
                why = f"Possible commercial solicitation ({names}); a person checks it."
        else:
            decision, confidence = Decision.REVIEW, 0.75
            why = (f"{category.capitalize()} solicitation ({names}); causes are handled "
                   "viewpoint-neutrally, so a person decides.")
        evidence = original[lead.start:lead.end] if lead.end > lead.start else lead.name
        return Finding(clause=CLAUSE, rule=self.id, start=start, end=end, evidence=evidence,
                       confidence=confidence, explanation=why, decision=decision,
                       category=category)


_URL_HINT_RE = re.compile(_URL_HINT)


def _has_url_hint(text: str) -> bool:
    return _URL_HINT_RE.search(text) is not None


DEFAULTS: Mapping[str, Any] = {
    # More phrases that are solicitation in themselves, by category.
    "commercial_phrases": [],
    "religious_phrases": [],
    "political_phrases": [],
    "social_phrases": [],
    # Domains a bare link to is fine (besides [city] domains and .gov/.edu/.mil).
    "allowed_domains": [
        "wikipedia.org", "desmoinesregister.com", "weareiowa.com", "kcci.com", "who13.com",
        "iowapublicradio.org", "weather.gov", "noaa.gov", "iowadot.gov", "dmarcbus.com",
    ],
    # Links to these are selling in themselves.
    "shop_domains": [
        "amazon.com", "ebay.com", "etsy.com", "shopify.com", "aliexpress.com", "fiverr.com",
        "swagbucks.com", "poshmark.com", "depop.com", "redbubble.com", "teespring.com",
    ],
    # Crowdfunding and petition sites: social or political asks.
    "fundraising_domains": [
        "gofundme.com", "indiegogo.com", "kickstarter.com", "patreon.com", "change.org",
        "avaaz.org", "givebutter.com", "fundly.com", "actblue.com", "winred.com",
    ],
    # Link shorteners.
    "shortener_domains": [
        "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly",
        "cutt.ly", "shorturl.at", "tiny.cc",
    ],
    # The city's own events and programmes: invitations to them are never solicitation.
    "city_events": [
        "Clive Festival", "Movie in the Park", "Summer Reading", "tree lighting",
        "Fourth of July", "Independence Day", "Concert in the Park", "Farmers Market",
        "open house", "town hall", "public hearing", "city council meeting",
    ],
}


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[solicitation]`` section (see the module docstring and the docs page)."""
    return {"solicitation": DEFAULTS}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[SolicitationRule]:
    """The solicitation rule, from ``[solicitation]`` and ``[city] domains``."""
    section = config.section("solicitation")
    city = config.section("city")
    return [SolicitationRule(
        city_domains=_words(city.get("domains", ())),
        allowed_domains=_words(section["allowed_domains"]),
        shop_domains=_words(section["shop_domains"]),
        fundraising_domains=_words(section["fundraising_domains"]),
        shortener_domains=_words(section["shortener_domains"]),
        city_events=_words(section["city_events"]),
        extra_phrases={c: _words(section[f"{c}_phrases"]) for c in CATEGORIES},
    )]
