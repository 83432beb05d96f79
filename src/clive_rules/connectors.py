"""Platform connectors: payloads in, content out; verdicts in, API requests out.

A connector is the bridge between one platform and the engine. It is provided by a plugin
(hook ``clive_register_connectors``) and does three things:

1. :meth:`Connector.parse` maps the platform's own payload (a webhook delivery, an API response)
   into :class:`~clive_rules.content.Content` items: ids, author, parent post, text, links, media,
   tags and timestamps. A payload that does not have the platform's shape raises
   :class:`PayloadError` naming the missing field (``entry[0].changes[0].value.message``).
2. :meth:`Connector.actions_for` turns a verdict's recommended actions into concrete
   :class:`ApiRequest` values (method, URL path, parameters, JSON body), built but not sent.
3. :meth:`Connector.send` sends them through an HTTP client the caller injects (an
   :class:`httpx.Client` carrying the city's credentials), so nothing here holds a token.

:class:`ConnectorBase` gives a connector ``send``, ``actions_for`` (dispatching each action to
``requests_for``), webhook verification defaults and ``parse_body``, and
:class:`MetaConnectorBase` adds Meta's signed deliveries and handshake; :class:`Node` gives the
field access with error paths, and :func:`html_text`, :func:`meta_signature_ok` and
:func:`meta_handshake` are shared by several connectors.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import html.parser
import json as _json
import os
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

import attrs

from clive_rules.content import Content
from clive_rules.errors import CliveRulesError
from clive_rules.verdict import Action, Verdict

if TYPE_CHECKING:
    import httpx

    from clive_rules.engine import Engine
    from clive_rules.io import Record

__all__ = [
    "ApiRequest",
    "Connector",
    "ConnectorBase",
    "HtmlText",
    "MetaConnectorBase",
    "Node",
    "PayloadError",
    "SendError",
    "UnknownPlatformError",
    "check_connector",
    "connector_for",
    "html_text",
    "meta_handshake",
    "meta_signature_ok",
    "payload_records",
    "send_requests",
]


class PayloadError(CliveRulesError, ValueError):
    """A payload does not have the platform's shape; :attr:`field` is the path of the field."""

    def __init__(self, platform: str, field: str, message: str = "is missing") -> None:
        super().__init__(f"{platform} payload: {field or '(top level)'}: {message}")
        self.platform = platform
        self.field = field
        self.message = message


class SendError(CliveRulesError):
    """A platform refused a request (or could not be reached); says which request and why."""


class UnknownPlatformError(CliveRulesError):
    """No installed connector handles the platform asked for."""


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return types.MappingProxyType(dict(value or {}))


@attrs.frozen
class ApiRequest:
    """One platform API request, built but not sent.

    :ivar method: the HTTP method (``GET``, ``POST``, ``PUT``, ``DELETE``).
    :ivar path: the URL path, relative to :attr:`base_url` (``/{comment-id}``).
    :ivar description: one line saying what it does and why, for the record and the operator.
    :ivar action: the verdict action it carries out (an :class:`ActionKind` value).
    :ivar params: query parameters.
    :ivar json: the JSON body, or ``None`` for none.
    :ivar headers: extra headers the platform needs (never credentials: the client holds them).
    :ivar base_url: the API's base URL (``https://graph.facebook.com/v25.0``); empty when the
        injected client has its own ``base_url``.
    """

    method: str
    path: str
    description: str
    action: str
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    json: Any = attrs.field(default=None, hash=False)
    headers: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    base_url: str = ""

    @property
    def url(self) -> str:
        """The full URL (without the query string)."""
        return self.base_url.rstrip("/") + self.path if self.base_url else self.path

    @property
    def effect(self) -> str:
        """What the request does, whatever it was built for: two requests with the same effect
        are sent once."""
        return _json.dumps([self.method, self.url, dict(self.params), self.json],
                           sort_keys=True, default=str)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, e.g. for a moderation record or a dry run."""
        out: dict[str, Any] = {"method": self.method, "url": self.url, "action": self.action,
                               "description": self.description}
        if self.params:
            out["params"] = dict(self.params)
        if self.json is not None:
            out["json"] = self.json
        if self.headers:
            out["headers"] = dict(self.headers)
        return out


@runtime_checkable
class Connector(Protocol):
    """What a platform connector provides (see the module docstring)."""

    @property
    def platform(self) -> str:
        """The platform's name, e.g. ``"facebook"``; one connector per platform."""
        ...  # pragma: no cover

    def parse(self, payload: Any) -> list[Content]:
        """The content items of one payload (several for a batched delivery)."""
        ...  # pragma: no cover

    def actions_for(self, verdict: Verdict, content: Content) -> list[ApiRequest]:
        """The API requests that carry out the verdict's actions on this item."""
        ...  # pragma: no cover

    def send(self, requests: Sequence[ApiRequest], client: httpx.Client) -> list[httpx.Response]:
        """Send the requests in order through ``client``; :class:`SendError` on a refusal."""
        ...  # pragma: no cover


