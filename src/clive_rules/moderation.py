"""The moderation workflow of 12.4.E-G: verdicts become actions, and every action is recorded.

:class:`ModerationService` turns a verdict into what the policy asks for, given the author's
history: the first violation is removed and the author warned in the standard words of 12.4.F
(with the clause named); a later one is removed and the author blocked. Content held for review
counts once a person confirms it (:meth:`~ModerationService.confirm`). A person can reverse any
action (:meth:`~ModerationService.reinstate`, :meth:`~ModerationService.unblock`,
:meth:`~ModerationService.dismiss`) with a reason; a reversal is a new record, nothing is ever
deleted. An inappropriate tag of a city account (12.4.G) gets a ``remove_tag`` action.

Every call writes its record in one transaction *before* it returns the actions to perform: if
the record cannot be written, a :class:`~clive_rules.records.errors.RecordStoreError` is raised
and no action is reported as done.
"""

from __future__ import annotations

import datetime as _dt
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa

from clive_rules.config import Config
from clive_rules.content import Content, ContentKind
from clive_rules.errors import ConfigError
from clive_rules.policy import Policy, article_xii
from clive_rules.records import schema
from clive_rules.records.errors import ModerationError
from clive_rules.records.store import (
    Filters,
    RecordStore,
    StoredRecord,
    Writer,
    load_config,
    timestamp,
)
from clive_rules.verdict import Action, ActionKind, Decision, Verdict

__all__ = ["ModerationService", "ModerationSettings", "Moderator", "Outcome", "Step"]

_STEP_ACTIONS = {"remove": ActionKind.REMOVE, "remove_tag": ActionKind.REMOVE_TAG,
                 "warn": ActionKind.WARN_AUTHOR, "block": ActionKind.BLOCK_AUTHOR,
                 "hold_for_review": ActionKind.HOLD_FOR_REVIEW,
                 "redirect": ActionKind.REDIRECT}
_FIELDS = ("clause_refs", "clauses", "titles", "city")


@attrs.frozen
class Moderator:
    """Who acted: a person (name and city e-mail) or the automatic engine (with its version).

    :ivar name: the person's name, or ``"automatic"``.
    :ivar email: the person's city e-mail address.
    :ivar engine_version: the clive-rules version, for automatic moderation.
    """

    name: str
    email: str | None = None
    engine_version: str | None = None

    @classmethod
    def automatic(cls) -> Moderator:
        """The engine acting on its own."""
        from clive_rules import __version__

        return cls("automatic", None, __version__)

    @classmethod
    def person(cls, name: str, email: str) -> Moderator:
        """A city moderator."""
        return cls(name, email)

    @property
    def is_person(self) -> bool:
        """True for a person, False for automatic moderation."""
        return self.engine_version is None

    def to_dict(self) -> dict[str, Any]:
        """The record's ``actor`` field."""
        if self.is_person:
            return {"type": "person", "name": self.name, "email": self.email}
        return {"type": "automatic", "name": self.name, "engine_version": self.engine_version}


