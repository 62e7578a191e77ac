"""one cart, three ways to fulfil: sale lines say how they are fulfilled; reservations and
dropship orders keep the counter sale (receipt no.) and what each line paid

Revision ID: 0012_mixedcart
Revises: 0011_discounts
Create Date: 2026-12-01 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_mixedcart"
down_revision: str | None = "0011_discounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sale_lines") as batch:
        batch.add_column(
            sa.Column("fulfilment", sa.String(length=8), nullable=False, server_default="take")
        )
    for table in ("reservations", "dropship_orders"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("receipt_no", sa.String(length=40), nullable=True))
    with op.batch_alter_table("dropship_orders") as batch:
        batch.add_column(sa.Column("delivery", sa.String(length=8), nullable=True))
    for table in ("reservation_lines", "dropship_lines"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("sale_line_id", sa.String(length=64), nullable=True))
            batch.add_column(sa.Column("paid_cents", sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in ("reservation_lines", "dropship_lines"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("paid_cents")
            batch.drop_column("sale_line_id")
    with op.batch_alter_table("dropship_orders") as batch:
        batch.drop_column("delivery")
    for table in ("reservations", "dropship_orders"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("receipt_no")
    with op.batch_alter_table("sale_lines") as batch:
        batch.drop_column("fulfilment")
