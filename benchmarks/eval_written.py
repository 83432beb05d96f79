"""False flags and recall of clive-rules on the comment sets written for this project.

    python benchmarks/eval_written.py [--json out.json] [--show]

The sets in ``benchmarks/written/`` (gzipped JSON Lines, described in ``written/README.md``) are
realistic comments on a city's posts, written for this project, not collected from anyone:

* ``benign-*``: comments that break no clause. Reported: how many the engine removes and how
  many it holds for review (routing findings, which never change a decision, are not flags).
* ``violations-*``: comments that each break one clause of 12.4.D, named in their ``clause``
  field. Reported per clause: how many are caught (removed or held), how many of those cite
  the intended clause, and how many are removed.

Each set's README line says how it was written and whether rules were changed after it was
scored: a set the rules were tuned on measures less than one that was scored once. ``--show``
prints every false flag and every miss. The exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from metrics import (
    content_factory,
    fail,
    flagged_clauses,
    markdown_table,
    ratio,
    require_clive_rules,
    write_json,
)

WRITTEN = Path(__file__).resolve().parent / "written"


def load(path: Path) -> list[dict[str, Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--show", action="store_true", help="print every false flag and miss")
    args = parser.parse_args(argv)

    clive = require_clive_rules()
    engine = clive.Engine.default()
    build = content_factory(clive.Content)
    allow = clive.Decision.ALLOW
    remove = clive.Decision.REMOVE
    report: dict[str, Any] = {}

    benign_rows: list[list[object]] = []
    for path in sorted(WRITTEN.glob("benign-*.jsonl.gz")):
        records = load(path)
        verdicts = list(engine.evaluate_many(build(r) for r in records))
        removed = [r for r, v in zip(records, verdicts, strict=True) if v.decision is remove]
        held = [r for r, v in zip(records, verdicts, strict=True)
                if v.decision is not allow and v.decision is not remove]
        name = path.name.removesuffix(".jsonl.gz")
        benign_rows.append([name, len(records), len(removed), len(held),
                            f"{ratio(len(removed) + len(held), len(records)):.2%}"])
        report[name] = {"rows": len(records), "removed": len(removed), "held": len(held)}
        if args.show:
            for record, verdict in zip(records, verdicts, strict=True):
                if verdict.decision is not allow:
                    print(f"  {name} {record['id']} {verdict.decision.value} "
                          f"{sorted(flagged_clauses(verdict))}: {record['text']!r}")
    print("\n## Benign sets (every flag is a false flag)\n")
    print(markdown_table(["set", "comments", "removed", "held", "flagged"], benign_rows))

    totals: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    intended: Counter[str] = Counter()
    removed_by: Counter[str] = Counter()
    set_rows: list[list[object]] = []
    for path in sorted(WRITTEN.glob("violations-*.jsonl.gz")):
        records = load(path)
        verdicts = list(engine.evaluate_many(build(r) for r in records))
        hits = 0
        for record, verdict in zip(records, verdicts, strict=True):
            clause = record["clause"]
            totals[clause] += 1
            if verdict.decision is allow:
                if args.show:
                    print(f"  miss {path.name.removesuffix('.jsonl.gz')} {record['id']} "
                          f"{clause}: {record['text']!r}")
                continue
            hits += 1
            caught[clause] += 1
            intended[clause] += clause in flagged_clauses(verdict)
            removed_by[clause] += verdict.decision is remove
        name = path.name.removesuffix(".jsonl.gz")
        set_rows.append([name, len(records), hits, f"{ratio(hits, len(records)):.1%}"])
        report[name] = {"rows": len(records), "caught": hits}
    print("\n## Violation sets\n")
    print(markdown_table(["set", "comments", "caught", "recall"], set_rows))
    clause_rows = [[c, totals[c], caught[c], intended[c], removed_by[c],
                    f"{ratio(caught[c], totals[c]):.1%}"] for c in sorted(totals)]
    clause_rows.append(["all", sum(totals.values()), sum(caught.values()),
                        sum(intended.values()), sum(removed_by.values()),
                        f"{ratio(sum(caught.values()), sum(totals.values())):.1%}"])
    print("\n## Violations by clause (all sets)\n")
    print(markdown_table(
        ["clause", "comments", "caught", "by that clause", "removed", "recall"], clause_rows))
    report["by_clause"] = {c: {"rows": totals[c], "caught": caught[c],
                               "intended": intended[c], "removed": removed_by[c]}
                           for c in sorted(totals)}
    if args.json:
        write_json(args.json, report)


if __name__ == "__main__":
    main()
