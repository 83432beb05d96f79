"""Shared helpers for the benchmark and evaluation scripts in ``benchmarks/``.

Scoring (confusion counts, precision / recall / F1), Markdown tables, PASS/FAIL target lines,
timing, peak-memory reading, locating the shared labelled data and importing ``clive_rules``
with a clear message. Every script in this folder uses these so none repeats them.

The scripts are run as ``python benchmarks/<script>.py``; Python then puts ``benchmarks/`` on
``sys.path`` and they import this module as ``metrics``.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn, TypeVar

T = TypeVar("T")

SHARED_DATA_ENV = "CLIVE_RULES_SHARED_DATA"


# --------------------------------------------------------------------------- errors


def fail(message: str, status: int = 2) -> NoReturn:
    """Print a one-line error to stderr and exit (never a traceback)."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(status)


# --------------------------------------------------------------------------- scoring


@dataclass
class Confusion:
    """Binary confusion counts; ``positive`` means the label or the prediction says "flag"."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @classmethod
    def of(cls, gold: Iterable[bool], predicted: Iterable[bool]) -> Confusion:
        counts = cls()
        for g, p in zip(gold, predicted, strict=True):
            counts.add(g, p)
        return counts

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def to_dict(self) -> dict[str, float]:
        return {
            **asdict(self),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


@dataclass
class Scored:
    """One system's predictions on a labelled set, scored, with its speed."""

    name: str
    counts: Confusion
    seconds: float
    by_group: dict[str, Confusion] = field(default_factory=dict)
    note: str = ""

    @property
    def per_second(self) -> float:
        return ratio(self.counts.total, self.seconds)

    def group_recall(self, group: str) -> float | None:
        counts = self.by_group.get(group)
        return counts.recall if counts is not None and counts.positives else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rows": self.counts.total,
            "seconds": self.seconds,
            "per_second": self.per_second,
            **self.counts.to_dict(),
            "by_group": {g: c.to_dict() for g, c in sorted(self.by_group.items())},
            "note": self.note,
        }


def score(
    name: str,
    gold: Sequence[bool],
    indices: Sequence[int],
    predicted: Sequence[bool],
    seconds: float,
    groups: Sequence[str] | None = None,
    note: str = "",
) -> Scored:
    """Score ``predicted[k]`` against ``gold[indices[k]]`` (a system may see only a sample).

    ``groups`` (aligned with ``gold``) splits the counts, e.g. OLID's UNT / TIN subtypes.
    """
    counts = Confusion()
    by_group: dict[str, Confusion] = {}
    for i, flag in zip(indices, predicted, strict=True):
        counts.add(gold[i], flag)
        if groups is not None:
            by_group.setdefault(groups[i], Confusion()).add(gold[i], flag)
    return Scored(name, counts, seconds, by_group, note)


def scored_table(results: Sequence[Scored], recall_groups: Sequence[str] = ()) -> str:
    """Markdown: system, rows, P, R, F1, rows/s, recall on each of ``recall_groups``, note."""
    headers = ["system", "rows", "precision", "recall", "F1", "rows/s"]
    headers += [f"recall {g}" for g in recall_groups] + ["note"]
    rows = [
        [
            r.name,
            f"{r.counts.total:,}",
            fmt_float(r.counts.precision),
            fmt_float(r.counts.recall),
            fmt_float(r.counts.f1),
            fmt_rate(r.per_second),
            *(fmt_float(r.group_recall(g)) for g in recall_groups),
            r.note,
        ]
        for r in results
    ]
    return markdown_table(headers, rows, text_columns=(0, -1))


# --------------------------------------------------------------------------- formatting


def fmt_float(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def fmt_rate(per_second: float | None) -> str:
    return "-" if per_second is None else f"{per_second:,.0f}"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.4f}x"


