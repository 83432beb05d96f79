"""The account audit (12.3, 12.4.C, 12.5) from an inventory, with live facts from plugins."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from clive_rules import hookimpl
from clive_rules.city.audit import audit
from clive_rules.city.incidents import IncidentLog
from clive_rules.city.inventory import (
    Account,
    AccountSettings,
    Inventory,
    InventoryError,
    load_inventory,
    parse_inventory,
)
from clive_rules.city.report import render_html
from clive_rules.cli import main
from clive_rules.config import CORE_DEFAULTS, Config
from clive_rules.plugins import PluginManager
from clive_rules.records.store import RecordStore

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = Path(__file__).parents[1] / "docs" / "city-side.md"
TODAY = dt.date(2024, 5, 31)


def example_text() -> str:
    """The complete inventory example of docs/city-side.md."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- inventory-example -->\n```toml\n(.*?)```", text, re.S)
    assert match, "docs/city-side.md lost its inventory example"
    return match.group(1)


def example() -> dict[str, Any]:
    return tomllib.loads(example_text())


def account_data(**changes: Any) -> dict[str, Any]:
    data = example()["accounts"][0]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def run(*accounts: dict[str, Any], **kwargs: Any) -> Any:
    return audit(parse_inventory({"accounts": list(accounts)}, "inv.toml"), today=TODAY,
                 **kwargs)


def found(report: Any) -> list[tuple[str, str, str]]:
    return [(f.clause, f.check, f.status) for f in report.findings]


def test_the_documented_example_meets_every_checked_clause() -> None:
    report = run(*example()["accounts"])
    assert report.ok, found(report)
    assert report.to_dict()["summary"] == {"accounts": 1, "accounts_with_findings": 0,
                                           "findings": 0}


def test_an_empty_record_reports_everything_missing() -> None:
    report = run({"id": "new", "platform": "x", "department": "parks"})
    assert {(c, s) for c, _, s in found(report)} == {
        ("12.3.A", "missing"), ("12.3.C", "missing"), ("12.3.D", "missing"),
        ("12.3.E", "missing"), ("12.3.G", "missing"), ("12.3.H", "missing"),
        ("12.3.H.1", "missing"), ("12.3.I", "missing"), ("12.5.A.2", "missing"),
        ("12.5.A.3", "missing")}
    for finding in report.findings:
        assert finding.remedy and finding.problem and finding.account == "new"


@pytest.mark.parametrize(("changes", "clause", "words"), [
    ({"public": False}, "12.3.D", "privacy settings"),
    ({"logo": False}, "12.3.E", "logo"),
    ({"approval": None}, "12.3.A", "approval"),
    ({"listed_on_website": None}, "12.3.C", "city website"),
    ({"affiliations": [{"name": "Best Pizza", "kind": "page"}]}, "12.3.G", "Best Pizza"),
    ({"emergency_plan": None}, "12.3.I", "Emergency Operations Plan"),
    ({"director": None}, "12.3.H", "Director"),
])
def test_each_account_clause_is_checked(changes: dict[str, Any], clause: str,
                                        words: str) -> None:
    report = run(account_data(**changes))
    expected = [clause]
    if "director" in changes:  # Pat Director still holds the credentials, now unexplained
        expected.append("12.5.A.2")
    assert [f.clause for f in report.findings] == expected
    assert words in report.findings[0].problem + report.findings[0].remedy


def test_moderators_must_be_staff_trained_on_city_email() -> None:
    moderators = [{"name": "Bo Temp", "email": "bo@gmail.com", "status": "contractor",
                   "appointed_on": dt.date(2023, 12, 1)}]
    report = run(account_data(moderators=moderators, credentials={
        "rotated_on": dt.date(2024, 1, 1), "holders": ["Pat Director"]}))
    assert found(report) == [
        ("12.3.H.2", "moderator-status", "fail"), ("12.3.H.3", "personnel-policies", "missing"),
        ("12.3.H.4", "training", "missing"), ("12.4.C", "moderator-email", "fail")]
    assert "Bo Temp" in report.findings[0].problem


def test_training_lapses_when_configured() -> None:
    config = Config.build({**CORE_DEFAULTS, "audit": {
        "monitoring_weeks": 4, "updates_per_week": 2, "training_valid_days": 90}})
    report = run(account_data(), config=config)
    assert found(report) == [("12.3.H.4", "training", "fail")]
    assert "2024-01-10" in report.findings[0].problem


def test_credentials_must_change_after_moderators_change() -> None:
    data = account_data()
    data["moderators"][1]["until"] = dt.date(2024, 3, 1)  # Cy left after the last rotation
    report = run(data)
    assert found(report) == [("12.5.A.3", "credential-rotation", "fail")]
    assert "2024-03-01" in report.findings[0].problem
    data["credentials"]["moderators_changed_on"] = dt.date(2024, 5, 1)
    data["moderators"][1]["until"] = dt.date(2024, 1, 5)
    assert found(run(data)) == [("12.5.A.3", "credential-rotation", "fail")]


