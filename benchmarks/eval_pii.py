"""Span-level precision / recall / F1 of clive-rules' personal-information detection.

    python benchmarks/eval_pii.py [--json out.json]

Data: ``pii/presidio-synth-dev.json`` (1,000 Faker-filled sentences from presidio-research,
with character spans by entity type), read from the shared data directory.

Counted gold types, and the detector kinds matched against them: PHONE_NUMBER (phone),
EMAIL_ADDRESS (email), STREET_ADDRESS (address), US_SSN (ssn), CREDIT_CARD (card),
IP_ADDRESS (ip), IBAN_CODE (iban), US_DRIVER_LICENSE (licence). Other gold types (PERSON, GPE,
DATE_TIME, ...) are ignored, and so are the detector's other kinds (plate, dob).

Matching is by overlap: a predicted span is correct when it overlaps a gold span (of its own
type for the per-type rows, of any counted type for the overall row); a gold span is found when
some such predicted span overlaps it. Precision = correct predictions / predictions, recall =
found gold spans / gold spans, F1 their harmonic mean. One long predicted address that covers
the street, city and postcode fragments that the data labels separately finds all of them.

What is measured is the rule's detector (``PiiDetector.entities``), which finds personal
information whoever it belongs to; the rule then decides what each entity means on a city
account (an employee's, a member of the public's, the resident's own, the city's official
contact), which this data set cannot score. "rule fires" counts the sentences on which the
whole personal-information rule (through the engine, with the default roster) files a
finding.

Anchors on the same rows: a plain regex set (US-formatted phone, e-mail, dashed SSN, 16-digit
card, dotted IPv4), the kind of thing a hand-written filter starts with. Presidio's analyzer is
not run: it needs a spaCy model that cannot be downloaded here; issue 3 quotes it at about
F1 0.58 and 130 sentences/s on sentences of this kind.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from metrics import (
    Targets,
    fmt_float,
    fmt_rate,
    markdown_table,
    ratio,
    require_clive_rules,
    shared_file,
    timed,
    write_json,
)

COUNTED = {
    "PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email", "STREET_ADDRESS": "address",
    "US_SSN": "ssn", "CREDIT_CARD": "card", "IP_ADDRESS": "ip", "IBAN_CODE": "iban",
    "US_DRIVER_LICENSE": "licence",
}
KINDS = tuple(dict.fromkeys(COUNTED.values()))
Span = tuple[int, int, str]  # start, end, kind


@dataclass
class SpanCounts:
    """Overlap-matched span counts."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return ratio(2 * p * r, p + r)


@dataclass
class SpanResult:
    """One system's span counts overall and per kind, with its speed."""

    name: str
    seconds: float
    rows: int
    overall: SpanCounts = field(default_factory=SpanCounts)
    by_kind: dict[str, SpanCounts] = field(default_factory=dict)
    note: str = ""


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(name: str, gold: Sequence[list[Span]], predicted: Sequence[list[Span]],
                seconds: float, note: str = "") -> SpanResult:
    result = SpanResult(name, seconds, len(gold), note=note)
    for kind in KINDS:
        result.by_kind[kind] = SpanCounts()
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        pred_spans = [p for p in pred_spans if p[2] in KINDS]
        for counts, same_kind in ((result.overall, False), *(
                (result.by_kind[k], True) for k in KINDS)):
            if same_kind:
                kind = next(k for k, c in result.by_kind.items() if c is counts)
                g = [s for s in gold_spans if s[2] == kind]
                p = [s for s in pred_spans if s[2] == kind]
            else:
                g, p = gold_spans, pred_spans
            counts.gold += len(g)
            counts.predicted += len(p)
            counts.found += sum(1 for s in g if any(_overlaps(s, t) for t in p))
            counts.correct += sum(1 for t in p if any(_overlaps(s, t) for s in g))
    return result


