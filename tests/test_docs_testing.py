"""docs/testing.md runs as it stands: every Python block, as a city application's tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clive_rules import Engine
from clive_rules.testing import assert_allows

pytest_plugins = ["pytester"]

PAGE = Path(__file__).resolve().parents[1] / "docs" / "testing.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE.read_text("utf-8"), re.DOTALL)


def test_every_python_block_of_the_testing_guide_runs_and_passes(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("CLIVE_RULES_CONFIG", "CLIVE_RULES_BLOCK_PLUGINS", "CLIVE_RULES_PYTEST"):
        monkeypatch.delenv(name, raising=False)
    blocks = _blocks("python")
    assert len(blocks) >= 5
    pytester.makepyfile(**{f"test_doc_{i}": block for i, block in enumerate(blocks)})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    tests = sum(block.count("\ndef test_") + block.startswith("def test_") for block in blocks)
    result.assert_outcomes(passed=tests)


def test_the_failure_message_shown_in_the_guide_is_the_real_one() -> None:
    shown = next(b for b in _blocks("text") if b.startswith("AssertionError: expected allow"))
    with pytest.raises(AssertionError) as failure:
        assert_allows(Engine.default(), "This fucking roundabout")
    assert f"AssertionError: {failure.value}\n" == shown
