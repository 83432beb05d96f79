"""The profanity rule (12.4.D.1): disguises caught, names and places left alone."""

from __future__ import annotations

import pytest

from clive_rules import Content, Decision, Engine
from clive_rules.rules import Subject
from clive_rules.rules._lexicon import load_data
from clive_rules.rules.profanity import ProfanityRule, WordTiers


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_rules([ProfanityRule(WordTiers.bundled())])


CAUGHT = ["f*ck", "sh1t", "fuuuck", "𝔣𝔲𝔠𝔨", "ｆｕｃｋ", "fuсk", "shitshitshit", "motherfucking",
          "c0cksucker", "bullsh!t", "$hit", "a$$hole", "b!tch", "f.u.c.k", "f u c k", "f-u-c-k",
          "FUCK", "Sh\u200bit", "shittiest",
          # spelt without vowels, by sound, with a bullet for a letter, censored in a compound
          "fkn", "fcking", "shyt", "mf'ers", "azz", "sh\u2022t", "clusterf*ck", "sh*tshow",
          "f***",
          # the two other censored words everyone reads; "#" for a star; a letter said twice
          "s***", "a**", "s#!t", "f#ck", "shitt", "arrse",
          # abbreviations and euphemisms of phrases with "fuck" in them
          "fml", "WTAF", "JFC", "effing"]


@pytest.mark.parametrize("word", CAUGHT)
def test_disguised_profanity_is_caught_with_its_original_span(engine: Engine, word: str) -> None:
    text = f"The detour on Hickman is {word}, honestly."
    verdict = engine.evaluate(Content(text=text))
    assert verdict.clauses == ("12.4.D.1",)
    finding = verdict.findings[0]
    assert text[finding.start:finding.end] == word
    assert finding.evidence == word
    assert verdict.decision is not Decision.ALLOW


ALLOWED = [
    "My cousin lives in Scunthorpe.",
    "We moved here from Essex and Middlesex.",
    "The train to Penistone was late.",
    "Tom Cockburn asked about the zoning hearing.",
    "Shiitake mushrooms at the farmers market!",
    "When is the property assessment due?",
    "The swim class was great.",
    "Dick Smith coached my son's rec soccer team.",
    "Will the Cumming family run the lemonade stand again?",
    "Volunteers will weed the community garden Saturday.",
    "Is the gay pride parade route changing this year?",
    "The drunk driver hit the light pole on 86th.",
    "My dad had a stroke; is the senior center accessible?",
    "Stop calling the council stupid; the budget is complicated.",
    "Shiites and Sunnis both worship at the mosque on University.",
    "Pussy willows are blooming along Walnut Creek.",
    "The Cocktail hour at the gala was lovely.",
    "Please pass the class schedule.",
    "The jazz band at the festival was great.",
    "Parks \u2022 Trails \u2022 Events: the summer guide is out.",
    "Rated 5* on every review site.",
    "Azz Pizza is parked by the pool again, their pepperoni is unreal.",
    "Got some great shots on my MF (medium format) camera.",
    "We saw a whole family of cock pheasants out by the prairie section.",
    "A pair of great tits at the feeder by the nature center!",
]


@pytest.mark.parametrize("text", [*ALLOWED, "Photos from the 5K are up! #Clive #CliveParks",
                                  "Free C# coding class at the library on Tuesdays."])
def test_names_places_and_civic_words_are_not_profanity(engine: Engine, text: str) -> None:
    assert engine.evaluate(Content(text=text)).allowed


def test_spellings_that_are_also_acronyms_are_held_not_removed(engine: Engine) -> None:
    verdict = engine.evaluate(Content(text="FCK = Fire Company K? Saw it on the truck door."))
    assert verdict.decision is Decision.REVIEW


def test_severe_removes_mild_reviews(engine: Engine) -> None:
    assert engine.evaluate(Content(text="what the fuck")).decision is Decision.REMOVE
    mild = engine.evaluate(Content(text="this is crap"))
    assert mild.decision is Decision.REVIEW
    assert mild.findings[0].category == "mild"


# Mild everyday swearing: review at low confidence, never removal. (text, evidence or None)
EXPLETIVES: list[tuple[str, str | None]] = [
    ("Damn, the fireworks were great this year!", "Damn"),
    ("The damn light at 86th is red again", "damn"),
    ("Dammit, the pool closed early again", "Dammit"),
    ("What the hell is going on with the detour?", "the hell"),
    ("Who the hell approved this roundabout?", "the hell"),
    ("Hell no, I'm not paying that fee", "Hell no"),
    ("Get the hell out of my neighborhood", "the hell"),
    ("Tell the parking office to go to hell", "go to hell"),
    ("Oh suck it, nobody cares about your fence", "suck it"),
    ("Parking downtown is a hellhole", "hellhole"),
    # ordinary speech and names with the same words
    ("The road is in a hell of a state after the storm", None),
    ("It's hot as hell at the splash pad", None),
    ("The siren test scared the hell out of my kids", None),
    ("The street sweeper scares the crap out of our dog every Tuesday", None),
    ("The hell of the 86th Street detour is almost over", None),
    ("We're going to raise hell at the council meeting", None),
    ("Hell Creek fossils are on show at the library", None),
    ("Loved the Hell's Kitchen trip the senior center ran", None),
    ("We hiked Hells Canyon last summer", None),
    ("Hello, is the library open Monday?", None),
    ("Is the shell path at the nature center open?", None),
    ("The new pump sucks up the floodwater in minutes", None),
    ("The storm drain sucks in leaves; please rake them", None),
    ("Will the dam at Saylorville be open for walking?", None),
    # criticism of a service in mild slang: not held (it would be hidden pending review)
    ("The new parking app sucks", None),
    ("You suck at plowing this winter", None),
    ("Oh my god, the lights at the park look amazing", None),
]


