"""returns: without a receipt (phone, approver, price basis), exchanges (the new sale), a
damaged line's reason, returns of group-buy and dropship orders (refund state), and the
per-phone lock row of the no-receipt limit

Revision ID: 0013_returns2
Revises: 0012_mixedcart
Create Date: 2026-12-01 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import warehouse_api.models

revision: str = "0013_returns2"
down_revision: str | None = "0012_mixedcart"
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
    with op.batch_alter_table("return_lines") as batch:
        batch.add_column(sa.Column("reason", sa.String(length=200), nullable=True))
    op.create_table(
        "order_returns",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("order_kind", sa.String(length=16), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("refund_cents", sa.Integer(), nullable=False),
        sa.Column("refund_state", sa.String(length=24), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", warehouse_api.models.UTCDateTime(), nullable=False),
        sa.Column("refunded_at", warehouse_api.models.UTCDateTime(), nullable=True),
        sa.CheckConstraint("order_kind IN ('group_buy', 'dropship')", name="order_kind"),
        sa.CheckConstraint(
            "refund_state IN ('paid_at_counter', 'pending_channel', 'refunded_by_channel')",
            name="refund_state",
        ),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_order_returns_order", "order_returns", ["order_kind", "order_id"])
    op.create_index("ix_order_returns_location_id", "order_returns", ["location_id"])
    op.create_table(
        "order_return_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("disposition", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.ForeignKeyConstraint(["return_id"], ["order_returns.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_order_return_lines_return_id", "order_return_lines", ["return_id"])
    op.create_table(
        "no_receipt_phones",
        sa.Column("customer_phone", sa.String(length=32), nullable=False),
        sa.Column("last_return_at", warehouse_api.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("customer_phone"),
    )


def downgrade() -> None:
    op.drop_table("no_receipt_phones")
    op.drop_table("order_return_lines")
    op.drop_table("order_returns")
    with op.batch_alter_table("return_lines") as batch:
        batch.drop_column("reason")
    with op.batch_alter_table("returns") as batch:
        batch.drop_index("ix_returns_no_receipt_phone")
        batch.drop_constraint("fk_returns_approved_by_staff", type_="foreignkey")
        batch.drop_column("exchange_sale_id")
        batch.drop_column("price_basis")
        batch.drop_column("approved_by")
        batch.drop_column("customer_phone")
        batch.drop_column("no_receipt")
