"""Security incidents (12.5.B): the five steps of a breach response, who did each and when.

Incidents live in the record store, in the same hash chain as moderation actions, as two kinds
of append-only record:

``incident_opened``
    ``{"account", "platform", "summary", "actor", "at"}``; the record's number is the incident's
    id.
``incident_step``
    ``{"refers_to": <incident id>, "step", "clause", "actor", "at", "note"}``: one of
    :data:`STEPS` done.

Nothing is ever updated: an incident's state is read back from its records, so the response is
as tamper-evident as the rest of the record (``clive-rules records verify``), appears in
``records export``, and is never purged (these kinds are not purgeable). A step is recorded once;
recording it twice is refused inside the write transaction, so two people cannot both record it.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from clive_rules.errors import CliveRulesError

if TYPE_CHECKING:
    from clive_rules.config import Config
    from clive_rules.records.store import RecordStore

__all__ = [
    "OPENED",
    "STEP",
    "STEPS",
    "Incident",
    "IncidentError",
    "IncidentLog",
    "IncidentStep",
    "StepDone",
]

OPENED = "incident_opened"
"""The record kind that opens an incident."""
STEP = "incident_step"
"""The record kind of one step done."""


@attrs.frozen
class IncidentStep:
    """One step of the 12.5.B response.

    :ivar name: the name used on the command line (``credentials``).
    :ivar clause: the clause that asks for it (``12.5.B.2``).
    :ivar title: what to do.
    """

    name: str
    clause: str
    title: str


STEPS: tuple[IncidentStep, ...] = (
    IncidentStep("respond", "12.5.B.1", "Respond quickly"),
    IncidentStep("credentials", "12.5.B.2", "Change the login and password"),
    IncidentStep("notify-followers", "12.5.B.3", "Acknowledge the breach to followers"),
    IncidentStep("damage", "12.5.B.4", "Look for damage and correct it"),
    IncidentStep("report-it", "12.5.B.5", "Report the incident to the IT Director"),
)
"""The five steps, in the policy's order."""

_BY_NAME = {s.name: s for s in STEPS}


class IncidentError(CliveRulesError, ValueError):
    """An incident request is wrong: unknown incident or step, a step already done, no name."""


def _parse_time(value: str) -> _dt.datetime:
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = _dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.timezone.utc)


def _utc(moment: _dt.datetime) -> _dt.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc)


@attrs.frozen
class StepDone:
    """A step as recorded.

    :ivar step: which step.
    :ivar by: who did it (name); :ivar email: their e-mail address, if given.
    :ivar at: when it was done; :ivar recorded_at: when it was recorded.
    :ivar note: what was done, if noted.
    :ivar record: the record's number.
    """

    step: IncidentStep
    by: str
    email: str | None
    at: _dt.datetime
    recorded_at: str
    note: str | None
    record: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"step": self.step.name, "clause": self.step.clause, "by": self.by,
                "email": self.email, "at": self.at.isoformat(), "recorded_at": self.recorded_at,
                "note": self.note, "record": self.record}


