"""The city's own side of Article XII: what moderators post, how accounts are run and secured.

Residents' content goes through the :class:`~clive_rules.engine.Engine`. This package covers the
clauses that govern the city itself:

* :mod:`clive_rules.city.posting`: checks on a draft the city is about to publish (12.3.B,
  12.4.A.5, 12.4.A.8, 12.4.B, 12.4.C, and 12.4.D through the same engine rules);
* :mod:`clive_rules.city.inventory` and :mod:`clive_rules.city.audit`: an audit of every
  account from an inventory file (12.3, 12.4.C, 12.5.A), with live facts from platform plugins
  through the ``clive_account_settings`` hook;
* :mod:`clive_rules.city.incidents`: the breach response of 12.5.B, kept in the record store;
* :mod:`clive_rules.city.clausemap`: which of these (or which content rule) checks each clause.

Importing this package loads none of them; the names below are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from clive_rules.city.audit import AuditFinding, AuditReport, audit
    from clive_rules.city.clausemap import ClauseMapRow, clause_map
    from clive_rules.city.incidents import Incident, IncidentError, IncidentLog
    from clive_rules.city.inventory import (
        Account,
        AccountSettings,
        Inventory,
        InventoryError,
        load_inventory,
    )
    from clive_rules.city.posting import PostingChecker

__all__ = [
    "Account",
    "AccountSettings",
    "AuditFinding",
    "AuditReport",
    "ClauseMapRow",
    "Incident",
    "IncidentError",
    "IncidentLog",
    "Inventory",
    "InventoryError",
    "PostingChecker",
    "audit",
    "clause_map",
    "load_inventory",
]

_WHERE = {
    "Account": "inventory", "AccountSettings": "inventory", "Inventory": "inventory",
    "InventoryError": "inventory", "load_inventory": "inventory",
    "AuditFinding": "audit", "AuditReport": "audit", "audit": "audit",
    "ClauseMapRow": "clausemap", "clause_map": "clausemap",
    "Incident": "incidents", "IncidentError": "incidents", "IncidentLog": "incidents",
    "PostingChecker": "posting",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module = importlib.import_module(f"clive_rules.city.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'clive_rules.city' has no attribute {name!r}")
