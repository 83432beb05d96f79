"""Personal information (12.4.D.7 about employees; 12.4.D.4 when it exposes a member of the public).

Two layers, kept apart so each can be tested and measured:

1. :class:`PiiDetector` finds *entities* in the original text, whoever they belong to: phone
   numbers (``phonenumbers``, libphonenumber's port, region US, plus numbers next to a phone
   word such as "Phone:" or "call"), e-mail addresses, street addresses (a pattern for the house
   number and street, confirmed by the ``usaddress`` parser, then the city, state, postcode and
   country lines after it), US social security numbers (area not 000, 666 or 900-999, group not
   00, serial not 0000), payment cards (13-19 digits passing Luhn), IBANs (ISO 13616 mod-97),
   IP addresses (checked by :mod:`ipaddress`), and, only next to a context word, driver's
   licence numbers ("license", "DL"), vehicle plates ("plate") and dates of birth ("born",
   "DOB", "birthday"). Expensive parsers run only on candidates.
2. :class:`PersonalInfoRule` decides what each entity means here:

   * the city's official phones, addresses and e-mail domains (``[city]``) are never flagged;
   * near an employee (a roster name or title from ``[city] employees``, or a title word such as
     "Officer", "Sgt.", "clerk", "director"): 12.4.D.7. Contact and location details (home
     address, personal phone or e-mail, card, SSN, plate) are removed; softer details (date of
     birth, medical or family matters, a personal social account, a street without a number)
     go to review;
   * no employee, but an identifier that enables fraud (SSN, card, IBAN, licence number):
     12.4.D.4, removed to protect the person, even when they posted their own;
   * no employee, a phone, e-mail, street address or IP address said to be someone else's
     ("her number", "my neighbor lives at"): 12.4.D.4, review;
   * a resident's own or a business's contact details ("call me back at ...", "email me at
     ..."): nothing. Residents give the city their number to be called back, and addresses to
     report problems; hiding those would be a wrong removal.

Evidence is masked (``515-***-**47``, ``j***@example.com``, ``***-**-1234``,
``**** **** **** 1111``) so verdicts and logs do not spread what they report; the span still
points at the original, which the record store keeps.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules.base import AnyPattern, Prefilter, Subject
from clive_rules.text import Normalizer
from clive_rules.verdict import Decision, Finding

__all__ = [
    "ENTITY_TYPES",
    "Employee",
    "Entity",
    "PersonalInfoRule",
    "PiiDetector",
    "clive_config_defaults",
    "clive_register_rules",
    "luhn_ok",
    "mask",
    "ssn_ok",
]

EMPLOYEE_CLAUSE = "12.4.D.7"
PUBLIC_CLAUSE = "12.4.D.4"
ENTITY_TYPES = ("phone", "email", "address", "ssn", "card", "iban", "ip", "licence", "plate",
                "dob", "private_life")
"""What the detector reports; ``private_life`` is found only next to an employee."""

# --------------------------------------------------------------------------- validators


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (payment cards)."""
    if not digits.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def ssn_ok(area: str, group: str, serial: str) -> bool:
    """Whether the parts could be a US social security number (SSA's issuing rules)."""
    return (area not in ("000", "666") and not area.startswith("9") and group != "00"
            and serial != "0000")


