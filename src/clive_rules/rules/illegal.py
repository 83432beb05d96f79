"""Conduct or encouragement of illegal activity (12.4.D.5).

What it finds (word lists in ``data/illegal.toml``), always for review: whether a comment
conducts or encourages a crime, or only talks about one, is for a person to judge.

* **drug sales**: a drug name with a sale marker ("selling Adderall", "got xans ... snap me"); a
  drug word with an ordinary meaning ("weed", "pot", "crack") only with a money or contact marker;
* **counterfeit documents and stolen goods** offered for money ("fake IDs, $75, they scan",
  "$200, no title, no questions asked");
* **encouragement**: an illegal act ("spray paint", "slash the tires", "dump your tires",
  "shoplifting", fare evasion) with incitement ("someone should", "let's all", "why pay", "go for
  it") or a promise of impunity ("nobody will catch you", "no cameras", "never checks").

A drug or a counterfeit document offered for money ("Selling Adderall, $10 each", "Venmo me") is
also commercial solicitation of an illegal product: the rule adds a 12.4.D.6 finding that
recommends removal, since nothing in such an offer needs judgement.

Reporting a crime ("my bike was stolen"), asking what the law is, and arguing to change a law
("decriminalize cannabis") have none of these and are not matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from clive_rules.config import Config
from clive_rules.content import ContentKind
from clive_rules.hookspecs import hookimpl
from clive_rules.rules._lexicon import (
    KeywordGate,
    finding,
    keywords_for,
    load_data,
    phrase_source,
    word_list,
)
from clive_rules.rules.base import Prefilter, Subject
from clive_rules.verdict import Decision, Finding

__all__ = ["IllegalLexicon", "IllegalRule", "clive_config_defaults", "clive_register_rules"]

CLAUSE = "12.4.D.5"
SOLICITATION = "12.4.D.6"
_PRICE = r"(?<![a-z0-9])\$\s?\d+"


# After a command, a question mark before the sentence ends: it is asked, not told ("Set fire to
# the grill? Use a chimney starter").
_QUESTION = re.compile(r"[^.!?\n]*\?")
# After a command, what makes it a warning of what follows rather than encouragement.
# Where a command starts: a sentence's start, maybe after "just", "so", "tip:" and the like, or
# "just" after a comma ("Skip the stickers, just dump it in the pond").
_COMMAND_START = (
    r"(?:^|(?<=[.!?:\n])|(?<=,)(?=\s*just\s))[\s\"'(]*(?:(?:just|so|then|and|go|pro\s+tip|tip|hack|lol|ok"
    r"|okay|y'?all|everyone|guys|someone|somebody|landlords|parents|residents)[\s:,\-]+)*")
_CONSEQUENCE = re.compile(
    r"[^.!?\n]*?\b(?:and|or)\s+(?:you(?:'|\u2019)?ll|you\s+will|you\s+(?:get|could|can|may|might)"
    r"|they(?:'|\u2019)?ll)\b")


@attrs.frozen
class IllegalLexicon:
    """The word lists of the rule (see ``data/illegal.toml``); every field a set of phrases.

    ``promises`` ("they'll never know") and ``commands`` (verbs of advice, "skip", "toss") make
    the impunity test: advice given as a command beside a promise of getting away with it.
    ``drug_idioms`` ("a crack in the trail", "green energy") clear an ambiguous drug word
    inside them, ``disposal`` ("leftover", "take-back") clears a drug name unless money is
    named too, and ``standalone`` phrases ("make it worth your while") are enough by themselves.
    """

    clear_drugs: frozenset[str]
    ambiguous_drugs: frozenset[str]
    sale: frozenset[str]
    money: frozenset[str]
    counterfeit: frozenset[str]
    stolen: frozenset[str]
    inciting: frozenset[str]
    acts: frozenset[str]
    evasion: frozenset[str]
    imperatives: frozenset[str] = frozenset()
    promises: frozenset[str] = frozenset()
    commands: frozenset[str] = frozenset()
    promise_patterns: tuple[str, ...] = ()
    promise_keywords: frozenset[str] = frozenset()
    drug_idioms: frozenset[str] = frozenset()
    disposal: frozenset[str] = frozenset()
    standalone: frozenset[str] = frozenset()

    @classmethod
    def bundled(cls) -> IllegalLexicon:
        """The lists shipped with clive-rules."""
        data = load_data("illegal")
        drugs, goods, enc = data["drugs"], data["goods"], data["encouragement"]
        return cls(
            clear_drugs=word_list(drugs["clear"]), ambiguous_drugs=word_list(drugs["ambiguous"]),
            sale=word_list(drugs["sale"]), money=word_list(drugs["money"]),
            drug_idioms=word_list(drugs["idioms"]), disposal=word_list(drugs["disposal"]),
            standalone=word_list(data["standalone"]["phrases"]),
            counterfeit=word_list(goods["counterfeit"]), stolen=word_list(goods["stolen"]),
            inciting=word_list(enc["inciting"]), acts=word_list(enc["acts"]),
            evasion=word_list(enc["evasion"]), imperatives=word_list(enc["imperatives"]),
            promises=word_list(data["impunity"]["promises"]),
            commands=word_list(data["impunity"]["commands"]),
            promise_patterns=tuple(data["impunity"]["promise_patterns"]),
            # not word_list: a keyword's trailing space is part of it ("dnr ")
            promise_keywords=frozenset(str(k).lower()
                                       for k in data["impunity"]["promise_keywords"]),
        )

    def configured(self, section: Mapping[str, Any]) -> IllegalLexicon:
        """These lists with an ``[illegal]`` configuration section applied."""
        allow = word_list(section.get("allow", ()))
        return attrs.evolve(
            self,
            clear_drugs=(self.clear_drugs | word_list(section.get("add_drugs", ()))) - allow,
            ambiguous_drugs=self.ambiguous_drugs - allow,
            acts=(self.acts | word_list(section.get("add_acts", ()))) - allow,
            imperatives=self.imperatives - allow,
        )


@attrs.frozen
class IllegalRule:
    """Finds drug sales, counterfeit and stolen goods, and encouragement of crimes (12.4.D.5)."""

    lexicon: IllegalLexicon
    id: str = "illegal"
    clauses: tuple[str, ...] = (CLAUSE, SOLICITATION)
    kinds: frozenset[ContentKind] | None = None
    _clear: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _ambiguous: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _sale: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _money: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _idioms: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _disposal: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _standalone: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _counterfeit: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _stolen: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _inciting: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _acts: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _evasion: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _imperative: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _promise: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _command: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)
    _prefilter: Prefilter = attrs.field(init=False, repr=False, eq=False)
    _gate: KeywordGate = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        lex = self.lexicon
        set_ = object.__setattr__
        set_(self, "_clear", re.compile(phrase_source(lex.clear_drugs)))
        set_(self, "_ambiguous", re.compile(phrase_source(lex.ambiguous_drugs)))
        set_(self, "_sale", re.compile(f"{phrase_source(lex.sale)}|{_PRICE}"))
        set_(self, "_money", re.compile(f"{phrase_source(lex.money)}|{_PRICE}"))
        set_(self, "_idioms", re.compile(phrase_source(lex.drug_idioms)))
        set_(self, "_disposal", re.compile(phrase_source(lex.disposal)))
        set_(self, "_standalone", re.compile(phrase_source(lex.standalone)))
        set_(self, "_counterfeit", re.compile(phrase_source(lex.counterfeit, suffixes=("s",))))
        set_(self, "_stolen", re.compile(phrase_source(lex.stolen)))
        set_(self, "_inciting", re.compile(phrase_source(lex.inciting)))
        set_(self, "_acts", re.compile(phrase_source(lex.acts)))
        set_(self, "_evasion", re.compile(phrase_source(lex.evasion)))
        # A command: the act starts a sentence, maybe after "just", "so", "tip:" and the like.
        set_(self, "_imperative", re.compile(
            _COMMAND_START + rf"(?P<act>{phrase_source(lex.imperatives, bounded=False)})"
            r"(?![a-z0-9])"))
        set_(self, "_promise", re.compile("|".join([phrase_source(lex.promises),
                                                    *lex.promise_patterns])))
        set_(self, "_command", re.compile(
            _COMMAND_START + rf"(?P<act>{phrase_source(lex.commands, bounded=False)})"
            r"(?![a-z0-9])"))
        # Every finding needs a clear drug name, a counterfeit or stolen-goods phrase, or an
        # illegal act (rarer than the incitement it must come with), each keyed on its rarest
        # word or, when every word is common, on the whole phrase (see keywords_for). An
        # ambiguous drug word ("green", "bud", "pot") counts only with a money marker, which is
        # rarer: key on that, and on a price ("$" and a digit, as _PRICE needs).
        prices = {f"${space}{digit}" for space in ("", " ") for digit in "0123456789"}
        signals = {
            "clear": keywords_for(lex.clear_drugs),
            "money": keywords_for(lex.money) | prices,
            "counterfeit": keywords_for(lex.counterfeit),
            # "dollar", "property" and "taxes" come up in every budget thread
            "stolen": keywords_for(lex.stolen, common=("dollar", "cents", "asking")),
            "act": keywords_for(lex.acts, common=("property", "taxes", "light")),
            "imperative": keywords_for(lex.imperatives, common=("zoning", "signs", "notice")),
            "standalone": keywords_for(lex.standalone, common=("campaign", "names", "every",
                                                              "zoning", "people")),
            "promise": keywords_for(lex.promises, common=("every", "works", "notice", "prove",
                                                          "close", "found", "cross"))
            | lex.promise_keywords,
        }
        set_(self, "_gate", KeywordGate.build(signals))
        set_(self, "_prefilter",
             Prefilter(keywords=frozenset[str]().union(*signals.values())))

    @property
    def prefilter(self) -> Prefilter:
        """Keywords of drug, money, counterfeit, stolen-goods and illegal-act phrases; prices."""
        return self._prefilter

    def _ambiguous_drug(self, text: str) -> re.Match[str] | None:
        """The first ambiguous drug word not inside an idiom ("a crack in the trail")."""
        idioms: list[tuple[int, int]] | None = None
        for match in self._ambiguous.finditer(text):
            if idioms is None:
                idioms = [m.span() for m in self._idioms.finditer(text)]
            if not any(a <= match.start() and match.end() <= b for a, b in idioms):
                return match
        return None

    def evaluate(self, subject: Subject) -> Iterable[Finding]:
        """Drug sales, counterfeit and stolen goods for sale, and encouraged crimes."""
        text = subject.norm.text
        signals = self._gate.signals(subject.norm)
        if not signals:
            return []
        out: list[Finding] = []

        def add(match: re.Match[str], confidence: float, category: str, why: str) -> None:
            out.append(finding(subject, clause=CLAUSE, rule=self.id, start=match.start(),
                               end=match.end(), confidence=confidence, explanation=why,
                               decision=Decision.REVIEW, category=category))

        def sold(match: re.Match[str], what: str) -> None:
            if "money" in signals and _marker(self._money, text) is not None:
                out.append(finding(
                    subject, clause=SOLICITATION, rule=self.id, start=match.start(),
                    end=match.end(), confidence=0.85, decision=Decision.REMOVE,
                    category="commercial",
                    explanation=f"Offers {what} ({match.group()!r}) for money: commercial "
                                "solicitation of an illegal product."))

        # The gate says which of the patterns can match at all: the money pattern cannot
        # without a "money" keyword, so an ambiguous drug word needs no search then.
        drug = self._clear.search(text) if "clear" in signals else None
        if (drug is not None and self._disposal.search(text) is not None
                and _marker(self._money, text) is None):
            # "leftover oxycodone ... for the take-back day": getting rid of it, unless a price
            # or a way to pay says it is for sale ("leftover percs, $10 each")
            drug = None
        if drug is not None and _marker(self._sale, text) is not None:
            add(drug, 0.75, "drugs", f"Offers or seeks a controlled substance "
                f"({drug.group()!r}); a person should review it.")
            sold(drug, "a controlled substance")
        elif drug is None and "money" in signals:
            drug = self._ambiguous_drug(text)
            if drug is not None and _marker(self._money, text) is not None:
                add(drug, 0.6, "drugs", f"May offer a controlled substance ({drug.group()!r}) "
                    "for money; a person should review it.")
        fake = self._counterfeit.search(text) if "counterfeit" in signals else None
        if fake is not None and _marker(self._sale, text) is not None:
            add(fake, 0.75, "counterfeit", f"Offers counterfeit documents ({fake.group()!r}); "
                "a person should review it.")
            sold(fake, "counterfeit documents")
        stolen = self._stolen.search(text) if "stolen" in signals else None
        if stolen is not None and "money" in signals and _marker(self._money, text) is not None:
            add(stolen, 0.6, "stolen-goods", f"Offer that reads as selling stolen goods "
                f"({stolen.group()!r}); a person should review it.")
        alone = self._standalone.search(text) if "standalone" in signals else None
        if alone is not None and not _QUESTION.match(text, alone.end()):
            add(alone, 0.6, "encouragement",
                f"Tells how to break the law or offers a bribe ({alone.group()!r}); a person "
                "should review it.")
            return out
        command = self._imperative.search(text) if "imperative" in signals else None
        if command is not None and (_CONSEQUENCE.match(text, command.end())
                                    or _QUESTION.match(text, command.end())):
            command = None  # a warning or a question: "hop the fence and you'll be cited"
        if command is not None:
            add(command, 0.65, "encouragement",
                f"Tells people to commit an illegal act ({command.group('act')!r}); a person "
                "should review it.")
            return out
        if "promise" in signals:
            advice = self._advice(text)
            if advice is not None:
                add(advice, 0.6, "encouragement",
                    f"Advises doing something ({advice.group('act')!r}) beside a promise of "
                    "getting away with it; a person should judge whether it encourages "
                    "breaking the law.")
                return out
        act = self._acts.search(text) if "act" in signals else None
        if act is not None:
            push = self._inciting.search(text) or self._evasion.search(text)
            if push is not None:
                add(act, 0.65, "encouragement",
                    f"Encourages an illegal act ({act.group()!r}, {push.group()!r}); a person "
                    "should review it.")
        return out


    def _advice(self, text: str) -> re.Match[str] | None:
        """A command given as advice in a text that promises impunity, both told, not asked."""
        promise = self._promise.search(text)
        if promise is None or _QUESTION.match(text, promise.end()):
            return None
        for command in self._command.finditer(text):
            if not _QUESTION.match(text, command.end()):
                return command
        return None


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The ``[illegal]`` section: drug names and illegal acts to add, words to allow."""
    return {"illegal": {"add_drugs": [], "add_acts": [], "allow": []}}


@hookimpl
def clive_register_rules(config: Config) -> Iterable[IllegalRule]:
    """The illegal-activity rule, from the bundled lists and the ``[illegal]`` section."""
    return [IllegalRule(IllegalLexicon.bundled().configured(config.section("illegal")))]


# Before "selling": the sellers talked about, not the writer selling ("harsher sentences for
# people selling pills near schools", "dealers selling fentanyl"; not "anyone selling ...?",
# which seeks).
_SELLERS_BEFORE = re.compile(
    r"\b(?:people|those|dealers?|kids|teens|person|folks|stores?"
    r"|shops?|gas stations?|vendors?)(?: who(?: are| is|'re)?| caught| that(?: are| is)?)?\s+$")
_SELLING_WORDS = frozenset({"selling", "sellin", "sell", "sells"})


def _marker(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of a sale or money marker that is the writer's: "selling" after the
    sellers it is said of is not one."""
    for match in pattern.finditer(text):
        if match.group() in _SELLING_WORDS and _SELLERS_BEFORE.search(
                text, max(0, match.start() - 30), match.start()):
            continue
        return match
    return None
