"""Registers clive-rules' strategies with Hypothesis (the ``hypothesis`` entry-point group).

Hypothesis calls :func:`_register` when it is imported, so that ``st.from_type(Content)`` draws
from :func:`clive_rules.strategies.contents` (and ``Author`` and ``Media`` from ``st.builds``).
Only the light content model is imported here; the strategies module is imported the first
time a registered strategy is drawn from (``st.deferred``).
"""

from __future__ import annotations

import importlib


def _register() -> None:
    """Register a deferred strategy for each type of the content model."""
    import hypothesis.strategies as st

    from clive_rules.content import Author, Content, Media, MediaKind

    def strategies() -> object:
        return importlib.import_module("clive_rules.strategies")

    st.register_type_strategy(
        Content, st.deferred(lambda: strategies().contents()))  # type: ignore[attr-defined]
    st.register_type_strategy(Author, st.deferred(lambda: st.builds(
        Author, id=st.none() | st.text(max_size=20), handle=st.none() | st.text(max_size=20),
        display_name=st.none() | st.text(max_size=40), email=st.none() | st.emails())))
    st.register_type_strategy(Media, st.deferred(lambda: st.builds(
        Media, kind=st.sampled_from(list(MediaKind)))))
