"""The sexual-or-harassing-content rule (12.4.D.3): explicit content, adult links, harassment."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rule_table import (
    Row,
    check_row,
    check_superset,
    findings,
)

RULE = "harassment"
REPLY = {"kind": "reply"}

TABLE: list[Row] = [
    # explicit sexual language and adult links: removal
    ("send nudes baby, my DMs are open", ("sexual", "remove")),
    ("I'd bend her over the diving board", ("sexual", "remove")),
    ("Librarian Kelly has a nice rack", ("sexual", "review")),
    ("Show us your t*ts, Councilwoman", ("sexual", "remove")),
    ("here's a pic of the lifeguard changing in the staff room", ("sexual", "remove")),
    # words that name a sexual subject: review (a report or a policy question is not removed)
    ("The library should block porn sites on the public computers.", ("sexual", "review")),
    ("A man was masturbating at the bus stop on Hickman, police never came.",
     ("sexual", "review")),
    ("Does the school resource officer talk to kids about sexting?", ("sexual", "review")),
    ("Want my nudes? Check my bio", ("sexual", "review")),
    ("Someone left a dildo on the playground slide, gross.", ("sexual", "review")),
    ("I want to have sex with the lifeguard in the red suit", ("sexual", "review")),
    ("That buck by the Greenbelt has a nice rack on him!", ("sexual", "review")),
    ("the lifeguard in the red suit is jailbait but I'd still hit", ("sexual", "review")),
    ("Who's going to tap that keg at Oktoberfest?", None),
    ("Will the library computers still have a porn filter on them?", None),
    ("Thank you for the sexting awareness class. Parents need this.", None),
    ("Found a horny toad on the trail, do those even live in Iowa?", None),
    ("That's a nice rack on the smoker in your photo. What wood do you use?", None),
    # the city's own post names the subject
    ("So many of the sexting problems start on Snapchat.", None,
     {"parent_text": "Join us for a talk on sexting and teens at the library Tuesday."}),
    ("Crews will lay pipe along 86th all week.", None),
    ("If anyone wants to help with the cleanup, my DMs are open.", None),
    ("Is the lap swim 18+ only?", None),
    ("The only fans in the stands were the parents.", None),
    ("Do you want to hook up the hose before the inspection?", None),
    ("Hot singles near you: xxxdates.example/clive", ("adult-link", "remove")),
    ("Full video at https://onlyfans.com/somebody", ("adult-link", "remove")),
    # a link only attached (not in the text) is read too: the prefilter passes every item
    # with attached links
    ("Look at this", ("adult-link", "remove"), {"links": ["https://www.pornhub.com/x"]}),
    ("Pool schedule", None, {"links": ["https://www.cityofclive.com/pool"]}),
    # telling someone to kill themselves: removal, review when aimed at an official
    ("Nobody cares what you think, Karen. Do everyone a favor and kill yourself.",
     ("self-harm", "remove"), REPLY),
    ("kys loser", ("self-harm", "remove"), REPLY),
    ("Go hang yourself, nobody wants you here.", ("self-harm", "remove"), REPLY),
    ("Councilman Reyes should go drink bleach and die.", ("self-harm", "review")),
    # intimidation: review, urgent
    ("I know where you live, Marisol.", ("intimidation", "review"), REPLY),
    ("I'll find your job, your family, everything.", ("intimidation", "review"), REPLY),
    # insults aimed at a person: review
    ("@jen_runs_dsm you're so ugly no wonder your husband left", ("insult", "review"), REPLY),
    ("Shut up, you absolute moron.", ("insult", "review"), REPLY),
    ("you clown, read the agenda before posting", ("insult", "review"), REPLY),
    ("@neighbor_bob what an idiot", ("insult", "review"), REPLY),
    ("She is such a pig.", ("insult", "review")),
    # more insult nouns, and nouns that insult only when said of a person
    ("@parks_fan you absolute nincompoop, read the schedule", ("insult", "review"), REPLY),
    ("You're a disgrace to this town.", ("insult", "review"), REPLY),
    ("He's a parasite living off the rest of us", ("insult", "review")),
    ("They are animals, every one of them.", ("insult", "review")),
    ("you pervert, stop posting here", ("insult", "review"), REPLY),
    ("She is such a hoe", ("insult", "review")),
    # insulting adjectives of people
    ("You are the dumbest person on this page", ("insult", "review"), REPLY),
    ("He is a despicable human being", ("insult", "review")),
    ("People are so stupid about the four-way stops", ("insult", "review")),
    ("What a disgusting old man", ("insult", "review")),
    ("Stupid people parking in the bike lane again", ("insult", "review")),
    # rude directives
    ("Shut up, Karen.", ("insult", "review"), REPLY),
    ("@dsm_dad nobody asked you", ("insult", "review"), REPLY),
    ("Screw you and your leaf blower", ("insult", "review"), REPLY),
    # tricky negatives
    ("Shoot me an email when pavilion reservations open.", None),
    ("This proposal is killing our neighborhood. Vote no.", None),
    ("You're killing it, Parks team!", None),
    ("Can you kill the ball field lights by 10pm?", None),
    ("Drop-dead gorgeous sunset over Walnut Creek.", None),
    ("I'm dying to know when the splash pad reopens", None),
    ("Where is the sex offender registry?", None),
    ("Signed up for the Breast Cancer Awareness 5K!", None),
    ("The classical nude statues at the library: fine for kids?", None),
    ("The mayor is a liar and should resign.", None),
    ("The council is incompetent.", None),
    ("Councilman Reyes should be ashamed of himself and resign.", None),
    ("Did you put the trash out on Monday?", None),
    ("Your trash pickup moved to Tuesday.", None),
    ("The clown at the festival was great with the kids!", None),
    ("This new parking rule is stupid.", None),
    ("My neighbor keeps harassing me about the fence. Police or code enforcement?", None),
    ("Hang the banners higher next year.", None),
    ("The Sexton family thanks the lifeguards!", None),
    # criticism of the city, officials and decisions stays allowed
    ("This budget is a disgrace.", None),
    ("The new parking plan is a joke and an embarrassment.", None),
    ("What a disgrace this budget is.", None),
    ("Worst council ever.", None),
    ("He lied about the roads.", None),
    ("The mayor is corrupt.", None),
    ("This rule is stupid and the fee is disgusting.", None),
    # the same words in ordinary use
    ("A leech is a parasite; see the nature center's pond exhibit.", None),
    ("The raccoon is an animal, so call animal control, not us.", None),
    ("Is the animal shelter open Sunday?", None),
    ("You trash the park every weekend, please use the bins.", None),
    ("Did you weasel out of jury duty again?", None),
    ("The Monster truck show is at the fairgrounds.", None),
    ("Bring your own hoe to the community garden.", None),
    ("The snowflake lights on Main Street look great.", None),
    ("They shut up the pool house for winter?", None),
    ("Coach told the kids to shut up and listen", None),
    ("Gross income per person rose 3% last year", None),
    ("Is the lame duck session before or after the election?", None),
    ("The fat man costume won the parade contest", None),
    # advances aimed at staff; campaigns against a resident
    ("Officer Kim can frisk me anytime 😍", ("sexual", "review")),
    ("Nobody likes you, Gary. Delete your account.", ("intimidation", "review")),
    ("We'll keep honking outside his place until he moves out.", ("intimidation", "review")),
    # not: thanks to staff, everyday words of those phrases
    ("The lifeguards did a great job this summer.", None),
    ("I share your concern about the crosswalk.", None),
    ("Can you manage the block party permits online?", None),
    ("@Dana nobody cares what you think about the pool hours.", ("insult", "review")),
    ("Stop posting the same flyer, it clutters the page.", None),
    # an emoji that winks at sex, a word of flirting, a person
    ("the lifeguard in the red suit can save me anytime 😏", ("sexual", "review")),
    ("@kim.runs those leggings tho 🍑", ("sexual", "review")),
    # the same emoji as sarcasm or food, and the heat
    ("He said the pool opens at noon 😏 sure buddy", None),
    ("Peach cobbler at the farmers market 🍑 she makes the best", None),
    ("🥵🥵 it's 98 at 9am, thank you crews", None),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_table(row: Row) -> None:
    check_row(RULE, row)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_prefilter_is_a_superset(row: Row) -> None:
    check_superset(RULE, row)


def test_intimidation_is_marked_urgent() -> None:
    from rule_table import findings

    found = findings(RULE, ("I know where you live.", None))
    assert found and found[0].explanation.startswith("Urgent: threat.")


@pytest.mark.parametrize("text", [
    "Mayor Lindqvist, you are an idiot.",
    "The mayor is a coward.",
    "Councilwoman Park, shut up and listen to residents.",
    "The city manager is a despicable man.",
])
def test_insult_of_an_official_says_so(text: str) -> None:
    found = findings(RULE, (text, None))
    assert found
    assert {f.decision.value for f in found} == {"review"}
    for f in found:
        assert "official" in f.explanation
        assert "protected" in f.explanation
        assert "a person decides" in f.explanation


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normalised_text_has_no_whitespace_but_the_space(text: str) -> None:
    # Phrase keywords (rules/_lexicon.py phrase_keywords) spell a gap between words with the
    # four characters " -_." only: that holds because the normaliser makes every kind of
    # whitespace a plain space.
    from rule_table import engine

    assert not re.search(r"[^\S ]", engine().normalizer.normalize(text).text)
    assert not re.search(r"[^\S ]", engine().normalizer.fold(text))


def test_phrase_keywords_spell_a_common_phrase_once_for_every_gap() -> None:
    from clive_rules.rules._lexicon import keywords_for
    from clive_rules.rules.base import Prefilter

    keys = keywords_for(["i'll find you"])
    assert keys == {"i'll find you", "ill find you", "i`ll find you"}
    assert keywords_for(["kill yourself"]) == {"yourself"}
    # One spelling of the gaps stands for all: keywords are looked for in collapsed text.
    prefilter = Prefilter(keywords=keys)
    for text in ("i'll. find you", "ill -- find_you", "i'll, find. you!", "ok,i'll find you"):
        assert prefilter.matches(text, text), text
    for text in ("i'll find your keys", "till find you"):
        assert prefilter.matches(text, text) == text.startswith("i'll"), text


def test_a_typographic_apostrophe_is_folded_so_its_phrase_still_matches() -> None:
    """The keywords spell only "'" and "`": the Normalizer folds \u2019 and \u2018 to "'"."""
    from clive_rules import Content
    from clive_rules.rules._lexicon import keywords_for
    from rule_table import engine

    assert "i\u2019ll find you" not in keywords_for(["i'll find you"])
    for text in ("@Dana I\u2019ll find you", "@Dana I\u2018ll find you", "@Dana I`ll find you"):
        assert "12.4.D.3" in engine().evaluate(Content(text=text)).clauses, text


@pytest.mark.parametrize("text", [
    "The council has been too hard on small businesses this year.",
    "I ride my bike on the Greenbelt trail every morning.",
    "Nice rack of ribs at the BBQ fest!",
    "The new fees will suck my savings dry.",
    "We played a threesome at the municipal golf course.",
    "Deep Throat was the Watergate informant, look it up.",
])
def test_everyday_phrases_are_not_sexual(text: str) -> None:
    assert not findings(RULE, (text, None))