@attrs.frozen
class Incident:
    """A breach response as its records tell it.

    :ivar id: the number of its opening record.
    :ivar account: the account (the inventory's id for it).
    :ivar platform: the platform, if given.
    :ivar summary: what happened, as first reported.
    :ivar opened_by: who opened it; :ivar opened_at: when the breach was found.
    :ivar done: the steps done so far, in the order they were recorded.
    :ivar deadlines: step name -> hours after opening by which it is due.
    """

    id: int
    account: str
    platform: str | None
    summary: str
    opened_by: str
    opened_at: _dt.datetime
    done: tuple[StepDone, ...] = ()
    deadlines: Mapping[str, float] = attrs.field(factory=dict, eq=False, hash=False)

    def step(self, name: str) -> StepDone | None:
        """The record of one step, or ``None`` when it is not done."""
        return next((d for d in self.done if d.step.name == name), None)

    @property
    def pending(self) -> tuple[IncidentStep, ...]:
        """The steps not done yet, in the policy's order."""
        names = {d.step.name for d in self.done}
        return tuple(s for s in STEPS if s.name not in names)

    @property
    def is_open(self) -> bool:
        """True until all five steps are done."""
        return bool(self.pending)

    def due(self, step: IncidentStep) -> _dt.datetime:
        """When ``step`` is due."""
        return self.opened_at + _dt.timedelta(hours=float(self.deadlines.get(step.name, 0)))

    def overdue(self, now: _dt.datetime) -> tuple[IncidentStep, ...]:
        """The steps not done by their deadline, as of ``now``."""
        moment = _utc(now)
        return tuple(s for s in self.pending if moment > self.due(s))

    def late(self) -> tuple[StepDone, ...]:
        """The steps done, but after their deadline."""
        return tuple(d for d in self.done if d.at > self.due(d.step))

    def to_dict(self, now: _dt.datetime | None = None) -> dict[str, Any]:
        """A JSON-ready dict (with overdue steps as of ``now`` when given)."""
        out: dict[str, Any] = {
            "id": self.id, "account": self.account, "platform": self.platform,
            "summary": self.summary, "opened_by": self.opened_by,
            "opened_at": self.opened_at.isoformat(), "open": self.is_open,
            "steps": [{"step": s.name, "clause": s.clause, "title": s.title,
                       "due": self.due(s).isoformat(),
                       "done": (d.to_dict() if (d := self.step(s.name)) else None)}
                      for s in STEPS],
        }
        if now is not None:
            out["overdue"] = [s.name for s in self.overdue(now)]
        return out


def _deadlines(config: Config | None) -> dict[str, float]:
    from clive_rules.city.plugin import DEFAULT_STEP_HOURS

    hours: dict[str, float] = {k: float(v) for k, v in DEFAULT_STEP_HOURS.items()}
    if config is None or "incidents" not in config.sections:
        return hours
    from clive_rules.errors import ConfigError

    for name, value in config.section("incidents")["deadline_hours"].items():
        key = f"incidents.deadline_hours.{name}"
        if name not in _BY_NAME:
            raise ConfigError(f"no such step (steps: {', '.join(_BY_NAME)})",
                              path=config.source, key=key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"expected a number of hours, got {value!r}", path=config.source,
                              key=key)
        hours[name] = float(value)
    return hours


def step_named(name: str) -> IncidentStep:
    """The step called ``name`` (or by its clause id); :class:`IncidentError` if none is."""
    key = name.strip().lower()
    for step in STEPS:
        if key in (step.name, step.clause.lower()):
            return step
    raise IncidentError(f"no step {name!r} (steps: {', '.join(_BY_NAME)})")


