"""Hypothesis strategies for content, ordinary civic speech, and violations of 12.4.D.

Use them in your own tests to show that a configuration still covers every clause of 12.4.D and
leaves ordinary civic speech alone::

    from hypothesis import given
    from clive_rules.strategies import obfuscated, profane_comments
    from clive_rules.testing import assert_flags

    @given(obfuscated(profane_comments()))
    def test_disguised_profanity_is_caught(clive_engine, violation):
        assert_flags(clive_engine, violation)

* :func:`contents` draws any :class:`~clive_rules.content.Content` (any platform, kind, author,
  links, media); ``st.from_type(Content)`` gives the same, through the ``hypothesis`` entry point.
* :func:`benign_comments` draws ordinary civic comments that no rule should flag: requests,
  thanks, questions, sharp criticism of officials, identity words in neutral use, and names and
  places with rude substrings (Scunthorpe, Essex, Cockburn, Dick Smith, shiitake, assessment).
* One strategy per item of 12.4.D draws realistic :class:`Violation` objects: the content, the
  clause it breaks, and where in the text the *trigger* is (the words that make it a violation).
  :data:`CLAUSE_STRATEGIES` maps each clause id to its strategy.
* :func:`obfuscated` disguises the trigger of a violation the ways people do (see
  :data:`DISGUISES`), and only in the ways the rule for that clause is documented to see through
  (:attr:`Violation.disguises`), so a test can show that the disguise changes nothing.

Every strategy is built with ``st.builds`` over the attrs classes from ``sampled_from`` tables,
so each shrinks towards early entries of its tables (plain templates, the first street and name,
the parks account) and :func:`obfuscated` towards a single disguise. Texts are made up; names,
numbers and links are fictional (``555-01xx`` phone numbers, ``.example`` domains).
"""

from __future__ import annotations

import datetime as _dt
import functools
import string
from collections.abc import Callable, Mapping, Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from clive_rules.content import Author, Content, ContentKind, Media, MediaKind

__all__ = [
    "ALL_DISGUISES",
    "CLAUSE_STRATEGIES",
    "DEPARTMENTS",
    "DISGUISES",
    "Violation",
    "benign_comments",
    "chat_messages",
    "contents",
    "discriminatory_comments",
    "false_statements",
    "illegal_activity",
    "obfuscated",
    "off_topic_comments",
    "personal_information",
    "profane_comments",
    "safety_threats",
    "sexual_or_harassing_comments",
    "solicitations",
    "violations",
]

DISGUISES: Mapping[str, str] = {
    "case": "mixed upper and lower case (FuCk)",
    "lookalike": "Cyrillic and Greek letters that look like Latin ones (fuсk with a Cyrillic с)",
    "fullwidth": "fullwidth letters (ｆｕｃｋ)",
    "mathematical": "mathematical bold letters (𝐟𝐮𝐜𝐤)",
    "leet": "digits and symbols for letters inside a word (sh1t, $hit)",
    "separator": "one separator between single letters (f.u.c.k, f-u-c-k), words of 3+ letters; "
                 "never together with leet or repeat",
    "repeat": "a letter repeated three or more times (fuuuck)",
    "zero_width": "zero-width characters between letters",
}
"""The disguises :func:`obfuscated` applies, by name, in the order it applies them."""

ALL_DISGUISES: frozenset[str] = frozenset(DISGUISES)
"""Every disguise name."""

# What the engine's normalisation folds for every rule that matches on normalised text.
_NORMALIZED = frozenset(ALL_DISGUISES - {"repeat"})

DEPARTMENTS: tuple[str, ...] = (
    "parks", "aquatics", "library", "police", "fire", "public-works", "water", "planning",
    "council", "city-manager", "finance", "events",
)
"""The department accounts of the default configuration (``[city] departments``)."""


@attrs.frozen
class Violation:
    """A generated item that breaks one clause of 12.4.D, and where.

    :ivar content: the item to evaluate.
    :ivar clause: the clause it breaks, e.g. ``"12.4.D.1"``.
    :ivar trigger: the span of ``content.text`` holding what makes it a violation (the profane
        word, the slur, the phone number); ``(0, 0)`` when it is the item as a whole (a chat
        line, an off-topic comment).
    :ivar disguises: the disguises (:data:`DISGUISES`) the rule for this clause sees through
        when they are applied to the trigger; :func:`obfuscated` applies only these.
    :ivar applied: the disguises :func:`obfuscated` applied, in order (empty for a plain one).
    """

    content: Content
    clause: str
    trigger: tuple[int, int]
    disguises: frozenset[str] = frozenset()
    applied: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        start, end = self.trigger
        if not 0 <= start <= end <= len(self.content.text):
            raise ValueError(f"trigger {self.trigger} is outside the text")

    @property
    def text(self) -> str:
        """The text of the content."""
        return self.content.text

    @property
    def trigger_text(self) -> str:
        """The trigger as it stands in the text."""
        return self.content.text[self.trigger[0]:self.trigger[1]]


# -- building blocks ---------------------------------------------------------------------------

