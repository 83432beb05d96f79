"""The discrimination rule (12.4.D.2): slurs and attacks on groups, never identity words alone."""

from __future__ import annotations

import pytest

from clive_rules import Content, Engine
from clive_rules.rules.discrimination import DiscriminationLexicon, DiscriminationRule
from rule_table import (
    Row,
    check_row,
    check_superset,
)

RULE = "discrimination"

TABLE: list[Row] = [
    # slurs: removal; dated or ambiguous ones: review
    ("Keep those wetbacks out of the splash pad.", ("slur", "remove")),
    ("The council is full of f*ggots and everyone knows it", ("slur", "remove")),
    ("No trannies in the locker room.", ("slur", "remove")),
    ("Some midgets were at the pool", ("slur", "review")),
    ("Keep the f*gs out of our library.", ("slur", "remove")),
    ("n1gg3rs everywhere at the park", ("slur", "remove")),
    # attacks: a group and a derogation in one sentence: review
    ("Muslims shouldn't be allowed to use the community room.", ("exclusion", "review")),
    ("The city should stop hiring women firefighters.", ("exclusion", "review")),
    ("Immigrants are vermin and should be treated like it.", ("dehumanising", "review")),
    ("Jews control the banks and the council.", ("conspiracy", "review")),
    ("Landlords should be able to refuse Black tenants.", ("exclusion", "review")),
    ("Nobody over 65 should be working for the city.", ("exclusion", "review")),
    ("Go back to Mexico, nobody wants you here.", ("national-origin", "review")),
    ("Why don't you go back to where you came from", ("national-origin", "review")),
    # identity words in neutral or supportive use: never
    ("Asians cant drive, thats why the roundabout has so many wrecks", ("dehumanising", "review")),
    ("that's what you get with a black police chief, dead weight", ("dehumanising", "review")),
    ("those people from Somalia are turning Clive into a third world dump",
     ("dehumanising", "review")),
    ("keep the muzzies out of our parks", ("slur", "review")),
    ("Don't let the Somalis use the pool anymore", ("exclusion", "review")),
    # "gimp" is also a craft cord: a slur with other uses goes to review, never removal
    ("The craft room needs more gimp cord for the lanyards.", ("slur", "review")),
    ("Will the gay pride parade close Swanson Boulevard?", None),
    ("My elderly neighbor can't drive anymore, is there a senior shuttle?", None),
    ("The refugee families from Afghanistan brought the best food to the potluck.", None),
    ("The transgender support group meets on Tuesdays.", None),
    ("As a Muslim resident I love the new prayer room at the library.", None),
    ("Immigrant families are welcome at the library's ESL night.", None),
    ("Is there a pool lift for wheelchair users?", None),
    ("Black ice on NW 100th this morning, please salt it.", None),
    ("We left the shelter spic and span.", None),
    ("Flame retardant on the playground mulch?", None),
    ("That was the chink in the council's armor.", None),
    ("We should go back to China for the sister-city visit next year.", None),
    # criticism of officials and policy: never
    ("The mayor is a liar and should resign.", None),
    ("The council is incompetent and should be voted out.", None),
    ("I oppose the immigration resolution; it is not city business.", None),
    ("Women's soccer registration should open earlier.", None),
    ("Seniors should be allowed to swim for free on Tuesdays.", None),
    # claims that need no group beside them
    ("Great, another DEI hire running the water plant.", ("coded", "review")),
    ("Keep Clive white, vote no on the apartments.", ("coded", "review")),
    ("We all know who is behind it. (((They))) always are.", ("coded", "review")),
    ("Hire real Americans for once.", ("coded", "review")),
    ("Send them back where they came from.", ("national-origin", "review")),
    ("Don't let the Muslim girls run the concession stand.", ("exclusion", "review")),
    # not: kind words, diversity spoken of plainly, a women's swim hour
    ("Thank you for her kind words at the meeting.", None),
    ("The city should recruit a diverse pool of lifeguards.", None),
    ("Is the Tuesday senior swim women only?", None),
    ("I support the DEI training for city staff.", None),
    ("Clive is a diverse, welcoming town.", None),
    ("Plowing is a man's job, period.", ("coded", "review")),
    ("Hope none of the trans people come. Keep them away from our kids.",
     ("exclusion", "review")),
    ("Start the cuts by laying off the older employees.", ("exclusion", "review")),
    # not: a group in one sentence, a pronoun for someone else in the next
    ("The seniors loved the concert. Keep them coming, Parks!", None),
]


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_table(row: Row) -> None:
    check_row(RULE, row)


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r[0][:40] if isinstance(r, tuple) else "")
def test_prefilter_is_a_superset(row: Row) -> None:
    check_superset(RULE, row)


def test_slur_span_points_at_the_original_text() -> None:
    engine = Engine.from_rules([DiscriminationRule(DiscriminationLexicon.bundled())])
    text = "Keep the ＷＥＴＢＡＣＫＳ away"
    verdict = engine.evaluate(Content(text=text))
    finding = next(f for f in verdict.findings if f.category == "slur")
    assert text[finding.start:finding.end] == "ＷＥＴＢＡＣＫＳ"
    assert verdict.decision.value == "remove"


def test_configuration_allows_and_adds_slurs() -> None:
    lexicon = DiscriminationLexicon.bundled().configured(
        {"allow": ["midget"], "add_slurs": ["zorblat"]})
    engine = Engine.from_rules([DiscriminationRule(lexicon)])
    assert engine.evaluate(Content(text="the midget league")).decision.value == "allow"
    assert engine.evaluate(Content(text="those zorblats")).decision.value == "remove"
