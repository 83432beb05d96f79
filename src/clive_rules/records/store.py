"""The record store: an append-only, hash-chained record of moderation, in SQL.

SQLite is the default (one file, WAL mode, created readable by its owner only); PostgreSQL is
used through a ``postgresql+psycopg://`` URL where several applications share the record. Every
write runs in one transaction that first takes the chain's write lock (SQLite ``BEGIN
IMMEDIATE``; PostgreSQL ``SELECT ... FOR UPDATE`` on the chain-head row), so concurrent writers
never interleave, and a writer killed mid-transaction leaves nothing behind. Errors are
:class:`~clive_rules.records.errors.RecordStoreError` with the database URL's password masked.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url

from clive_rules.config import CORE_DEFAULTS, Config
from clive_rules.errors import CliveRulesError, ConfigError
from clive_rules.records import schema
from clive_rules.records.chain import GENESIS, body_hash, canonical, row_hash
from clive_rules.records.errors import ModerationError, RecordStoreError

__all__ = [
    "DATABASE_URL_ENV",
    "Filters",
    "PurgeReport",
    "RecordStore",
    "StoreSettings",
    "StoredRecord",
    "VerifyReport",
    "Writer",
    "default_sqlite_path",
    "load_config",
    "timestamp",
]

log = logging.getLogger("clive_rules.records")

DATABASE_URL_ENV = "CLIVE_RULES_DATABASE_URL"
"""Environment variable with the database URL; it overrides ``[records] url``."""

_PG_LOCK_KEY = 0x636C697665  # "clive": serialises first-use migrations on a PostgreSQL server
_MAX_PROBLEMS = 1000
# Kinds of record a purge may blank; the purge, hold and release records themselves are kept.
PURGEABLE_KINDS = ("removal", "review_hold", "confirm", "dismiss", "reinstate", "unblock",
                   "tag_removal")


def timestamp(moment: _dt.datetime) -> str:
    """A fixed-width UTC ISO 8601 time (sorts as text; the form stored and hashed)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_sqlite_path() -> Path:
    """Where the SQLite record lives when no path is configured: the user's data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir("clive-rules", appauthor=False)) / "records.sqlite3"


def load_config(config: str | Path | Mapping[str, Any] | Config | None = None) -> Config:
    """The configuration with the core's and every plugin's defaults (no rules are built).

    :param config: a TOML file, a mapping of sections, a :class:`Config`, or ``None`` for the
        file named by ``CLIVE_RULES_CONFIG`` (defaults only when that is unset).
    """
    if isinstance(config, Config):
        return config
    from clive_rules.engine import CONFIG_ENV
    from clive_rules.plugins import PluginManager

    defaults: dict[str, Mapping[str, Any]] = {**CORE_DEFAULTS}
    defaults.update(PluginManager.create().config_defaults())
    if "records" not in defaults:  # blocked or not registered: still usable on its own
        from clive_rules.records.plugin import clive_config_defaults

        defaults.update(clive_config_defaults())
    if config is None and os.environ.get(CONFIG_ENV):
        config = os.environ[CONFIG_ENV]
    if config is None:
        return Config.build(defaults)
    if isinstance(config, (str, Path)):
        return Config.load(config, defaults)
    return Config.build(defaults, config)


@attrs.frozen
class StoreSettings:
    """Where the record is and how to reach it (from ``[records]`` and the environment).

    :ivar url: the SQLAlchemy URL, password included: never log it, use :attr:`display_url`.
    :ivar retention_days: days records are kept; 0 keeps them forever.
    :ivar busy_timeout_ms: how long a write waits for another writer's lock.
    :ivar sqlite_synchronous: SQLite's ``synchronous`` pragma.
    :ivar connect_timeout: seconds to wait for a PostgreSQL server.
    """

    url: URL = attrs.field(repr=lambda u: u.render_as_string(hide_password=True))
    retention_days: int = 0
    busy_timeout_ms: int = 5000
    sqlite_synchronous: str = "full"
    connect_timeout: int = 10

    @property
    def display_url(self) -> str:
        """The URL with its password masked, fit for messages and logs."""
        return self.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.url.get_backend_name()

    @classmethod
    def from_config(
        cls, config: Config, environ: Mapping[str, str] | None = None
    ) -> StoreSettings:
        """Read ``[records]``; :data:`DATABASE_URL_ENV` in ``environ`` overrides its ``url``."""
        env = os.environ if environ is None else environ
        section = config.section("records")
        raw = env.get(DATABASE_URL_ENV, "").strip() or str(section["url"]).strip()
        source = DATABASE_URL_ENV if env.get(DATABASE_URL_ENV, "").strip() else "records.url"
        if raw:
            try:
                url = make_url(raw)
            except Exception:
                # Never echo the value: it may hold a password.
                raise ConfigError("not a database URL (expected sqlite:///PATH or "
                                  "postgresql+psycopg://USER@HOST/DB)", path=config.source,
                                  key=source) from None
        else:
            path = Path(str(section["path"])) if section["path"] else default_sqlite_path()
            url = URL.create("sqlite", database=str(path.expanduser()))
        backend = url.get_backend_name()
        if backend == "postgresql":
            if url.drivername in ("postgresql", "postgres"):
                url = url.set(drivername="postgresql+psycopg")
            elif url.drivername != "postgresql+psycopg":
                raise ConfigError("PostgreSQL is used through psycopg 3: write "
                                  "postgresql+psycopg://...", path=config.source, key=source)
        elif backend != "sqlite":
            raise ConfigError(f"unsupported database {backend!r} (use sqlite or postgresql)",
                              path=config.source, key=source)
        synchronous = str(section["sqlite_synchronous"]).lower()
        if synchronous not in ("full", "normal", "extra"):
            raise ConfigError("expected full, normal or extra", path=config.source,
                              key="records.sqlite_synchronous")
        for key in ("retention_days", "busy_timeout_ms", "connect_timeout"):
            if int(section[key]) < 0:
                raise ConfigError("must not be negative", path=config.source,
                                  key=f"records.{key}")
        return cls(url=url, retention_days=int(section["retention_days"]),
                   busy_timeout_ms=int(section["busy_timeout_ms"]),
                   sqlite_synchronous=synchronous,
                   connect_timeout=int(section["connect_timeout"]))


@attrs.frozen
class StoredRecord:
    """One row of the chain, as stored.

    :ivar seq: its sequence number (1, 2, ... with no gaps).
    :ivar recorded_at: when it was written (UTC, ISO 8601).
    :ivar kind: removal, tag_removal, review_hold, confirm, dismiss, reinstate, unblock,
        purge, legal_hold or legal_hold_released.
    :ivar body: what was recorded; ``None`` once purged.
    :ivar hash: this row's hash; :ivar prev_hash: the hash of the row before.
    :ivar purged_seq: the purge record that blanked it, if any.
    """

    seq: int
    recorded_at: str
    kind: str
    body: Mapping[str, Any] | None
    hash: str
    prev_hash: str
    body_sha256: str
    purged_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of an export line: the header, then the body's fields."""
        out: dict[str, Any] = {"seq": self.seq, "recorded_at": self.recorded_at,
                               "kind": self.kind, "hash": self.hash,
                               "prev_hash": self.prev_hash}
        if self.body is None:
            out["purged_by"] = self.purged_seq
            out["body_sha256"] = self.body_sha256
        else:
            out.update({k: v for k, v in self.body.items() if k not in out})
        return out


