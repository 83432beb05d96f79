"""Throughput of recording moderation, and memory of a streamed export.

    python benchmarks/bench_records.py [--n 20000] [--batch 500] [--postgres URL] [--million]

Times ``ModerationService.moderate_many`` (every item a removal, so each one writes a record, a
strike and index rows, in one transaction per batch) into a fresh SQLite file and into a fresh
schema of PostgreSQL (``--postgres`` or ``CLIVE_RULES_TEST_POSTGRES_URL``; skipped when neither is
given or the server cannot be reached), and one ``moderate`` call per transaction for reference.
Verdicts are made by the real engine before timing. ``--million`` writes 1,000,000 records to a
SQLite file and streams them through the export in a subprocess, reporting peak RSS after 100,000
and after 1,000,000 records. The SQLite target (>= 2,000 items/s) prints PASS/FAIL.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

TARGET = 2000.0
CPU_RATES: list[float] = []  # items per second of this process's CPU time, per run


def items(n: int, offset: int = 0) -> list[tuple[Any, Any]]:
    """``n`` removals by 1,000 authors, with real verdicts."""
    from clive_rules import Content, Engine

    engine = Engine.default()
    words = ["shit", "fucking", "bullshit", "asshole"]
    contents = [Content(text=f"This is {words[i % 4]} and you know it, comment {i}.",
                        id=f"b{offset + i}", platform="facebook", account="parks",
                        author={"id": f"author{i % 1000}"},
                        created_at="2024-05-01T12:00:00Z", raw={"id": f"b{offset + i}"})
                for i in range(offset, offset + n)]
    pairs = list(zip(contents, engine.evaluate_many(contents), strict=True))
    assert all(v.decision.value == "remove" for _, v in pairs), "corpus must be removals"
    return pairs


def service(url: str) -> Any:
    from clive_rules.moderation import ModerationService
    from clive_rules.records.store import load_config

    return ModerationService.from_config(load_config({"records": {"url": url}}), environ={})


def run(url: str, n: int, batch: int, single: int) -> tuple[float, float]:
    """Items per second batched, and one transaction per item."""
    svc = service(url)
    svc.store.count()  # create and migrate before timing
    pairs = items(n)
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, n, batch):
        svc.moderate_many(pairs[i:i + batch])
    batched = n / (time.perf_counter() - start)
    CPU_RATES.append(n / (time.process_time() - cpu))
    more = items(single, offset=n)
    start = time.perf_counter()
    for pair in more:
        svc.moderate(*pair)
    one = single / (time.perf_counter() - start)
    report = svc.store.verify()
    assert report.ok and report.count == n + single, report.problems
    svc.store.close()
    return batched, one


def postgres(url: str, n: int, batch: int, single: int) -> tuple[float, float] | None:
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    schema = f"clive_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL: not reachable ({str(exc.orig).splitlines()[0]}); skipped")
        return None
    try:
        scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
        return run(scoped.render_as_string(hide_password=False), n, batch, single)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


_EXPORT = r"""
import resource, sys
from clive_rules.records.store import RecordStore
store = RecordStore.at(sys.argv[1])
out = open('/dev/null', 'w')
import json
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
for n, record in enumerate(store.iter_records(), start=1):
    out.write(json.dumps(record.to_dict(), ensure_ascii=False) + '\n')
    if n == 100_000:
        print(f'{n} {peak():.1f}', flush=True)
print(f'{n} {peak():.1f}', flush=True)
"""


def million(directory: Path) -> None:
    """Write 1,000,000 records, then stream them out in a subprocess."""
    from clive_rules.records.store import RecordStore

    path = directory / "million.sqlite3"
    store = RecordStore.at(path, sqlite_synchronous="normal")
    body = {"schema": 1, "kind": "removal", "clauses": ["12.4.D.1"], "warning": None,
            "actor": {"type": "automatic", "name": "automatic", "engine_version": "bench"},
            "actions": [{"kind": "remove", "clauses": ["12.4.D.1"], "effect": "hidden"}]}
    start = time.perf_counter()
    for chunk in range(100):
        with store.write("bench") as w:
            for i in range(10_000):
                k = chunk * 10_000 + i
                w.append("removal", {**body, "author_key": f"a{k % 5000}", "content": {
                    "id": f"m{k}", "platform": "facebook", "account": "parks",
                    "text": f"This is a removed comment number {k} with some words in it."}})
    print(f"wrote 1,000,000 records in {time.perf_counter() - start:.0f} s "
          f"({path.stat().st_size / 1e6:.0f} MB)")
    store.close()
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _EXPORT, str(path)], capture_output=True,
                         text=True, check=True).stdout.split("\n")
    (n1, rss1), (n2, rss2) = (line.split() for line in out[:2])
    print(f"export: peak RSS {float(rss1):.0f} MB after {int(n1):,} records, "
          f"{float(rss2):.0f} MB after {int(n2):,} ({time.perf_counter() - start:.0f} s)")


def main() -> None:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--single", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("CLIVE_RULES_TEST_POSTGRES_URL"))
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        batched, one = run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.n, args.batch,
                           args.single)
        verdict = "PASS" if batched >= TARGET else "FAIL"
        print(f"SQLite:     {batched:8,.0f} items/s in batches of {args.batch} "
              f"(target {TARGET:,.0f}: {verdict}); {one:6,.0f} items/s one per transaction; "
              f"{CPU_RATES[-1]:,.0f} items per CPU-second")
        if os.getloadavg()[0] > (os.cpu_count() or 1):
            print(f"  note: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
                  "wall-clock rates suffer; the CPU-second rate is the cost without contention")
        if args.postgres:
            result = postgres(args.postgres, args.n, args.batch, args.single)
            if result is not None:
                print(f"PostgreSQL: {result[0]:8,.0f} items/s in batches of {args.batch}; "
                      f"{result[1]:6,.0f} items/s one per transaction; {CPU_RATES[-1]:,.0f} "
                      "items per client CPU-second")
        else:
            print("PostgreSQL: no URL (--postgres or CLIVE_RULES_TEST_POSTGRES_URL); skipped")
        if args.million:
            million(Path(tmp))


if __name__ == "__main__":
    main()
