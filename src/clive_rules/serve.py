"""Webhook intake: ``clive-rules serve``, an ASGI app (Starlette under uvicorn).

One route per installed connector, ``/webhooks/<platform>``:

``POST``
    a platform's delivery. Where the platform signs deliveries (Facebook and Instagram:
    ``X-Hub-Signature-256``) the signature is checked against the raw body with the app secret
    (from a ``clive_webhook_secret`` plugin, the connector's configuration section, or
    ``CLIVE_RULES_<PLATFORM>_APP_SECRET``): a bad or missing one is refused with 401 and logged,
    and a platform that signs but has no secret configured is refused with 503. The body is
    parsed by the connector (a malformed one gets 400 naming the field), evaluated, and every
    verdict goes to the ``clive_verdict`` observers; the answer is 200 with the verdicts.
``GET``
    the subscription handshake (Meta's ``hub.mode``/``hub.verify_token``/``hub.challenge``):
    the challenge is echoed when the token matches, else 403.

``GET /healthz`` lists the platforms. Nothing a client sends can stop the server: a connector
that fails unexpectedly is logged with its platform and answered with 500.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from clive_rules.errors import CliveRulesError

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from clive_rules.connectors import Connector
    from clive_rules.engine import Engine

__all__ = ["MAX_BODY", "create_app", "serve"]

log = logging.getLogger("clive_rules.serve")

MAX_BODY = 5 * 1024 * 1024
"""The largest delivery accepted, in bytes (Meta batches at most 1000 changes)."""


def create_app(engine: Engine, *, environ: Mapping[str, str] | None = None) -> Starlette:
    """The ASGI app serving a webhook route for each connector the engine's plugins provide.

    :param engine: evaluates deliveries; its plugin manager supplies connectors and observers.
    :param environ: where connectors read secrets not in the configuration (``os.environ``).
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    plugins = engine.plugins
    connectors = plugins.connectors(engine.config) if plugins is not None else {}

    def secret(connector: Connector, kind: str) -> str | None:
        platform = connector.platform
        found = plugins.webhook_secret(platform, kind, engine.config) if plugins else None
        own = getattr(connector, "secret", None)
        return found or (own(kind, environ) if callable(own) else None)

    for platform, connector in connectors.items():
        if getattr(connector, "signed", False) and not secret(connector, "app_secret"):
            log.warning("webhooks for %s are refused: no app secret (set [%s] app_secret or "
                        "CLIVE_RULES_%s_APP_SECRET)", platform, platform, platform.upper())

    def make_endpoint(connector: Connector) -> Any:
        platform = connector.platform

        async def endpoint(request: Request) -> Response:
            if request.method == "GET":
                handshake = getattr(connector, "handshake", None)
                query = dict(request.query_params)
                answer = handshake(query, secret(connector, "verify_token")) if handshake else None
                if answer is None:
                    log.warning("%s: refused a subscription handshake from %s", platform,
                                request.client.host if request.client else "?")
                    return PlainTextResponse("verification failed", status_code=403)
                return PlainTextResponse(answer)
            body = await request.body()
            if len(body) > MAX_BODY:
                return JSONResponse({"error": "body too large"}, status_code=413)
            if getattr(connector, "signed", False):
                key = secret(connector, "app_secret")
                if not key:
                    log.error("%s: delivery refused: no app secret configured", platform)
                    return JSONResponse({"error": "no app secret configured"}, status_code=503)
                if not connector.verify_signature(body, request.headers, key):  # type: ignore[attr-defined]
                    log.warning("%s: delivery refused: bad or missing signature (from %s)",
                                platform, request.client.host if request.client else "?")
                    return JSONResponse({"error": "bad signature"}, status_code=401)
            content_type = request.headers.get("content-type", "application/json")
            try:
                parse_body = getattr(connector, "parse_body", None)
                if callable(parse_body):
                    contents = parse_body(body, content_type)
                else:
                    contents = connector.parse(json.loads(body))
            except (CliveRulesError, ValueError, UnicodeDecodeError) as exc:
                log.info("%s: malformed delivery: %s", platform, exc)
                return JSONResponse({"error": str(exc)}, status_code=400)
            except Exception:
                log.exception("%s: the connector failed on a delivery", platform)
                return JSONResponse({"error": "connector failed"}, status_code=500)
            try:
                verdicts = await run_in_threadpool(lambda: list(engine.evaluate_many(contents)))
            except Exception:
                log.exception("%s: evaluation failed", platform)
                return JSONResponse({"error": "evaluation failed"}, status_code=500)
            return JSONResponse({"platform": platform,
                                 "verdicts": [v.to_dict() for v in verdicts]})

        return endpoint

    async def healthz(request: Request) -> Response:
        return JSONResponse({"platforms": sorted(connectors)})

    routes = [Route("/healthz", healthz, methods=["GET"])]
    routes += [Route(f"/webhooks/{platform}", make_endpoint(connector), methods=["GET", "POST"])
               for platform, connector in connectors.items()]
    return Starlette(routes=routes)


@click.command()
@click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
              envvar="CLIVE_RULES_CONFIG", help="TOML configuration file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(config: str | None, host: str, port: int) -> None:
    """Receive platform webhooks on /webhooks/<platform>, evaluate and notify observers."""
    import uvicorn

    from clive_rules.cli import load_engine

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    engine = load_engine(config)
    try:
        app = create_app(engine)
    except CliveRulesError as exc:
        from clive_rules.cli import fail

        fail(str(exc))
    uvicorn.run(app, host=host, port=port, log_level="info")
