"""Precision / recall / F1 of clive-rules and peers on labelled offensive-language data.

    python benchmarks/eval_offensive.py [--quick] [--json out.json] [--peers-only]

Data (read from the shared data directory, ``../shared/data`` beside the repository or
``$CLIVE_RULES_SHARED_DATA``; never copied into the repository):

* ``offensive/olid-train.tsv``: 13,240 tweets, positive = ``subtask_a`` OFF. Recall is also
  split by ``subtask_b``: UNT (untargeted swearing) vs TIN (targeted insult or threat).
* ``offensive/jigsaw-train-sample.csv``: 282 Wikipedia talk comments, positive = toxic or
  obscene or insult or identity_hate.

Systems: clive-rules profanity alone (a finding with clause 12.4.D.1), clive-rules offensive
(12.4.D.1, 12.4.D.2 or 12.4.D.3), clive-rules any clause (decision is not allow), and the peers
better-profanity, better-profanity-fast and alt-profanity-check. better-profanity runs at well
under 100 rows/s, so the full OLID run takes several minutes; ``--quick`` scores it on a fixed
seeded sample of 2,000 OLID rows instead (the table says so). Two diagnostics follow: where
better-profanity's extra OLID recall comes from (words outside every profanity tier, or not),
and what the offensive target would take (the rules' flags plus every tweet with a word of
insult or accusation). Targets print PASS/FAIL; the exit status is 0 whatever they say.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import peers
from metrics import (
    Scored,
    Targets,
    content_factory,
    fail,
    flagged_clauses,
    require_clive_rules,
    score,
    scored_table,
    shared_file,
    timed,
    write_json,
)

PROFANITY = "clive-rules profanity (12.4.D.1)"
OFFENSIVE = "clive-rules offensive (12.4.D.1-3)"
ANY_CLAUSE = "clive-rules any clause (not allow)"
OFFENSIVE_CLAUSES = frozenset({"12.4.D.1", "12.4.D.2", "12.4.D.3"})
QUICK_SAMPLE = 2_000
QUICK_SEED = 0
JIGSAW_POSITIVE = ("toxic", "obscene", "insult", "identity_hate")

csv.field_size_limit(1 << 24)


@dataclass
class Dataset:
    name: str
    ids: list[str]
    texts: list[str]
    gold: list[bool]
    groups: list[str]  # OLID: NOT / UNT / TIN; Jigsaw: NEG / POS
    recall_groups: tuple[str, ...] = ()


def load_olid(path: Path) -> Dataset:
    data = Dataset("OLID train", [], [], [], [], ("UNT", "TIN"))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            data.ids.append(row["id"])
            data.texts.append(row["tweet"])
            data.gold.append(row["subtask_a"] == "OFF")
            data.groups.append(row["subtask_b"] if row["subtask_a"] == "OFF" else "NOT")
    if not data.ids or not any(data.gold):
        fail(f"{path} has no OFF rows; is it the OLID training TSV?")
    return data


def load_jigsaw(path: Path) -> Dataset:
    data = Dataset("Jigsaw sample", [], [], [], [])
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            positive = any(row[label] == "1" for label in JIGSAW_POSITIVE)
            data.ids.append(row["id"])
            data.texts.append(row["comment_text"])
            data.gold.append(positive)
            data.groups.append("POS" if positive else "NEG")
    return data


def clive_systems(clive: ModuleType, data: Dataset) -> list[Scored]:
    """One evaluate_many pass over the set, scored three ways (sharing its time)."""
    engine = clive.Engine.default()
    build = content_factory(clive.Content)
    contents = [build({"id": i, "text": t}) for i, t in zip(data.ids, data.texts, strict=True)]
    seconds, verdicts = timed(lambda: list(engine.evaluate_many(contents)))
    if len(verdicts) != len(contents):
        fail(f"evaluate_many gave {len(verdicts)} verdicts for {len(contents)} contents")
    clauses = [flagged_clauses(v) for v in verdicts]
    rules: dict[str, list[bool]] = {
        PROFANITY: ["12.4.D.1" in c for c in clauses],
        OFFENSIVE: [bool(c & OFFENSIVE_CLAUSES) for c in clauses],
        ANY_CLAUSE: [v.decision != clive.Decision.ALLOW for v in verdicts],
    }
    everything = range(len(contents))
    note = "one evaluate_many pass"
    return [
        score(name, data.gold, everything, flags, seconds, data.groups, note)
        for name, flags in rules.items()
    ]


def peer_system(peer: peers.Peer, data: Dataset, indices: Sequence[int], note: str = "") -> Scored:
    texts = [data.texts[i] for i in indices]
    seconds, flags = timed(lambda: peer.flag(texts))
    return score(peer.name, data.gold, indices, flags, seconds, data.groups, note or peer.note)


def evaluate(
    data: Dataset,
    clive: ModuleType | None,
    loaded: dict[str, peers.Peer],
    bp_indices: Callable[[Dataset], tuple[Sequence[int], str]],
) -> list[Scored]:
    positives = sum(data.gold)
    print(f"\n## {data.name}: {len(data.gold):,} rows, {positives:,} positive", flush=True)
    results = clive_systems(clive, data) if clive is not None else []
    for peer in loaded.values():
        if peer.name == peers.BETTER_PROFANITY:
            indices, note = bp_indices(data)
            print(f"running better-profanity on {len(indices):,} rows (slow)...", flush=True)
        else:
            indices, note = range(len(data.gold)), ""
        results.append(peer_system(peer, data, indices, note))
    print()
    print(scored_table(results, data.recall_groups))
    return results


def explain_bp_gap(clive: ModuleType, data: Dataset) -> dict[str, Any]:
    """Where better-profanity's extra recall on OLID comes from.

    For the OFF rows better-profanity-fast flags and the profanity rule does not, the words of
    better-profanity's list in the row: a row flagged only for words that no tier of the
    profanity rule holds (``god``, ``stupid``, ``sex``, ``kill``: words issue 2 says are not
    profanity, or belong to other clauses) is recall the rule gives up on purpose.
    """
    from better_profanity import profanity
    from better_profanity_fast import Profanity

    from clive_rules.rules.profanity import WordTiers

    profanity.load_censor_words()
    listed = sorted({str(w) for w in profanity.CENSOR_WORDSET}, key=len, reverse=True)
    find = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in listed) + r")(?![a-z])")
    tiers = WordTiers.bundled()
    ours = tiers.severe | tiers.mild | tiers.name_like | tiers.stems | tiers.expletives
    engine = clive.Engine.default()
    build = content_factory(clive.Content)
    verdicts = engine.evaluate_many(
        build({"id": i, "text": t}) for i, t in zip(data.ids, data.texts, strict=True))
    fast = Profanity()  # type: ignore[no-untyped-call]
    gap = by_design = 0
    words: Counter[str] = Counter()
    for text, gold, verdict in zip(data.texts, data.gold, verdicts, strict=True):
        if not gold or "12.4.D.1" in flagged_clauses(verdict) or not fast.contains_profanity(text):
            continue
        gap += 1
        found = set(find.findall(text.lower()))
        if found and found.isdisjoint(ours):
            by_design += 1
            words.update(found)
    positives = sum(data.gold)
    print(f"\n## Where better-profanity's extra recall on OLID comes from\n\n"
          f"OFF rows better-profanity-fast flags and the profanity rule does not: {gap:,}; "
          f"flagged only for words outside every profanity tier: {by_design:,} "
          f"({by_design / max(gap, 1):.0%}), most often "
          + ", ".join(f"{w} ({n})" for w, n in words.most_common(12))
          + f". Matching all the other {gap - by_design:,} would add "
          f"{(gap - by_design) / positives:.3f} to the rule's recall.")
    return {"gap_rows": gap, "outside_tiers": by_design,
            "top_words": dict(words.most_common(25))}


# Every word of insult or accusation a tweet may use of anyone: what the offensive target would
# take (see insult_ceiling). Not a rule: most of these are protected criticism in a city's thread.
INSULTS = (
    "liars?", "hypocrites?", "bigots?", "cowards?", "traitors?", "frauds?", "disgrace",
    "disgusting", "pathetic", "evil", "scum", "trash", "garbage", "idiots?", "idiotic", "morons?",
    "moronic", "stupid", "dumb", "clowns?", "losers?", "fools?", "nuts", "crazy", "insane", "sick",
    "vile", "lying", "disgraceful", "shameful", "treasonous", "corrupt", "criminals?", "thugs?",
    "terrorists?", "fascists?", "commies?", "libtards?", "retards?",
)
INSULT_WORDS = re.compile(r"\b(?:" + "|".join(INSULTS) + r")\b", re.IGNORECASE)


def insult_ceiling(clive: ModuleType, data: Dataset) -> dict[str, Any]:
    """What the offensive target (F1 > 0.60, precision >= 0.75) would take: the rules' flags
    together with every row holding an insult or accusation word (INSULT_WORDS), whoever it is
    aimed at ("the council is corrupt", "this budget is stupid" included)."""
    engine = clive.Engine.default()
    build = content_factory(clive.Content)
    verdicts = engine.evaluate_many(
        build({"id": i, "text": t}) for i, t in zip(data.ids, data.texts, strict=True))
    flags = [bool(flagged_clauses(v) & OFFENSIVE_CLAUSES) or INSULT_WORDS.search(t) is not None
             for t, v in zip(data.texts, verdicts, strict=True)]
    result = score("offensive + every insult word", data.gold, range(len(flags)), flags, 0.0,
                   data.groups, "")
    counts = result.counts
    print(f"\n## What the offensive target would take\n\n"
          f"Flagging, besides what the rules flag, every tweet with a word of insult or "
          f"accusation, whoever it is aimed at (stupid, corrupt, liar, pathetic, disgusting, "
          f"crazy, ...: {len(INSULTS)} words), gives precision "
          f"{counts.precision:.3f}, recall {counts.recall:.3f}, F1 {counts.f1:.3f}. That would "
          f"hold 'the council is corrupt' and 'this budget is stupid', which this policy "
          f"protects as criticism, and still miss the precision the target asks for.")
    return {"precision": counts.precision, "recall": counts.recall, "f1": counts.f1}


def check_targets(olid: Sequence[Scored], quick: bool) -> Targets:
    by_name = {r.name: r for r in olid}
    targets = Targets()
    prof, off, bp = by_name[PROFANITY], by_name[OFFENSIVE], by_name[peers.BETTER_PROFANITY]
    targets.check(
        "OLID profanity alone: precision >= 0.80",
        prof.counts.precision >= 0.80,
        f"{prof.counts.precision:.3f}",
    )
    targets.check(
        "OLID profanity alone: recall > better-profanity's"
        + (" (its recall estimated on the --quick sample)" if quick else ""),
        prof.counts.recall > bp.counts.recall,
        f"{prof.counts.recall:.3f} vs {bp.counts.recall:.3f}",
    )
    targets.check(
        "OLID offensive: F1 > 0.60 with precision >= 0.75",
        off.counts.f1 > 0.60 and off.counts.precision >= 0.75,
        f"F1 {off.counts.f1:.3f}, precision {off.counts.precision:.3f}",
    )
    return targets


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"score better-profanity on a fixed {QUICK_SAMPLE:,}-row OLID sample",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--peers-only", action="store_true", help="skip clive-rules")
    args = parser.parse_args(argv)

    clive = None if args.peers_only else require_clive_rules()
    olid = load_olid(shared_file("offensive/olid-train.tsv"))
    jigsaw = load_jigsaw(shared_file("offensive/jigsaw-train-sample.csv"))
    loaded = peers.load_peers(
        [peers.BETTER_PROFANITY, peers.BETTER_PROFANITY_FAST, peers.ALT_PROFANITY_CHECK]
    )

    def bp_indices(data: Dataset) -> tuple[Sequence[int], str]:
        if not args.quick or len(data.gold) <= QUICK_SAMPLE:
            return range(len(data.gold)), "all rows"
        sample = sorted(random.Random(QUICK_SEED).sample(range(len(data.gold)), QUICK_SAMPLE))
        return sample, f"--quick: seeded sample of {QUICK_SAMPLE:,} rows"

    report: dict[str, Any] = {"quick": args.quick}
    olid_results: list[Scored] = []
    for data in (olid, jigsaw):
        results = evaluate(data, clive, loaded, bp_indices)
        olid_results = olid_results or results
        report[data.name] = {
            "rows": len(data.gold),
            "positives": sum(data.gold),
            "systems": [r.to_dict() for r in results],
        }
    if clive is not None:
        report["better_profanity_gap"] = explain_bp_gap(clive, olid)
        report["insult_ceiling"] = insult_ceiling(clive, olid)
        targets = check_targets(olid_results, args.quick)
        report["targets"] = targets.to_list()
        print("\n## Targets (OLID)\n")
        print(targets.render())
    if args.json:
        write_json(args.json, report)


if __name__ == "__main__":
    main()
