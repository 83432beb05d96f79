"""Helpers for testing a clive-rules configuration: assertions and the policy coverage report.

:func:`assert_flags` and :func:`assert_allows` fail with a message that shows the verdict and
every finding, so a failing test says at once what the engine saw::

    from clive_rules.testing import assert_allows, assert_flags

    def test_profanity(clive_engine):
        assert_flags(clive_engine, "Who the fuck approved this?", "12.4.D.1")
        assert_allows(clive_engine, "The mayor is a liar and should resign.")

:func:`measure_coverage` runs every strategy of :mod:`clive_rules.strategies` against an engine
and says, per item of 12.4.D, which rules cover it, what share of generated violations they
catch, and what share of ordinary civic comments they leave alone; ``pytest --clive-coverage``
prints it (see :mod:`clive_rules.pytest_plugin`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from clive_rules.content import Content, ContentKind
from clive_rules.verdict import Decision, Finding, Verdict

if TYPE_CHECKING:
    from hypothesis import strategies as st

    from clive_rules.engine import Engine
    from clive_rules.strategies import Violation

__all__ = [
    "DEFAULT_EXAMPLES",
    "DEFAULT_MAX_FALSE_FLAGS",
    "DEFAULT_MIN_CATCH",
    "ClauseCoverage",
    "CoverageReport",
    "assert_allows",
    "assert_flags",
    "describe",
    "draw_examples",
    "measure_coverage",
]

DEFAULT_MIN_CATCH = 0.7
"""Least share of generated violations of a clause that must be caught."""
DEFAULT_MAX_FALSE_FLAGS = 0.05
"""Largest share of benign comments a clause may flag (hold for review or remove)."""
DEFAULT_EXAMPLES = 200
"""How many examples each strategy draws for the coverage report."""

_T = TypeVar("_T")


def _as_content(item: str | Content | Violation) -> Content:
    if isinstance(item, str):
        return Content(text=item)
    if isinstance(item, Content):
        return item
    content = getattr(item, "content", None)
    if isinstance(content, Content):
        return content
    raise TypeError(f"expected a text, a Content or a Violation, got {type(item).__name__}")


def describe(verdict: Verdict, content: Content | None = None) -> str:
    """The verdict, its findings and (when given) the content, as lines a person can read."""
    lines = []
    if content is not None:
        lines.append(f"text: {content.text!r}")
        kind = None if content.kind is ContentKind.COMMENT else content.kind.value
        extra = {k: v for k, v in (("kind", kind), ("account", content.account),
                                   ("parent_text", content.parent_text)) if v is not None}
        if extra:
            lines.append("      " + ", ".join(f"{k}={v!r}" for k, v in extra.items()))
    lines.append(f"verdict: {verdict.decision.value}"
                 + (f" ({', '.join(verdict.clauses)})" if verdict.clauses else ""))
    if not verdict.findings:
        lines.append("findings: none")
    for f in verdict.findings:
        lines.append(f"  - {f.clause} [{f.rule}] {f.decision.value} {f.start}..{f.end} "
                     f"{f.evidence!r} ({f.confidence:.2f}): {f.explanation}")
    return "\n".join(lines)


def _enforced(engine: Engine, finding: Finding) -> bool:
    """Whether a finding leads to review or removal under the engine's configuration."""
    return engine.decision_for(finding) is not Decision.ALLOW


