"""return_tenders: each return's refund per tender (refunds to the original tenders)

Revision ID: 0017_refunds
Revises: 0016_einv2
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0017_refunds"
down_revision: str | None = "0016_einv2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'return_tenders',
        sa.Column('return_id', sa.String(length=64), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=32), nullable=False),
        sa.Column('amount_cents', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=64), nullable=True),
        sa.Column('approval_code', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['return_id'], ['returns.id']),
        sa.PrimaryKeyConstraint('return_id', 'position'),
    )
    # Every earlier return was refunded in cash: one row each, so sums read one table.
    op.execute(
        "INSERT INTO return_tenders (return_id, position, method, amount_cents)"
        " SELECT id, 0, 'cash', refund_cents FROM returns WHERE refund_cents > 0"
    )


def downgrade() -> None:
    op.drop_table('return_tenders')
