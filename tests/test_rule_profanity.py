"""The profanity rule (12.4.D.1): disguises caught, names and places left alone."""

from __future__ import annotations

import pytest

from clive_rules import Content, Decision, Engine
from clive_rules.rules.profanity import ProfanityRule, WordTiers


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_rules([ProfanityRule(WordTiers.bundled())])


CAUGHT = ["f*ck", "sh1t", "fuuuck", "𝔣𝔲𝔠𝔨", "ｆｕｃｋ", "fuсk", "shitshitshit", "motherfucking",
          "c0cksucker", "bullsh!t", "$hit", "a$$hole", "b!tch", "f.u.c.k", "f u c k", "f-u-c-k",
          "FUCK", "Sh\u200bit", "shittiest"]


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
]


@pytest.mark.parametrize("text", ALLOWED)
def test_names_places_and_civic_words_are_not_profanity(engine: Engine, text: str) -> None:
    assert engine.evaluate(Content(text=text)).allowed


def test_severe_removes_mild_reviews(engine: Engine) -> None:
    assert engine.evaluate(Content(text="what the fuck")).decision is Decision.REMOVE
    mild = engine.evaluate(Content(text="this is crap"))
    assert mild.decision is Decision.REVIEW
    assert mild.findings[0].category == "mild"


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


def test_identity_words_are_not_in_the_profanity_tiers() -> None:
    tiers = WordTiers.bundled()
    every = tiers.severe | tiers.mild | tiers.name_like | tiers.stems
    for word in ("gay", "lesbian", "muslim", "weed", "drunk", "stroke", "stupid", "nazi",
                 "hooker", "screw", "pee"):
        assert word not in every