def assert_flags(
    engine: Engine,
    text: str | Content | Violation,
    clause: str | None = None,
    *,
    decision: Decision | str | None = None,
) -> Verdict:
    """Assert that ``clause`` fires on ``text`` and holds it for review or removes it.

    :param engine: the engine to ask.
    :param text: a text, a :class:`~clive_rules.content.Content`, or a generated
        :class:`~clive_rules.strategies.Violation` (whose clause is the default for ``clause``).
    :param clause: the clause id that must fire, e.g. ``"12.4.D.1"``.
    :param decision: when given, the decision the whole verdict must reach.
    :returns: the verdict, for further checks.
    """
    __tracebackhide__ = True
    if clause is None:
        clause = getattr(text, "clause", None)
        if not isinstance(clause, str):
            raise TypeError("assert_flags() needs a clause unless given a Violation")
    content = _as_content(text)
    verdict = engine.evaluate(content)
    fired = [f for f in verdict.findings if f.clause == clause and _enforced(engine, f)]
    if not fired:
        raise AssertionError(f"{clause} did not flag this content\n{describe(verdict, content)}")
    if decision is not None and verdict.decision is not Decision(decision):
        raise AssertionError(f"{clause} fired, but the verdict is {verdict.decision.value}, "
                             f"not {Decision(decision).value}\n{describe(verdict, content)}")
    return verdict


def assert_allows(engine: Engine, text: str | Content) -> Verdict:
    """Assert that the engine allows ``text`` (a text or a Content); returns the verdict."""
    __tracebackhide__ = True
    content = _as_content(text)
    verdict = engine.evaluate(content)
    if not verdict.allowed:
        raise AssertionError(f"expected allow\n{describe(verdict, content)}")
    return verdict


