"""Throughput and memory of clive-rules against other profanity checkers.

    python benchmarks/bench_engine.py [--n 20000] [--seed 0] [--json out.json]
                                      [--stream-million] [--peers-only]

One synthetic set of N comments (``corpus.generate``) is timed through:

(a) ``Engine.default().evaluate_many(contents)`` consumed into a list,
(b) ``engine.evaluate(content)`` one comment at a time,
(c) better-profanity ``contains_profanity`` on the first ``--bp-sample`` comments (it is slow;
    its rate is extrapolated),
(d) better-profanity-fast ``Profanity().contains_profanity``,
(e) a floor: one pre-compiled ``re`` alternation of ~50 swear words per comment,
(f) alt-profanity-check ``predict`` on the whole list (batched, for reference).

Content objects are built before timing; each fast contestant takes the best of ``--runs``.
Peak memory of (a) is measured in a fresh subprocess. ``--stream-million`` also streams a
1,000,000-record JSON Lines file through ``evaluate_many`` in a subprocess and reports peak RSS
at 100k and at 1M records. Targets print PASS/FAIL; the exit status is 0 whatever they say.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

import corpus
import peers
from metrics import (
    Targets,
    best_of,
    content_factory,
    fail,
    fmt_rate,
    fmt_ratio,
    machine_load,
    markdown_table,
    peak_rss_mb,
    ratio,
    require_clive_rules,
    timed,
    write_json,
)

EVALUATE_MANY = "clive-rules evaluate_many"
EVALUATE = "clive-rules evaluate"
STREAM_RECORDS = 1_000_000

TARGET_MANY_RATE = 50_000
TARGET_MANY_VS_FAST = 0.5
TARGET_EVALUATE_RATE = 10_000
TARGET_PEAK_MB = 100


@dataclass
class Result:
    name: str
    per_second: float
    per_cpu_second: float
    timed_items: int
    runs: int
    note: str = ""


def measure(
    name: str, items: int, runs: int, fn: Callable[[], object], note: str = ""
) -> tuple[Result, Any]:
    timing, output = best_of(runs, fn)
    rates = ratio(items, timing.wall), ratio(items, timing.cpu)
    return Result(name, *rates, items, runs, note), output


# --------------------------------------------------------------------------- subprocesses


def run_child(args: Sequence[str]) -> dict[str, Any]:
    """Run this script with a hidden child flag; it prints one JSON object as its last line."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        fail(f"subprocess {' '.join(args)} failed: {last}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def memory_child(n: int, seed: int) -> dict[str, Any]:
    """Peak RSS of contestant (a) in this (fresh) process, with the corpus it needs."""
    clive = require_clive_rules()
    build = content_factory(clive.Content)
    contents = [build(record) for record in corpus.iter_records(n, seed)]
    before_engine = peak_rss_mb()
    engine = clive.Engine.default()
    after_engine = peak_rss_mb()
    verdicts = list(engine.evaluate_many(contents))
    return {
        "records": len(verdicts),
        "peak_mb_before_engine": before_engine,
        "peak_mb_after_engine_default": after_engine,
        "peak_mb": peak_rss_mb(),
    }


def read_contents(path: Path, build: Callable[[dict[str, Any]], Any]) -> Iterator[Any]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield build(json.loads(line))


