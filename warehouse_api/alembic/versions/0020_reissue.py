"""one live invoice per sale: a same-period partial return voids the invoice and issues a
replacement (重開) for the same sale, linked to the invoice it replaces and to the return

Revision ID: 0020_reissue
Revises: 0019_desk
Create Date: 2026-12-01 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_reissue"
down_revision: str | None = "0019_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = sa.text("voided_at IS NULL")
NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}  # names SQLite's unnamed UNIQUE


def upgrade() -> None:
    # The old UNIQUE(sale_id) is unnamed on SQLite and einvoices_sale_id_key on PostgreSQL:
    # batch mode rebuilds the table on SQLite; reflection finds the constraint's name.
    unique = _sale_unique()
    with op.batch_alter_table("einvoices", naming_convention=NAMES) as batch:
        if unique is not None:
            batch.drop_constraint(unique, type_="unique")
        batch.add_column(sa.Column("replaces", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("return_id", sa.String(length=64), nullable=True))
    op.create_index("ix_einvoices_replaces", "einvoices", ["replaces"], unique=False)
    op.create_index(
        "uq_einvoices_live_sale",
        "einvoices",
        ["sale_id"],
        unique=True,
        postgresql_where=LIVE,
        sqlite_where=LIVE,
    )


def downgrade() -> None:
    # Fails while a sale has a replacement: its voided invoice and the new one share it.
    op.drop_index("uq_einvoices_live_sale", table_name="einvoices")
    op.drop_index("ix_einvoices_replaces", table_name="einvoices")
    with op.batch_alter_table("einvoices", naming_convention=NAMES) as batch:
        batch.drop_column("return_id")
        batch.drop_column("replaces")
        batch.create_unique_constraint("einvoices_sale_id_key", ["sale_id"])


def _sale_unique() -> str | None:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints("einvoices"):
        if constraint["column_names"] == ["sale_id"]:
            return constraint["name"] or "uq_einvoices_sale_id"
    return None
