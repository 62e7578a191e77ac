"""shift closes keep the Z report's figures

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIGURES = (
    "opening_cents",
    "expected_opening_cents",
    "cash_sales_cents",
    "cash_refunds_cents",
    "cash_in_cents",
    "cash_out_cents",
    "expected_cents",
    "counted_cents",
    "difference_cents",
    "sale_count",
)


def upgrade() -> None:
    with op.batch_alter_table("shift_closes") as batch:
        batch.add_column(sa.Column("opened_by", sa.Integer(), nullable=True))
        for name in FIGURES:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
        batch.add_column(sa.Column("unsynced_ops", sa.Integer(), server_default="0", nullable=False))
        batch.create_foreign_key("fk_shift_closes_opened_by_staff", "staff", ["opened_by"], ["id"])
    op.create_index("ix_shift_closes_location_closed", "shift_closes", ["location_id", "closed_at"])


def downgrade() -> None:
    op.drop_index("ix_shift_closes_location_closed", table_name="shift_closes")
    with op.batch_alter_table("shift_closes") as batch:
        batch.drop_constraint("fk_shift_closes_opened_by_staff", type_="foreignkey")
        batch.drop_column("unsynced_ops")
        for name in reversed(FIGURES):
            batch.drop_column(name)
        batch.drop_column("opened_by")
