"""Every built-in rule's prefilter is a superset of the rule, and the batch path agrees.

The batch fast path of ``evaluate_many`` skips the items a rule's prefilter does not match; if a
prefilter missed something its rule finds, ``evaluate_many`` would silently allow it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clive_rules import Content, Engine
from clive_rules.rules import Subject

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def _corpus() -> list[Content]:
    out = [Content.from_dict(json.loads(line))
           for line in (ROOT / "examples" / "comments.jsonl").read_text("utf-8").splitlines()
           if line.strip()]
    keys = ("text", "kind", "account", "parent_text", "platform", "links")
    for path in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        for case in tomllib.loads(path.read_text("utf-8"))["case"]:
            out.append(Content(**{k: case[k] for k in keys if k in case}))
    return out


CORPUS = _corpus()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


def test_every_rule_finds_nothing_where_its_prefilter_does_not_match(engine: Engine) -> None:
    for content in CORPUS:
        norm = engine.normalizer.normalize(content.text)
        subject = Subject(content, norm)
        for rule in engine.rules:
            prefilter = rule.prefilter
            if prefilter is None or prefilter.select is not None:
                continue
            if not prefilter.matches(content.text, norm.text, content.links):
                found = list(rule.evaluate(subject))
                assert not found, (rule.id, content.text, found)


def test_batch_path_equals_one_by_one_on_the_corpus(engine: Engine) -> None:
    exhaustive = [engine.evaluate_exhaustively(c) for c in CORPUS]
    for size in (1, 7, 512):
        assert list(engine.evaluate_many(CORPUS, batch_size=size)) == exhaustive
    # evaluate has a path of its own for one item
    assert [engine.evaluate(c) for c in CORPUS] == exhaustive


DISGUISE = st.sampled_from(["fuck", "f*ck", "sh1t", "$hit", "fuuuck", "a$$", "ｆｕｃｋ", "f.u.c.k",
                            "515-555-0147", "buy now", "www.shop.example.com", "kill yourself",
                            "Scunthorpe", "shiitake", "class", "assessment", "aaa"])


@settings(max_examples=60)
@given(st.lists(st.tuples(st.text(max_size=30), DISGUISE, st.text(max_size=30)), max_size=12))
def test_batch_path_equals_one_by_one_on_generated_text(
    engine: Engine, parts: list[tuple[str, str, str]],
) -> None:
    contents = [Content(text=f"{a} {b} {c}", account="parks", parent_text="Pool hours")
                for a, b, c in parts]
    exhaustive = [engine.evaluate_exhaustively(c) for c in contents]
    assert list(engine.evaluate_many(contents, batch_size=5)) == exhaustive
    assert [engine.evaluate(c) for c in contents] == exhaustive