def iban_ok(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN with a valid ISO 13616 mod-97 checksum."""
    compact = text.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


# Words that make a street without a number someone's home ("Sgt. Pike lives on Elm Street").
# What makes an address an employee's home: the employee (a title, then up to three more name
# words) owns it ("Sgt. Pike's home address is", "Officer Reed's house:") or lives there
# ("Officer Reed lives at", "Inspector Garcia from Code Enforcement lives at"), right before
# the address; or "his/her/their home is" right before it.
_HOME_NOUN = (r"(?:new\s+|own\s+|personal\s+|private\s+|home\s+)?(?:home|house|residence"
              r"|address|apartment|condo|place)\b(?:\s+address)?\s*(?:is\s*|:\s*|-\s*)?"
              r"(?:at\s+|on\s+)?$")
_EMPLOYEE_HOME = re.compile(
    r"(?i)^(?:\s+[\w.’'-]+){0,3}?(?:'s|’s)\s+" + _HOME_NOUN
    + r"|^(?:\s+[\w.’'-]+){0,6}?\s+(?:lives|living|stays|staying|resides|moved)"
      r"(?:\s+(?:over\s+)?(?:at|on|to|in))?\s*[:?\-]?\s*$")
# "The library's phone is ...": an institution's contact details are not a person's.
_INSTITUTION = re.compile(r"(?i)(?:library|city|clive|department|dept|office|station|center"
                          r"|centre|hall|school|church|clinic|hospital|company|business|store"
                          r"|shop|restaurant|club|association|museum|park|pool|county|state"
                          r"|district)['’]s\b")
_PRONOUN_HOME = re.compile(r"(?i)\b(?:his|her|their)\s+" + _HOME_NOUN)
# Words that give the home to someone else ("... for checking on my mom's house at").
_NOT_THEIRS = re.compile(r"(?i)\b(?:i|we|my|our|your|said|says|told|thinks?|mom|dad|mother"
                         r"|father|neighbou?rs?|friends?|suspect|guy|family)\b")


def _employees_home(text: str, employee: re.Match[str], entity: Entity) -> bool:
    """Whether ``text`` says the address ``entity`` is where the ``employee`` lives."""
    if _PRONOUN_HOME.search(text, max(0, entity.start - 50), entity.start):
        return True
    if employee.end() > entity.start:
        return False
    between = text[employee.end():entity.start]
    return (len(between) <= 60 and _EMPLOYEE_HOME.match(between) is not None
            and _NOT_THEIRS.search(between) is None)
# Words before a phone number that make it a personal line ("Jenny's cell", "his home number").
_PERSONAL_PHONE = re.compile(r"(?i)\b(?:cell|cellphone|mobile|personal|private|home|house|his"
                             r"|her|their|wife|husband)\b|\w's\b")


def mask(kind: str, value: str) -> str:
    """``value`` with all but a few characters hidden, keeping its shape.

    Phones keep the first three and last two digits (``515-***-**47``), e-mails the first
    letter and the domain (``j***@example.com``), SSNs, cards and IBANs the last four digits;
    anything else its first and last character.
    """
    if kind == "email" and "@" in value:
        local, _, domain = value.partition("@")
        return (local[:1] + "***@" + domain) if local else "***@" + domain
    if kind in ("phone", "ssn", "card", "iban", "licence", "plate", "dob", "ip"):
        positions = [i for i, c in enumerate(value) if c.isalnum()]
        keep_head = 3 if kind == "phone" and len(positions) >= 9 else 0
        keep_tail = 2 if kind in ("phone", "plate", "dob") else 4
        if kind == "ip":
            keep_head, keep_tail = 0, 0
        if len(positions) <= keep_head + keep_tail:
            keep_head, keep_tail = 0, min(keep_tail, max(0, len(positions) // 3))
        hidden = set(positions[keep_head:len(positions) - keep_tail])
        return "".join("*" if i in hidden else c for i, c in enumerate(value))
    if kind == "address":
        return re.sub(r"\d", "*", value.split(",")[0].split("\n")[0])
    if len(value) <= 2:
        return "*" * len(value)
    return value[0] + "*" * (len(value) - 2) + value[-1]


# --------------------------------------------------------------------------- entities


@attrs.frozen
class Entity:
    """A piece of personal information found in a text.

    :ivar kind: one of :data:`ENTITY_TYPES`.
    :ivar start: start in the original text.
    :ivar end: end in the original text.
    :ivar value: the text matched (never put in a finding; see :func:`mask`).
    :ivar detail: what it is in words, for the explanation ("medical matters").
    """

    kind: str
    start: int
    end: int
    value: str = attrs.field(repr=False)
    detail: str = ""


_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
                    r"(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b")
# An address spelt out to slip past filters: "jeff.m at gmail dot com", "jeff (at) mchsi (dot) com".
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}\s*(?:\(at\)|\[at\]|\s(?i:at)\s)\s*"
    r"[A-Za-z0-9-]{1,63}(?:\s*(?:\(dot\)|\[dot\]|\s(?i:dot)\s)\s*[A-Za-z]{2,24})+\b")
_SSN = re.compile(r"(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])"
                  r"|(?i:\b(?:ssn|social security(?: number| no\.?| #)?)\b\W{0,5}(?:is\W{1,3})?)"
                  r"(\d{3})(\d{2})(\d{4})(?!\d)")
# A test every match of _SSN passes (its IGNORECASE branch makes it slow to run on its own):
# the digit shape, or one of its cue words (looked for in the lower-cased text).
_SSN_SHAPE = re.compile(r"\d{3}[- ]\d{2}[- ]\d{4}")
_CARD = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?\b")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_PHONE_WORD = re.compile(
    r"(?i)\b(?:phone|tel|telephone|cell|mobile|fax|office|call|text|reach (?:me|him|her|them)"
    r"|number|whatsapp|contact|ph)\b[^\n\d+(]{0,25}$")
_PHONE_AFTER = re.compile(r"(?i)^\W{0,3}(?:office|fax|cell|mobile|home|work|phone)\b")
# Seven digits with at most 16 other characters between each two: every phone number taken
# (libphonenumber's matcher allows a few punctuation marks between digit groups, the
# fallback below at most 15 characters of " ().-" in all), so the slow matcher runs only then.
_PHONE_GATE = re.compile(r"\d(?:\D{0,16}\d){6}")
_PHONE_DIGITS = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\-]{4,20}\d(?![\w])")
_LICENCE = re.compile(
    r"(?i)\b(?:driver'?s?'? licen[cs]e|drivers? licen[cs]e|licen[cs]e|DL)(?: number| no\.?"
    r"| #| num)?(?: is)?\W{0,3}(?P<value>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,18}[A-Z0-9])\b")
_PLATE = re.compile(
    r"(?i)\b(?:license plate|plates?|tags?)(?: number| no\.?| #)?(?: is| reads)?\W{0,3}"
    r"(?P<value>(?=[A-Z0-9 -]*\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,3})?)\b")
_DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
         r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd"
         r"|th)?,? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
         r"\.? \d{4})")
_DOB = re.compile(rf"(?i)\b(?:born(?: on)?|dob|d\.o\.b\.?|date of birth|birthday(?: is)?"
                  rf"|birth ?date|b-?day)\W{{0,4}}(?:is\W{{1,3}})?(?P<value>{_DATE})")

# Street words: US suffixes and common words for a street in other languages.
_STREET_WORDS = (
    "street|st|avenue|ave|av|road|rd|drive|dr|lane|ln|court|ct|boulevard|blvd|way|circle|cir"
    "|place|pl|terrace|ter|parkway|pkwy|highway|hwy|trail|trl|square|sq|turnpike|tpke|route|rte"
    "|alley|aly|crescent|cres|close|grove|row|walk|plaza|plz|pike|loop|run|pass|path|point|pt"
    "|ridge|crossing|xing|heights|hts|gardens|gdns|mall|expressway|expy|freeway|fwy|str|u"
    "|utca|ut|út|tér|ulica|ul|ucs|rue|rua|avenida|calle|via|viale|piazza|camino|strada|bulevar"
    "|gatan|gata|vej|vei|veien|vegen|vägen|laan|straat|weg|gasse|allee|platz|katu|kuja|tie")
_STREET_SUFFIX = ("strasse|straße|gasse|weg|vej|vegen|veien|vägen|gatan|gata|laan|straat|katu"
                  "|kuja|stien|allee|platz|ring|damm|ufer|plein|gade|vei")
_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\wÀ-ÿ'’.-]*|\d{1,3}(?:st|nd|rd|th)|[NSEW]{1,2}\.?)"
# The unit's number holds a digit ("Apt 4B", "Suite 200", "#12"): "flat", "flooding", "step",
# "room for" and "unit is" are not addresses.
_UNIT = (r"(?:(?:apt|apartment|suite|ste|unit|#|room|rm|fl|floor)\.?\s*#?\s*"
         r"(?=[\w-]{0,5}\d)[\w-]{1,6})")
_LETTER_WORD = r"[^\W\d_][\w'’.-]*"
# A number followed by this is a time of day ("7 AM", "5 p.m."), never a house number.
_NOT_TIME = r"(?!\s*(?i:[ap]\.?\s?m\b|o'?clock\b))"
# _CAP without the numbered street ("142nd"): a European-order address puts a name before its
# number, so "NW 142nd St 5 PM" is a street and a time.
_CAP_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[NSEW]{1,2}\.?)"
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
# Each pattern is run on its own (a failed candidate must not hide another), then overlapping
# and adjacent pieces are merged into one address.
_ADDRESS_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(body)) for name, body in (
        # US order: house number, street name, street word; then a unit.
        ("us", rf"\b\d{{1,6}}[A-Za-z]?{_NOT_TIME}\s+(?:{_CAP}\s+){{0,3}}"
               rf"(?:{_CAP}|[a-zà-ÿ][\wà-ÿ]*(?:{_STREET_SUFFIX}))"
               rf"(?:\s+(?i:{_STREET_WORDS})\b\.?)?"),
        # European order: a street name, then its number ("Koskikatu 25", "Rue de Tanger 9").
        ("eu", rf"\b(?:(?i:rue|rua|avenida|calle|via|ul\.|ulica)\s+(?:[\wÀ-ÿ'’.-]+\s+){{0,3}}"
               rf"|(?:{_CAP_NAME}\s+){{0,3}}(?:[\wÀ-ÿ]+(?:{_STREET_SUFFIX})"
               rf"|{_CAP_NAME}\s+(?i:{_STREET_WORDS})\.?)\s+)\d{{1,5}}[A-Za-z]?\b{_NOT_TIME}\.?"),
        # A postcode or house number, a name, a number ("28245 Puruntie 82").
        # The words are a street's name, so capitalised: "in 2022 they fixed 5 roads" is not.
        ("numbered", rf"\b\d{{3,6}}\s+(?:{_CAP_WORD}\s+){{0,2}}{_CAP_WORD}\s+\d{{1,5}}\b"
                     rf"{_NOT_TIME}\.?"),
        ("unit", rf"\b(?i:{_UNIT})\b"),
        ("pobox", r"\b(?i:p\.?\s?o\.?\s?box)\s+\d{1,6}\b"),
        ("military", r"\b(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}|\b(?:USNS|USNV|USS|USCGC)"
                     r"\s+\w+|\b(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5}"),
        # A named street with no number ("lives on Timberline Drive").
        ("named", rf"\b(?:{_CAP}\s+){{1,3}}(?:Street|Avenue|Road|Drive|Lane|Court|Boulevard|Circle"
                  rf"|Terrace|Parkway|Turnpike|Trail|Mall|Route|Place|Way|Close|Gateway)\b"),
        ("corner", r"\b(?i:the corner of)\s+[^\n.,;!?]{2,50}?\s+and\s+(?:[\w'’-]+\s?){1,4}"),
        # Whatever follows an address cue, up to the end of the line, if it has a number.
        ("cued", r"(?i:\baddress(?:es)?(?: is)?:?|\blives (?:at|on|in)|\blocated (?:at|on|in)"
                 r"|\bsen[dt] (?:it |them |a new one )?to|\bmailed to|\bdeliver(?:ed)? to"
                 r"|\bdrops? (?:you )?off at|\bmoved to)\s+"
                 r"(?P<cued>[^\n!?;]{0,60}?\d[^\n!?;]{0,40}?)"
                 r"(?=[.!?;]\s|[.!?;]?$|\n)"),
    ))
_UNIT_RE = re.compile(_UNIT, re.IGNORECASE)
_ADDRESS_TAIL = re.compile(
    # After a comma, a new line or a ">" quote marker: a place, region, postcode or country.
    r"(?:[ \t]*(?:,|\n|>)[ \t>]*(?:\n[ \t>]*)?)"
    rf"(?:\d{{4,6}}(?:-\d{{4}})?|[A-Z]{{2}}\b|(?i:nan)|{_LETTER_WORD}(?:[ \t]+(?:{_LETTER_WORD}"
    r"|\(\w+\)))?(?:[ \t]+(?:[\w'’.-]+|\(\w+\))){0,3})"
    # After a space: a unit, a postcode, a state code or a name in capitals.
    r"|[ \t]+(?:(?i:(?:apt|apartment|suite|ste|unit|room|fl|floor)\.?\s*#?\s*[\w-]{1,6})"
    r"|\d{5}(?:-\d{4})?\b|[A-Z]{2}\b|[A-Z]{3,}(?:[ \t]+[A-Z]{3,}){0,2}\b)")
_STREET_WORD_RE = re.compile(rf"(?i)\b(?:{_STREET_WORDS})\b\.?|(?:{_STREET_SUFFIX})\b")
_US_PARTS = frozenset({"AddressNumber", "StreetNamePreDirectional", "StreetNamePreType",
                       "StreetName", "StreetNamePostType", "StreetNamePostDirectional",
                       "OccupancyType", "OccupancyIdentifier"})

# Private life of an employee: found only next to an employee (the rule checks).
_PRIVATE_LIFE: tuple[tuple[str, str, str], ...] = (
    ("home", "remove", r"\b(?:home address|lives at|home (?:phone|number)|address is)\b"),
    ("home", "review", r"\b(?:lives (?:right |just )?(?:on|in|over in|near|by|off|down"
                       r"|next door|across|upstairs"
                       r"|below|above)|(?:his|her|their)"
                       r" (?:house|home|apartment|street|address|place)|'s (?:house|home"
                       r"|apartment|place)|viven? en (?:la|el|una|un)|closed on (?:a|the|their"
                       r"|his|her) (?:\w+ )?house)\b"),
    ("children", "remove", r"\b(?:(?:his|her|their|'s) (?:kids|children|son|daughter)s?"
                           r"|kids?) (?:go|goes|attend|attends) to\b.{0,80}\b(?:picks?|drops?)"
                           r" (?:them|him|her) (?:up|off)\b"),
    ("medical matters", "review",
     r"\b(?:medical leave|sick leave|cancer|chemo|diagnos\w*|surgery|rehab|pregnan\w*"
     # "his disability", not "the disability parents' group" he listened to
     r"|miscarriage|therapy|illness"
     # a person's health, not the services a city funds ("mental health response")
     r"|mental (?:health|illness)(?! (?:response|services?|crisis|funding|resources?|calls?"
     r"|professionals?|workers?|team|care|system|courts?|programs?|support|awareness"
     r"|clinicians?|facilit(?:y|ies)|providers?|first aid|counselors?|experts?|training"
     r"|co-?responders?|responders?|needs))"
     r"|(?:his|her|their|'s) disabilit\w*|disability leave|medication"
     r"|hospitali[sz]ed|in the hospital|treatment(?! (?:plant|facility|center|process))"
     r"|epilep\w*|antidepressant\w*|seizures?"
     r"|bipolar|maternity leave|paternity leave|(?:she'?s|she is) due (?:in|on|any)"
     r"|expecting a baby|diabetic|diabetes|insulin|heart attack|dialysis|out of the hospital"
     r"|type [12] diabet\w*|heart condition|dementia|alzheimer'?s|ivf)\b"),
    ("family matters", "review",
     r"\b(?:divorced?|divorcing|custody|affair|cheat(?:ed|ing) on|separated|widowed"
     r"|(?:his|her|their|(?<!\bkid)(?<!\bkids)(?<!\beveryone)(?<!\beverybody)(?<!\bsomeone)"
     r"(?<!\bpeople)(?<!\bneighbor)(?<!\bneighbour)'s) (?:kids|children|son|daughter|wife"
     r"|husband|spouse|mom|mother|dad"
     r"|father|family|girlfriend|boyfriend|ex|grandkids|grandchildren|grandson|granddaughter"
     r"|niece|nephew)\b(?! jokes?\b)|engaged to|wedding is|lake (?:house|place|cabin)"
     r"|\bsu (?:esposa|esposo|familia|hijos?|hijas?)\b)"),
    ("personal account", "review",
     # not the writer's ("my own page") or a kind of page ("like a personal page")
     r"\b(?<!\blike a )(?<!\blike an )(?<!\bmy )(?<!\bour )(?<!\byour )(?:personal|private|own)"
     r" (?:instagram|insta|facebook|fb|twitter|tiktok|snapchat|snap"
     r"|account|page|profile|cell|phone|number|email|e-mail)\b|\bdms?\b"
     r"|\b(?:his|her|their) (?:snap|snapchat|insta|instagram|ig|tiktok|venmo|cashapp)\b"
     r"|'s (?:snap|snapchat|insta|instagram|tiktok|venmo|cashapp)\b"
     r"|\b(?:insta|snap|ig|tiktok) @"),
    ("daily routine", "review", r"\b(?:every (?:day|morning|night|evening|weekday) (?:at|around"
                                r"|from|by)|picks? (?:them|him"
                                r"|her) up at|gets off (?:work )?at|leaves (?:work|home) at"
                                r"|leaves (?:city hall|the office|the station|the building) at"
                                r"|(?:walks|runs|jogs) (?:his|her|their) (?:dog|golden|lab|pup)"
                                r"|grabs? (?:coffee|lunch|breakfast) at|parks? it at"
                                r"|\d+ on,? \d+ off|(?:his|her) next (?:shift|day off|saturday"
                                r"|sunday)|(?:she'?s|he'?s) off (?:on )?(?:mon|tue|wed|thu|fri|sat"
                                r"|sun)\w*"
                                # a shift: "works 6am-2pm", "on 7p-7a", "works Tues/Thurs",
                                # "is off Fridays", "works Mon-Thu"
                                r"|(?:works?|working) \d{1,2}(?::\d\d)? ?[ap]m? ?(?:-|to) ?"
                                r"\d{1,2}(?::\d\d)? ?[ap]m?\b|on \d{1,2}[ap]m? ?- ?"
                                r"\d{1,2}(?::\d\d)? ?[ap]m?\b"
                                r"|picks? up (?:his|her|their) (?:kids|son|daughter)"
                                r"|in the office (?:mon|tue|wed|thu|fri)"
                                r"|(?:works?|working|is off|off on) (?:mon|tue|wed|thu|fri|sat"
                                r"|sun)\w*)\b"),
)
_TITLES = (
    r"officer|ofc\.|sgt\.?|sergeant|lt\.|lieutenant|capt\.?|captain|chief|detective|det\."
    r"|deputy|trooper|patrolman|patrolwoman|firefighter|fireman|paramedic|emt|lifeguard|clerk"
    r"|cop|cops|dispatch|building official|city official"
    r"|inspector|director|manager|supervisor|superintendent|mayor|council ?(?:member|man"
    r"|woman|person|lady)|councilor|councillor|alderman|librarian|dispatcher|ranger|foreman"
    r"|city (?:employee|worker|staff(?:er)?|attorney|engineer|planner|administrator)"
    r"|employee|staffer|crossing guard|code enforcement|animal control|meter maid"
    r"|public works (?:guy|worker|employee|crew)|plow driver|(?:parks?|water|utility) worker"
    r"|secretary|assessor|coordinator|marshal|meter reader|(?:garbage|trash) (?:guy|man)"
    r"|attendant|engineer|plow guy|oficial|polic[ií]a|bombero"
    r"|liaison|assistant|operator|receptionist|it guy|it person|tech guy"
    r"|front desk (?:girl|guy|lady|staff|worker|person)|street crew|av guy"
    r"|(?:events|pool|library|yard waste|garbage|trash|recycling) (?:lady|guy|girl|man|driver)")
# Someone else's contact details: "her number", "Jenny's cell", "my neighbor lives at".
_THIRD_PARTY_BODY = (
    r"\b(?:his|her|their|\w+['’]s)\s+(?:personal\s+|home\s+|private\s+|cell\s+)?"
    r"(?:cell|cellphone|phone|number|email|e-mail|address|house|home|ip)\b"
    r"|\b(?:neighbou?rs?|landlord|ex-?(?:wife|husband|boyfriend|girlfriend))\b"
    r"|\b(?:lives|living|staying) (?:alone |right )?(?:at|on)\b|\bhome address\b"
    r"|\b(?:she|he)['’]s (?:at|on)\b|\b(?:she|he) is (?:at|on)\b|\bthey(?:['’]re| are) (?:at|on)\b"
    r"|\blives with\b"
    r"|(?<!my )(?<!our )\b(?:personal|private) (?:email|e-mail|cell|phone|number)\b")
_THIRD_PARTY = re.compile(_THIRD_PARTY_BODY, re.IGNORECASE)
# A person named by first and last name just before the detail ("is Marlene Ostrander at 415
# Woodland Dr", "Gary Lindquist, 9021 Meadow Ln"), as the posted text capitalises it; not a
# place ("Campbell Park at ...", "City Hall, ...").
_NAMED_OWNER = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]{2,})(?:,| at| lives)[^.!?]{0,40}$")
_PLACE_WORDS = frozenset({
    "park", "hall", "center", "centre", "library", "school", "elementary", "church", "station",
    "street", "road", "avenue", "drive", "lane", "court", "parkway", "boulevard", "mall",
    "plaza", "clive", "moines", "city", "county", "department", "works", "market", "pool",
    "creek", "lake", "trail", "apartments", "club", "field", "fields", "office", "bank"})
# The same test for the lower-cased text, faster: no IGNORECASE, and one pattern per cue, each
# starting with its literal (the word-start check comes after it), so the regex engine jumps
# from one occurrence of the literal to the next instead of trying every position.
_CONTACT_WORD = (r"\s+(?:personal\s+|home\s+|private\s+|cell\s+)?"
                 r"(?:cell|cellphone|phone|number|email|e-mail|address|house|home|ip)\b")
_THIRD_PARTY_LOWER = AnyPattern(re.compile(p) for p in (
    r"['’](?<=\w['’])s" + _CONTACT_WORD,
    r"his(?<!\whis)" + _CONTACT_WORD,
    r"her(?<!\wher)" + _CONTACT_WORD,
    r"their(?<!\wtheir)" + _CONTACT_WORD,
    r"neighbo(?<!\wneighbo)u?rs?\b",
    r"landlord(?<!\wlandlord)\b",
    r"ex(?<!\wex)-?(?:wife|husband|boyfriend|girlfriend)\b",
    r"liv(?<!\wliv)(?:es|ing) (?:at|on|with)\b",
    r"she(?<!\wshe)(?:['’]s| is) (?:at|on)\b",
    r"he(?<!\whe)(?:['’]s| is) (?:at|on)\b",
    r"they(?<!\wthey)(?:['’]re| are) (?:at|on)\b",
    r"(?:personal|private)(?<!my personal)(?<!my private)(?<!our personal)(?<!our private)"
    r"(?<!\wpersonal)(?<!\wprivate) (?:email|e-mail|cell|phone|number)\b",
    r"staying(?<!\wstaying) (?:at|on)\b",
    r"home address(?<!\whome address)\b",
))
# The prefilter: what every finding needs. A finding is about an entity (every kind needs one
# of the shapes below), or it is an employee's private life (the words of _PRIVATE_LIFE). Who
# the entity belongs to (a title, a roster name, "her number") only matters beside an entity,
# so those words are not in it. Three patterns, searched apart (an AnyPattern): each starts
# with a digit, with "@", ":" or "#", or with a street word, so that the regex scan jumps from
# candidate to candidate; one alternation of all three would try every position.
_ANY_CAP = "A-ZÀ-ÖØ-Þ"
_PREFILTER_PATTERNS = (
    r"\d(?:"
    r"(?:[^\d\x00]{0,6}\d){6}"                        # phone, SSN, card: 7+ digits
    r"|(?<=[A-Za-z]{2}\d)\d"                         # IBAN (country code, check digits)
    r"|\.\d{1,3}\.\d{1,3}\.\d"                       # IPv4
    r"|(?<=[Ff][Ll]\d)|(?<=[Ss][Tt][Ee]\d)"           # "Fl2", "Ste200" (a unit)
    # a house number and a street: two words after it (capitalised, numbered or a street
    # word), or one that is or ends in a street word ("12 St", "5 Hauptstrasse")
    rf"|[A-Za-z]?\s+(?:(?:[{_ANY_CAP}0-9][^\s]*|[a-zà-ÿ][\wà-ÿ]*(?:{_STREET_SUFFIX}))\s+"
    rf"(?:[{_ANY_CAP}0-9]|[a-zà-ÿ][\wà-ÿ]*(?:{_STREET_SUFFIX})\b|(?i:{_STREET_WORDS})\b)"
    rf"|(?i:{_STREET_WORDS})\b|[{_ANY_CAP}][^\s]*?(?:(?<=[^\w\s])(?i:{_STREET_WORDS})\b"
    rf"|(?i:{_STREET_SUFFIX})\b)|[a-zà-ÿ][\wà-ÿ]*(?:{_STREET_SUFFIX})\b)"
    r"|(?<=\d\d\d)\s+(?:[^\W\d_][\w'’.-]*\s+){1,3}\d"  # "28245 Puruntie 82"
    r")",
    # e-mail, IPv6, "# 12" (a unit)
    r"[@:#](?:(?<=@)[A-Za-z0-9-]+\.[A-Za-z]|(?<=:)[0-9A-Fa-f]{0,4}:|(?<=#)[.\s#]*[\w-]{0,5}\d)",
    # a named street without a number ("Timberline Drive")
    r"(?:Street|Avenue|Road|Drive|Lane|Court|Boulevard|Circle|Terrace|Parkway|Turnpike|Trail"
    r"|Mall|Route|Place|Way|Close|Gateway)\b",
)


def _prefilter_literals() -> tuple[frozenset[str], frozenset[str]]:
    """(keywords, infixes) in normalised form: the context words of the entities found only
    next to a word (licence, plate, date of birth, P.O. box, "address:", "the corner of"), the
    street before its number ("Koskikatu 25", "Main St. 5"), and the private-life words."""
    digits = "0123456789"
    streets = _STREET_WORDS.split("|")
    keywords = {
        "licen", "dl", "plate", "tag", "born", "dob", "date of birth", "birth", "bday", "b-day",
        # a spelt-out e-mail address ("at gmail dot com")
        *(f"{d} {t}" for d in ("dot", "(dot)", "[dot]")
          for t in ("com", "org", "net", "edu", "gov", "us", "io", "co")),
        "usns", "usnv", "uss", "uscgc", *(f"{a} {b}" for a in ("apo", "fpo", "dpo")
                                          for b in ("aa", "ae", "ap")),
        "the corner of", "address", "lives at", "lives on", "lives in", "located at",
        "located on", "located in", "mailed to", "deliver to", "delivered to", "moved to",
        *(f"{a} {b}to" for a in ("send", "sent") for b in ("", "it ", "them ", "a new one ")),
        *(f"{a} {b}off at" for a in ("drop", "drops") for b in ("", "you ")),
        # units; "fl" and "ste" only before their number ("fl 2", "ste. 200")
        "apt", "apartment", "suite", "unit", "room", "rm", "floor",
        *(f"{a}{sep}{d}" for a in ("fl", "ste") for d in digits
          for sep in (" ", ".", ". ", "#", " #", ". #", "# ", " # ")),
        # European order: the street name, then the number
        "rue ", "rua ", "avenida", "calle ", "via ", "ul.", "ulica",
        *_private_literals()[0],
    }
    infixes = {
        "box " + d for d in digits} | {
        f" {w}{dot} {d}" for w in streets for dot in ("", ".") for d in digits} | {
        f"{w} {d}" for w in _STREET_SUFFIX.split("|") for d in digits}
    return frozenset(keywords), frozenset(infixes | _private_literals()[1])


def _private_literals() -> tuple[frozenset[str], frozenset[str]]:
    """(keywords, infixes) one of which is inside every match of :data:`_PRIVATE_LIFE`."""
    keywords = {
        "home address", "home phone", "home number", "address is", "lives ",
        *(f"{a} {b}" for a in ("his", "her", "their")
          for b in ("house", "home", "apartment", "street", "address", "kids", "children",
                    "son", "daughter", "wife", "husband", "spouse", "mom", "mother", "dad",
                    "father", "family", "girlfriend", "boyfriend", "ex")),
        *(f"{a} {b}" for a in ("pick", "picks", "drop", "drops") for b in ("them", "him", "her")),
        "medical leave", "sick leave", "cancer", "chemo", "diagnos", "surgery", "rehab",
        "pregnan", "miscarriage", "therapy", "mental health", "mental illness", "illness",
        "disabilit", "medication", "hospitalised", "hospitalized", "in the hospital",
        "treatment", "divorce", "divorcing", "custody", "affair", "cheated on", "cheating on",
        "separated", "widowed",
        *(f"{a} {b}" for a in ("personal", "private", "own")
          for b in ("instagram", "insta", "facebook", "fb", "twitter", "tiktok", "snapchat",
                    "snap", "account", "page", "profile", "cell", "phone", "number", "email",
                    "e-mail")),
        "dm", *(f"every {a} at" for a in ("day", "morning", "night", "evening")),
        "gets off", "leaves work at", "leaves home at", "leaves city hall at",
        "leaves the office at", "leaves the station at", "leaves the building at",
        "epilep", "antidepressant", "seizure", "bipolar",
        *(f"{a} {b}" for a in ("his", "her", "their")
          for b in ("snap", "snapchat", "insta", "instagram", "ig", "tiktok", "venmo", "cashapp")),
        *(f"{a} @" for a in ("insta", "snap", "ig", "tiktok")),
        *(f"{a} place" for a in ("his", "her", "their")),
        "vive en", "viven en", "closed on", "maternity leave", "paternity leave",
        "she's due", "shes due", "she is due", "expecting a baby",
        *(f"su {b}" for b in ("esposa", "esposo", "familia", "hijo", "hija")),
        *(f"every {a} {b}" for a in ("day", "morning", "night", "evening", "weekday")
          for b in ("around", "from", "by")), "every weekday at",
        *(f"{a} {b} {c}" for a in ("walks", "runs", "jogs") for b in ("his", "her", "their")
          for c in ("dog", "golden", "lab", "pup")),
        "grab coffee at", "grabs coffee at", "grab lunch at", "grabs lunch at",
        "grab breakfast at", "grabs breakfast at", "park it at", "parks it at",
        *(f"{a} next {b}" for a in ("his", "her") for b in ("shift", "day off", "saturday",
                                                           "sunday")),
        *(f"{a} off {b}{c}" for a in ("she's", "shes", "he's", "hes") for b in ("", "on ")
          for c in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
        "diabet", "insulin", "heart attack", "dialysis", "out of the hospital",
        "heart condition", "dementia", "alzheimer", "ivf", "engaged to", "wedding is",
        *(f"lake {b}" for b in ("house", "place", "cabin")),
        *(f"{a} up {b}" for a in ("pick", "picks") for b in ("his", "her", "their")),
        *(f"in the office {d}" for d in ("mon", "tue", "wed", "thu", "fri")),
        *(f"{a} {b}" for a in ("his", "her", "their")
          for b in ("grandkids", "grandchildren", "grandson", "granddaughter", "niece",
                    "nephew")),
        # shifts: "works 6am-2pm", "works Tues/Thurs", "is off Fridays", "on 7p-7a"
        *(f"{a} {d}" for a in ("work", "works", "working") for d in "0123456789"),
        *(f"{a} {d}" for a in ("work", "works", "working", "is off", "off on")
          for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
        *(f"on {h}{ap}{sp}-" for h in range(1, 13) for ap in ("a", "p", "am", "pm")
          for sp in ("", " ")),
    }
    shifts = {f"{d}{sep}{e}" for d in "0123456789" for e in "0123456789"
              for sep in (" on ", " on, ")}  # "24 on 48 off"
    infixes = shifts | {"'s place"} | {f"'s {b}" for b in ("house", "home", "apartment", "kids",
                                                           "children", "son",
                                   "daughter", "wife", "husband", "spouse", "mom", "mother",
                                   "dad", "father", "family", "girlfriend", "boyfriend", "ex",
                                   "snap", "snapchat", "insta", "instagram", "tiktok", "venmo",
                                   "cashapp", "grandkids", "grandchildren", "grandson",
                                   "granddaughter", "niece", "nephew")}
    return frozenset(keywords), frozenset(infixes)


def _literal_finder(keywords: Iterable[str], infixes: Iterable[str],
                    private: frozenset[str]) -> Any:
    """An Aho-Corasick automaton: literal -> (length, whether it must start a word, whether it
    is a private-life literal)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in infixes:
        automaton.add_word(word, (len(word), False, word in private))
    for word in keywords:
        if not automaton.exists(word):
            automaton.add_word(word, (len(word), True, word in private))
    automaton.make_automaton()
    return automaton


_HIGH_RISK_KINDS = frozenset({"ssn", "card", "iban", "licence"})
_FIRST_PERSON = re.compile(r"(?i)\b(?:my|me|i|i'm|i am|mine|our|us)\b")


@attrs.frozen
class Employee:
    """One entry of the employee roster (``[city] employees``).

    :ivar name: full name as people write it ("Randall Pike").
    :ivar title: job title ("Sergeant"), optional.
    :ivar department: department slug, optional.
    """

    name: str
    title: str = ""
    department: str = ""

    @classmethod
    def from_config(cls, value: Any) -> Employee:
        """From a roster table ``{name, title, department}`` or a bare name string."""
        if isinstance(value, str):
            return cls(name=value)
        return cls(name=str(value.get("name", "")), title=str(value.get("title", "")),
                   department=str(value.get("department", "")))


@functools.cache
def _usaddress_tag(candidate: str) -> tuple[tuple[str, str], ...]:
    import usaddress  # type: ignore[import-untyped]

    try:
        return tuple(usaddress.parse(candidate))
    except Exception:  # usaddress raises on some odd inputs; treat as "not an address"
        return ()


def _is_us_street(candidate: str) -> bool:
    """Whether usaddress reads ``candidate`` as a house number and a street."""
    parts = _usaddress_tag(candidate)
    labels = [label for _, label in parts]
    if not labels or labels[0] != "AddressNumber":
        return False
    street = [label for label in labels if label in _US_PARTS]
    return "StreetName" in street and ("StreetNamePostType" in street
                                       or "OccupancyType" in street)


@attrs.frozen
class PiiDetector:
    """Finds :class:`Entity` objects in an original text; holds no configuration."""

    def phones(self, text: str) -> list[Entity]:
        """Phone numbers: libphonenumber (US), and digit groups next to a phone word."""
        if _PHONE_GATE.search(text) is None:
            return []  # each number taken below has seven digits close together
        import phonenumbers

        out: list[Entity] = []
        taken: list[tuple[int, int]] = []
        for found in phonenumbers.PhoneNumberMatcher(text, "US",
                                                     leniency=phonenumbers.Leniency.POSSIBLE):
            digits = sum(c.isdigit() for c in found.raw_string)
            short = digits < 10 and not self._phone_context(text, found.start, found.end)
            if digits < 7 or short:
                continue
            out.append(Entity("phone", found.start, found.end, found.raw_string))
            taken.append((found.start, found.end))
        for match in _PHONE_DIGITS.finditer(text):
            start, end = match.span()
            value = match.group()
            digits = sum(c.isdigit() for c in value)
            if not 7 <= digits <= 15 or any(a < end and start < b for a, b in taken):
                continue
            if _DATE_LIKE.fullmatch(value) or _IPV4.fullmatch(value):
                continue
            if self._phone_context(text, start, end):
                out.append(Entity("phone", start, end, value))
        return out

    @staticmethod
    def _phone_context(text: str, start: int, end: int) -> bool:
        """A phone word just before the number ("Phone:", "call") or just after ("office")."""
        return bool(_PHONE_WORD.search(text[max(0, start - 40):start])
                    or _PHONE_AFTER.match(text[end:end + 12]))

    def entities(self, text: str, *, high_risk_only: bool = False) -> list[Entity]:
        """Every entity in ``text``, ordered by position; overlapping ones resolved.

        With ``high_risk_only``, only SSNs, cards, IBANs and licence numbers (the cheap
        checks), for texts that name no employee and no one else's contact details.
        """
        found: list[Entity] = []
        # Each kind is looked for only where a cheap test says it can be (a test that every
        # match passes: its digits, its "@", its context word), so the result is the same.
        facts = _Facts.of(text)
        if high_risk_only:
            found.extend(self._high_risk(text, facts))
            return _resolve(found)
        if "@" in text:
            for match in _EMAIL.finditer(text):
                found.append(Entity("email", match.start(), match.end(), match.group()))
        if "dot" in facts.lower:
            for match in _EMAIL_SPELLED.finditer(text):
                found.append(Entity("email", match.start(), match.end(), match.group()))
        found.extend(self._high_risk(text, facts))
        for match in _IPV4.finditer(text) if facts.digits >= 4 and "." in text else ():
            try:
                ipaddress.IPv4Address(match.group())
            except ValueError:
                continue
            found.append(Entity("ip", match.start(), match.end(), match.group()))
        if "::" in text or text.count(":") >= 3:
            for match in _IPV6.finditer(text):
                try:
                    ipaddress.IPv6Address(match.group())
                except ValueError:
                    continue
                found.append(Entity("ip", match.start(), match.end(), match.group()))
        for pattern, kind, words in ((_PLATE, "plate", ("plate", "tag")),
                                     (_DOB, "dob", _DOB_WORDS)):
            if facts.digits and facts.has(words):
                for match in pattern.finditer(text):
                    found.append(Entity(kind, match.start("value"), match.end("value"),
                                        match.group("value")))
        if facts.digits >= 7:  # every phone number has seven digits or more
            found.extend(self.phones(text))
        found.extend(self.addresses(text, facts))
        return _resolve(found)

    def _high_risk(self, text: str, facts: _Facts) -> list[Entity]:
        """SSNs (with the validity rules), Luhn-valid cards, IBANs, licence numbers."""
        found: list[Entity] = []
        if not facts.digits:
            return found  # each of them has a digit
        ssn_possible = facts.digits >= 9 and (_SSN_SHAPE.search(text) is not None
                                              or facts.has(("ssn", "social security")))
        for match in _SSN.finditer(text) if ssn_possible else ():
            if match.group(1):
                parts = (match.group(1), match.group(3), match.group(4))
                start, end = match.start(1), match.end(4)
            else:
                parts = (match.group(5), match.group(6), match.group(7))
                start, end = match.start(5), match.end(7)
            if ssn_ok(*parts):
                found.append(Entity("ssn", start, end, text[start:end]))
        for match in _CARD.finditer(text) if facts.digits >= 13 else ():
            digits = re.sub(r"\D", "", match.group())
            if 13 <= len(digits) <= 19 and luhn_ok(digits):
                found.append(Entity("card", match.start(), match.end(), match.group()))
        for match in _IBAN.finditer(text) if _IBAN_HINT.search(text) else ():
            if iban_ok(match.group()):
                found.append(Entity("iban", match.start(), match.end(), match.group()))
        for match in _LICENCE.finditer(text) if facts.has(("licen", "dl")) else ():
            found.append(Entity("licence", match.start("value"), match.end("value"),
                                match.group("value")))
        return found

    def addresses(self, text: str, facts: _Facts | None = None) -> list[Entity]:
        """Street addresses, with the unit, city, state, postcode and country lines after."""
        pieces: list[tuple[int, int]] = []
        facts = facts if facts is not None else _Facts.of(text)
        for name, pattern in _ADDRESS_PATTERNS:
            if not _address_possible(name, text, facts):
                continue
            for match in pattern.finditer(text):
                start, end = match.span("cued") if name == "cued" else match.span()
                value = text[start:end]
                if name == "us":
                    rest = value.split(None, 1)[-1]
                    if _STREET_WORD_RE.search(rest) is None and not (
                            len(value.split()) >= 3
                            and _is_us_street(value + " " + text[end:end + 30])):
                        continue
                pieces.append((start, end))
        if not pieces:
            return []
        pieces.sort()
        merged: list[list[int]] = []
        for start, end in pieces:
            if merged and start <= merged[-1][1] + 4 and not text[merged[-1][1]:start].strip(
                    " \t\n,>"):
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        out: list[Entity] = []
        for start, end in merged:
            end = _extend_tail(text, end)
            value = text[start:end].rstrip(" ,.\n>")
            out.append(Entity("address", start, start + len(value), value))
        return out


_HAS_DIGIT = re.compile(r"\d")
_DIGIT = re.compile(r"\d")
_IBAN_HINT = re.compile(r"\d(?<=[A-Za-z]{2}\d)\d")
_DOB_WORDS = ("born", "dob", "d.o.b", "date of birth", "birth", "bday", "b-day")
_NAMED_HINT = re.compile(r"(?:Street|Avenue|Road|Drive|Lane|Court|Boulevard|Circle|Terrace"
                         r"|Parkway|Turnpike|Trail|Mall|Route|Place|Way|Close|Gateway)\b")
_SPACE_DIGIT = re.compile(r"\s\d")
_STREET_WORD_SET = frozenset(_STREET_WORDS.split("|"))
_STREET_SUFFIXES = tuple(_STREET_SUFFIX.split("|"))


def _street_word_before(lower: str, end: int) -> bool:
    """Whether the word before the white space that ends at ``end`` (and an optional full
    stop) is a street word or ends like a street name (lower-cased text)."""
    i = end
    while i > 0 and lower[i - 1].isspace():
        i -= 1
    if i > 0 and lower[i - 1] == ".":
        i -= 1
    j = i
    while j > 0 and (lower[j - 1].isalnum() or lower[j - 1] == "_"):
        j -= 1
    word = lower[j:i]
    return word in _STREET_WORD_SET or word.endswith(_STREET_SUFFIXES)
_CUES = ("address", "lives ", "located ", "send ", "sent ", "mailed to", "deliver", "off at",
         "moved to")


@attrs.frozen
class _Facts:
    """What the detector's cheap tests need to know about a text, computed once."""

    digits: int
    lower: str

    @classmethod
    def of(cls, text: str) -> _Facts:
        return cls(len(_DIGIT.findall(text)), text.lower())

    def has(self, words: Iterable[str]) -> bool:
        """Whether the lower-cased text holds any of ``words``."""
        return any(word in self.lower for word in words)


def _address_possible(name: str, text: str, facts: _Facts) -> bool:
    """Whether the address pattern ``name`` can match ``text``: a test every match passes."""
    if name == "named":
        return _NAMED_HINT.search(text) is not None
    if name == "corner":
        return "the corner of" in facts.lower
    if not facts.digits:
        return False  # every other kind of address has a number in it
    if name == "eu":  # "Rue de Tanger 9", or a street word or name ending just before a number
        return facts.has(("rue", "rua", "avenida", "calle", "via", "ul.", "ulica")) or any(
            _street_word_before(facts.lower, m.start()) for m in _SPACE_DIGIT.finditer(text))
    if name == "numbered":
        return facts.digits >= 4
    if name == "pobox":
        return "box" in facts.lower
    if name == "military":
        return "Box" in text or "US" in text or "PO" in text
    if name == "cued":
        return facts.has(_CUES)
    return True
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")
_PRIORITY = {"ssn": 0, "card": 1, "iban": 2, "email": 3, "ip": 4, "licence": 5, "dob": 6,
             "plate": 7, "phone": 8, "address": 9}


def _extend_tail(text: str, end: int) -> int:
    """Extend an address over following city / state / postcode / country parts."""
    for _ in range(5):
        tail = _ADDRESS_TAIL.match(text, end)
        if tail is None or tail.end() == end:
            break
        piece = tail.group().strip(" ,>\t\n")
        if not piece or len(piece) > 40:
            break
        end = tail.end()
    return end


def _resolve(found: Iterable[Entity]) -> list[Entity]:
    """Drop entities overlapping a more specific one (a card is not also a phone)."""
    ordered = sorted(found, key=lambda e: (_PRIORITY.get(e.kind, 10), e.start, -e.end))
    kept: list[Entity] = []
    for entity in ordered:
        if any(k.start < entity.end and entity.start < k.end for k in kept):
            continue
        kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, e.end))