_SLOTS: Mapping[str, tuple[str, ...]] = {
    "street": ("Hickman Road", "University Avenue", "NW 114th Street", "Swanson Boulevard",
               "NW 86th Street", "Woodland Avenue", "Aspen Drive", "Tanglewood Drive"),
    "place": ("Campbell Park", "the Greenbelt Trail", "the Aquatic Center", "City Hall",
              "the library", "Fire Station 1", "Walnut Creek", "the farmers market"),
    "facility": ("Aquatic Center", "library", "community center", "Public Works garage",
                 "police station", "water plant", "City Hall annex"),
    "month": ("March", "April", "May", "June", "last fall", "January"),
    "first": ("Dana", "Kelly", "Mike", "Linda", "Ron", "Marisol", "Paul", "Emma", "Gary", "Jess"),
    "last": ("Pike", "Brooks", "Holt", "Tran", "Dolan", "Morrow", "Abbott", "Lund", "Sommers",
             "Ridge"),
    "title": ("Officer", "Sgt.", "Librarian", "Firefighter", "Inspector", "Director",
              "Councilwoman", "Councilman", "City Manager", "Clerk"),
    "event": ("the festival", "Movie in the Park", "the farmers market", "the fireworks",
              "the tree lighting", "the council meeting"),
}


def _slots() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({k: st.sampled_from(v) for k, v in _SLOTS.items()})


@attrs.frozen
class _Template:
    """A text with one ``{w}`` slot for the trigger and ``{name}`` slots from :data:`_SLOTS`."""

    text: str
    words: tuple[str, ...]


def _render(
    template: _Template, word: str, slots: Mapping[str, str]
) -> tuple[str, tuple[int, int]]:
    head, _, tail = template.text.partition("{w}")
    before = head.format_map(slots)
    after = tail.format_map(slots)
    if word[:1].isalpha() and (not before or before.endswith((". ", "! ", "? "))):
        word = word[0].upper() + word[1:]
    return before + word + after, (len(before), len(before) + len(word))


@st.composite
def _rendered(
    draw: st.DrawFn, templates: Sequence[_Template]
) -> tuple[str, tuple[int, int]]:
    template = draw(st.sampled_from(templates))
    word = draw(st.sampled_from(template.words))
    return _render(template, word, draw(_slots()))


def _violations(
    clause: str,
    templates: Sequence[_Template],
    disguises: frozenset[str],
    *,
    kind: ContentKind = ContentKind.COMMENT,
    accounts: Sequence[str] = DEPARTMENTS,
) -> st.SearchStrategy[Violation]:
    def build(rendered: tuple[str, tuple[int, int]], account: str) -> Violation:
        text, trigger = rendered
        return Violation(Content(text=text, kind=kind, account=account), clause, trigger,
                         disguises)

    return st.builds(build, _rendered(templates), st.sampled_from(accounts))


def _t(text: str, *words: str) -> _Template:
    return _Template(text, words)


# -- content in general ------------------------------------------------------------------------

_PLATFORMS = ("facebook", "instagram", "x", "youtube", "nextdoor", "linkedin")
_URLS = st.builds(
    "https://{}/{}".format,
    st.sampled_from(("www.cityofclive.com", "example.com", "shop.example", "video.example")),
    st.text(string.ascii_lowercase + string.digits + "-", max_size=12),
)


def contents(
    *,
    text: st.SearchStrategy[str] | None = None,
    kinds: Sequence[ContentKind] | None = None,
) -> st.SearchStrategy[Content]:
    """Any :class:`~clive_rules.content.Content`: any platform, kind, author, links and media.

    :param text: strategy for the text; any Unicode text (``st.text()``) by default.
    :param kinds: the kinds to draw from; every :class:`~clive_rules.content.ContentKind` by
        default.

    Shrinks towards an empty comment with nothing else set.
    """
    chosen = list(ContentKind) if kinds is None else list(kinds)
    if not chosen or not all(isinstance(k, ContentKind) for k in chosen):
        raise InvalidArgument(f"kinds must be a non-empty list of ContentKind, got {kinds!r}")
    # The first kind drawn is the one shrunk to: a comment, when it is allowed.
    chosen.sort(key=lambda k: k is not ContentKind.COMMENT)
    maybe_text = st.none() | st.text(max_size=40)
    authors = st.none() | st.builds(Author, id=maybe_text, handle=maybe_text,
                                    display_name=maybe_text, email=st.none() | st.emails())
    media = st.builds(Media, kind=st.sampled_from(list(MediaKind)), url=st.none() | _URLS,
                      owner=maybe_text, permission=maybe_text)
    return st.builds(
        Content,
        text=st.text() if text is None else text,
        id=st.none() | st.text(string.ascii_letters + string.digits + "_-", min_size=1,
                               max_size=20),
        kind=st.sampled_from(chosen),
        platform=st.none() | st.sampled_from(_PLATFORMS),
        account=st.none() | st.sampled_from(DEPARTMENTS),
        author=authors,
        parent_text=st.none() | st.text(max_size=200),
        links=st.lists(_URLS, max_size=3).map(tuple),
        media=st.lists(media, max_size=2).map(tuple),
        tags=st.lists(st.sampled_from(DEPARTMENTS), max_size=2).map(tuple),
        created_at=st.none() | st.datetimes(
            min_value=_dt.datetime(2000, 1, 1), max_value=_dt.datetime(2100, 1, 1),
            timezones=st.just(_dt.timezone.utc)),
    )


# -- ordinary civic speech ---------------------------------------------------------------------

