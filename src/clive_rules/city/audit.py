"""The account audit: each account of an inventory against 12.3, 12.4.C and 12.5.

:func:`audit` is a pure function of the inventory, the configuration, the day of the audit
("today" is a parameter, so tests and re-runs are reproducible), the incidents from the record
store, and the live settings platform plugins report. Each :class:`AuditFinding` cites its clause
and says what to do; its status is ``fail`` when the record shows the clause is not met, or
``missing`` when the inventory does not record what the clause needs (which is itself something
to fix: the audit cannot vouch for what nobody wrote down).

The checks are listed in :data:`AUDIT_CHECKS` (the clause map is built from it).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from clive_rules.city.inventory import Account, AccountSettings, Inventory

if TYPE_CHECKING:
    from clive_rules.city.incidents import Incident
    from clive_rules.config import Config

__all__ = ["AUDIT_CHECKS", "AUDIT_SCHEMA", "AccountResult", "AuditFinding", "AuditReport",
           "audit"]

AUDIT_SCHEMA = 1
"""The version of the JSON shape of :meth:`AuditReport.to_dict`."""

AUDIT_CHECKS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "approval": (("12.3.A",), "the City Manager's approval is recorded with a date"),
    "website-listing": (("12.3.C",), "the city website lists the account"),
    "public": (("12.3.D",), "the account is public (live visibility first, then the inventory)"),
    "logo": (("12.3.E",), "the account carries the city logo (live first, then the inventory)"),
    "affiliations": (("12.3.G",),
                     "every group joined and page followed has a recorded relation to city "
                     "business"),
    "director": (("12.3.H",), "a Department Director is named as responsible"),
    "moderators": (("12.3.H.1",), "the director has appointed at least one current moderator"),
    "moderator-status": (("12.3.H.2",),
                         "each moderator is an employee or an official volunteer"),
    "personnel-policies": (("12.3.H.3",),
                           "each moderator's acknowledgement of the personnel policies is "
                           "recorded"),
    "training": (("12.3.H.4",), "each moderator's training is recorded (and current)"),
    "monitoring": (("12.3.I", "12.4.A.3"),
                   "activity on at least two days in each recent week (inventory history and "
                   "live post dates)"),
    "emergency-plan": (("12.3.I",), "the department's Emergency Operations Plan reference"),
    "moderator-email": (("12.4.C",), "each moderator has a city e-mail address"),
    "credential-holders": (("12.5.A", "12.5.A.2"),
                           "only the director, designees and current moderators hold the "
                           "credentials"),
    "credential-rotation": (("12.5.A", "12.5.A.3"),
                            "credentials were changed on or after the last moderator change"),
    "incidents": (("12.5.B", "12.5.B.1", "12.5.B.2", "12.5.B.3", "12.5.B.4", "12.5.B.5"),
                  "no security incident is open, and no 12.5.B step is overdue"),
}
"""Check id -> (the clauses it cites, what it verifies)."""

FAIL = "fail"
MISSING = "missing"


@attrs.frozen
class AuditFinding:
    """One thing wrong with, or missing from, an account's record.

    :ivar account: the account's id.
    :ivar clause: the clause it cites, e.g. ``"12.5.A.3"``.
    :ivar check: the check that found it (a key of :data:`AUDIT_CHECKS`).
    :ivar status: ``"fail"`` (the clause is not met) or ``"missing"`` (not recorded).
    :ivar problem: what is wrong, in one sentence.
    :ivar remedy: what to do about it, in one sentence.
    :ivar field: the inventory field concerned, if any.
    :ivar source: where the fact came from: ``"inventory"``, a plugin's name, or ``"records"``.
    """

    account: str
    clause: str
    check: str
    status: str
    problem: str
    remedy: str
    field: str | None = None
    source: str = "inventory"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"account": self.account, "clause": self.clause, "check": self.check,
                "status": self.status, "problem": self.problem, "remedy": self.remedy,
                "field": self.field, "source": self.source}


@attrs.frozen
class AccountResult:
    """The audit of one account.

    :ivar account: the account as the inventory records it (``None`` for an account that only
        the record store knows, through an incident).
    :ivar account_id: its id.
    :ivar findings: what is wrong or missing.
    :ivar live: the live settings a plugin reported, if any.
    """

    account: Account | None
    account_id: str
    findings: tuple[AuditFinding, ...]
    live: AccountSettings | None = None

    @property
    def ok(self) -> bool:
        """True when nothing is wrong or missing."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        account = self.account
        live = self.live
        return {
            "account": self.account_id,
            "platform": account.platform if account else None,
            "department": account.department if account else None,
            "in_inventory": account is not None,
            "ok": self.ok,
            "findings": [f.to_dict() for f in self.findings],
            "live": None if live is None else {
                "source": live.source, "visibility": live.visibility, "logo": live.logo,
                "recent_posts": [t.isoformat() for t in live.recent_posts]},
        }


