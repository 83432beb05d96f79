"""Table-driven cases per clause of 12.4.D (tests/cases/*.toml), run through the default engine.

Each case says whether the clause must fire (``expect = "flag"``) or must not (``"allow"``), and
for positives, when it matters, the decision the whole verdict must reach.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from clive_rules import Content, Engine

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES_DIR = Path(__file__).parent / "cases"
CONTENT_KEYS = ("text", "kind", "account", "parent_text", "platform", "links")


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        clause = data["clause"]
        for number, case in enumerate(data["case"], start=1):
            # A case may name its own clause (with a note saying why), e.g. a resident's SSN
            # in the personal-information file is 12.4.D.4, not 12.4.D.7 (about employees).
            params.append(pytest.param(case.get("clause", clause), case,
                                       id=f"{path.stem}-{number}-{case['expect']}"))
    return params


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


@pytest.mark.parametrize(("clause", "case"), _load())
def test_case(engine: Engine, clause: str, case: dict[str, Any]) -> None:
    content = Content(**{k: case[k] for k in CONTENT_KEYS if k in case})
    verdict = engine.evaluate(content)
    shown = "\n".join(f"  {f.clause} {f.rule} {f.evidence!r}: {f.explanation}"
                      for f in verdict.findings)
    if case["expect"] == "flag":
        assert clause in verdict.clauses, f"{clause} did not fire on {case['text']!r}\n{shown}"
        if "decision" in case:
            assert verdict.decision.value == case["decision"], shown
    else:
        assert clause not in verdict.clauses, f"{clause} fired on {case['text']!r}\n{shown}"
        assert verdict.decision.value != "remove" or case.get("other_clause_ok"), shown
