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
else) only asks for review, and so does self-promotion that sells and asks nothing ("check out
my blog post on the Greenbelt's history: <link>"). Religious, political and social asks always
go to review: the city must handle causes viewpoint-neutrally, so a person decides.

Never solicitation: links to the city's own domains (``[city] domains``) and to
``[solicitation] allowed_domains``; invitations and sign-ups for the city's own events and
programmes (``[solicitation] city_events``, or a sentence that says "the city"); a question
(``"Is the CLIVESWIM promo code still valid?"``); stating one's own vote ("I'm voting against");
urging a vote on the item the post is about ("Please vote no on the rezoning" under the post
about the rezoning hearing).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.urls import Url
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
     r"|etsy|online store|online shop|webstore)\b|\blinks? in (?:my|our) (?:bio|profile)\b"
     r"|\b(?:find|look) us up\b|\bfind us on\b|\bmention this (?:post|ad|comment)\b"
     r"|\bshow this (?:post|comment)\b|\bfollow @\w+|\bjust opened (?:my|our)\b"
     r"|\b(?:taking|accepting) new (?:clients|customers|patients|students)\b"),
    ("commercial", "strong", "subscribe ask",
     r"\b(?:please|pls|plz|and|pl[sz]e?|go|guys|everyone|to) su\w{0,3}scri\w*"
     r"|\bsu\w{0,3}scri\w* (?:to )?(?:me|my|us|our|back|for|and)\b"
     r"|\bsub (?:to|for) (?:me|my)\b|\bsub (?:my|me)\b|\bsub ?back\b"),
    # not "subscription": "does the city have a subscription for alerts?"
    ("commercial", "weak", "subscribe", r"\bsu\w{0,3}scri(?:be|bing)\b"),
    ("commercial", "weak", "check it out",
     r"\bcheck (?:it|this|them|that) out\b|\bcheck out\b|\bplease (?:like|visit|view|follow)\b"
     # "please watch the parking", "please watch for kids": a warning, not "please watch my video"
     r"|\bplease watch\b(?! (?:the|for|out|your|where|how|our|that|those|these)\b)"
     r"|\blike (?:this|my) (?:comment|video|page|post)\b"
     # "please share" alone is how neighbours spread a lost-pet post: only sharing *my* media
     r"|\bshare my (?:comment|video|page|post)\b"
     r"|\bgive (?:it|me|this|us) a (?:like|thumbs up|listen)\b"
     r"|\bfollow (?:me|us)\b|\bclick (?:here|the link|this link|below|my|on my)\b"
     r"|\b(?:made|started|making|have) (?:a|my) (?:new |own )?(?:\w+ )?channel\b"),
    # --- commercial: selling
    ("commercial", "strong", "discount",
     # "buy one get one", not "might have to buy one now"
     r"\b\d{1,3} ?% off\b|\b\d{1,3} ?percent off\b|\bbuy (?:one|1),? get (?:one|1)\b|\bbogo\b"
     # "with code SAVE20", "use promo code CLIVE": a bare "with code" needs a digit in the
     # code, or "...with Code Enforcement" would read as a discount.
     r"|\b(?:use|with|enter) (?:promo |coupon |discount )code [a-z0-9]{3,}\b"
     r"|\b(?:use|enter) code [a-z0-9]{3,}\b|\bwith code [a-z]*[0-9][a-z0-9]*\b"
     r"|\b(?:use|with|enter) promo [a-z]*[0-9]?[a-z0-9]{3,}\b"),
    ("commercial", "hint", "promo code",
     r"\bpromo(?:tional)? codes?\b|\bcoupons?\b|\bdiscounts?\b"),
    # A free quote, inspection or sample: what a business offers, and what the city does
    # ("free inspection is great, signing up", "the Hy-Vee tent with free samples"): weak, so
    # alone it is held for a person, never removed
    ("commercial", "weak", "free service",
     r"\bfree (?:\w+ ){0,2}(?:quote|quotes|estimate|estimates|inspection|consultations?|trial"
     r"|shipping|samples?)\b|\b(?:consultation|estimate|quote|inspection)s? (?:is|are) free\b"),
    ("commercial", "strong", "free offer",
     r"\bfree (?:gift|gifts|gift ?cards?|iphone|ipad|followers"
     r"|subscribers|likes|views|money|cash|vbucks|robux|coins)\b"),
    ("commercial", "strong", "sales pitch",
     r"\b(?:buy|order|shop) (?:now|today)\b|\blimited time\b|\bact now\b"
     # "call now" with a number to call ("call now on 0800 ...", "call now 515-555-0101")
     r"|\b(?:call|text|book) (?:now|today)\b(?=[^.!?\n]{0,30}\d{3})"
     r"|\bfor sale\b"
     # not "great price": "$35 is a great price, thank you for keeping this going"
     r"|\b(?:lowest|unbeatable) prices?\b|\bships? in \w+ days?\b|\bfree delivery\b"
     # a classified ad's price: "$9,500 OBO"
     r"|\bobo\b|\bor best offer\b"),
    # "today only", "a $49.99 alignment special": an offer's deadline or deal, said of the
    # city's own events too ("free swim today only"), so weak
    ("commercial", "weak", "limited offer",
     r"\b(?:today|tonight|this (?:week|weekend|month)) only\b"
     r"|\$ ?\d+(?:\.\d\d)? (?:\w+ )?special\b"),
    # "best price in town", said of a bargain found as often as of one offered ("the kids'
    # section is the best deal, got 30 books for $5"): a hint, not a pitch
    # "hair stylists working from home": said of jobs as often as offered as one
    ("commercial", "hint", "from home", r"\bwork(?:ing)? from home\b"),
    ("commercial", "hint", "bargain", r"\bbest (?:price|prices|deals?|rates)\b|\bwholesale\b"),
    # Crypto named: the scheme's word, and the scammer's ("wanted me to pay with Bitcoin at a
    # gas station ATM", a scam reported, is skipped): weak, which a price or an ask confirms
    ("commercial", "weak", "crypto", r"\b(?:crypto|bitcoin|btc|forex|trading bot|nft"
     r"|binary options)\b"),
    ("commercial", "weak", "check out my", r"\bcheck (?:\w+ ){0,3}out (?:my|our)\b"),
    ("commercial", "weak", "business pitch",
     r"\b(?:best|top|affordable|cheap|cheapest|licensed|reliable) (?:\w+ ){0,2}(?:roofer|roofers"
     r"|roofing|plumber|plumbing|contractor|contractors|lawyer|attorney|realtor|agent|landscaping"
     r"|cleaning|painter|painting|mechanic|electrician|hvac|movers)\b"
     r"|\b(?:we|i) (?:sell|offer|install)\b"),
    # Hints count only beside another commercial signal: prices and fees are ordinary talk, and
    # so are gift cards ("never give anyone gift card numbers" under a scam warning) and "call
    # now" or "sign up today" (a neighbour's advice, "call now, the list fills up by May").
    ("commercial", "hint", "price",
     r"\$ ?\d|\b\d+ dollars\b|\bmy (?:business|company)\b|\bcustomers\b|\bgift ?cards?\b"
     r"|\b(?:call|book|sign up) (?:now|today)\b"
     r"|\b(?:order|buy) (?:yours?|one|it|them|from)\b|\b(?:we|i) (?:buy|repair|fix|clean)\b"),
    # Earning is a scheme when it is offered ("you can make $"), paid by the day or the week,
    # or fast and online; "the city manager makes $180,000 a year" and "the city made $2 million
    # on parking" are talk about money, often criticism.
    ("commercial", "strong", "money scheme",
     r"\b(?:earn|make|making|made|makes|earning|earned) (?:\$|money|cash|extra|\d|up to|over"
     r"|thousands|hundreds)[^.!?\n]{0,25}?(?:/ ?|\bper |\ba |\ban |\bevery )(?:day|week|hour|hr"
     r"|month|wk|mo)\b"
     r"|\b(?:you|u)(?: can| could| will|'ll)? (?:earn|make) (?:\$|money|cash|extra|\d|up to|over"
     r"|thousands|hundreds)"
     r"|\b(?:earn|make|making) (?:money|cash|income) (?:fast|online|from home|now|today|easily"
     r"|quick)\b|\b(?:easy|fast|quick) money\b|\bextra income\b"
     r"|\bpassive income\b|\bfinancial freedom\b"
     r"|\bbe your own boss\b|\b(?:building|join) (?:my|our) team\b|\bside hustle\b"
     # "six-figure administrators" is criticism of pay; a six-figure *income* is the pitch
     r"|\binvestment (?:opportunity|plan)\b|\b(?:6|six)[- ]figure income\b"
     r"|\b(?:6|six)[- ]figures? (?:from home|online|a month|in your first)\b"
     r"|\bindependent (?:distributor|consultant)\b|\b(?:get|buy|gain|grow) (?:\d+ |more |real )?"
     r"(?:followers|subscribers|likes|views)\b|\bper (?:day|week|hour|month) from home\b"),
    # "Call or text Dustin 515-555-0187": residents pass on the city's own numbers this way
    # too, so it counts only beside a price, and then for review (see SolicitationRule._finding)
    ("commercial", "hint", "contact number",
     r"\b(?:call|text|call or text|text or call|llame a|llama a|llamen a)"
     # not "call Parks at 515-...", "call the city": a resident passing on the city's number
     r"(?! (?:the|city|parks?|public|police|fire|dispatch|clerk|utility|utilities|them|it)\b)"
     r"(?: (?:me|us|[a-z]+))?"
     r"(?: (?:at|on|al))? \(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b"),
    ("commercial", "weak", "contact ask",
     r"\b(?:dm|inbox|pm|whatsapp|telegram) (?:me|us)\b|\bwhatsapp\b|\btelegram\b"
     r"|\bmessage (?:me|us) (?:on|to|for)\b|\b(?:call|text|contact|email) (?:me|us)"
     r"(?: \S+){0,4} (?:for|to) (?:a |more |your )?(?:free|quote|info|details|learn|order"
     r"|book|more)\b|\bfor more (?:info|information|details)\b"
     # "to learn more" with where to go ("DM me to learn more", "to learn more visit ..."), not
     # "going to the meeting to learn more before I decide"
     r"|\bto learn more\b(?=[^.!?\n]{0,20}\b(?:visit|call|text|dm|message|click|link|www|http"
     r"|about (?:our|my)))"
     r"|\b(?:dm|message|call|text|visit|click|link)\b[^.!?\n]{0,25}\bto learn more\b"),
    # --- religious
    ("religious", "strong", "proselytising",
     r"\baccept (?:jesus|christ|god|the lord|allah)\b|\b(?:jesus|christ|god|allah|the lord) "
     r"(?:loves you|saves|is coming|died for|wants you)\b|\brepent\b|\b(?:be|get) saved\b"
     r"|\bborn again\b|\bpray with you\b|\bas your (?:lord and )?savior\b"
     r"|\bgive your (?:life|heart) to\b|\bthe gospel\b|\bhear the word\b"
     r"|\bthe word of god\b"),
    ("religious", "place", "worship",
     r"\b(?:church|churches|fellowship|ministry|ministries|parish|congregation|mosque|synagogue"
     r"|temple|bible study|worship|mass|sermon|revival|iglesia|culto|rosary|prayer walk"
     r"|holy spirit)\b"),
    ("religious", "invite", "invitation",
     r"\bjoin us\b|\bcome (?:join|worship|visit|see|celebrate)\b|\ball are welcome\b"
     # not "see you there": neighbours say it to each other of any plan
     r"|\beveryone is welcome\b|\bthere'?s a seat\b|\bsee you (?:sunday|this)\b"
     # not "my church youth group is going this Sunday": a plan told, not an invitation
     r"|(?<!going )(?<!go )(?<!went )(?<!be there )\bthis sunday\b"
     r"|\bsunday (?:service|morning)\b|\bvisit us\b|\bstop by\b"
     r"|\bcome find\b|\bopen house\b|\b(?:los|les) invitamos\b"
     r"|\bcome to our\b|\beveryone is invited\b|\byou'?re (?:all )?invited\b"),
    # --- political
    ("political", "strong", "campaign ask",
     # not a survey's choice: "put in a vote for more shade at the pool deck"
     r"\bvote (?:for(?! (?:more|less|fewer|better|longer|shorter|extra)\b)|yes|no|against)\b"
     r"|\bvote \w+ (?:on|for) (?:the|prop|proposition|measure"
     r"|question|november|election)\b|\bre-?elect\b|\belect \w+\b|\bpaid for by\b"
     r"|\bvote \w+(?: \w+)? for clive city council\b"
     r"|\b(?:donate|contribute|give) to (?:my|our|the) (?:\w+ )?campaign\b"
     r"|\bsign (?:the|our|my|this) (?:\w+ )?petition\b|\bsupport (?:my|our) campaign\b"
     r"|\bvolunteer for (?:my|our|the) campaign\b"
     # asking for a sign, not seeing one ("found out about the hearing from a yard sign")
     r"|\b(?:get|grab|want|order|pick up|request|need) (?:a |your |one of our |free )?"
     r"yard signs?\b"
     # joining a party or a caucus: "Join the Polk County Democrats", "join DSA Des Moines"
     r"|\bjoin (?:the )?(?:\w+ ){0,3}(?:democrats|republicans|gop|dsa|caucus)\b"
     # "Vote Jeff Pollard for City Council", "I'm running for council", "campaign kickoff"
     r"|\bvote \w+(?: \w+)? for (?:city )?(?:council|mayor|school board|state house"
     r"|state senate|senate|congress|supervisor|sheriff|county)\b"
     r"|\b(?:i'?m|i am) running for\b|\bcampaign (?:kickoff|launch|event|rally)\b"
     r"|\bsign (?:our|the|my) pledge\b"),
    # --- social causes
    ("social", "strong", "donation ask",
     r"\b(?:please|pls|plz) (?:donate|contribute|help fund|chip in)\b|\bdonate (?:to|now"
     r"|today|here)\b|\b(?:need|needs|accepting|welcome|appreciate) (?:your |any )?"
     r"(?:donations|contributions)\b|\bevery dollar helps\b|\bevery little bit helps\b"
     r"|\bfundraiser\b|\bgofundme\b|\bgo fund me\b|\bvenmo\b|\bcash ?app\b"
     r"|\b(?:we'?re|we are|i'?m|i am) raising (?:money|funds)\b"
     r"|\bdonate (?:on|at|via|through) (?:our|my)\b"),
    ("social", "strong", "cause sign-up",
     r"\bjoin (?:the|our|us)(?: \w+){0,5} (?:rally|march|protest|coalition|movement|vigil"
     r"|walkout|boycott)\b|\bbring signs\b|\bspread the word\b"),
)