def stream_child(path: Path, records: int) -> dict[str, Any]:
    """Stream a JSONL file through evaluate_many; peak RSS at records/10 and at the end."""
    clive = require_clive_rules()
    engine = clive.Engine.default()
    checkpoints = {max(1, records // 10), records}
    peaks: dict[int, float] = {}
    decisions: Counter[str] = Counter()
    start, start_cpu = time.perf_counter(), time.process_time()
    count = 0
    for count, verdict in enumerate(
        engine.evaluate_many(read_contents(path, content_factory(clive.Content))), 1
    ):
        decisions[decision_name(verdict)] += 1
        if count in checkpoints:
            peaks[count] = peak_rss_mb()
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    peaks.setdefault(count, peak_rss_mb())
    return {
        "records": count,
        "seconds": seconds,
        "per_second": ratio(count, seconds),
        "per_cpu_second": ratio(count, cpu),
        "peak_mb_at": {str(k): v for k, v in sorted(peaks.items())},
        "decisions": dict(decisions),
    }


def stream_million(records: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="clive-bench-") as tmp:
        path = Path(tmp) / "comments.jsonl"
        write_seconds, _ = timed(lambda: corpus.write_jsonl(path, records, seed))
        size_mb = path.stat().st_size / 1e6
        result = run_child(["--_stream-child", str(path), "--stream-records", str(records)])
    return {**result, "write_seconds": write_seconds, "file_mb": size_mb}


# --------------------------------------------------------------------------- report


def decision_name(verdict: Any) -> str:
    return str(getattr(verdict.decision, "value", verdict.decision)).lower()


def category_table(
    records: Sequence[dict[str, Any]], flags: dict[str, Sequence[bool]]
) -> tuple[str, dict[str, dict[str, float]]]:
    """Share of each synthetic category that each contestant flags (a sanity check)."""
    categories = sorted({r["category"] for r in records})
    shares: dict[str, dict[str, float]] = {}
    for name, flagged in flags.items():
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for record, flag in zip(records[: len(flagged)], flagged, strict=True):  # bp: sample
            totals[record["category"]] += 1
            hits[record["category"]] += bool(flag)
        shares[name] = {c: ratio(hits[c], totals[c]) for c in categories}
    rows = [[name, *(f"{shares[name][c]:.1%}" for c in categories)] for name in flags]
    return markdown_table(["flagged share by category", *categories], rows), shares


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="comments to time (20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="best of RUNS for fast contestants")
    parser.add_argument("--bp-sample", type=int, default=2_000, help="better-profanity subset")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--stream-million", action="store_true", help="stream 1M records too")
    parser.add_argument(
        "--stream-records", type=int, default=STREAM_RECORDS, help=argparse.SUPPRESS
    )
    parser.add_argument("--peers-only", action="store_true", help="skip clive-rules")
    parser.add_argument("--_memory-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_stream-child", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._memory_child:
        print(json.dumps(memory_child(args.n, args.seed)))
        return
    if args._stream_child:
        print(json.dumps(stream_child(Path(args._stream_child), args.stream_records)))
        return

    clive = None if args.peers_only else require_clive_rules()
    records = corpus.generate(args.n, args.seed)
    texts = [r["text"] for r in records]
    mean_len = ratio(sum(map(len, texts)), len(texts))
    print(
        f"corpus: {len(texts):,} synthetic comments (seed {args.seed}), mean {mean_len:.0f} chars"
    )
    load = machine_load()
    print(f"machine: {load}")

    results: list[Result] = []
    flags: dict[str, Sequence[bool]] = {}
    report: dict[str, Any] = {"n": args.n, "seed": args.seed, "mean_chars": mean_len, "load": load}

    if clive is not None:
        build = content_factory(clive.Content)
        contents = [build(record) for record in records]
        startup, engine = timed(clive.Engine.default)
        report["engine_default_seconds"] = startup
        print(f"Engine.default(): {startup * 1000:.0f} ms")
        many, many_out = measure(
            EVALUATE_MANY, len(contents), args.runs, lambda: list(engine.evaluate_many(contents))
        )
        one, one_out = measure(
            EVALUATE, len(contents), args.runs, lambda: [engine.evaluate(c) for c in contents]
        )
        results += [many, one]
        if len(many_out) != len(contents):
            fail(f"evaluate_many gave {len(many_out)} verdicts for {len(contents)} contents")
        many_decisions = [decision_name(v) for v in many_out]
        pairs = zip(many_decisions, one_out, strict=True)
        mismatches = sum(a != decision_name(b) for a, b in pairs)
        report["evaluate_vs_evaluate_many_mismatches"] = mismatches
        if mismatches:
            print(f"WARNING: evaluate and evaluate_many disagree on {mismatches} comments")
        flags["clive-rules (not allow)"] = [d != "allow" for d in many_decisions]

    loaded = peers.load_peers()
    bp = loaded.pop(peers.BETTER_PROFANITY)
    sample = texts[: args.bp_sample]
    print(f"timing better-profanity on {len(sample):,} comments (slow, one run)...", flush=True)
    bp_result, flags[bp.name] = measure(
        bp.name, len(sample), 1, lambda: bp.flag(sample), f"{len(sample):,} timed, extrapolated"
    )
    results.append(bp_result)
    for peer in loaded.values():
        result, flags[peer.name] = measure(
            peer.name, len(texts), args.runs, partial(peer.flag, texts), peer.note
        )
        results.append(result)

    rates = {r.name: r.per_second for r in results}
    cpu_rates = {r.name: r.per_cpu_second for r in results}
    fast, slow = rates[peers.BETTER_PROFANITY_FAST], rates[peers.BETTER_PROFANITY]
    rows = [
        [
            r.name,
            fmt_rate(r.per_second),
            fmt_rate(r.per_cpu_second),
            fmt_ratio(ratio(r.per_second, fast)),
            fmt_ratio(ratio(r.per_second, slow)),
            f"{r.runs}",
            r.note,
        ]
        for r in results
    ]
    headers = ["contestant", "comments/s", "per CPU-s", "vs bp-fast", "vs bp", "best of", "note"]
    print()
    print(markdown_table(headers, rows, text_columns=(0, -1)))
    table, shares = category_table(records, flags)
    print()
    print(table)
    report["contestants"] = [asdict(r) for r in results]
    report["flagged_share_by_category"] = shares

    targets = Targets()
    if clive is not None:
        memory = run_child(["--_memory-child", "--n", str(args.n), "--seed", str(args.seed)])
        report["memory"] = memory
        print(
            f"\npeak RSS of (a) in a fresh process: {memory['peak_mb']:.1f} MB "
            f"(before Engine.default(): {memory['peak_mb_before_engine']:.1f} MB, "
            f"after it: {memory['peak_mb_after_engine_default']:.1f} MB; "
            f"includes the interpreter, {args.n:,} Content objects and {args.n:,} verdicts)"
        )
        many_rate, one_rate = rates[EVALUATE_MANY], rates[EVALUATE]
        many_cpu, one_cpu = cpu_rates[EVALUATE_MANY], cpu_rates[EVALUATE]
        fast_cpu = cpu_rates[peers.BETTER_PROFANITY_FAST]
        targets.check(
            f"evaluate_many >= {TARGET_MANY_RATE:,}/s",
            many_rate >= TARGET_MANY_RATE,
            f"{many_rate:,.0f}/s; {many_cpu:,.0f} per CPU-second",
        )
        targets.check(
            f"evaluate_many >= {TARGET_MANY_VS_FAST} x better-profanity-fast",
            many_rate >= TARGET_MANY_VS_FAST * fast,
            f"{ratio(many_rate, fast):.2f}x; {ratio(many_cpu, fast_cpu):.2f}x in CPU time",
        )
        targets.check(
            f"evaluate >= {TARGET_EVALUATE_RATE:,}/s",
            one_rate >= TARGET_EVALUATE_RATE,
            f"{one_rate:,.0f}/s; {one_cpu:,.0f} per CPU-second",
        )
        targets.check(
            f"peak memory < {TARGET_PEAK_MB} MB",
            memory["peak_mb"] < TARGET_PEAK_MB,
            f"{memory['peak_mb']:.1f} MB",
        )

        if args.stream_million:
            n_stream = args.stream_records
            print(f"\nstreaming {n_stream:,} records through evaluate_many...", flush=True)
            stream = stream_million(n_stream, args.seed)
            report["stream"] = stream
            peaks = stream["peak_mb_at"]
            print(
                f"wrote {stream['file_mb']:.0f} MB JSONL in {stream['write_seconds']:.1f} s; "
                f"streamed {stream['records']:,} records at {stream['per_second']:,.0f}/s "
                f"({stream['per_cpu_second']:,.0f} per CPU-second)"
            )
            for at, mb in peaks.items():
                print(f"  peak RSS after {int(at):>9,} records: {mb:.1f} MB")
            ordered = [peaks[k] for k in sorted(peaks, key=int)]
            first, last = ordered[0], ordered[-1]
            targets.check(
                "streaming memory stays constant (growth < 10 MB from 10% to 100%)",
                last - first < 10,
                f"{first:.1f} -> {last:.1f} MB",
            )
    elif args.stream_million:
        print("\n--stream-million needs clive-rules; skipped with --peers-only")

    if targets.items:
        print()
        print(targets.render())
        report["targets"] = targets.to_list()
    if args.json:
        write_json(args.json, report)


if __name__ == "__main__":
    main()
