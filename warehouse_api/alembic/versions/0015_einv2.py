"""e-invoice uploads carry the E0402 blank-number message too (one per period and track,
of no single store: location_id may be null)

Revision ID: 0015_einv2
Revises: 0014_replenish
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_einv2"
down_revision: str | None = "0014_replenish"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TYPES = "message_type IN ('F0401', 'F0501', 'G0401', 'G0501')"
NEW_TYPES = "message_type IN ('F0401', 'F0501', 'G0401', 'G0501', 'E0402')"


def upgrade() -> None:
    with op.batch_alter_table("einvoice_uploads") as batch:
        batch.drop_constraint("einvoice_upload_type", type_="check")
        batch.create_check_constraint("einvoice_upload_type", NEW_TYPES)
        batch.alter_column("location_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM einvoice_uploads WHERE message_type = 'E0402'")
    with op.batch_alter_table("einvoice_uploads") as batch:
        batch.alter_column("location_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("einvoice_upload_type", type_="check")
        batch.create_check_constraint("einvoice_upload_type", OLD_TYPES)
