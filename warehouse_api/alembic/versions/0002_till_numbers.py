"""till numbers: each counter's short number within its store

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 02:00:00

Every number a till issues (receipt, return, dropship, pickup slip) carries its
till number, so two tills of one store never issue the same number. Existing
counters are numbered 1, 2, ... per store in the order they enrolled.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("devices", sa.Column("till_no", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE devices SET till_no = ("
        "  SELECT COUNT(*) FROM devices AS earlier"
        "  WHERE earlier.location_id = devices.location_id AND earlier.role = 'counter'"
        "  AND earlier.id <= devices.id"
        ") WHERE role = 'counter' AND location_id IS NOT NULL"
    )
    op.create_index(
        "uq_devices_location_till_no", "devices", ["location_id", "till_no"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_devices_location_till_no", table_name="devices")
    op.drop_column("devices", "till_no")
