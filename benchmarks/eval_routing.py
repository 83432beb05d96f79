"""Department routing (12.4.A.8) and off-topic false positives (12.4.D.8) on 311 data.

    python benchmarks/eval_routing.py [--json out.json] [--n 20000]

Data (read from the shared data directory, ``../shared/data`` beside the repository or
``$CLIVE_RULES_SHARED_DATA``; never copied into the repository):

* ``civic/nyc311-900.csv``: text = ``complaint_type`` + ``descriptor`` (what the resident
  chose); gold = ``agency`` mapped to a Clive department (:data:`NYC_AGENCIES`).
* ``civic/boston311-100.csv``: text = ``case_title`` + ``type``; gold = ``subject`` mapped to a
  Clive department (:data:`BOSTON_SUBJECTS`).

The resolution texts are left out: they are the city's answer and name the agency ("The Police
Department responded ..."), which would leak the label. Rows whose agency has no Clive
counterpart (public health, taxis, consumer affairs: county or state business in Iowa; the
Mayor's general hotline) are left out of routing and counted.

Each text is routed with the topics rule's lexicon (``TopicLexicon.route``: the department with
the unique top score of at least 1, else none; none counts as a miss). Reported per set:
accuracy and macro-F1 over the gold departments, beside the majority-class anchor on the same
rows, and per-department precision / recall.

Off-topic false positives: every 311 text (all rows, also those left out of routing) is posted
as a comment on each department account under that department's sample post (below); they are
all city business, so every off-topic finding is a false positive. The same is done with the
benign comments of the synthetic corpus (``corpus.py``), whose accounts are mapped to
departments. Finally the speed of the whole engine is measured on that corpus with every
comment on a department account with a ``parent_text``, with and without the topics rule.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import corpus
from metrics import (
    Confusion,
    fmt_float,
    fmt_rate,
    markdown_table,
    ratio,
    require_clive_rules,
    shared_file,
    write_json,
)

NYC_AGENCIES: dict[str, str | None] = {
    "NYPD": "police",          # noise, parking, blocked driveways, encampments
    "HPD": "planning",         # housing code: heat and hot water, plumbing (rental inspection)
    "DOT": "public-works",     # street lights, potholes, sidewalks, traffic signals
    "DEP": "water",            # water and sewer (its construction-noise rows count as errors)
    "DPR": "parks",            # new tree requests
    "DOHMH": None,             # public health: the county's in Iowa
    "TLC": None,               # taxi commission: no city counterpart
    "DCA": None,               # consumer affairs: the state's
}
"""NYC agency -> Clive department (``None``: left out of routing)."""

BOSTON_SUBJECTS: dict[str, str | None] = {
    "Public Works Department": "public-works",
    "Transportation - Traffic Division": "public-works",  # signs, signals; also parking tickets
    "Inspectional Services": "planning",                  # building and housing inspection
    "Parks & Recreation Department": "parks",
    "Property Management": "public-works",                # graffiti on city property
    "Boston Water & Sewer Commission": "water",
    "Boston Police Department": "police",
    "Animal Control": "police",                           # a police division in Clive
    "Mayor's 24 Hour Hotline": None,                      # a general intake line
}
"""Boston subject -> Clive department (``None``: left out of routing)."""

SAMPLE_POSTS: dict[str, str] = {
    "parks": "Part of the Clive Greenbelt Trail near Walnut Creek will close April 6-17 for "
             "bridge repairs. Please follow the posted detour.",
    "aquatics": "The Clive Aquatic Center opens for the season Saturday, May 30! Season passes "
                "are on sale now.",
    "library": "Summer Reading kicks off June 1 for all ages. Sign up at the front desk or "
               "online and pick up your reading log!",
    "police": "Reminder: lock your vehicles and take your keys. We've had several thefts from "
              "unlocked cars this week.",
    "fire": "A burn ban is in effect until further notice due to dry conditions.",
    "public-works": "Snow plows are out on priority routes. Please keep vehicles off the street "
                    "until plows have made a full pass.",
    "water": "Water main break on NW 86th Street. Crews are on site; expect lane closures until "
             "about 6 p.m.",
    "planning": "The Planning and Zoning Commission will consider the rezoning request at its "
                "April 2 meeting.",
    "council": "The City Council will hold a public hearing on the FY2027 budget Thursday at "
               "6 p.m. at City Hall.",
    "city-manager": "City Manager's monthly update: road projects, the new fire station "
                    "timeline, and what's next in the budget process.",
    "finance": "Utility bills now include a new stormwater line item approved by Council.",
    "events": "Clive Festival returns to Campbell Recreation Area on June 20! Live music, food "
              "trucks and fireworks at dusk.",
}
"""One typical post per department account: what off-topic comments are judged against."""

UNROUTED = "(none)"


@dataclass
class RoutingSet:
    name: str
    texts: list[str]
    gold: list[str | None]
    left_out: Counter[str] = field(default_factory=Counter)


def load_nyc() -> RoutingSet:
    path = shared_file("civic/nyc311-900.csv")
    out = RoutingSet("NYC 311", [], [])
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            agency = row["agency"].strip()
            out.texts.append(f"{row['complaint_type']} {row['descriptor']}")
            out.gold.append(NYC_AGENCIES.get(agency))
            if out.gold[-1] is None:
                out.left_out[agency] += 1
    return out


def load_boston() -> RoutingSet:
    path = shared_file("civic/boston311-100.csv")
    out = RoutingSet("Boston 311", [], [])
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            subject = row["subject"].strip()
            out.texts.append(f"{row['case_title']} {row['type']}")
            out.gold.append(BOSTON_SUBJECTS.get(subject))
            if out.gold[-1] is None:
                out.left_out[subject] += 1
    return out


@dataclass
class Scores:
    rows: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, Confusion]


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Accuracy and macro-F1 over the gold classes (a prediction of another class is a miss)."""
    classes = sorted(set(gold))
    per_class = {c: Confusion.of([g == c for g in gold], [p == c for p in predicted])
                 for c in classes}
    correct = sum(g == p for g, p in zip(gold, predicted, strict=True))
    macro = sum(c.f1 for c in per_class.values()) / len(classes) if classes else 0.0
    return Scores(len(gold), ratio(correct, len(gold)), macro, per_class)