@attrs.define
class IncidentLog:
    """Opens incidents and records their steps in a record store.

    :ivar store: the record store (the same one moderation writes to).
    :ivar deadlines: step name -> hours after opening by which it is due.
    """

    store: RecordStore
    deadlines: Mapping[str, float] = attrs.field(factory=lambda: _deadlines(None))

    @classmethod
    def from_config(cls, config: Config, environ: Mapping[str, str] | None = None) -> IncidentLog:
        """A log on the store of ``[records]``, with the deadlines of ``[incidents]``."""
        from clive_rules.records.store import RecordStore

        return cls(RecordStore.open(config, environ), _deadlines(config))

    @staticmethod
    def _actor(by: str, email: str | None) -> dict[str, Any]:
        if not by or not by.strip():
            raise IncidentError("say who did it (--by NAME)")
        return {"type": "person", "name": by.strip(), "email": (email or "").strip() or None}

    def open(
        self, account: str, *, by: str, summary: str = "", email: str | None = None,
        platform: str | None = None, at: _dt.datetime | None = None,
        now: _dt.datetime | None = None,
    ) -> Incident:
        """Open an incident on ``account``; ``at`` is when the breach was found (default: now)."""
        if not account or not account.strip():
            raise IncidentError("name the account")
        actor = self._actor(by, email)
        with self.store.write("opening the incident", now=now) as w:
            moment = _utc(at or w.now)
            if moment > _utc(w.now) + _dt.timedelta(minutes=5):
                raise IncidentError(f"--at {moment.isoformat()} is in the future")
            body = {"schema": 1, "kind": OPENED, "account": account.strip(),
                    "platform": platform, "summary": summary.strip(), "actor": actor,
                    "at": moment.isoformat()}
            seq = w.append(OPENED, body)
        return self.get(seq)

    def record_step(
        self, incident_id: int, step: str, *, by: str, email: str | None = None,
        note: str | None = None, at: _dt.datetime | None = None, now: _dt.datetime | None = None,
    ) -> Incident:
        """Record that ``step`` of incident ``incident_id`` was done (once per step)."""
        chosen = step_named(step)
        actor = self._actor(by, email)
        import sqlalchemy as sa

        from clive_rules.records import schema

        r = schema.records
        with self.store.write("recording the incident step", now=now) as w:
            opened = w.conn.execute(sa.select(r.c.kind, r.c.body).where(
                r.c.seq == incident_id)).one_or_none()
            if opened is None or opened.kind != OPENED or opened.body is None:
                raise IncidentError(f"no incident {incident_id}")
            opened_at = _parse_time(json.loads(opened.body)["at"])
            for row in w.conn.execute(sa.select(r.c.seq, r.c.body).where(
                    r.c.kind == STEP, r.c.refers_to == incident_id)):
                body = json.loads(row.body) if row.body else {}
                if body.get("step") == chosen.name:
                    raise IncidentError(
                        f"incident {incident_id}: step {chosen.name!r} was already recorded "
                        f"by {body.get('actor', {}).get('name')} at {body.get('at')} "
                        f"(record {row.seq})")
            moment = _utc(at or w.now)
            if moment > _utc(w.now) + _dt.timedelta(minutes=5):
                raise IncidentError(f"--at {moment.isoformat()} is in the future")
            if moment < opened_at:
                raise IncidentError(f"--at {moment.isoformat()} is before the incident was "
                                    f"opened ({opened_at.isoformat()})")
            w.append(STEP, {"schema": 1, "kind": STEP, "refers_to": incident_id,
                            "step": chosen.name, "clause": chosen.clause, "actor": actor,
                            "at": moment.isoformat(), "note": (note or "").strip() or None})
        return self.get(incident_id)

    def _build(self, seq: int, body: Mapping[str, Any],
               steps: list[tuple[int, str, Mapping[str, Any]]]) -> Incident:
        done = []
        for step_seq, recorded_at, step_body in steps:
            actor = step_body.get("actor") or {}
            done.append(StepDone(
                step=_BY_NAME[step_body["step"]], by=str(actor.get("name", "")),
                email=actor.get("email"), at=_parse_time(step_body["at"]),
                recorded_at=recorded_at, note=step_body.get("note"), record=step_seq))
        actor = body.get("actor") or {}
        return Incident(
            id=seq, account=str(body["account"]), platform=body.get("platform"),
            summary=str(body.get("summary") or ""), opened_by=str(actor.get("name", "")),
            opened_at=_parse_time(body["at"]), done=tuple(done), deadlines=dict(self.deadlines))

    def _read(self, incident_id: int | None = None) -> Iterator[Incident]:
        import sqlalchemy as sa

        from clive_rules.records import schema

        r = schema.records
        stmt = (sa.select(r.c.seq, r.c.kind, r.c.recorded_at, r.c.body, r.c.refers_to)
                .where(r.c.kind.in_((OPENED, STEP)), r.c.body.is_not(None)).order_by(r.c.seq))
        if incident_id is not None:
            stmt = stmt.where(sa.or_(r.c.seq == incident_id, r.c.refers_to == incident_id))
        opened: dict[int, Mapping[str, Any]] = {}
        steps: dict[int, list[tuple[int, str, Mapping[str, Any]]]] = {}
        with self.store.read() as conn:
            for row in conn.execute(stmt):
                body = json.loads(row.body)
                if row.kind == OPENED:
                    opened[int(row.seq)] = body
                elif row.refers_to is not None:
                    steps.setdefault(int(row.refers_to), []).append(
                        (int(row.seq), row.recorded_at, body))
        for seq, body in opened.items():
            yield self._build(seq, body, steps.get(seq, []))

    def get(self, incident_id: int) -> Incident:
        """One incident; :class:`IncidentError` when there is none."""
        for incident in self._read(incident_id):
            if incident.id == incident_id:
                return incident
        raise IncidentError(f"no incident {incident_id}")

    def find(self, *, open_only: bool = False, account: str | None = None) -> list[Incident]:
        """Every incident (or only the open ones, or one account's), oldest first."""
        return [i for i in self._read()
                if (not open_only or i.is_open) and (account is None or i.account == account)]
