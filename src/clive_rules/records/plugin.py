"""The built-in plugin that declares the ``[records]`` and ``[moderation]`` configuration.

It imports nothing heavy: the database layer is loaded only when a store is opened.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clive_rules.hookspecs import hookimpl

__all__ = ["DEFAULT_WARNING", "clive_config_defaults"]

# 12.4.F: the standard warning. This is the one place the product reproduces the policy's text.
DEFAULT_WARNING = (
    "Your recent post is in violation of the City of Clive's Social Media Policy. Please refrain "
    "from posting inappropriate content in the future. If you do not refrain from posting such "
    "content, we will regretfully have to block you from further posts. Thank you for "
    "understanding."
)
"""The warning of 12.4.F, verbatim."""

DEFAULT_WARNING_TEMPLATE = DEFAULT_WARNING + "\n\nPolicy section: {clause_refs}."
"""The default warning template: the policy's wording, then the clause(s) it was removed under."""


@hookimpl
def clive_config_defaults() -> Mapping[str, Mapping[str, Any]]:
    """The record store's and the moderation service's configuration."""
    return {
        "records": {
            # A SQLAlchemy URL (sqlite:///..., postgresql+psycopg://...). Empty: SQLite at `path`.
            # The environment variable CLIVE_RULES_DATABASE_URL overrides it.
            "url": "",
            # The SQLite file. Empty: records.sqlite3 in the user's data directory.
            "path": "",
            # How long to keep records, in days; 0 keeps them forever (purge does nothing).
            "retention_days": 0,
            # How long a write waits for a lock held by another process, in milliseconds.
            "busy_timeout_ms": 5000,
            # SQLite's synchronous pragma: "full" survives power loss, "normal" only crashes.
            "sqlite_synchronous": "full",
            # Seconds to wait for a PostgreSQL server to answer a connection.
            "connect_timeout": 10,
        },
        "moderation": {
            # The 12.4.F warning; {clause_refs}, {clauses}, {titles} and {city} are filled in.
            "warning_template": DEFAULT_WARNING_TEMPLATE,
            # Clauses whose removal counts as a strike (a clause id covers its items).
            "strike_clauses": ["12.4.D"],
            # Days after which a strike no longer counts; 0: strikes never expire.
            "strike_expiry_days": 0,
            # The strike that leads to a block (12.4.F: the second).
            "block_at_strike": 2,
            # What removal does on the platform: "hide" (kept, not shown) or "delete".
            "removal": "hide",
            # Whether removing an inappropriate tag (12.4.G) also counts as a strike and warns.
            "tags_count_as_strikes": False,
        },
    }
