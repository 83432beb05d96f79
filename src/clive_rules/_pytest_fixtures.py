"""The fixtures of the clive_rules pytest plugin (see :mod:`clive_rules.pytest_plugin`).

A module of its own so that :func:`clive_rules.pytest_plugin.pytest_configure` registers them
only while the plugin is turned on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from clive_rules.engine import Engine
    from clive_rules.plugins import PluginManager


@pytest.fixture(scope="session")
def clive_engine(pytestconfig: pytest.Config) -> Engine:
    """The engine with the project's configuration (``--clive-config``, ``clive_rules_config``,
    ``CLIVE_RULES_CONFIG``, else the defaults); built once per session."""
    from clive_rules.pytest_plugin import engine_for

    return engine_for(pytestconfig)


@pytest.fixture
def clive_plugin_manager() -> PluginManager:
    """A fresh plugin manager with the built-in plugins only (no installed ones, no env)."""
    from clive_rules.plugins import PluginManager

    return PluginManager.create(entrypoints=False, environ={})