@pytest.mark.parametrize(("text", "evidence"), EXPLETIVES)
def test_mild_expletives_go_to_review_at_low_confidence(
        engine: Engine, text: str, evidence: str | None) -> None:
    verdict = engine.evaluate(Content(text=text))
    if evidence is None:
        assert verdict.allowed, [f.evidence for f in verdict.findings]
        return
    assert verdict.decision is Decision.REVIEW
    assert [(f.evidence, f.category, f.clause) for f in verdict.findings] == [
        (evidence, "mild", "12.4.D.1")]
    assert verdict.findings[0].confidence < 0.5
    assert "a person decides" in verdict.findings[0].explanation


@pytest.mark.parametrize("text", [t for t, e in EXPLETIVES if e] + [
    "what the\u00a0hell", "what  the - hell", "hell-no", "go.to.hell", "burn   in hell"])
def test_expletive_prefilter_is_a_superset(engine: Engine, text: str) -> None:
    rule = engine.rules[0]
    norm = engine.normalizer.normalize(text)
    assert rule.prefilter is not None
    assert list(rule.evaluate(Subject(Content(text=text), norm)))
    assert rule.prefilter.matches(text, norm.text)


def test_an_expletive_beside_a_severe_word_is_its_own_finding(engine: Engine) -> None:
    verdict = engine.evaluate(Content(text="what the hell, this is shit"))
    assert verdict.decision is Decision.REMOVE
    assert [(f.evidence, f.category) for f in verdict.findings] == [
        ("the hell", "mild"), ("shit", "severe")]


@pytest.mark.parametrize(("text", "decision"), [
    ("That council meeting was a shitshow", Decision.REMOVE),
    ("What a batshit plan", Decision.REMOVE),
    ("ffs just fix the potholes", Decision.REVIEW),
    ("That's bullcrap and you know it", Decision.REVIEW),
    # Spanish: crude words are removed, milder ones and words that are also names held
    ("Otra vez cerrada la calle, qué mierda", Decision.REMOVE),
    ("Pinche ruido toda la noche con los cohetes", Decision.REVIEW),
    ("joder, otra vez sin agua", Decision.REVIEW),
])
def test_added_compounds_and_abbreviations(engine: Engine, text: str, decision: Decision) -> None:
    assert engine.evaluate(Content(text=text)).decision is decision


def test_name_like_words_are_flagged_when_not_a_name(engine: Engine) -> None:
    verdict = engine.evaluate(Content(text="the mayor is a total dick about parking"))
    assert verdict.clauses == ("12.4.D.1",)
    assert verdict.decision is Decision.REVIEW


def test_configuration_adds_removes_and_allows() -> None:
    tiers = WordTiers.bundled().configured(
        {"add_severe": ["frak"], "add_mild": ["gosh"], "remove": ["crap"], "allow": ["fuck"]})
    engine = Engine.from_rules([ProfanityRule(tiers)])
    assert engine.evaluate(Content(text="frakking frak")).decision is Decision.REMOVE
    assert engine.evaluate(Content(text="oh gosh")).decision is Decision.REVIEW
    assert engine.evaluate(Content(text="crap")).allowed
    assert engine.evaluate(Content(text="fuck")).allowed


def test_configuration_can_drop_or_harden_an_expletive() -> None:
    tiers = WordTiers.bundled().configured({"allow": ["damn it"], "add_severe": ["damn"],
                                            "add_mild": ["sucks"]})
    engine = Engine.from_rules([ProfanityRule(tiers)])
    assert engine.evaluate(Content(text="this sucks")).decision is Decision.REVIEW
    assert engine.evaluate(Content(text="the pump sucks up water")).allowed
    assert engine.evaluate(Content(text="damn it")).allowed
    assert engine.evaluate(Content(text="damn")).decision is Decision.REMOVE


def test_every_listed_variant_is_caught(engine: Engine) -> None:
    """``[variants]`` lists spellings left out of the tiers because normalisation already
    matches them: each must really be caught (those not caught belong in ``dropped``)."""
    data = load_data("profanity")
    missed = [w for w in data["variants"]["words"]
              if engine.evaluate(Content(text=f"that is {w} honestly")).clauses != ("12.4.D.1",)]
    assert missed == []


def test_identity_words_are_not_in_the_profanity_tiers() -> None:
    tiers = WordTiers.bundled()
    every = tiers.severe | tiers.mild | tiers.name_like | tiers.stems
    every |= tiers.expletives
    for word in ("gay", "lesbian", "muslim", "weed", "drunk", "stroke", "stupid", "nazi",
                 "hooker", "screw", "pee", "hell", "bloody", "suck"):
        assert word not in every