def test_only_the_director_designees_and_moderators_hold_credentials() -> None:
    data = account_data()
    data["credentials"]["holders"] += ["Cy Former", "Dana Intern"]
    report = run(data)
    assert found(report) == [("12.5.A.2", "credential-holders", "fail")] * 2
    assert "former moderator" in report.findings[0].problem
    assert "Dana Intern" in report.findings[1].problem


def test_monitoring_needs_two_days_in_every_recent_week() -> None:
    data = account_data(activity=[dt.date(2024, 5, d) for d in (6, 9, 13, 20, 23, 27, 30)])
    report = run(data)
    assert found(report) == [("12.3.I", "monitoring", "fail")]
    assert "2024-05-11 to 2024-05-17: 1 day(s)" in report.findings[0].problem
    new = account_data(created_on=dt.date(2024, 5, 20),
                       activity=[dt.date(2024, 5, 27), dt.date(2024, 5, 30)])
    assert run(new).ok  # the weeks before the account existed do not count
    future = account_data(activity=[dt.date(2024, 6, d) for d in range(1, 30)])
    assert "no monitoring" in run(future).findings[0].problem.lower()


class LivePlugin:
    """A platform plugin that reports live settings for its own platform."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.asked: list[str] = []

    @hookimpl
    def clive_account_settings(self, account: Account) -> Any:
        self.asked.append(account.id)
        if account.platform != "facebook":
            return None
        return self.settings


class BrokenPlugin:
    @hookimpl
    def clive_account_settings(self, account: Account) -> Any:
        raise RuntimeError("API down")


def live_audit(plugin: object, *accounts: dict[str, Any]) -> Any:
    manager = PluginManager.create(builtins=False, entrypoints=False, plugins=[plugin],
                                   environ={})
    config = Config.build(CORE_DEFAULTS)
    report = run(*accounts, live=lambda a: manager.account_settings(a, config))
    return report, manager


def test_live_settings_from_a_plugin_win_over_the_inventory() -> None:
    plugin = LivePlugin({"visibility": "friends-only", "logo": False})
    other = account_data(id="library-instagram", platform="instagram")
    report, _ = live_audit(plugin, account_data(), other)
    assert plugin.asked == ["parks-facebook", "library-instagram"]
    assert found(report) == [("12.3.D", "public", "fail"), ("12.3.E", "logo", "fail")]
    assert report.findings[0].source == "LivePlugin"
    assert "friends-only" in report.findings[0].problem
    assert report.results[0].live is not None and report.results[1].live is None


def test_live_post_dates_count_as_monitoring() -> None:
    posts = [f"2024-05-{d:02d}T15:00:00Z" for d in (6, 8, 13, 15, 20, 22, 27, 29)]
    plugin = LivePlugin(AccountSettings(visibility="public", recent_posts=tuple(posts)))
    report, _ = live_audit(plugin, account_data(activity=None))
    assert report.ok, found(report)
    assert report.to_dict()["accounts"][0]["live"]["source"] == "LivePlugin"


def test_a_failing_plugin_is_reported_and_the_inventory_used() -> None:
    report, manager = live_audit(BrokenPlugin(), account_data(public=False))
    assert found(report) == [("12.3.D", "public", "fail")]
    assert report.findings[0].source == "inventory"
    assert "API down" in str(manager.problems[0])


def test_open_incidents_and_overdue_steps_appear(tmp_path: Path) -> None:
    log = IncidentLog(RecordStore.at(tmp_path / "r.sqlite3"))
    start = dt.datetime(2024, 5, 31, 8, 0, tzinfo=dt.timezone.utc)
    incident = log.open("parks-facebook", by="Pat Director", now=start)
    log.record_step(incident.id, "respond", by="Pat Director", now=start)
    elsewhere = log.open("old-twitter", by="Pat Director", now=start)
    report = run(account_data(), incidents=log.find(open_only=True),
                 now=start + dt.timedelta(hours=5))
    parks = report.results[0].findings
    assert [(f.clause, f.source) for f in parks] == [("12.5.B", "records"),
                                                     ("12.5.B.2", "records")]
    assert "credentials" in parks[1].problem
    assert f"incident step {incident.id} credentials" in parks[1].remedy
    unknown = report.results[1]
    assert unknown.account is None and unknown.account_id == "old-twitter"
    assert "not in the inventory" in unknown.findings[0].problem
    assert f"incident {elsewhere.id}" in unknown.findings[1].problem.lower()
    log.store.close()


@pytest.mark.parametrize(("document", "message"), [
    ({"accounts": [{"id": "a", "platform": "x"}]}, "account 'a': field 'department': is required"),
    ({"accounts": [{"id": "a", "platform": "x", "department": "d", "colour": 1}]},
     "account 'a': field 'colour': unknown field"),
    ({"accounts": [{"id": "a", "platform": "x", "department": "d",
                    "moderators": [{"name": "M", "trained_on": "soon"}]}]},
     "account 'a': field 'moderators[0].trained_on': expected a date"),
    ({"accounts": [{"id": "a", "platform": "x", "department": "d",
                    "moderators": [{"name": "M", "status": "intern"}]}]},
     "field 'moderators[0].status': expected one of employee"),
    ({"accounts": [{"id": "a", "platform": "x", "department": "d", "public": "yes"}]},
     "field 'public': expected true or false"),
    ({"accounts": [{"id": "a", "platform": "x", "department": "d"},
                   {"id": "a", "platform": "y", "department": "d"}]}, "account 'a': field 'id'"),
    ({"accounts": []}, "no accounts"),
    ({"schema": 2, "accounts": []}, "schema 2 is not supported"),
])
def test_inventory_mistakes_name_file_account_and_field(document: dict[str, Any],
                                                        message: str) -> None:
    with pytest.raises(InventoryError) as info:
        parse_inventory(document, "inv.toml")
    assert str(info.value).startswith("inv.toml: ")
    assert message in str(info.value)


def test_inventory_files_in_toml_and_yaml(tmp_path: Path) -> None:
    toml_file = tmp_path / "accounts.toml"
    toml_file.write_text(example_text(), encoding="utf-8")
    from_toml = load_inventory(toml_file)
    yaml = pytest.importorskip("yaml")
    yaml_file = tmp_path / "accounts.yaml"
    yaml_file.write_text(yaml.safe_dump(example()), encoding="utf-8")
    from_yaml = load_inventory(yaml_file)
    assert from_yaml.accounts == from_toml.accounts
    assert isinstance(from_toml, Inventory) and from_toml.source == str(toml_file)
    broken = tmp_path / "broken.yaml"
    broken.write_text("accounts: [\n  - id: a\n", encoding="utf-8")
    with pytest.raises(InventoryError, match=r"broken.yaml: not valid YAML"):
        load_inventory(broken)
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[[accounts]\n", encoding="utf-8")
    with pytest.raises(InventoryError, match=r"bad.toml: not valid TOML"):
        load_inventory(bad_toml)
    with pytest.raises(InventoryError, match="no such file"):
        load_inventory(tmp_path / "missing.toml")


def test_the_html_report_is_self_contained_and_escaped() -> None:
    report = run(account_data(id="<script>alert(1)</script>", public=False))
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
    assert "<link" not in page
    assert "12.3.D" in page and "Make the account viewable by the public" in page


def test_audit_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIVE_RULES_DATABASE_URL", raising=False)
    good = tmp_path / "good.toml"
    good.write_text(example_text(), encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(example_text().replace("public = true", "public = false"), encoding="utf-8")
    config = tmp_path / "clive.toml"
    config.write_text(f'[records]\nurl = "sqlite:///{tmp_path / "r.sqlite3"}"\n',
                      encoding="utf-8")
    runner = CliRunner()
    base = ["--today", "2024-05-31", "--config", str(config)]
    ok = runner.invoke(main, ["audit", str(good), *base])
    assert ok.exit_code == 0, ok.output
    assert "parks-facebook" in ok.output and "ok" in ok.output
    assert not (tmp_path / "r.sqlite3").exists()  # no record yet: none created by an audit
    out = tmp_path / "report.html"
    failing = runner.invoke(main, ["audit", str(bad), "--format", "json", "--html", str(out),
                                   *base])
    assert failing.exit_code == 1
    data = json.loads(failing.output)
    assert data["schema"] == 1 and data["today"] == "2024-05-31"
    assert [f["clause"] for f in data["accounts"][0]["findings"]] == ["12.3.D"]
    assert "12.3.D" in out.read_text(encoding="utf-8")
    table = runner.invoke(main, ["audit", str(bad), *base])
    assert table.exit_code == 1 and "12.3.D" in table.output and "privacy" in table.output
    runner.invoke(main, ["incident", "open", "parks-facebook", "--by", "Pat",
                         "--at", "2024-05-30T08:00", "--config", str(config)])
    with_incident = runner.invoke(main, ["audit", str(good), "--format", "json", *base])
    clauses = [f["clause"] for f in json.loads(with_incident.output)["accounts"][0]["findings"]]
    assert clauses[0] == "12.5.B" and "12.5.B.1" in clauses
    no_records = runner.invoke(main, ["audit", str(good), "--no-incidents", *base])
    assert no_records.exit_code == 0
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(example_text().replace('status = "employee"', 'status = "boss"', 1),
                     encoding="utf-8")
    error = runner.invoke(main, ["audit", str(wrong), *base])
    assert error.exit_code == 2
    assert "account 'parks-facebook': field 'moderators[0].status'" in error.output
    bad_day = runner.invoke(main, ["audit", str(good), "--today", "May 31"])
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.output
