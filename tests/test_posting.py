"""Posting checks on the city's own drafts (12.3.B, 12.4.A.5, 12.4.A.8, 12.4.B, 12.4.C, 12.4.D)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from clive_rules import Content, Engine
from clive_rules.city.posting import PostingChecker, draft_from_dict, media_from_option
from clive_rules.cli import main
from clive_rules.content import Media
from clive_rules.errors import ContentError
from clive_rules.plugins import PluginManager
from clive_rules.verdict import ActionKind, Decision

CITY = {"email": "ann.clerk@cityofclive.com", "display_name": "Ann Clerk"}
PARKS_PAGE = "https://www.cityofclive.com/parks-and-recreation"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default({"posting": {"pages": {"parks": PARKS_PAGE}}},
                          plugins=PluginManager.create(entrypoints=False, environ={}))


@pytest.fixture(scope="module")
def checker(engine: Engine) -> PostingChecker:
    return PostingChecker(engine)


def check(checker: PostingChecker, **fields: Any) -> Any:
    fields.setdefault("author", CITY)
    fields.setdefault("kind", "post")
    return checker.check(draft_from_dict(fields))


def rules(verdict: Any) -> list[str]:
    return [f.rule for f in verdict.findings]


def test_a_plain_city_post_may_be_published(checker: PostingChecker) -> None:
    verdict = check(checker, text="The spray ground at Campbell Park opens Saturday at 10.",
                    account="parks", media=[{"kind": "photo", "owner": "City of Clive"}])
    assert verdict.decision is Decision.ALLOW
    assert verdict.findings == ()


@pytest.mark.parametrize("email", ["ann@gmail.com", "ann@cityofclive.com.evil.example",
                                   "not-an-address"])
def test_a_post_from_a_non_city_address_is_held_under_12_4_c(
        checker: PostingChecker, email: str) -> None:
    verdict = check(checker, text="Leaf pickup starts Monday.", author={"email": email})
    assert verdict.decision is Decision.REVIEW
    assert verdict.clauses == ("12.4.C",)
    assert email in verdict.findings[0].explanation
    assert verdict.actions[0].kind is ActionKind.HOLD_FOR_REVIEW


def test_a_city_subdomain_address_counts_and_no_address_is_held(
        checker: PostingChecker) -> None:
    ok = check(checker, text="Leaf pickup starts Monday.",
               author={"email": "ann@parks.cityofclive.com"})
    assert "12.4.C" not in ok.clauses
    missing = checker.check(Content(text="Leaf pickup starts Monday.", kind="post"))
    assert missing.clauses == ("12.4.C",)
    assert "no author e-mail" in missing.findings[0].explanation


@pytest.mark.parametrize("media", ["photo", "graphic", "video", "live_stream"])
def test_accepted_forms_pass_12_4_b(checker: PostingChecker, media: str) -> None:
    verdict = check(checker, text="", media=[media])
    assert "12.4.B" not in verdict.clauses


def test_an_unlisted_form_or_an_empty_draft_goes_to_review(checker: PostingChecker) -> None:
    audio = check(checker, text="Listen to the council recap.", media=["audio"])
    assert audio.clauses == ("12.4.B",)
    assert audio.findings[0].evidence == "audio"
    assert "12.4.A.7" in audio.findings[0].explanation
    empty = check(checker, text="   ")
    assert empty.clauses == ("12.4.B",)
    assert "empty" in empty.findings[0].explanation


def test_someone_elses_photo_needs_a_recorded_permission(checker: PostingChecker) -> None:
    without = check(checker, text="Great shot of the trail!",
                    media=[{"kind": "photo", "owner": "Jane Resident", "url": "p.jpg"}])
    assert without.clauses == ("12.4.A.5",)
    assert without.decision is Decision.REVIEW
    assert "Jane Resident" in without.findings[0].explanation
    granted = check(checker, text="Great shot of the trail!",
                    media=[{"kind": "photo", "owner": "Jane Resident",
                            "permission": "e-mail of 2024-05-02"}])
    assert granted.findings == ()
    video = check(checker, text="Storm footage", media=[{"kind": "video", "owner": "KCCI"}])
    assert video.clauses == ("12.4.A.5",)


def test_links_elsewhere_about_city_business_suggest_the_city_page(
        checker: PostingChecker) -> None:
    verdict = check(checker, text="Pickleball court reservations open today: "
                    "https://www.eventbrite.com/e/123", account="parks")
    links = [f for f in verdict.findings if f.clause == "12.3.B"]
    assert len(links) == 1
    assert links[0].decision is Decision.ALLOW
    assert PARKS_PAGE in links[0].explanation
    assert links[0].evidence == "https://www.eventbrite.com/e/123"
    also_city = check(checker, text="Pickleball court reservations open today: "
                      "https://www.cityofclive.com/parks and https://www.eventbrite.com/e/1",
                      account="parks")
    assert "12.3.B" not in also_city.clauses


def test_a_link_about_nothing_of_the_citys_gets_no_suggestion(checker: PostingChecker) -> None:
    verdict = check(checker, text="Happy Friday! https://www.youtube.com/watch?v=abc")
    assert "12.3.B" not in verdict.clauses


def test_prohibited_content_is_judged_by_the_same_engine_rules(
        checker: PostingChecker, engine: Engine) -> None:
    text = "This damn storm fucked up the trail"
    draft = check(checker, text=text, account="parks")
    resident = engine.evaluate(Content(text=text, account="parks"))
    assert "12.4.D.1" in draft.clauses
    assert [f for f in draft.findings if f.clause.startswith("12.4.D")] == \
        [f for f in resident.findings if f.clause.startswith("12.4.D")]
    assert draft.decision is resident.decision is Decision.REMOVE
    assert [a.kind for a in draft.actions] == [ActionKind.HOLD_FOR_REVIEW]


def test_a_question_for_another_department_is_redirected_not_answered(
        checker: PostingChecker) -> None:
    verdict = check(checker, kind="reply", text="Registration opens June 1.",
                    parent_text="When does library summer reading program registration open?",
                    account="aquatics")
    assert verdict.clauses == ("12.4.A.8",)
    assert verdict.decision is Decision.REVIEW
    assert verdict.findings[0].target == "library"
    assert verdict.findings[0].rule == "posting.routing"
    redirect = [a for a in verdict.actions if a.kind is ActionKind.REDIRECT]
    assert [a.target for a in redirect] == ["library"]
    own = check(checker, kind="reply", text="Registration opens June 1.",
                parent_text="When does library summer reading program registration open?",
                account="library")
    assert own.findings == ()


def test_drafts_are_posts_replies_or_comments(checker: PostingChecker) -> None:
    with pytest.raises(ContentError, match="kind"):
        checker.check(Content(text="hi", kind="chat"))
    with pytest.raises(ContentError, match="colour"):
        draft_from_dict({"text": "hi", "colour": "red"})


def test_media_option_syntax() -> None:
    assert media_from_option("photo;owner=Jane;permission=ok") == Media(
        kind="photo", owner="Jane", permission="ok")
    assert media_from_option("Audio") == "audio"
    with pytest.raises(ContentError, match="owner="):
        media_from_option("photo;by=Jane")


def test_check_post_command(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["check-post", "Leaf pickup starts Monday.", "--author-email",
                              "ann@cityofclive.com", "--account", "public-works"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("allow")
    held = runner.invoke(main, ["check-post", "Nice photo", "--author-email", "x@gmail.com",
                                "--media", "photo;owner=Jane Resident", "--json"])
    assert held.exit_code == 1
    data = json.loads(held.output)
    assert data["schema"] == 1
    assert set(data["clauses"]) == {"12.4.C", "12.4.A.5"}
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({
        "text": "Registration opens June 1.", "kind": "reply", "account": "aquatics",
        "parent_text": "When does library summer reading program registration open?",
        "author": {"email": "ann@cityofclive.com"}}), encoding="utf-8")
    routed = runner.invoke(main, ["check-post", "--file", str(draft)])
    assert routed.exit_code == 1
    assert "12.4.A.8" in routed.output and "redirect -> library" in routed.output
    both = runner.invoke(main, ["check-post", "x", "--file", str(draft)])
    assert both.exit_code == 2
    assert "not both" in both.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    broken = runner.invoke(main, ["check-post", "--file", str(bad)])
    assert broken.exit_code == 2
    assert "not valid JSON" in broken.output