def draw_examples(strategy: st.SearchStrategy[_T], count: int) -> list[_T]:
    """Up to ``count`` examples of ``strategy``, the same ones on every run (derandomised).

    For reports and tools outside a test; inside a test use ``@given``.
    """
    from hypothesis import HealthCheck, Phase, given, settings

    out: list[_T] = []

    @settings(max_examples=count, database=None, derandomize=True, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(example: _T) -> None:
        out.append(example)

    collect()
    return out


@attrs.frozen
class ClauseCoverage:
    """How well an engine covers one item of 12.4.D.

    :ivar clause: the clause id.
    :ivar title: its title in the policy.
    :ivar rules: the ids of the rules that cite it.
    :ivar examples: how many violations were generated.
    :ivar caught: how many of them the clause flagged (review or removal).
    :ivar benign: how many benign comments were checked.
    :ivar false_flags: how many of those the clause flagged.
    :ivar missed: a few violations it missed.
    :ivar flagged: a few benign comments it flagged.
    """

    clause: str
    title: str
    rules: tuple[str, ...]
    examples: int
    caught: int
    benign: int
    false_flags: int
    missed: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()

    @property
    def catch_rate(self) -> float:
        """Share of generated violations caught."""
        return self.caught / self.examples if self.examples else 0.0

    @property
    def false_flag_rate(self) -> float:
        """Share of benign comments flagged under this clause."""
        return self.false_flags / self.benign if self.benign else 0.0


@attrs.frozen
class CoverageReport:
    """The coverage of every item of 12.4.D, and the thresholds it is judged against.

    :ivar clauses: one entry per clause.
    :ivar benign: how many benign comments were checked.
    :ivar benign_allowed: how many of them the engine allowed outright.
    :ivar min_catch: least catch rate a clause must reach.
    :ivar max_false_flags: largest share of benign comments a clause may flag.
    """

    clauses: tuple[ClauseCoverage, ...]
    benign: int
    benign_allowed: int
    min_catch: float = DEFAULT_MIN_CATCH
    max_false_flags: float = DEFAULT_MAX_FALSE_FLAGS

    def failures(self) -> list[str]:
        """One line per clause that has no rule or falls short of a threshold."""
        out = []
        for c in self.clauses:
            if not c.rules:
                out.append(f"{c.clause} ({c.title}): no rule covers it")
                continue
            if c.catch_rate < self.min_catch:
                out.append(f"{c.clause} ({c.title}): caught {c.catch_rate:.0%} of generated "
                           f"violations, under clive_min_catch {self.min_catch:.0%}")
            if c.false_flag_rate > self.max_false_flags:
                out.append(f"{c.clause} ({c.title}): flagged {c.false_flag_rate:.1%} of benign "
                           f"comments, over clive_max_false_flags {self.max_false_flags:.1%}")
        return out

    @property
    def ok(self) -> bool:
        """Whether every clause has a rule and meets the thresholds."""
        return not self.failures()

    def render(self, *, verbose: bool = False) -> str:
        """The report as a table (and, with ``verbose``, examples of misses and false flags)."""
        width = max(len(c.clause) for c in self.clauses) if self.clauses else 8
        lines = [f"{'clause':<{width}}  {'rules':<28} {'caught':>8} {'benign ok':>10}  status"]
        failing = {line.split(" ", 1)[0] for line in self.failures()}
        for c in self.clauses:
            rules = ", ".join(c.rules) if c.rules else "NO RULE"
            status = "FAIL" if c.clause in failing else "ok"
            lines.append(f"{c.clause:<{width}}  {rules[:28]:<28} {c.catch_rate:>8.1%} "
                         f"{1 - c.false_flag_rate:>10.1%}  {status}")
            if verbose:
                lines.extend(f"    missed: {t!r}" for t in c.missed)
                lines.extend(f"    flagged benign: {t!r}" for t in c.flagged)
        share = self.benign_allowed / self.benign if self.benign else 1.0
        lines.append(f"benign comments allowed outright: {self.benign_allowed}/{self.benign} "
                     f"({share:.1%}); thresholds: catch >= {self.min_catch:.0%}, "
                     f"false flags <= {self.max_false_flags:.1%} per clause")
        return "\n".join(lines)


def measure_coverage(
    engine: Engine,
    *,
    examples: int = DEFAULT_EXAMPLES,
    min_catch: float = DEFAULT_MIN_CATCH,
    max_false_flags: float = DEFAULT_MAX_FALSE_FLAGS,
    clauses: Sequence[str] | None = None,
    draw: Callable[[st.SearchStrategy[object], int], Iterable[object]] | None = None,
) -> CoverageReport:
    """Run every violation strategy and the benign one against ``engine``.

    :param engine: the engine under test, e.g. ``Engine.default("clive.toml")``.
    :param examples: how many examples each strategy draws.
    :param min_catch: see :attr:`CoverageReport.min_catch`.
    :param max_false_flags: see :attr:`CoverageReport.max_false_flags`.
    :param clauses: the clauses to measure (every item of 12.4.D by default).
    :param draw: how to draw examples; :func:`draw_examples` by default.
    """
    from clive_rules.strategies import CLAUSE_STRATEGIES, benign_comments

    take = draw or draw_examples
    chosen = list(CLAUSE_STRATEGIES) if clauses is None else list(clauses)
    benign: list[Content] = [c for c in take(benign_comments(), examples)
                             if isinstance(c, Content)]
    benign_verdicts = list(engine.evaluate_many(benign))
    out = []
    for clause in chosen:
        generated = [v.content for v in take(CLAUSE_STRATEGIES[clause](), examples)
                     if hasattr(v, "content")]
        verdicts = engine.evaluate_many(generated)
        missed = [c.text for c, v in zip(generated, verdicts, strict=True)
                  if not any(f.clause == clause and _enforced(engine, f) for f in v.findings)]
        flagged = [c.text for c, v in zip(benign, benign_verdicts, strict=True)
                   if any(f.clause == clause and _enforced(engine, f) for f in v.findings)]
        title = engine.policy.get(clause).title if clause in engine.policy else ""
        out.append(ClauseCoverage(
            clause=clause, title=title,
            rules=tuple(r.id for r in engine.rules if clause in r.clauses),
            examples=len(generated), caught=len(generated) - len(missed),
            benign=len(benign), false_flags=len(flagged),
            missed=tuple(dict.fromkeys(missed))[:3], flagged=tuple(dict.fromkeys(flagged))[:3],
        ))
    return CoverageReport(
        clauses=tuple(out), benign=len(benign),
        benign_allowed=sum(v.allowed for v in benign_verdicts),
        min_catch=min_catch, max_false_flags=max_false_flags,
    )