def _parse_day(value: str | _dt.date | _dt.datetime | None, end: bool) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value \
                else _dt.date.fromisoformat(value)
        except ValueError:
            raise ModerationError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime.combine(value, _dt.time.max if end else _dt.time.min,
                                     tzinfo=_dt.timezone.utc)
    return timestamp(value)


@attrs.frozen
class Filters:
    """Which records to export or list; every given field must match.

    :ivar since: on or after this date (or time), by when the record was written.
    :ivar until: on or before this date (a date includes the whole day).
    :ivar account: the city account.
    :ivar platform: the platform.
    :ivar clause: a clause id; a clause covers its items (``12.4.D`` matches ``12.4.D.1``).
    :ivar author: the author's key (platform id, else handle, else e-mail).
    :ivar kind: the kind of record.
    """

    since: str | _dt.date | None = None
    until: str | _dt.date | None = None
    account: str | None = None
    platform: str | None = None
    clause: str | None = None
    author: str | None = None
    kind: str | None = None

    def where(self) -> list[sa.ColumnElement[bool]]:
        """The SQL conditions."""
        r = schema.records.c
        out: list[sa.ColumnElement[bool]] = []
        since = _parse_day(self.since, end=False)
        until = _parse_day(self.until, end=True)
        if since is not None:
            out.append(r.recorded_at >= since)
        if until is not None:
            out.append(r.recorded_at <= until)
        for column, value in ((r.account, self.account), (r.platform, self.platform),
                              (r.author_key, self.author), (r.kind, self.kind)):
            if value is not None:
                out.append(column == value)
        if self.clause is not None:
            clause = self.clause.strip()
            out.append(sa.or_(r.clauses.contains(f"|{clause}|", autoescape=True),
                              r.clauses.contains(f"|{clause}.", autoescape=True)))
        return out