@attrs.frozen
class Step:
    """One thing to do on the platform, as recorded.

    :ivar kind: remove, remove_tag, warn, block, hold_for_review, redirect, or a reversal:
        reinstate, restore_tag, release (a held item shown again), unblock.
    :ivar clauses: the clauses it is done under.
    :ivar effect: for removals, what happens on the platform: ``"hidden"`` or ``"deleted"``.
    :ivar text: the warning sent (for ``warn``).
    :ivar target: the department (for ``redirect``).
    """

    kind: str
    clauses: tuple[str, ...] = ()
    effect: str | None = None
    text: str | None = None
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (fields that are not set are left out)."""
        out: dict[str, Any] = {"kind": self.kind, "clauses": list(self.clauses)}
        for name in ("effect", "text", "target"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@attrs.frozen
class Outcome:
    """What a moderation call recorded and what must now be done on the platform.

    :ivar record_id: the record written (``None`` when nothing was: an allowed item).
    :ivar kind: the record's kind.
    :ivar steps: what to do on the platform, in order.
    :ivar warning: the warning text to send, if any.
    :ivar strike: the author's strike number this counted as, if it counted.
    :ivar review_id: for an item held for review, the id to :meth:`ModerationService.confirm`.
    :ivar duplicate: True when the item was already removed or held: nothing new was done.
    """

    record_id: int | None
    kind: str | None
    steps: tuple[Step, ...] = ()
    warning: str | None = None
    strike: int | None = None
    review_id: int | None = None
    duplicate: bool = False

    @property
    def actions(self) -> tuple[Action, ...]:
        """The forward steps as the engine's :class:`~clive_rules.verdict.Action` objects."""
        return tuple(Action(_STEP_ACTIONS[s.kind], s.clauses, s.text or "", s.target)
                     for s in self.steps if s.kind in _STEP_ACTIONS)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"record": self.record_id, "kind": self.kind,
                "steps": [s.to_dict() for s in self.steps], "warning": self.warning,
                "strike": self.strike, "review_id": self.review_id,
                "duplicate": self.duplicate}


_NOTHING = Outcome(None, None)


def _covers(prefixes: Sequence[str], clause: str) -> bool:
    return any(clause == p or clause.startswith(p + ".") for p in prefixes)


@attrs.frozen
class ModerationSettings:
    """The ``[moderation]`` section, checked.

    :ivar warning_template: the 12.4.F warning with ``{clause_refs}``-style fields.
    :ivar strike_clauses: clause ids whose removals count as strikes (covering their items).
    :ivar strike_expiry_days: 0 for strikes that never expire.
    :ivar block_at_strike: the strike that leads to a block.
    :ivar removal: ``"hide"`` or ``"delete"``.
    :ivar tags_count_as_strikes: whether a removed tag (12.4.G) is a strike.
    :ivar city_name: the city's name (for ``{city}``).
    :ivar email_domains: the domains of city e-mail addresses (moderators must have one).
    """

    warning_template: str
    strike_clauses: tuple[str, ...] = ("12.4.D",)
    strike_expiry_days: int = 0
    block_at_strike: int = 2
    removal: str = "hide"
    tags_count_as_strikes: bool = False
    city_name: str = "City of Clive"
    email_domains: tuple[str, ...] = ("cityofclive.com",)

    @classmethod
    def from_config(cls, config: Config) -> ModerationSettings:
        """Read and check ``[moderation]`` (and the city's name and e-mail domains)."""
        section = config.section("moderation")
        city = config.section("city")

        def bad(key: str, message: str) -> ConfigError:
            return ConfigError(message, path=config.source, key=f"moderation.{key}")

        template = str(section["warning_template"])
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
        except ValueError as exc:
            raise bad("warning_template", f"not a valid template: {exc}") from None
        unknown = names - set(_FIELDS)
        if unknown:
            raise bad("warning_template", f"unknown field {{{sorted(unknown)[0]}}} (known: "
                      + ", ".join("{" + f + "}" for f in _FIELDS) + ")")
        if not template.strip():
            raise bad("warning_template", "must not be empty")
        if section["removal"] not in ("hide", "delete"):
            raise bad("removal", "expected hide or delete")
        if int(section["block_at_strike"]) < 1:
            raise bad("block_at_strike", "must be at least 1")
        if int(section["strike_expiry_days"]) < 0:
            raise bad("strike_expiry_days", "must not be negative")
        return cls(
            warning_template=template, strike_clauses=tuple(section["strike_clauses"]),
            strike_expiry_days=int(section["strike_expiry_days"]),
            block_at_strike=int(section["block_at_strike"]), removal=str(section["removal"]),
            tags_count_as_strikes=bool(section["tags_count_as_strikes"]),
            city_name=str(city["name"]),
            email_domains=tuple(str(d).lower() for d in city["official_email_domains"]),
        )


def _utcnow() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


