"""Every public name is documented: a docstring, and its module on the API page."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import clive_rules

ROOT = Path(__file__).resolve().parents[1]
API_PAGE = ROOT / "docs" / "api.md"
# Modules that are entry points or internals rather than API: the CLI modules (documented by
# their --help and the quick start), migrations, the pytest and hypothesis hooks.
NOT_API = re.compile(
    r"(^|\.)(_[a-z]\w*|cli|__main__|migrations|pytest_plugin|data|plugin)(\.|$)|^rules$")
# (clive_rules.rules only re-exports clive_rules.rules.base, which the page documents.)


def _public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(clive_rules.__path__, "clive_rules."):
        if not NOT_API.search(info.name.removeprefix("clive_rules.")):
            names.append(info.name)
    return sorted(names)


def _documented_modules() -> set[str]:
    return set(re.findall(r"automodule:: ([\w.]+)", API_PAGE.read_text("utf-8")))


def test_every_public_module_is_on_the_api_page() -> None:
    documented = _documented_modules()
    missing = [m for m in _public_modules()
               if m not in documented and not any(m.startswith(d + ".") for d in documented)]
    assert not missing, f"add these modules to docs/api.md: {missing}"


@pytest.mark.parametrize("module_name", sorted(_documented_modules()))
def test_every_public_name_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert (module.__doc__ or "").strip(), f"{module_name} has no module docstring"
    undocumented = []
    for name in getattr(module, "__all__", ()):
        obj = getattr(module, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if not (obj.__doc__ or "").strip():
            undocumented.append(name)
        if inspect.isclass(obj):
            for attr, value in vars(obj).items():
                if attr.startswith("_") or not inspect.isfunction(value):
                    continue
                if not (value.__doc__ or "").strip():
                    undocumented.append(f"{name}.{attr}")
    assert not undocumented, f"{module_name}: no docstring for {undocumented}"
