"""tenders (cash, card, mobile, voucher) and payment references

Revision ID: 0010_tenders
Revises: 0009_einvoice_uploads
Create Date: 2026-12-01 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0010_tenders'
down_revision: str | None = '0009_einvoice_uploads'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The defaults (warehouse_api/services/tenders.DEFAULT_TENDERS as of this revision);
# ensure_tenders publishes them to the change feed when the server starts.
DEFAULTS = [
    ("cash", "現金", "Cash", "cash", False, 0),
    ("card", "信用卡", "Credit card", "card", True, 10),
    ("linepay", "LINE Pay", "LINE Pay", "mobile", True, 20),
    ("jkopay", "街口支付", "JKOPAY", "mobile", True, 30),
    ("easycard", "悠遊卡", "EasyCard", "mobile", True, 40),
    ("ipass", "一卡通", "iPASS", "mobile", True, 50),
    ("applepay", "Apple Pay", "Apple Pay", "card", True, 60),
    ("voucher", "禮券", "Store voucher", "voucher", True, 70),
]


def upgrade() -> None:
    tenders = op.create_table('tenders',
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name_zh', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('needs_reference', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('cash', 'card', 'mobile', 'voucher')", name='kind'),
    sa.PrimaryKeyConstraint('code')
    )
    op.bulk_insert(tenders, [
        {"code": code, "name_zh": zh, "name_en": en, "kind": kind,
         "needs_reference": needs_reference, "active": True, "sort_order": order}
        for code, zh, en, kind, needs_reference, order in DEFAULTS
    ])
    op.add_column('payments', sa.Column('reference', sa.String(length=64), nullable=True))
    op.add_column('payments', sa.Column('approval_code', sa.String(length=32), nullable=True))
    op.add_column('payments', sa.Column('unknown_tender', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('payments', 'unknown_tender')
    op.drop_column('payments', 'approval_code')
    op.drop_column('payments', 'reference')
    op.drop_table('tenders')
