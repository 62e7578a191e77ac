"""group-buy orders paid at pickup: the order's payment and amount due, the sale paying
a hand-over (its collect lines name the order), and which sale paid which hand-over

Revision ID: 0021_payatpickup
Revises: 0020_reissue
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021_payatpickup"
down_revision: str | None = "0020_reissue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every order before this revision was paid before its pickup: 'online'.
    with op.batch_alter_table("reservations") as batch:
        batch.add_column(
            sa.Column("payment", sa.String(length=16), server_default="online", nullable=False)
        )
        batch.add_column(sa.Column("amount_due_cents", sa.Integer(), nullable=True))
        batch.create_check_constraint("payment", "payment IN ('online', 'at_pickup')")
    with op.batch_alter_table("sales") as batch:
        batch.add_column(sa.Column("collects_order_id", sa.String(length=64), nullable=True))
    op.create_table(
        "reservation_payments",
        sa.Column("sale_id", sa.String(length=64), nullable=False),
        sa.Column("reservation_id", sa.String(length=64), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["location_id"], ["locations.id"]),
        sa.ForeignKeyConstraint(["reservation_id"], ["reservations.id"]),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"]),
        sa.PrimaryKeyConstraint("sale_id"),
    )
    op.create_index(
        "ix_reservation_payments_reservation_id",
        "reservation_payments",
        ["reservation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_reservation_payments_reservation_id", table_name="reservation_payments")
    op.drop_table("reservation_payments")
    with op.batch_alter_table("sales") as batch:
        batch.drop_column("collects_order_id")
    with op.batch_alter_table("reservations") as batch:
        batch.drop_constraint("payment", type_="check")
        batch.drop_column("amount_due_cents")
        batch.drop_column("payment")
