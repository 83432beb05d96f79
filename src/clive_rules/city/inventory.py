"""The account inventory: what the city records about each of its social media accounts.

An inventory is a TOML file (YAML too, when PyYAML is installed) with one ``[[accounts]]`` table
per account; ``docs/city-side.md`` documents every field with a full example. Reading it checks
every field: a mistake raises :class:`InventoryError` naming the file, the account and the field.
Missing *facts* (no approval date, no training record) are not errors: the audit reports them,
since finding what is missing is its job.

:class:`AccountSettings` is what a platform plugin reports about an account's live state through
the ``clive_account_settings`` hook; the audit prefers it to the inventory.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from clive_rules.errors import CliveRulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "INVENTORY_SCHEMA",
    "MODERATOR_STATUSES",
    "Account",
    "AccountSettings",
    "Affiliation",
    "Inventory",
    "InventoryError",
    "ModeratorEntry",
    "Person",
    "load_inventory",
    "parse_inventory",
]

INVENTORY_SCHEMA = 1
"""The inventory format this version reads (the file's optional top-level ``schema``)."""

MODERATOR_STATUSES = ("employee", "official-volunteer", "contractor", "other")
"""What a moderator may be recorded as; only the first two satisfy 12.3.H.2."""


class InventoryError(CliveRulesError, ValueError):
    """An inventory file is unreadable or has a bad field; says which file, account and field."""

    def __init__(self, message: str, *, path: str | None = None, account: str | None = None,
                 field: str | None = None) -> None:
        where = [p for p in (path,) if p]
        if account is not None:
            where.append(f"account {account!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(": ".join([*where, message]))
        self.path = path
        self.account = account
        self.field = field
        self.message = message


@attrs.frozen
class Person:
    """Someone named in the inventory.

    :ivar name: their name.
    :ivar email: their e-mail address, if recorded.
    """

    name: str
    email: str | None = None

    def matches(self, who: str) -> bool:
        """Whether ``who`` (a name or an e-mail address) names this person."""
        key = who.strip().casefold()
        return key == self.name.strip().casefold() or (
            self.email is not None and key == self.email.strip().casefold())


@attrs.frozen
class ModeratorEntry:
    """One moderator appointed to an account (12.3.H).

    :ivar name: their name; :ivar email: the city e-mail address they post from (12.4.C).
    :ivar status: employee, official-volunteer, contractor or other (12.3.H.2).
    :ivar trained_on: when they were trained for the role (12.3.H.4).
    :ivar personnel_policies_on: when they acknowledged the personnel policies (12.3.H.3).
    :ivar appointed_on: when the director appointed them (12.3.H.1).
    :ivar until: when they stopped moderating (``None``: still a moderator).
    """

    name: str
    email: str | None = None
    status: str | None = None
    trained_on: _dt.date | None = None
    personnel_policies_on: _dt.date | None = None
    appointed_on: _dt.date | None = None
    until: _dt.date | None = None

    def current(self, today: _dt.date) -> bool:
        """Whether they moderate the account on ``today``."""
        return self.until is None or self.until > today

    @property
    def person(self) -> Person:
        """Their name and e-mail address."""
        return Person(self.name, self.email)


@attrs.frozen
class Affiliation:
    """A group the account joined or a page it follows (12.3.G).

    :ivar name: the group or page.
    :ivar kind: ``"group"`` or ``"page"``.
    :ivar relation: how it relates to city business, services or events (empty: not recorded).
    """

    name: str
    kind: str = "page"
    relation: str = ""


@attrs.frozen
class Account:
    """One city social media account as the inventory records it.

    Every field but ``id``, ``platform`` and ``department`` may be missing; the audit reports
    what is.

    :ivar id: the inventory's name for it (unique), e.g. ``"parks-facebook"``.
    :ivar platform: ``"facebook"``, ``"instagram"``, ...
    :ivar department: the department slug (``[city] departments``).
    :ivar url: the account's address on the platform.
    :ivar handle: its handle or page id on the platform (for connectors).
    :ivar created_on: when the account was created.
    :ivar approved_by: who approved it (12.3.A: the City Manager or designee).
    :ivar approved_on: when.
    :ivar listed_on_website: where the city website lists it (a URL), ``""`` when it is listed
        without a recorded address, ``None`` when not recorded or not listed (12.3.C).
    :ivar public: whether it is viewable by the public without privacy settings (12.3.D).
    :ivar logo: whether it carries the city logo and departmental extension (12.3.E).
    :ivar affiliations: groups joined and pages followed (12.3.G).
    :ivar director: the Department Director responsible (12.3.H).
    :ivar designees: the director's designees (12.5.A.2, 12.5.B).
    :ivar moderators: the moderators, past and present (12.3.H).
    :ivar activity: days the account was monitored or updated (12.3.I).
    :ivar emergency_plan: where the department's Emergency Operations Plan covers the account.
    :ivar credentials_rotated_on: when the login and password last changed (12.5.A.3).
    :ivar credential_holders: who knows the login and password (12.5.A.2), by name or e-mail;
        ``None`` when not recorded.
    :ivar moderators_changed_on: a moderator change not visible in ``moderators`` (12.5.A.3).
    """

    id: str
    platform: str
    department: str
    url: str | None = None
    handle: str | None = None
    created_on: _dt.date | None = None
    approved_by: str | None = None
    approved_on: _dt.date | None = None
    listed_on_website: str | None = None
    public: bool | None = None
    logo: bool | None = None
    affiliations: tuple[Affiliation, ...] | None = None
    director: Person | None = None
    designees: tuple[Person, ...] = ()
    moderators: tuple[ModeratorEntry, ...] = ()
    activity: tuple[_dt.date, ...] = ()
    emergency_plan: str | None = None
    credentials_rotated_on: _dt.date | None = None
    credential_holders: tuple[str, ...] | None = None
    moderators_changed_on: _dt.date | None = None

    def current_moderators(self, today: _dt.date) -> tuple[ModeratorEntry, ...]:
        """The moderators on ``today``."""
        return tuple(m for m in self.moderators if m.current(today))

    def last_moderator_change(self, today: _dt.date) -> _dt.date | None:
        """The last day the moderators changed, up to ``today`` (an appointment or departure)."""
        days = [d for m in self.moderators for d in (m.appointed_on, m.until)
                if d is not None and d <= today]
        if self.moderators_changed_on is not None and self.moderators_changed_on <= today:
            days.append(self.moderators_changed_on)
        return max(days, default=None)


@attrs.frozen
class Inventory:
    """Every account in an inventory file.

    :ivar accounts: the accounts, in file order.
    :ivar source: the file it was read from.
    """

    accounts: tuple[Account, ...]
    source: str | None = None

    def get(self, account_id: str) -> Account | None:
        """The account with this id, or ``None``."""
        return next((a for a in self.accounts if a.id == account_id), None)


def _to_datetime(value: Any) -> _dt.datetime:
    if isinstance(value, _dt.datetime):
        moment = value
    elif isinstance(value, _dt.date):
        moment = _dt.datetime.combine(value, _dt.time(12, 0))
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        moment = _dt.datetime.fromisoformat(text)
    else:
        raise TypeError(f"expected an ISO 8601 date and time, got {type(value).__name__}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.timezone.utc)


def _to_times(values: Iterable[Any]) -> tuple[_dt.datetime, ...]:
    return tuple(sorted(_to_datetime(v) for v in values))


@attrs.frozen
class AccountSettings:
    """An account's live state, as a platform plugin reports it (``clive_account_settings``).

    Every field is optional: ``None`` means "not known", and the audit then falls back on the
    inventory.

    :ivar visibility: ``"public"``, or anything else (``"private"``, ``"restricted"``, ...) for
        an account that uses privacy settings (12.3.D).
    :ivar logo: whether the profile shows the city logo (12.3.E).
    :ivar recent_posts: when the account last posted or answered, newest last (12.3.I).
    :ivar source: who reported it (filled in with the plugin's name).
    """

    visibility: str | None = None
    logo: bool | None = None
    recent_posts: tuple[_dt.datetime, ...] = attrs.field(default=(), converter=_to_times)
    source: str | None = None

    @property
    def public(self) -> bool | None:
        """Whether the account is public, when the visibility is known."""
        if self.visibility is None:
            return None
        return self.visibility.strip().lower() == "public"

    @classmethod
    def coerce(cls, value: object, source: str | None = None) -> AccountSettings:
        """An :class:`AccountSettings` from one, or from a mapping with the same keys."""
        if isinstance(value, AccountSettings):
            return value if value.source or source is None else attrs.evolve(value, source=source)
        if isinstance(value, Mapping):
            unknown = set(value) - {"visibility", "logo", "recent_posts", "source"}
            if unknown:
                raise TypeError(f"unknown account setting {sorted(unknown)[0]!r}")
            visibility = value.get("visibility")
            logo = value.get("logo")
            return cls(
                visibility=None if visibility is None else str(visibility),
                logo=None if logo is None else bool(logo),
                recent_posts=tuple(value.get("recent_posts") or ()),
                source=str(value.get("source") or source or "") or None,
            )
        raise TypeError(f"expected AccountSettings or a mapping, got {type(value).__name__}")


# -- reading -------------------------------------------------------------------------------------

@attrs.define
class _Reader:
    """Checks one account's table, raising errors that name the file, account and field."""

    path: str | None
    account: str | None
    data: Mapping[str, Any]
    prefix: str = ""

    def fail(self, field: str, message: str) -> InventoryError:
        return InventoryError(message, path=self.path, account=self.account,
                              field=self.prefix + field)

    def only(self, allowed: Iterable[str]) -> None:
        unknown = sorted(set(self.data) - set(allowed))
        if unknown:
            raise self.fail(unknown[0], "unknown field (known fields: "
                            + ", ".join(sorted(allowed)) + ")")

    def text(self, field: str, *, required: bool = False) -> str | None:
        value = self.data.get(field)
        if value is None:
            if required:
                raise self.fail(field, "is required")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(field, f"expected a non-empty string, got {value!r}")
        return value.strip()

    def flag(self, field: str) -> bool | None:
        value = self.data.get(field)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(field, f"expected true or false, got {value!r}")

    def day(self, field: str) -> _dt.date | None:
        return self.to_day(field, self.data.get(field))

    def to_day(self, field: str, value: Any) -> _dt.date | None:
        if value is None:
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.fail(field, f"expected a date (YYYY-MM-DD), got {value!r}")

    def items(self, field: str) -> list[Any] | None:
        value = self.data.get(field)
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {type(value).__name__}")
        return value

    def child(self, field: str, value: Any) -> _Reader:
        if not isinstance(value, Mapping):
            raise self.fail(field, f"expected a table, got {type(value).__name__}")
        return _Reader(self.path, self.account, value, self.prefix + field + ".")

    def person(self, field: str, value: Any) -> Person:
        if isinstance(value, str) and value.strip():
            return Person(value.strip())
        reader = self.child(field, value)
        reader.only(("name", "email"))
        name = reader.text("name", required=True)
        assert name is not None
        return Person(name, reader.text("email"))


_ACCOUNT_FIELDS = (
    "id", "platform", "department", "url", "handle", "created_on", "approval",
    "listed_on_website", "public", "logo", "affiliations", "director", "designees",
    "moderators", "activity", "emergency_plan", "credentials",
)


def _moderator(reader: _Reader, field: str, value: Any) -> ModeratorEntry:
    entry = reader.child(field, value)
    entry.only(("name", "email", "status", "trained_on", "personnel_policies_on",
                "appointed_on", "until"))
    name = entry.text("name", required=True)
    assert name is not None
    status = entry.text("status")
    if status is not None:
        status = status.lower().replace(" ", "-").replace("_", "-")
        if status not in MODERATOR_STATUSES:
            raise entry.fail("status", f"expected one of {', '.join(MODERATOR_STATUSES)}, "
                             f"got {status!r}")
    return ModeratorEntry(
        name=name, email=entry.text("email"), status=status,
        trained_on=entry.day("trained_on"),
        personnel_policies_on=entry.day("personnel_policies_on"),
        appointed_on=entry.day("appointed_on"), until=entry.day("until"),
    )


def _account(path: str | None, index: int, data: Any) -> Account:
    if not isinstance(data, Mapping):
        raise InventoryError(f"expected a table, got {type(data).__name__}", path=path,
                             field=f"accounts[{index}]")
    name = data.get("id")
    reader = _Reader(path, name if isinstance(name, str) else f"#{index + 1}", data)
    reader.only(_ACCOUNT_FIELDS)
    account_id = reader.text("id", required=True)
    platform = reader.text("platform", required=True)
    department = reader.text("department", required=True)
    assert account_id is not None and platform is not None and department is not None

    approved_by = approved_on = None
    if data.get("approval") is not None:
        approval = reader.child("approval", data["approval"])
        approval.only(("by", "on"))
        approved_by, approved_on = approval.text("by"), approval.day("on")

    listed = data.get("listed_on_website")
    if listed is True:
        listed_on: str | None = ""
    elif listed is None or listed is False:
        listed_on = None
    elif isinstance(listed, str) and listed.strip():
        listed_on = listed.strip()
    else:
        raise reader.fail("listed_on_website", f"expected a URL or true/false, got {listed!r}")

    affiliations: tuple[Affiliation, ...] | None = None
    raw_affiliations = reader.items("affiliations")
    if raw_affiliations is not None:
        out = []
        for n, item in enumerate(raw_affiliations):
            entry = reader.child(f"affiliations[{n}]", item)
            entry.only(("name", "kind", "relation"))
            kind = (entry.text("kind") or "page").lower()
            if kind not in ("group", "page"):
                raise entry.fail("kind", f"expected group or page, got {kind!r}")
            affiliation_name = entry.text("name", required=True)
            assert affiliation_name is not None
            out.append(Affiliation(affiliation_name, kind, entry.text("relation") or ""))
        affiliations = tuple(out)

    director = (reader.person("director", data["director"])
                if data.get("director") is not None else None)
    designees = tuple(reader.person(f"designees[{n}]", v)
                      for n, v in enumerate(reader.items("designees") or ()))
    moderators = tuple(_moderator(reader, f"moderators[{n}]", v)
                       for n, v in enumerate(reader.items("moderators") or ()))
    activity: list[_dt.date] = []
    for n, value in enumerate(reader.items("activity") or ()):
        day = reader.to_day(f"activity[{n}]", value)
        assert day is not None
        activity.append(day)

    rotated = changed = None
    holders: tuple[str, ...] | None = None
    if data.get("credentials") is not None:
        credentials = reader.child("credentials", data["credentials"])
        credentials.only(("rotated_on", "holders", "moderators_changed_on"))
        rotated = credentials.day("rotated_on")
        changed = credentials.day("moderators_changed_on")
        raw_holders = credentials.items("holders")
        if raw_holders is not None:
            if not all(isinstance(h, str) and h.strip() for h in raw_holders):
                raise credentials.fail("holders", "expected a list of names or e-mail addresses")
            holders = tuple(h.strip() for h in raw_holders)

    return Account(
        id=account_id, platform=platform.lower(), department=department,
        url=reader.text("url"), handle=reader.text("handle"),
        created_on=reader.day("created_on"), approved_by=approved_by, approved_on=approved_on,
        listed_on_website=listed_on, public=reader.flag("public"), logo=reader.flag("logo"),
        affiliations=affiliations, director=director, designees=designees,
        moderators=moderators, activity=tuple(sorted(set(activity))),
        emergency_plan=reader.text("emergency_plan"), credentials_rotated_on=rotated,
        credential_holders=holders, moderators_changed_on=changed,
    )


def parse_inventory(data: Mapping[str, Any], source: str | None = None) -> Inventory:
    """An :class:`Inventory` from already-parsed data (a TOML or YAML document)."""
    if not isinstance(data, Mapping):
        raise InventoryError("expected a document with [[accounts]] tables", path=source)
    unknown = sorted(set(data) - {"schema", "accounts"})
    if unknown:
        raise InventoryError("unknown top-level field (known: schema, accounts)", path=source,
                             field=unknown[0])
    schema = data.get("schema", INVENTORY_SCHEMA)
    if schema != INVENTORY_SCHEMA:
        raise InventoryError(f"schema {schema!r} is not supported (this version reads "
                             f"{INVENTORY_SCHEMA})", path=source, field="schema")
    raw = data.get("accounts")
    if not isinstance(raw, list) or not raw:
        raise InventoryError("no accounts: add one [[accounts]] table per account",
                             path=source, field="accounts")
    accounts = tuple(_account(source, n, item) for n, item in enumerate(raw))
    seen: set[str] = set()
    for account in accounts:
        if account.id in seen:
            raise InventoryError("appears twice", path=source, account=account.id, field="id")
        seen.add(account.id)
    return Inventory(accounts, source)


def load_inventory(path: str | Path) -> Inventory:
    """Read and check an inventory file: TOML, or YAML (``.yaml``/``.yml``, needs PyYAML)."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InventoryError("no such file", path=source) from None
    except IsADirectoryError:
        raise InventoryError("is a directory", path=source) from None
    except OSError as exc:
        raise InventoryError(f"cannot read: {exc.strerror}", path=source) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InventoryError("not UTF-8 text", path=source) from None
    if source.lower().endswith((".yaml", ".yml")):
        try:
            yaml: Any = importlib.import_module("yaml")
        except ImportError:
            raise InventoryError("reading YAML needs PyYAML (pip install 'clive-rules[yaml]'); "
                                 "or write the inventory in TOML", path=source) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise InventoryError(f"not valid YAML{where}: {problem}", path=source) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InventoryError(f"not valid TOML: {exc}", path=source) from None
    return parse_inventory(data if data is not None else {}, source)