# A post of each department, which benign comments and off-topic comments reply to.
_POSTS: Mapping[str, str] = {
    "parks": "Part of the Clive Greenbelt Trail near Walnut Creek will close April 6-17 for "
             "bridge repairs. Please follow the posted detour.",
    "aquatics": "The Clive Aquatic Center opens for the season Saturday, May 30! Season passes "
                "are on sale now.",
    "library": "Summer Reading kicks off June 1 for all ages. Sign up at the front desk or "
               "online and pick up your reading log!",
    "police": "Reminder: lock your vehicles and take your keys. We've had several thefts from "
              "unlocked cars this week.",
    "fire": "A burn ban is in effect for Clive until further notice due to dry conditions. No "
            "recreational fires, fire pits or fireworks.",
    "public-works": "Snow plows are out on priority routes. Please keep vehicles off the street "
                    "until plows have made a full pass.",
    "water": "Water main break on NW 86th Street between Hickman Road and Swanson Boulevard. "
             "Crews are on site; expect lane closures until about 6 p.m.",
    "planning": "The Planning and Zoning Commission will consider the rezoning request for the "
                "former golf course property at its April 2 meeting.",
    "council": "The City Council will hold a public hearing on the budget Thursday, March 12 at "
               "6 p.m. at City Hall.",
    "city-manager": "City Manager's monthly update: road projects, the new fire station "
                    "timeline, and what's next in the budget process.",
    "finance": "Utility bills now include a new stormwater line item approved by Council. "
               "Questions? Call Finance at 515-223-6220.",
    "events": "Clive Festival returns to Campbell Recreation Area on June 20! Live music, food "
              "trucks, a kids' zone and fireworks at dusk.",
}

# Comments a resident would post under each department's post; none breaks the policy.
_BENIGN: Mapping[str, tuple[str, ...]] = {
    "parks": (
        "Thanks for the heads up. Is the detour paved for strollers?",
        "Coach Dick Smith walks the Greenbelt Trail every morning. Is the detour open to "
        "walkers?",
        "My cousin from Scunthorpe was jealous of our trail system. Hope the bridge reopens "
        "soon!",
        "The Cumming family on {street} uses the trail every day. Will the detour take bikes?",
        "Pussy willows are already blooming along Walnut Creek. Beautiful walk on the trail "
        "this morning!",
        "Will the bridge repairs on the trail finish before the {month} bike ride?",
        "The trail closure is badly planned. Parks should have posted the detour weeks ago.",
        "Are the new playground surfaces at {place} treated with flame retardant?",
    ),
    "aquatics": (
        "Does the Aquatic Center have a pool lift for wheelchair users?",
        "Senior swim at 9am is the best. Us old folks really appreciate it!",
        "My son passed the lifeguard class at the Aquatic Center. Thanks to the instructors!",
        "Is there a discount on season passes for families with three kids?",
        "What the heck happened to the pool hours? Shoot, I missed open swim again.",
        "The passes cost too much this year. Pricing families out of the pool is a bad call.",
    ),
    "library": (
        "Is the library hosting anything for Ramadan? Our family would love an iftar event.",
        "The transgender support group still meets in Room B on Tuesdays, right?",
        "The queer book club at the library is one of the best things about this town.",
        "Thank you for the Hispanic Heritage Month celebration at the library!",
        "Can my kids log audiobooks for the summer reading challenge?",
        "The new self checkout at the library is a classic example of a bad assessment of needs.",
    ),
    "police": (
        "Thanks to Officer Fuchs for stopping to help with my flat tire on {street}.",
        "Tom Cockburn on Pinewood Drive reported the broken streetlight a month ago.",
        "Speeding on {street} is out of control. Please enforce the limit by the school.",
        "My bike was stolen from the library rack yesterday. Please share if you see it!",
        "The police chief's explanation at the meeting was a bunch of spin.",
        "Officer Reed was rude to me during a traffic stop on {street}. How do I file a "
        "complaint?",
    ),
    "fire": (
        "Where can I safely dispose of old fireworks and propane tanks?",
        "The buttermilk pancake breakfast at Fire Station 1 was fantastic. Thank you!",
        "Chief Pruitt should have called in mutual aid sooner on the {street} fire. Bad call.",
        "Does the burn ban include charcoal grills on a patio?",
        "Tornado siren test is the first Wednesday of the month at 10 a.m., right?",
    ),
    "public-works": (
        "Black ice on NW 100th Street this morning, please salt the hill by the school.",
        "Public works is lazy. The plows never come down our cul-de-sac until noon.",
        "The streetlight at 86th and Swanson has been out since Monday.",
        "The city should hire a different snow removal contractor. The current one skips every "
        "cul-de-sac.",
        "Plows buried the end of my driveway again on {street}. Any chance of a second pass?",
    ),
    "water": (
        "Is the water safe to drink now that the boil advisory was lifted?",
        "In these older Clive homes, where is the main water shutoff stopcock usually located?",
        "The water tastes terrible lately. Is the city sure it's safe?",
        "Please call me back at 515-555-0182 about my water meter, nobody has returned my "
        "voicemail.",
        "Is this related to the discolored water we had last week on {street}?",
    ),
    "planning": (
        "This rezoning is a giveaway to developers, and the commission is in their pocket.",
        "This proposal is killing our neighborhood. Please vote no on the rezoning.",
        "Will the rezoning hearing be streamed for residents who can't attend?",
        "We just moved here from Essex, England. Where do I find the zoning map for our lot?",
        "Our family came from Middlesex and Sussex; the planning office was very welcoming.",
    ),
    "council": (
        "The mayor is a liar and should resign. This budget is a disgrace.",
        "This council is incompetent and wasteful.",
        "I don't support the council's immigration resolution. Local government should stay "
        "out of federal issues.",
        "Can council meetings have an ASL interpreter for Deaf residents?",
        "Councilman Reyes flip-flopped on the trail funding. Hypocrite.",
        "I'm voting against every council member who supported this tax increase.",
    ),
    "city-manager": (
        "Worst-run city in Iowa. Every project is late and over budget.",
        "The city manager is hiding something about this budget. Release the full documents.",
        "As a Black business owner in Clive, I really appreciate the small business grant "
        "program.",
        "When will the new fire station open? The timeline keeps slipping.",
        "The city has ignored the west side for years and this update proves it again.",
    ),
    "finance": (
        "When will the property assessment notices go out this year?",
        "My utility account ending in 4471 was double-billed in {month}.",
        "Is it true the finance director is under investigation? The city should respond.",
        "The stormwater fee is a cash grab. Nobody asked residents before adding it.",
        "Why did my utility bill go up forty dollars with the stormwater line item?",
    ),
    "events": (
        "The shiitake mushroom stand was the best booth at the farmers market.",
        "Will the gay pride parade route close Swanson Boulevard again this year?",
        "Is there parking at the Aquatic Center for the festival, or should we walk over?",
        "Thanks to Hy-Vee and Casey's for sponsoring the fireworks this year!",
        "The fireworks show was the bomb! Best one yet.",
        "Last year's festival was a mess. Please add more shade and water stations.",
    ),
}


