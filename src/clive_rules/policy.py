"""The clause catalogue of Article XII, the City of Clive's Social Media Use Policy.

Every lettered clause of sections 12.3, 12.4 and 12.5, and every item listed under one, is a
:class:`Clause` with the id that ``CONTRACT.md`` fixes (``12.4.D.1``). Titles are short summaries
in our own words, not the policy's text. A :class:`Policy` bundles the clauses with a version and
an effective date, so that a verdict which stores clause ids and the policy version stays readable
after the policy changes.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterator

import attrs

__all__ = [
    "ARTICLE_XII_VERSION", "Clause", "Governs", "Policy", "UnknownClauseError", "article_xii",
]

ARTICLE_XII_VERSION = "article-xii/1"
"""Version label of the policy text bundled with this release."""


class Governs(str, enum.Enum):
    """What a clause governs: who or what software (or a person) checks it against."""

    RESIDENT_CONTENT = "resident-content"
    """What residents post, comment, tag or message to a city account."""
    CITY_POSTS = "city-posts"
    """What the city's moderators publish."""
    ACCOUNTS = "accounts"
    """How a city account is created, set up and run."""
    MODERATION = "moderation"
    """What moderators must do about inappropriate content (records, warnings, blocks)."""
    SECURITY = "security"
    """Keeping account credentials safe and responding to breaches."""


class UnknownClauseError(KeyError):
    """Raised when a clause id is not in the policy."""

    def __init__(self, clause_id: str, version: str) -> None:
        super().__init__(clause_id)
        self.clause_id = clause_id
        self.version = version

    def __str__(self) -> str:
        return f"clause {self.clause_id!r} is not in policy {self.version}"


@attrs.frozen
class Clause:
    """One clause or listed item of Article XII.

    :ivar id: the stable id, e.g. ``"12.4.D.1"``.
    :ivar title: a short summary in our own words.
    :ivar governs: the kind of thing the clause governs.
    """

    id: str
    title: str
    governs: Governs

    @property
    def parent(self) -> str | None:
        """The id of the clause this item is listed under, or ``None`` for a lettered clause."""
        head, _, tail = self.id.rpartition(".")
        return head if tail.isdigit() else None

    @property
    def section(self) -> str:
        """The section, e.g. ``"12.4"``."""
        return ".".join(self.id.split(".")[:2])


@attrs.frozen
class Policy:
    """A versioned set of clauses.

    :ivar version: a label stored in every verdict, e.g. ``"article-xii/1"``.
    :ivar effective: the date this version took effect.
    :ivar clauses: every clause, in policy order.
    """

    version: str
    effective: _dt.date
    clauses: tuple[Clause, ...]
    _by_id: dict[str, Clause] = attrs.field(
        init=False, repr=False, eq=False, hash=False,
    )

    def __attrs_post_init__(self) -> None:
        index = {c.id: c for c in self.clauses}
        if len(index) != len(self.clauses):
            raise ValueError("duplicate clause ids in policy " + self.version)
        object.__setattr__(self, "_by_id", index)

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._by_id

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses)

    def __len__(self) -> int:
        return len(self.clauses)

    def get(self, clause_id: str) -> Clause:
        """The clause with this id; :class:`UnknownClauseError` if there is none."""
        try:
            return self._by_id[clause_id]
        except KeyError:
            raise UnknownClauseError(clause_id, self.version) from None

    def items_of(self, clause_id: str) -> tuple[Clause, ...]:
        """The listed items under a lettered clause (``12.4.D`` -> ``12.4.D.1`` ...)."""
        return tuple(c for c in self.clauses if c.parent == clause_id)


_G = Governs

