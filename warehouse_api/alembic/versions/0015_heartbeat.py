"""device_heartbeats: each till's outbox (waiting, failed, oldest), version and cursor

Revision ID: 0015_heartbeat
Revises: 0014_replenish
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0015_heartbeat"
down_revision: str | None = "0014_replenish"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('device_heartbeats',
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outbox_waiting', sa.Integer(), nullable=False),
    sa.Column('outbox_failed', sa.Integer(), nullable=False),
    sa.Column('oldest_waiting_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('app_version', sa.String(length=32), nullable=False),
    sa.Column('local_schema', sa.Integer(), nullable=False),
    sa.Column('pull_cursor', sa.BigInteger(), nullable=True),
    sa.CheckConstraint(
        'outbox_waiting >= 0 AND outbox_failed >= 0 AND local_schema >= 0',
        name='heartbeat_counts_not_negative',
    ),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.PrimaryKeyConstraint('device_id')
    )


def downgrade() -> None:
    op.drop_table('device_heartbeats')