def benign_comments(*, department: str | None = None) -> st.SearchStrategy[Content]:
    """Ordinary civic comments that no rule should flag, under a department's post.

    Requests, questions, thanks, sharp criticism of officials and the city ("The mayor is a
    liar and should resign"), identity words in neutral use ("a pool lift for wheelchair
    users"), and names and places with rude substrings (Scunthorpe, Essex, Cockburn, Dick Smith,
    shiitake, assessment). Each is a comment on ``department``'s account (any department by
    default) replying to a post of that department, so it is on topic.

    :param department: one of :data:`DEPARTMENTS`, or ``None`` for any.

    Shrinks towards the first comment of the first department (parks).
    """
    departments = _departments(department)

    def build(pair: tuple[str, str], slots: Mapping[str, str]) -> Content:
        dept, template = pair
        return Content(text=template.format_map(slots), kind=ContentKind.COMMENT, account=dept,
                       parent_text=_POSTS[dept])

    pairs = [(dept, template) for dept in departments for template in _BENIGN[dept]]
    return st.builds(build, st.sampled_from(pairs), _slots())


def _departments(department: str | None) -> tuple[str, ...]:
    if department is None:
        return DEPARTMENTS
    if department not in _POSTS:
        raise InvalidArgument(
            f"department={department!r} is not one of {', '.join(DEPARTMENTS)}")
    return (department,)


# -- violations, one strategy per item of 12.4.D -----------------------------------------------


def profane_comments() -> st.SearchStrategy[Violation]:
    """Comments with profane language (12.4.D.1), often inside a legitimate complaint.

    The trigger is the profane word. Disguises seen through: all of :data:`DISGUISES` (the
    profanity rule matches on normalised text with repeat-tolerant word patterns).

    Shrinks towards "Who the fuck approved a roundabout on Hickman Road?"
    """
    return _violations("12.4.D.1", (
        _t("This {w} construction on {street} has been going on since {month}. Finish it "
           "already.", "fucking", "shitty", "motherfucking"),
        _t("Who the {w} approved a roundabout on {street}?", "fuck"),
        _t("The new stormwater fee is total {w} and everyone knows it.", "bullshit", "horseshit"),
        _t("Plow driver buried my driveway AGAIN. Thanks for nothing, {w}.",
           "assholes", "shitheads", "dickheads"),
        _t("{w}, I missed the season pass deadline again. Any way to still get one?",
           "shit", "fuck"),
        _t("What a load of {w}. The pool was supposed to open at noon and nobody is here.",
           "shit", "bullshit"),
        _t("{w} the new parking rules on {street}", "fuck"),
    ), ALL_DISGUISES)


def discriminatory_comments() -> st.SearchStrategy[Violation]:
    """Comments promoting discrimination against protected classes (12.4.D.2).

    Attacks that name a group and exclude or dehumanise it, "go back to" remarks, and slurs.
    The trigger is the group word, the slur or the "go back" phrase. Disguises seen through:
    every one but ``repeat`` (the discrimination rule matches phrases on normalised text, where
    a letter repeated is a different word).

    Shrinks towards "Muslims shouldn't be allowed to rent the community room. ..."
    """
    return _violations("12.4.D.2", (
        _t("{w} shouldn't be allowed to rent the community room. They don't belong in Clive.",
           "Muslims", "Mexicans", "Somalis", "Immigrants", "Gays", "Jews"),
        _t("Stop hiring {w} at the {facility}, they can't do the job. Hire real Americans.",
           "Mexicans", "immigrants", "Muslims", "women"),
        _t("{place} is overrun with {w} every weekend now. The city should stop letting those "
           "people reserve the shelters.", "Mexicans", "Somalis", "immigrants", "Muslims"),
        _t("{w} run the city council, that's why taxes keep going up.", "Jews", "Muslims"),
        _t("{w}, nobody wants you at {event}.", "Go back to China", "Go back to Mexico",
           "Go back where you came from"),
        _t("Great, the pool is full of {w} again. Somebody call ICE.", "wetbacks", "beaners"),
        _t("Keep the {w} out of our library. Nobody asked for this.", "faggots", "trannies"),
    ), _NORMALIZED)