def markdown_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], text_columns: Sequence[int] = (0,)
) -> str:
    """A GitHub-flavoured Markdown table; ``text_columns`` left-aligned, the rest right-aligned."""
    text_columns = [i % len(headers) for i in text_columns]
    text_rows = [[str(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(widths[i]) if i in text_columns else cell.rjust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * w if i in text_columns else "-" * (w - 1) + ":" for i, w in enumerate(widths)]
    return "\n".join([line(headers), line(rule), *(line(row) for row in text_rows)])


# --------------------------------------------------------------------------- targets


@dataclass
class Target:
    name: str
    ok: bool
    detail: str


@dataclass
class Targets:
    """Collects PASS/FAIL lines. Reports only: the scripts exit 0 whatever the outcome."""

    items: list[Target] = field(default_factory=list)

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.items.append(Target(name, ok, detail))

    def render(self) -> str:
        return "\n".join(
            f"{'PASS' if t.ok else 'FAIL'}  {t.name}  ({t.detail})" for t in self.items
        )

    def to_list(self) -> list[dict[str, Any]]:
        return [asdict(t) for t in self.items]


# --------------------------------------------------------------------------- timing / memory


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Run ``fn`` once after a garbage collection; return (seconds, result)."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds (this process, all threads) of one or more runs."""

    wall: float
    cpu: float


def best_of(runs: int, fn: Callable[[], T]) -> tuple[Timing, T]:
    """The fastest wall-clock and the fastest CPU time of ``runs`` calls, and the last result.

    CPU time (``time.process_time``) hardly changes when other processes compete for the
    CPUs, so it is the better measure of the code's own cost on a shared machine.
    """
    wall = cpu = float("inf")
    result: T
    for _ in range(max(1, runs)):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return Timing(wall, cpu), result


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB.

    Reads ``VmHWM`` from ``/proc/self/status`` where it exists: on Linux ``ru_maxrss`` of a
    freshly started child process also counts the parent's peak at the time of the fork/exec,
    so it overstates a small child started from a large parent. Elsewhere falls back to
    ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (KB on Linux, bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def machine_load() -> str:
    """CPU count and 1-minute load average: timings from a busy machine read low."""
    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        return f"{cpus} CPUs"
    busy = "  (busy: timings will read low)" if load > 0.75 * cpus else ""
    return f"{cpus} CPUs, load average {load:.1f} before timing{busy}"


# --------------------------------------------------------------------------- shared data


def shared_data_dir() -> Path:
    """``../shared/data`` next to the repository, or ``$CLIVE_RULES_SHARED_DATA``."""
    override = os.environ.get(SHARED_DATA_ENV)
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    root = Path(override) if override else default
    if not root.is_dir():
        fail(f"shared data directory not found at {root} (set {SHARED_DATA_ENV} to its path)")
    return root


def shared_file(relative: str) -> Path:
    """A file under the shared data directory; exits with a one-line message if missing."""
    path = shared_data_dir() / relative
    if not path.is_file():
        fail(f"shared data file not found: {path} (set {SHARED_DATA_ENV} to the data directory)")
    return path


# --------------------------------------------------------------------------- clive_rules


def require_clive_rules() -> ModuleType:
    """Import ``clive_rules`` (the CONTRACT names Engine, Content, Decision) or exit clearly."""
    try:
        import clive_rules
    except Exception as exc:
        fail(
            f"cannot import clive_rules ({type(exc).__name__}: {exc}); install it with "
            "`pip install -e .` in the repository, or pass --peers-only"
        )
    missing = [name for name in ("Engine", "Content", "Decision") if not hasattr(clive_rules, name)]
    if missing:
        fail(f"clive_rules does not export {', '.join(missing)} (see CONTRACT.md)")
    return clive_rules


CONTENT_METADATA = ("kind", "platform", "account", "parent_text")


def content_factory(content_cls: Callable[..., Any]) -> Callable[[Mapping[str, Any]], Any]:
    """Return ``record -> Content``.

    Always passes ``text`` and ``id``; also passes the optional metadata fields the CLI accepts
    (kind, platform, account, parent_text) when present in the record and accepted by
    ``Content`` (probed once), so the engine sees what it would see in production.
    """
    probe = {
        "kind": "comment",
        "platform": "facebook",
        "account": "cityofclive",
        "parent_text": "x",
    }
    try:
        content_cls(text="probe", id="probe", **probe)
        accepted: tuple[str, ...] = CONTENT_METADATA
    except (TypeError, ValueError):
        accepted = ()

    def build(record: Mapping[str, Any]) -> Any:
        extra = {k: record[k] for k in accepted if record.get(k) is not None}
        return content_cls(text=record["text"], id=str(record["id"]), **extra)

    return build


def flagged_clauses(verdict: Any) -> frozenset[str]:
    """The clause ids of a verdict's findings."""
    return frozenset(finding.clause for finding in verdict.findings)


# --------------------------------------------------------------------------- output


def write_json(path: str | Path, payload: Mapping[str, Any]) -> None:
    Path(path).write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    print(f"\nwrote {path}")
