"""``clive-rules serve`` over a real socket on 127.0.0.1: signatures, handshake, bad bodies."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from clive_rules import Content, Engine, PluginManager, Verdict, hookimpl
from clive_rules.serve import create_app

FB = Path(__file__).parents[1] / "plugins" / "clive-rules-facebook" / "tests" / "fixtures"
SIGNATURE = json.loads((FB / "webhook_signature_example.json").read_text())
HANDSHAKE = json.loads((FB / "webhook_verification_request.json").read_text())

pytest.importorskip("clive_rules_facebook", reason="pip install -e plugins/clive-rules-facebook")


class Observer:
    """A plugin that records the verdicts it is handed."""

    def __init__(self) -> None:
        self.seen: list[tuple[Content, Verdict]] = []

    @hookimpl
    def clive_verdict(self, content: Content, verdict: Verdict) -> None:
        self.seen.append((content, verdict))


class Broken:
    """An observer plugin that always raises: it must not break the server."""

    @hookimpl
    def clive_verdict(self, content: Content, verdict: Verdict) -> None:
        raise RuntimeError("observer down")


@contextlib.contextmanager
def running(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not uv.started:
            assert time.monotonic() < deadline, "server did not start"
            assert thread.is_alive(), "server thread died"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Observer, PluginManager]]:
    observer = Observer()
    manager = PluginManager.create(plugins=[observer, Broken()], environ={})
    engine = Engine.default(
        {"facebook": {"app_secret": SIGNATURE["app_secret"],
                      "verify_token": HANDSHAKE["configured_verify_token"]}},
        plugins=manager)
    with running(create_app(engine, environ={})) as base:
        yield base, observer, manager


def post(base: str, platform: str, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(f"{base}/webhooks/{platform}", content=body,
                      headers={"content-type": "application/json", **headers}, timeout=10)


def test_signed_delivery_is_evaluated_and_observed(
        server: tuple[str, Observer, PluginManager]) -> None:
    base, observer, manager = server
    body = (FB / SIGNATURE["body_file"]).read_bytes()
    before = len(observer.seen)
    response = post(base, "facebook", body, **{"X-Hub-Signature-256": SIGNATURE["header_value"]})
    assert response.status_code == 200
    [verdict] = response.json()["verdicts"]
    assert verdict["schema"] == 1 and verdict["id"] == "8675309123456789_1024768293847561"
    assert [c.id for c, _ in observer.seen[before:]] == [verdict["id"]]
    assert any(p.plugin.startswith("Broken") or "observer down" in str(p)
               for p in manager.problems)  # reported, and the request still succeeded


def test_bad_or_missing_signature_is_401_and_logged(
        server: tuple[str, Observer, PluginManager], caplog: pytest.LogCaptureFixture) -> None:
    base, observer, _ = server
    body = (FB / SIGNATURE["body_file"]).read_bytes()
    before = len(observer.seen)
    with caplog.at_level(logging.WARNING, logger="clive_rules.serve"):
        bad = post(base, "facebook", body,
                   **{"X-Hub-Signature-256": SIGNATURE["tampered_header_value"]})
        missing = post(base, "facebook", body)
        tampered = post(base, "facebook", body.replace(b"lazy", b"LAZY"),
                        **{"X-Hub-Signature-256": SIGNATURE["header_value"]})
    assert [r.status_code for r in (bad, missing, tampered)] == [401, 401, 401]
    assert len(observer.seen) == before
    assert sum("bad or missing signature" in r.getMessage() for r in caplog.records) == 3


def test_handshake(server: tuple[str, Observer, PluginManager]) -> None:
    base, _, _ = server
    ok = httpx.get(f"{base}/webhooks/facebook", params=HANDSHAKE["request"]["query"])
    assert (ok.status_code, ok.text) == (200, HANDSHAKE["expected_response"]["body"])
    wrong = httpx.get(f"{base}/webhooks/facebook", params=HANDSHAKE["mismatch_case"]["query"])
    assert wrong.status_code == 403


def sign(body: bytes) -> str:
    import hashlib
    import hmac

    key = SIGNATURE["app_secret"].encode()
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


NO_COMMENT_ID = {"object": "page", "entry": [
    {"id": "1", "changes": [{"field": "feed", "value": {"item": "comment", "message": "hi"}}]}]}


@pytest.mark.parametrize("body", [b"{not json", b'{"object": "page"}', b"[]",
                                  json.dumps(NO_COMMENT_ID).encode()])
def test_malformed_body_is_400_naming_the_problem(
        server: tuple[str, Observer, PluginManager], body: bytes) -> None:
    base, _, _ = server
    response = post(base, "facebook", body, **{"X-Hub-Signature-256": sign(body)})
    assert response.status_code == 400
    assert response.json()["error"].startswith("facebook payload:")


def test_unsigned_platform_and_server_survives(
        server: tuple[str, Observer, PluginManager]) -> None:
    pytest.importorskip("clive_rules_archive")
    base, _, _ = server
    body = b'{"text": "Make $500 a day from home, DM me", "id": "a1"}\n{"text": "hello"}\n'
    response = post(base, "archive", body, **{"content-type": "application/x-ndjson"})
    assert response.status_code == 200
    assert [v["id"] for v in response.json()["verdicts"]] == ["a1", None]
    assert httpx.post(f"{base}/webhooks/nextdoor", content=b"{}").status_code == 404
    health: Any = httpx.get(f"{base}/healthz").json()
    assert "facebook" in health["platforms"] and "archive" in health["platforms"]


def test_signed_platform_without_secret_refuses(caplog: pytest.LogCaptureFixture) -> None:
    engine = Engine.default(plugins=PluginManager.create(environ={}))
    with caplog.at_level(logging.WARNING, logger="clive_rules.serve"):
        app = create_app(engine, environ={})
    assert any("no app secret" in r.getMessage() for r in caplog.records)
    body = (FB / SIGNATURE["body_file"]).read_bytes()
    with running(app) as base:
        refused = post(base, "facebook", body,
                       **{"X-Hub-Signature-256": SIGNATURE["header_value"]})
    assert refused.status_code == 503


def test_secret_from_the_environment_and_from_a_plugin() -> None:
    class Vault:
        @hookimpl
        def clive_webhook_secret(self, platform: str, kind: str, config: Any) -> str | None:
            return SIGNATURE["app_secret"] if kind == "app_secret" else None

    body = (FB / SIGNATURE["body_file"]).read_bytes()
    header = {"X-Hub-Signature-256": SIGNATURE["header_value"]}
    env = {"CLIVE_RULES_FACEBOOK_APP_SECRET": SIGNATURE["app_secret"]}
    from_env = create_app(Engine.default(plugins=PluginManager.create(environ={})), environ=env)
    from_vault = create_app(Engine.default(plugins=PluginManager.create(
        plugins=[Vault()], environ={})), environ={})
    for app in (from_env, from_vault):
        with running(app) as base:
            assert post(base, "facebook", body, **header).status_code == 200
