"""Nothing lost: real concurrent processes, and a writer killed mid-write (SQLite, PostgreSQL)."""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from records_support import (
    BACKENDS,
    batch_worker,
    database,
    moderate_worker,
    service_for,
)

SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as value:
        yield value


def test_concurrent_processes_lose_and_duplicate_nothing(url: str) -> None:
    service_for(url).store.count()  # create the schema first, as an installation would
    workers, per_worker, authors = 4, 25, 5
    start = SPAWN.Event()
    procs = [SPAWN.Process(target=moderate_worker, args=(url, w, per_worker, authors, start))
             for w in range(workers)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    service = service_for(url)
    records = list(service.store.iter_records())
    total = workers * per_worker
    assert [r.seq for r in records] == list(range(1, total + 1))
    ids = [r.body["content"]["id"] for r in records if r.body]
    assert len(set(ids)) == total
    assert service.store.verify().ok
    by_author: dict[str, list[int]] = collections.defaultdict(list)
    warnings = collections.Counter()
    for r in records:
        assert r.body is not None
        by_author[r.body["author_key"]].append(r.body["strike"]["number"])
        if r.body["warning"]:
            warnings[r.body["author_key"]] += 1
    for author, numbers in by_author.items():
        # Strike numbers are 1..n in record order: none lost, none counted twice.
        assert numbers == list(range(1, len(numbers) + 1)), author
        assert service.strikes(author) == len(numbers)
        assert warnings[author] == 1  # one warning, then blocks
    assert sum(len(n) for n in by_author.values()) == total


def test_concurrent_processes_on_the_same_items_record_each_once(url: str) -> None:
    service_for(url).store.count()
    start = SPAWN.Event()
    # Both workers moderate the same 20 items (worker id 0 for both).
    procs = [SPAWN.Process(target=moderate_worker, args=(url, 0, 20, 3, start))
             for _ in range(2)]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    service = service_for(url)
    assert service.store.count() == 20
    assert sum(service.strikes(f"a{i}") for i in range(3)) == 20


def test_killed_writer_leaves_whole_batches_only(url: str) -> None:
    service_for(url).store.count()
    batch = 250
    ready = SPAWN.Event()
    proc = SPAWN.Process(target=batch_worker, args=(url, batch, ready))
    proc.start()
    try:
        assert ready.wait(120), "the worker never committed a batch"
        time.sleep(0.05 + (os.getpid() % 7) / 100)  # somewhere inside a later write
    finally:
        os.kill(proc.pid or 0, signal.SIGKILL)
        proc.join(30)
    assert proc.exitcode == -signal.SIGKILL
    service = service_for(url)
    count = service.store.count()
    assert count >= batch
    assert count % batch == 0  # each batch is there whole or not at all
    report = service.store.verify()
    assert report.ok, report.problems
    assert report.head_seq == count
    strikes = sum(service.strikes(f"a{i}") for i in range(7))
    assert strikes == count  # every record has its strike, and no strike lacks its record
