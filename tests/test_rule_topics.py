"""Table-driven tests of the topics rule: off-topic (12.4.D.8) and routing (12.4.A.8)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from clive_rules import Content, Engine
from clive_rules.config import CORE_DEFAULTS, Config
from clive_rules.errors import ConfigError
from clive_rules.rules import Subject
from clive_rules.rules.topics import (
    TopicLexicon,
    TopicProfiles,
    TopicRule,
    clive_config_defaults,
    rule_from_config,
    stem,
)
from clive_rules.verdict import ActionKind, Decision

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).parent / "cases"

WATER_POST = ("Water main break on NW 86th Street between Hickman Road and Swanson Boulevard. "
              "Crews are on site; expect lane closures until about 6 p.m.")
POOL_POST = ("The Clive Aquatic Center opens for the season Saturday, May 30! Season passes are "
             "on sale now at cityofclive.com.")
COUNCIL_POST = ("The City Council will hold a public hearing on the FY2027 budget Thursday, "
                "March 12 at 6 p.m. at City Hall.")
PLOW_POST = ("Snow plows are out on priority routes. Please keep vehicles off the street until "
             "plows have made a full pass.")
LIBRARY_POST = "Summer Reading kicks off June 1 for all ages. Sign up at the front desk or online!"
FESTIVAL_POST = ("Clive Festival returns to Campbell Recreation Area on June 20! Live music, food "
                 "trucks and fireworks at dusk.")


def _config(**topics: Any) -> Config:
    return Config.build({**CORE_DEFAULTS, **clive_config_defaults()}, {"topics": topics})


@pytest.fixture(scope="module")
def rule() -> TopicRule:
    return rule_from_config(_config())


@pytest.fixture(scope="module")
def engine(rule: TopicRule) -> Engine:
    return Engine.from_rules([rule])


def _findings(rule: TopicRule, engine: Engine, content: Content) -> list[Any]:
    return list(rule.evaluate(Subject(content, engine.normalizer.normalize(content.text))))


OFF_TOPIC = [
    ("Anyone selling 2 Hawkeyes tickets for Saturday? Paying cash.", "water", WATER_POST),
    ("What does everyone think of the new Taylor Swift album? Track 4 is everything.",
     "public-works", PLOW_POST),
    ("Is anyone else watching the Bachelor finale tonight??", "council", COUNCIL_POST),
    ("Does anyone know a good place to fix an iPhone screen?", "aquatics", POOL_POST),
    ("Happy birthday to my sister Jess!! Love you girl", "library", LIBRARY_POST),
    ("The president's trade policy is wrecking Iowa farmers and nobody cares.", "council",
     COUNCIL_POST),
    ("Can someone recommend a mechanic for an older Subaru? Mine makes a grinding noise.",
     "water", WATER_POST),
    ("Who else thinks the Chiefs got robbed last night? The refs were awful.", "events",
     FESTIVAL_POST),
    # a tag question to other readers is still off-topic
    ("Anyone else think the Chiefs got robbed last night, right?", "events", FESTIVAL_POST),
]


@pytest.mark.parametrize(("text", "account", "parent"), OFF_TOPIC)
def test_off_topic_goes_to_review_with_a_modest_confidence(
    rule: TopicRule, engine: Engine, text: str, account: str, parent: str,
) -> None:
    content = Content(text=text, account=account, parent_text=parent)
    found = _findings(rule, engine, content)
    assert [f.clause for f in found] == ["12.4.D.8"], found
    finding = found[0]
    assert finding.decision is Decision.REVIEW
    assert 0.3 <= finding.confidence < 0.8
    assert finding.explanation.count(".") == 1 and finding.explanation.endswith(".")
    verdict = engine.evaluate(content)
    assert verdict.decision is Decision.REVIEW
    assert [a.kind for a in verdict.actions] == [ActionKind.HOLD_FOR_REVIEW]


NEVER_OFF_TOPIC = [
    ("thanks!", WATER_POST),
    ("Great job, crews!", PLOW_POST),
    ("Same here!", WATER_POST),
    ("❤️❤️", POOL_POST),
    ("👍", COUNCIL_POST),
    ("Love this so much, beautiful pictures everyone", POOL_POST),
    ("Thank you for everything you all do for the families in this town every single day",
     COUNCIL_POST),
    ("Are you open on Labor Day, and what are your hours then?", LIBRARY_POST),
    ("lol no way", FESTIVAL_POST),
    # a fact checked with the page: a question to the city even without "you"
    ("The grief support group still meets in Room B on Tuesdays, right?", LIBRARY_POST),
    ("Monthly siren test is the first Wednesday at 10 a.m., correct?", PLOW_POST),
]


@pytest.mark.parametrize(("text", "parent"), NEVER_OFF_TOPIC)
def test_short_replies_feedback_and_questions_to_the_city_are_never_off_topic(
    rule: TopicRule, engine: Engine, text: str, parent: str,
) -> None:
    for kind in ("comment", "reply"):
        content = Content(text=text, kind=kind, account="parks", parent_text=parent)
        assert _findings(rule, engine, content) == []


ON_TOPIC = [
    # Criticism of the city, its officials and its decisions is city business.
    ("The council wasted our money again and nobody at City Hall listens to residents.",
     "council", COUNCIL_POST),
    ("This mayor is a joke and the whole lot of them should resign.", "water", WATER_POST),
    ("Worst plowing job I've seen in twenty years, absolutely pathetic.", "public-works",
     PLOW_POST),
    ("Your crews took forever and my basement flooded because of it.", "water", WATER_POST),
    # About the post itself, without any city word.
    ("Hope those crews stay warm out there on Swanson.", "water", WATER_POST),
    ("My kids have been counting down to Saturday all spring!", "aquatics", POOL_POST),
    ("Is this related to the discolored water we had last week?", "water", WATER_POST),
    # Nothing in common with the post or the city, but no sign of another subject either:
    # reactions in other words, personal stories, replies to other readers, other languages.
    ("Ugh, that's my running route. Guess I'll hit the treadmill at the gym instead.",
     "public-works", PLOW_POST),
    ("Mine chirped at 3am last week, that's how I knew.", "library", LIBRARY_POST),
    ("A hot dog and a photo op doesn't make up for the lack of transparency.", "council",
     COUNCIL_POST),
    ("We're a gay couple who just moved here from Texas. Already feel more at home.",
     "events", FESTIVAL_POST),
    ("Hablo por mis vecinos mayores: por favor quiten la nieve de las paradas.",
     "public-works", PLOW_POST),
    ("Can someone check whether the grate by the Hy-Vee lot is clogged? It floods.",
     "water", WATER_POST),
    ("Swimsuits must be worn in the hot tub? Someone at our gym actually asked this lol",
     "aquatics", LIBRARY_POST),
    # the page asked in the words used for other readers; the account's own hints
    ("Why is the consultants line up 40% this year? Can someone explain?", "council",
     COUNCIL_POST),
    ("Anyone know what all the sirens were about on 86th around 9pm last night?", "fire",
     LIBRARY_POST),
]


@pytest.mark.parametrize(("text", "account", "parent"), ON_TOPIC)
def test_criticism_and_replies_about_the_post_are_on_topic(
    rule: TopicRule, engine: Engine, text: str, account: str, parent: str,
) -> None:
    content = Content(text=text, account=account, parent_text=parent)
    assert not [f for f in _findings(rule, engine, content) if f.clause == "12.4.D.8"]


REDIRECTS = [
    ("When does the library summer reading program start?", "aquatics", POOL_POST, "library"),
    ("When is trash pickup moved for the holiday?", "parks", FESTIVAL_POST, "public-works"),
    ("Unrelated, but the pothole on 114th is back. Who handles that?", "finance", COUNCIL_POST,
     "public-works"),
    ("Who do I call about a loud party next door every weekend?", "parks", FESTIVAL_POST,
     "police"),
    ("How do I get a building permit for a deck?", "library", LIBRARY_POST, "planning"),
    ("Why is my water bill so high this quarter?", "police", PLOW_POST, "finance"),
    ("Are lifeguards needed this summer? My daughter is 16.", "library", LIBRARY_POST,
     "aquatics"),
    ("Is the boil advisory still in effect?", "fire", FESTIVAL_POST, "water"),
]


@pytest.mark.parametrize(("text", "account", "parent", "target"), REDIRECTS)
def test_questions_for_another_department_are_redirected_and_stay_allowed(
    rule: TopicRule, engine: Engine, text: str, account: str, parent: str, target: str,
) -> None:
    content = Content(text=text, account=account, parent_text=parent)
    found = _findings(rule, engine, content)
    assert [(f.clause, f.target) for f in found] == [("12.4.A.8", target)], found
    finding = found[0]
    assert finding.decision is Decision.ALLOW
    assert text[finding.start:finding.end] == finding.evidence != ""
    verdict = engine.evaluate(content)
    assert verdict.decision is Decision.ALLOW
    assert [(a.kind, a.target) for a in verdict.actions] == [(ActionKind.REDIRECT, target)]


NOT_REDIRECTED = [
    # The account's own department.
    ("Will the water main be fixed before tonight?", "water", WATER_POST),
    # The post itself is about the other department (an events post about the pool).
    ("Is there parking at the aquatic center for this?", "events",
     "Movie night at the Aquatic Center pool deck Friday!"),
    # A statement, not a question or request.
    ("The library is my favourite place in town.", "parks", FESTIVAL_POST),
    # Only everyday hints ("dog"), no clear department.
    ("Can I bring my dog?", "library", LIBRARY_POST),
]


@pytest.mark.parametrize(("text", "account", "parent"), NOT_REDIRECTED)
def test_no_redirect_when_the_account_or_the_post_covers_it(
    rule: TopicRule, engine: Engine, text: str, account: str, parent: str,
) -> None:
    content = Content(text=text, account=account, parent_text=parent)
    assert _findings(rule, engine, content) == []


def test_only_comments_and_replies_on_known_accounts_with_a_post_are_judged(
    rule: TopicRule, engine: Engine,
) -> None:
    text = OFF_TOPIC[0][0]
    judged = Content(text=text, account="water", parent_text=WATER_POST)
    assert _findings(rule, engine, judged)
    for content in (
        Content(text=text),
        Content(text=text, parent_text=WATER_POST),  # no account
        Content(text=text, account="clivewater", parent_text=WATER_POST),  # unknown account
        Content(text=text, account="water"),  # no post text: not judged by default
    ):
        assert _findings(rule, engine, content) == [], content
    for kind in ("post", "message", "chat", "tag"):
        content = Content(text=text, kind=kind, account="water", parent_text=WATER_POST)
        assert not engine.evaluate(content).findings


def test_configuration_extends_and_overrides_the_profiles() -> None:
    text = "Anyone going to the Hawkeyes tailgate this Saturday? Bringing brats."
    content = Content(text=text, account="clivewater", parent_text=WATER_POST)
    plain = rule_from_config(_config(accounts={"clivewater": "water"}))
    engine = Engine.from_rules([plain])
    assert [f.clause for f in engine.evaluate(content).findings] == ["12.4.D.8"]
    added = rule_from_config(_config(accounts={"clivewater": "water"},
                                     add={"city": ["tailgate"]}))
    assert Engine.from_rules([added]).evaluate(content).findings == ()
    # A subject no city account deals with can be added, or taken out.
    chatter = Content(text="The curling bonspiel this weekend was an absolute blast for us",
                      account="water", parent_text=WATER_POST)
    assert Engine.from_rules([plain]).evaluate(chatter).findings == ()
    elsewhere = rule_from_config(_config(add_elsewhere=["curling bonspiel"]))
    assert [f.clause for f in Engine.from_rules([elsewhere]).evaluate(chatter).findings] == [
        "12.4.D.8"]
    sports = Content(text="The Hawkeyes defense was unreal last night, what a game",
                     account="water", parent_text=WATER_POST)
    assert [f.clause for f in Engine.from_rules([plain]).evaluate(sports).findings] == [
        "12.4.D.8"]
    unlisted = rule_from_config(_config(remove=["hawkeyes"]))
    assert Engine.from_rules([unlisted]).evaluate(sports).findings == ()
    # Without a post, judged only when require_parent is false.
    alone = Content(text=text, account="water")
    assert Engine.from_rules([plain]).evaluate(alone).findings == ()
    eager = rule_from_config(_config(require_parent=False))
    assert [f.clause for f in Engine.from_rules([eager]).evaluate(alone).findings] == [
        "12.4.D.8"]
    # Replacing a profile and removing a term change routing.
    question = Content(text="When does the library summer reading program start?",
                       account="aquatics", parent_text=POOL_POST)
    replaced = rule_from_config(_config(replace={"library": ["bookmobile"]},
                                        remove=["summer reading"]))
    assert Engine.from_rules([replaced]).evaluate(question).findings == ()
    routing_off = rule_from_config(_config(routing=False))
    assert Engine.from_rules([routing_off]).evaluate(question).findings == ()


@pytest.mark.parametrize(("topics", "message"), [
    ({"add": {"zoo": ["lion"]}}, "'zoo' is not one of city.departments"),
    ({"accounts": {"clivezoo": "zoo"}}, "'zoo' is not one of city.departments"),
    ({"add": {"parks": "trail"}}, "expected a list of strings"),
    ({"min_words": 0}, "must be at least 1"),
    ({"confidence": 1.5}, "must be between 0 and 1"),
])
def test_bad_configuration_is_one_clear_error(topics: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        rule_from_config(_config(**topics))


def test_a_department_without_a_profile_gets_its_slug_as_its_term() -> None:
    config = Config.build({**CORE_DEFAULTS, **clive_config_defaults()}, {
        "city": {"departments": ["parks", "animal-control"]}})
    rule = rule_from_config(config)
    assert rule.lexicon.route("who runs animal control here") == "animal-control"
    assert rule.lexicon.route("is the library open") is None  # library is not a department


@pytest.mark.parametrize(("text", "department"), [
    ("Street Light Condition Street Light Out", "public-works"),
    ("Noise - Residential Loud Music/Party", "police"),
    ("Water Quality Taste/Odor, Bitter/Metallic", "water"),
    ("Sewer Backup", "water"),
    ("heat/hot water entire building", "planning"),
    ("Request for Pothole Repair", "public-works"),
    ("what time is the fireworks show", None),  # a hint shared by three departments
    ("I love pizza", None),
])
def test_route(rule: TopicRule, text: str, department: str | None) -> None:
    assert rule.lexicon.route(text.lower()) == department


def test_stem_strips_plurals_only() -> None:
    assert [stem(w) for w in ("potholes", "libraries", "taxes", "fees", "parking", "bus",
                              "glass", "this")] == [
        "pothole", "library", "tax", "fee", "parking", "bus", "glass", "this"]


def test_lexicon_is_built_from_the_bundled_profiles() -> None:
    profiles = TopicProfiles.bundled()
    assert set(profiles.names) == set(CORE_DEFAULTS["city"]["departments"])
    lexicon = TopicLexicon(profiles)
    analysis = lexicon.analyse("the water main on our street broke, and the water is brown")
    assert analysis.best() == "water"
    assert analysis.city >= 1


# -- batch path ---------------------------------------------------------------------------------


def _case_contents() -> list[Content]:
    keys = ("text", "kind", "account", "parent_text", "platform", "links")
    out: list[Content] = []
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text("utf-8"))["case"]:
            out.append(Content(**{k: case[k] for k in keys if k in case}))
    for text, account, parent in OFF_TOPIC + ON_TOPIC + NOT_REDIRECTED:
        out.append(Content(text=text, account=account, parent_text=parent))
    for text, account, parent, _ in REDIRECTS:
        out.append(Content(text=text, account=account, parent_text=parent, kind="reply"))
    return out


def test_select_is_a_superset_of_evaluate(rule: TopicRule, engine: Engine) -> None:
    contents = _case_contents()
    texts = [engine.normalizer.normalize(c.text).text for c in contents]
    assert rule.prefilter.select is not None
    selected = set(rule.prefilter.select(texts, contents))
    fired = {i for i, c in enumerate(contents) if _findings(rule, engine, c)}
    assert fired and fired <= selected


def test_evaluate_many_equals_evaluate_on_the_cases(rule: TopicRule, engine: Engine) -> None:
    contents = _case_contents()
    expected = [engine.evaluate(c) for c in contents]
    assert sum(1 for v in expected if v.findings) >= 20
    for size in (1, 7, 512):
        assert list(engine.evaluate_many(contents, batch_size=size)) == expected
    default = Engine.default()
    topics_only = [[f for f in v.findings if f.rule == "topics"]
                   for v in default.evaluate_many(contents)]
    assert topics_only == [list(v.findings) for v in expected]


def test_the_cheap_city_test_never_contradicts_the_full_analysis(rule: TopicRule) -> None:
    lexicon = rule.lexicon
    texts = [c.text.lower() for c in _case_contents()] + [
        "walking path by the water", "food truck at the park", "tall grass near city hall"]
    for text in texts:
        words = lexicon.words(text)
        if lexicon.surely_city(words):
            assert lexicon.analyse(text).city >= 1.0, text


def test_batch_words_equal_words_of_each_text(rule: TopicRule) -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    lexicon = rule.lexicon

    @given(st.lists(st.text(max_size=40).filter(lambda t: "\x00" not in t), max_size=6))
    def check(texts: list[str]) -> None:
        assert lexicon.words_of(texts) == [lexicon.words(t) for t in texts]

    check()
    assert lexicon.words_of(["pot-holes on 5th!", "é ☃ ok", ""]) == [
        ["pot", "holes", "on", "5th"], ["ok"], []]


def test_the_cheap_other_department_test_never_hides_a_redirect(rule: TopicRule) -> None:
    lexicon = rule.lexicon
    for content in _case_contents():
        text = content.text.lower()
        best = lexicon.analyse(text).best()
        for department in lexicon.profiles.names:
            if best is not None and best != department:
                assert lexicon.may_score_other_than(lexicon.words(text), department), text