def sexual_or_harassing_comments() -> st.SearchStrategy[Violation]:
    """Explicit sexual or harassing replies (12.4.D.3).

    Sexual remarks about staff, requests for nudes, telling someone to kill themselves,
    intimidation and insults aimed at a person. The trigger is the sexual or harassing phrase.
    Disguises seen through: every one but ``repeat``.

    Shrinks towards "Kys loser, nobody on this page likes you".
    """
    return _violations("12.4.D.3", (
        _t("{w} baby, my DMs are open", "send nudes", "send me nudes"),
        _t("Librarian {first} has a {w}, that's the only reason I go to the library lol",
           "nice rack", "great rack", "nice ass"),
        _t("Nobody cares what you think, {first}. Do everyone a favor and {w}.",
           "kill yourself", "go hang yourself", "drink bleach"),
        _t("{w} loser, nobody on this page likes you", "kys"),
        _t("{w}, {first}. See you when you get home tonight.", "I know where you live"),
        _t("@{first} {w} no wonder your husband left. Everyone on this page hates you.",
           "you're so ugly", "you are so fat"),
        _t("The lifeguard at the {facility} is so hot, I'd {w} 😏", "bend her over",
           "bend him over"),
    ), _NORMALIZED, kind=ContentKind.REPLY)


def safety_threats() -> st.SearchStrategy[Violation]:
    """Content compromising public safety or security, or someone's copyright (12.4.D.4).

    Bomb threats and threats of violence, posted access codes and passwords, and offers of
    pirated copies. The trigger is the threat or the thing disclosed. Disguises seen through:
    every one but ``repeat``.

    Shrinks towards "There's a bomb in City Hall. Better not show up to the festival."
    """
    return _violations("12.4.D.4", (
        _t("There's a {w} in {place}. Better not show up to {event}.", "bomb", "pipe bomb"),
        _t("I'm {w}.", "bringing my rifle to the next council meeting and we'll settle this "
           "the old way", "bringing my gun to the next council meeting, someone is getting hurt",
           "bringing my AR to City Hall on Thursday and nobody is walking out"),
        _t("The {w} for the {facility} is 2580, they never change it.", "alarm code",
           "door code", "gate code"),
        _t("{w} for the police department staff network is BlueLine515 lol",
           "Wi-Fi password", "The wifi password"),
        _t("{w} of AutoCAD for anyone doing their own permit drawings: warez.example/acad",
           "Cracked copy", "Pirated copy"),
        _t("Can't make it to {event}? {w} in HD, free download: freeflix.example/watch",
           "Whole movie", "Full movie"),
    ), _NORMALIZED)


def illegal_activity() -> st.SearchStrategy[Violation]:
    """Conduct or encouragement of illegal activity (12.4.D.5).

    Drug sales, counterfeit documents, and encouragement to vandalise, dump or steal with a
    promise that nobody will catch you. The trigger is the drug, the document or the act.
    Disguises seen through: every one but ``repeat``.

    Shrinks towards "Selling Adderall 20mg, $10 each, can meet in the Campbell Park lot."
    """
    return _violations("12.4.D.5", (
        _t("Selling {w} 20mg, $10 each, can meet in the {place} lot.", "Adderall", "Xanax",
           "oxy", "percs"),
        _t("got {w} 💊 delivery anywhere in Clive, snap me dsmplug515", "xans", "carts",
           "molly", "coke"),
        _t("Need a {w} for {event}? I make them, $75, they scan.", "fake ID", "fake license"),
        _t("Someone should {w} on the bulldozers at night. Nobody will catch you.",
           "slash the tires", "pour sugar in the gas tanks"),
        _t("Just {w} in the retention pond behind {place}, nobody ever checks.",
           "dump your old tires", "dump your trash"),
        _t("{w} from the grocery store on {street} is so easy. Go for it.", "Shoplifting",
           "Stealing"),
        _t("Someone should {w} that ugly new mural. Go at 2am, there are no cameras.",
           "spray paint over", "tag"),
    ), _NORMALIZED)


