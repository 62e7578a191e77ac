"""e-invoice uploads carry the E0402 blank-number message too (one per period and track,
of no single store: location_id may be null); an allowance may be voided (G0501)

Revision ID: 0016_einv2
Revises: 0015_heartbeat
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_einv2"
down_revision: str | None = "0015_heartbeat"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TYPES = "message_type IN ('F0401', 'F0501', 'G0401', 'G0501')"
NEW_TYPES = "message_type IN ('F0401', 'F0501', 'G0401', 'G0501', 'E0402')"


def upgrade() -> None:
    with op.batch_alter_table("einvoice_uploads") as batch:
        batch.drop_constraint("einvoice_upload_type", type_="check")
        batch.create_check_constraint("einvoice_upload_type", NEW_TYPES)
        batch.alter_column("location_id", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("einvoice_allowances") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("void_reason", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("void_op_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("einvoice_allowances") as batch:
        batch.drop_column("void_op_id")
        batch.drop_column("void_reason")
        batch.drop_column("voided_at")
    op.execute("DELETE FROM einvoice_uploads WHERE message_type = 'E0402'")
    with op.batch_alter_table("einvoice_uploads") as batch:
        batch.alter_column("location_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("einvoice_upload_type", type_="check")
        batch.create_check_constraint("einvoice_upload_type", OLD_TYPES)
