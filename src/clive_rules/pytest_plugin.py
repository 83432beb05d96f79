"""The clive-rules pytest plugin: fixtures, and ``pytest --clive-coverage``.

Installed with clive-rules (entry point ``pytest11``, name ``clive_rules``); nothing of
clive-rules beyond this module is imported until a fixture or the coverage report needs it.

Fixtures
    ``clive_engine`` (session scope): :meth:`Engine.default <clive_rules.Engine.default>` with
    the project's configuration: the file given by ``--clive-config``, else by the ini option
    ``clive_rules_config`` (relative to the ini file), else by ``CLIVE_RULES_CONFIG``, else the
    defaults. Safe to use in ``@given`` tests: an engine holds no per-call state.
    ``clive_plugin_manager`` (function scope): a fresh
    :class:`~clive_rules.plugins.PluginManager` with the built-in plugins only, blind to
    installed plugins and to ``CLIVE_RULES_BLOCK_PLUGINS``, for testing a plugin on its own.

``--clive-coverage``
    After the tests, runs every strategy of :mod:`clive_rules.strategies` against the configured
    engine and prints, per item of 12.4.D, the rules that cover it, the share of generated
    violations caught and the share of benign comments left alone. The session fails when a
    clause has no rule, catches less than ``clive_min_catch`` (default 0.7), or flags more than
    ``clive_max_false_flags`` (default 0.05) of benign comments. ``clive_coverage_examples``
    (default 200) sets how many examples each strategy draws.

Opting out
    ``pytest -p no:clive_rules``, the ini option ``clive_rules_enabled = false``, or the
    environment variable ``CLIVE_RULES_PYTEST=0``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from clive_rules.engine import Engine
    from clive_rules.testing import CoverageReport

__all__ = ["ENABLE_ENV", "config_path", "engine_for"]

ENABLE_ENV = "CLIVE_RULES_PYTEST"
"""Environment variable: ``0`` (or ``false``, ``no``, ``off``) turns the plugin off."""

_REPORT: pytest.StashKey[CoverageReport | None] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ``--clive-*`` options and the ``clive_*`` ini options."""
    group = parser.getgroup("clive_rules", "clive-rules policy tests")
    group.addoption("--clive-config", dest="clive_config", default=None, metavar="PATH",
                    help="clive-rules configuration (TOML) for the clive_engine fixture and "
                         "--clive-coverage")
    group.addoption("--clive-coverage", dest="clive_coverage", action="store_true",
                    default=False,
                    help="after the tests, report how well the configured engine covers each "
                         "clause of 12.4.D, and fail when a clause falls short")
    parser.addini("clive_rules_config", "clive-rules configuration file (TOML), relative to "
                  "the ini file", default="")
    parser.addini("clive_rules_enabled", "set to false to turn the clive_rules plugin off",
                  type="bool", default=True)
    parser.addini("clive_min_catch", "least share of generated violations each clause must "
                  "catch under --clive-coverage", default="0.7")
    parser.addini("clive_max_false_flags", "largest share of benign comments a clause may "
                  "flag under --clive-coverage", default="0.05")
    parser.addini("clive_coverage_examples", "examples each strategy draws under "
                  "--clive-coverage", default="200")


def _enabled(config: pytest.Config) -> bool:
    if os.environ.get(ENABLE_ENV, "").strip().lower() in ("0", "false", "no", "off"):
        return False
    return bool(config.getini("clive_rules_enabled"))


def pytest_configure(config: pytest.Config) -> None:
    """Turn the plugin off when asked to; check the coverage thresholds early."""
    if not _enabled(config):
        if config.getoption("clive_coverage"):
            raise pytest.UsageError(
                f"--clive-coverage: the clive_rules plugin is turned off ({ENABLE_ENV} or "
                "clive_rules_enabled)")
        config.pluginmanager.unregister(sys.modules[__name__])
        return
    config.stash[_REPORT] = None
    from clive_rules import _pytest_fixtures  # the fixtures exist only while the plugin is on

    config.pluginmanager.register(_pytest_fixtures, "clive_rules-fixtures")
    if config.getoption("clive_coverage"):
        _thresholds(config)  # a bad value is a usage error before any test runs


def _number(config: pytest.Config, name: str, kind: type[float] | type[int]) -> float:
    raw = str(config.getini(name)).strip()
    try:
        value = kind(raw)
    except ValueError:
        raise pytest.UsageError(f"{name}: expected a number, got {raw!r}") from None
    if kind is float and not 0.0 <= value <= 1.0:
        raise pytest.UsageError(f"{name}: expected a share between 0 and 1, got {raw!r}")
    if kind is int and value < 1:
        raise pytest.UsageError(f"{name}: expected a positive count, got {raw!r}")
    return value


def _thresholds(config: pytest.Config) -> tuple[float, float, int]:
    return (_number(config, "clive_min_catch", float),
            _number(config, "clive_max_false_flags", float),
            int(_number(config, "clive_coverage_examples", int)))


def config_path(config: pytest.Config) -> Path | None:
    """The configuration file for this session: ``--clive-config``, else the ini option."""
    given = config.getoption("clive_config")
    if given:
        return Path(config.invocation_params.dir, given)
    ini = str(config.getini("clive_rules_config")).strip()
    if ini:
        base = config.inipath.parent if config.inipath is not None else config.rootpath
        return base / ini
    return None


def engine_for(config: pytest.Config) -> Engine:
    """:meth:`Engine.default <clive_rules.Engine.default>` with :func:`config_path`."""
    from clive_rules.engine import Engine

    return Engine.default(config_path(config))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under ``--clive-coverage``, measure coverage; fail the session when it falls short."""
    config = session.config
    if not config.getoption("clive_coverage") or hasattr(config, "workerinput"):
        return
    from clive_rules.testing import measure_coverage

    min_catch, max_false_flags, examples = _thresholds(config)
    report = measure_coverage(engine_for(config), examples=examples, min_catch=min_catch,
                              max_false_flags=max_false_flags)
    config.stash[_REPORT] = report
    if not report.ok and session.exitstatus in (pytest.ExitCode.OK,
                                                pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif report.ok and session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the coverage report and what fell short."""
    report = terminalreporter.config.stash.get(_REPORT, None)
    if report is None:
        return
    terminalreporter.write_sep("=", "clive-rules policy coverage (12.4.D)")
    terminalreporter.write_line(report.render(verbose=terminalreporter.config.get_verbosity() > 0))
    for line in report.failures():
        terminalreporter.write_line(f"FAILED {line}", red=True, bold=True)
