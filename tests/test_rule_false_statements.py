"""The false-or-malicious-statements rule (12.4.D.9): accusations go to review, always."""

from __future__ import annotations

import pytest

from clive_rules import Content, Engine
from rule_table import (
    Row,
    check_row,
    check_superset,
    findings,
)

RULE = "false-statements"

TABLE: list[Row] = [
    ("Officer Jane Roe stole money from the evidence room.", ("accusation", "review")),
    ("Finance clerk Marcy Holt has been skimming our utility payments.", ("accusation", "review")),
    ("City Manager Paul Ridge took a $50,000 kickback from the developer.",
     ("accusation", "review")),
    ("The finance director embezzled the stormwater fee money.", ("accusation", "review")),
    ("Building inspector Ron Hales takes cash under the table.", ("accusation", "review")),
    ("Councilwoman Tran rigged the last election.", ("accusation", "review")),
    ("The city secretly dumped raw sewage in the creek and is covering it up.",
     ("accusation", "review")),
    ("The water department is faking the test results.", ("accusation", "review")),
    ("Sgt. Pike beat a handcuffed teenager behind the station.", ("accusation", "review")),
    ("Parks Director Tom Briggs is a pedophile.", ("accusation", "review")),
    # other forms of the same verbs, and more of the same kinds of accusation
    ("The city clerk rigs the elections, she's been doing it for years.",
     ("accusation", "review")),
    ("Public works foreman Dale Jensen falsifies his timesheets.", ("accusation", "review")),
    ("Dan Reyes is a dirty cop, takes payoffs from the dealers.", ("accusation", "review")),
    ("The assessor takes cash under the table to lower your valuation.",
     ("accusation", "review")),
    ("The water utility manager pockets the late fees.", ("accusation", "review")),
    ("Building inspector Greg Wold takes cash bribes from contractors.", ("accusation", "review")),
    ("The city forged ahead with the roundabout anyway.", None),
    ("Great job officers, you murdered that chili cook-off!", None),
    # criticism and opinion: never
    ("The mayor is a liar and should resign.", None),
    ("The council is incompetent and wasteful.", None),
    ("Worst-run city in Iowa. Every project is late and over budget.", None),
    ("The city manager is hiding something about this budget.", None),
    ("This rezoning is a giveaway, and the commission is in their pocket.", None),
    ("Officer Reed was rude to me. How do I file a complaint?", None),
    # questions and reports of crimes by others: never
    ("Is it true the finance director embezzled money?", None),
    ("Did the city cover up the sewage spill?", None),
    ("Someone stole my bike, I reported it.", None),
    ("The state audit found $40,000 in unaccounted overtime.", None),
    ("Great work by the police catching the thieves.", None),
    # claims that the city hides, fakes or rigs something need no target beside them
    ("Chief Morrow swept it under the rug when the squad car got wrecked.",
     ("accusation", "review")),
    ("They made up the numbers to justify the levy, and everyone at City Hall knows.",
     ("accusation", "review")),
    ("Public Works has been sitting on the results of the lead tests for months.",
     ("accusation", "review")),
    ("The pool lottery is rigged. Staff kids get every spot.", ("accusation", "review")),
    # a named person at the start of the sentence, a target after a passive
    ("Karen Mills was pushed out of her last job for embezzling.", ("accusation", "review")),
    ("The brush fire on Elm was started by a firefighter looking for overtime.",
     ("accusation", "review")),
    # opinion of a bias, idioms, questions, a new programme
    ("The pool lottery is rigged against families who work days lol", None),
    ("This survey feels rigged toward the developers.", None),
    ("Is the survey rigged? Asking honestly.", None),
    ("Kelly Ross from Parks stole the show at the talent night!", None),
    ("The program doesn't exist yet, it starts in May.", None),
    ("I don't trust these numbers. Can we get an independent audit?", None),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_table(row: Row) -> None:
    check_row(RULE, row)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_prefilter_is_a_superset(row: Row) -> None:
    check_superset(RULE, row)


def test_accusations_are_never_removed_even_if_configured_to() -> None:
    engine = Engine.default({"engine": {"decisions": {"12.4.D.9": "remove"}}})
    for row in TABLE:
        for f in findings(RULE, row):
            assert f.decision.value == "review"
            assert "cannot know whether it is true" in f.explanation
    verdict = engine.evaluate(Content(text=TABLE[0][0]))
    assert verdict.decision.value == "review"


def test_roster_names_are_targets() -> None:
    config = {"city": {"employees": [{"name": "Dana Whitfield", "title": "Aquatics Supervisor",
                                      "department": "aquatics"}]}}
    engine = Engine.default(config)
    verdict = engine.evaluate(Content(text="Whitfield has been stealing from the snack bar."))
    assert "12.4.D.9" in verdict.clauses
    plain = Engine.default().evaluate(Content(text="Whitfield has been stealing from the bar."))
    assert "12.4.D.9" not in plain.clauses
