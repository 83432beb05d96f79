"""Normalisation: every disguise folds to plain words, and the offset map is exact."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from clive_rules.text import _LEET, SEPARATOR, Normalizer, term_pattern

NORMALIZER = Normalizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＦＵＣＫ", "fuck"),  # fullwidth
        ("fuсk", "fuck"),  # Cyrillic es
        ("𝔣𝔲𝔠𝔨", "fuck"),  # mathematical fraktur
        ("𝐒𝐇𝐈𝐓", "shit"),  # mathematical bold
        ("ƒuck", "fuck"),  # lookalike f
        ("shït", "shit"),  # accent
        ("sh\u200bi\u200dt", "shit"),  # zero-width characters
        ("sh1t", "shit"),
        ("$hit", "shit"),
        ("a$$", "ass"),
        ("b!tch", "bitch"),
        ("bullsh!t", "bullshit"),
        ("f.u.c.k", "fuck"),
        ("f u c k", "fuck"),
        ("f-u-c-k", "fuck"),
        ("f_u_c_k", "fuck"),
        ("sh\u2022t", "sh*t"),  # a bullet for a letter reads as a star
        ("f\u2217ck", "f*ck"),
        ("shit!", "shit!"),  # a final "!" is punctuation, not an i
        ("call 515-555-0147", "call 515-555-0147"),  # numbers alone are not leetspeak
        ("Straße", "strasse"),
    ],
)
def test_disguises_fold_to_plain_words(text: str, expected: str) -> None:
    assert NORMALIZER.normalize(text).text == expected


def _check_map(original: str) -> None:
    norm = NORMALIZER.normalize(original)
    if norm.origin is None:
        assert len(norm.text) == len(original)
        origin = list(range(len(original)))
    else:
        origin = list(norm.origin)
    assert len(origin) == len(norm.text)
    assert origin == sorted(origin)
    leet_back = {v: set() for v in _LEET.values()}
    for k, v in _LEET.items():
        leet_back[v].add(k)
    for index, source in enumerate(origin):
        assert 0 <= source < len(original)
        produced = NORMALIZER.fold(original[source]) if original[source] != SEPARATOR else SEPARATOR
        char = norm.text[index]
        # Either the source character folds to it, or it is a leetspeak stand-in for it.
        assert char in produced or any(c in produced for c in leet_back.get(char, ())), (
            original, index, char, original[source])


@given(st.text(max_size=200))
@example("f.u.c.k ｆｕｃｋ sh\u200bit Straße")
@example("I a b c d e")
def test_offset_map_points_every_character_at_its_source(text: str) -> None:
    _check_map(text)


PADDING = st.text(alphabet=st.sampled_from(list("abcdefghij klmno ,.?")), max_size=40)
DISGUISES = st.sampled_from(["fuck", "f*ck", "FUCK", "f.u.c.k", "f u c k", "fuuuuck", "ｆｕｃｋ",
                             "fuсk", "𝔣𝔲𝔠𝔨", "f\u200buck", "Fück"])


@given(PADDING, DISGUISES, PADDING)
def test_spans_of_matches_point_into_the_original_text(before: str, word: str, after: str) -> None:
    import re

    original = f"{before} — {word} — {after}"
    norm = NORMALIZER.normalize(original)
    pattern = re.compile(term_pattern(["fuck"]) + r"|f\*ck")
    spans = [norm.span(*m.span()) for m in pattern.finditer(norm.text)]
    where = len(before) + 3
    assert (where, where + len(word)) in spans
    assert original[where:where + len(word)] == word


@given(st.lists(st.text(max_size=60).filter(lambda t: SEPARATOR not in t), max_size=8))
def test_folding_a_batch_equals_folding_each_text(texts: list[str]) -> None:
    joined = NORMALIZER.fold(SEPARATOR.join(texts))
    assert joined == SEPARATOR.join(NORMALIZER.normalize(t).text for t in texts)


@given(st.text(max_size=60).filter(lambda t: SEPARATOR not in t))
def test_normalizing_with_the_folded_text_given_changes_nothing(text: str) -> None:
    assert NORMALIZER.normalize(text, NORMALIZER.fold(text)) == NORMALIZER.normalize(text)


def test_span_of_an_empty_range_and_bounds() -> None:
    norm = NORMALIZER.normalize("a\u200bb")
    assert norm.text == "ab"
    assert norm.span(0, 2) == (0, 3)
    assert norm.span(1, 1) == (2, 2)
    with pytest.raises(IndexError):
        norm.span(0, 5)


def test_term_patterns_tolerate_repeats_but_not_other_words() -> None:
    import re

    pattern = re.compile(term_pattern(["ass", "blow job"], suffixes=["es"]))
    assert pattern.search("what an asssss")
    assert pattern.search("a blow-job")
    assert not pattern.search("as you like")
    assert not pattern.search("class assessment")
    assert re.compile(term_pattern([])).search("anything") is None


@pytest.mark.parametrize(("text", "folded"), [
    ("NW 73rd St", "nw 73rd st"),        # not "terd"
    ("1st and 4th Ave", "1st and 4th ave"),
    ("Apartment 13D", "apartment 13d"),  # not "ied"
    ("old .45s", "old .45s"),            # not "ass"
    ("sh1t", "shit"),
    ("1d10t", "idiot"),
    ("4ss", "ass"),
])
def test_numbers_with_letters_are_not_leetspeak(text: str, folded: str) -> None:
    assert NORMALIZER.fold(text) == folded
    assert NORMALIZER.normalize(text).text == folded


def _reference_unleet(text: str) -> str:
    """The plain definition: convert every token that mixes letters and leet characters."""
    import re

    from clive_rules.text import _unleet_token

    return re.sub(
        r"[a-z0-9@$!|]+",
        lambda m: _unleet_token(m.group())
        if re.search("[a-z]", m.group()) and re.search(r"[0-9@$!|]", m.group()) else m.group(),
        text,
    )


@given(st.text(alphabet=st.sampled_from(list("abs hit0135@$!|.-x")), max_size=60))
def test_fast_leetspeak_matches_its_plain_definition(text: str) -> None:
    from clive_rules.text import _unleet

    assert _unleet(text) == _reference_unleet(text)


WORDS = ["fuck", "ass", "shit", "dick", "hell no", "bull shit", "cock", "as", "fat"]


@given(st.lists(st.one_of(st.sampled_from([*WORDS, "fuuuck", "asss", "class", "3fuck", "'ass"]),
                          st.text(alphabet=st.sampled_from(list("abcfhikostu '-.,3")),
                                  max_size=8)), max_size=8))
def test_keyword_pattern_finds_what_its_pattern_finds(parts: list[str]) -> None:
    import re

    from clive_rules.text import KeywordPattern, term_keywords

    pattern = re.compile(term_pattern(WORDS, suffixes=("s", "ing"), repeat=True))
    gated = KeywordPattern(pattern, term_keywords(WORDS))
    text = " ".join(parts)
    assert [m.span() for m in gated.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_typographic_apostrophes_fold_to_one_and_keep_the_offsets() -> None:
    normalizer = Normalizer()
    for text in ("don\u2019t", "don\u2018t", "don\u02bct"):
        normalized = normalizer.normalize(text)
        assert normalized.text == "don't" == normalizer.fold(text)
        assert normalized.span(3, 4) == (3, 4)
