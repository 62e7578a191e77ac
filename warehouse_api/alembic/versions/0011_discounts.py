"""sale lines keep the list price, the discount and a price override's reason

Revision ID: 0011_discounts
Revises: 0010_tenders
Create Date: 2026-12-01 05:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_discounts"
down_revision: str | None = "0010_tenders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sale_lines") as batch:
        batch.add_column(sa.Column("list_price_cents", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("discount_cents", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("override_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sale_lines") as batch:
        batch.drop_column("override_reason")
        batch.drop_column("discount_cents")
        batch.drop_column("list_price_cents")