def evaluate_routing(routing_set: RoutingSet, route: Any, fold: Any) -> dict[str, Any]:
    pairs = [(t, g) for t, g in zip(routing_set.texts, routing_set.gold, strict=True) if g]
    gold = [g for _, g in pairs]
    start = time.perf_counter()
    predicted = [route(fold(t)) or UNROUTED for t, _ in pairs]
    seconds = time.perf_counter() - start
    majority = Counter(gold).most_common(1)[0][0]
    return {
        "set": routing_set.name,
        "left_out": dict(routing_set.left_out),
        "rule": score(gold, predicted),
        "majority": score(gold, [majority] * len(gold)),
        "majority_class": majority,
        "per_second": ratio(len(pairs), seconds),
        "confusions": Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p),
    }


def off_topic_rate(engine: Any, content_cls: Any, texts: Sequence[str]) -> tuple[int, int]:
    """(off-topic findings, items): each text on every department account under its post."""
    items = [content_cls(text=t, account=slug, parent_text=post)
             for t in texts for slug, post in SAMPLE_POSTS.items()]
    flagged = sum(any(f.clause == "12.4.D.8" for f in v.findings)
                  for v in engine.evaluate_many(items))
    return flagged, len(items)


def corpus_contents(content_cls: Any, n: int, seed: int) -> tuple[list[Any], list[str]]:
    """The synthetic corpus on department accounts, every comment with a parent post."""
    rng = random.Random(seed + 1)
    contents, categories = [], []
    for record in corpus.iter_records(n, seed):
        parent = record["parent_text"] or corpus.fill(rng.choice(corpus.POSTS), rng)
        contents.append(content_cls(text=record["text"], id=record["id"], kind=record["kind"],
                                    account=record["account"],  # a department slug
                                    parent_text=parent))
        categories.append(record["category"])
    return contents, categories


