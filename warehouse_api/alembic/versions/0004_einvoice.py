"""e-invoice numbers (字軌), booklets and issued invoices

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 02:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('einvoice_ranges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=5), nullable=False),
    sa.Column('track', sa.String(length=2), nullable=False),
    sa.Column('start_no', sa.Integer(), nullable=False),
    sa.Column('end_no', sa.Integer(), nullable=False),
    sa.Column('invoice_type', sa.String(length=2), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('end_no >= start_no', name='einvoice_range_order'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('period', 'track', 'start_no', name='uq_einvoice_ranges_start')
    )
    op.create_table('einvoice_booklets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('range_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=5), nullable=False),
    sa.Column('track', sa.String(length=2), nullable=False),
    sa.Column('start_no', sa.Integer(), nullable=False),
    sa.Column('end_no', sa.Integer(), nullable=False),
    sa.Column('invoice_type', sa.String(length=2), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('blank_from', sa.Integer(), nullable=True),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('available', 'claimed', 'returned')", name='einvoice_booklet_status'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['range_id'], ['einvoice_ranges.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('period', 'track', 'start_no', name='uq_einvoice_booklets_start')
    )
    op.create_index('ix_einvoice_booklets_claim', 'einvoice_booklets', ['period', 'status', 'track', 'start_no'], unique=False)
    op.create_index(op.f('ix_einvoice_booklets_device_id'), 'einvoice_booklets', ['device_id'], unique=False)
    op.create_table('einvoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('sale_id', sa.String(length=64), nullable=False),
    sa.Column('booklet_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('op_id', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=5), nullable=False),
    sa.Column('random_code', sa.String(length=4), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sales_amount_cents', sa.Integer(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.String(length=8), nullable=False),
    sa.Column('buyer_id', sa.String(length=8), nullable=True),
    sa.Column('carrier_type', sa.String(length=6), nullable=True),
    sa.Column('carrier_id', sa.String(length=64), nullable=True),
    sa.Column('donation_code', sa.String(length=7), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('void_reason', sa.String(length=20), nullable=True),
    sa.Column('void_op_id', sa.String(length=64), nullable=True),
    sa.Column('void_return_id', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['booklet_id'], ['einvoice_booklets.id'], ),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number'),
    sa.UniqueConstraint('sale_id')
    )
    op.create_index(op.f('ix_einvoices_booklet_id'), 'einvoices', ['booklet_id'], unique=False)
    op.create_table('einvoice_allowances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('allowance_no', sa.String(length=16), nullable=False),
    sa.Column('invoice_number', sa.String(length=10), nullable=False),
    sa.Column('return_id', sa.String(length=64), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sales_amount_cents', sa.Integer(), nullable=False),
    sa.Column('tax_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('op_id', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invoice_number'], ['einvoices.number'], ),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('allowance_no')
    )
    op.create_index(op.f('ix_einvoice_allowances_invoice_number'), 'einvoice_allowances', ['invoice_number'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_einvoice_allowances_invoice_number'), table_name='einvoice_allowances')
    op.drop_table('einvoice_allowances')
    op.drop_index(op.f('ix_einvoices_booklet_id'), table_name='einvoices')
    op.drop_table('einvoices')
    op.drop_index(op.f('ix_einvoice_booklets_device_id'), table_name='einvoice_booklets')
    op.drop_index('ix_einvoice_booklets_claim', table_name='einvoice_booklets')
    op.drop_table('einvoice_booklets')
    op.drop_table('einvoice_ranges')
