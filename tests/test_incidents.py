"""Security incidents (12.5.B) in the record store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from clive_rules.city.incidents import STEPS, IncidentError, IncidentLog
from clive_rules.cli import main
from clive_rules.errors import ConfigError
from clive_rules.records.store import Filters, load_config
from records_support import BACKENDS, database, store_for

T0 = dt.datetime(2024, 6, 1, 8, 0, tzinfo=dt.timezone.utc)


def hours(n: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=n)


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as value:
        yield value


@pytest.fixture
def log(url: str) -> IncidentLog:
    return IncidentLog(store_for(url))


def test_an_incident_tracks_the_five_steps_with_who_and_when(log: IncidentLog) -> None:
    opened = log.open("parks-facebook", by="Pat Director", summary="Page posted spam",
                      platform="facebook", now=T0)
    assert opened.is_open
    assert [s.clause for s in opened.pending] == [f"12.5.B.{n}" for n in range(1, 6)]
    after = log.record_step(opened.id, "respond", by="Pat Director",
                            email="pat@cityofclive.com", now=hours(0.5))
    done = after.step("respond")
    assert done is not None
    assert (done.by, done.email, done.at) == ("Pat Director", "pat@cityofclive.com", hours(0.5))
    log.record_step(opened.id, "12.5.B.2", by="Ann Clerk", note="new password in vault",
                    at=hours(1), now=hours(3))
    again = log.get(opened.id)
    credentials = again.step("credentials")
    assert credentials is not None
    assert credentials.at == hours(1)
    assert credentials.note == "new password in vault"
    assert credentials.recorded_at.startswith("2024-06-01T11:00")
    for step, by in (("notify-followers", "Ann Clerk"), ("damage", "Ann Clerk")):
        log.record_step(opened.id, step, by=by, now=hours(5))
    assert log.get(opened.id).is_open
    closed = log.record_step(opened.id, "report-it", by="Pat Director", now=hours(6))
    assert not closed.is_open
    assert [d.step.name for d in closed.done] == [s.name for s in STEPS]
    assert log.find(open_only=True) == []
    assert [i.id for i in log.find()] == [opened.id]
    assert log.store.verify().ok


def test_overdue_steps_follow_the_configured_deadlines(log: IncidentLog) -> None:
    incident = log.open("library-instagram", by="Pat Director", now=T0)
    assert incident.overdue(hours(1)) == ()
    assert [s.name for s in incident.overdue(hours(3))] == ["respond"]
    assert [s.name for s in incident.overdue(hours(25))] == [
        "respond", "credentials", "notify-followers", "report-it"]
    log.record_step(incident.id, "respond", by="Pat", at=hours(3), now=hours(3))
    late = log.get(incident.id)
    assert [d.step.name for d in late.late()] == ["respond"]
    assert "respond" not in [s.name for s in late.overdue(hours(25))]
    quick = IncidentLog(log.store, {**log.deadlines, "respond": 0.5})
    assert [s.name for s in quick.get(incident.id).overdue(hours(1))] == []
    assert [s.name for s in quick.open("x", by="P", now=T0).overdue(hours(1))] == ["respond"]


def test_mistakes_are_refused_with_one_clear_line(log: IncidentLog) -> None:
    incident = log.open("parks-facebook", by="Pat", now=T0)
    log.record_step(incident.id, "respond", by="Pat", now=hours(1))
    with pytest.raises(IncidentError, match="already recorded by Pat"):
        log.record_step(incident.id, "respond", by="Ann", now=hours(2))
    with pytest.raises(IncidentError, match="no incident 99"):
        log.record_step(99, "respond", by="Ann", now=hours(2))
    with pytest.raises(IncidentError, match="no step 'dance'"):
        log.record_step(incident.id, "dance", by="Ann", now=hours(2))
    with pytest.raises(IncidentError, match="--by"):
        log.record_step(incident.id, "damage", by="  ", now=hours(2))
    with pytest.raises(IncidentError, match="before the incident was opened"):
        log.record_step(incident.id, "damage", by="Ann", at=hours(-1), now=hours(2))
    with pytest.raises(IncidentError, match="in the future"):
        log.open("parks-facebook", by="Pat", at=hours(5), now=T0)
    record = log.store.get(incident.id + 1)  # the respond step's record
    with pytest.raises(IncidentError, match="no incident"):
        log.record_step(record.seq, "damage", by="Ann", now=hours(2))  # a step is no incident
    assert log.store.verify().ok


def test_incidents_are_records_of_the_chain_and_never_purged(url: str) -> None:
    store = store_for(url, retention_days=1)
    log = IncidentLog(store)
    incident = log.open("parks-facebook", by="Pat", now=T0)
    log.record_step(incident.id, "respond", by="Pat", now=hours(1))
    kinds = [r.kind for r in store.iter_records()]
    assert kinds == ["incident_opened", "incident_step"]
    steps = list(store.iter_records(Filters(kind="incident_step")))
    assert steps[0].body is not None
    assert steps[0].body["refers_to"] == incident.id
    assert steps[0].body["clause"] == "12.5.B.1"
    report = store.purge({"type": "person", "name": "Clerk"}, now=T0 + dt.timedelta(days=30))
    assert report.purged == 0
    assert log.get(incident.id).step("respond") is not None
    assert store.verify().ok


def test_deadlines_come_from_the_incidents_section(url: str) -> None:
    config = load_config({"records": {"url": url},
                          "incidents": {"deadline_hours": {"respond": 1}}})
    log = IncidentLog.from_config(config, environ={})
    try:
        assert log.deadlines["respond"] == 1.0
        assert log.deadlines["damage"] == 72.0
    finally:
        log.store.close()
    with pytest.raises(ConfigError, match=r"incidents\.deadline_hours\.dance"):
        IncidentLog.from_config(load_config({"records": {"url": url}, "incidents": {
            "deadline_hours": {"dance": 1}}}), environ={})


def test_incident_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIVE_RULES_DATABASE_URL", raising=False)
    config = tmp_path / "clive.toml"
    config.write_text(f'[records]\nurl = "sqlite:///{tmp_path / "r.sqlite3"}"\n',
                      encoding="utf-8")
    runner = CliRunner()
    base = ["--config", str(config)]
    opened = runner.invoke(main, ["incident", "open", "parks-facebook", "--by", "Pat Director",
                                  "--summary", "Spam posted", "--json", *base])
    assert opened.exit_code == 0, opened.output
    data = json.loads(opened.output)
    assert data["open"] is True and data["account"] == "parks-facebook"
    incident_id = str(data["id"])
    step = runner.invoke(main, ["incident", "step", incident_id, "credentials", "--by",
                                "Ann Clerk", "--note", "rotated", *base])
    assert step.exit_code == 0, step.output
    assert "12.5.B.2 credentials" in step.output and "by Ann Clerk: rotated" in step.output
    twice = runner.invoke(main, ["incident", "step", incident_id, "credentials", "--by",
                                 "Ann Clerk", *base])
    assert twice.exit_code == 2
    assert "already recorded" in twice.output
    shown = runner.invoke(main, ["incident", "show", incident_id, *base])
    assert shown.exit_code == 0 and "Spam posted" in shown.output
    listed = runner.invoke(main, ["incident", "list", "--open", *base])
    assert listed.exit_code == 0 and f"incident {incident_id} [open]" in listed.output
    bad_time = runner.invoke(main, ["incident", "step", incident_id, "damage", "--by", "A",
                                    "--at", "yesterday", *base])
    assert bad_time.exit_code == 2 and "ISO 8601" in bad_time.output