def check_connector(connector: object) -> str:
    """The connector's platform name; raises :class:`TypeError` when it is not a connector."""
    platform = getattr(connector, "platform", None)
    if not isinstance(platform, str) or not platform.strip():
        raise TypeError(f"connector {connector!r} has no platform name")
    for name in ("parse", "actions_for", "send"):
        if not callable(getattr(connector, name, None)):
            raise TypeError(f"connector for {platform!r} has no {name}() method")
    return platform


# -- field access --------------------------------------------------------------------------------


@attrs.frozen
class Node:
    """A value inside a payload that knows its path, so a missing field is named exactly.

    ``Node.root("facebook", payload).nodes("entry")[0].text("id")`` returns the id, or raises
    :class:`PayloadError` saying ``facebook payload: entry[0].id: is missing``.

    :ivar platform: the platform, for error messages.
    :ivar value: the JSON value here.
    :ivar path: where it is in the payload (empty at the top).
    """

    platform: str
    value: Any = attrs.field(eq=False, hash=False)
    path: str = ""

    @classmethod
    def root(cls, platform: str, payload: Any) -> Node:
        """The top of a payload."""
        return cls(platform, payload)

    def error(self, key: str | None = None, message: str = "is missing") -> PayloadError:
        """A :class:`PayloadError` for ``key`` under this node (or this node itself)."""
        return PayloadError(self.platform, self._join(key) if key is not None else self.path,
                            message)

    def _join(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def _mapping(self) -> Mapping[str, Any]:
        if not isinstance(self.value, Mapping):
            raise self.error(None, f"expected an object, got {_type(self.value)}")
        return self.value

    def has(self, key: str) -> bool:
        """Whether this object has ``key`` with a value other than null."""
        return isinstance(self.value, Mapping) and self.value.get(key) is not None

    def opt_node(self, key: str) -> Node | None:
        """The child ``key``, or ``None`` when it is missing or null."""
        value = self._mapping().get(key)
        return None if value is None else Node(self.platform, value, self._join(key))

    def node(self, key: str) -> Node:
        """The child ``key``; :class:`PayloadError` when it is missing."""
        child = self.opt_node(key)
        if child is None:
            raise self.error(key)
        return child

    def opt_text(self, key: str) -> str | None:
        """The string (or number, as a string) at ``key``, or ``None`` when missing."""
        child = self.opt_node(key)
        if child is None:
            return None
        value = child.value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise child.error(None, f"expected a string, got {_type(value)}")
        return str(value)

    def text(self, key: str) -> str:
        """The string at ``key``; :class:`PayloadError` when it is missing."""
        value = self.opt_text(key)
        if value is None:
            raise self.error(key)
        return value

    def items(self) -> list[Node]:
        """This list's elements; :class:`PayloadError` when this is not a list."""
        if not isinstance(self.value, list):
            raise self.error(None, f"expected a list, got {_type(self.value)}")
        return [Node(self.platform, v, self._join(i)) for i, v in enumerate(self.value)]

    def nodes(self, key: str) -> list[Node]:
        """The elements of the list at ``key``; :class:`PayloadError` when it is missing."""
        return self.node(key).items()

    def opt_nodes(self, key: str) -> list[Node]:
        """The elements of the list at ``key``; empty when it is missing."""
        child = self.opt_node(key)
        return [] if child is None else child.items()


def _type(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(
        type(value), type(value).__name__)


# -- HTML ----------------------------------------------------------------------------------------


@attrs.frozen
class HtmlText:
    """Plain text of an HTML fragment and the links in it.

    :ivar text: the text, tags removed, entities decoded, paragraphs and ``<br>`` as newlines.
    :ivar links: ``href`` of each anchor that is not a mention or hashtag, in order, once each.
    """

    text: str
    links: tuple[str, ...]


class _Stripper(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag == "a":
            found = dict(attrs_)
            href = found.get("href")
            classes = (found.get("class") or "").split()
            if href and "mention" not in classes and "hashtag" not in classes:
                self.links.append(href)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(fragment: str) -> HtmlText:
    """The plain text and the links of an HTML fragment (Mastodon ``content``, YouTube
    ``textDisplay``). Text hidden with CSS (Mastodon's ``invisible`` URL parts) is kept, so a
    shortened URL reads in full."""
    parser = _Stripper()
    parser.feed(fragment)
    parser.close()
    text = html.unescape("".join(parser.parts)).strip()
    return HtmlText(text, tuple(dict.fromkeys(parser.links)))


# -- Meta webhooks (Facebook, Instagram) ---------------------------------------------------------


def meta_signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """Whether ``header`` (``X-Hub-Signature-256``) is ``sha256=`` + the HMAC-SHA256 of the raw
    ``body`` keyed with the app secret; compared in constant time."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256="):].strip().lower())


def meta_handshake(query: Mapping[str, str], verify_token: str | None) -> str | None:
    """The ``hub.challenge`` to echo when the subscription handshake's token matches, else
    ``None`` (a missing configured token never matches)."""
    if not verify_token or query.get("hub.mode") != "subscribe":
        return None
    given = query.get("hub.verify_token", "")
    if not hmac.compare_digest(given.encode("utf-8"), verify_token.encode("utf-8")):
        return None
    return query.get("hub.challenge")


# -- the shared base class -----------------------------------------------------------------------


class ConnectorBase:
    """Shared behaviour for connectors; subclasses set :attr:`platform` and implement
    :meth:`parse` and :meth:`requests_for`.

    Webhook intake (``clive-rules serve``) uses :attr:`signed`, :meth:`verify_signature` and
    :meth:`handshake`; by default a platform does not sign its deliveries and has no handshake.
    """

    platform: ClassVar[str] = ""
    signed: ClassVar[bool] = False
    """Whether deliveries carry a signature that must be checked with the app secret."""

    def parse(self, payload: Any) -> list[Content]:  # pragma: no cover - abstract
        """The content items of one payload."""
        raise NotImplementedError

    def parse_body(self, body: bytes, content_type: str = "application/json") -> list[Content]:
        """The content items of a raw request body (JSON by default)."""
        try:
            payload = _json.loads(body)
        except (UnicodeDecodeError, ValueError) as exc:
            raise PayloadError(self.platform, "", f"not valid JSON: {exc}") from None
        return self.parse(payload)

    def requests_for(self, action: Action, content: Content) -> Iterable[ApiRequest]:
        """The requests for one action; none when the platform's API cannot do it."""
        return ()

    def actions_for(self, verdict: Verdict, content: Content) -> list[ApiRequest]:
        """The requests for every action of the verdict, each effect once, in order."""
        if verdict.actions and content.id is None:
            raise PayloadError(self.platform, "id", "is needed to act on the content")
        out: list[ApiRequest] = []
        seen: set[str] = set()
        for action in verdict.actions:
            for request in self.requests_for(action, content):
                if request.effect not in seen:  # remove and hold both hide: hide once
                    seen.add(request.effect)
                    out.append(request)
        return out

    def send(self, requests: Sequence[ApiRequest], client: httpx.Client) -> list[httpx.Response]:
        """Send through ``client`` (see :func:`send_requests`)."""
        return send_requests(requests, client)

    def verify_signature(self, body: bytes, headers: Mapping[str, str], secret: str) -> bool:
        """Whether a delivery's signature is good (always true for an unsigned platform)."""
        return True

    def handshake(self, query: Mapping[str, str], verify_token: str | None) -> str | None:
        """The body to answer a subscription handshake with, or ``None`` to refuse it."""
        return None

    def secret(self, kind: str, environ: Mapping[str, str] | None = None) -> str | None:
        """The connector's own secret of this ``kind`` (``app_secret``, ``verify_token``): its
        configured value, else the environment variable ``CLIVE_RULES_<PLATFORM>_<KIND>``."""
        value = getattr(self, kind, None)
        if isinstance(value, str) and value:
            return value
        env = os.environ if environ is None else environ
        return env.get(f"CLIVE_RULES_{self.platform.upper()}_{kind.upper()}") or None


class MetaConnectorBase(ConnectorBase):
    """:class:`ConnectorBase` for Meta's platforms (Facebook Pages, Instagram): deliveries are
    signed with the app secret (``X-Hub-Signature-256``, :func:`meta_signature_ok`) and the
    subscription handshake echoes ``hub.challenge`` (:func:`meta_handshake`)."""

    signed: ClassVar[bool] = True

    def verify_signature(self, body: bytes, headers: Mapping[str, str], secret: str) -> bool:
        """Check ``X-Hub-Signature-256`` against the raw body and the app secret."""
        return meta_signature_ok(secret, body, headers.get("x-hub-signature-256"))

    def handshake(self, query: Mapping[str, str], verify_token: str | None) -> str | None:
        """Echo ``hub.challenge`` when ``hub.verify_token`` matches."""
        return meta_handshake(query, verify_token)


def send_requests(requests: Sequence[ApiRequest], client: httpx.Client) -> list[httpx.Response]:
    """Send each request in order through ``client``; stop at the first that fails.

    The client carries the credentials (an ``Authorization`` header or an ``access_token``
    parameter) and, optionally, a ``base_url``.

    :raises SendError: naming the request when the platform answers 4xx/5xx or cannot be reached.
    """
    import httpx

    responses: list[httpx.Response] = []
    for request in requests:
        try:
            response = client.request(
                request.method, request.url, params=dict(request.params) or None,
                json=request.json, headers=dict(request.headers) or None,
            )
        except httpx.HTTPError as exc:
            raise SendError(f"{request.description}: {type(exc).__name__}: {exc}") from None
        if response.status_code >= 400:
            raise SendError(f"{request.description}: {request.method} {request.url} answered "
                            f"{response.status_code}: {response.text[:200]}")
        responses.append(response)
    return responses


def connector_for(engine: Engine, platform: str) -> Connector:
    """The installed connector for ``platform``.

    :raises UnknownPlatformError: listing the installed platforms when none handles it.
    """
    plugins = engine.plugins
    connectors = plugins.connectors(engine.config) if plugins is not None else {}
    found = connectors.get(platform)
    if found is None:
        known = ", ".join(sorted(connectors)) or "none"
        problems = "; ".join(str(p) for p in plugins.problems) if plugins is not None else ""
        raise UnknownPlatformError(
            f"no connector for platform {platform!r} (installed: {known})"
            + (f"; plugin problems: {problems}" if problems else ""))
    return found


def payload_records(stream: IO[bytes], connector: Connector) -> Iterator[Record]:
    """Records from a stream of the platform's raw payloads, one JSON document per line.

    A stream whose first line is a lone ``{`` or ``[`` is one pretty-printed document (an API
    response saved to a file). Every content item of a payload becomes a record numbered after
    the payload's line; a payload that cannot be read becomes one record with the error.
    """
    from clive_rules.io import Record

    first = stream.readline()
    if first.strip() in (b"{", b"["):
        documents: Iterable[tuple[int, bytes]] = [(1, first + stream.read())]
    else:
        documents = _lines(first, stream)
    number = 0
    for _, raw in documents:
        if not raw.strip():
            continue
        number += 1
        try:
            payload = _json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            yield Record(number, error=f"not valid JSON: {exc}")
            continue
        try:
            contents = connector.parse(payload)
        except CliveRulesError as exc:
            yield Record(number, error=str(exc))
            continue
        for content in contents:
            yield Record(number, content=content)


def _lines(first: bytes, stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    yield 1, first
    yield from enumerate(stream, start=2)
