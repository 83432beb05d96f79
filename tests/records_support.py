"""Helpers for the record-store tests: a fresh database per test on SQLite and PostgreSQL.

PostgreSQL is used when ``CLIVE_RULES_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it); each test
gets its own schema (``search_path``), dropped afterwards. When the variable is set and the server
cannot be reached, the tests fail: they are never silently skipped then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from clive_rules import Content
from clive_rules.moderation import ModerationService
from clive_rules.records.store import RecordStore, load_config
from clive_rules.verdict import Action, ActionKind, Decision, Finding, Verdict

PG_ENV = "CLIVE_RULES_TEST_POSTGRES_URL"
_OPENED: list[RecordStore] = []
BACKENDS = ("sqlite", "postgresql")


@contextlib.contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of this kind, removed afterwards."""
    if kind == "sqlite":
        try:
            yield f"sqlite:///{tmp_path / 'records.sqlite3'}"
        finally:
            close_all()
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (.ci/run sets it)")
    schema = f"clive_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        close_all()
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def close_all() -> None:
    """Close every store the helpers opened (their pools would leak connections)."""
    while _OPENED:
        _OPENED.pop().close()


def service_for(url: str, **moderation: Any) -> ModerationService:
    """A moderation service on this database, with ``[moderation]`` overrides."""
    config = load_config({"records": {"url": url, "busy_timeout_ms": 30000},
                          "moderation": moderation})
    service = ModerationService.from_config(config, environ={})
    _OPENED.append(service.store)
    return service


def store_for(url: str, **records: Any) -> RecordStore:
    """A store on this database."""
    store = RecordStore.open({"records": {"url": url, **records}}, environ={})
    _OPENED.append(store)
    return store


def violation(
    n: int | str, author: str = "u1", *, clause: str = "12.4.D.1", kind: str = "comment",
    decision: Decision = Decision.REMOVE, platform: str = "facebook", account: str = "parks",
) -> tuple[Content, Verdict]:
    """A content item and a verdict that removes (or holds) it under ``clause``."""
    content = Content(text=f"bad words number {n}", id=f"c{n}", platform=platform,
                      account=account, kind=kind, author={"id": author, "handle": f"@{author}"},
                      created_at="2024-05-01T12:00:00Z",
                      raw={"id": f"c{n}", "parent_id": "p1", "from": {"id": author}})
    finding = Finding(clause=clause, rule="test", start=0, end=3, evidence="bad",
                      confidence=0.99, explanation="A test finding.", decision=decision)
    action = (ActionKind.REMOVE_TAG if kind == "tag" else ActionKind.REMOVE) \
        if decision is Decision.REMOVE else ActionKind.HOLD_FOR_REVIEW
    verdict = Verdict(content.id, decision, (finding,), (Action(action, (clause,), "x"),),
                      "article-xii/1")
    return content, verdict


class Clock:
    """A settable clock for the service."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, days: float) -> None:
        """Move the clock on."""
        self.now += dt.timedelta(days=days)


# -- workers for real concurrent processes (spawned: they import this module) ----------------

def moderate_worker(url: str, worker: int, count: int, authors: int, start: Any) -> None:
    """Moderate ``count`` items, one transaction each, spread over ``authors`` authors."""
    service = service_for(url)
    start.wait()
    for i in range(count):
        content, verdict = violation(f"{worker}-{i}", author=f"a{i % authors}")
        service.moderate(content, verdict)
    service.store.close()


def batch_worker(url: str, batch: int, ready: Any) -> None:
    """Moderate batches of ``batch`` items forever (until killed)."""
    service = service_for(url)
    n = 0
    while True:
        items = [violation(f"k{n + i}", author=f"a{(n + i) % 7}") for i in range(batch)]
        service.moderate_many(items)
        n += batch
        ready.set()