@attrs.define
class _Pending:
    """Index rows a transaction writes, gathered so that a batch writes each table at once."""

    strikes: list[dict[str, Any]] = attrs.field(factory=list)
    reviews: list[dict[str, Any]] = attrs.field(factory=list)
    items: dict[tuple[str, str], dict[str, Any]] = attrs.field(factory=dict)
    blocks: dict[tuple[str, str], dict[str, Any]] = attrs.field(factory=dict)

    def flush(self, w: Writer) -> None:
        """Write everything (safe to upsert: the writer holds the chain lock)."""
        if self.strikes:
            w.conn.execute(schema.strikes.insert(), self.strikes)
        if self.reviews:
            w.conn.execute(schema.reviews.insert(), self.reviews)
        for table, rows, column in ((schema.items, self.items, "content_id"),
                                    (schema.blocks, self.blocks, "author_key")):
            if not rows:
                continue
            names = sorted({k[1] for k in rows})
            existing: set[tuple[str, str]] = set()
            for start in range(0, len(names), 500):
                existing.update((p, k) for p, k in w.conn.execute(
                    sa.select(table.c.platform, table.c[column])
                    .where(table.c[column].in_(names[start:start + 500]))))
            update = [{"k_platform": k[0], "k_key": k[1], **v} for k, v in rows.items()
                      if k in existing]
            insert = [{"platform": k[0], column: k[1], **v} for k, v in rows.items()
                      if k not in existing]
            if update:
                w.conn.execute(table.update().where(
                    table.c.platform == sa.bindparam("k_platform"),
                    table.c[column] == sa.bindparam("k_key")), update)
            if insert:
                w.conn.execute(table.insert(), insert)