def solicitations() -> st.SearchStrategy[Violation]:
    """Solicitation for commercial ventures or religious, social or political causes (12.4.D.6).

    Sales pitches with prices, codes and quotes, self-promotion, work-from-home schemes,
    campaign asks, petitions, fundraising and invitations to worship. The trigger is the ask.
    Disguises seen through: every one but ``repeat`` (the solicitation rule's signals are
    patterns on normalised text).

    Shrinks towards "30% off custom tees for the festival with code CLIVE30 at ..."
    """
    return _violations("12.4.D.6", (
        _t("30% off custom tees for the festival with {w} at printparty.example, ships in 2 "
           "days!", "code CLIVE30", "promo code FEST30"),
        _t("Tired of clogged gutters? Get LeafLock gutter guards, {w}! leaflock.example",
           "free quote", "free estimate"),
        _t("{w} for drone footage of Clive!! like and subscribe", "check out my channel",
           "Check out my page"),
        _t("Hey mamas! Want to {w} and earn $$$? DM me to learn more",
           "work from home", "make money from home"),
        _t("{w} Dana Whitfield for City Council Ward 2 on November 3!", "Vote for",
           "Re-elect"),
        _t("{w} to recall Senator Blake: petitionhub.example/recall-blake",
           "Sign the petition", "Sign our petition"),
        _t("{w} to my nephew's medical fund, every dollar helps gofundme.example/help",
           "Please donate", "Donate"),
        _t("Join us at Living Waters Fellowship this Sunday at 10am! {w}.",
           "Jesus loves you", "Accept Christ as your savior"),
    ), _NORMALIZED)


def personal_information() -> st.SearchStrategy[Violation]:
    """Personal information about employees (12.4.D.7): home addresses, personal phones and
    e-mail, and private details, of a named employee.

    The trigger is the personal detail. Disguises seen through: none: phone numbers, addresses
    and e-mail addresses are found in the text as posted, where a disguised digit or letter
    makes a different number or address.

    Shrinks towards "Officer Dana Pike's personal cell is 515-555-0100. ..."
    """
    phone = st.integers(min_value=100, max_value=199).map("515-555-0{}".format)
    house = st.integers(min_value=1000, max_value=9999).map(str)

    def build(template: str, slots: Mapping[str, str], detail: str, account: str) -> Violation:
        head, _, tail = template.partition("{w}")
        before, after = head.format_map(slots), tail.format_map(slots)
        return Violation(
            Content(text=before + detail + after, account=account), "12.4.D.7",
            (len(before), len(before) + len(detail)), frozenset())

    phones = st.builds(build, st.sampled_from((
        "{title} {first} {last}'s personal cell is {w}. Text them what you think.",
        "{title} {first} {last}'s home number is {w}. Call at night since the city won't "
        "listen.",
    )), _slots(), phone, st.sampled_from(DEPARTMENTS))
    addresses = st.builds(build, st.sampled_from((
        "Since they won't answer emails, here's {title} {first} {last}'s home address: {w}. "
        "Go ask yourself.",
        "The building inspector who denied my permit lives at {w}, blue house.",
    )), _slots(), st.builds("{} {}".format, house, st.sampled_from(
        ("Aspen Ridge Dr", "Walnut Ct", "Timberline Drive", "Oak Hollow Lane"))),
        st.sampled_from(DEPARTMENTS))
    emails = st.builds(build, st.sampled_from((
        "Here's the city clerk's personal email, she actually answers there: {w}",
        "{title} {first} {last} ignores work email, use the personal one: {w}",
    )), _slots(), st.builds("{}.{}{}@gmail.com".format, st.sampled_from(_SLOTS["first"]),
                            st.sampled_from(_SLOTS["last"]),
                            st.integers(1960, 2005)).map(str.lower),
        st.sampled_from(DEPARTMENTS))
    return st.one_of(phones, addresses, emails)


_OFF_TOPIC = (
    "Who else thinks the Chiefs got robbed last night? The refs were awful.",
    "Does anyone know a good place to fix an iPhone screen in West Des Moines?",
    "Made the best banana bread today, recipe in the comments if anyone wants it!",
    "Is anyone else watching The Bachelor finale tonight??",
    "What does everyone think of the new Taylor Swift album? Track 4 is everything.",
    "Anyone know a good dentist in the area who takes Delta Dental?",
    "Brady is the greatest quarterback of all time and it's not even close.",
    "Happy birthday to my sister Jess!! Love you girl",
    "Can someone recommend a good mechanic for an older Subaru? Mine's making a grinding noise.",
    "Who's going to the Imagine Dragons concert at Wells Fargo Arena next month?",
    "Does anyone know if Target still has the pink Stanley cups in stock?",
    "Share this to 10 friends and Bill Gates will send you $500! My cousin got paid.",
)


def off_topic_comments(*, department: str | None = None) -> st.SearchStrategy[Violation]:
    """Comments that have nothing to do with the post or with city business (12.4.D.8).

    Sports, television, shopping, recipes, birthdays and chain letters, posted on a department's
    account under one of its posts. The trigger is the item as a whole (``(0, 0)``); no
    disguise applies, since what makes it off topic is what is missing.

    :param department: one of :data:`DEPARTMENTS`, or ``None`` for any.

    Shrinks towards the first comment under the parks department's post.
    """
    departments = _departments(department)

    def build(dept: str, text: str) -> Violation:
        return Violation(Content(text=text, account=dept, parent_text=_POSTS[dept]),
                         "12.4.D.8", (0, 0))

    return st.builds(build, st.sampled_from(departments), st.sampled_from(_OFF_TOPIC))


