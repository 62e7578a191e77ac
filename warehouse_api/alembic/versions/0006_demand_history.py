"""demand history, forecasts and idle-stock suggestions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('demand_daily',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('on_hand', sa.Integer(), nullable=True),
    sa.Column('stockout', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.CheckConstraint("channel IN ('location', 'group_buy')", name='channel'),
    sa.CheckConstraint("source IN ('system', 'import')", name='source'),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('product_id', 'location_id', 'channel', 'day')
    )
    op.create_index('ix_demand_daily_location_day', 'demand_daily', ['location_id', 'day'], unique=False)
    op.create_table('demand_history_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('refreshed_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rebuilt_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('demand_forecasts',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('method', sa.String(length=24), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('daily', sa.JSON(), nullable=False),
    sa.Column('mase', sa.Float(), nullable=True),
    sa.Column('mase_seasonal_naive', sa.Float(), nullable=True),
    sa.Column('error_sd', sa.Float(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('service_level', sa.Float(), nullable=False),
    sa.Column('safety_stock', sa.Integer(), nullable=False),
    sa.Column('reorder_point', sa.Integer(), nullable=False),
    sa.Column('generated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("channel IN ('location', 'group_buy')", name='channel'),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('product_id', 'location_id', 'channel')
    )
    op.create_index('ix_demand_forecasts_location', 'demand_forecasts', ['location_id'], unique=False)
    op.create_table('idle_suggestions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('to_location_id', sa.Integer(), nullable=True),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('idle_qty', sa.Integer(), nullable=False),
    sa.Column('idle_value_cents', sa.BigInteger(), nullable=False),
    sa.Column('transfer_id', sa.String(length=64), nullable=True),
    sa.CheckConstraint("action IN ('transfer', 'offer_group_buy', 'dropship_only')", name='action'),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.ForeignKeyConstraint(['to_location_id'], ['locations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_idle_suggestions_made_on', 'idle_suggestions', ['made_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_idle_suggestions_made_on', table_name='idle_suggestions')
    op.drop_table('idle_suggestions')
    op.drop_index('ix_demand_forecasts_location', table_name='demand_forecasts')
    op.drop_table('demand_forecasts')
    op.drop_table('demand_history_state')
    op.drop_index('ix_demand_daily_location_day', table_name='demand_daily')
    op.drop_table('demand_daily')
