"""The cashier's path through the real sale screen, against a real warehouse on loopback."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import create_engine, select, text

from counter_app.bootstrap import build_counter
from counter_app.core.money import Money
from counter_app.local.models import Sale
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog


@pytest.fixture
def counter(qtbot: Any, demo_counter: Any) -> Any:
    """The counter as the root builds it (``.window``, ``.sale_screen``, ``.router``), shown."""
    tasks = TaskRunner()
    services = demo_counter.services
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    yield built
    tasks.shutdown()


def _a_barcode(demo_counter: Any, on_shelf: bool = True) -> tuple[str, str]:
    """A product this store has plenty of (on_shelf) or none of, by the till's records."""
    store = demo_counter.services.selling.location_id
    shelf = "COALESCE(s.on_hand, 0) >= 20" if on_shelf else "COALESCE(s.on_hand, 0) = 0"
    with demo_counter.services.db.read() as s:
        code, name = s.execute(
            text(
                "SELECT b.code, p.name FROM barcodes b JOIN products p ON p.id = b.product_id "
                "LEFT JOIN stock s ON s.product_id = p.id AND s.location_id = :store "
                f"WHERE p.active AND {shelf} ORDER BY b.code LIMIT 1"
            ),
            {"store": store},
        ).one()
    return code, name