def false_statements() -> st.SearchStrategy[Violation]:
    """False, vicious or malicious statements about employees or the city (12.4.D.9).

    Accusations of crimes and corruption against named employees, officials and departments.
    The trigger is the accusation. Disguises seen through: every one but ``repeat``.

    Shrinks towards "Officer Dana Pike stole money from the evidence room. ..."
    """
    return _violations("12.4.D.9", (
        _t("{title} {first} {last} {w}. Everyone at the station knows it.",
           "stole money from the evidence room", "takes bribes", "has been stealing from us"),
        _t("Finance clerk {first} {last} {w} for years.",
           "has been skimming our utility payments", "has been embezzling city money"),
        _t("City Manager {first} {last} {w} from the golf course developer.",
           "took a $50,000 kickback", "took a bribe"),
        _t("Building inspector {first} {last} {w}. Ask any contractor.",
           "takes cash under the table to approve permits", "takes bribes"),
        _t("Councilwoman {last} {w} by throwing out ballots from the west side.",
           "rigged the last election", "rigged the election"),
        _t("The city {w} in Walnut Creek and is covering it up.", "secretly dumped raw sewage",
           "dumped chemicals"),
    ), _NORMALIZED)


_CHAT = (
    "hey is anyone from the city on here right now?",
    "u there? need help with my water bill asap",
    "lol who else is watching the council stream from home",
    "hello?? anyone?",
    "brb getting snacks, don't let them vote without me",
    "ok thanks, talk later!",
    "is this the live chat for the library?",
)


def chat_messages() -> st.SearchStrategy[Violation]:
    """Lines of a chat session on a city account (12.4.D.10: chat is not used).

    The trigger is the item as a whole (``(0, 0)``): chat is recognised by its kind, never by
    its wording, so no disguise applies.

    Shrinks towards "hey is anyone from the city on here right now?" on the parks account.
    """
    def build(text: str, account: str) -> Violation:
        return Violation(Content(text=text, kind=ContentKind.CHAT, account=account),
                         "12.4.D.10", (0, 0))

    return st.builds(build, st.sampled_from(_CHAT), st.sampled_from(DEPARTMENTS))


CLAUSE_STRATEGIES: Mapping[str, Callable[[], st.SearchStrategy[Violation]]] = {
    "12.4.D.1": profane_comments,
    "12.4.D.2": discriminatory_comments,
    "12.4.D.3": sexual_or_harassing_comments,
    "12.4.D.4": safety_threats,
    "12.4.D.5": illegal_activity,
    "12.4.D.6": solicitations,
    "12.4.D.7": personal_information,
    "12.4.D.8": off_topic_comments,
    "12.4.D.9": false_statements,
    "12.4.D.10": chat_messages,
}
"""The strategy of violations for each item of 12.4.D, by clause id."""


def violations(*, clauses: Sequence[str] | None = None) -> st.SearchStrategy[Violation]:
    """Violations of any of ``clauses`` (every item of 12.4.D by default).

    Shrinks towards the first clause given (12.4.D.1 by default).
    """
    chosen = list(CLAUSE_STRATEGIES) if clauses is None else list(clauses)
    unknown = [c for c in chosen if c not in CLAUSE_STRATEGIES]
    if not chosen or unknown:
        raise InvalidArgument(
            f"clauses must be ids of 12.4.D items ({', '.join(CLAUSE_STRATEGIES)}), "
            f"got {clauses!r}")
    return st.one_of([CLAUSE_STRATEGIES[c]() for c in chosen])


# -- disguises ---------------------------------------------------------------------------------

# Candidate lookalikes; only those the normaliser folds back to the letter are used.
_LOOKALIKE_CANDIDATES: Mapping[str, str] = {
    "a": "аα", "c": "сϲ", "e": "еε", "i": "іι", "j": "ј", "k": "κк", "o": "оο", "p": "рρ",
    "s": "ѕ", "x": "хχ", "y": "уγ", "h": "һ", "n": "ո", "t": "τт", "u": "υ", "v": "ν",
    "w": "ԝ", "b": "Ь", "d": "ԁ", "g": "ɡ", "l": "ӏ", "m": "м", "r": "г",
}
_LEET: Mapping[str, str] = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7"}
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_SEPARATORS = (".", "-", "*", "_", " ")


@functools.cache
def _lookalikes() -> Mapping[str, tuple[str, ...]]:
    """Lookalikes of each lower-case ASCII letter that the engine folds back to it."""
    from clive_rules.text import Normalizer

    fold = Normalizer().fold
    return {letter: tuple(c for c in chars if fold(c) == letter)
            for letter, chars in _LOOKALIKE_CANDIDATES.items()}


def _fullwidth(char: str) -> str:
    return chr(ord(char) - 0x21 + 0xFF01) if char.isascii() and char.isalnum() else char


def _mathematical(char: str) -> str:
    if not char.isascii():
        return char
    if "a" <= char <= "z":
        return chr(0x1D41A + ord(char) - ord("a"))
    if "A" <= char <= "Z":
        return chr(0x1D400 + ord(char) - ord("A"))
    return char


