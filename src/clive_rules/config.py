"""Configuration: TOML files checked against the defaults that the core and plugins declare.

Every section and key a user may set has a default, declared by the core (section ``engine``) or
by the plugin that uses it (through the ``clive_config_defaults`` hook). A file may only set keys
that have a default, to a value of the same type; anything else is a
:class:`~clive_rules.errors.ConfigError` that names the file, the key and its line.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from clive_rules.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CORE_DEFAULTS", "Config", "freeze"]

CORE_DEFAULTS: Mapping[str, Mapping[str, Any]] = {
    "engine": {
        # The most severe decision each clause may lead to; a rule may suggest less.
        "decisions": {
            "12.4.D.1": "remove",
            "12.4.D.2": "remove",
            "12.4.D.3": "remove",
            "12.4.D.4": "remove",
            "12.4.D.5": "review",
            "12.4.D.6": "remove",
            "12.4.D.7": "remove",
            "12.4.D.8": "review",
            "12.4.D.9": "review",
            "12.4.D.10": "review",
        },
        # A finding less sure than this is held for review rather than removed.
        "min_remove_confidence": 0.8,
        # How many items evaluate_many folds and scans together.
        "batch_size": 512,
    },
    "city": {
        "name": "City of Clive",
        # The city's own web domains: links to them are never solicitation (12.3.B).
        "domains": ["cityofclive.com"],
        # Official contact details, never flagged as personal information.
        "official_phones": ["515-223-6220"],
        "official_addresses": ["1900 NW 114th Street"],
        "official_email_domains": ["cityofclive.com"],
        # Employee roster: tables with name, title, department (personal information, 12.4.D.7).
        "employees": [],
        # Department account slugs (Content.account names one of these).
        "departments": [
            "parks", "aquatics", "library", "police", "fire", "public-works", "water",
            "planning", "council", "city-manager", "finance", "events",
        ],
    },
}
"""The core's own configuration defaults (plugins add theirs through a hook)."""


def freeze(value: Any) -> Any:
    """A read-only copy: lists become tuples, tables become read-only mappings."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        if not isinstance(value, (list, tuple)):
            return False
        if default:
            return all(_same_type(default[0], v) for v in value)
        # An empty default list takes strings or tables (the consumer checks their fields).
        return all(isinstance(v, str) for v in value) or all(
            isinstance(v, Mapping) for v in value)
    if isinstance(default, Mapping):
        return isinstance(value, Mapping)
    return isinstance(value, type(default))


def _line_of(text: str | None, section: str, key: str | None) -> int | None:
    """Best-effort line number of ``key`` in ``[section]`` (or of the section) in TOML text."""
    if text is None:
        return None
    lines = text.splitlines()
    in_section = False
    section_line = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("["):
            name = line.strip("[]").strip()
            in_section = name == section or name.startswith(section + ".")
            if name == section and section_line is None:
                section_line = number
            if key and in_section and name == f"{section}.{key}":
                return number
            continue
        if key is None:
            continue
        head = line.split("=", 1)[0].strip().strip('"')
        if "=" in line and (
            (in_section and head in (key, f'"{key}"'))
            or head in (f"{section}.{key}",)
        ):
            return number
    return section_line


def _merge(
    defaults: Mapping[str, Mapping[str, Any]], overrides: Mapping[str, Any],
    source: str | None, text: str | None,
) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {s: dict(v) for s, v in defaults.items()}
    for section, values in overrides.items():
        if section not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise ConfigError(
                f"unknown section (known sections: {known})", path=source, key=section,
                line=_line_of(text, section, None),
            )
        if not isinstance(values, Mapping):
            raise ConfigError("expected a table", path=source, key=section,
                              line=_line_of(text, section, None))
        for key, value in values.items():
            full_key = f"{section}.{key}"
            line = _line_of(text, section, key)
            if key not in defaults[section]:
                known = ", ".join(sorted(defaults[section]))
                raise ConfigError(f"unknown key (known keys: {known})", path=source,
                                  key=full_key, line=line)
            default = defaults[section][key]
            if not _same_type(default, value):
                raise ConfigError(
                    f"expected {_type_name(default)}"
                    + (" of " + (_type_name(default[0]) if default else "a string") + "s"
                       if isinstance(default, (list, tuple)) else "")
                    + f", got {value!r}",
                    path=source, key=full_key, line=line,
                )
            if isinstance(default, Mapping):
                merged[section][key] = {**default, **value}
            else:
                merged[section][key] = value
    return merged


@attrs.frozen
class Config:
    """Read-only configuration: sections of keys, every key with a declared default.

    :ivar sections: section name -> key -> value (defaults with the file's values on top).
    :ivar source: the file it was read from, if any.
    """

    sections: Mapping[str, Mapping[str, Any]] = attrs.field(converter=freeze)
    source: str | None = None

    def section(self, name: str) -> Mapping[str, Any]:
        """One section; :class:`ConfigError` if no plugin declared it."""
        try:
            result: Mapping[str, Any] = self.sections[name]
        except KeyError:
            raise ConfigError("no such configuration section", key=name) from None
        return result

    def __getitem__(self, name: str) -> Mapping[str, Any]:
        return self.section(name)

    @classmethod
    def build(
        cls,
        defaults: Mapping[str, Mapping[str, Any]],
        overrides: Mapping[str, Any] | None = None,
        *,
        source: str | None = None,
        text: str | None = None,
    ) -> Config:
        """Defaults with ``overrides`` on top, each checked against its default's type."""
        return cls(_merge(defaults, overrides or {}, source, text), source)

    @classmethod
    def load(cls, path: str | Path, defaults: Mapping[str, Mapping[str, Any]]) -> Config:
        """Read a TOML file; errors name the file, the key and the line."""
        source = str(path)
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise ConfigError("no such file", path=source) from None
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror}", path=source) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError("not UTF-8 text", path=source) from None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            where = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
            line = int(where.group(1)) if where else getattr(exc, "lineno", None)
            if where:
                message = message[: where.start()]
            raise ConfigError(f"not valid TOML: {message}", path=source, line=line) from None
        return cls.build(defaults, data, source=source, text=text)