def load() -> tuple[list[str], list[list[Span]]]:
    rows = json.loads(shared_file("pii/presidio-synth-dev.json").read_text("utf-8"))
    texts = [r["full_text"] for r in rows]
    gold = [[(s["start_position"], s["end_position"], COUNTED[s["entity_type"]])
             for s in r["spans"] if s["entity_type"] in COUNTED] for r in rows]
    return texts, gold


_PLAIN = [
    ("phone", re.compile(r"\(?\b\d{3}\)?[-. ]\d{3}[-.]\d{4}\b")),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")),
    ("ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("card", re.compile(r"\b(?:\d{4}[- ]?){3}\d{4}\b")),
    ("ip", re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")),
]


def plain_regex(text: str) -> list[Span]:
    return [(m.start(), m.end(), kind) for kind, rx in _PLAIN for m in rx.finditer(text)]


def run(name: str, fn: Callable[[str], Iterable[Span]], texts: Sequence[str],
        gold: Sequence[list[Span]], note: str = "") -> SpanResult:
    seconds, predicted = timed(lambda: [list(fn(t)) for t in texts])
    return score_spans(name, gold, predicted, seconds, note)


def table(results: Sequence[SpanResult]) -> str:
    headers = ["system", "type", "gold", "predicted", "precision", "recall", "F1", "rows/s"]
    rows = []
    for r in results:
        for kind, counts in [("overall", r.overall), *r.by_kind.items()]:
            if kind != "overall" and counts.gold == 0 and counts.predicted == 0:
                continue
            rows.append([r.name, kind, counts.gold, counts.predicted, fmt_float(counts.precision),
                         fmt_float(counts.recall), fmt_float(counts.f1),
                         fmt_rate(ratio(r.rows, r.seconds)) if kind == "overall" else ""])
    return markdown_table(headers, rows, text_columns=(0, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    clive_rules = require_clive_rules()
    from clive_rules.rules.personal_info import PiiDetector

    texts, gold = load()
    detector = PiiDetector()
    detector.entities("warm up 515-555-0100 1 Main St")

    def clive(text: str) -> list[Span]:
        return [(e.start, e.end, e.kind) for e in detector.entities(text)]

    results = [
        run("clive-rules PiiDetector", clive, texts, gold),
        run("plain regex anchor", plain_regex, texts, gold),
    ]
    print("## Personal information: presidio synthetic sentences (span level)\n")
    print(f"{len(texts):,} sentences, {sum(map(len, gold)):,} counted gold spans.\n")
    print(table(results))

    engine = clive_rules.Engine.default()
    contents = [clive_rules.Content(text=t) for t in texts]
    seconds, verdicts = timed(lambda: list(engine.evaluate_many(contents)))
    clauses = {"12.4.D.4", "12.4.D.7"}
    fired = [any(f.rule == "personal-info" and f.clause in clauses for f in v.findings)
             for v in verdicts]
    with_pii = [bool(g) for g in gold]
    both = sum(1 for f, g in zip(fired, with_pii, strict=True) if f and g)
    print(f"\nrule fires (engine, default config, {fmt_rate(ratio(len(texts), seconds))} rows/s): "
          f"{sum(fired):,} of {len(texts):,} sentences, {both:,} of the {sum(with_pii):,} "
          "with counted personal information (most are the writer's own details, which the "
          "rule leaves alone on purpose).")
    print("\npresidio analyzer: not run here (needs a spaCy model, which cannot be "
          "downloaded); issue 3 quotes F1 about 0.58 at about 130 sentences/s.")

    targets = Targets()
    f1 = results[0].overall.f1
    targets.check("PII overall F1 >= 0.85", f1 >= 0.85, f"F1 {f1:.3f}")
    print("\n" + targets.render())
    if args.json:
        write_json(args.json, {
            "results": [{"name": r.name, "rows": r.rows, "seconds": r.seconds,
                         "overall": vars(r.overall),
                         "by_kind": {k: vars(c) for k, c in r.by_kind.items()}}
                        for r in results],
            "rule_fires": sum(fired), "targets": targets.to_list()})


if __name__ == "__main__":
    main()
