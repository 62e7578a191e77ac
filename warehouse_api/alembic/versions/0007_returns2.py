"""returns without a receipt: the phone, the approver and the price basis on a return, an
exchange's new sale,
and the per-phone lock row of the no-receipt limit

Revision ID: 0007_returns2
Revises: 0006
Create Date: 2026-12-01 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import warehouse_api.models

revision: str = "0007_returns2"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("returns") as batch:
        batch.add_column(
            sa.Column("no_receipt", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("customer_phone", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("approved_by", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("price_basis", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("exchange_sale_id", sa.String(length=64), nullable=True))
        batch.create_foreign_key("fk_returns_approved_by_staff", "staff", ["approved_by"], ["id"])
        batch.create_index("ix_returns_no_receipt_phone", ["customer_phone", "created_at"])
    op.create_table(
        "no_receipt_phones",
        sa.Column("customer_phone", sa.String(length=32), nullable=False),
        sa.Column("last_return_at", warehouse_api.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("customer_phone"),
    )


def downgrade() -> None:
    op.drop_table("no_receipt_phones")
    with op.batch_alter_table("returns") as batch:
        batch.drop_index("ix_returns_no_receipt_phone")
        batch.drop_constraint("fk_returns_approved_by_staff", type_="foreignkey")
        batch.drop_column("exchange_sale_id")
        batch.drop_column("price_basis")
        batch.drop_column("approved_by")
        batch.drop_column("customer_phone")
        batch.drop_column("no_receipt")