# Words that end a first-person statement of one's own vote ("I'm voting no", "I'll vote for").
# An adverb may come between ("I'll happily vote for"); "my vote against" is the writer's own.
_OWN_VOTE = re.compile(r"\b(?:i|i'?m|i'?ll|i will|we|we'?ll|i would|i'?d|gonna|going to|to|not"
                       # or someone else's, reported: "after telling us she'd vote no"
                       r"|(?:she|he|they)(?:'?d|'?ll| would| will| said she'?d| said he'?d)"
                       r"|never|won'?t|didn'?t|did|can'?t|cannot|should i|do i|where do"
                       r"|whether (?:you|we|they|i))"
                       r"(?:\s+[a-z]+ly)?\s*$"
                       # a vote as a noun, reported: "the 3-2 vote for the trail", "a vote no"
                       r"|(?:\b(?:the|this|that|its|their|unanimous|final|my)"
                       r"|\d\s*[-–]\s*\d|'s)\s*$")
_QUESTION_WORDS = re.compile(r"^\s*(?:is|are|can|could|does|do|did|will|would|how|where|when"
                             r"|what|why|which|who|should)\b")
_CITY_OWNED = re.compile(r"\b(?:the city'?s?|city of clive|city hall|city council|clive'?s)\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
# Before "check (it) out": the writer means to go and see, or borrow ("can't wait to check it
# out", "passes you can check out"), not an ask to look at something.
_OWN_VISIT = re.compile(r"\b(?:to|can|could|will|gonna|'ll|i'll|we'll|rather|would|'d"
                        r"|let (?:you|me|us|them|him|her)|lets (?:you|me|us)"
                        r"|don'?t|couldn'?t|can'?t|cannot|won'?t|wouldn'?t|didn'?t|never)"
                        r"(?:\s+(?:also|even|just|now))?\s+$")
# Asks that are only a name ("paid for by", "GoFundMe"): not an ask in a question or beside a
# warning about fakes; and a negation just before any ask ("do not donate to").
_BARE_NAMES = frozenset({"paid for by", "gofundme", "go fund me", "venmo", "cash app", "cashapp",
                         "fundraiser"})
_WARNING = re.compile(r"\b(?:fake|fakes|scam|scams|scammers?|real|legit|legitimate|verified|beware"
                      r"|fraud|fraudulent|careful)\b")
# A resident asking how to give, not asking others to ("is there a way to donate ...?").
_ASKS_HOW_TO_GIVE = re.compile(
    r"\b(?:how|where|way to|can|could|may)\b[^.!?\n]{0,30}\b(?:donate|contribute|give)\b"
    r"[^.!?\n]*\?"
    # ... or saying others should be free to ("let people donate to causes themselves")
    r"|\blet (?:people|residents|folks|us|them|taxpayers) (?:donate|contribute|give)\b")
_PRAISED = re.compile(r"\b(?:great|awesome|wonderful|amazing|fun|successful|nice|best|good"
                      r"|cool|lovely|fantastic)\s+$")
# A payment app is an ask only with somewhere to send money: a handle or cashtag, "venmo me",
# "my Venmo", "send it via Cash App", "send me $100".
_PAYMENT_APPS = frozenset({"venmo", "cash app", "cashapp"})
_PAY_HANDLE = re.compile(r"(?:venmo|cash ?app)(?: me\b|:? ?[@$]| (?:is|at|to) [@$]?\w*\d)"
                         r"|(?:my|our|his|her|their|send|sent|via|through|on) (?:venmo|cash ?app)"
                         r"|[@$][a-z][\w-]{2,}|\bsend (?:me|us) \$?\d")
# What a scammer demanded, reported: "wanted me to pay with", "told her to buy".
_DEMANDED = re.compile(r"\b(?:wanted|wants|asked|asks|told|tells|demanded|demands|instructed)"
                       r"\s+(?:me|us|him|her|them|you|people|my \w+)\s+to\s+(?:pay|buy|send)\b")
# "paid for by taxpayers", "paid for by our taxes": a complaint about spending, not a disclaimer.
_PAID_BY_PUBLIC = re.compile(r"\s+(?:the\s+)?(?:taxpayers?|taxes|our|your|us|residents|the city"
                             r"|sponsors?|donations?|donors?|grants?|fees|the state|the county"
                             r"|people|developers?|builders?|compan(?:y|ies)|whoever|those|them"
                             r"|someone|everyone|insurance)\b")
# How one paid, not a request to pay: "they took Venmo", "paid with Cash App".
_PAID_WITH = re.compile(r"\b(?:took|take|takes|accept|accepts|accepted|paid with|pay with"
                        r"|paid by|pay by|paid through|use|used)\s+$")
_NEGATED = re.compile(r"\b(?:not|never|don'?t|do not|no need to)\s*$")
# Cheap hints of a URL in the normalised text: a scheme, www, or a dot before two letters
# (every URL that :func:`~clive_rules.urls.find_urls` finds has one); each starts with a literal.
_URL_HINT = r"://|www|\.[^\W\d_]{2}"
# A vote on a measure (not for a person), whose item may be the post's own (see
# SolicitationRule._urges_a_vote_on_the_post).
_VOTE_ON_ITEM = re.compile(r"vote (?:yes|no|against|down)\b")
_SENTENCE_END = re.compile(r"[.!?\n]")
# An item on a ballot rather than before the officials the post is about.
_BALLOT_ITEM = re.compile(r"\b(?:prop|proposition|measure|amendment|referendum|initiative|levy"
                          r"|bond|ballot|candidate|november|election)\b")
# Lost and found: "message me" is how the owner gets their dog back.
_LOST_FOUND = re.compile(r"\b(?:lost|found|missing|stolen|reward|keep an eye out|keep an eye"
                         r" open|keep my eyes (?:open|peeled)|if i see (?:him|her|it|them))\b")
# A post announcing a decision that officials will take (a hearing, a vote, a proposal): urging
# them to vote on it is taking part, whatever words the resident uses for the item.
_DECISION_POST = re.compile(r"\b(?:public hearing|hearing|will consider|will vote|vote on"
                            r"|proposal|proposed|rezoning|ordinance|public input|public comment)\b")
# "vote X on/for the measure": the campaign-ask branch that has no literal but "vote".
_VOTE_ON = (r"vote \w+ (?:on|for) (?:the|prop|proposition|measure|question|november"
            r"|election)\b")


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


def _digits_before(tails: str) -> list[str]:
    """``"0 views"`` ... ``"9 likes"``: a number just before each of ``tails``."""
    return [f"{d} {t}" for d in "0123456789" for t in tails.split()]


# For each signal (by name): literals at least one of which is inside every match of the
# signal's pattern, as ``(keywords, infixes)``: a keyword starts a word in the normalised text
# (the patterns start their words with ``\b``), an infix may sit anywhere. They are the
# prefilter (for the signals that can lead to a finding) and tell :meth:`evaluate` which
# signals to look for at all. Each literal is the rarest piece the pattern cannot do without:
# "vote for" rather than "vote", the trade ("roofer") rather than "best".
_SIGNAL_KEYS: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "self-promotion": (
        (*_combos("check visit watch download view see hear try join like share", "my our"),
         "check out my", "check out our", "listen to my", "listen to our",
         "check me out", "check us out", "check em out", "check 'em out",
         "followers", *_combos("reach get hit gain more some", "subs views likes"),
         *(f"{a}{s1}{m}{s2}{b}" for a in ("follow", "like", "sub") for m in ("4", "a", "for")
           for b in ("follow", "like", "sub") for s1 in ("", " ") for s2 in ("", " ")),
         "channel", "vlog", "blog", "playlist", "mixtape", "podcast", "etsy", "online store",
         "online shop", "webstore", "link in my", "link in our", "links in my",
         "links in our", "find us", "look us up", "mention this", "show this", "follow @",
         "just opened", "taking new", "accepting new"),
        ("scri", *_digits_before("subs views likes"))),
    "subscribe ask": (
        ("sub to me", "sub to my", "sub for me", "sub for my", "sub my", "sub me", "sub back",
         "subback"),
        ("scri",)),
    "subscribe": ((), ("scri",)),
    "check it out": (
        ("check it out", "check this out", "check them out", "check that out", "check out",
         *_combos("please", "like watch visit view follow"),
         *(f"like {b} {c}" for b in ("this", "my") for c in ("comment", "video", "page", "post")),
         *(f"share my {c}" for c in ("comment", "video", "page", "post")),
         *(f"give {a} a {b}" for a in ("it", "me", "this", "us")
           for b in ("like", "thumbs up", "listen")),
         "follow me", "follow us", "click here", "click the link", "click this link",
         "click below", "click my", "click on my", "channel"),
        ()),
    "discount": (
        ("buy one", "bogo", *(f"{a} {b}code " for a in ("use", "with", "enter")
                              for b in ("", "promo ", "coupon ", "discount ")),
         "use promo ", "with promo ", "enter promo "),
        ("% off", "percent off")),
    "promo code": (("promo", "coupon", "discount"), ()),
    "free offer": (("free ",), ()),
    "free service": (("free ", "is free", "are free"), ()),
    "from home": (("work from home", "working from home"), ()),
    "sales pitch": (
        (*_combos("buy order shop book call", "now today"), "sign up now", "sign up today",
         "limited time", "act now", "for sale",
         *_combos("lowest unbeatable", "price"), "ship in", "ships in",
         "free delivery", "text now", "text today", "obo", "or best offer"),
        ()),
    "bargain": (("best price", "best deal", "best rate", "wholesale"), ()),
    "crypto": (("crypto", "bitcoin", "btc", "forex", "trading bot", "nft", "binary options"), ()),
    "limited offer": (
        ("today only", "tonight only", "this week only", "this weekend only", "this month only",
         "special"),
        ()),
    "check out my": ((), (" out my", " out our")),
    "business pitch": (
        ("roofer", "roofing", "plumber", "plumbing", "contractor", "lawyer", "attorney",
         "realtor", "agent", "landscaping", "cleaning", "painter", "painting", "mechanic",
         "electrician", "hvac", "movers", *_combos("we i", "sell offer install"), "gift"),
        ()),
    "price": (
        ("my business", "my company", "customers",
         *_combos("order buy", "your one it them from"), *_combos("we i", "buy repair fix clean")),
        ("$", " dollars")),
    "money scheme": (
        (*_combos("earn make making made makes earning earned",
                  "$ money cash extra up over thousands hundreds income 0 1 2 3 4 5 6 7 8 9"),
         "easy money", "fast money", "quick money", "extra income",
         "from home", "passive income", "financial freedom", "own boss",
         *_combos("building join", "my our"), "side hustle", "investment opportunity",
         "investment plan", "6-figure", "6 figure", "six figure", "six-figure",
         "independent distributor", "independent consultant", "followers",
         *_combos("get buy gain grow more real", "likes views")),
        ("scri", *_digits_before("likes views"))),
    "contact number": (
        (*(f"{verb} {digit}" for verb in ("call", "text", "call me at", "text me at",
                                          "call us at", "text us at")
           for digit in "0123456789("),
         "call or text", "text or call", "llame a", "llama a", "llamen a",
         # "call Dan at 515-...": a name between, so the number's area code after "at"
         *(f"at {a}{b}{c}" for a in "23456789" for b in "0123456789" for c in "0123456789"),
         "at ("),
        ()),
    "contact ask": (
        (*_combos("dm inbox pm whatsapp telegram", "me us"), "whatsapp", "telegram",
         *(f"message {a} {b}" for a in ("me", "us") for b in ("on", "to", "for")),
         *(f"{a} {b}{c}" for a in ("for", "to") for b in ("", "a ", "more ", "your ")
           for c in ("free", "quote", "info", "details", "learn", "order", "book", "more"))),
        ()),
    "proselytising": (
        (*_combos("accept", "jesus christ god allah"), "accept the lord",
         *(f"{a} {b}" for a in ("jesus", "christ", "god", "allah", "the lord")
           for b in ("loves you", "saves", "is coming", "died for", "wants you")),
         "repent", "be saved", "get saved", "born again", "pray with you", "as your savior",
         "as your lord and savior", "give your life", "give your heart", "the gospel",
         "hear the word", "the word of god"),
        ()),
    "worship": (
        ("church", "fellowship", "ministry", "ministries", "parish", "congregation", "mosque",
         "synagogue", "temple", "bible study", "worship", "mass", "sermon", "revival",
         "iglesia", "culto", "rosary", "prayer walk", "holy spirit"),
        ()),
    "invitation": (
        ("join us", *_combos("come", "join worship visit see celebrate"), "all are welcome",
         "everyone is welcome", "there's a seat", "theres a seat",
         "see you sunday", "see you this", "this sunday", "sunday service", "sunday morning",
         "visit us", "stop by", "come find", "open house", "los invitamos", "les invitamos",
         "come to our", "everyone is invited", "youre invited", "you're invited",
         "youre all invited", "you're all invited"),
        ()),
    "campaign ask": (
        ("vote ", "vote for", "vote yes", "vote no", "vote against", "re-elect", "reelect",
         "elect ", "paid for by", "campaign", "petition", "yard sign", "democrats",
         "republicans", "gop", "dsa", "caucus", "running for", "pledge", "for city council",
         "for clive city council",
         "for council", "for mayor", "for school board", "for state", "for senate",
         "for congress", "for supervisor", "for sheriff", "for county"),
        ()),
    "donation ask": (
        (*_combos("please pls plz", "donate contribute help chip"),
         "donate to", "donate now", "donate today", "donate here", "donations",
         "contributions", "every dollar helps", "every little bit helps", "fundraiser",
         "gofundme", "go fund me", "venmo", "cash app", "cashapp", "raising money",
         "raising funds", *_combos("donate", "on at via through")),
        ()),
    "cause sign-up": (("join the", "join our", "join us", "bring signs", "spread the word"), ()),
}
# Signals whose literals the prefilter leaves out: hints count only beside another commercial
# signal, and a place of worship only beside an invitation (so the invitation's literals,
# the rarer side, are enough).
_NOT_PREFILTERED = frozenset({"price", "worship"})
# "vote" alone would let every "Vote them out" through: the prefilter wants "vote for",
# "vote yes", ... or the "vote X on the measure" shape (:data:`_VOTE_ON`, a pattern that starts
# with a literal, which the regex scan skips to).
_NOT_PREFILTERED_LITERALS = frozenset({"vote "})


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


