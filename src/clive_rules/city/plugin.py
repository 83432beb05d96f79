"""The built-in plugin that declares the ``[posting]``, ``[audit]`` and ``[incidents]`` sections.

It imports nothing heavy: posting checks, audits and incidents load when they are used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clive_rules.hookspecs import hookimpl

__all__ = ["DEFAULT_STEP_HOURS", "clive_config_defaults"]

DEFAULT_STEP_HOURS: Mapping[str, int] = {
    "respond": 2,             # 12.5.B.1 respond quickly
    "credentials": 4,         # 12.5.B.2 change login and password immediately
    "notify-followers": 24,   # 12.5.B.3 acknowledge the breach to followers
    "damage": 72,             # 12.5.B.4 look for damage and correct it
    "report-it": 24,          # 12.5.B.5 report to the IT Director
}
"""Hours after an incident is opened by which each 12.5.B step is due (the policy sets none)."""


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The city-side configuration (see docs/city-side.md)."""
    return {
        "posting": {
            # The city website's home page: the page suggested when no better one is known.
            "home_page": "https://www.cityofclive.com",
            # Department slug -> its page on the city website (12.3.B suggestions).
            "pages": {},
            # Owners whose material is the city's own (no permission needed, 12.4.A.5).
            "own_material": ["city", "city of clive"],
        },
        "audit": {
            # How many recent weeks 12.3.I monitoring is checked over.
            "monitoring_weeks": 4,
            # Days of monitoring or updates each week needs (12.3.I: at least twice a week).
            "updates_per_week": 2,
            # Days after which training must be renewed (12.3.H.4); 0: it never lapses.
            "training_valid_days": 0,
        },
        "incidents": {
            # Hours after opening by which each 12.5.B step is due.
            "deadline_hours": dict(DEFAULT_STEP_HOURS),
        },
    }
