"""Checks on what the city publishes (12.3.B, 12.4.A.5, 12.4.A.8, 12.4.B, 12.4.C, 12.4.D).

A :class:`PostingChecker` takes a draft the way the engine takes a resident's comment (a
:class:`~clive_rules.content.Content`, of kind ``post``, or ``reply`` with the resident's
question as ``parent_text``) and returns a :class:`~clive_rules.verdict.Verdict` whose findings
cite clauses exactly as content verdicts do. For a draft, ``allow`` means "fine to publish",
``review`` and ``remove`` mean "do not publish as it is": the actions are a hold, and a redirect
when the question belongs to another department.

What it checks, and how (:data:`POSTING_CHECKS` lists them for the clause map):

* 12.4.C: the author's e-mail address is on a city domain (``[city] official_email_domains``);
* 12.4.B: the draft has an accepted form (text, video, live stream, photo or graphic, link); a
  form the policy does not list (an audio clip, a document) goes to review, since the list is
  not exhaustive and the director decides (12.4.A.7);
* 12.3.B: a draft about city business that links only elsewhere gets a suggestion (decision
  ``allow``) to link the city website's page for the matter (``[posting] pages``, else the
  home page);
* 12.4.A.5: a photo or video with an ``owner`` other than the city and no recorded
  ``permission`` goes to review;
* 12.4.D: the draft goes through the same engine rules as residents' content;
* 12.4.A.8: the question a reply answers goes through the engine's routing rule, as a resident's
  comment on the account; a question for another department is redirected, not answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from clive_rules.content import Content, ContentKind, Media, MediaKind
from clive_rules.engine import Engine
from clive_rules.errors import ContentError
from clive_rules.verdict import Action, ActionKind, Decision, Finding, Verdict

__all__ = ["ACCEPTED_FORMS", "POSTING_CHECKS", "Draft", "PostingChecker", "draft_from_dict"]

POSTING_CHECKS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "posting.email": (("12.4.C",), "the author posts from a city e-mail address"),
    "posting.forms": (("12.4.B", "12.4.B.1", "12.4.B.2", "12.4.B.3", "12.4.B.4", "12.4.B.5"),
                      "the material is text, video, live stream, photo or graphic, or a link"),
    "posting.links": (("12.3.B",),
                      "links about city business point back to the city website"),
    "posting.permission": (("12.4.A.5",),
                           "someone else's photo or video has a recorded permission"),
    "posting.prohibited": (("12.4.D",), "no prohibited content (the engine's content rules)"),
    "posting.routing": (("12.4.A.8",),
                        "a question for another department is redirected, not answered"),
}
"""Rule id -> (the clauses it cites, what it verifies)."""

ACCEPTED_FORMS: Mapping[str, str] = {
    "text": "12.4.B.1", MediaKind.VIDEO.value: "12.4.B.2", MediaKind.LIVE_STREAM.value: "12.4.B.3",
    MediaKind.PHOTO.value: "12.4.B.4", MediaKind.GRAPHIC.value: "12.4.B.4", "link": "12.4.B.5",
}
"""Each accepted form of 12.4.B and the item that lists it."""

_DRAFT_KINDS = frozenset({ContentKind.POST, ContentKind.REPLY, ContentKind.COMMENT})


@attrs.frozen
class Draft:
    """A draft the city is about to publish.

    :ivar content: the post or reply (its ``parent_text``, for a reply, is the question).
    :ivar other_forms: attached material of a kind 12.4.B does not list (``"audio"``, ...).
    """

    content: Content
    other_forms: tuple[str, ...] = ()


def draft_from_dict(data: Mapping[str, Any]) -> Draft:
    """A :class:`Draft` from the JSON shape of ``clive-rules scan``, kind ``post`` by default.

    A media entry of a kind :class:`~clive_rules.content.MediaKind` does not know is kept as
    an *other form* for the 12.4.B check rather than refused.
    """
    if not isinstance(data, Mapping):
        raise ContentError("draft", f"expected a JSON object, got {type(data).__name__}")
    fields = dict(data)
    fields.setdefault("kind", "post")
    media = fields.pop("media", None)
    if isinstance(media, (str, Mapping)):
        media = [media]
    known: list[Any] = []
    other: list[str] = []
    for item in media or ():
        kind = item if isinstance(item, str) else (item.get("kind") if isinstance(
            item, Mapping) else None)
        if isinstance(kind, str) and kind.strip().lower().replace(" ", "_") not in {
                m.value for m in MediaKind}:
            other.append(kind.strip().lower())
        else:
            known.append(item)
    if known:
        fields["media"] = known
    return Draft(Content.from_dict(fields), tuple(other))


def _is_on(domain: str, domains: Iterable[str]) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in domains)


@attrs.define
class PostingChecker:
    """Checks drafts against the posting clauses, with the engine's rules for 12.4.D.

    Build one with :meth:`from_engine`; it is cheap to keep and reuse.

    :ivar engine: the engine (its configuration supplies the city's domains and pages).
    """

    engine: Engine
    _email_domains: tuple[str, ...] = attrs.field(init=False, repr=False)
    _city_domains: tuple[str, ...] = attrs.field(init=False, repr=False)
    _home: str = attrs.field(init=False, repr=False)
    _pages: Mapping[str, str] = attrs.field(init=False, repr=False)
    _own: frozenset[str] = attrs.field(init=False, repr=False)
    _topics: Any = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        config = self.engine.config
        city = config.section("city")
        self._email_domains = tuple(str(d).lower() for d in city["official_email_domains"])
        self._city_domains = tuple(str(d).lower() for d in city["domains"])
        section: Mapping[str, Any] = (config.section("posting") if "posting" in config.sections
                                      else {})
        fallback = f"https://www.{self._city_domains[0]}" if self._city_domains else ""
        self._home = str(section.get("home_page") or fallback)
        self._pages = {str(k): str(v) for k, v in section.get("pages", {}).items()}
        self._own = frozenset(str(o).strip().casefold()
                              for o in (*section.get("own_material", ()), city["name"]))
        from clive_rules.rules.topics import TopicRule

        self._topics = next((r for r in self.engine.rules if isinstance(r, TopicRule)), None)

    @classmethod
    def from_engine(cls, engine: Engine | None = None) -> PostingChecker:
        """A checker on ``engine`` (``Engine.default()`` when ``None``)."""
        return cls(engine if engine is not None else Engine.default())

    def check(self, draft: Draft | Content) -> Verdict:
        """The verdict on a draft: may it be published as it is, and if not, why."""
        if isinstance(draft, Content):
            draft = Draft(draft)
        content = draft.content
        if content.kind not in _DRAFT_KINDS:
            raise ContentError("kind", f"a draft is a post, reply or comment, not "
                               f"{content.kind.value}")
        findings: list[tuple[Finding, Decision]] = []
        for finding in (*self._email(content), *self._forms(draft), *self._links(content),
                        *self._permission(content), *self._routing(content)):
            findings.append((finding, finding.decision))
        for finding in self._prohibited(content):
            findings.append((finding, self.engine.decision_for(finding)))
        findings.sort(key=lambda fd: (fd[0].start, fd[0].end, fd[0].clause, fd[0].rule))
        decision = Decision.most_severe([d for _, d in findings])
        actions: list[Action] = []
        if decision is not Decision.ALLOW:
            blocking = [f for f, d in findings if d is not Decision.ALLOW]
            actions.append(Action(
                ActionKind.HOLD_FOR_REVIEW, tuple(dict.fromkeys(f.clause for f in blocking)),
                "Do not publish it as it is: " + blocking[0].explanation))
        for finding, _ in findings:
            if finding.target:
                actions.append(Action(ActionKind.REDIRECT, (finding.clause,),
                                      finding.explanation, finding.target))
        return Verdict(content.id, decision, tuple(f for f, _ in findings), tuple(actions),
                       self.engine.policy.version)

    # -- the checks ----------------------------------------------------------------------------

    def _email(self, content: Content) -> list[Finding]:
        email = content.author.email if content.author is not None else None
        domains = ", @".join(self._email_domains)
        if not email:
            return [Finding(
                "12.4.C", "posting.email", 0, 0, "", 1.0, decision=Decision.REVIEW,
                explanation=("The draft names no author e-mail address, so it cannot be tied "
                             f"to a moderator's city account (@{domains}); post it from one."))]
        if "@" in email and _is_on(email.rpartition("@")[2].strip(), self._email_domains):
            return []
        return [Finding(
            "12.4.C", "posting.email", 0, 0, email, 1.0, decision=Decision.REVIEW,
            explanation=(f"{email} is not a city e-mail address: material the city posts must "
                         f"be tied to the moderator's city account (@{domains})."))]

    def _forms(self, draft: Draft) -> list[Finding]:
        content = draft.content
        out = []
        if not content.text.strip() and not content.media and not content.links \
                and not draft.other_forms:
            out.append(Finding(
                "12.4.B", "posting.forms", 0, 0, "", 1.0, decision=Decision.REVIEW,
                explanation="The draft is empty: give it text, a photo or graphic, a video, "
                            "a live stream or a link."))
        for form in draft.other_forms:
            out.append(Finding(
                "12.4.B", "posting.forms", 0, 0, form, 0.6, decision=Decision.REVIEW,
                category=form,
                explanation=(f"An attachment of kind {form!r} is not among the forms 12.4.B lists "
                             "(text, video, live stream, photo or graphic, link); the list is "
                             "not exhaustive, so check with the Department Director before "
                             "posting (12.4.A.7).")))
        return out

    def _city_business(self, content: Content) -> str | None:
        """The department a draft is about, ``""`` for city business in general, else None."""
        if self._topics is None:
            return None
        from clive_rules.rules.topics import CITY

        analysis = self._topics.lexicon.analyse(self.engine.normalizer.normalize(
            content.text).text)
        best = analysis.best()
        if best is not None and best != CITY:
            return str(best)
        department = self._topics.department_of(content.account)
        if analysis.city >= 1.0 or analysis.scores:
            return str(department) if department else CITY
        return None

    def _links(self, content: Content) -> list[Finding]:
        from clive_rules.urls import urls_of

        urls = urls_of(content.text, content.links)
        if not urls:
            return []
        city = [u for u in urls if _is_on(u.host, self._city_domains)]
        elsewhere = [u for u in urls if u not in city]
        if city or not elsewhere:
            return []
        matter = self._city_business(content)
        if matter is None:
            return []
        page = self._pages.get(matter) or self._home
        first = elsewhere[0]
        return [Finding(
            "12.3.B", "posting.links", first.start, first.end, first.text, 0.6,
            decision=Decision.ALLOW, category="city-page",
            explanation=(f"The draft is about city business but links only elsewhere "
                         f"({first.text}); where the city website has a page for it, link "
                         f"that instead or as well: {page}"))]

    def _permission(self, content: Content) -> list[Finding]:
        out = []
        for n, media in enumerate(content.media):
            if media.owner is None or media.owner.strip().casefold() in self._own:
                continue
            if media.permission and media.permission.strip():
                continue
            what = media.kind.value.replace("_", " ")
            out.append(Finding(
                "12.4.A.5", "posting.permission", 0, 0, media.url or f"media[{n}]", 0.9,
                decision=Decision.REVIEW, category=media.kind.value,
                explanation=(f"The {what} belongs to {media.owner} and no permission is "
                             "recorded: ask the owner before posting it and record their "
                             "permission.")))
        return out

    def _prohibited(self, content: Content) -> Sequence[Finding]:
        # The draft is the city's own material: judged as a post (off-topic and routing apply
        # to residents' comments on it, not to the post itself).
        post = attrs.evolve(content, kind=ContentKind.POST, parent_text=None)
        return self.engine.evaluate(post).findings

    def _routing(self, content: Content) -> list[Finding]:
        if not content.parent_text or not content.account:
            return []
        question = Content(text=content.parent_text, kind=ContentKind.COMMENT,
                           account=content.account, platform=content.platform)
        names: Mapping[str, str] = (self._topics.lexicon.profiles.names
                                    if self._topics is not None else {})
        out = []
        for finding in self.engine.evaluate(question).findings:
            if finding.clause != "12.4.A.8" or not finding.target:
                continue
            there = names.get(finding.target, finding.target)
            out.append(Finding(
                "12.4.A.8", "posting.routing", 0, 0, finding.evidence, finding.confidence,
                decision=Decision.REVIEW, category="routing", target=finding.target,
                explanation=(f"The question is for another department ({finding.evidence!r}, "
                             f"routed by {finding.rule}): do not answer it from this account; "
                             f"direct it to {there}.")))
        return out


def media_from_option(value: str) -> Media | str:
    """A :class:`Media` from ``KIND[;owner=...][;permission=...][;url=...]`` (``--media``);
    a kind :class:`MediaKind` does not know is returned as a plain string (another form)."""
    kind, *rest = [p.strip() for p in value.split(";")]
    fields: dict[str, str] = {}
    for part in rest:
        key, sep, val = part.partition("=")
        if not sep or key.strip() not in ("owner", "permission", "url"):
            raise ContentError("media", f"{part!r}: expected owner=, permission= or url=")
        fields[key.strip()] = val.strip()
    if kind.lower().replace(" ", "_") not in {m.value for m in MediaKind}:
        return kind.lower()
    return Media(kind=kind, **fields)
