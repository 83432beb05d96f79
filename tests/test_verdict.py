"""Verdicts: the JSON shape of CONTRACT.md and its round trip."""

from __future__ import annotations

import json

import pytest

from clive_rules import Action, ActionKind, Decision, Finding, Verdict
from clive_rules.verdict import VerdictFormatError


def _verdict() -> Verdict:
    findings = (
        Finding(clause="12.4.D.1", rule="profanity", start=5, end=9, evidence="f*ck",
                confidence=0.7, explanation="Censored profanity.", decision=Decision.REVIEW,
                category="masked"),
        Finding(clause="12.4.A.8", rule="routing", start=0, end=0, evidence="",
                confidence=0.6, explanation="A library question.", decision=Decision.ALLOW,
                target="library"),
    )
    actions = (Action(ActionKind.HOLD_FOR_REVIEW, ("12.4.D.1",), "Censored profanity."),
               Action(ActionKind.REDIRECT, ("12.4.A.8",), "A library question.", "library"))
    return Verdict("c1", Decision.REVIEW, findings, actions, "article-xii/1")


def test_contract_shape() -> None:
    data = _verdict().to_dict()
    assert data["schema"] == 1
    assert data["id"] == "c1"
    assert data["decision"] == "review"
    assert data["clauses"] == ["12.4.D.1", "12.4.A.8"]
    assert set(data["findings"][0]) >= {"clause", "rule", "start", "end", "evidence",
                                        "confidence", "explanation"}
    assert data["actions"][1] == {"kind": "redirect", "clauses": ["12.4.A.8"],
                                  "reason": "A library question.", "target": "library"}


def test_round_trip_through_json() -> None:
    verdict = _verdict()
    assert Verdict.from_dict(json.loads(json.dumps(verdict.to_dict()))) == verdict


def test_other_schemas_are_refused() -> None:
    data = _verdict().to_dict()
    data["schema"] = 2
    with pytest.raises(VerdictFormatError, match="unsupported verdict schema 2"):
        Verdict.from_dict(data)
    with pytest.raises(VerdictFormatError, match="bad verdict document"):
        Verdict.from_dict({"schema": 1, "id": "x"})


@pytest.mark.parametrize(("start", "end", "confidence"), [(3, 2, 0.5), (-1, 2, 0.5), (0, 1, 1.5)])
def test_findings_check_their_span_and_confidence(start: int, end: int, confidence: float) -> None:
    with pytest.raises(ValueError, match=r"span|confidence"):
        Finding(clause="12.4.D.1", rule="r", start=start, end=end, evidence="",
                confidence=confidence, explanation="")


def test_decisions_order_by_severity() -> None:
    assert Decision.most_severe([Decision.REVIEW, Decision.REMOVE, Decision.ALLOW]) is \
        Decision.REMOVE
    assert Decision.most_severe([]) is Decision.ALLOW
    assert Decision.least_severe(Decision.REMOVE, Decision.REVIEW) is Decision.REVIEW
