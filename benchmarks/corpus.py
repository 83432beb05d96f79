"""Deterministic synthetic comments like those residents leave on the City of Clive's accounts.

No network and no shared data: everything comes from templates and slot fillers below, driven by
one seeded ``random.Random``. The same ``(n, seed)`` always gives the same records, and
``generate(n)`` is a prefix of ``generate(m)`` for ``n < m``.

Mix (per record, by weighted draw): ~80% benign (questions, complaints, thanks, criticism of
officials, suggestions, replies), ~7% profane (plain and obfuscated: ``f*ck``, ``sh1t``,
``fuuuck``, fullwidth, Cyrillic look-alikes, zero-width characters, spacing), ~5% personal
information (515-555-xxxx phones, e-mail addresses, street addresses), ~5% spam / solicitation,
~3% misc (cityofclive.com links, long multi-sentence texts up to ~1,000 characters, emoji,
Spanish). Average length is about 100 characters.

Each record is a dict with ``id, text, kind, platform, account, parent_text`` (the optional
fields ``clive-rules scan`` accepts; ``kind`` is "comment" or "reply", replies carry the
city post they answer in ``parent_text``) plus ``category`` (benign, profane, pii, spam, misc),
the generator's own label. JSON Lines output leaves ``category`` out (``clive-rules scan``
rejects unknown fields) unless asked for.

``python benchmarks/corpus.py N [SEED] [--category] > out.jsonl`` writes JSON Lines to stdout.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

Filler = Sequence[str] | Callable[[random.Random], str]

# --------------------------------------------------------------------------- slot fillers

DEPARTMENTS = (
    "Public Works", "Parks and Recreation", "the Police Department", "the Fire Department",
    "Community Development", "Building Inspections", "the City Clerk's office", "Finance",
    "Utility Billing", "Engineering", "Planning and Zoning", "the Streets Division",
    "Code Enforcement", "Animal Control", "Human Resources", "the Water Department",
)  # fmt: skip
PLACES = (
    "the Clive Aquatic Center", "Lake Clive Park", "Campbell Recreation Area", "Greenbelt Park",
    "the Clive Greenbelt Trail", "the Clive Community Center", "City Hall", "the dog park",
    "the Public Safety Building", "Country Club Park", "the sledding hill", "the skate park",
    "the splash pad", "Harvest Ridge Park", "the pickleball courts", "the library branch",
)  # fmt: skip
STREETS = (
    "NW 86th St", "University Ave", "Hickman Rd", "NW 114th St", "NW 100th St", "NW 128th St",
    "Westown Pkwy", "Woodland Ave", "Swanson Blvd", "NW 156th St", "Clive Dr", "Aurora Ave",
    "Meredith Dr", "NW 142nd St", "Tanglewood Dr", "Plum Dr", "Lincoln Ave", "Berkshire Pkwy",
)  # fmt: skip
TIMES = (
    "7 AM", "8:30 am", "noon", "5 PM", "6:30 tonight", "Tuesday morning", "this weekend",
    "after 10 pm", "Saturday", "tomorrow", "Friday night", "Sunday afternoon", "around 3",
)  # fmt: skip
SINCES = (
    "since Monday", "for three weeks", "all winter", "since the storm", "for over a month",
    "every night this week", "since last summer", "for two years now",
)  # fmt: skip
EVENTS = (
    "the Clive Festival", "the Fourth of July fireworks", "Trick or Treat night",
    "the farmers market", "Movie in the Park", "the Greenbelt cleanup day", "Santa's Workshop",
    "the city council meeting", "the budget hearing", "Shred Day", "spring cleanup week",
    "Touch-a-Truck", "the Easter egg hunt", "Music in the Park", "the 5K fun run",
)  # fmt: skip
OFFICIALS = (
    "the mayor", "the city manager", "the city council", "Councilmember Ortiz",
    "Councilmember Hale", "the police chief", "the fire chief", "the public works director",
    "the parks director", "the city clerk", "Mayor Lindqvist", "the planning commission",
    "the finance director", "the city engineer", "our council members",
)  # fmt: skip
ISSUES = (
    "the potholes", "snow plowing", "leaf pickup", "the water bill", "trash pickup",
    "recycling pickup", "the street lights being out", "the broken sidewalk", "speeding cars",
    "the noise from the construction", "loose dogs", "standing water", "low tree branches",
    "the detour signs", "the traffic light timing", "geese on the trail", "the flooding",
)  # fmt: skip
PROJECTS = (
    "the Hickman Rd widening", "the new aquatic center slide", "the trail bridge replacement",
    "the City Hall roof", "the roundabout on NW 114th", "the stormwater project",
    "the new fire station", "the Greenbelt expansion", "the sidewalk program",
)  # fmt: skip
FEES = (
    "water rates", "the stormwater fee", "pool passes", "property taxes", "the trash fee",
    "permit fees", "shelter rental prices",
)  # fmt: skip
ACTIONS = (
    "plowing our street before 6 am", "fixing the water main so fast", "the fireworks show",
    "getting the trail reopened", "helping my dad after his fall", "the great swim lessons",
    "clearing the storm drains", "patching the potholes on our block", "finding our lost dog",
    "the quick response last night", "keeping the parks so clean", "the free mulch",
)  # fmt: skip
AMOUNTS = ("$2 million", "$400,000", "30%", "two years", "$85,000", "half a million dollars")
ANIMALS = ("dog", "cat", "beagle", "golden retriever", "tabby cat", "parrot", "husky")
EMOJI = ("👍", "🙏", "❤️", "😡", "😂", "👏", "🎆", "☃️", "🌳", "🙄")
FIRST = ("james", "maria", "dave", "jen", "kim", "tom", "lisa", "ahmed", "sara", "mike", "pat")
LAST = ("johnson", "nguyen", "miller", "garcia", "olson", "peterson", "smith", "larson", "kaur")
SURNAMES_TITLE = ("Officer Miller", "Sgt. Olson", "Inspector Garcia", "Ms. Peterson", "Mr. Larson")
SHOPS = (
    "https://bestdeals-shop.example/clive", "http://cheapfollowers.example.net",
    "https://bit.ly/3xQz9Lk", "www.megasale-outlet.example", "https://tinyurl.com/yc8k2p4m",
    "shopnow-discounts.example.com/promo", "https://vlogs-by-kay.example/watch",
)  # fmt: skip
PRODUCTS = ("sunglasses", "phone cases", "CBD gummies", "sneakers", "weight loss tea", "hoodies")
CITY_PAGES = (
    "https://www.cityofclive.com/parks-recreation/aquatic-center",
    "https://www.cityofclive.com/public-works/snow-removal",
    "https://www.cityofclive.com/government/city-council/agendas",
    "https://cityofclive.com/utility-billing",
    "https://www.cityofclive.com/police/report-a-concern",
    "cityofclive.com/events",
)  # fmt: skip

# Words a naive substring filter trips on; they appear in ordinary benign comments.
LOOKALIKE_BENIGN = (
    "The county assessor raised my assessment again, who do I talk to about that?",
    "Bass were biting at Lake Clive this morning, great spot for the kids.",
    "Class registration for swim lessons opens {time}, set your alarms.",
    "Is Dickinson Ave getting repaved this year or next?",
    "Thanks for the classic car show, the grass was cut perfect.",
    "The Scunthorpe exchange students loved the fire station tour!",
    "Can Public Works pass along that the hydrant on Cockrell Dr is leaking?",
    "Anyone know a good therapist or analyst in town? Asking for a friend.",
    "My grandpa used a hoe in his garden plot at the community garden for 20 years.",
    "Shiitake mushrooms are back at the farmers market, get there early.",
)  # fmt: skip

# --------------------------------------------------------------------------- obfuscation

_CYRILLIC = str.maketrans({"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у"})
_LEET = str.maketrans({"i": "1", "o": "0", "a": "@", "e": "3", "s": "$"})
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad")


def _fullwidth(word: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in word)


def _star_vowel(word: str, rng: random.Random) -> str:
    vowels = [i for i, ch in enumerate(word) if ch in "aeiou"]
    if not vowels:
        return word
    i = rng.choice(vowels)
    return word[:i] + "*" + word[i + 1 :]


def _stretch(word: str, rng: random.Random) -> str:
    # "fuuuck": repeat one inner letter, a vowel when there is one
    inner = range(1, max(2, len(word) - 1))
    i = rng.choice([j for j in inner if word[j] in "aeiou"] or list(inner))
    return word[: i + 1] + word[i] * rng.randint(2, 4) + word[i + 1 :]


def _zero_width(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice(_ZERO_WIDTH) + word[i:]


def _homoglyph(word: str, rng: random.Random) -> str:
    # replace one letter (not all): "fuсk" with a Cyrillic es is the realistic attack
    spots = [i for i, ch in enumerate(word) if ch in "aceopxy"]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[:i] + word[i].translate(_CYRILLIC) + word[i + 1 :]


OBFUSCATIONS: tuple[tuple[str, Callable[[str, random.Random], str]], ...] = (
    ("plain", lambda w, r: w),
    ("plain", lambda w, r: w),
    ("upper", lambda w, r: w.upper()),
    ("star", _star_vowel),
    ("leet", lambda w, r: w.translate(_LEET)),
    ("stretch", _stretch),
    ("fullwidth", lambda w, r: _fullwidth(w)),
    ("cyrillic", _homoglyph),
    ("zero-width", _zero_width),
    ("spaced", lambda w, r: " ".join(w)),
    ("dotted", lambda w, r: ".".join(w)),
)

SWEAR_ADJ = ("fucking", "shitty", "damn", "goddamn", "freaking fucking", "bullshit")
SWEAR_NOUN = ("bullshit", "shit", "crap", "horseshit")
SWEAR_INSULT = ("asshole", "dumbass", "jackass", "piece of shit", "fucking idiot", "dipshit")
SWEAR_EXCL = ("fuck", "shit", "wtf", "fuck this", "holy shit")


def _swear(words: Sequence[str]) -> Callable[[random.Random], str]:
    def fill(rng: random.Random) -> str:
        word = rng.choice(words)
        _, transform = rng.choice(OBFUSCATIONS)
        return transform(word, rng)

    return fill


# --------------------------------------------------------------------------- personal information


def _phone(rng: random.Random) -> str:
    line = f"{rng.randrange(10000):04d}"
    return rng.choice(
        (f"515-555-{line}", f"(515) 555-{line}", f"515.555.{line}", f"+1 515 555 {line}",
         f"5155551{line[1:]}")
    )  # fmt: skip


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    user = rng.choice((f"{first}.{last}", f"{first}{rng.randint(1, 99)}", f"{first[0]}{last}"))
    return f"{user}@{rng.choice(('example.com', 'example.org', 'mail.example.net'))}"


def _address(rng: random.Random) -> str:
    street = f"{rng.randint(100, 16999)} {rng.choice(STREETS)}"
    return rng.choice((street, f"{street}, Clive, IA 50325", f"{street} Apt {rng.randint(1, 40)}"))


def _code(rng: random.Random) -> str:
    return rng.choice(("SAVE", "CLIVE", "DEAL", "FREE", "VIP")) + str(rng.randint(10, 90))


# --------------------------------------------------------------------------- templates

SLOTS: dict[str, Filler] = {
    "department": DEPARTMENTS, "place": PLACES, "street": STREETS, "street2": STREETS,
    "time": TIMES, "since": SINCES, "event": EVENTS, "official": OFFICIALS, "issue": ISSUES,
    "project": PROJECTS, "fee": FEES, "action": ACTIONS, "amount": AMOUNTS, "animal": ANIMALS,
    "emoji": EMOJI, "employee": SURNAMES_TITLE, "shop": SHOPS, "product": PRODUCTS,
    "page": CITY_PAGES, "phone": _phone, "email": _email, "address": _address, "code": _code,
    "n": lambda r: str(r.randint(2, 40)), "pct": lambda r: str(r.choice((20, 30, 50, 70))),
    "adj": _swear(SWEAR_ADJ), "noun": _swear(SWEAR_NOUN), "insult": _swear(SWEAR_INSULT),
    "excl": _swear(SWEAR_EXCL),
}  # fmt: skip

BENIGN = (
    # questions
    "What time does {place} open {time}?",
    "Is {street} still closed near {street2}? Trying to get to work by {time}.",
    "Does anyone know if {event} is still happening with this weather?",
    "Who do I call about {issue} on {street}? {department} hasn't called back.",
    "When is {event} this year? I couldn't find it on the website.",
    "Are dogs allowed at {place}? We just moved here {emoji}",
    "How do I pay my water bill online? The old link doesn't work anymore.",
    "Will {event} be moved to {place} if it rains?",
    "Is there a permit needed for a fence in the backyard? Our lot backs up to {street}.",
    "Can someone from {department} tell me when {project} will be done?",
    "Where do we drop off yard waste now that the site on {street} closed?",
    "Is {place} hiring lifeguards this summer? My daughter is 16.",
    "Do you need to be a resident to reserve a shelter at {place}?",
    # complaints
    "{issue} on {street} has been terrible {since}. Please send someone out.",
    "Third time calling {department} about {issue} near {place}. Nobody has come out yet.",
    "Why does it take {n} days to fix one streetlight on {street}?",
    "The intersection of {street} and {street2} is dangerous at {time}. We need a light there.",
    "Our street got skipped again for {issue}. {street}, in case anyone is reading this.",
    "{place} was a mess {time}. Trash everywhere and the restrooms were locked.",
    "The detour for {project} sends everyone through our neighborhood. Kids play here!",
    "Not happy that {event} was cancelled with one hour notice. Some of us drove from {street}.",
    "People are doing 50 on {street} every morning. Where is enforcement?",
    # thanks
    "Huge thanks to {department} for {action}! {emoji}",
    "Shoutout to the crew on {street} {time}, you all did great work. {emoji}",
    "Thank you {department}! {event} was so much fun for our family.",
    "We love {place}. Best part of living in Clive {emoji}",
    "Appreciate {department} for {action}. Made our week.",
    "Great job on {event} this year, the kids are still talking about it.",
    # criticism of officials
    "{official} needs to explain why {project} went {amount} over budget.",
    "Disappointed that {official} voted to raise {fee} again. Residents deserve better.",
    "The council ignored everyone who spoke at {event}. Vote them out next November.",
    "With respect, {official} is wrong about {issue}. Look at the actual numbers.",
    "{official} promised {project} would be done by spring. It's fall. Accountability please.",
    "I don't think {official} has driven down {street} at {time}, or they would fix it.",
    "Raising {fee} by {pct}% while {project} sits unfinished is poor leadership from {official}.",
    "Why is {official} spending money on {project} when {issue} is still a problem?",
    # suggestions / other
    "Suggestion: put a crosswalk at {street} and {street2}. Lots of kids walk to school there.",
    "It would be nice if {place} stayed open until 9 in the summer.",
    "Could {department} post the leaf pickup schedule here too? Not everyone checks the website.",
    "Lost {animal} near {place}, brown collar, answers to Max. Please share!",
    "Found a {animal} by {street} and {street2}, bringing it to Animal Control {time}.",
    "Our family has lived off {street} for {n} years and this is the best snow removal yet.",
    "Agreed with the comment above. {issue} has gotten worse {since}.",
    "Love this! {emoji} See everyone at {event}.",
    "Thank you {official} for listening to residents about {issue}.",
    "Will there be parking at {place} for {event}?",
)  # fmt: skip

PROFANE = (
    "{issue} on {street} is {adj} ridiculous. Fix it already.",
    "{excl}, {department} still hasn't fixed {issue} {since}.",
    "This is {noun}. {official} doesn't care about us.",
    "Fix the {adj} potholes on {street} before my car falls apart.",
    "{official} is a {insult}.",
    "Whoever decided to close {street} during rush hour is a {insult}.",
    "What the {excl} is going on with {department}??",
    "Raising {fee} again? What a load of {noun}.",
    "{excl} this {adj} detour {emoji}",
    "My {animal} got out and some {insult} on {street} yelled at my kids.",
    "The {adj} trash truck woke me up at 5 am again.",
)  # fmt: skip

PII = (
    "My neighbor at {address} keeps blocking the sidewalk with his trailer. Call me at {phone}.",
    "Found a {animal} near {place}. Text me at {phone} to claim it.",
    "If anyone has info about the break-in on {street}, email me at {email}.",
    "Lost wallet at {place} {time}. Please call {phone} or email {email}, reward offered.",
    "{employee} from {department} lives at {address}, go ask them yourself.",
    "Here is {employee}'s cell: {phone}. Maybe she will answer you.",
    "Selling our house at {address}, message me at {email} if interested.",
    "The party house at {address} is loud every weekend. Its owner's number is {phone}.",
    "Please contact me at {email} or {phone} about {issue}, I've waited {n} days.",
    "I'm organizing a cleanup at {place}, RSVP to {email}.",
)  # fmt: skip

SPAM = (
    "Use promo code {code} for {pct}% off at {shop} !!!",
    "Check out my channel {shop} for daily vlogs, like and subscribe {emoji}",
    "Work from home and earn $500/day like I do, DM me for details!!",
    "Get cheap followers and likes at {shop}",
    "Best prices on {product} at {shop}. Free shipping today only!",
    "CRYPTO GIVEAWAY 🚀 send 0.1 BTC and get 1 BTC back, link in bio",
    "Hey Clive! I just opened my {product} shop, please check it out: {shop}",
    "Sub to my channel and I'll sub back {emoji} {shop}",
    "Make money fast with my free course: {shop} (use code {code})",
    "Join our prayer group every Sunday, visit {shop} for details and donations.",
    "Vote for my candidate! Donate at {shop} before Friday.",
)  # fmt: skip

MISC = (
    "Here's the schedule: {page}",
    "More info on {event}: {page}",
    "Report it here {page} and they'll send someone.",
    "👍👍👍",
    "{emoji}",
    "¿A qué hora abre {place} el sábado?",
    "Gracias a {department} por su ayuda {emoji}",
)  # fmt: skip

POSTS = (
    "Reminder: {event} is {time} at {place}. See you there!",
    "{street} will be closed between {street2} and Hickman Rd for {project}.",
    "Snow ordinance is in effect. Please move vehicles off the street.",
    "Leaf pickup starts Monday. Have leaves at the curb by 7 AM.",
    "{place} opens for the season {time}!",
    "Join us for {event}. Details on our website.",
    "Public input wanted on {project}. Share your thoughts below.",
)  # fmt: skip

CATEGORIES: tuple[tuple[str, float, Sequence[str]], ...] = (
    ("benign", 0.80, BENIGN),
    ("profane", 0.07, PROFANE),
    ("pii", 0.05, PII),
    ("spam", 0.05, SPAM),
    ("misc", 0.03, MISC),
)
PLATFORMS = ("facebook", "facebook", "facebook", "instagram", "x", "nextdoor", "youtube")
# Department account slugs (the core's [city] departments), so the off-topic and routing rule,
# which only judges comments on a known department account, is exercised too.
ACCOUNTS = ("city-manager", "police", "parks", "fire", "public-works")
LONG_SHARE = 0.4  # share of misc records that are long multi-sentence comments
LOOKALIKE_SHARE = 0.04  # share of benign records drawn from LOOKALIKE_BENIGN
SECOND_SENTENCE = 0.25  # share of benign records that go on for a second sentence

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    """Replace every ``{slot}`` with a fresh draw from its filler."""

    drawn: dict[str, str] = {}

    def draw(match: re.Match[str]) -> str:
        slot = match.group(1)
        filler = SLOTS[slot]
        value = filler(rng) if callable(filler) else rng.choice(filler)
        while slot.endswith("2") and value == drawn.get(slot[:-1]):  # "{street} and {street2}"
            value = filler(rng) if callable(filler) else rng.choice(filler)
        drawn[slot] = value
        return value

    text = _SLOT.sub(draw, template).strip()
    return text[:1].upper() + text[1:]


def _long_text(rng: random.Random) -> str:
    """A rambling resident comment of roughly 250-1,000 characters."""
    limit = rng.randint(250, 900)  # plus an optional link: at most ~1,000
    parts = [fill(rng.choice(BENIGN), rng)]
    while True:
        extra = fill(rng.choice(BENIGN), rng)
        if sum(len(p) + 1 for p in parts) + len(extra) > limit:
            break
        parts.append(extra)
    if rng.random() < 0.3:
        parts.append(fill(rng.choice(MISC[:3]), rng))
    return " ".join(parts)


def _pick_category(rng: random.Random) -> tuple[str, Sequence[str]]:
    draw = rng.random()
    for name, share, templates in CATEGORIES:
        if draw < share:
            return name, templates
        draw -= share
    return CATEGORIES[0][0], CATEGORIES[0][2]


def iter_records(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Yield ``n`` records one at a time (constant memory)."""
    rng = random.Random(seed)
    for i in range(n):
        category, templates = _pick_category(rng)
        if category == "misc" and rng.random() < LONG_SHARE:
            text = _long_text(rng)
        elif category == "benign" and rng.random() < LOOKALIKE_SHARE:
            text = fill(rng.choice(LOOKALIKE_BENIGN), rng)
        else:
            text = fill(rng.choice(templates), rng)
            if category == "benign" and rng.random() < SECOND_SENTENCE:
                text += " " + fill(rng.choice(BENIGN), rng)
            if rng.random() < 0.08:
                text = text.lower()
        is_reply = rng.random() < 0.3
        yield {
            "id": f"c{seed}-{i:07d}",
            "text": text,
            "kind": "reply" if is_reply else "comment",
            "platform": rng.choice(PLATFORMS),
            "account": rng.choice(ACCOUNTS),
            "parent_text": fill(rng.choice(POSTS), rng) if is_reply else None,
            "category": category,
        }


