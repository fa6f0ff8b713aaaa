"""When each user's reminder is next due (an index for the dispatcher), and an append-only
history of what happened (reminders sent, sessions done, pain scores).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.tables import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("next_due", UtcDateTime, nullable=True),
        sa.Column("claimed_until", UtcDateTime, nullable=True),
        sa.UniqueConstraint("platform", "user_id", name="uq_reminders_user"),
    )
    op.create_index("ix_reminders_platform_due", "reminders", ["platform", "next_due"])
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("local_date", sa.String(10), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("once_key", sa.String(64), nullable=True),
        sa.UniqueConstraint("platform", "user_id", "once_key", name="uq_history_once"),
    )
    op.create_index("ix_history_user_kind", "history", ["platform", "user_id", "kind"])


def downgrade() -> None:
    op.drop_table("history")
    op.drop_table("reminders")