@attrs.frozen
class AuditReport:
    """The audit of a whole inventory.

    :ivar today: the day of the audit.
    :ivar source: the inventory file.
    :ivar results: one per account, in inventory order (then accounts known only from incidents).
    :ivar problems: plugins that failed while reporting live settings.
    """

    today: _dt.date
    source: str | None
    results: tuple[AccountResult, ...]
    problems: tuple[str, ...] = ()

    @property
    def findings(self) -> tuple[AuditFinding, ...]:
        """Every finding, account by account."""
        return tuple(f for r in self.results for f in r.findings)

    @property
    def ok(self) -> bool:
        """True when no account has a finding."""
        return all(r.ok for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``clive-rules audit --format json``."""
        return {
            "schema": AUDIT_SCHEMA, "today": self.today.isoformat(), "inventory": self.source,
            "ok": self.ok,
            "summary": {"accounts": len(self.results),
                        "accounts_with_findings": sum(1 for r in self.results if not r.ok),
                        "findings": len(self.findings)},
            "accounts": [r.to_dict() for r in self.results],
            "problems": list(self.problems),
        }


@attrs.frozen
class _Settings:
    """What the audit reads from the configuration."""

    email_domains: tuple[str, ...]
    weeks: int
    per_week: int
    training_days: int

    @classmethod
    def of(cls, config: Config | None) -> _Settings:
        from clive_rules.config import CORE_DEFAULTS

        city: Mapping[str, Any] = (config.section("city") if config is not None
                                   else CORE_DEFAULTS["city"])
        section: Mapping[str, Any] = {}
        if config is not None and "audit" in config.sections:
            section = config.section("audit")
        from clive_rules.errors import ConfigError

        values = {}
        for key, default in (("monitoring_weeks", 4), ("updates_per_week", 2),
                             ("training_valid_days", 0)):
            value = int(section.get(key, default))
            if value < (1 if key != "training_valid_days" else 0):
                raise ConfigError("must be at least " + ("1" if key != "training_valid_days"
                                                         else "0"),
                                  path=config.source if config else None, key=f"audit.{key}")
            values[key] = value
        return cls(
            email_domains=tuple(str(d).lower() for d in city["official_email_domains"]),
            weeks=values["monitoring_weeks"], per_week=values["updates_per_week"],
            training_days=values["training_valid_days"],
        )


def _is_city_email(email: str | None, domains: Sequence[str]) -> bool:
    if not email or "@" not in email:
        return False
    domain = email.strip().lower().rpartition("@")[2]
    return any(domain == d or domain.endswith("." + d) for d in domains)


@attrs.define
class _Checker:
    """Runs every check on one account and collects the findings."""

    account: Account
    today: _dt.date
    settings: _Settings
    live: AccountSettings | None
    found: list[AuditFinding] = attrs.field(factory=list)

    def add(self, check: str, clause: str, status: str, problem: str, remedy: str,
            field: str | None = None, source: str = "inventory") -> None:
        self.found.append(AuditFinding(self.account.id, clause, check, status, problem, remedy,
                                       field, source))

    def run(self) -> None:
        self.approval()
        self.website()
        self.public()
        self.logo()
        self.affiliations()
        self.director()
        self.moderators()
        self.monitoring()
        self.emergency_plan()
        self.credentials()

    # 12.3.A, C, D, E, G ----------------------------------------------------------------------

    def approval(self) -> None:
        a = self.account
        if not a.approved_by or a.approved_on is None:
            what = " and ".join(x for x, v in (("who approved it", a.approved_by),
                                              ("when", a.approved_on)) if not v)
            self.add("approval", "12.3.A", MISSING,
                     f"The City Manager's approval of the account is not recorded ({what}).",
                     "Find the City Manager's (or designee's) approval and record it under "
                     "[accounts.approval] (by, on); if there is none, request it now.",
                     "approval")
        elif a.approved_on > self.today:
            self.add("approval", "12.3.A", FAIL,
                     f"The approval date {a.approved_on} is in the future.",
                     "Correct the approval date.", "approval.on")

    def website(self) -> None:
        if self.account.listed_on_website is None:
            self.add("website-listing", "12.3.C", MISSING,
                     "The account is not recorded as listed on the city website.",
                     "List the account on the city's social media page and record the page's "
                     "address in listed_on_website.", "listed_on_website")

    def public(self) -> None:
        live = self.live.public if self.live else None
        if live is not None:
            assert self.live is not None
            if not live:
                self.add("public", "12.3.D", FAIL,
                         f"The platform reports the account's visibility as "
                         f"{self.live.visibility!r}, not public.",
                         "Turn off the privacy settings so that anyone can view the account.",
                         "public", self.live.source or "live")
            return
        if self.account.public is None:
            self.add("public", "12.3.D", MISSING, "Whether the account is public is not "
                     "recorded.", "Check the account's privacy settings and record public = "
                     "true once it is viewable by anyone.", "public")
        elif not self.account.public:
            self.add("public", "12.3.D", FAIL, "The account uses privacy settings.",
                     "Make the account viewable by the public and record public = true.",
                     "public")

    def logo(self) -> None:
        live = self.live.logo if self.live else None
        value = live if live is not None else self.account.logo
        source = (self.live.source or "live") if live is not None and self.live else "inventory"
        if value is None:
            self.add("logo", "12.3.E", MISSING, "Whether the account shows the city logo is "
                     "not recorded.", "Check the profile against the Brand Standards Manual "
                     "and record logo = true.", "logo")
        elif not value:
            self.add("logo", "12.3.E", FAIL, "The account does not carry the city logo and "
                     "departmental extension.", "Add the city logo and the authorised "
                     "departmental extension (see the Brand Standards Manual).", "logo", source)

    def affiliations(self) -> None:
        affiliations = self.account.affiliations
        if affiliations is None:
            self.add("affiliations", "12.3.G", MISSING, "The groups the account joined and "
                     "the pages it follows are not recorded.", "List them under "
                     "[[accounts.affiliations]] (an empty list, affiliations = [], if none).",
                     "affiliations")
            return
        for n, item in enumerate(affiliations):
            if not item.relation:
                self.add("affiliations", "12.3.G", FAIL,
                         f"The account {'joined the group' if item.kind == 'group' else 'follows the page'} "  # noqa: E501
                         f"{item.name!r} with no recorded relation to city business.",
                         "Record how it relates to city business, services or events, or "
                         f"{'leave the group' if item.kind == 'group' else 'unfollow the page'}.",
                         f"affiliations[{n}].relation")

    # 12.3.H and 12.4.C -----------------------------------------------------------------------

    def director(self) -> None:
        if self.account.director is None:
            self.add("director", "12.3.H", MISSING, "No Department Director is recorded as "
                     "responsible for the account.", "Record the responsible Department "
                     "Director under [accounts.director].", "director")

    def moderators(self) -> None:
        current = self.account.current_moderators(self.today)
        if not current:
            self.add("moderators", "12.3.H.1", FAIL if self.account.moderators else MISSING,
                     "The account has no current moderator.",
                     "Have the Department Director appoint a moderator and record them under "
                     "[[accounts.moderators]].", "moderators")
        for m in self.account.moderators:
            if not m.current(self.today):
                continue
            n = self.account.moderators.index(m)
            where = f"moderators[{n}]"
            if m.appointed_on is None:
                self.add("moderators", "12.3.H.1", MISSING, f"When {m.name} was appointed "
                         "is not recorded.", "Record the appointment date (appointed_on), so "
                         "that credential changes can be checked against it (12.5.A.3).",
                         f"{where}.appointed_on")
            if m.status is None:
                self.add("moderator-status", "12.3.H.2", MISSING, f"Whether {m.name} is an "
                         "employee or an official volunteer is not recorded.",
                         "Record their status (employee or official-volunteer).",
                         f"{where}.status")
            elif m.status not in ("employee", "official-volunteer"):
                self.add("moderator-status", "12.3.H.2", FAIL, f"{m.name} is recorded as "
                         f"{m.status}, not an employee or official volunteer of the city.",
                         "Replace them with an employee or official volunteer, or record "
                         "their appointment as an official volunteer.", f"{where}.status")
            if m.personnel_policies_on is None:
                self.add("personnel-policies", "12.3.H.3", MISSING, f"{m.name}'s "
                         "familiarity with the personnel policies is not recorded.",
                         "Have them review the Personnel Policy Manual and record the date "
                         "(personnel_policies_on).", f"{where}.personnel_policies_on")
            self.training(m.name, m.trained_on, f"{where}.trained_on")
            if not m.email:
                self.add("moderator-email", "12.4.C", MISSING, f"{m.name}'s city e-mail "
                         "address is not recorded.", "Record the city e-mail address the "
                         "moderator's posts are tied to.", f"{where}.email")
            elif not _is_city_email(m.email, self.settings.email_domains):
                self.add("moderator-email", "12.4.C", FAIL, f"{m.name}'s e-mail address "
                         f"{m.email!r} is not a city address, so their posts are not tied to "
                         "a city account.", "Tie the moderator's access to their city e-mail "
                         "address (@" + ", @".join(self.settings.email_domains) + ").",
                         f"{where}.email")

    def training(self, name: str, trained_on: _dt.date | None, field: str) -> None:
        if trained_on is None:
            self.add("training", "12.3.H.4", MISSING, f"{name}'s training for the role is not "
                     "recorded.", "Train them to act for the department and record the date "
                     "(trained_on).", field)
            return
        days = self.settings.training_days
        if days and (self.today - trained_on).days > days:
            self.add("training", "12.3.H.4", FAIL, f"{name}'s training dates from "
                     f"{trained_on}, more than {days} days ago.", "Renew their training and "
                     "record the new date.", field)

    # 12.3.I ----------------------------------------------------------------------------------

    def monitoring(self) -> None:
        days = set(self.account.activity)
        source = "inventory"
        if self.live is not None and self.live.recent_posts:
            days |= {t.date() for t in self.live.recent_posts}
            source = f"inventory and {self.live.source or 'live'}"
        days = {d for d in days if d <= self.today}
        if not days:
            self.add("monitoring", "12.3.I", MISSING, "No monitoring or update of the account "
                     "is recorded.", "Keep an activity history (the days the account was "
                     "checked or updated, at least twice a week) in activity.", "activity",
                     source)
            return
        start = self.account.created_on or self.account.approved_on
        short: list[str] = []
        need = self.settings.per_week
        for week in range(self.settings.weeks):
            last = self.today - _dt.timedelta(days=7 * week)
            first = last - _dt.timedelta(days=6)
            if start is not None and first < start:
                break  # the account did not exist for the whole week
            count = sum(1 for d in days if first <= d <= last)
            if count < need:
                short.append(f"{first} to {last}: {count} day(s)")
        if short:
            self.add("monitoring", "12.3.I", FAIL,
                     f"Monitored or updated on fewer than {need} days a week in "
                     f"{len(short)} of the last {self.settings.weeks} weeks ("
                     + "; ".join(short) + ").",
                     "Set a regimen of checking and updating the account at least twice a "
                     "week, and record each day in activity.", "activity", source)

    def emergency_plan(self) -> None:
        if not self.account.emergency_plan:
            self.add("emergency-plan", "12.3.I", MISSING, "No Emergency Operations Plan "
                     "reference says how the account is used in an emergency.",
                     "Add the account's emergency use to the department's Emergency "
                     "Operations Plan and record where (emergency_plan).", "emergency_plan")

    # 12.5.A ----------------------------------------------------------------------------------

    def credentials(self) -> None:
        a = self.account
        allowed = [p for p in (a.director, *a.designees) if p is not None]
        allowed += [m.person for m in a.current_moderators(self.today)]
        if a.credential_holders is None:
            self.add("credential-holders", "12.5.A.2", MISSING, "Who knows the account's "
                     "login and password is not recorded.", "Record every holder in "
                     "credentials.holders (names or e-mail addresses).", "credentials.holders")
        else:
            for holder in a.credential_holders:
                if not any(p.matches(holder) for p in allowed):
                    former = any(m.person.matches(holder) for m in a.moderators)
                    self.add("credential-holders", "12.5.A.2", FAIL,
                             f"{holder} knows the login and password but is "
                             + ("a former moderator." if former else
                                "neither the director, a designee nor a current moderator."),
                             "Change the login and password and give them only to the "
                             "director, designees and current moderators.",
                             "credentials.holders")
        changed = a.last_moderator_change(self.today)
        rotated = a.credentials_rotated_on
        if rotated is None:
            self.add("credential-rotation", "12.5.A.3", MISSING, "When the login and password "
                     "last changed is not recorded.", "Change them now and record the date "
                     "(credentials.rotated_on).", "credentials.rotated_on")
        elif changed is not None and rotated < changed:
            self.add("credential-rotation", "12.5.A.3", FAIL, f"The moderators changed on "
                     f"{changed} but the login and password were last changed on {rotated}.",
                     "Change the login and password now and record the date.",
                     "credentials.rotated_on")


def incident_findings(account: str, incidents: Iterable[Incident],
                      now: _dt.datetime) -> list[AuditFinding]:
    """Findings for the open incidents and overdue steps of one account."""
    out: list[AuditFinding] = []
    for incident in incidents:
        if incident.account != account or not incident.is_open:
            continue
        pending = ", ".join(s.name for s in incident.pending)
        out.append(AuditFinding(
            account, "12.5.B", "incidents", FAIL,
            f"Security incident {incident.id} (opened {incident.opened_at:%Y-%m-%d %H:%M} UTC "
            f"by {incident.opened_by}) is open; steps not done: {pending}.",
            f"Finish the response and record each step (clive-rules incident step "
            f"{incident.id} STEP --by NAME).", None, "records"))
        for step in incident.overdue(now):
            out.append(AuditFinding(
                account, step.clause, "incidents", FAIL,
                f"Incident {incident.id}: step {step.name!r} ({step.title}) was due by "
                f"{incident.due(step):%Y-%m-%d %H:%M} UTC and is not recorded as done.",
                f"{step.title} now, then record it (clive-rules incident step {incident.id} "
                f"{step.name} --by NAME).", None, "records"))
    return out


def audit(
    inventory: Inventory,
    *,
    config: Config | None = None,
    today: _dt.date | None = None,
    incidents: Sequence[Incident] = (),
    live: Callable[[Account], AccountSettings | None] | None = None,
    now: _dt.datetime | None = None,
) -> AuditReport:
    """Audit every account of ``inventory``.

    :param config: the configuration (``[city] official_email_domains``, ``[audit]``).
    :param today: the day of the audit (default: today, UTC).
    :param incidents: the security incidents from the record store.
    :param live: asked for each account's live settings (e.g. the plugin manager's
        ``account_settings``).
    :param now: the moment overdue incident steps are judged at (default: the end of ``today``
        when ``today`` is given, else the current time).
    """
    day = today or _dt.datetime.now(_dt.timezone.utc).date()
    if now is None:
        now = (_dt.datetime.combine(day, _dt.time(23, 59, 59), tzinfo=_dt.timezone.utc)
               if today is not None else _dt.datetime.now(_dt.timezone.utc))
    settings = _Settings.of(config)
    results = []
    for account in inventory.accounts:
        settings_live = live(account) if live is not None else None
        checker = _Checker(account, day, settings, settings_live)
        checker.run()
        checker.found.extend(incident_findings(account.id, incidents, now))
        results.append(AccountResult(account, account.id, tuple(checker.found), settings_live))
    known = {a.id for a in inventory.accounts}
    for account_id in dict.fromkeys(i.account for i in incidents if i.is_open):
        if account_id not in known:
            found = incident_findings(account_id, incidents, now)
            found.insert(0, AuditFinding(
                account_id, "12.3.A", "approval", MISSING, "The account has a security "
                "incident on record but is not in the inventory.", "Add the account to the "
                "inventory (or correct the incident's account name).", None, "records"))
            results.append(AccountResult(None, account_id, tuple(found)))
    return AuditReport(day, inventory.source, tuple(results))
