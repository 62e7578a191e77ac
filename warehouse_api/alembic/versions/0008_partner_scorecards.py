"""dropship partners: terms per product, and the timestamps and problems of their orders

Revision ID: 0008_partners
Revises: 0007_catalog
Create Date: 2026-12-01 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008_partners'
down_revision: str | None = '0007_catalog'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('partner_terms',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('cost_cents', sa.Integer(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.CheckConstraint('cost_cents >= 0', name='partner_cost_not_negative'),
    sa.CheckConstraint('lead_time_days >= 0', name='partner_lead_time_not_negative'),
    sa.ForeignKeyConstraint(['partner_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('partner_id', 'product_id')
    )
    with op.batch_alter_table('dropship_orders') as batch:
        batch.add_column(sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('problem', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('problem_note', sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('dropship_orders') as batch:
        batch.drop_column('problem_note')
        batch.drop_column('problem')
        batch.drop_column('delivered_at')
        batch.drop_column('shipped_at')
    op.drop_table('partner_terms')
