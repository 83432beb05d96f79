"""Precision / recall / F1 of clive-rules' solicitation rule (12.4.D.6) on labelled spam.

    python benchmarks/eval_spam.py [--json out.json]

Data (shared data directory, never copied into the repository):

* ``spam/Youtube01-Psy.csv``, ``Youtube02-KatyPerry.csv``, ``Youtube03-LMFAO.csv``: 1,138
  YouTube comments together, positive = ``CLASS`` 1 (spam).
* ``spam/sms-spam-collection.tsv``: 5,574 SMS messages, positive = ``spam``. A second, different
  domain (prize draws and premium-rate numbers), reported, not tuned for.

Systems, all on the same rows:

* ``clive-rules 12.4.D.6 (any)``: the engine's verdict has a 12.4.D.6 finding (review or remove);
* ``clive-rules 12.4.D.6 (remove)``: a 12.4.D.6 finding whose decision after the engine's caps
  is remove (what would be taken down without a person);
* ``anchor: link|check out|subscribe``: the plain pattern issue 3 names, read as a URL
  (``http(s)://`` or ``www.``), "check out" or "subscribe", case-insensitive.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Callable, Sequence
from typing import Any

from metrics import (
    Scored,
    Targets,
    require_clive_rules,
    score,
    scored_table,
    shared_file,
    timed,
    write_json,
)

YOUTUBE = ("spam/Youtube01-Psy.csv", "spam/Youtube02-KatyPerry.csv", "spam/Youtube03-LMFAO.csv")
SMS = "spam/sms-spam-collection.tsv"
CLAUSE = "12.4.D.6"
ANCHOR = re.compile(r"https?://|\bwww\.|check out|subscribe", re.IGNORECASE)


def load_youtube() -> tuple[list[str], list[bool]]:
    texts: list[str] = []
    gold: list[bool] = []
    for name in YOUTUBE:
        with shared_file(name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                texts.append(row["CONTENT"])
                gold.append(row["CLASS"].strip() == "1")
    return texts, gold


def load_sms() -> tuple[list[str], list[bool]]:
    texts: list[str] = []
    gold: list[bool] = []
    with shared_file(SMS).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 2:
                continue
            gold.append(row[0].strip() == "spam")
            texts.append("\t".join(row[1:]))
    return texts, gold


def run(name: str, flag: Callable[[Sequence[str]], list[bool]], texts: Sequence[str],
        gold: Sequence[bool]) -> Scored:
    seconds, predicted = timed(lambda: flag(texts))
    return score(name, gold, range(len(gold)), predicted, seconds)


def systems(clive_rules: Any) -> list[tuple[str, Callable[[Sequence[str]], list[bool]]]]:
    engine = clive_rules.Engine.default()

    def verdicts(texts: Sequence[str]) -> list[Any]:
        return list(engine.evaluate_many(clive_rules.Content(text=t) for t in texts))

    def any_finding(texts: Sequence[str]) -> list[bool]:
        return [CLAUSE in v.clauses for v in verdicts(texts)]

    def removed(texts: Sequence[str]) -> list[bool]:
        return [any(f.clause == CLAUSE and engine.decision_for(f).value == "remove"
                    for f in v.findings) for v in verdicts(texts)]

    def anchor(texts: Sequence[str]) -> list[bool]:
        return [ANCHOR.search(t) is not None for t in texts]

    return [("clive-rules 12.4.D.6 (any)", any_finding),
            ("clive-rules 12.4.D.6 (remove)", removed),
            ("anchor: link, check out, subscribe", anchor)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    clive_rules = require_clive_rules()
    found = systems(clive_rules)
    targets = Targets()
    payload: dict[str, Any] = {}
    for title, (texts, gold) in (("YouTube spam (3 files, 1,138 comments)", load_youtube()),
                                 ("SMS spam collection", load_sms())):
        results = [run(name, flag, texts, gold) for name, flag in found]
        print(f"## Solicitation: {title}\n")
        print(f"{len(texts):,} rows, {sum(gold):,} spam.\n")
        print(scored_table(results) + "\n")
        payload[title] = [r.to_dict() for r in results]
        if title.startswith("YouTube"):
            f1 = results[0].counts.f1
            targets.check("YouTube F1 >= 0.93", f1 >= 0.93, f"F1 {f1:.3f}")
            targets.check("beats the anchor", f1 > results[2].counts.f1,
                          f"{f1:.3f} vs {results[2].counts.f1:.3f}")
    print(targets.render())
    if args.json:
        write_json(args.json, {"results": payload, "targets": targets.to_list()})


if __name__ == "__main__":
    main()
