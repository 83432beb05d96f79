"""The record store: tamper evidence, retention and legal holds, security, failures."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from clive_rules.errors import ConfigError
from clive_rules.moderation import Moderator
from clive_rules.records.errors import ModerationError, RecordStoreError
from clive_rules.records.store import RecordStore, StoreSettings, load_config
from records_support import BACKENDS, Clock, database, service_for, store_for, violation

ANN = Moderator.person("Ann Clerk", "ann.clerk@cityofclive.com")


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as value:
        yield value


def tamper(url: str, sql: str) -> None:
    """Edit the database behind the store's back, as an intruder would."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)
    engine.dispose()


def filled(url: str, n: int = 5) -> RecordStore:
    service = service_for(url)
    for i in range(n):
        service.moderate(*violation(i, author=f"a{i % 2}"))
    return service.store


def test_intact_chain_verifies(url: str) -> None:
    store = filled(url)
    report = store.verify()
    assert report.ok, report.problems
    assert (report.count, report.head_seq) == (5, 5)
    assert report.head_hash == store.get(5).hash
    assert store.get(2).prev_hash == store.get(1).hash


def test_edited_body_is_named(url: str) -> None:
    store = filled(url)
    tamper(url, "UPDATE clive_records SET body = replace(body, 'bad words', 'kind words') "
                "WHERE seq = 3")
    report = store.verify()
    assert not report.ok
    assert report.problems == ("record 3 was edited: its body does not match its hash",)


def test_edited_header_and_rehashed_row_are_named(url: str) -> None:
    store = filled(url)
    tamper(url, "UPDATE clive_records SET kind = 'dismiss' WHERE seq = 2")
    assert store.verify().problems == (
        "record 2 was edited: its hash does not match its header",)
    # Recompute record 2's hash too: the next record still holds the old one.
    from clive_rules.records.chain import row_hash

    old = store.get(2)
    new = row_hash(2, old.recorded_at, "dismiss", old.body_sha256, old.prev_hash)
    tamper(url, f"UPDATE clive_records SET hash = '{new}' WHERE seq = 2")
    assert store.verify().problems == (
        "record 2 was edited or replaced: record 3 holds a different hash for it",)


def test_edited_index_column_is_named(url: str) -> None:
    store = filled(url)
    tamper(url, "UPDATE clive_records SET author_key = 'someone-else' WHERE seq = 4")
    assert store.verify().problems == (
        "record 4 was edited: its author_key column(s) do not match its body",)


def test_missing_records_are_named(url: str) -> None:
    store = filled(url, 6)
    tamper(url, "DELETE FROM clive_records WHERE seq IN (2, 3)")
    assert store.verify().problems == ("records 2 to 3 are missing",)
    tamper(url, "DELETE FROM clive_records WHERE seq = 6")
    problems = store.verify().problems
    assert "records 6 to 6 are missing from the end (the chain head says 6)" in problems


def test_rewritten_chain_is_found_by_a_published_hash(url: str) -> None:
    store = filled(url, 3)
    published = {2: store.get(2).hash}
    # Change the first hex digit whatever it is (a hash starting with 'f' stayed the same).
    tamper(url, "UPDATE clive_records SET hash = CASE WHEN substr(hash, 1, 1) = 'f' "
                "THEN 'e' ELSE 'f' END || substr(hash, 2) WHERE seq = 2")
    problems = store.verify(published).problems
    assert "record 2 does not have its published hash: the chain was rewritten from there on" \
        in problems


def test_purge_keeps_held_records_and_the_chain_verifiable(url: str) -> None:
    service = service_for(url)
    store = store_for(url, retention_days=365)
    clock = Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    service.clock = clock
    for i in range(4):
        service.moderate(*violation(i, author="kept" if i == 1 else f"a{i}"))
    hold_id = store.place_hold(ANN.to_dict(), "lawsuit 2020-17", author="kept")
    assert [h["id"] for h in store.holds()] == [hold_id]
    with pytest.raises(ModerationError, match="needs a reason"):
        store.place_hold(ANN.to_dict(), " ", author="x")
    clock.advance(30)
    service.moderate(*violation(9))  # recent: not due
    now = dt.datetime(2021, 1, 15, tzinfo=dt.timezone.utc)
    report = store.purge(ANN.to_dict(), now=now)
    assert (report.purged, report.held) == (3, 1)
    purge = store.get(report.record_id or 0)
    assert purge.kind == "purge"
    assert purge.body is not None
    assert purge.body["purged"] == [[1, 1], [3, 4]]
    assert purge.body["actor"]["email"] == ANN.email
    blanked = store.get(3)
    assert blanked.body is None
    assert blanked.purged_seq == report.record_id
    assert store.get(2).body is not None  # under the legal hold
    assert store.get(6).body is not None  # within the retention period
    assert service.strikes("a3") == 0  # the purged strike went with its record
    assert store.verify().ok, store.verify().problems
    # Blanking a record without a purge record is tampering.
    tamper(url, "UPDATE clive_records SET body = NULL WHERE seq = 6")
    assert store.verify().problems == ("record 6 was blanked without a purge record naming it",)
    tamper(url, "UPDATE clive_records SET body = NULL, purged_seq = "
                f"{report.record_id} WHERE seq = 6")
    assert store.verify().problems == ("record 6 was blanked without a purge record naming it",)


