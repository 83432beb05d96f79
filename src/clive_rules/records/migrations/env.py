"""Alembic environment: runs on the connection the record store hands over.

The store opens the transaction (holding the database's write lock), so two processes that open
a new database at once migrate it once.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None,
                  version_table="clive_records_alembic_version")
with context.begin_transaction():
    context.run_migrations()
