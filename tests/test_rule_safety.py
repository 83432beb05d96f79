"""The safety, security and ownership rule (12.4.D.4)."""

from __future__ import annotations

import pytest

from clive_rules.rules.safety import mask_secret
from rule_table import (
    Row,
    check_row,
    check_superset,
    findings,
)

RULE = "safety"

TABLE: list[Row] = [
    # threats: review, urgent
    ("There's a bomb in City Hall. Better not show up Thursday.", ("threat", "review")),
    ("Check under the stage at the festival. Might be a surprise in a backpack \U0001F4A3",
     ("threat", "review")),
    ("I'm bringing my rifle to the next council meeting.", ("threat", "review")),
    ("Someone should shoot up city hall", ("threat", "review")),
    ("I'll kill you if you park there again", ("threat", "review")),
    # an intention, incitement, duty or wish, joined to an act or to a verb and its target
    ("Somebody oughta take out the fire chief", ("threat", "review")),
    ("I will kill the cop who towed my car", ("threat", "review")),
    ("I'll burn city hall to the ground. Not joking.", ("threat", "review")),
    ("Nice house you have there, chief. Shame if something happened to it.",
     ("threat", "review")),
    ("I hope someone shoots up the next council meeting", ("threat", "review")),
    ("we should burn down city hall friday night", ("threat", "review")),
    ("I'm going to poison the water supply if my bill goes up again", ("threat", "review")),
    ("hang the entire city council from the water tower", ("threat", "review")),
    ("I'm bringing a knife to the next public hearing. try and stop me", ("threat", "review")),
    ("Bomb threat: a device has been placed at the Clive Aquatic Center.",
     ("threat", "review")),
    ("GAS LEAK!!! Evacuate everyone east of 86th NOW", ("alarm", "review")),
    ("The back gate at the water treatment plant is unlocked, just lift the latch.",
     ("security", "review")),
    # credentials and access codes: removal
    ("Staff side door at the pool is still code 4471#", ("credentials", "remove")),
    ("The alarm code for the Public Works garage is 2580.", ("credentials", "remove")),
    ("Wi-Fi password for the staff network is BlueLine515 lol", ("credentials", "remove")),
    ("The login for the pump controls is admin / Clive2026!", ("credentials", "remove")),
    ("gate code: 1234, enjoy the garden", ("credentials", "remove")),
    # piracy: removal with a link, review without
    ("Cracked copy of AutoCAD: warez.example/acad26", ("piracy", "remove")),
    ("Whole film in HD, free download: freeflix-hd.example/watch/moana", ("piracy", "remove")),
    ("UFC pay-per-view free stream at ppvfree.example/live", ("piracy", "remove")),
    ("I ripped the audiobook, all the mp3 files here: mega.example/f/x", ("piracy", "remove")),
    ("Full movie free download, DM me", ("piracy", "review")),
    ("Copying the article since it's behind a paywall: 'The budget...'", ("copyright", "review")),
    # tricky negatives
    ("The fire department blew up the old shed in a training exercise. So cool!", None),
    ("The bomb cyclone knocked out our power.", None),
    ("The fireworks show was the bomb!", None),
    ("Shoot me an email when reservations open.", None),
    ("This proposal is killing our neighborhood.", None),
    ("I'm gonna kill it at the 5K this weekend!", None),
    ("I will kill for a good taco truck by the pool", None),
    ("I want to kill the weeds in the median, which spray is allowed?", None),
    ("Let's kill two birds with one stone and repave both streets.", None),
    ("We're going to blow up balloons for the parade float", None),
    ("I'd like to execute the plan the council approved, not a new one.", None),
    ("I'll run over to City Hall after work to pay it.", None),
    ("We should take out the old playground equipment.", None),
    ("There was a bomb threat at the high school, any updates?", None),
    ("I'll hurt my back shoveling this if the plows don't come.", None),
    ("I'll murder this burger. Save me a plate!", None),
    ("We should burn the leaves this weekend before the ban starts.", None),
    ("I hope someone bombs the trivia so my team finally wins lol", None),
    ("Let's burn down the to-do list early Friday so we can go!", None),
    ("Someone should shoot a time-lapse of the cleanup.", None),
    ("I'll kill some time on University then. Thanks for the heads up.", None),
    ("I hope someone shoots off the big ones at the lake again, best show in town.", None),
    ("The back door at the library was propped open last night; someone should check.", None),
    ("How do I reset my password for the billing portal?", None),
    ("My password is not working on the portal.", None),
    ("Is there a gate code for the community garden? Who do I ask?", None),
    ("My season pass code isn't scanning.", None),
    ("What's the zip code for City Hall, 50325?", None),
    ("The door code changed in 2023, right?", None),
    ("Library card holders get free movies on Kanopy, way better than pirating.", None),
    ("Free stream of the council meeting at cityofclive.com/live", None),
    ("Thanks for the active-shooter training for businesses.", None),
    ("Does the police department offer a firearm safety class?", None),
    ("Is there a gas leak on 86th? I smell gas.", None),
    # a shot promised, a false report to send armed police, a gap in a site's security
    ("If that inspector shows up again I'm putting a round through his truck.",
     ("threat", "review")),
    ("Somebody should call in a hostage situation at his house.", ("threat", "review")),
    ("The pump station fence lock has been busted since May.", ("security", "review")),
    ("The rec center side door doesn't latch, anyone can walk in.", ("security", "review")),
    # not: a worry about a crossing, a roundabout, a door that needs fixing in a question
    ("Someone's going to get hurt at this intersection, please add a stop sign.", None),
    ("The roundabout on 86th is a mess at rush hour.", None),
    ("I'm shooting people a quick email about the meeting.", None),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_table(row: Row) -> None:
    check_row(RULE, row)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_prefilter_is_a_superset(row: Row) -> None:
    check_superset(RULE, row)


def test_threats_are_marked_urgent() -> None:
    found = findings(RULE, ("There's a bomb in City Hall.", None))
    assert found and all(f.explanation.startswith("Urgent: threat.") for f in found)


def test_posted_secrets_are_masked_in_the_evidence() -> None:
    text = "Wi-Fi password for the staff network is BlueLine515 lol"
    (found,) = findings(RULE, (text, None))
    assert "BlueLine515" not in found.evidence
    assert found.evidence.endswith("Bl*********")
    assert text[found.start:found.end].endswith("BlueLine515")


def test_mask_secret() -> None:
    assert mask_secret("2580") == "2***"
    assert mask_secret("admin / Clive2026!") == "ad*** / **********"
