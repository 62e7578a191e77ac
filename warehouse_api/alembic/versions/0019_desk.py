"""reservation lines: what reached the store and what the customer collected (partial pickups)

Revision ID: 0019_desk
Revises: 0018_price
Create Date: 2026-12-01 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0019_desk"
down_revision: str | None = "0018_price"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reservation_lines") as batch:
        batch.add_column(sa.Column("arrived_qty", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("collected_qty", sa.Integer(), server_default="0", nullable=False)
        )
    # Pickups already at the store arrived whole (a short receipt before this revision
    # held what arrived, but the line kept no record of it); picked-up ones were collected.
    op.execute(
        "UPDATE reservation_lines SET arrived_qty = qty WHERE reservation_id IN "
        "(SELECT id FROM reservations WHERE kind = 'pickup' AND status IN ('ready', 'picked_up'))"
    )
    op.execute(
        "UPDATE reservation_lines SET collected_qty = qty WHERE reservation_id IN "
        "(SELECT id FROM reservations WHERE kind = 'pickup' AND status = 'picked_up')"
    )


def downgrade() -> None:
    with op.batch_alter_table("reservation_lines") as batch:
        batch.drop_column("collected_qty")
        batch.drop_column("arrived_qty")