# (id, governs, short title in our own words)
# 12.3.H lists one item (directors appoint moderators) and then "moderators should" with three
# lettered sub-items; ids have one level of items, so they are 12.3.H.1 (appoint) and 12.3.H.2-4
# (the sub-items a-c, in order). 12.3.I's two sentences are one clause, as the policy letters them.
_ARTICLE_XII: tuple[tuple[str, Governs, str], ...] = (
    ("12.3.A", _G.ACCOUNTS, "City Manager approves every new departmental account"),
    ("12.3.B", _G.CITY_POSTS, "City website is the official home; links point back to it"),
    ("12.3.C", _G.ACCOUNTS, "Every city account is listed on the city website"),
    ("12.3.D", _G.ACCOUNTS, "Accounts are public, without privacy settings"),
    ("12.3.E", _G.ACCOUNTS, "Accounts carry the city logo and departmental extension"),
    ("12.3.F", _G.ACCOUNTS,
     "Departments comply with law: copyright, records, FOIA, speech, privacy"),
    ("12.3.G", _G.ACCOUNTS, "Accounts join groups or follow pages only for city business"),
    ("12.3.H", _G.ACCOUNTS, "Department Director is responsible for the account"),
    ("12.3.H.1", _G.ACCOUNTS, "Director appoints the account's moderators"),
    ("12.3.H.2", _G.ACCOUNTS, "Moderator is an employee or official volunteer"),
    ("12.3.H.3", _G.ACCOUNTS, "Moderator knows the personnel policies"),
    ("12.3.H.4", _G.ACCOUNTS, "Moderator understands the role and is trained"),
    ("12.3.I", _G.ACCOUNTS, "Monitor and update at least twice a week; emergency-use plan"),
    ("12.3.J", _G.CITY_POSTS, "Employees conduct themselves as city representatives"),
    ("12.4.A", _G.CITY_POSTS, "Rules for moderators when posting"),
    ("12.4.A.1", _G.CITY_POSTS, "Posts support the city's image and community relations"),
    ("12.4.A.2", _G.CITY_POSTS, "Posted information is accurate, timely and appropriate"),
    ("12.4.A.3", _G.MODERATION, "Moderators check feedback regularly"),
    ("12.4.A.4", _G.CITY_POSTS, "Posted content is accessible to anyone who asks for it"),
    ("12.4.A.5", _G.CITY_POSTS, "Permission from the owner before posting their material"),
    ("12.4.A.6", _G.CITY_POSTS, "Disagree politely and stick to facts"),
    ("12.4.A.7", _G.CITY_POSTS, "Pause before posting; ask the director when unsure"),
    ("12.4.A.8", _G.CITY_POSTS, "Answer only within the department's area; redirect the rest"),
    ("12.4.B", _G.CITY_POSTS, "Accepted forms of posted material"),
    ("12.4.B.1", _G.CITY_POSTS, "Text"),
    ("12.4.B.2", _G.CITY_POSTS, "Video"),
    ("12.4.B.3", _G.CITY_POSTS, "Live-streamed video"),
    ("12.4.B.4", _G.CITY_POSTS, "Photos and graphics"),
    ("12.4.B.5", _G.CITY_POSTS, "Links"),
    ("12.4.C", _G.CITY_POSTS, "Posts are tied to the moderator's city e-mail account"),
    ("12.4.D", _G.RESIDENT_CONTENT, "Content not allowed on city accounts"),
    ("12.4.D.1", _G.RESIDENT_CONTENT, "Profanity"),
    ("12.4.D.2", _G.RESIDENT_CONTENT, "Discrimination against protected classes"),
    ("12.4.D.3", _G.RESIDENT_CONTENT, "Sexually explicit or harassing content, or links to it"),
    ("12.4.D.4", _G.RESIDENT_CONTENT, "Threats to public safety or security; ownership violations"),
    ("12.4.D.5", _G.RESIDENT_CONTENT, "Illegal activity, or encouraging it"),
    ("12.4.D.6", _G.RESIDENT_CONTENT,
     "Soliciting for business or religious, social or political causes"),
    ("12.4.D.7", _G.RESIDENT_CONTENT, "Personal information about employees"),
    ("12.4.D.8", _G.RESIDENT_CONTENT, "Off-topic posts"),
    ("12.4.D.9", _G.RESIDENT_CONTENT, "False or malicious statements about staff or the city"),
    ("12.4.D.10", _G.RESIDENT_CONTENT, "Chat sessions"),
    ("12.4.E", _G.MODERATION, "Removed content is kept on record with the reason"),
    ("12.4.F", _G.MODERATION, "One warning, then removal or block on a second offence"),
    ("12.4.G", _G.MODERATION, "Inappropriate tags of department accounts are removed"),
    ("12.5.A", _G.SECURITY, "Protect account access"),
    ("12.5.A.1", _G.SECURITY, "Never leave a logged-in workstation unattended"),
    ("12.5.A.2", _G.SECURITY, "Only the director or designee and moderators hold credentials"),
    ("12.5.A.3", _G.SECURITY, "Change credentials when moderators change"),
    ("12.5.B", _G.SECURITY, "Responding to a compromised account"),
    ("12.5.B.1", _G.SECURITY, "Respond quickly"),
    ("12.5.B.2", _G.SECURITY, "Change the login and password at once"),
    ("12.5.B.3", _G.SECURITY, "Tell followers about the breach"),
    ("12.5.B.4", _G.SECURITY, "Look for damage and correct it"),
    ("12.5.B.5", _G.SECURITY, "Report the incident to the IT Director"),
)


def article_xii() -> Policy:
    """The bundled clause catalogue of Article XII (a new, immutable :class:`Policy`)."""
    return Policy(
        version=ARTICLE_XII_VERSION,
        effective=_dt.date(2026, 11, 25),  # the text bears no date: the catalogue's own
        clauses=tuple(Clause(id=i, title=t, governs=g) for i, g, t in _ARTICLE_XII),
    )