@attrs.define
class ModerationService:
    """Moderation with a record: build with :meth:`from_config`.

    :ivar store: where the record is kept.
    :ivar settings: the moderation settings.
    :ivar policy: the clause catalogue (for clause titles in warnings).
    :ivar clock: the current time (replaceable in tests).
    """

    store: RecordStore
    settings: ModerationSettings
    policy: Policy = attrs.field(factory=article_xii)
    clock: Callable[[], _dt.datetime] = attrs.field(default=_utcnow, repr=False)

    @classmethod
    def from_config(
        cls, config: str | Path | Mapping[str, Any] | Config | None = None, *,
        store: RecordStore | None = None, environ: Mapping[str, str] | None = None,
    ) -> ModerationService:
        """A service for this configuration (its ``[records]`` store unless one is given)."""
        from clive_rules.records.store import StoreSettings

        loaded = load_config(config)
        return cls(store=store or RecordStore(StoreSettings.from_config(loaded, environ)),
                   settings=ModerationSettings.from_config(loaded))

    # -- helpers -------------------------------------------------------------------------------

    def _check_person(self, moderator: Moderator, what: str) -> None:
        if not moderator.is_person:
            raise ModerationError(f"{what} needs a person, not automatic moderation")
        email = (moderator.email or "").strip().lower()
        domain = email.rpartition("@")[2]
        if not moderator.name.strip() or "@" not in email or not any(
                domain == d or domain.endswith("." + d) for d in self.settings.email_domains):
            raise ModerationError(
                f"moderator {moderator.name!r} needs a city e-mail address (@"
                + ", @".join(self.settings.email_domains) + ")")

    def _check_moderator(self, moderator: Moderator) -> None:
        if moderator.is_person:
            self._check_person(moderator, "moderation")

    def warning_text(self, clauses: Sequence[str]) -> str:
        """The 12.4.F warning for a removal under ``clauses``."""
        titles = []
        for clause in clauses:
            try:
                titles.append(self.policy.get(clause).title)
            except KeyError:
                titles.append(clause)
        return self.settings.warning_template.format(
            clause_refs="; ".join(f"{c} ({t})" for c, t in zip(clauses, titles, strict=True)),
            clauses=", ".join(clauses), titles="; ".join(titles), city=self.settings.city_name)

    def _counts_as_strike(self, clauses: Sequence[str], tag: bool) -> bool:
        if tag and not self.settings.tags_count_as_strikes:
            return False
        return any(_covers(self.settings.strike_clauses, c) for c in clauses)

    def _active(self, now: _dt.datetime) -> list[sa.ColumnElement[bool]]:
        """Strikes that count now: not revoked and, when strikes expire under the current
        configuration, counted within the expiry period (so a change of it applies to all)."""
        s = schema.strikes.c
        out: list[sa.ColumnElement[bool]] = [s.revoked_seq.is_(None)]
        days = self.settings.strike_expiry_days
        if days:
            out.append(s.counted_at > timestamp(now - _dt.timedelta(days=days)))
        return out

    def _strike_counts(self, w: Writer, keys: set[str]) -> dict[tuple[str, str], int]:
        s = schema.strikes.c
        out: dict[tuple[str, str], int] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            stmt = (sa.select(s.platform, s.author_key, sa.func.count())
                    .where(s.author_key.in_(ordered[start:start + 500]), *self._active(w.now))
                    .group_by(s.platform, s.author_key))
            for platform, author, n in w.conn.execute(stmt):
                out[(platform, author)] = int(n)
        return out

    def _removal(
        self, w: Writer, seq: int, content: Content, clauses: tuple[str, ...], key: str | None,
        counts: dict[tuple[str, str], int], removal: str, pending: _Pending,
    ) -> tuple[list[Step], str | None, dict[str, Any] | None]:
        """The steps of a removal (remove + warn, or remove + block) and its strike."""
        tag = content.kind is ContentKind.TAG
        effect = "hidden" if removal == "hide" else "deleted"
        steps = [Step("remove_tag", clauses) if tag else Step("remove", clauses, effect)]
        if key is None or not self._counts_as_strike(clauses, tag):
            return steps, None, None
        platform = content.platform or ""
        number = counts.get((platform, key), 0) + 1
        counts[(platform, key)] = number
        expiry = self.settings.strike_expiry_days
        expires = timestamp(w.now + _dt.timedelta(days=expiry)) if expiry else None
        pending.strikes.append({"platform": platform, "author_key": key, "record_seq": seq,
                                "counted_at": timestamp(w.now), "expires_at": expires})
        warning = None
        if number >= self.settings.block_at_strike:
            steps.append(Step("block", clauses))
            pending.blocks[(platform, key)] = {"blocked": True, "seq": seq}
        else:
            warning = self.warning_text(clauses)
            steps.append(Step("warn", clauses, text=warning))
        return steps, warning, {"number": number, "expires_at": expires}

    @staticmethod
    def _body(kind: str, content: Content, verdict: Verdict | None, moderator: Moderator,
              clauses: Sequence[str], steps: Sequence[Step], **extra: Any) -> dict[str, Any]:
        author = content.author.key if content.author is not None else None
        body: dict[str, Any] = {
            "schema": 1, "kind": kind, "content": content.to_dict(),
            "parent_id": content.raw.get("parent_id"), "author_key": author,
            "clauses": list(clauses), "actor": moderator.to_dict(),
            "actions": [s.to_dict() for s in steps],
            "warning": next((s.text for s in steps if s.kind == "warn"), None),
        }
        if verdict is not None:
            body["verdict"] = verdict.to_dict()
        body.update(extra)
        return body

    # -- moderation ----------------------------------------------------------------------------

    def moderate(
        self, content: Content, verdict: Verdict, moderator: Moderator | None = None, *,
        removal: str | None = None,
    ) -> Outcome:
        """Record and return what the policy asks for this verdict (nothing for ``allow``).

        :param moderator: who acts; automatic moderation when ``None``.
        :param removal: ``"hide"`` or ``"delete"``: overrides ``[moderation] removal``.
        """
        return self.moderate_many([(content, verdict)], moderator, removal=removal)[0]

    def moderate_many(
        self, items: Iterable[tuple[Content, Verdict]], moderator: Moderator | None = None, *,
        removal: str | None = None,
    ) -> list[Outcome]:
        """:meth:`moderate` for many items in one transaction (all recorded, or none)."""
        who = moderator or Moderator.automatic()
        self._check_moderator(who)
        mode = removal or self.settings.removal
        if mode not in ("hide", "delete"):
            raise ModerationError(f"removal must be hide or delete, not {mode!r}")
        given = list(items)
        for content, verdict in given:
            if verdict.content_id is not None and content.id is not None \
                    and verdict.content_id != content.id:
                raise ModerationError(f"verdict for {verdict.content_id!r} given with content "
                                      f"{content.id!r}")
        acting = [(c, v) for c, v in given if v.decision is not Decision.ALLOW]
        if not acting:
            return [_NOTHING] * len(given)
        outcomes: dict[int, Outcome] = {}
        pending = _Pending()
        with self.store.write("recording the moderation", now=self.clock()) as w:
            keys = {c.author.key for c, _ in acting if c.author is not None and c.author.key}
            counts = self._strike_counts(w, keys)
            i = schema.items.c
            ids = sorted({c.id for c, _ in acting if c.id is not None})
            states: dict[tuple[str, str], tuple[str, int]] = {}
            for start in range(0, len(ids), 500):
                for row in w.conn.execute(sa.select(i.platform, i.content_id, i.state, i.seq)
                                          .where(i.content_id.in_(ids[start:start + 500]))):
                    states[(row.platform, row.content_id)] = (row.state, int(row.seq))
            for index, (content, verdict) in enumerate(given):
                if verdict.decision is Decision.ALLOW:
                    outcomes[index] = _NOTHING
                    continue
                item = (content.platform or "", content.id) if content.id is not None else None
                state = states.get(item) if item is not None else None
                if state is not None and state[0] in ("removed", "held"):
                    outcomes[index] = Outcome(state[1], "duplicate", duplicate=True)
                    continue
                outcome = self._one(w, content, verdict, who, counts, mode, pending)
                outcomes[index] = outcome
                if item is not None and outcome.record_id is not None:
                    new = "held" if outcome.review_id is not None else "removed"
                    states[item] = (new, outcome.record_id)
                    pending.items[item] = {"state": new, "seq": outcome.record_id}
            pending.flush(w)
        return [outcomes[n] for n in range(len(given))]

    def _one(self, w: Writer, content: Content, verdict: Verdict, who: Moderator,
             counts: dict[tuple[str, str], int], mode: str, pending: _Pending) -> Outcome:
        seq = w.next_seq
        key = content.author.key if content.author is not None else None
        redirects = [Step("redirect", a.clauses, target=a.target) for a in verdict.actions
                     if a.kind is ActionKind.REDIRECT]
        if verdict.decision is Decision.REVIEW:
            clauses = next((a.clauses for a in verdict.actions
                            if a.kind is ActionKind.HOLD_FOR_REVIEW), verdict.clauses)
            steps = [Step("hold_for_review", clauses, "hidden"), *redirects]
            w.append("review_hold", self._body("review_hold", content, verdict, who, clauses,
                                               steps))
            pending.reviews.append({"review_id": seq, "state": "pending", "decided_seq": None})
            return Outcome(seq, "review_hold", tuple(steps), review_id=seq)
        clauses = next((a.clauses for a in verdict.actions
                        if a.kind in (ActionKind.REMOVE, ActionKind.REMOVE_TAG)),
                       verdict.clauses)
        steps, warning, strike = self._removal(w, seq, content, clauses, key, counts, mode,
                                               pending)
        steps.extend(redirects)
        kind = "tag_removal" if content.kind is ContentKind.TAG else "removal"
        w.append(kind, self._body(kind, content, verdict, who, clauses, steps, strike=strike))
        return Outcome(seq, kind, tuple(steps), warning,
                       strike["number"] if strike else None)

    # -- decisions by a person -----------------------------------------------------------------

    def _load(self, w: Writer, seq: int) -> tuple[str, dict[str, Any]]:
        r = schema.records.c
        row = w.conn.execute(sa.select(r.kind, r.body).where(r.seq == seq)).one_or_none()
        if row is None:
            raise ModerationError(f"no record {seq}")
        if row.body is None:
            raise ModerationError(f"record {seq} was purged")
        import json

        return str(row.kind), json.loads(row.body)

    def _review(self, w: Writer, review_id: int) -> dict[str, Any]:
        rv = schema.reviews.c
        state = w.conn.execute(sa.select(rv.state).where(rv.review_id == review_id)).scalar()
        if state is None:
            raise ModerationError(f"no review {review_id}")
        if state != "pending":
            raise ModerationError(f"review {review_id} was already {state}")
        return self._load(w, review_id)[1]

    def confirm(
        self, review_id: int, moderator: Moderator, *, clauses: Sequence[str] | None = None,
        note: str = "", removal: str | None = None,
    ) -> Outcome:
        """A person confirms that held content breaks the policy: it is removed and counts.

        :param clauses: the clauses it breaks (those it was held under when ``None``).
        """
        self._check_person(moderator, "confirming a review")
        mode = removal or self.settings.removal
        with self.store.write("recording the confirmation", now=self.clock()) as w:
            body = self._review(w, review_id)
            content = Content.from_dict(body["content"])
            chosen = tuple(clauses) if clauses else tuple(body["clauses"])
            for clause in chosen:
                if clause not in self.policy:
                    raise ModerationError(f"no clause {clause!r} in the policy")
            seq = w.next_seq
            key = body.get("author_key")
            counts = self._strike_counts(w, {key} if key else set())
            pending = _Pending()
            steps, warning, strike = self._removal(w, seq, content, chosen, key, counts, mode,
                                                   pending)
            w.append("confirm", self._body(
                "confirm", content, Verdict.from_dict(body["verdict"]), moderator, chosen,
                steps, refers_to=review_id, strike=strike, note=note))
            w.conn.execute(schema.reviews.update().where(
                schema.reviews.c.review_id == review_id).values(state="confirmed",
                                                                 decided_seq=seq))
            if content.id is not None:
                pending.items[(content.platform or "", content.id)] = {"state": "removed",
                                                                       "seq": seq}
            pending.flush(w)
        return Outcome(seq, "confirm", tuple(steps), warning,
                       strike["number"] if strike else None)

    def dismiss(self, review_id: int, moderator: Moderator, reason: str) -> Outcome:
        """A person finds held content acceptable: it is shown again and does not count."""
        self._check_person(moderator, "dismissing a review")
        self._check_reason(reason)
        with self.store.write("recording the dismissal", now=self.clock()) as w:
            body = self._review(w, review_id)
            content = Content.from_dict(body["content"])
            seq = w.next_seq
            steps = [Step("release", tuple(body["clauses"]))]
            w.append("dismiss", self._body("dismiss", content, None, moderator, body["clauses"],
                                           steps, refers_to=review_id, reason=reason))
            w.conn.execute(schema.reviews.update().where(
                schema.reviews.c.review_id == review_id).values(state="dismissed",
                                                                 decided_seq=seq))
            self._set_item(w, content, "reinstated", seq)
        return Outcome(seq, "dismiss", tuple(steps))

    @staticmethod
    def _check_reason(reason: str) -> None:
        if not reason or not reason.strip():
            raise ModerationError("a reversal needs a reason")

    @staticmethod
    def _set_item(w: Writer, content: Content, state: str, seq: int) -> None:
        if content.id is not None:
            pending = _Pending()
            pending.items[(content.platform or "", content.id)] = {"state": state, "seq": seq}
            pending.flush(w)

    def reinstate(self, record_id: int, moderator: Moderator, reason: str) -> Outcome:
        """Reverse a removal (or a tag removal): the content is restored, its strike revoked,
        and a block it led to lifted. The removal's record stays; this adds one."""
        self._check_person(moderator, "reinstating")
        self._check_reason(reason)
        r = schema.records.c
        with self.store.write("recording the reinstatement", now=self.clock()) as w:
            kind, body = self._load(w, record_id)
            if kind not in ("removal", "confirm", "tag_removal"):
                raise ModerationError(f"record {record_id} is a {kind}, not a removal"
                                      + (" (use dismiss for a review)"
                                         if kind == "review_hold" else ""))
            done = w.conn.execute(sa.select(r.seq).where(
                r.refers_to == record_id, r.kind == "reinstate")).scalar()
            if done is not None:
                raise ModerationError(f"record {record_id} was already reversed by record {done}")
            content = Content.from_dict(body["content"])
            seq = w.next_seq
            clauses = tuple(body["clauses"])
            steps = [Step("restore_tag" if kind == "tag_removal" else "reinstate", clauses)]
            s = schema.strikes.c
            revoked = w.conn.execute(schema.strikes.update().where(
                s.record_seq == record_id, s.revoked_seq.is_(None)).values(revoked_seq=seq)
            ).rowcount
            b = schema.blocks.c
            key = body.get("author_key")
            if key and any(a["kind"] == "block" for a in body["actions"]):
                platform = content.platform or ""
                lifted = w.conn.execute(schema.blocks.update().where(
                    b.platform == platform, b.author_key == key, b.blocked.is_(True)).values(
                    blocked=False, seq=seq)).rowcount
                if lifted:
                    steps.append(Step("unblock", clauses))
            w.append("reinstate", self._body("reinstate", content, None, moderator, clauses,
                                             steps, refers_to=record_id, reason=reason,
                                             strike_revoked=bool(revoked)))
            self._set_item(w, content, "reinstated", seq)
        return Outcome(seq, "reinstate", tuple(steps))

    def unblock(
        self, author: str, moderator: Moderator, reason: str, *, platform: str | None = None
    ) -> Outcome:
        """Lift an author's block (their strikes stay; reinstate a removal to revoke one)."""
        self._check_person(moderator, "unblocking")
        self._check_reason(reason)
        b = schema.blocks.c
        with self.store.write("recording the unblock", now=self.clock()) as w:
            stmt = sa.select(b.platform, b.seq).where(b.author_key == author, b.blocked.is_(True))
            if platform is not None:
                stmt = stmt.where(b.platform == platform)
            rows = w.conn.execute(stmt).all()
            if not rows:
                raise ModerationError(f"{author!r} is not blocked"
                                      + (f" on {platform}" if platform else ""))
            if len(rows) > 1:
                raise ModerationError(f"{author!r} is blocked on several platforms ("
                                      + ", ".join(r.platform or "-" for r in rows)
                                      + "): name one")
            where, block_seq = rows[0].platform, int(rows[0].seq)
            seq = w.next_seq
            steps = [Step("unblock")]
            w.append("unblock", {"schema": 1, "kind": "unblock", "author_key": author,
                                 "platform": where or None, "refers_to": block_seq,
                                 "actor": moderator.to_dict(),
                                 "actions": [s.to_dict() for s in steps], "reason": reason})
            w.conn.execute(schema.blocks.update().where(b.platform == where,
                                                        b.author_key == author)
                           .values(blocked=False, seq=seq))
        return Outcome(seq, "unblock", tuple(steps))

    # -- reading -------------------------------------------------------------------------------

    def strikes(self, author: str, platform: str | None = None) -> int:
        """The author's strikes that count now (not revoked, not expired)."""
        s = schema.strikes.c
        stmt = (sa.select(sa.func.count()).select_from(schema.strikes)
                .where(s.author_key == author, *self._active(self.clock())))
        if platform is not None:
            stmt = stmt.where(s.platform == platform)
        with self.store.read() as conn:
            return int(conn.execute(stmt).scalar_one())

    def blocked(self, author: str, platform: str | None = None) -> bool:
        """Whether the author is blocked (on ``platform``, or on any)."""
        b = schema.blocks.c
        stmt = sa.select(sa.func.count()).select_from(schema.blocks).where(
            b.author_key == author, b.blocked.is_(True))
        if platform is not None:
            stmt = stmt.where(b.platform == platform)
        with self.store.read() as conn:
            return bool(conn.execute(stmt).scalar_one())

    def history(self, author: str) -> list[StoredRecord]:
        """Every record about an author, oldest first."""
        return list(self.store.iter_records(Filters(author=author)))
