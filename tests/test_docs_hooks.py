"""Every hook is documented in docs/plugins.md, under a heading with its signature."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from clive_rules import hookspecs

DOC = Path(__file__).parents[1] / "docs" / "plugins.md"


def hook_signatures() -> list[str]:
    out = []
    for name, function in inspect.getmembers(hookspecs, inspect.isfunction):
        if name.startswith("clive_") and hasattr(function, f"{hookspecs.PROJECT}_spec"):
            params = ", ".join(inspect.signature(function).parameters)
            out.append(f"{name}({params})")
    return out


def test_the_hooks_are_found() -> None:
    assert {"clive_register_rules(config)", "clive_register_connectors(config)",
            "clive_verdict(content, verdict)"} <= set(hook_signatures())


@pytest.mark.parametrize("signature", hook_signatures())
def test_hook_is_documented(signature: str) -> None:
    headings = re.findall(r"^#{2,4} `([^`]+)`\s*$", DOC.read_text(encoding="utf-8"), re.M)
    assert signature in headings, f"docs/plugins.md has no section '### `{signature}`'"


@pytest.mark.parametrize("signature", hook_signatures())
def test_hookspec_docstring_says_firstresult_historic_and_version(signature: str) -> None:
    function = getattr(hookspecs, signature.split("(")[0])
    doc = inspect.getdoc(function) or ""
    assert "firstresult" in doc and "historic" in doc and "versionadded" in doc
    for name in inspect.signature(function).parameters:
        assert f":param {name}:" in doc, f"{signature}: no :param {name}:"
