"""One cart, three ways to fulfil, on the real counter window against a real warehouse on
loopback: the Fulfilment key (F2) and its column (where from, how fresh), the customer
dialog, checkout online; offline the figures are cached and the orders pending; a refused
order raises the banner and is resolved in the alerts dialog; the dropship list (Ctrl+F8)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import create_engine, select, text

from counter_app.bootstrap import build_counter
from counter_app.local.fulfilment_repository import raise_alert_for_refused_order
from counter_app.local.models import OutboxOp
from counter_app.local.outbox import mark_rejected
from counter_app.services.fulfilment import FulfilmentService
from counter_app.ui.alerts_dialog import AlertsDialog
from counter_app.ui.cart_model import SOURCE_COLUMN
from counter_app.ui.customer_dialog import CustomerDialog
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog


@pytest.fixture
def counter(qtbot: Any, demo_counter: Any) -> Any:
    tasks = TaskRunner()
    services = demo_counter.services
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    yield built
    tasks.shutdown()


def _codes(demo_counter: Any) -> tuple[str, str, str]:
    """Barcodes of: a product on this store's shelf, one only at the warehouse, one a
    dropship partner ships."""
    store = demo_counter.services.selling.location_id
    queries = [
        f"SELECT b.code FROM barcodes b JOIN stock s ON s.product_id = b.product_id "
        f"AND s.location_id = {store} JOIN products p ON p.id = b.product_id "
        f"WHERE s.on_hand >= 10 AND p.active ORDER BY b.code LIMIT 1",
        "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
        "JOIN stock w ON w.product_id = p.id JOIN locations l ON l.id = w.location_id "
        f"AND l.kind = 'warehouse' LEFT JOIN stock s ON s.product_id = p.id AND s.location_id = {store} "
        "WHERE p.active AND COALESCE(s.on_hand, 0) = 0 AND w.available >= 10 "
        "AND p.dropship_partner_id IS NULL ORDER BY b.code LIMIT 1",
        "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
        "WHERE p.active AND p.dropship_partner_id IS NOT NULL ORDER BY b.code LIMIT 1",
    ]
    with demo_counter.services.db.read() as s:
        found = [s.execute(text(q)).scalar_one() for q in queries]
    return found[0], found[1], found[2]


def _scan(qtbot: Any, counter: Any, code: str) -> None:
    field = counter.sale_screen.scan_input
    field.setFocus()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _source_text(counter: Any, row: int) -> str:
    model = counter.sale_screen.cart_model
    return str(model.data(model.index(row, SOURCE_COLUMN)))


def _three_lines(qtbot: Any, counter: Any, demo_counter: Any) -> None:
    screen = counter.sale_screen
    for code in _codes(demo_counter):
        _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 3)
    screen.table.selectRow(1)
    qtbot.keyClick(screen.scan_input, Qt.Key.Key_F2)  # take -> pickup
    screen.table.selectRow(2)
    for _ in range(3):  # take -> pickup -> ship (warehouse) -> ship (partner)
        qtbot.keyClick(screen.scan_input, Qt.Key.Key_F2)
    modes = [(ln.fulfilment.mode, ln.fulfilment.source) for ln in screen.cart_model.cart.lines]
    assert modes == [("take", "warehouse"), ("pickup", "warehouse"), ("ship", "partner")]


def _when_modal(kind: type, act: Callable[[Any], None]) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(50, run)
            return
        act(dialog)

    QTimer.singleShot(50, run)


SEEN: dict[str, str] = {}


def _fill_customer(dialog: CustomerDialog) -> None:
    """Fill the dialog as a cashier would; what it showed on the way is kept in SEEN (an
    assert in here would leave the modal dialog open)."""
    dialog.name.setText("陳小姐")
    dialog.phone.setText("12345")  # not a phone: refused in words, nothing lost
    dialog.buttons.accepted.emit()
    SEEN["phone_error"] = dialog.error.text()
    SEEN["still_open"] = str(dialog.isVisible())
    dialog.phone.setText("0912-345-678")
    dialog.postal_code.setText("101")
    SEEN["unknown_district"] = dialog.district.text()
    dialog.postal_code.setText("110")
    SEEN["district"] = dialog.district.text()
    dialog.street.setText("松高路1號")
    dialog.buttons.accepted.emit()
    if dialog.isVisible():  # refused after all: close it so the test can say why
        SEEN["final_error"] = dialog.error.text()
        dialog.reject()


def _pay(dialog: TenderDialog) -> None:
    dialog.findChild(QLineEdit, "amount").setText("99999")  # cash, the tender offered first
    dialog.buttons.accepted.emit()
    if dialog.isVisible():
        dialog.reject()


def test_a_mixed_cart_online_shows_live_sources_and_checks_out_once(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    screen = counter.sale_screen
    _three_lines(qtbot, counter, demo_counter)
    qtbot.waitUntil(lambda: "live" in _source_text(counter, 1), timeout=10_000)
    assert "團購倉儲" in _source_text(counter, 1)
    qtbot.waitUntil(lambda: "好物代發夥伴" in _source_text(counter, 2), timeout=10_000)
    assert "this store" not in _source_text(counter, 0)

    _when_modal(CustomerDialog, _fill_customer)
    _when_modal(TenderDialog, _pay)
    with qtbot.waitSignal(screen.sale_completed, timeout=15_000) as blocker:
        screen.pay_button.click()
    sale = blocker.args[0]
    assert "09" in SEEN["phone_error"] and SEEN["still_open"] == "True"
    assert SEEN["unknown_district"] == "no such district"
    assert SEEN["district"] == "臺北市信義區"
    assert sale.orders.reservation_id and len(sale.orders.dropship_ids) == 1
    assert screen.customer_label.text() == ""  # the next customer starts afresh

    demo_counter.services.relay.drain()
    engine = create_engine(demo_counter.warehouse_url)
    with engine.connect() as conn:
        reservations = conn.execute(
            text("SELECT status FROM reservations WHERE receipt_no = :r"), {"r": sale.receipt_no}
        ).all()
        orders = conn.execute(
            text("SELECT address FROM dropship_orders WHERE receipt_no = :r"),
            {"r": sale.receipt_no},
        ).all()
    engine.dispose()
    assert [r[0] for r in reservations] == ["confirmed"]
    assert [o[0] for o in orders] == ["110 臺北市信義區松高路1號"]


def test_offline_the_sources_are_cached_and_a_refusal_raises_the_alert_banner(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    demo_counter.server.stop()  # the network is down
    screen = counter.sale_screen
    _three_lines(qtbot, counter, demo_counter)
    qtbot.waitUntil(lambda: "cached" in _source_text(counter, 1), timeout=15_000)

    _when_modal(CustomerDialog, _fill_customer)
    _when_modal(TenderDialog, _pay)
    with qtbot.waitSignal(screen.sale_completed, timeout=15_000):
        screen.pay_button.click()
    banner = counter.alert_banner
    assert banner is not None and not banner.isVisible()

    # What the relay does when the warehouse later refuses the pickup (no stock).
    db = demo_counter.services.db
    with db.unit_of_work() as session:
        op = session.scalars(select(OutboxOp).where(OutboxOp.type == "reservation.create")).one()
        mark_rejected(session, op.op_id, "insufficient_stock", "WH01 has 0")
        raise_alert_for_refused_order(
            session, op.op_id, op.type, json.loads(op.payload), "insufficient_stock", "WH01 has 0"
        )
    banner.refresh()
    qtbot.waitUntil(banner.isVisible, timeout=5_000)
    assert "1" in banner.label.text()

    def pick_up_again(dialog: AlertsDialog) -> None:
        qtbot.waitUntil(lambda: len(dialog.entries) == 1)
        assert dialog.table.item(0, 1).text() == "陳小姐\n0912345678"  # staff call from here
        dialog.pickup_button.click()
        qtbot.waitUntil(lambda: dialog.entries == [], timeout=5_000)
        dialog.accept()

    _when_modal(AlertsDialog, pick_up_again)
    banner.button.click()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5_000)


def test_the_dropship_list_masks_phones_and_cancels_before_shipping(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    dropships = counter.services.dropship
    service = FulfilmentService()
    customer = service.customer("林先生", "0987654321", service.home("40757", "市政北七路1號"))
    dropships.create(1, 2, customer, "warehouse", counter.cashier)
    screen = counter.dropship_screen
    qtbot.keyClick(
        counter.sale_screen.scan_input, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier
    )
    assert counter.window.current_screen() is screen
    qtbot.waitUntil(lambda: len(screen.entries) == 1)
    assert screen.table.item(0, 4).text() == "林先生 0987***321"
    assert "臺中市西屯區" in screen.table.item(0, 5).text()
    screen.cancel_button.click()
    qtbot.waitUntil(lambda: screen.entries and screen.entries[0].record.status == "cancelling")