def _disguise(draw: st.DrawFn, name: str, word: str) -> str:
    """``word`` disguised one way (``word`` is one trigger, maybe several words)."""
    letters = [i for i, c in enumerate(word) if c.isascii() and c.isalpha()]
    if not letters:
        return word
    if name == "case":
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        if not any(flips[i] for i in letters):
            flips[letters[0]] = True  # a disguise must change something
        return "".join(c.swapcase() if f else c for c, f in zip(word, flips, strict=True))
    if name in ("lookalike", "fullwidth", "mathematical", "leet"):
        if name == "lookalike":
            table = {k: v for k, v in _lookalikes().items() if v}
            usable = [i for i in letters if word[i].lower() in table]
        elif name == "leet":
            table = {k: tuple(v) for k, v in _LEET.items()}
            # Inside a word: a symbol at either edge of a word is punctuation, not a letter.
            usable = [i for i in letters if word[i].lower() in table
                      and 0 < i < len(word) - 1 and word[i - 1].isalpha()
                      and word[i + 1].isalpha()]
        else:
            table = {}
            usable = letters
        if not usable:
            return word
        chosen = set(draw(st.lists(st.sampled_from(usable), min_size=1, unique=True)))
        if name == "leet":
            # Leetspeak is read only in a word that still has letters: keep one untouched.
            for start, end in _word_spans(word):
                inside = [i for i in range(start, end) if i in chosen]
                if inside and all(i in chosen for i in range(start, end) if word[i].isalpha()):
                    chosen.discard(inside[0])
        out = list(word)
        for i in sorted(chosen):
            if name == "fullwidth":
                out[i] = _fullwidth(word[i])
            elif name == "mathematical":
                out[i] = _mathematical(word[i])
            else:
                options = table[word[i].lower()]
                out[i] = draw(st.sampled_from(options))
        return "".join(out)
    if name == "separator":
        sep = draw(st.sampled_from(_SEPARATORS))
        if sep == " " and len(_word_spans(word)) > 1:
            sep = "."  # spaced words would run together: spaces only for a single word
        pieces = []
        cursor = 0
        for start, end in _word_spans(word):
            pieces.append(word[cursor:start])
            chunk = word[start:end]
            pieces.append(sep.join(chunk) if len(chunk) >= 3 and chunk.isalpha() else chunk)
            cursor = end
        pieces.append(word[cursor:])
        return "".join(pieces)
    if name == "repeat":
        at = draw(st.sampled_from(letters))
        times = draw(st.integers(min_value=3, max_value=6))
        if at + 1 < len(word) and word[at + 1].lower() == word[at].lower():
            times = max(times, 4)  # a double letter grows, it does not become a triple
        return word[:at] + word[at] * times + word[at + 1:]
    if name == "zero_width":
        between = [i for i in letters if i > 0 and word[i - 1].isalpha()]
        if not between:
            return word
        chosen = set(draw(st.lists(st.sampled_from(between), min_size=1, unique=True)))
        mark = draw(st.sampled_from(_ZERO_WIDTH))
        return "".join((mark + c) if i in chosen else c for i, c in enumerate(word))
    raise InvalidArgument(f"unknown disguise {name!r}")  # pragma: no cover


def _word_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate(text + " "):
        if c.isalpha() and start is None:
            start = i
        elif not c.isalpha() and start is not None:
            spans.append((start, i))
            start = None
    return spans


def obfuscated(
    strategy: st.SearchStrategy[Violation],
    *,
    disguises: Sequence[str] | None = None,
) -> st.SearchStrategy[Violation]:
    """Violations from ``strategy`` with their trigger disguised the ways people do it.

    Each example applies one or more disguises (of :data:`DISGUISES`), in the order listed
    there, to the trigger only, and only disguises the clause's rule sees through
    (:attr:`Violation.disguises`), so the violation must still be caught. A violation with no
    trigger, or whose rule sees through none of the disguises asked for, comes out unchanged
    (``applied`` empty).

    :param strategy: a strategy of :class:`Violation` (e.g. :func:`profane_comments`).
    :param disguises: the disguises to choose from; all of them by default.

    Shrinks towards a single disguise on the plainest violation.
    """
    if not isinstance(strategy, st.SearchStrategy):
        raise InvalidArgument(f"obfuscated() needs a strategy of Violation, got {strategy!r}")
    wanted = tuple(DISGUISES) if disguises is None else tuple(disguises)
    unknown = [d for d in wanted if d not in DISGUISES]
    if unknown or not wanted:
        raise InvalidArgument(f"disguises must name some of {', '.join(DISGUISES)}, "
                              f"got {disguises!r}")

    @st.composite
    def disguise(draw: st.DrawFn) -> Violation:
        violation = draw(strategy)
        if not isinstance(violation, Violation):
            raise InvalidArgument(f"obfuscated() needs Violation examples, got {violation!r}")
        start, end = violation.trigger
        usable = [d for d in DISGUISES if d in wanted and d in violation.disguises]
        if start == end or not usable:
            return violation
        names = draw(st.lists(st.sampled_from(usable), min_size=1, max_size=3, unique=True))
        names.sort(key=tuple(DISGUISES).index)
        if "separator" in names and ("repeat" in names or "leet" in names):
            # "f.uuu.c.k" and "f.u.c.k1ng" are no longer letters one at a time.
            names.remove("separator")
        word = violation.text[start:end]
        applied = []
        for name in names:
            changed = _disguise(draw, name, word)
            if changed != word:
                applied.append(name)
            word = changed
        text = violation.text[:start] + word + violation.text[end:]
        return attrs.evolve(
            violation, content=attrs.evolve(violation.content, text=text),
            trigger=(start, start + len(word)), applied=tuple(applied))

    return disguise()