# --------------------------------------------------------------------------- the rule


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _normal_address(value: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", value.lower()).split())


@attrs.frozen
class PersonalInfoRule:
    """Finds personal information (12.4.D.7, 12.4.D.4); see the module docstring.

    :ivar employees: the roster.
    :ivar official_phones: the city's official numbers (never flagged).
    :ivar official_addresses: the city's official addresses (never flagged).
    :ivar official_email_domains: the city's e-mail domains (never flagged).
    """

    employees: tuple[Employee, ...] = ()
    official_phones: tuple[str, ...] = ()
    official_addresses: tuple[str, ...] = ()
    official_email_domains: tuple[str, ...] = ()
    id: str = "personal-info"
    clauses: tuple[str, ...] = (EMPLOYEE_CLAUSE, PUBLIC_CLAUSE)
    kinds: frozenset[ContentKind] | None = None
    detector: PiiDetector = attrs.field(factory=PiiDetector, eq=False, repr=False)
    _employee_re: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _private_re: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _phones: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _addresses: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _finder: Any = attrs.field(init=False, repr=False, eq=False)
    _titles_lower: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _roster_re: re.Pattern[str] | None = attrs.field(init=False, repr=False, eq=False)
    _named: Any = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        names = sorted({e.name.strip() for e in self.employees if e.name.strip()}
                       | {p for e in self.employees for p in e.name.split()[-1:] if len(p) > 2}
                       | {e.title.strip() for e in self.employees if e.title.strip()},
                       key=lambda s: (-len(s), s))
        roster = "|".join(re.escape(n) for n in names)
        employee = rf"(?i:\b(?:{_TITLES})(?!\w))" + (rf"|\b(?:{roster})\b" if roster else "")
        object.__setattr__(self, "_employee_re", re.compile(employee))
        # Whether _employee_re matches at all, tested fast: its titles on the lower-cased text
        # without IGNORECASE (four times faster), its roster names as written. (IGNORECASE
        # also takes "ſ" for "s"; lower-casing does not: an old spelling the rule may miss.)
        object.__setattr__(self, "_titles_lower", re.compile(rf"\b(?:{_TITLES})(?!\w)"))
        # the names a post gives its employees, read once per post (comments share posts)
        object.__setattr__(self, "_named", functools.lru_cache(maxsize=1024)(_named_in_post))
        object.__setattr__(self, "_roster_re",
                           re.compile(rf"\b(?:{roster})\b") if roster else None)
        private = "|".join(f"(?P<p{i}>{body})" for i, (_, _, body) in enumerate(_PRIVATE_LIFE))
        object.__setattr__(self, "_private_re", re.compile(private, re.IGNORECASE))
        object.__setattr__(self, "_phones", frozenset(
            _digits(p)[-10:] for p in self.official_phones if _digits(p)))
        object.__setattr__(self, "_addresses", tuple(
            _normal_address(a) for a in self.official_addresses if a.strip()))
        # Superset of everything evaluate() can find: an entity's shape or context word, or a
        # private-life word (see _PREFILTER_PATTERNS); evaluate() requires this same match.
        normalizer = Normalizer()
        keywords, infixes = _prefilter_literals()
        keywords = frozenset(normalizer.fold(w) for w in keywords)
        infixes = frozenset(normalizer.fold(w) for w in infixes)
        object.__setattr__(self, "_prefilter", Prefilter(
            AnyPattern(re.compile(p) for p in _PREFILTER_PATTERNS), "original",
            keywords=keywords, infixes=infixes))
        private_words = frozenset(normalizer.fold(w) for w in _private_literals()[0]
                                  | _private_literals()[1])
        object.__setattr__(self, "_finder", _literal_finder(keywords, infixes, private_words))

    @property
    def prefilter(self) -> Prefilter:
        """Entity shapes on the original text; context and private-life words (normalised)."""
        return self._prefilter

    # -- helpers -----------------------------------------------------------------------------

    def _prefilter_matches(self, original: str, normalized: str) -> tuple[bool, bool]:
        """Whether :meth:`Prefilter.matches` (less its letter-three-times rule), with the
        literals looked up in one automaton pass; and whether a private-life word is there."""
        matched = private = False
        for end, (length, word_start, private_word) in self._finder.iter(normalized):
            start = end - length + 1
            if not word_start or start == 0 or not "a" <= normalized[start - 1] <= "z":
                matched = True
                private = private or private_word
        # Prefilter.matches also lets through every text with a letter three times in a row
        # (for the rules whose word lists tolerate "fuuuck"); no pattern here does, so those
        # texts need not be looked at: the rule stays within its prefilter.
        if not matched:
            matched = self._prefilter.pattern.search(original) is not None  # type: ignore[union-attr]
        return matched, private

    def is_official(self, entity: Entity) -> bool:
        """Whether ``entity`` is one of the city's official contact details."""
        if entity.kind == "phone":
            return _digits(entity.value)[-10:] in self._phones
        if entity.kind == "email":
            domain = entity.value.rpartition("@")[2].lower()
            return any(domain == d.lower() or domain.endswith("." + d.lower())
                       for d in self.official_email_domains)
        if entity.kind == "address":
            value = _normal_address(entity.value)
            return any(value.startswith(a) or a.startswith(value) for a in self._addresses)
        return False

    def _employee_near(self, text: str, start: int, end: int,
                       named: re.Pattern[str] | None = None) -> re.Match[str] | None:
        """The employee mentioned nearest before the detail (``start``-``end``), else the first
        one after it: a title or roster name, or failing those a name the post gives."""
        lo, hi = max(0, start - 120), min(len(text), end + 60)
        for pattern in (self._employee_re, named):
            if pattern is None:
                continue
            before: re.Match[str] | None = None
            for found in pattern.finditer(text, lo, hi):
                if found.start() >= start:
                    return before or found
                before = found
            if before is not None:
                return before
        return None

    # -- evaluation --------------------------------------------------------------------------

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """One finding per entity that matters here (see the module docstring)."""
        text = subject.content.text
        matched, private = self._prefilter_matches(text, subject.norm.text)
        if not matched:
            return []  # the prefilter is part of the rule, so it is exactly a superset
        return self._findings(subject, private=private)

    def _findings(self, subject: Subject, *, private: bool = True) -> list[Finding]:
        """The findings, whatever the prefilter says (``private``: whether a private-life word
        is in the text; the tests check the prefilter against this)."""
        text = subject.content.text
        lower = text.lower()
        roster = self._roster_re
        named: re.Pattern[str] | None = self._named(subject.content.parent_text)
        employee = (self._titles_lower.search(lower) is not None
                    or (roster is not None and roster.search(text) is not None)
                    or (named is not None and named.search(text) is not None))
        # a name before a house's address ("Gary Lindquist, 9021 Meadow Ln"): looked for only
        # where a house number follows a name, since it asks for the full (slow) detection
        third = _THIRD_PARTY_LOWER.search(lower) is not None or (
            _NAMED_OWNER_ANYWHERE.search(text) is not None
            and _HOUSE_NUMBER.search(text) is not None) or (
            # a plate or a date of birth beside a person's name ("Owen Lutz, DOB 08/02/2007")
            _PLATE_OR_BIRTH.search(lower) is not None and _PERSON_NAME.search(text) is not None)
        entities = [e for e in self.detector.entities(text, high_risk_only=not (employee or third))
                    if not self.is_official(e)]
        out: list[Finding] = []
        for entity in entities:
            finding = self._judge(text, entity, employee=employee, third=third, named=named)
            if finding is not None:
                out.append(finding)
        if employee and private:  # _PRIVATE_LIFE needs one of the private-life words
            out.extend(self._private_life(text, entities, named))
        return out

    def _judge(self, text: str, entity: Entity, *, employee: bool = True,
               third: bool = True, named: re.Pattern[str] | None = None) -> Finding | None:
        near = self._employee_near(text, entity.start, entity.end, named) if employee else None
        kind = entity.kind
        shown = mask(kind, entity.value)
        label = _LABELS[kind]
        # An address next to an employee is where something happened ("Officer Reed helped
        # my dad at 2214 Aspen Ridge Dr", "code enforcement, the house at 7175 NW 73rd St has
        # tall grass"), not where they live, unless the text says it is theirs.
        if near is not None and (kind != "address" or _employees_home(text, near, entity)):
            who = near.group()
            partial = kind == "address" and not _STREET_NUMBER.match(entity.value)
            why = f"{label} near a mention of an employee ({who!r})."
            if kind in ("dob", "ip") or partial:
                decision, confidence = Decision.REVIEW, 0.7
            elif kind == "phone" and not _PERSONAL_PHONE.search(
                    text[max(0, entity.start - 40):entity.start]):
                if (_SENTENCE_BREAK.search(text, near.end(), entity.start)
                        # the writer's own, for the officer to ring: "Officer can call me 515-"
                        or _CALL_ME.search(text[max(0, entity.start - 20):entity.start])
                        or _CALLED.search(text[max(0, entity.start - 12):entity.start])
                        or _AT_AN_OFFICE.search(text, near.end(), entity.start)
                        or _AT_AN_OFFICE.search(text, entity.end, near.start())
                        or _AT_AN_OFFICE.fullmatch(near.group())  # "dispatch" is a place
                        # an office named by its title: "the Polk County Assessor, 515-..."
                        or _PUBLIC_OFFICE_BEFORE.search(text, max(0, near.start() - 12),
                                                        near.start())):
                    # Nothing says it is theirs, and it is in another sentence ("... the officer
                    # was great. If you see it pls call 515-...": the writer's), a line the
                    # writer rang ("Called 515-... and Lt. Hernandez came out") or an office's
                    # ("the coordinator at City Hall, 515-...").
                    return None
                # "Call Officer Reed at ...": may be a work line the roster's official numbers
                # do not list; a person checks.
                decision, confidence = Decision.REVIEW, 0.6
                why = (f"{label} near a mention of an employee ({who!r}); a person checks "
                       "whether it is a work line or a personal one.")
            else:
                decision, confidence = Decision.REMOVE, 0.9
            return Finding(
                clause=EMPLOYEE_CLAUSE, rule=self.id, start=entity.start, end=entity.end,
                evidence=shown, confidence=confidence, decision=decision, category=kind,
                explanation=why)
        if kind in ("ssn", "card", "iban", "licence"):
            return Finding(
                clause=PUBLIC_CLAUSE, rule=self.id, start=entity.start, end=entity.end,
                evidence=shown, confidence=0.9, decision=Decision.REMOVE, category=kind,
                explanation=f"{label} posted in the open; hidden to protect its owner.")
        if third and kind in ("phone", "email", "address", "ip") and (
                # a street with no number at all ("neighbors on Meadow Lane") or "that street"
                # is many houses: it exposes no one
                kind != "address" or (any(c.isdigit() for c in entity.value)
                                      and not _VAGUE_STREET.match(entity.value))):
            before = text[max(0, entity.start - 60):entity.start]
            # a name before a house's address is whose it is ("Tom Cockburn on Pinewood Drive
            # reported the light" names a street, not a house); before a phone it is as often a
            # trade recommended ("call Mike Dunn at 515-... about the tree")
            cue = _THIRD_PARTY.search(before) or (
                _named_owner(before)
                if kind == "address" and _STREET_NUMBER.match(entity.value) else None)
            if (cue is not None and not _FIRST_PERSON.search(before[cue.start():])
                    and not _INSTITUTION.match(cue.group())):
                return Finding(
                    clause=PUBLIC_CLAUSE, rule=self.id, start=entity.start, end=entity.end,
                    evidence=shown, confidence=0.6, decision=Decision.REVIEW, category=kind,
                    explanation=f"{label} that seems to be someone else's ({cue.group()!r}); "
                                "a person checks whether it exposes them.")
        if third and kind in ("plate", "dob"):
            owner = _named_person_near(text, entity)
            if owner is not None:
                return Finding(
                    clause=PUBLIC_CLAUSE, rule=self.id, start=entity.start, end=entity.end,
                    evidence=shown, confidence=0.6, decision=Decision.REVIEW, category=kind,
                    explanation=f"{label} beside a person's name ({owner!r}); a person checks "
                                "whether it exposes them.")
        return None

    def _private_life(self, text: str, entities: Sequence[Entity],
                      named: re.Pattern[str] | None = None) -> list[Finding]:
        """At most one finding: the most severe private-life detail next to an employee."""
        best: Finding | None = None
        for match in self._private_re.finditer(text):
            index = int((match.lastgroup or "p0")[1:])
            detail, level, _ = _PRIVATE_LIFE[index]
            start, end = match.span()
            covered = {"home": ("address",), "personal account": ("phone", "email")}.get(detail)
            if covered and any(e.kind in covered and start <= e.start <= end + 40
                               for e in entities):
                continue  # the entity after it ("lives at 12 Elm St") is judged on its own
            employee = self._employee_near(text, start, end, named)
            if employee is None:
                continue
            if (_OWN_LIFE.search(text[max(0, start - 30):start])
                    or _OWN_FAMILY.search(text[max(0, start - 60):start])):
                continue  # "when I had a seizure ... the dispatcher stayed on": the writer's
            remove = level == "remove"
            finding = Finding(
                clause=EMPLOYEE_CLAUSE, rule=self.id, start=start, end=end,
                evidence=match.group(), confidence=0.85 if remove else 0.65,
                decision=Decision.REMOVE if remove else Decision.REVIEW, category="private_life",
                explanation=f"An employee's {detail} ({employee.group()!r}); "
                            + ("this tells people where to find them or their family."
                               if remove else "private, so a person decides."))
            if best is None or (remove and best.decision is not Decision.REMOVE):
                best = finding
        return [] if best is None else [best]


_STREET_NUMBER = re.compile(r"\s*\d")
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_CALL_ME = re.compile(r"(?i)\b(?:call|text|reach|contact|ring) (?:me|us)(?: (?:at|on))?[\s:,]*$")
_CALLED = re.compile(r"(?i)\b(?:called|dialed|dialled|phoned|rang)\s*$")
_PUBLIC_OFFICE_BEFORE = re.compile(r"(?i)\b(?:county|city|state|clive|city's)\s+$")
_AT_AN_OFFICE = re.compile(r"(?i)\b(?:city hall|the city|department|dept|office|station"
                           r"|after hours|hotline|goes through|the line|desk|dispatch"
                           r"|front desk|non-emergency|main line|headquarters)\b")
# Just before a private-life word, the writer speaking of their own life: "when I had a seizure",
# "after my surgery" (a subject or possessive of the first person, two words at most before it).
_OWN_LIFE = re.compile(r"(?i)\b(?:i|i'?ve|i'?m|i'?d|my|we|our)\s+(?:[\w']+\s+){0,2}$")
# ... or of their family's, earlier in the same sentence: "you took care of my dad when he had a
# heart attack".
_OWN_FAMILY = re.compile(
    r"(?i)\b(?:my|our)\s+(?:dad|father|mom|mother|son|daughter|wife|husband|kids?|child"
    r"|children|baby|grandma|grandpa|grandmother|grandfather|brother|sister|family|parents?"
    r"|aunt|uncle|cousin)\b[^.!?]{0,45}$")
# A person the city's own post names with a title ("Please welcome Officer Marcus Reyes", "our
# new Assistant City Manager, Dana Whitfield"): an employee, whom a comment under the post may
# call by first or last name alone ("Congrats Kara! Her husband ...").
_TITLED_NAME = re.compile(
    rf"(?i:\b(?:{_TITLES})(?!\w))[,:]?\s+((?:[A-Z][a-z]+|[A-Z]\.)(?:\s+[A-Z][a-z'-]+){{0,2}})")
_NOT_A_NAME = frozenset({"The", "Our", "This", "That", "Department", "Office", "Division",
                         "Station", "Team", "Academy", "Program", "City", "Clive", "Of", "And",
                         "On", "In", "At", "For", "With", "From", "To", "Is", "Was", "Will",
                         "Has", "Had", "Day", "Week"})


_VAGUE_STREET = re.compile(r"(?i)(?:that|this|the same|our|my|your|their|his|her) (?:street|road"
                           r"|block|court|lane|drive|avenue|circle)\b(?!,? (?:at )?#?\d)")
_NAMED_OWNER_ANYWHERE = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]{2,}(?:,| at| lives)")
_HOUSE_NUMBER = re.compile(r"\b\d{1,6} (?:[NSEW]{1,2} |[NSEW]\. )?(?:\d+(?:st|nd|rd|th) |[A-Z])")


