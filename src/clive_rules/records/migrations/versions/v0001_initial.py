"""The record chain and its indexes.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables and the empty chain head."""
    chain = op.create_table(
        "clive_chain",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("head", sa.String(64), nullable=False),
    )
    assert chain is not None
    op.bulk_insert(chain, [{"id": 1, "seq": 0, "head": "0" * 64}])
    op.create_table(
        "clive_records",
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
    op.create_index("ix_clive_records_author", "clive_records", ["author_key"])
    op.create_index("ix_clive_records_time", "clive_records", ["recorded_at"])
    op.create_index("ix_clive_records_content", "clive_records", ["platform", "content_id"])
    op.create_index("ix_clive_records_kind", "clive_records", ["kind"])
    op.create_table(
        "clive_strikes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(64), nullable=False),
        sa.Column("author_key", sa.String(256), nullable=False),
        sa.Column("record_seq", sa.BigInteger, nullable=False, unique=True),
        sa.Column("counted_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=True),
        sa.Column("revoked_seq", sa.BigInteger, nullable=True),
    )
    op.create_index("ix_clive_strikes_author", "clive_strikes", ["author_key", "platform"])
    op.create_table(
        "clive_items",
        sa.Column("platform", sa.String(64), primary_key=True),
        sa.Column("content_id", sa.String(256), primary_key=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "clive_reviews",
        sa.Column("review_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("decided_seq", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "clive_blocks",
        sa.Column("platform", sa.String(64), primary_key=True),
        sa.Column("author_key", sa.String(256), primary_key=True),
        sa.Column("blocked", sa.Boolean, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "clive_holds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("author_key", sa.String(256), nullable=True),
        sa.Column("account", sa.String(128), nullable=True),
        sa.Column("record_seq", sa.BigInteger, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("placed_seq", sa.BigInteger, nullable=False),
        sa.Column("released_seq", sa.BigInteger, nullable=True),
    )


def downgrade() -> None:
    """Drop everything (only for development: a public record is never downgraded)."""
    for table in ("clive_holds", "clive_blocks", "clive_reviews", "clive_items", "clive_strikes",
                  "clive_records", "clive_chain"):
        op.drop_table(table)
