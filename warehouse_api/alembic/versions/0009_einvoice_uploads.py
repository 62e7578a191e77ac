"""e-invoice upload state: one row per MIG message owed to the MOF platform

Revision ID: 0009_einvoice_uploads
Revises: 0008_partners
Create Date: 2026-12-01 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009_einvoice_uploads'
down_revision: str | None = '0008_partners'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('einvoice_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_type', sa.String(length=5), nullable=False),
    sa.Column('document_no', sa.String(length=16), nullable=False),
    sa.Column('invoice_number', sa.String(length=10), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('due_from', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('file_name', sa.String(length=64), nullable=True),
    sa.Column('attempt', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('exported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.String(length=400), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'exporting', 'exported', 'accepted', 'rejected')", name='einvoice_upload_state'),
    sa.CheckConstraint("message_type IN ('F0401', 'F0501', 'G0401', 'G0501')", name='einvoice_upload_type'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_type', 'document_no', name='uq_einvoice_uploads_document')
    )
    op.create_index('ix_einvoice_uploads_state', 'einvoice_uploads', ['state', 'due_from'], unique=False)
    op.create_index(op.f('ix_einvoice_uploads_invoice_number'), 'einvoice_uploads', ['invoice_number'], unique=False)
    # Invoices, voids and allowances recorded before this revision are owed too.
    op.execute(
        "INSERT INTO einvoice_uploads (message_type, document_no, invoice_number, location_id,"
        " device_id, due_from, state, created_at)"
        " SELECT 'F0401', number, number, location_id, device_id, issued_at, 'pending',"
        " received_at FROM einvoices"
    )
    op.execute(
        "INSERT INTO einvoice_uploads (message_type, document_no, invoice_number, location_id,"
        " device_id, due_from, state, created_at)"
        " SELECT 'F0501', number, number, location_id, device_id, voided_at, 'pending',"
        " received_at FROM einvoices WHERE voided_at IS NOT NULL"
    )
    op.execute(
        "INSERT INTO einvoice_uploads (message_type, document_no, invoice_number, location_id,"
        " device_id, due_from, state, created_at)"
        " SELECT 'G0401', a.allowance_no, a.invoice_number, a.location_id, e.device_id,"
        " a.issued_at, 'pending', a.received_at"
        " FROM einvoice_allowances a JOIN einvoices e ON e.number = a.invoice_number"
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_einvoice_uploads_invoice_number'), table_name='einvoice_uploads')
    op.drop_index('ix_einvoice_uploads_state', table_name='einvoice_uploads')
    op.drop_table('einvoice_uploads')