# A plate or a date of birth, and a person's name, for the cheap test of whether to look closer.
_PLATE_OR_BIRTH = re.compile(r"\b(?:plates?|tags?|dob|d\.o\.b|born|date of birth|birthday)\b")
_PERSON_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]{2,}\b")
_MINE_BEFORE_NAME = re.compile(r"(?i)\b(?:my|our|i'?m|i am)\s+(?:\w+\s+){0,2}$")


def _named_person_near(text: str, entity: Entity) -> str | None:
    """A person's name in the same sentence as a plate or a date of birth, in front of it with
    nothing of the writer's in between ("Owen Lutz, DOB ...") or after it ("plate DWX 905 ...
    your name is Travis Holm"); not the writer's own family ("my son Owen Lutz") or a place."""
    lo = max(0, entity.start - 100)
    for match in _PERSON_NAME.finditer(text, lo, min(len(text), entity.end + 100)):
        name = match.group()
        if (not _PLACE_WORDS.isdisjoint(name.lower().split())
                or not _NOT_A_NAME.isdisjoint(name.split())):
            continue
        between = (text[match.end():entity.start] if match.end() <= entity.start
                   else text[entity.end:match.start()])
        if _SENTENCE_BREAK.search(between + " ") or _FIRST_PERSON.search(between):
            continue
        if _MINE_BEFORE_NAME.search(text[max(0, match.start() - 30):match.start()]):
            continue
        return name
    return None


