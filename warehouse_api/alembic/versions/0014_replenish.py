"""transfers: a store's reason for its request, and what the store counted on receipt

Revision ID: 0014_replenish
Revises: 0013_returns2
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0014_replenish"
down_revision: str | None = "0013_returns2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('transfers') as batch:
        batch.add_column(sa.Column('reason', sa.String(length=200), nullable=True))
    with op.batch_alter_table('transfer_lines') as batch:
        batch.add_column(sa.Column('received_qty', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('transfer_lines') as batch:
        batch.drop_column('received_qty')
    with op.batch_alter_table('transfers') as batch:
        batch.drop_column('reason')
