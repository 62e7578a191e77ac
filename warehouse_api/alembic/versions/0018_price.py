"""one price: the group-buy channel's unit price on its order lines, and managers'
decisions that a channel price conflict is deliberate

Revision ID: 0018_price
Revises: 0017_refunds
Create Date: 2026-12-01 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import warehouse_api.models

revision: str = "0018_price"
down_revision: str | None = "0017_refunds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reservation_lines") as batch:
        batch.add_column(sa.Column("unit_price_cents", sa.Integer(), nullable=True))
    op.create_table(
        "price_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("channel_price_cents", sa.Integer(), nullable=False),
        sa.Column("store_price_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("decided_at", warehouse_api.models.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "channel_price_cents >= 0 AND store_price_cents >= 0", name="prices"
        ),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("product_id", "channel_price_cents", "store_price_cents"),
    )


def downgrade() -> None:
    op.drop_table("price_decisions")
    with op.batch_alter_table("reservation_lines") as batch:
        batch.drop_column("unit_price_cents")