def test_released_hold_lets_purge_go_on(url: str) -> None:
    service = service_for(url)
    store = store_for(url, retention_days=1)
    service.clock = Clock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    service.moderate(*violation(1))
    hold_id = store.place_hold(ANN.to_dict(), "records request 44", record=1)
    later = dt.datetime(2020, 3, 1, tzinfo=dt.timezone.utc)
    assert store.purge(ANN.to_dict(), now=later).purged == 0
    store.release_hold(hold_id, ANN.to_dict(), "request closed")
    with pytest.raises(ModerationError, match="no active legal hold"):
        store.release_hold(hold_id, ANN.to_dict(), "again")
    assert store.purge(ANN.to_dict(), now=later).purged == 1
    assert store.verify().ok


def test_purge_without_retention_refuses(url: str) -> None:
    store = filled(url, 1)
    with pytest.raises(ModerationError, match="retention"):
        store.purge(ANN.to_dict())


def test_unreachable_postgresql_is_a_clear_error_without_the_password(
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "s3cr3t-pw"
    service = service_for(f"postgresql+psycopg://clerk:{secret}@127.0.0.1:1/records")
    service.store.settings = StoreSettings(url=service.store.settings.url, connect_timeout=2)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(RecordStoreError) as info:
        service.moderate(*violation(1))
    message = str(info.value)
    assert "cannot be reached" in message
    assert "clerk:***@127.0.0.1:1" in message
    assert "not done" in message
    assert secret not in message
    assert secret not in caplog.text
    assert secret not in repr(service.store.settings)


def test_locked_sqlite_is_a_clear_error_and_nothing_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite3"
    service = service_for(f"sqlite:///{path}")
    service.moderate(*violation(1))
    quick = service_for(f"sqlite:///{path}")
    quick.store.settings = StoreSettings(url=quick.store.settings.url, busy_timeout_ms=200)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(RecordStoreError, match="is locked by another process") as info:
            quick.moderate(*violation(2))
        assert "recording the moderation was not done" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert service.store.count() == 1
    assert service.strikes("u1") == 1
    assert quick.moderate(*violation(2)).strike == 2


def test_sqlite_file_is_owner_only_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "records.sqlite3"
    old = os.umask(0o022)
    try:
        service = service_for(f"sqlite:///{path}")
        service.moderate(*violation(1))
    finally:
        os.umask(old)
    for name in ("records.sqlite3", "records.sqlite3-wal", "records.sqlite3-shm"):
        mode = stat.S_IMODE((path.parent / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM clive_records_alembic_version"
                            ).fetchone()[0] == "0001"
    finally:
        conn.close()


def test_default_location_is_the_user_data_dir(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = RecordStore.open({}, environ={})
    assert store.settings.url.database == str(tmp_path / "data" / "clive-rules" /
                                              "records.sqlite3")
    assert store.count() == 0
    store.close()


def test_url_comes_from_the_environment_before_the_configuration(tmp_path: Path) -> None:
    config = load_config({"records": {"url": f"sqlite:///{tmp_path / 'a.db'}"}})
    env_url = "postgresql://clerk:pw@db.example/records"
    settings = StoreSettings.from_config(config, {"CLIVE_RULES_DATABASE_URL": env_url})
    assert settings.url.drivername == "postgresql+psycopg"
    assert settings.display_url == "postgresql+psycopg://clerk:***@db.example/records"
    assert "pw@" not in repr(settings)
    with pytest.raises(ConfigError) as info:
        StoreSettings.from_config(config, {"CLIVE_RULES_DATABASE_URL": "::pw-not-a-url::"})
    assert "pw-not-a-url" not in str(info.value)
    with pytest.raises(ConfigError, match="unsupported database"):
        StoreSettings.from_config(load_config({"records": {"url": "mysql://x@h/db"}}), {})
