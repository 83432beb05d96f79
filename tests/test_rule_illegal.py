"""The illegal-activity rule (12.4.D.5): always review; sales also as commercial solicitation."""

from __future__ import annotations

import pytest

from rule_table import (
    Row,
    check_row,
    check_superset,
    findings,
)

RULE = "illegal"

TABLE: list[Row] = [
    ("got carts, pens and xans delivery anywhere in Clive, snap me", ("drugs", "review")),
    ("Selling Adderall 20mg, $10 each, meet at the pool lot.", ("drugs", "review")),
    ("Growing shrooms, have extra if anyone wants some, Venmo me", ("drugs", "review")),
    ("Good weed for sale, hmu", ("drugs", "review")),
    ("p3rcs n addys availble, clive and urbandale", ("drugs", "review")),
    ("Need a fake ID for the beer garden? I make them, $75, they scan.",
     ("counterfeit", "review")),
    ("Nearly new e-bike, $200, no title, no questions asked", ("stolen-goods", "review")),
    ("Someone should spray paint over that mural, there are no cameras.",
     ("encouragement", "review")),
    ("Let's all go egg Councilman Reyes's house tonight.", ("encouragement", "review")),
    ("Shoplifting at the store on 86th is so easy. Go for it.", ("encouragement", "review")),
    ("Just dump your old tires in the pond, nobody ever checks.", ("encouragement", "review")),
    ("DART never checks passes, just walk on through the back door. Why pay?",
     ("encouragement", "review")),
    # an illegal act as a command at the start of a sentence
    ("Slash the tires on the parking enforcement cart, they deserve it",
     ("encouragement", "review")),
    ("Just hop the fence at the aquatic center after close, free swimming all night",
     ("encouragement", "review")),
    ("Tip for the new rates: jumper the meter with a pipe, I've done it for years.",
     ("encouragement", "review")),
    ("Someone break into the impound lot and get my car back, will pay $500",
     ("encouragement", "review")),
    # tricky negatives
    ("Use someone else's address to get the resident rate, nobody checks.",
     ("encouragement", "review")),
    ("Graffiti on the bridge again, who do I report it to?", None),
    ("Tag the city in your photos!", None),
    ("Dump your yard waste at the compost site on Saturday.", None),
    ("Lie on your back and stretch after the 5K.", None),
    ("Climb the fence? No, use the gate by the shelter, it's unlocked now.", None),
    ("Pull the meter reading from the last statement to compare usage.", None),
    ("Break into the top three this year, team!", None),
    ("Egg the kids on at the hunt, they love it.", None),
    ("Set fire to the grill? Use a chimney starter.", None),
    ("Reminder: hop the fence and you'll be cited.", None),
    ("Drive drunk and you'll lose your license, the police said.", None),
    ("The drunk driver crashed into the fence on Hickman last night.", None),
    ("Can volunteers help weed the garden beds on Saturday?", None),
    ("Is marijuana legal in Iowa now?", None),
    ("The council should support decriminalizing cannabis.", None),
    ("The crack in the road swallowed my tire.", None),
    ("My bike was stolen from the library rack.", None),
    ("Someone graffitied the underpass again. Please clean it.", None),
    ("Saw what looked like a drug deal in the park lot. Who do I call?", None),
    ("Golf carts for sale at the city auction?", None),
    ("The potluck at Fire Station 2 was amazing!", None),
    ("You should try the Easter egg hunt, the kids loved it.", None),
    # advice as a command beside a promise of getting away with it
    ("Just burn your brush pile after dark, nobody can see the smoke.",
     ("encouragement", "review")),
    ("Skip the permit for the shed. The city has no way of knowing.",
     ("encouragement", "review")),
    ("Don't tell the assessor about the new bathroom, they'll never know.",
     ("encouragement", "review")),
    # a complaint that a rule goes unenforced, a tip, a question
    ("Nobody can see the crosswalk at night, please add a light.", None),
    ("Use the online form, nobody checks the drop box on weekends.", None),
    ("Take the Hickman detour. Will they ever know how bad 86th is?", None),
    ("Put your cousin's address on the form, they never check.", ("encouragement", "review")),
    ("Nobody checks the parking permits at the pool, please send someone.", None),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_table(row: Row) -> None:
    check_row(RULE, row)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_prefilter_is_a_superset(row: Row) -> None:
    check_superset(RULE, row)


def test_every_illegal_finding_is_review() -> None:
    for row in TABLE:
        for f in findings(RULE, row):
            assert f.clause != "12.4.D.5" or f.decision.value == "review"


def test_a_drug_sold_for_money_is_also_commercial_solicitation() -> None:
    found = findings(RULE, ("Selling Adderall 20mg, $10 each", None))
    assert {(f.clause, f.decision.value) for f in found} == {
        ("12.4.D.5", "review"), ("12.4.D.6", "remove")}
    assert not [f for f in findings(RULE, ("anyone got xans?", None)) if f.clause == "12.4.D.6"]
