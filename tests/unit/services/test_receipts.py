from __future__ import annotations

from datetime import datetime

import pytest

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.core.pins import hash_pin
from counter_app.core.receipts import Barcode, Document
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, Staff
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.receipts import ReceiptNotFound, ReceiptService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")


@pytest.fixture(autouse=True)
def _open_shift(db: LocalDatabase) -> None:
    open_test_shift(db, STORE.location_id)  # SellingService sells only in an open shift


CASHIER = StaffMember(3, "王小明", "cashier")
SUPERVISOR = StaffMember(4, "陳店長", "supervisor")


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[tuple[str | None, Document]] = []
        self.drawers: list[str] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append((title, document))
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: object = None) -> str:
        self.drawers.append(reason)
        return "d"


def _sell(db: LocalDatabase):
    cart = Cart()
    cart.add(CatalogService(db).find_by_code("4710000000010"), 2)
    clock = lambda: datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)  # noqa: E731
    return SellingService(db, STORE, clock).complete_cash_sale(cart, CASHIER, Money(10000))


def _text(document: Document) -> str:
    return document.plain_text(48)


def test_sale_receipt_carries_the_number_as_a_barcode_and_the_change(db: LocalDatabase) -> None:
    output = RecordingOutput()
    sale = _sell(db)
    ReceiptService(db, output, STORE, StaffService(db, STORE.location_id)).print_sale(sale)
    title, document = output.documents[0]
    assert title == sale.receipt_no
    text = _text(document)
    assert sale.receipt_no in text and "茶裏王" in text and "補印" not in text
    assert any(
        isinstance(e, Barcode) and e.data.endswith(sale.receipt_no) for e in document.elements
    )


def test_any_past_sale_reprints_from_the_journal_marked_reprint(db: LocalDatabase) -> None:
    output = RecordingOutput()
    sale = _sell(db)
    service = ReceiptService(db, output, STORE, StaffService(db, STORE.location_id))
    service.reprint(sale.receipt_no)
    text = _text(output.documents[0][1])
    assert "補印" in text and sale.receipt_no in text and "NT$50" in text
    with pytest.raises(ReceiptNotFound):
        service.reprint("RS001-261125-9999")
    assert [r[0] for r in service.recent_sales()] == [sale.receipt_no]


def test_drawer_on_demand_needs_a_supervisors_approval_and_a_reason_and_is_audited(
    db: LocalDatabase,
) -> None:
    with db.unit_of_work() as session:  # a supervisor with a real PIN hash
        session.add(
            Staff(
                id=4,
                name="陳店長",
                role="supervisor",
                location_id=STORE.location_id,
                pin_hash=hash_pin("999999", b"salt-4", n=2**4),
            )
        )
    output = RecordingOutput()
    staff = StaffService(db, STORE.location_id)
    service = ReceiptService(db, output, STORE, staff)
    with pytest.raises(ApprovalRefused, match="wrong_pin"):
        staff.approve("1234", Action.OPEN_DRAWER_NO_SALE)
    approval = staff.approve("999999", Action.OPEN_DRAWER_NO_SALE)
    with pytest.raises(ApprovalRefused, match="reason_required"):
        service.open_drawer_on_demand(approval, " ")
    assert output.drawers == []
    service.open_drawer_on_demand(approval, "換零錢")
    assert len(output.drawers) == 1
    with pytest.raises(ApprovalRefused, match="not_issued"):  # one approval, one opening
        service.open_drawer_on_demand(approval, "換零錢")
    with db.read() as s:
        entry = s.query(AuditEntry).one()
    assert (
        entry.action == "drawer.open"
        and entry.staff_id == SUPERVISOR.id
        and "換零錢" in entry.detail
    )


def test_a_renumbered_sale_still_reprints_from_the_number_on_the_customers_receipt(
    db: LocalDatabase,
) -> None:
    """Issue 8.1: a sale refused as receipt_no_taken is sent again under a new number."""
    from counter_app.local import outbox, sync_results, sync_state

    with db.unit_of_work() as s:
        sync_state.set_value(s, "store_code", "S001")
        sync_state.set_value(s, "till_no", "2")
    sale = _sell(db)
    with db.unit_of_work() as s:
        outbox.mark_rejected(s, sale.op_id, "receipt_no_taken", "belongs to another sale")
    with db.unit_of_work() as s:
        new_no = sync_results.renumber_refused_sale(s, sale.op_id)
    assert new_no is not None and new_no != sale.receipt_no
    output = RecordingOutput()
    ReceiptService(db, output, STORE, StaffService(db, STORE.location_id)).reprint(sale.receipt_no)
    assert new_no in _text(output.documents[0][1])
