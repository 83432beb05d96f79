"""The solicitation rule (12.4.D.6) and URL finding, table-driven."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clive_rules import Content, Engine
from clive_rules.config import CORE_DEFAULTS, Config
from clive_rules.rules.base import Subject
from clive_rules.rules.solicitation import DEFAULTS, SolicitationRule, clive_register_rules
from clive_rules.text import Normalizer
from clive_rules.urls import find_urls, is_city_domain, parse_url
from clive_rules.verdict import Decision

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus  # the benchmark's generator of realistic comments

NORMALIZER = Normalizer()


@pytest.fixture(scope="module")
def rule() -> SolicitationRule:
    config = Config.build({**CORE_DEFAULTS, "solicitation": DEFAULTS})
    (built,) = clive_register_rules(config)
    return built


def subject(text: str, links: tuple[str, ...] = ()) -> Subject:
    return Subject(Content(text=text, links=links), NORMALIZER.normalize(text))


# (text, category or None, decision or None)
CASES = [
    ("Check out my channel for Clive drone videos, like and subscribe!", "commercial", "remove"),
    ("30% off all lawn care this week, use code SPRING30", "commercial", "remove"),
    ("Get a free roof inspection, call 515-555-0101 today", "commercial", "remove"),
    ("Work from home and make $500 a day, DM me", "commercial", "remove"),
    ("Buy 1000 followers cheap at fastfollows.com", "commercial", "remove"),
    ("Great deals here bit.ly/x7 check it out", "commercial", "remove"),
    ("see shop.example.com", "commercial", "review"),
    ("Jesus loves you! Accept Christ today.", "religious", "review"),
    ("Join us this Sunday at Grace Church, all are welcome", "religious", "review"),
    ("Vote for Pat Lee for mayor!", "political", "review"),
    ("Sign the petition to stop the new tax", "political", "review"),
    ("Please donate to our animal shelter, every dollar helps", "social", "review"),
    ("Join the march for climate action downtown", "social", "review"),
    # negatives
    ("The agenda is at https://www.cityofclive.com/council", None, None),
    ("Sign up for Summer Reading at cityofclive.com/library", None, None),
    ("Is the CLIVESWIM promo code still valid?", None, None),
    ("Just hang up. Never give anyone gift card numbers, period.", None, None),
    ("Call now, we got on a list in May and they did it in August. Don't wait", None, None),
    ("Is this being paid for by the pickleball club donation or the city?", None, None),
    ("Please let us know if there's a GoFundMe set up by the family so we know which one is "
     "real", None, None),
    ("Is there a subscription program? Some towns have an annual membership.", None, None),
    ("Do not donate to anyone calling claiming to be police", None, None),
    ("Call now for a free quote 515-555-0101", "commercial", "remove"),
    ("Selling my 2015 Honda Civic, 98k miles, $9,500 OBO, message me", "commercial", "remove"),
    ("Join the Polk County Democrats for phone banking Tuesday", "political", "review"),
    ("Come find your spiritual home at Living Waters Church this Sunday", "religious", "review"),
    ("The Democrats on the council voted no on the levy.", None, None),
    ("Can't wait to check it out, Lincoln Park is our favorite", None, None),
    ("Reminder the library has free museum passes you can check out!", None, None),
    ("New video up on my page, check it out!", "commercial", "review"),
    ("City Hall open house is Saturday, come see the new council chambers", None, None),
    ("Please donate to my GoFundMe for my surgery", "social", "review"),
    ("Win a $500 gift card! Click here bit.ly/xyz", "commercial", "remove"),
    ("I'm voting against the bond.", None, None),
    ("Where do I vote on Tuesday?", None, None),
    ("I paid $45 for the permit and it took three weeks.", None, None),
    ("Can you check my water bill? It doubled.", None, None),
    ("Our church lot floods every spring.", None, None),
    ("Please help, the storm drain on Elm is blocked.", None, None),
    ("Praying for everyone hurt in the storm.", None, None),
    ("The city council should vote on this in public.", None, None),
    ("Thanks to Hy-Vee for sponsoring the fireworks!", None, None),
    ("Don't forget the Clive Festival, join us at Campbell Park!", None, None),
    ("What a great day.Then it rained.", None, None),
    # a number to call beside a price: an ad, or the city's fee passed on: review
    ("Lawn mowing $35 a yard, call or text Mike 515-555-0148", "commercial", "review"),
    ("Shelters are $40 a day, call Parks at 515-555-0100", None, None),
    ("Call 515-555-0100 to reserve the shelter.", None, None),
    ("Vote Sarah Lund for school board!", "political", "review"),
    ("I'm running for council because of this. Campaign kickoff is Friday.", "political",
     "review"),
    ("We're raising money for our robotics team trip!", "social", "review"),
    ("Los invitamos al culto del domingo en la Iglesia Nueva Vida", "religious", "review"),
    # praise of a price, and asking how to give, are not pitches
    ("$35 is a great price. Thank you for keeping this going.", None, None),
    ("Is there a way to donate to the scholarship fund if we can't make the race?", None, None),
]


@pytest.mark.parametrize(("text", "category", "decision"), CASES)
def test_cases(rule: SolicitationRule, text: str, category: str | None,
               decision: str | None) -> None:
    findings = list(rule.evaluate(subject(text)))
    if category is None:
        assert findings == [], findings
        return
    assert [f.category for f in findings][:1] == [category], findings
    assert findings[0].decision.value == decision
    assert findings[0].clause == "12.4.D.6"


@pytest.mark.parametrize(("text", "_c", "_d"), CASES)
def test_prefilter_is_a_superset(rule: SolicitationRule, text: str, _c: object,
                                 _d: object) -> None:
    if not rule.prefilter.matches(text, NORMALIZER.fold(text)):
        assert list(rule.evaluate(subject(text))) == []


@pytest.mark.parametrize(("text", "_c", "_d"), CASES)
def test_spans_point_into_the_original(rule: SolicitationRule, text: str, _c: object,
                                       _d: object) -> None:
    for finding in rule.evaluate(subject(text)):
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.evidence in text


def test_attached_links_alone_are_not_an_ask(rule: SolicitationRule) -> None:
    assert list(rule.evaluate(subject("Nice photo", links=("https://shop.example.com",)))) == []


def test_city_link_in_content_links_never_counts(rule: SolicitationRule) -> None:
    found = rule.evaluate(subject("check it out", links=("https://www.cityofclive.com/pool",)))
    assert list(found) == []


def test_configured_phrase_and_allowed_domain() -> None:
    config = Config.build({**CORE_DEFAULTS, "solicitation": DEFAULTS}, {
        "solicitation": {"commercial_phrases": ["lawn special"],
                         "allowed_domains": ["cliveschools.org"]}})
    (built,) = clive_register_rules(config)
    assert [f.category for f in built.evaluate(subject("Our lawn special is back"))] == [
        "commercial"]
    assert list(built.evaluate(subject("Calendar at cliveschools.org/cal"))) == []


def test_engine_caps_religious_to_review() -> None:
    verdict = Engine.default().evaluate(Content(text="Accept Christ as your savior today!"))
    assert verdict.decision is Decision.REVIEW


# --- urls ---------------------------------------------------------------------------------

URL_CASES = [
    ("visit shop.example.com now", ["shop.example.com"]),
    ("bit.ly/x and https://a.org/p?q=1).", ["bit.ly/x", "https://a.org/p?q=1"]),
    ("mail bob@shop.com or read file.txt", []),
    ("The end.Then more. Pi is 3.14", []),
    ("(see WWW.DEALS.COM)", ["WWW.DEALS.COM"]),
    ("http://localhost:8000/x", ["http://localhost:8000/x"]),
    ("Wife.how she knew", []),
]


@pytest.mark.parametrize(("text", "expected"), URL_CASES)
def test_find_urls(text: str, expected: list[str]) -> None:
    found = find_urls(text)
    assert [u.text for u in found] == expected
    for url in found:
        assert text[url.start:url.end] == url.text


def test_url_fields_and_city_domain() -> None:
    (url,) = find_urls("go to https://www.cityofclive.com/parks?x=1")
    assert (url.host, url.registered_domain, url.path, url.explicit) == (
        "www.cityofclive.com", "cityofclive.com", "/parks?x=1", True)
    config = Config.build(CORE_DEFAULTS)
    assert is_city_domain(url, config)
    other = parse_url("https://cityofclive.com.evil.example/x")
    assert other is not None and not is_city_domain(other, config)


def test_subject_urls_is_cached_and_includes_links() -> None:
    s = subject("see bit.ly/x", links=("https://cityofclive.com/a",))
    assert [u.attached for u in s.urls] == [False, True]
    assert s.urls is s.urls


# --- prefilter: a superset of the rule, and narrow on ordinary civic comments ----------------

TRIGGERS = st.sampled_from([
    "check out my channel", "sub4sub", "subscribe", "like and subscribe", "30% off", "use code X9",
    "promo code", "free quote", "buy now", "best prices", "check it out", "roofing", "$50",
    "make $500 a day", "work from home", "DM me", "call me for a free quote", "Jesus loves you",
    "church", "join us this Sunday", "vote yes on the measure", "vote for Pat", "re-elect",
    "sign the petition", "please donate", "gofundme", "join the rally", "bit.ly/x",
    "shop.example.com", "www.deals.com", "https://x.org/a", "cityofclive.com/pool",
    "ｆｒｅｅ ｑｕｏｔｅ",
    "Vote them out", "made 2 trips", "fl00ding", "subb scribe", "ch3ck 0ut my ch4nnel",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TRIGGERS, st.text(max_size=12),
                          st.sampled_from([" ", ". ", "\n", "!", "?", "  "])), max_size=8))
def test_prefilter_is_a_superset_on_generated_text(rule: SolicitationRule,
                                                   parts: list[str]) -> None:
    text = "".join(parts)
    s = subject(text)
    everything = rule._findings(s)  # every signal looked for, no prefilter consulted
    if not rule.prefilter.matches(text, s.norm.text):
        assert everything == []
    # Looking only for the signals whose literals are there finds the same.
    assert list(rule.evaluate(s)) == (everything if rule.prefilter.matches(text, s.norm.text)
                                      else [])


def test_prefilter_passes_few_benign_comments(rule: SolicitationRule) -> None:
    rows = [r for r in corpus.generate(4000, seed=3) if r["category"] == "benign"]
    passed = sum(rule.prefilter.matches(r["text"], NORMALIZER.fold(r["text"])) for r in rows)
    assert passed / len(rows) < 0.05, passed / len(rows)
    spam = [r for r in corpus.generate(4000, seed=3) if r["category"] == "spam"]
    assert all(rule.prefilter.matches(r["text"], NORMALIZER.fold(r["text"])) for r in spam)
