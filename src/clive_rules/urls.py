"""Finding URLs and bare domain names in text, with the Public Suffix List.

People rarely type ``https://``: spam says ``bit.ly/x``, ``shop.example.com`` or
``WWW.DEALS.COM``. A regular expression alone cannot tell ``shop.example.com`` from ``end.Then``
or ``file.txt``; the Public Suffix List can (``com`` is a public suffix, ``then`` and ``txt`` are
not). :func:`find_urls` finds candidates with a pattern and keeps a bare name only when
`tldextract <https://github.com/john-kurkowski/tldextract>`_, using the suffix list bundled with
the package (never the network), says it ends in a real public suffix.

Spans are in the ORIGINAL text. Nothing is built at import: the extractor is made on first use
and cached (it is immutable once built).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import tldextract

    from clive_rules.config import Config

__all__ = [
    "BARE_SUFFIXES", "RESERVED_SUFFIXES", "Url", "domain_matches", "find_urls", "is_city_domain",
    "parse_url", "urls_of",
]

RESERVED_SUFFIXES: tuple[str, ...] = ("example",)
"""Top-level names reserved for documentation (RFC 2606), treated as public suffixes so that
examples and test data (``shop.example``) read as the domains they stand for."""

BARE_SUFFIXES: frozenset[str] = frozenset((
    "com", "org", "net", "edu", "gov", "mil", "us", "io", "co", "ly", "me", "info", "biz", "tv",
    "uk", "ca", "de", "fr", "au", "in", "ru", "pl", "be", "nl", "es", "se", "br", "app", "dev",
    "site", "online", "store", "shop", "club", "live", "gl", "gd", "cc", "ws", "to", "fm", "gg",
    "xyz", "ai", "example",
))
"""Last labels a name written without ``http://``, ``www.`` or a path may end in. Other
suffixes (``.how``, ``.now``, ``.it``) too often follow a full stop typed without a space
("Wife.how", "end.now") to count without one of those."""

# Label characters: letters and digits of any script, and inner hyphens.
_LABEL = r"[^\W_](?:[^\W_]|-){0,62}"
_CANDIDATE = re.compile(
    r"(?<![\w@.\-/])"
    r"(?:(?P<scheme>[a-z][a-z0-9+.\-]{1,15}://)|(?P<www>www\d{0,3}\.))?"
    rf"(?P<host>(?:{_LABEL}\.)+{_LABEL}|(?<=://){_LABEL})"
    r"(?::(?P<port>\d{1,5}))?"
    r"(?P<path>[/?#][^\s<>\"'`{}|\\^\u200b-\u200f\u2060\ufeff]*)?",
    re.IGNORECASE,
)
# What every URL holds: a scheme, "www", or a dot before two letters (the start of a suffix).
_HINT = re.compile(r"://|[wW][wW][wW]|\.[^\W\d_]{2}")
_TOKEN = re.compile(r"\S+")
_TRAILING = ".,;:!?'\"*_~"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


@attrs.frozen
class Url:
    """A URL or domain name found in a text or attached to a content item.

    :ivar text: the URL as written (trailing punctuation left out).
    :ivar start: where it starts in the original text (``0`` for an attached link).
    :ivar end: where it ends in the original text (``0`` for an attached link).
    :ivar registered_domain: the domain under its public suffix, lower case
        (``example.com`` for ``https://shop.example.com/x``); empty for an IP address or a host
        without a known suffix.
    :ivar host: the whole host name, lower case (``shop.example.com``).
    :ivar path: what follows the host and port (``/x?y=1``), maybe empty.
    :ivar explicit: whether it was written with a scheme or ``www.``.
    :ivar attached: whether it came from :attr:`Content.links` rather than the text.
    """

    text: str
    start: int
    end: int
    registered_domain: str
    host: str
    path: str = ""
    explicit: bool = False
    attached: bool = False


@functools.cache
def _extractor() -> tldextract.TLDExtract:
    """The suffix-list extractor: bundled snapshot only, no cache directory, no network."""
    import tldextract

    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True,
        extra_suffixes=RESERVED_SUFFIXES,
    )


@functools.lru_cache(maxsize=4096)
def _split(host: str) -> tuple[str, str]:
    """(domain label, public suffix) of a lower-case host name."""
    parts = _extractor()(host, include_psl_private_domains=False)
    return parts.domain, parts.suffix


def _trim(text: str) -> str:
    """``text`` without trailing punctuation and unbalanced closing brackets."""
    while text:
        last = text[-1]
        unbalanced = last in _CLOSERS and text.count(last) > text.count(_CLOSERS[last])
        if last in _TRAILING or unbalanced:
            text = text[:-1]
        else:
            break
    return text


def _looks_like_sentence_break(host_text: str) -> bool:
    """``end.Then``, ``here.It``: a full stop between words, not a domain."""
    last = host_text.rsplit(".", 1)[-1]
    return last[:1].isupper() and not last.isupper() and not host_text.isupper()


def _build(match: re.Match[str], offset: int = 0, attached: bool = False) -> Url | None:
    explicit = bool(match.group("scheme") or match.group("www"))
    host_text = match.group("host")
    host = ((match.group("www") or "") + host_text).lower()
    path = _trim(match.group("path") or "")
    domain, suffix = _split(host)
    if not explicit:
        # A bare name must end in a real public suffix, with a name under it, and not read as
        # two sentences run together.
        if not suffix or not domain or (not path and _looks_like_sentence_break(host_text)):
            return None
        if not path and suffix.rsplit(".", 1)[-1] not in BARE_SUFFIXES:
            return None
        if host_text.replace(".", "").isdigit():
            return None
    start = match.start() + offset
    if path:
        end = match.start("path") + len(path) + offset
    else:
        end = match.end("port") if match.group("port") else match.end("host")
        end += offset
        host_text = _trim(host_text)
    text = match.string[start - offset:end - offset]
    registered = f"{domain}.{suffix}".lower() if domain and suffix else ""
    return Url(text=text, start=0 if attached else start, end=0 if attached else end,
               registered_domain=registered, host=host.rstrip("."), path=path,
               explicit=explicit, attached=attached)


def find_urls(text: str) -> tuple[Url, ...]:
    """Every URL and bare domain name in ``text``, in order, with spans in ``text``.

    Finds ``https://x.org/a``, ``www.x.org``, ``shop.example.com`` and ``bit.ly/x``; skips
    ``end.Then``, ``file.txt``, ``3.14`` and the domain part of an e-mail address.
    """
    if "." not in text and "://" not in text:
        return ()
    hints = [m.start() for m in _HINT.finditer(text)]
    if not hints:
        return ()
    # A URL never holds white space and always holds a hint, so the candidate pattern (slow:
    # it tries a host name at every word) runs only over the runs of non-space characters
    # that hold a hint. Searching text[a:b] with pos/endpos sees the same characters around
    # each match as searching the whole text, so it finds the same URLs.
    out: list[Url] = []
    next_hint = 0
    for token in _TOKEN.finditer(text):
        a, b = token.span()
        while next_hint < len(hints) and hints[next_hint] < a:
            next_hint += 1
        if next_hint == len(hints):
            break
        if hints[next_hint] >= b:
            continue
        for match in _CANDIDATE.finditer(text, a, b):
            url = _build(match)
            if url is not None:
                out.append(url)
    return tuple(out)


def parse_url(link: str) -> Url | None:
    """One attached link (``Content.links``) as a :class:`Url` with an empty span."""
    match = _CANDIDATE.search(link.strip())
    if match is None:
        return None
    url = _build(match, attached=True)
    if url is None:
        return None
    return attrs.evolve(url, text=link.strip())


def urls_of(text: str, links: Iterable[str] = ()) -> tuple[Url, ...]:
    """The URLs in ``text`` followed by those of the attached ``links``."""
    found = list(find_urls(text))
    for link in links:
        url = parse_url(link)
        if url is not None:
            found.append(url)
    return tuple(found)


def _domains(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(v).strip().lower().lstrip(".") for v in values if str(v).strip())


def domain_matches(url: Url, domains: Iterable[str]) -> bool:
    """Whether ``url``'s host is one of ``domains`` or a subdomain of one."""
    host = url.host
    return any(host == d or host.endswith("." + d) for d in _domains(domains))


def is_city_domain(url: Url, config: Config | Mapping[str, Any]) -> bool:
    """Whether ``url`` is on one of the city's own domains (``[city] domains``)."""
    section: Mapping[str, Any] = config if isinstance(config, Mapping) else config.section("city")
    return domain_matches(url, section.get("domains", ()))