def generate(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` records as a list (see the module docstring for the keys)."""
    return list(iter_records(n, seed))


def write_jsonl(path: str | Path, n: int, seed: int = 0, *, category: bool = False) -> Path:
    """Stream ``n`` records to ``path`` as JSON Lines in constant memory.

    The file is valid ``clive-rules scan`` input: None-valued fields (``parent_text`` of
    top-level comments) and, unless ``category`` is true, the ``category`` label are left out.
    """
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for record in iter_records(n, seed):
            out.write(to_json_line(record, category=category))
    return path


def to_json_line(record: dict[str, Any], *, category: bool = False) -> str:
    """One JSON Lines row without None-valued fields (and without ``category`` unless asked)."""
    kept = {k: v for k, v in record.items() if v is not None and (category or k != "category")}
    return json.dumps(kept) + "\n"


def main(argv: Sequence[str]) -> None:
    category = "--category" in argv
    args = [a for a in argv if a != "--category"]
    if not args or len(args) > 2:
        raise SystemExit("usage: python benchmarks/corpus.py N [SEED] [--category] > out.jsonl")
    seed = int(args[1]) if len(args) > 1 else 0
    try:
        for record in iter_records(int(args[0]), seed):
            sys.stdout.write(to_json_line(record, category=category))
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()


if __name__ == "__main__":
    main(sys.argv[1:])
