"""Alembic migrations of the record store, run by :mod:`clive_rules.records.store`."""
