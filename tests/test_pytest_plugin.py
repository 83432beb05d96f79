"""The pytest plugin, run from outside as a city application would run it (pytester)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

THREE_LINES = """
from clive_rules.testing import assert_allows, assert_flags

def test_policy(clive_engine):
    assert_flags(clive_engine, "Who the fuck approved this roundabout?", "12.4.D.1")
    assert_allows(clive_engine, "The mayor is a liar and should resign.")
"""

# Loose thresholds, so that only the clause this test breaks can fail the report.
INI = """
[pytest]
clive_rules_config = clive.toml
clive_min_catch = 0.5
clive_max_false_flags = 0.2
clive_coverage_examples = 40
"""


@pytest.fixture
def city_app(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    for name in ("CLIVE_RULES_CONFIG", "CLIVE_RULES_BLOCK_PLUGINS", "CLIVE_RULES_PYTEST",
                 "PYTEST_ADDOPTS"):
        monkeypatch.delenv(name, raising=False)
    pytester.makeini(INI)
    pytester.path.joinpath("clive.toml").write_text("[profanity]\nallow = []\n")
    pytester.makepyfile(test_city=THREE_LINES)
    return pytester


def test_a_three_line_test_passes_with_the_installed_plugin(city_app: pytest.Pytester) -> None:
    result = city_app.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_assertion_failures_show_the_verdict_and_findings(city_app: pytest.Pytester) -> None:
    city_app.makepyfile(test_city="""
from clive_rules.testing import assert_allows

def test_policy(clive_engine):
    assert_allows(clive_engine, "This fucking roundabout")
""")
    result = city_app.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*expected allow*", "*verdict: remove (12.4.D.1)*",
                                 "*12.4.D.1 [[]profanity[]] remove*'fucking'*"])


def test_coverage_passes_then_fails_naming_the_clause_a_config_breaks(
    city_app: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-coverage")
    good.assert_outcomes(passed=1)
    good.stdout.fnmatch_lines(["*clive-rules policy coverage*", "12.4.D.1 *profanity*ok"])
    assert good.ret == 0

    # A configuration that removes the profanity rule's words...
    city_app.path.joinpath("clive.toml").write_text(
        '[profanity]\nallow = ["fuck", "fucking", "motherfucking", "shit", "shitty", '
        '"bullshit", "horseshit", "assholes", "shitheads", "dickheads"]\n')
    broken = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-coverage",
                                           "-k", "nothing")
    broken.stdout.fnmatch_lines(
        ["FAILED 12.4.D.1 (*): caught 0% of generated violations, under clive_min_catch*"])
    assert broken.ret == 1

    # ... or a blocked plugin.
    city_app.path.joinpath("clive.toml").write_text("")
    monkeypatch.setenv("CLIVE_RULES_BLOCK_PLUGINS", "clive_rules.rules.solicitation")
    blocked = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-coverage")
    blocked.stdout.fnmatch_lines(["FAILED 12.4.D.6 (*): caught *, under clive_min_catch*"])
    assert "FAILED 12.4.D.1" not in blocked.stdout.str()
    assert blocked.ret == 1


def test_a_clause_without_any_rule_is_named(
    city_app: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIVE_RULES_BLOCK_PLUGINS", "clive_rules.rules.chat")
    result = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-coverage")
    result.stdout.fnmatch_lines(["12.4.D.10 *NO RULE*FAIL", "FAILED 12.4.D.10 *no rule covers it"])
    assert result.ret == 1


@pytest.mark.parametrize("how", ["-p no:clive_rules", "env", "ini"])
def test_the_plugin_can_be_turned_off(
    city_app: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    args = ["-p", "no:cacheprovider"]
    if how == "env":
        monkeypatch.setenv("CLIVE_RULES_PYTEST", "0")
    elif how == "ini":
        city_app.makeini(INI + "clive_rules_enabled = false\n")
    else:
        city_app.makeini("[pytest]\n")  # its ini options are unknown without the plugin
        args += ["-p", "no:clive_rules"]
    result = city_app.runpytest_subprocess(*args)
    result.stdout.fnmatch_lines(["*fixture 'clive_engine' not found*"])


def test_a_bad_threshold_is_a_usage_error(city_app: pytest.Pytester) -> None:
    city_app.makeini(INI.replace("clive_min_catch = 0.5", "clive_min_catch = most"))
    result = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-coverage")
    result.stderr.fnmatch_lines(["*clive_min_catch: expected a number, got 'most'*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_the_clive_config_option_wins_over_the_ini(city_app: pytest.Pytester) -> None:
    city_app.path.joinpath("other.toml").write_text('[profanity]\nallow = ["fuck"]\n')
    result = city_app.runpytest_subprocess("-p", "no:cacheprovider", "--clive-config",
                                           "other.toml")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*12.4.D.1 did not flag this content*"])