def best_rate(engine: Any, contents: Sequence[Any], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _verdict in engine.evaluate_many(contents):
            pass
        best = min(best, time.perf_counter() - start)
    return ratio(len(contents), best)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--n", type=int, default=20_000, help="synthetic comments (20000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    clive = require_clive_rules()
    from clive_rules.rules.topics import rule_from_config

    engine = clive.Engine.default()
    rule = rule_from_config(engine.config)
    fold = engine.normalizer.fold
    payload: dict[str, Any] = {"routing": [], "off_topic": {}, "speed": {}}

    print("## Routing: 311 text -> Clive department\n")
    rows = []
    sets = [load_nyc(), load_boston()]
    for routing_set in sets:
        result = evaluate_routing(routing_set, rule.lexicon.route, fold)
        mine, anchor = result["rule"], result["majority"]
        rows.append([routing_set.name, f"{mine.rows:,}", "topics rule",
                     fmt_float(mine.accuracy), fmt_float(mine.macro_f1),
                     fmt_rate(result["per_second"])])
        rows.append([routing_set.name, f"{anchor.rows:,}",
                     f"majority anchor ({result['majority_class']})",
                     fmt_float(anchor.accuracy), fmt_float(anchor.macro_f1), "-"])
        payload["routing"].append({
            "set": routing_set.name, "rows": mine.rows, "left_out": result["left_out"],
            "accuracy": mine.accuracy, "macro_f1": mine.macro_f1,
            "majority_accuracy": anchor.accuracy, "majority_macro_f1": anchor.macro_f1,
            "per_class": {c: k.to_dict() for c, k in mine.per_class.items()},
            "top_confusions": [[g, p, n] for (g, p), n in result["confusions"].most_common(8)],
        })
        result["detail"] = mine
    print(markdown_table(["set", "rows", "system", "accuracy", "macro-F1", "rows/s"], rows,
                         text_columns=(0, 2)))
    for entry in payload["routing"]:
        print(f"\n### {entry['set']}: per department (left out: "
              f"{', '.join(f'{k} {v}' for k, v in entry['left_out'].items()) or 'none'})\n")
        print(markdown_table(
            ["department", "gold rows", "precision", "recall", "F1"],
            [[c, str(k["tp"] + k["fn"]), fmt_float(k["precision"]), fmt_float(k["recall"]),
              fmt_float(k["f1"])] for c, k in entry["per_class"].items()]))
        if entry["top_confusions"]:
            print("\nmost frequent errors (gold -> routed): " + "; ".join(
                f"{g} -> {p} x{n}" for g, p, n in entry["top_confusions"]))

    print("\n## Off-topic false positives (every item below is on-topic)\n")
    only_topics = clive.Engine.from_rules([rule])
    off_rows = []
    for routing_set in sets:
        flagged, total = off_topic_rate(only_topics, clive.Content, routing_set.texts)
        off_rows.append([f"{routing_set.name} texts x 12 department posts", f"{total:,}",
                         str(flagged), f"{ratio(flagged, total):.2%}"])
        payload["off_topic"][routing_set.name] = {"items": total, "flagged": flagged}
    contents, categories = corpus_contents(clive.Content, args.n, args.seed)
    verdicts = list(only_topics.evaluate_many(contents))
    by_category: Counter[str] = Counter()
    totals = Counter(categories)
    routed = 0
    for verdict, category in zip(verdicts, categories, strict=True):
        clauses = {f.clause for f in verdict.findings}
        by_category[category] += "12.4.D.8" in clauses
        routed += "12.4.A.8" in clauses
    benign = by_category["benign"]
    off_rows.append([f"synthetic benign comments (corpus.py, n={args.n:,})",
                     f"{totals['benign']:,}", str(benign),
                     f"{ratio(benign, totals['benign']):.2%}"])
    print(markdown_table(["items", "count", "off-topic", "rate"], off_rows))
    print("\nOff-topic share by synthetic category (spam is off-topic by nature): " + ", ".join(
        f"{c} {ratio(by_category[c], totals[c]):.1%}" for c in sorted(totals)))
    print(f"Redirect recommendations on the synthetic corpus: {ratio(routed, len(verdicts)):.1%}"
          " (its accounts are assigned at random, so many comments belong elsewhere).")
    payload["off_topic"]["synthetic"] = {
        c: {"items": totals[c], "flagged": by_category[c]} for c in sorted(totals)}

    print("\n## Speed: whole engine, every comment on a department account with a post\n")
    without = clive.Engine(rules=[r for r in engine.rules if r.id != "topics"],
                           config=engine.config, policy=engine.policy)
    with_rate = best_rate(engine, contents)
    without_rate = best_rate(without, contents)
    texts = [fold(c.text) for c in contents]
    select = rule.prefilter.select
    assert select is not None
    start = time.perf_counter()
    selected = len(list(select(texts, contents)))
    select_us = (time.perf_counter() - start) / len(contents) * 1e6
    print(markdown_table(["engine", "comments/s"], [
        ["all rules", fmt_rate(with_rate)], ["all rules but topics", fmt_rate(without_rate)]]))
    print(f"\ntopics select: {select_us:.1f} us per comment; it picked {selected:,} of "
          f"{len(contents):,} comments for full evaluation.")
    payload["speed"] = {"all_rules_per_second": with_rate,
                        "without_topics_per_second": without_rate,
                        "select_us_per_comment": select_us, "selected": selected}
    if args.json:
        write_json(args.json, payload)


if __name__ == "__main__":
    main()
