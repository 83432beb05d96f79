"""The tables of the record store (SQLAlchemy Core), as the latest migration leaves them.

``clive_records`` is the append-only chain; the other tables are indexes of it that the
moderation service reads and updates in the same transaction as the record they derive from
(strikes, blocks, content states, reviews, legal holds). ``clive_chain`` holds the chain head:
writers lock its one row, and ``records verify`` compares it with the last record, so that a
record removed from the end of the chain is found too.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["HEAD_REVISION", "blocks", "chain", "holds", "items", "metadata", "records",
           "reviews", "strikes"]

HEAD_REVISION = "0001"
"""The Alembic revision this module describes."""

metadata = sa.MetaData()

chain = sa.Table(
    "clive_chain", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("head", sa.String(64), nullable=False),
)

records = sa.Table(
    "clive_records", metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("body_sha256", sa.String(64), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("purged_seq", sa.BigInteger, nullable=True),
    sa.Column("platform", sa.String(64), nullable=True),
    sa.Column("account", sa.String(128), nullable=True),
    sa.Column("author_key", sa.String(256), nullable=True),
    sa.Column("content_id", sa.String(256), nullable=True),
    sa.Column("clauses", sa.String(512), nullable=True),
    sa.Column("refers_to", sa.BigInteger, nullable=True),
)

strikes = sa.Table(
    "clive_strikes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(64), nullable=False),
    sa.Column("author_key", sa.String(256), nullable=False),
    sa.Column("record_seq", sa.BigInteger, nullable=False, unique=True),
    sa.Column("counted_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=True),
    sa.Column("revoked_seq", sa.BigInteger, nullable=True),
)

items = sa.Table(
    "clive_items", metadata,
    sa.Column("platform", sa.String(64), primary_key=True),
    sa.Column("content_id", sa.String(256), primary_key=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
)

reviews = sa.Table(
    "clive_reviews", metadata,
    sa.Column("review_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("decided_seq", sa.BigInteger, nullable=True),
)

blocks = sa.Table(
    "clive_blocks", metadata,
    sa.Column("platform", sa.String(64), primary_key=True),
    sa.Column("author_key", sa.String(256), primary_key=True),
    sa.Column("blocked", sa.Boolean, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
)

holds = sa.Table(
    "clive_holds", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("author_key", sa.String(256), nullable=True),
    sa.Column("account", sa.String(128), nullable=True),
    sa.Column("record_seq", sa.BigInteger, nullable=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("placed_seq", sa.BigInteger, nullable=False),
    sa.Column("released_seq", sa.BigInteger, nullable=True),
)