@attrs.frozen
class VerifyReport:
    """What ``records verify`` found.

    :ivar count: records checked.
    :ivar head_seq: the last record's number; :ivar head_hash: its hash (publish it: a record
        re-hashed from some point on is found by comparing with a published head).
    :ivar problems: one line per problem, naming the record(s).
    """

    count: int
    head_seq: int
    head_hash: str
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing is edited or missing."""
        return not self.problems


@attrs.frozen
class PurgeReport:
    """What ``records purge`` did.

    :ivar purged: how many records were blanked.
    :ivar held: how many past the retention period were kept for a legal hold.
    :ivar record_id: the purge's own record (``None`` when nothing was purged).
    :ivar cutoff: records written before this time were past retention.
    """

    purged: int
    held: int
    record_id: int | None
    cutoff: str


def _index_columns(body: Mapping[str, Any]) -> dict[str, Any]:
    content = body.get("content") or {}
    clauses = body.get("clauses") or ()
    return {
        "platform": content.get("platform") or body.get("platform"),
        "account": content.get("account"),
        "author_key": body.get("author_key"),
        "content_id": content.get("id"),
        "clauses": ("|" + "|".join(clauses) + "|") if clauses else None,
        "refers_to": body.get("refers_to"),
    }


@attrs.define
class Writer:
    """One write transaction on the chain: appends records and updates the index tables.

    Get one from :meth:`RecordStore.write`; everything it does commits together or not at all.

    :ivar conn: the connection, inside the transaction and holding the chain lock.
    :ivar now: the transaction's time (every record of it carries it).
    """

    conn: Connection
    now: _dt.datetime
    _seq: int
    _head: str
    _rows: list[dict[str, Any]] = attrs.field(factory=list)
    _recorded_at: str = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self._recorded_at = timestamp(self.now)

    @property
    def next_seq(self) -> int:
        """The number the next appended record will get."""
        return self._seq + 1

    def append(self, kind: str, body: Mapping[str, Any]) -> int:
        """Append one record; returns its sequence number."""
        text = canonical(body)
        seq = self._seq + 1
        recorded_at = self._recorded_at
        digest = body_hash(text)
        row_digest = row_hash(seq, recorded_at, kind, digest, self._head)
        self._rows.append({"seq": seq, "recorded_at": recorded_at, "kind": kind, "body": text,
                           "body_sha256": digest, "prev_hash": self._head, "hash": row_digest,
                           "purged_seq": None, **_index_columns(body)})
        self._seq, self._head = seq, row_digest
        return seq

    def flush(self) -> None:
        """Write the appended records (done at commit; call it before reading them back)."""
        if self._rows:
            self.conn.execute(schema.records.insert(), self._rows)
            self._rows = []

    def _finish(self) -> None:
        self.flush()
        self.conn.execute(schema.chain.update().where(schema.chain.c.id == 1)
                          .values(seq=self._seq, head=self._head))


def _scrub(message: str, url: URL) -> str:
    """One line of a driver's message, without the URL's password in it."""
    line = message.strip().splitlines()[0] if message.strip() else "unknown error"
    if url.password:
        line = line.replace(str(url.password), "***")
    return line


@attrs.define
class RecordStore:
    """The record: open with :meth:`open`; safe to use from several threads and processes.

    The database (and a SQLite file, with mode 0600) is created and migrated on first use.
    """

    settings: StoreSettings
    _engine: Engine | None = attrs.field(default=None, init=False, repr=False)
    _ready: bool = attrs.field(default=False, init=False, repr=False)

    @classmethod
    def open(
        cls, config: str | Path | Mapping[str, Any] | Config | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> RecordStore:
        """A store for the configuration's ``[records]`` section (nothing is opened yet)."""
        return cls(StoreSettings.from_config(load_config(config), environ))

    @classmethod
    def at(cls, url: str | Path, **options: Any) -> RecordStore:
        """A store at a URL, or at a SQLite file path."""
        text = str(url)
        parsed = make_url(text) if "://" in text else URL.create("sqlite", database=text)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return cls(StoreSettings(url=parsed, **options))

    @property
    def display_url(self) -> str:
        """The database URL with its password masked."""
        return self.settings.display_url

    def close(self) -> None:
        """Close the connection pool (the store reopens it when used again)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._ready = False

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- connections ---------------------------------------------------------------------------

    def _fail(self, what: str, exc: BaseException) -> RecordStoreError:
        orig = getattr(exc, "orig", None) or exc
        message = _scrub(str(orig), self.settings.url)
        if "locked" in message or "busy" in message:
            reason = (f"is locked by another process (waited "
                      f"{self.settings.busy_timeout_ms} ms): {message}")
        elif isinstance(exc, (sa.exc.OperationalError, sa.exc.InterfaceError)) and (
                self.settings.backend == "postgresql"):
            reason = f"cannot be reached: {message}"
        else:
            reason = f"failed: {message}"
        log.error("records database %s %s (%s)", self.display_url, reason, what)
        return RecordStoreError(f"records database {self.display_url} {reason}; {what} was "
                                "not done")

    @contextlib.contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except CliveRulesError:
            raise
        except sa.exc.SQLAlchemyError as exc:
            raise self._fail(what, exc) from None
        except OSError as exc:
            raise RecordStoreError(f"records database {self.display_url}: {exc.strerror}; "
                                   f"{what} was not done") from None

    def _create_sqlite_file(self, database: str) -> None:
        path = Path(database).expanduser()
        if path.exists():
            return
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return
        os.close(fd)

    def _make_engine(self) -> Engine:
        settings = self.settings
        url = settings.url
        if settings.backend == "sqlite":
            database = url.database or ""
            memory = database in ("", ":memory:") or database.startswith("file::memory:")
            if not memory:
                self._create_sqlite_file(database)
            engine = sa.create_engine(url, connect_args={
                "timeout": settings.busy_timeout_ms / 1000, "check_same_thread": False})
            busy = settings.busy_timeout_ms
            synchronous = settings.sqlite_synchronous.upper()

            @sa.event.listens_for(engine, "connect")
            def _connect(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None  # SQLAlchemy's begin event issues BEGIN
                cursor = dbapi_conn.cursor()
                cursor.execute(f"PRAGMA busy_timeout = {int(busy)}")
                if not memory:
                    cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute(f"PRAGMA synchronous = {synchronous}")
                cursor.close()

            @sa.event.listens_for(engine, "begin")
            def _begin(conn: Connection) -> None:
                mode = conn.get_execution_options().get("clive_begin", "DEFERRED")
                conn.exec_driver_sql(f"BEGIN {mode}")

            return engine
        return sa.create_engine(url, pool_pre_ping=True,
                                connect_args={"connect_timeout": settings.connect_timeout})

    def _get_engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._make_engine()
        if not self._ready:
            self._migrate(self._engine)
            self._ready = True
        return self._engine

    def _revision(self, conn: Connection) -> str | None:
        if not sa.inspect(conn).has_table("clive_records_alembic_version"):
            return None
        value = conn.exec_driver_sql(
            "SELECT version_num FROM clive_records_alembic_version").scalar()
        return None if value is None else str(value)

    def _migrate(self, engine: Engine) -> None:
        with self._errors("opening the record"):
            with engine.connect() as conn, conn.begin():
                if self._revision(conn) == schema.HEAD_REVISION:
                    return
            with engine.connect() as conn:
                conn.execution_options(clive_begin="IMMEDIATE")
                with conn.begin():
                    if self.settings.backend == "postgresql":
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"),
                                     {"k": _PG_LOCK_KEY})
                    current = self._revision(conn)
                    if current == schema.HEAD_REVISION:
                        return
                    if current is not None and current > schema.HEAD_REVISION:
                        raise RecordStoreError(
                            f"records database {self.display_url} has schema {current}, newer "
                            f"than this clive-rules ({schema.HEAD_REVISION}); upgrade clive-rules")
                    from alembic import command
                    from alembic.config import Config as AlembicConfig

                    cfg = AlembicConfig()
                    cfg.set_main_option("script_location", "clive_rules.records:migrations")
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    log.info("records database %s migrated to %s", self.display_url,
                             schema.HEAD_REVISION)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only connection in a transaction (a consistent snapshot)."""
        engine = self._get_engine()
        with self._errors("reading the record"), engine.connect() as conn, conn.begin():
            yield conn

    @contextlib.contextmanager
    def write(self, what: str = "the write",
              now: _dt.datetime | None = None) -> Iterator[Writer]:
        """A write transaction holding the chain lock; commits on success, else rolls back.

        :param what: what is being written, for the error message when it fails.
        :param now: the time to record (the current time when ``None``).
        """
        engine = self._get_engine()
        with self._errors(what), engine.connect() as conn:
            conn.execution_options(clive_begin="IMMEDIATE")
            with conn.begin():
                head = conn.execute(sa.select(schema.chain.c.seq, schema.chain.c.head)
                                    .where(schema.chain.c.id == 1).with_for_update()).one()
                writer = Writer(conn, now or _dt.datetime.now(_dt.timezone.utc),
                                int(head.seq), str(head.head))
                yield writer
                writer._finish()

    # -- reading -------------------------------------------------------------------------------

    @staticmethod
    def _to_record(row: Any) -> StoredRecord:
        return StoredRecord(
            seq=int(row.seq), recorded_at=row.recorded_at, kind=row.kind,
            body=None if row.body is None else json.loads(row.body), hash=row.hash,
            prev_hash=row.prev_hash, body_sha256=row.body_sha256,
            purged_seq=None if row.purged_seq is None else int(row.purged_seq))

    _COLUMNS = ("seq", "recorded_at", "kind", "body", "hash", "prev_hash", "body_sha256",
                "purged_seq")

    def get(self, seq: int) -> StoredRecord:
        """One record by its number; :class:`ModerationError` when there is none."""
        r = schema.records
        with self.read() as conn:
            row = conn.execute(sa.select(*(r.c[n] for n in self._COLUMNS))
                               .where(r.c.seq == seq)).one_or_none()
        if row is None:
            raise ModerationError(f"no record {seq}")
        return self._to_record(row)

    def count(self, filters: Filters | None = None) -> int:
        """How many records match."""
        r = schema.records
        with self.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(r)
                                    .where(*(filters or Filters()).where())).scalar_one())

    def iter_records(
        self, filters: Filters | None = None, *, chunk: int = 2000
    ) -> Iterator[StoredRecord]:
        """Matching records in order, streamed (a server-side cursor on PostgreSQL)."""
        r = schema.records
        stmt = (sa.select(*(r.c[n] for n in self._COLUMNS))
                .where(*(filters or Filters()).where()).order_by(r.c.seq))
        with self.read() as conn:
            result = conn.execution_options(yield_per=chunk).execute(stmt)
            for row in result:
                yield self._to_record(row)

    def head(self) -> tuple[int, str]:
        """The chain head: the last record's number and hash."""
        with self.read() as conn:
            row = conn.execute(sa.select(schema.chain.c.seq, schema.chain.c.head)
                               .where(schema.chain.c.id == 1)).one()
        return int(row.seq), str(row.head)

    # -- verification --------------------------------------------------------------------------

    def verify(self, expect: Mapping[int, str] | None = None) -> VerifyReport:
        """Check the whole chain: every edited, missing or wrongly blanked record is named.

        :param expect: published hashes (record number -> hash) the chain must still hold.
        """
        r = schema.records
        problems: list[str] = []
        more = 0

        def problem(text: str) -> None:
            nonlocal more
            if len(problems) < _MAX_PROBLEMS:
                problems.append(text)
            else:
                more += 1

        purges: dict[int, list[tuple[int, int]]] = {}
        anchors = dict(expect or {})
        with self.read() as conn:
            for row in conn.execute(sa.select(r.c.seq, r.c.body).where(r.c.kind == "purge")):
                try:
                    ranges = json.loads(row.body)["purged"] if row.body else []
                    purges[int(row.seq)] = [(int(a), int(b)) for a, b in ranges]
                except (ValueError, KeyError, TypeError):
                    purges[int(row.seq)] = []
            head = conn.execute(sa.select(schema.chain.c.seq, schema.chain.c.head)
                                .where(schema.chain.c.id == 1)).one()
            expected, prev, count = 1, GENESIS, 0
            stmt = sa.select(r).order_by(r.c.seq)
            for row in conn.execution_options(yield_per=5000).execute(stmt):
                count += 1
                seq = int(row.seq)
                if seq != expected:
                    problem(f"record {expected} is missing" if seq == expected + 1 else
                            f"records {expected} to {seq - 1} are missing")
                elif row.prev_hash != prev:
                    problem(f"record {seq - 1} was edited or replaced: record {seq} holds a "
                            "different hash for it")
                if row_hash(seq, row.recorded_at, row.kind, row.body_sha256,
                            row.prev_hash) != row.hash:
                    problem(f"record {seq} was edited: its hash does not match its header")
                if row.body is not None:
                    if body_hash(row.body) != row.body_sha256:
                        problem(f"record {seq} was edited: its body does not match its hash")
                    else:
                        index = _index_columns(json.loads(row.body))
                        wrong = [k for k, v in index.items() if row._mapping[k] != v]
                        if wrong:
                            problem(f"record {seq} was edited: its {', '.join(wrong)} "
                                    "column(s) do not match its body")
                else:
                    ranges = purges.get(int(row.purged_seq or 0))
                    if not ranges or not any(a <= seq <= b for a, b in ranges) \
                            or int(row.purged_seq) <= seq:
                        problem(f"record {seq} was blanked without a purge record naming it")
                if seq in anchors and anchors.pop(seq) != row.hash:
                    problem(f"record {seq} does not have its published hash: the chain was "
                            "rewritten from there on")
                expected, prev = seq + 1, row.hash
            last = expected - 1
            if int(head.seq) != last or (last and head.head != prev):
                if int(head.seq) > last:
                    problem(f"records {last + 1} to {head.seq} are missing from the end "
                            f"(the chain head says {head.seq})")
                else:
                    problem(f"the chain head (record {head.seq}) does not match the last "
                            f"record ({last})")
            for seq in sorted(anchors):
                problem(f"record {seq} (published) is missing")
        if more:
            problems.append(f"... and {more} more problem(s)")
        return VerifyReport(count=count, head_seq=last, head_hash=prev, problems=tuple(problems))

    # -- legal holds and retention -------------------------------------------------------------

    def place_hold(
        self, actor: Mapping[str, Any], reason: str, *, author: str | None = None,
        account: str | None = None, record: int | None = None,
    ) -> int:
        """Put records under a legal hold (by author, account or record); returns the hold id."""
        if not reason.strip():
            raise ModerationError("a legal hold needs a reason")
        if author is None and account is None and record is None:
            raise ModerationError("a legal hold needs an author, an account or a record")
        with self.write("placing the legal hold") as w:
            hold = {"author_key": author, "account": account, "record_seq": record,
                    "reason": reason}
            seq = w.append("legal_hold", {"schema": 1, "kind": "legal_hold", "hold": hold,
                                          "actor": dict(actor)})
            result = w.conn.execute(schema.holds.insert().values(placed_seq=seq, **hold))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def release_hold(self, hold_id: int, actor: Mapping[str, Any], reason: str) -> int:
        """Release a legal hold; returns the release's record number."""
        h = schema.holds
        with self.write("releasing the legal hold") as w:
            row = w.conn.execute(sa.select(h).where(h.c.id == hold_id)).one_or_none()
            if row is None or row.released_seq is not None:
                raise ModerationError(f"no active legal hold {hold_id}")
            seq = w.append("legal_hold_released", {
                "schema": 1, "kind": "legal_hold_released", "hold_id": hold_id,
                "refers_to": int(row.placed_seq), "reason": reason, "actor": dict(actor)})
            w.conn.execute(h.update().where(h.c.id == hold_id).values(released_seq=seq))
            return seq

    def holds(self, active_only: bool = True) -> list[dict[str, Any]]:
        """The legal holds."""
        h = schema.holds
        stmt = sa.select(h).order_by(h.c.id)
        if active_only:
            stmt = stmt.where(h.c.released_seq.is_(None))
        with self.read() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]

    def purge(
        self, actor: Mapping[str, Any], *, now: _dt.datetime | None = None,
        retention_days: int | None = None,
    ) -> PurgeReport:
        """Blank the bodies of records past the retention period, except under a legal hold.

        Each purged row keeps its header and body hash (the chain still verifies); a purge
        record lists the purged numbers and is itself never purged.
        """
        days = self.settings.retention_days if retention_days is None else retention_days
        moment = now or _dt.datetime.now(_dt.timezone.utc)
        cutoff = timestamp(moment - _dt.timedelta(days=days))
        if days <= 0:
            raise ModerationError("no retention period is configured ([records] "
                                  "retention_days = 0 keeps records forever)")
        r, h, s = schema.records, schema.holds, schema.strikes
        active = h.c.released_seq.is_(None)
        held = sa.exists().where(active, sa.or_(
            h.c.author_key == r.c.author_key, h.c.account == r.c.account,
            h.c.record_seq == r.c.seq, h.c.record_seq == r.c.refers_to))
        due = [r.c.recorded_at < cutoff, r.c.body.is_not(None), r.c.kind.in_(PURGEABLE_KINDS)]
        with self.write("the purge", now=moment) as w:
            seqs = [int(x) for x in w.conn.execute(
                sa.select(r.c.seq).where(*due, ~held).order_by(r.c.seq)).scalars()]
            kept = int(w.conn.execute(sa.select(sa.func.count()).select_from(r)
                                      .where(*due, held)).scalar_one())
            if not seqs:
                return PurgeReport(0, kept, None, cutoff)
            purge_seq = w.next_seq
            for start in range(0, len(seqs), 500):
                part = seqs[start:start + 500]
                w.conn.execute(r.update().where(r.c.seq.in_(part)).values(
                    body=None, purged_seq=purge_seq, platform=None, account=None,
                    author_key=None, content_id=None, clauses=None, refers_to=None))
                w.conn.execute(s.delete().where(s.c.record_seq.in_(part)))
                w.conn.execute(schema.items.delete().where(schema.items.c.seq.in_(part)))
            seq = w.append("purge", {"schema": 1, "kind": "purge", "purged": _ranges(seqs),
                                     "count": len(seqs), "cutoff": cutoff,
                                     "retention_days": days, "kept_for_legal_hold": kept,
                                     "actor": dict(actor)})
            assert seq == purge_seq
            return PurgeReport(len(seqs), kept, seq, cutoff)


def _ranges(numbers: Sequence[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for n in numbers:
        if out and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return out


def first_line(text: str) -> str:
    """The first line of a text (for one-line messages)."""
    return re.split(r"[\r\n]", text.strip(), maxsplit=1)[0] if text else ""


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


Callback = Callable[[int], None]
