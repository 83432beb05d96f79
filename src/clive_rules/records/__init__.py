"""The public record of moderation (12.4.E): an append-only, hash-chained store in SQL.

Importing this package is cheap; the database layer (SQLAlchemy, Alembic, a driver) loads when a
name below is first used::

    from clive_rules.records import RecordStore
    store = RecordStore.open("clive.toml")      # [records] url / path
    report = store.verify()

The moderation service that writes it is :mod:`clive_rules.moderation`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clive_rules.records.errors import ModerationError, RecordStoreError
    from clive_rules.records.store import (
        Filters,
        PurgeReport,
        RecordStore,
        StoredRecord,
        StoreSettings,
        VerifyReport,
    )

__all__ = ["Filters", "ModerationError", "PurgeReport", "RecordStore", "RecordStoreError",
           "StoreSettings", "StoredRecord", "VerifyReport"]

_WHERE = {"ModerationError": "errors", "RecordStoreError": "errors"}


def __getattr__(name: str) -> Any:
    if name in __all__:
        module = importlib.import_module(f"clive_rules.records.{_WHERE.get(name, 'store')}")
        return getattr(module, name)
    raise AttributeError(f"module 'clive_rules.records' has no attribute {name!r}")