def _scan(qtbot: Any, counter: Any, code: str) -> None:
    field = counter.sale_screen.scan_input
    field.setFocus()
    if code.isascii():
        qtbot.keyClicks(field, code)
    else:  # Chinese arrives from the input method as committed text, not key presses
        field.insert(code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_scanning_a_barcode_adds_a_line_and_again_raises_its_quantity(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    code, name = _a_barcode(demo_counter)
    screen = counter.sale_screen
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    assert screen.cart_model.data(screen.cart_model.index(0, 0)) == name
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: screen.cart_model.cart.lines[0].qty == 2)
    assert screen.total_label.text() == screen.cart_model.cart.total.format()
    assert screen.scan_input.text() == ""


def test_an_unknown_or_garbage_code_says_so_and_leaves_the_cart_alone(
    qtbot: Any, counter: Any
) -> None:
    screen = counter.sale_screen
    _scan(qtbot, counter, "4710000000000")
    qtbot.waitUntil(lambda: "4710000000000" in screen.message.text())
    assert screen.cart_model.cart.is_empty()
    counter.router.on_scanned("\x1b[31m4710\x00")  # a scanner with a bad prefix config
    qtbot.waitUntil(
        lambda: screen.message.text() != "" and "4710000000000" not in screen.message.text()
    )
    assert screen.cart_model.cart.is_empty()


def test_name_search_offers_matches_and_enter_adds_the_chosen_one(qtbot: Any, counter: Any) -> None:
    screen = counter.sale_screen
    _scan(qtbot, counter, "綠茶")
    qtbot.waitUntil(lambda: screen.results.isVisible() or len(screen.cart_model.cart.lines) == 1)
    if screen.results.isVisible():
        qtbot.keyClick(screen.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    assert "茶" in screen.cart_model.cart.lines[0].product.name


def test_remove_and_quantity_keys_change_the_total(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    code, _ = _a_barcode(demo_counter)
    screen = counter.sale_screen
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    unit = screen.cart_model.cart.lines[0].unit_price
    screen.plus_button.click()
    screen.plus_button.click()
    assert screen.total_label.text() == (unit * 3).format()
    screen.remove_button.click()
    assert screen.cart_model.cart.is_empty()
    assert screen.total_label.text() == "NT$0"
    assert not screen.pay_button.isEnabled()


def test_cash_sale_lands_in_the_journal_and_on_the_server_once(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    code, _ = _a_barcode(demo_counter)
    screen = counter.sale_screen
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    total = screen.cart_model.cart.total

    def pay_with_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TenderDialog)
        assert dialog.current.code == "cash"  # cash first, the amount left as the default
        field = dialog.findChild(QLineEdit, "amount")
        field.setText("1000")
        assert dialog.change_label.text() == (Money.from_dollars(1000) - total).format()
        dialog.buttons.accepted.emit()

    QTimer.singleShot(50, pay_with_the_dialog)
    with qtbot.waitSignal(screen.sale_completed, timeout=10_000) as blocker:
        screen.pay_button.click()
    sale = blocker.args[0]
    assert sale.total == total
    assert sale.change.cents == 100_000 - total.cents
    assert screen.cart_model.cart.is_empty()
    assert sale.receipt_no in screen.message.text()

    with demo_counter.services.db.read() as s:
        assert s.scalars(select(Sale.receipt_no)).all() == [sale.receipt_no]
    # build_counter wires the sale to the relay; push as the background thread would.
    demo_counter.services.relay.drain()
    demo_counter.services.relay.drain()
    engine = create_engine(demo_counter.warehouse_url)
    with engine.connect() as conn:
        count = conn.execute(
            text("SELECT COUNT(*) FROM sales WHERE receipt_no = :r"), {"r": sale.receipt_no}
        ).scalar_one()
    engine.dispose()
    assert count == 1
    counter.window.refresh_sync_status()
    qtbot.waitUntil(lambda: counter.window.status.waiting_label.text() != "")

    # With no printer set up, the receipt goes to a file through python-escpos:
    # the drawer kick (ESC p) first, then the receipt with its number and cashier
    # in Big5, ending with the cut.
    receipt_file = demo_counter.data_dir / "counter" / "receipts.escpos"
    qtbot.waitUntil(
        lambda: receipt_file.exists() and sale.receipt_no.encode() in receipt_file.read_bytes(),
        timeout=10_000,
    )
    printed = receipt_file.read_bytes()
    assert "示範收銀員".encode("cp950") in printed
    assert printed.startswith(b"\x1bp")  # ESC p: cash drawer pulse
    assert b"\x1b@" in printed  # ESC @ initialises the receipt
    assert printed.index(b"\x1bp") < printed.index(sale.receipt_no.encode())
    assert printed.endswith(b"\x1dV\x00")  # GS V 0 full cut


def test_stock_panel_shows_live_figures_then_cached_ones_with_their_age_when_offline(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    code, name = _a_barcode(demo_counter)
    screen = counter.sale_screen
    _scan(qtbot, counter, code)
    qtbot.waitUntil(
        lambda: screen.stock_panel.freshness.text() == "Live from the warehouse", timeout=10_000
    )
    assert name in screen.stock_panel.title.text()
    locations = [row[0] for row in screen.stock_panel.rows]
    assert locations[0].endswith("(this store)")
    assert any("團購倉儲" in loc for loc in locations)

    demo_counter.server.stop()  # the network goes down
    screen.clear_cart()
    screen.stock_panel.clear_report()
    _scan(qtbot, counter, code)
    qtbot.waitUntil(
        lambda: screen.stock_panel.freshness.text().startswith("Offline"), timeout=15_000
    )
    warehouse = next(row for row in screen.stock_panel.rows if "團購倉儲" in row[0])
    assert "·" in warehouse[1]  # a cached figure shows its age next to it


def test_a_split_payment_by_keyboard_reaches_the_warehouse_with_both_references(
    qtbot: Any, counter: Any, demo_counter: Any
) -> None:
    code, _ = _a_barcode(demo_counter)
    screen = counter.sale_screen
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == 1)
    _scan(qtbot, counter, code)
    qtbot.waitUntil(lambda: screen.cart_model.cart.lines[0].qty == 2)
    total = screen.cart_model.cart.total
    card_part = total - Money(total.cents // 2)

    def pay_by_keyboard() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TenderDialog)
        # the warehouse's tenders, from the till's cache, each with its key
        assert "(F8)" in dialog.tender_buttons["voucher"].text()

        def keys(*presses: Qt.Key | str) -> None:
            for press in presses:
                target = dialog.focusWidget() or dialog
                if isinstance(press, str):
                    QTest.keyClicks(target, press)
                else:
                    QTest.keyClick(target, press)

        amount = card_part.format(symbol=False).replace(",", "")
        keys(Qt.Key.Key_F2, amount, Qt.Key.Key_Tab, "TX-4242", Qt.Key.Key_Tab, "OK7788")
        keys(Qt.Key.Key_Return)
        assert dialog.remaining_label.text() == (total - card_part).format()
        keys(Qt.Key.Key_F3, Qt.Key.Key_Tab, "LP-99", Qt.Key.Key_Return)  # LINE Pay, the rest

    QTimer.singleShot(50, pay_by_keyboard)
    with qtbot.waitSignal(screen.sale_completed, timeout=10_000) as blocker:
        qtbot.keyClick(screen.scan_input, Qt.Key.Key_F12)
    sale = blocker.args[0]
    assert [p.tender.code for p in sale.payments] == ["card", "linepay"]
    assert not sale.takes_cash  # no cash: the drawer stays shut
    demo_counter.services.relay.drain()
    engine = create_engine(demo_counter.warehouse_url)
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT method, reference FROM payments WHERE sale_id = :s ORDER BY method"),
            {"s": sale.sale_id},
        ).all()
    engine.dispose()
    assert [tuple(r) for r in stored] == [("card", "TX-4242"), ("linepay", "LP-99")]