def _named_owner(before: str) -> re.Match[str] | None:
    """A person's name just before a contact detail (see :data:`_NAMED_OWNER`)."""
    match = _NAMED_OWNER.search(before)
    if match is None or not _PLACE_WORDS.isdisjoint(match.group(1).lower().split()):
        return None
    return match


def _named_in_post(parent: str | None) -> re.Pattern[str] | None:
    """The names of employees the post names with a title, whole or in parts, as a pattern."""
    if not parent:
        return None
    names: set[str] = set()
    for match in _TITLED_NAME.finditer(parent):
        words = [w for w in match.group(1).split() if w not in _NOT_A_NAME and len(w) > 2]
        if words:
            names.add(" ".join(words))
            names.update(words)
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")
_LABELS = {
    "phone": "A phone number", "email": "An e-mail address", "address": "A street address",
    "ssn": "A social security number", "card": "A payment card number", "iban": "An IBAN",
    "ip": "An IP address", "licence": "A driver's licence number", "plate": "A licence plate",
    "dob": "A date of birth",
}


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """No section of its own: the rule reads ``[city]`` (roster and official contacts)."""
    return {}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[PersonalInfoRule]:
    """The personal-information rule, from ``[city]``."""
    city = config.section("city")
    return [PersonalInfoRule(
        employees=tuple(Employee.from_config(e) for e in city.get("employees", ())),
        official_phones=tuple(city.get("official_phones", ())),
        official_addresses=tuple(city.get("official_addresses", ())),
        official_email_domains=tuple(city.get("official_email_domains", ())),
    )]