@attrs.frozen
class _Domains:
    """Domains, ready for :meth:`holds` (what :func:`~clive_rules.urls.domain_matches` tests,
    without tidying the list on every call)."""

    names: frozenset[str]
    suffixes: tuple[str, ...]

    @classmethod
    def of(cls, domains: Iterable[str]) -> _Domains:
        names = {str(d).strip().lower().lstrip(".") for d in domains if str(d).strip()}
        return cls(frozenset(names), tuple(sorted("." + d for d in names)))

    def holds(self, host: str) -> bool:
        """Whether ``host`` is one of the domains or a subdomain of one."""
        return host in self.names or host.endswith(self.suffixes)


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
    _groups: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _names: tuple[tuple[str, str, str], ...] = attrs.field(init=False, repr=False, eq=False)
    _events: re.Pattern[str] | None = attrs.field(init=False, repr=False, eq=False)
    _finder: Any = attrs.field(init=False, repr=False, eq=False)
    _domain_sets: Mapping[str, _Domains] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        signals = [(c, s, n, p, *_SIGNAL_KEYS[n]) for c, s, n, p in _SIGNALS]
        for category in CATEGORIES:
            phrases = _words(self.extra_phrases.get(category, ()))
            body = "|".join(re.escape(p) for p in phrases)
            if body:
                signals.append((category, "strong", "configured phrase", rf"\b(?:{body})\b",
                                (), phrases))
        object.__setattr__(self, "_groups", tuple(
            f"(?P<s{i}>{signal[3]})" for i, signal in enumerate(signals)))
        object.__setattr__(self, "_names", tuple((c, s, n) for c, s, n, *_ in signals))
        events = _words(self.city_events)
        object.__setattr__(self, "_events", re.compile(
            r"\b(?:" + "|".join(re.escape(e) for e in events) + r")\b") if events else None)
        # One automaton finds every signal's literals: for each, the signals it may belong to
        # (a bit each) and whether the prefilter counts it.
        entries: dict[tuple[str, bool], list[int]] = {}
        for index, (_, _, name, _, keywords, infixes) in enumerate(signals):
            for word_start, literals in ((True, keywords), (False, infixes)):
                for literal in literals:
                    entries.setdefault((literal, word_start), [0, 0])[0] |= 1 << index
                    if name not in _NOT_PREFILTERED and literal not in _NOT_PREFILTERED_LITERALS:
                        entries[(literal, word_start)][1] = 1
        object.__setattr__(self, "_finder", _literal_finder(entries))
        object.__setattr__(self, "_domain_sets", {
            name: _Domains.of(getattr(self, f"{name}_domains"))
            for name in ("city", "allowed", "shop", "fundraising", "shortener")})
        # The prefilter looks for every literal anywhere (as an infix), not only at the start
        # of a word: it hardly lets more through, and keywords would also send it every text
        # with a letter three times in a row ("sooo"), which only the word-list rules need.
        gating = {w for (w, _), (_, gate) in entries.items() if gate}
        object.__setattr__(self, "_prefilter", Prefilter(
            re.compile(f"{_URL_HINT}|{_VOTE_ON}"), "normalized", infixes=gating))

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

    def _scan(self, text: str) -> tuple[int, bool]:
        """The signals whose literals ``text`` holds (a bit each), and whether the prefilter
        matches ``text`` (the same test the engine makes, so that the rule agrees with it)."""
        mask, gate = 0, False
        for end, (length, entries) in self._finder.iter(text):
            start = end - length + 1
            after_letter = start > 0 and "a" <= text[start - 1] <= "z"
            for word_start, bits, gates in entries:
                gate = gate or gates
                if not (word_start and after_letter):
                    mask |= bits
        if not gate:
            gate = self._prefilter.pattern.search(text) is not None  # type: ignore[union-attr]
        return mask, gate

    def _text_signals(self, subject: Subject, mask: int | None = None) -> list[Signal]:
        norm = subject.norm
        text = norm.text
        out: list[Signal] = []
        if mask is None:
            mask = self._scan(text)[0]
        if not mask:
            return out
        # Only the signals whose literals are present can match: the pattern made of those
        # alone finds exactly what the pattern of all signals finds, many times faster.
        pattern = _union(tuple(g for i, g in enumerate(self._groups) if mask >> i & 1))
        for match in pattern.finditer(text):
            index = int((match.lastgroup or "s0")[1:])
            category, strength, name = self._names[index]
            start, end = match.span()
            if category == "political" and (
                    _OWN_VOTE.search(text[max(0, start - 30):start])
                    or self._urges_a_vote_on_the_post(subject, text, start, end)):
                continue
            # Invitations and sign-ups for the city's own events are never solicitation.
            if (strength != "strong" or category == "social") and self._city_sentence(
                    text, start, end):
                continue
            if (name == "check it out" and match.group().startswith("check")
                    and _OWN_VISIT.search(text, max(0, start - 16), start)):
                continue  # "can't wait to check it out", "you can check out museum passes"
            if name == "contact ask" and _LOST_FOUND.search(text):
                continue  # "found a set of keys ... message me to describe them"
            if strength == "weak" and name == "promo code" and self._is_question(text, start):
                continue
            if name == "crypto" and (_WARNING.search(self._sentence(text, start))
                                     or _DEMANDED.search(text, max(0, start - 40), start)):
                continue  # "the scammer wanted me to pay with Bitcoin", "bitcoin scam"
            if name in ("sales pitch", "limited offer", "subscribe") and self._is_question(
                    text, start):
                continue  # "Is food for sale or bring your own?", "free today only?"
            if (name == "donation ask" and match.group() == "fundraiser"
                    and _PRAISED.search(text, max(0, start - 16), start)):
                continue  # "such a great fundraiser": the post's, praised
            if (name == "donation ask" and match.group() in _PAYMENT_APPS
                    and not _PAY_HANDLE.search(subject.content.text.lower())):
                continue  # "Venmo!! Finally", "venmo is great": the city's way to pay named
            if name in ("campaign ask", "donation ask") and (
                    _NEGATED.search(text, max(0, start - 12), start)
                    or (match.group() in _BARE_NAMES
                        and (self._is_question(text, start)
                             or _PAID_BY_PUBLIC.match(text, end)
                             or _PAID_WITH.search(text, max(0, start - 16), start)
                             or _WARNING.search(self._sentence(text, start))))):
                # "do not donate to anyone calling", "is this paid for by the club or the
                # city?", "let us know which GoFundMe is the real one"
                continue
            if name == "donation ask" and _ASKS_HOW_TO_GIVE.search(self._sentence(text, start)):
                continue  # "is there a way to donate to the scholarship fund?"
            a, b = norm.span(start, end)
            out.append(Signal(category, strength, name, a, b))
        return out

    @staticmethod
    def _urges_a_vote_on_the_post(subject: Subject, text: str, start: int, end: int) -> bool:
        """Whether the ask is "vote no on the rezoning" under a post about the rezoning: a
        resident urging the officials who decide the post's own item, which is taking part in
        the discussion the city opened, not campaigning. A vote *for* someone is not."""
        parent = subject.content.parent_text
        if not parent or _VOTE_ON_ITEM.match(text, start, end) is None:
            return False
        sentence_end = _SENTENCE_END.search(text, end)
        item = text[end:sentence_end.start() if sentence_end else len(text)]
        words = set(re.findall(r"[a-z]{5,}", item))
        parent = parent.lower()
        if _BALLOT_ITEM.search(item) is not None and _BALLOT_ITEM.search(parent) is None:
            return False  # "vote YES on the school bond" under a post about school zones
        if not item.strip(" ,;:-!") and _DECISION_POST.search(parent) is not None:
            return True  # a bare "Vote no." under a post about a proposal: on the post's item
        return bool(words) and (not words.isdisjoint(re.findall(r"[a-z]{5,}", parent)) or (
            _DECISION_POST.search(parent) is not None and _BALLOT_ITEM.search(item) is None))

    @staticmethod
    def _sentence(text: str, position: int) -> str:
        """The sentence of ``text`` that holds ``position`` ("" if none does)."""
        for match in _SENTENCE.finditer(text):
            if match.start() <= position < match.end():
                return match.group()
        return ""

    @classmethod
    def _is_question(cls, text: str, position: int) -> bool:
        sentence = cls._sentence(text, position)
        return sentence.rstrip().endswith("?") or bool(_QUESTION_WORDS.match(sentence))

    def _trusted(self, url: Url) -> bool:
        """A link to the city, a government or school site, or an allowed domain."""
        sets = self._domain_sets
        return (sets["city"].holds(url.host) or sets["allowed"].holds(url.host)
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
            if self._domain_sets["fundraising"].holds(url.host):
                category = "political" if "petition" in (url.host + url.path).lower() else "social"
                out.append(Signal(category, "strong", f"link to {url.registered_domain}",
                                  url.start, url.end))
            elif self._domain_sets["shop"].holds(url.host):
                out.append(Signal("commercial", "strong", f"shop link {url.registered_domain}",
                                  url.start, url.end))
            elif self._domain_sets["shortener"].holds(url.host):
                out.append(Signal("commercial", "weak", "shortened link", url.start, url.end))
            else:
                out.append(Signal("commercial", "weak",
                                  f"outside link {url.registered_domain or url.host}",
                                  url.start, url.end))
        return out

    # -- evaluation --------------------------------------------------------------------------

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """At most one finding per category, citing its strongest signal."""
        mask, gate = self._scan(subject.norm.text)
        if not gate:
            return []  # the prefilter is part of the rule, so it is exactly a superset
        return self._findings(subject, mask)

    def _findings(self, subject: Subject, mask: int = -1) -> list[Finding]:
        """The findings, whatever the prefilter says, looking for the signals in ``mask`` (a
        bit each; all by default): the tests check the prefilter against this."""
        signals = self._text_signals(subject, mask)
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
        if category == "commercial" and not strong and not weak:
            # a number to call and a price ("$40 a visit ... text Dustin 515-555-0187"): an
            # ad, or a resident passing on what the city charges: a person decides
            numbers = [s for s in hints if s.name == "contact number"]
            if not numbers or len(hints) < 2:
                return None
            weak, hints = numbers[:1], []
        if category != "religious" and not strong and not weak:
            return None
        lead = (strong or weak)[0]
        in_text = [s for s in signals if s.end > s.start]
        start = min((s.start for s in in_text), default=0)
        end = max((s.end for s in in_text), default=0)
        names = ", ".join(dict.fromkeys(s.name for s in signals))
        if category == "commercial" and all(_promotion_only(s) for s in strong + weak):
            # "Check out my blog post on the Greenbelt's history: <link>": pointing at one's own
            # work, selling nothing and asking nothing; often on topic, so a person decides.
            decision, confidence = Decision.REVIEW, 0.6
            what = ("Self-promotion" if any(s.name in _PROMOTION for s in signals)
                    else "Outside links")
            why = (f"{what} ({names}) with nothing sold or asked for; a person checks whether "
                   "it is on topic.")
        elif category == "commercial" and not weak and len(strong) == 1 and all(
                s.name == "discount" for s in strong) and not any(
                s.name.startswith("outside link") for s in signals):
            # "Rain barrels are 50% off at Metro Waste this month": a deal passed on, or an ad
            # with nothing else of one (no link, no code, no number, no pitch); a person
            # decides.
            decision, confidence = Decision.REVIEW, 0.6
            why = (f"A discount ({names}) with nothing else of an ad; a person checks whether "
                   "it is a sales pitch or a deal passed on.")
        elif category == "commercial":
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
_PROMOTION = frozenset({"self-promotion", "check it out", "check out my"})


def _promotion_only(signal: Signal) -> bool:
    """Whether ``signal`` only points at something (one's own work, a page, an outside link)."""
    return signal.name in _PROMOTION or signal.name.startswith("outside link")


@functools.lru_cache(maxsize=512)
def _union(groups: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern of the given signal groups (compiled once per combination)."""
    return re.compile("|".join(groups))


def _literal_finder(entries: Mapping[tuple[str, bool], Sequence[int]]) -> Any:
    """An Aho-Corasick automaton: literal -> (length, ((word start?, signal bits, gates), ...))."""
    import ahocorasick

    by_literal: dict[str, list[tuple[bool, int, bool]]] = {}
    for (literal, word_start), (bits, gate) in entries.items():
        by_literal.setdefault(literal, []).append((word_start, bits, bool(gate)))
    automaton = ahocorasick.Automaton()
    for literal, found in by_literal.items():
        automaton.add_word(literal, (len(literal), tuple(found)))
    automaton.make_automaton()
    return automaton


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
