"""Tenders on the till's real database: the feed's list cached (offline too), a split
sale written with each payment and its reference, the receipt, and the X/Z reports
listing each tender while only cash moves the drawer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.core.receipts import Document
from counter_app.core.tenders import CASH, PaymentSplit
from counter_app.local.cache_writer import Change, apply_changes, sweep_unseen
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, Payment
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.receipts import ReceiptService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from counter_app.services.tenders import TenderService

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
AT = "2026-11-25T01:00:00+00:00"


def _tender(seq: int, code: str, zh: str, kind: str, order: int, active: bool = True) -> Change:
    data = {
        "code": code,
        "name_zh": zh,
        "name_en": code.title(),
        "kind": kind,
        "needs_reference": kind != "cash",
        "active": active,
        "sort_order": order,
    }
    return Change(seq, "tender", "upsert", code, data)


FEED = [
    _tender(100, "cash", "現金", "cash", 0),
    _tender(106, "pxpay", "全支付", "mobile", 25),  # added at head office
    _tender(101, "card", "信用卡", "card", 10),
    _tender(102, "linepay", "LINE Pay", "mobile", 20),
    _tender(103, "voucher", "禮券", "voucher", 70),
    _tender(104, "future", "未來支付", "crypto", 80),  # a kind this till does not know
]


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.drawers: list[str] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append(document)
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        self.drawers.append(reason)
        return "d"


def test_a_till_that_never_synced_tenders_offers_cash_alone(db: LocalDatabase) -> None:
    assert TenderService(db).usable() == [CASH]


def test_the_feeds_tenders_are_cached_and_a_disabled_one_is_no_longer_offered(
    db: LocalDatabase,
) -> None:
    with db.unit_of_work() as session:
        apply_changes(session, FEED, AT)
    service = TenderService(db)
    assert [t.code for t in service.usable()] == ["cash", "card", "linepay", "pxpay", "voucher"]
    with db.unit_of_work() as session:
        apply_changes(session, [_tender(105, "linepay", "LINE Pay", "mobile", 20, False)], AT)
    assert [t.code for t in service.usable()] == ["cash", "card", "pxpay", "voucher"]
    assert service.all_known()["linepay"].active is False  # still named on reprints
    with db.unit_of_work() as session:  # a re-pull from zero that no longer sees it
        apply_changes(session, [_tender(1, "card", "信用卡", "card", 10)], AT, epoch=2)
        sweep_unseen(session, 2)
    assert [t.code for t in service.usable()] == ["cash", "card"]


def _split_sale(db: LocalDatabase, output: RecordingOutput) -> Any:
    with db.unit_of_work() as session:
        apply_changes(session, FEED, AT)
    tenders = {t.code: t for t in TenderService(db).usable()}
    cart = Cart()
    cart.add(CatalogService(db).find_by_code("4710000000010"), 4)  # 4 x NT$25 = NT$100
    split = PaymentSplit(cart.total.cents)
    split.add(tenders["card"], 6_000, "TX-889912", "A1B2C3")
    split.add(tenders["linepay"], 1_000, "LP20261201000123")
    split.add(tenders["pxpay"], 500, "PX-1")
    split.add(tenders["cash"], 5_000)  # NT$25 left: NT$50 handed over, NT$25 change
    clock = lambda: datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)  # noqa: E731
    return SellingService(db, STORE, clock).complete_sale(cart, CASHIER, split.payments)


def test_a_split_sale_is_written_with_each_payment_and_its_reference(db: LocalDatabase) -> None:
    shifts = ShiftService(db, STORE, StaffService(db, STORE.location_id))
    shifts.open(CASHIER, {100: 5})
    sale = _split_sale(db, RecordingOutput())
    assert (sale.total, sale.change, sale.takes_cash) == (Money(10_000), Money(2_500), True)
    with db.read() as session:
        rows = session.execute(
            select(
                Payment.method,
                Payment.amount_cents,
                Payment.tendered_cents,
                Payment.change_cents,
                Payment.reference,
                Payment.approval_code,
            ).where(Payment.sale_id == sale.sale_id)
        ).all()
        payload = json.loads(session.get(OutboxOp, sale.op_id).payload)  # type: ignore[union-attr]
    assert sorted(tuple(r) for r in rows) == [
        ("card", 6_000, 6_000, 0, "TX-889912", "A1B2C3"),
        ("cash", 2_500, 5_000, 2_500, None, None),
        ("linepay", 1_000, 1_000, 0, "LP20261201000123", None),
        ("pxpay", 500, 500, 0, "PX-1", None),
    ]
    sent = [(p["method"], p["amount_cents"], p.get("reference")) for p in payload["payments"]]
    assert sent == [("card", 6_000, "TX-889912"), ("linepay", 1_000, "LP20261201000123"),
                    ("pxpay", 500, "PX-1"), ("cash", 2_500, None)]  # fmt: skip
    assert "reference" not in payload["payments"][3]  # a cash payment's body as it always was


def test_the_receipt_prints_each_tender_its_reference_masked_and_the_change(
    db: LocalDatabase,
) -> None:
    ShiftService(db, STORE, StaffService(db, STORE.location_id)).open(CASHIER, {100: 5})
    output = RecordingOutput()
    sale = _split_sale(db, output)
    receipts = ReceiptService(db, output, STORE, StaffService(db, STORE.location_id))
    receipts.print_sale(sale)
    receipts.reprint(sale.receipt_no)
    for document in output.documents:  # the receipt and its reprint from the journal
        text = document.plain_text(48)
        assert "信用卡" in text and "交易序號 *****9912" in text and "授權碼 A1B2C3" in text
        assert "LINE Pay" in text and "交易序號 ************0123" in text
        # References longer than 8 characters are masked on paper, the last 4 kept.
        assert "TX-889912" not in text and "LP20261201000123" not in text
        assert "找零" in text and "NT$25" in text


def test_the_x_and_z_reports_list_each_tender_and_only_cash_moves_the_drawer(
    db: LocalDatabase,
) -> None:
    output = RecordingOutput()
    staff = StaffService(db, STORE.location_id)
    shifts = ShiftService(db, STORE, staff, output, terminal="S001-1")
    shifts.open(CASHIER, {100: 5})  # NT$500 float
    _split_sale(db, output)
    report = shifts.report()
    by_method = {t.method: (t.sales_count, t.sales_cents) for t in report.tenders}
    assert by_method == {
        "cash": (1, 2_500),
        "card": (1, 6_000),
        "linepay": (1, 1_000),
        "pxpay": (1, 500),
    }
    assert report.tenders[0].method == "cash"
    assert report.cash_sales_cents == 2_500
    assert report.expected_cents == 50_000 + 2_500  # the card and LINE Pay are not in the drawer

    with db.unit_of_work() as session:  # the warehouse took the sale
        session.execute(update(OutboxOp).values(state="done"))
    closed = shifts.close(CASHIER, {100: 5, 1: 25})
    assert closed.counted_cents == 52_500
    shifts.print_report(closed)
    z_text = output.documents[-1].plain_text(48)
    assert "信用卡 1 筆" in z_text and "NT$60" in z_text and "LINE Pay 1 筆" in z_text
    assert "全支付 1 筆" in z_text  # named as head office configured it
    with db.read() as session:
        close_op = session.scalars(select(OutboxOp).where(OutboxOp.type == "shift.close")).one()
    tenders = json.loads(close_op.payload)["report"]["tenders"]
    assert {t["method"]: t["sales_cents"] for t in tenders} == {
        "cash": 2_500,
        "card": 6_000,
        "linepay": 1_000,
        "pxpay": 500,
    }
    assert json.loads(close_op.payload)["expected_cents"] == 52_500
