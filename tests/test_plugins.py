"""The plugin system: hooks, the manager facade, connectors, and a third-party plugin end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from clive_rules import (
    Config,
    Content,
    Engine,
    Finding,
    PluginError,
    PluginManager,
    hookimpl,
)
from clive_rules.cli import main
from clive_rules.connectors import (
    ApiRequest,
    ConnectorBase,
    Node,
    PayloadError,
    SendError,
    UnknownPlatformError,
    connector_for,
    html_text,
    send_requests,
)
from clive_rules.rules import Prefilter, Subject

ROOT = Path(__file__).parents[1]
PLUGINS = ROOT / "plugins"
EXAMPLE = PLUGINS / "clive-rules-example"


class Fake(ConnectorBase):
    """A minimal connector for tests."""

    def __init__(self, platform: str) -> None:
        self.name = platform

    @property  # type: ignore[override]
    def platform(self) -> str:
        return self.name

    def parse(self, payload: Any) -> list[Content]:
        return [Content(text=Node.root(self.name, payload).text("body"))]


class Provides:
    def __init__(self, *platforms: str) -> None:
        self.platforms = platforms

    @hookimpl
    def clive_register_connectors(self, config: Config) -> list[Fake]:
        return [Fake(p) for p in self.platforms]


class Raises:
    @hookimpl
    def clive_register_connectors(self, config: Config) -> list[Fake]:
        raise RuntimeError("connector plugin is broken")

    @hookimpl
    def clive_register_rules(self, config: Config) -> list[Any]:
        raise KeyError("rule plugin is broken")


def config() -> Config:
    return Config.build({})


# -- connectors through the facade ---------------------------------------------------------------


def test_connectors_by_platform_and_a_raising_plugin_is_reported() -> None:
    pm = PluginManager.create(builtins=False, entrypoints=False,
                              plugins=[Provides("one", "two"), Raises()], environ={})
    assert sorted(pm.connectors(config())) == ["one", "two"]
    [problem] = pm.problems
    assert "Raises" in problem.plugin and "connector plugin is broken" in str(problem)


def test_two_connectors_for_one_platform_are_refused_naming_both() -> None:
    first, second = Provides("town"), Provides("town")
    pm = PluginManager(trace=False)
    pm.register(first, name="first-plugin")
    pm.register(second, name="second-plugin")
    with pytest.raises(PluginError) as info:
        pm.connectors(config())
    message = str(info.value)
    assert "'town'" in message and "first-plugin" in message and "second-plugin" in message


def test_an_object_that_is_not_a_connector_is_refused() -> None:
    class Bad:
        @hookimpl
        def clive_register_connectors(self, config: Config) -> list[object]:
            return [object()]

    pm = PluginManager(trace=False)
    pm.register(Bad(), name="bad-plugin")
    with pytest.raises(PluginError, match=r"plugin 'bad-plugin': connector .* no platform name"):
        pm.connectors(config())


def test_webhook_secret_is_first_result_and_skips_a_raising_plugin() -> None:
    class Boom:
        @hookimpl
        def clive_webhook_secret(self, platform: str, kind: str, config: Config) -> str:
            raise OSError("vault unreachable")

    class Vault:
        @hookimpl
        def clive_webhook_secret(self, platform: str, kind: str, config: Config) -> str | None:
            return f"{platform}-{kind}" if platform == "facebook" else None

    pm = PluginManager(trace=False)
    pm.register(Vault(), name="vault")
    pm.register(Boom(), name="boom")  # registered last: asked first
    assert pm.webhook_secret("facebook", "app_secret", config()) == "facebook-app_secret"
    assert pm.webhook_secret("x", "app_secret", config()) is None
    assert [p.plugin for p in pm.problems] == ["boom", "boom"]


# -- rules through plugins -----------------------------------------------------------------------


class NoClause:
    id = "no-clause"
    clauses: tuple[str, ...] = ()
    kinds = None
    prefilter = Prefilter(re.compile("x"))

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        return ()


def test_a_rule_citing_no_clause_is_refused_naming_the_plugin() -> None:
    class Registers:
        @hookimpl
        def clive_register_rules(self, config: Config) -> list[NoClause]:
            return [NoClause()]

    pm = PluginManager.create(builtins=False, entrypoints=False, environ={})
    pm.register(Registers(), name="sloppy-rules")
    with pytest.raises(PluginError,
                       match="plugin 'sloppy-rules': rule 'no-clause' cites no clause"):
        Engine.default(plugins=pm)


def test_a_raising_rule_plugin_does_not_take_the_engine_down() -> None:
    pm = PluginManager.create(entrypoints=False, plugins=[Raises()], environ={})
    engine = Engine.default(plugins=pm)
    assert engine.rules  # the built-in rules are still there
    assert any("rule plugin is broken" in str(p) for p in pm.problems)


# -- environment variables -----------------------------------------------------------------------


def test_block_env_blocks_builtin_and_entry_point_plugins() -> None:
    pytest.importorskip("clive_rules_facebook")
    everything = PluginManager.create(environ={})
    assert "clive_rules.rules.profanity" in everything.names()
    assert "facebook" in everything.connectors(config_with(everything))
    blocked = PluginManager.create(
        environ={"CLIVE_RULES_BLOCK_PLUGINS": "clive_rules.rules.profanity, facebook"})
    assert "clive_rules.rules.profanity" not in blocked.names()
    assert "facebook" not in blocked.names()
    engine = Engine.default(plugins=blocked)
    assert "profanity" not in {r.id for r in engine.rules}
    with pytest.raises(UnknownPlatformError, match="no connector for platform 'facebook'"):
        connector_for(engine, "facebook")


def config_with(pm: PluginManager) -> Config:
    return Engine.default(plugins=pm).config


def test_trace_env_prints_hook_calls(capsys: pytest.CaptureFixture[str]) -> None:
    pm = PluginManager.create(entrypoints=False, environ={"CLIVE_RULES_TRACE": "1"})
    Engine.default(plugins=pm)
    err = capsys.readouterr().err
    assert "clive_register_rules" in err and "clive_rules.rules.profanity" in err
    quiet = PluginManager.create(entrypoints=False, environ={"CLIVE_RULES_TRACE": "0"})
    Engine.default(plugins=quiet)
    assert capsys.readouterr().err == ""


# -- the shared connector helpers ----------------------------------------------------------------


def test_node_names_the_path_of_what_is_missing() -> None:
    root = Node.root("demo", {"a": [{"b": {"c": 1}}, {"b": {}}]})
    first, second = root.nodes("a")
    assert first.node("b").text("c") == "1"
    with pytest.raises(PayloadError, match=r"demo payload: a\[1\]\.b\.c: is missing"):
        second.node("b").text("c")
    with pytest.raises(PayloadError, match=r"demo payload: a\[0\]\.b: expected a list"):
        first.nodes("b")
    with pytest.raises(PayloadError, match=r"demo payload: \(top level\): expected an object"):
        Node.root("demo", [1]).text("x")


def test_html_text_keeps_hidden_url_parts_and_skips_mentions() -> None:
    got = html_text('<p><a class="u-url mention" href="https://m/@a">@a</a> hi &amp; '
                    '<a href="https://x.example/p"><span class="invisible">https://</span>'
                    'x.example/p</a></p><p>line<br>two</p>')
    assert got.text == "@a hi & https://x.example/p\n\nline\ntwo"
    assert got.links == ("https://x.example/p",)


def test_send_uses_the_injected_client_and_stops_at_a_refusal() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(400 if request.url.path.endswith("/bad") else 200,
                              json={"success": True})

    requests = [
        ApiRequest("POST", "/c1", "hide c1", "remove", params={"is_hidden": "true"},
                   base_url="https://graph.example/v1"),
        ApiRequest("PUT", "/2/tweets/9/hidden", "hide 9", "remove", json={"hidden": True},
                   base_url="https://api.example"),
        ApiRequest("DELETE", "/bad", "delete bad", "remove", base_url="https://api.example"),
        ApiRequest("DELETE", "/never", "never sent", "remove", base_url="https://api.example"),
    ]
    with httpx.Client(transport=httpx.MockTransport(handler),
                      headers={"Authorization": "Bearer t"}) as client:
        with pytest.raises(SendError, match=re.escape(
                "delete bad: DELETE https://api.example/bad answered 400")):
            send_requests(requests, client)
        assert send_requests(requests[:2], client)[1].json() == {"success": True}
    first, second, third = seen[:3]
    assert (first.method, str(first.url)) == ("POST", "https://graph.example/v1/c1?is_hidden=true")
    assert first.headers["authorization"] == "Bearer t"
    assert (second.method, json.loads(second.content)) == ("PUT", {"hidden": True})
    assert third.method == "DELETE" and len(seen) == 5


# -- the command line ----------------------------------------------------------------------------


def test_scan_platform_reads_raw_payloads() -> None:
    pytest.importorskip("clive_rules_facebook")
    fixture = PLUGINS / "clive-rules-facebook" / "tests" / "fixtures"
    result = CliRunner().invoke(main, ["scan", "--platform", "facebook", "--format", "jsonl",
                                       str(fixture / "webhook_feed_batch_two_entries.json")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["8675309123456789_1099887766554433",
                                       "5550123987654321_2038475610293847"]
    assert rows[0]["decision"] == "remove" and rows[1]["decision"] == "allow"
    assert set(rows[0]) >= {"schema", "id", "decision", "clauses", "findings", "actions"}
    lines = "\n".join([json.dumps(json.loads((fixture / "webhook_feed_post_add.json").read_text())),
                       '{"object": "page"}', ""])
    mixed = CliRunner().invoke(main, ["scan", "--platform", "facebook", "--format", "jsonl", "-"],
                               input=lines)
    assert mixed.exit_code == 2
    assert "record 2: facebook payload: entry: is missing" in mixed.stderr


def test_scan_unknown_platform_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["scan", "--platform", "nextdoor", "-"], input="{}\n")
    assert result.exit_code == 2
    assert "no connector for platform 'nextdoor'" in result.stderr


# -- a third-party plugin, installed, end to end -------------------------------------------------


def run_cli(args: list[str], stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from clive_rules.cli import main; main()", *args],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False)


def test_an_installed_third_party_plugin_adds_a_platform_and_a_rule(tmp_path: Path) -> None:
    """pip-installs plugins/clive-rules-example (offline: --no-index, --no-deps) into a fresh
    directory and runs ``clive-rules scan --platform townhall`` with it on the path."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "CLIVE_RULES_BLOCK_PLUGINS", "CLIVE_RULES_CONFIG")}
    payload = json.dumps({
        "thread": {"id": "t-17", "title": "Pool hours"},
        "replies": [
            {"reply_id": "r-1", "member": {"id": "m-9"},
             "body": "Please sign our petition to keep the pool open late!"},
            {"reply_id": "r-2", "member": {"id": "m-3"}, "body": "Thanks for the update."}]})
    before = run_cli(["scan", "--platform", "townhall", "-"], payload + "\n", env)
    assert before.returncode == 2 and "no connector for platform 'townhall'" in before.stderr

    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(site), str(EXAMPLE)],
        capture_output=True, text=True, timeout=300, check=False)
    assert install.returncode == 0, install.stderr
    assert list(site.glob("clive_rules_example-*.dist-info"))

    after = run_cli(["scan", "--platform", "townhall", "--format", "jsonl", "-"],
                    payload + "\n", {**env, "PYTHONPATH": str(site)})
    assert after.returncode == 0, after.stderr
    first, second = (json.loads(line) for line in after.stdout.splitlines())
    assert (first["id"], first["decision"], first["clauses"]) == ("r-1", "review", ["12.4.D.6"])
    assert "example.petition" in {f["rule"] for f in first["findings"]}
    assert (second["id"], second["decision"]) == ("r-2", "allow")


