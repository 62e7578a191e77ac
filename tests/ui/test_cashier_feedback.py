"""What the cashier is told and what the keys do on the real sale screen: shelf warnings,
quantities refused with a reason, totals that fit, the keyboard flow, banners that
are noticed, and questions before a cart is dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from sqlalchemy import text

from counter_app.bootstrap import build_counter
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.ui.cart_model import SHORT_MARK
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog


@pytest.fixture
def window(qtbot: Any, demo_counter: Any) -> Any:
    tasks = TaskRunner()
    services = demo_counter.services
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    win = counter.window
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    screen = counter.sale_screen
    screen.beeps = []
    screen.beep = lambda: screen.beeps.append(screen.message.text())
    screen.on_scanned = counter.router.on_scanned  # scans reach the screen through the router
    yield _Framed(win, screen)
    tasks.shutdown()


class _Framed:
    """The framed main window, with its sale screen at hand (``window.sale_screen``)."""

    def __init__(self, window: Any, sale_screen: Any) -> None:
        self._window, self.sale_screen = window, sale_screen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._window, name)


def _barcode(demo_counter: Any, shelf_sql: str, skip: int = 0) -> str:
    with demo_counter.services.db.read() as s:
        return s.execute(
            text(
                "SELECT MIN(b.code) FROM barcodes b JOIN products p ON p.id = b.product_id "
                "LEFT JOIN stock s ON s.product_id = p.id AND s.location_id = :store "
                f"WHERE p.active AND length(b.code) = 13 AND {shelf_sql} "
                "GROUP BY p.id ORDER BY 1 LIMIT 1 OFFSET :skip"
            ),
            {"store": demo_counter.services.selling.location_id, "skip": skip},
        ).scalar_one()


def _plenty(demo_counter: Any, skip: int = 0) -> str:
    return _barcode(demo_counter, "COALESCE(s.on_hand, 0) >= 20", skip)


def _scan(qtbot: Any, screen: Any, code: str, lines: int) -> None:
    screen.on_scanned(code)
    qtbot.waitUntil(lambda: len(screen.cart_model.cart.lines) == lines)


def _answer(qtbot: Any, *steps: Callable[[QWidget], None]) -> None:
    """Answer the modal dialogs that open next, in order, as a person would."""
    pending = list(steps)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and pending and modal.isVisible():
            pending.pop(0)(modal)
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def _type_quantity(value: str) -> Callable[[QWidget], None]:
    def step(modal: QWidget) -> None:
        assert isinstance(modal, QInputDialog)
        modal.setTextValue(value)
        modal.accept()

    return step


def _press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def step(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        modal.button(button).click()

    return step


# --- 8.3 selling what the shelf does not have -----------------------------------------


def test_a_product_the_store_has_none_of_is_sold_with_a_warning_at_the_line(
    qtbot: Any, window: Any, demo_counter: Any
) -> None:
    screen = window.sale_screen
    _scan(qtbot, screen, _plenty(demo_counter), 1)
    qtbot.wait(300)
    assert screen.message_kind == "info" and screen.beeps == []
    assert not screen.cart_model.data(screen.cart_model.index(0, 0)).startswith(SHORT_MARK)

    _scan(qtbot, screen, _barcode(demo_counter, "COALESCE(s.on_hand, 0) = 0"), 2)
    qtbot.waitUntil(lambda: screen.message_kind == "warning")
    name = screen.cart_model.cart.lines[1].product.name
    assert name in screen.message.text() and "has 0" in screen.message.text()
    assert screen.cart_model.data(screen.cart_model.index(1, 0)) == SHORT_MARK + name
    assert (
        screen.cart_model.data(screen.cart_model.index(1, 0), Qt.ItemDataRole.BackgroundRole)
        is not None
    )
    assert "has 0 by the records" in screen.cart_model.data(
        screen.cart_model.index(1, 0), Qt.ItemDataRole.ToolTipRole
    )
    assert len(screen.beeps) == 1
    assert screen.pay_button.isEnabled(), "a sale is a fact: never blocked"


def test_raising_a_line_past_the_shelf_warns_when_it_crosses(
    qtbot: Any, window: Any, demo_counter: Any
) -> None:
    screen = window.sale_screen
    code = _barcode(demo_counter, "s.on_hand BETWEEN 1 AND 3")
    _scan(qtbot, screen, code, 1)
    product_id = screen.cart_model.cart.lines[0].product.id
    qtbot.waitUntil(lambda: screen.cart_model.knows_shelf(product_id))
    on_shelf = screen.cart_model.on_shelf(0)
    for _ in range(on_shelf - 1):
        screen.plus_button.click()
    assert screen.message_kind == "info"
    screen.plus_button.click()
    assert screen.message_kind == "warning"
    assert screen.cart_model.shortfall(0) == 1


# --- 8.4 quantities ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("99999", "at most 9,999"),
        ("-3", "at least 1"),
        ("0", "at least 1"),
        ("3.5", "whole number"),
        ("abc", "whole number"),
    ],
)
def test_a_typed_quantity_out_of_range_is_refused_with_the_reason_and_the_line_kept(
    qtbot: Any, window: Any, demo_counter: Any, typed: str, reason: str
) -> None:
    screen = window.sale_screen
    _scan(qtbot, screen, _plenty(demo_counter), 1)
    screen.plus_button.click()
    _answer(qtbot, _type_quantity(typed))
    screen.qty_button.click()
    assert screen.cart_model.cart.lines[0].qty == 2
    assert screen.message_kind == "error" and reason in screen.message.text()
    assert screen.beeps


def test_an_unusually_large_quantity_is_asked_about_first(
    qtbot: Any, window: Any, demo_counter: Any
) -> None:
    screen = window.sale_screen
    _scan(qtbot, screen, _plenty(demo_counter), 1)
    _answer(qtbot, _type_quantity("150"), _press(QMessageBox.StandardButton.No))
    screen.qty_button.click()
    assert screen.cart_model.cart.lines[0].qty == 1
    _answer(qtbot, _type_quantity("150"), _press(QMessageBox.StandardButton.Yes))
    screen.qty_button.click()
    assert screen.cart_model.cart.lines[0].qty == 150
    _answer(qtbot, _type_quantity("12"))  # an ordinary quantity: no question
    screen.qty_button.click()
    assert screen.cart_model.cart.lines[0].qty == 12


def test_a_total_of_nt_9_999_999_fits_its_label_at_the_smallest_window(
    qtbot: Any, window: Any
) -> None:
    screen = window.sale_screen
    dear = ProductInfo(
        id=-1, sku="TEST-DEAR", name="Test", price=Money.from_dollars(9_999_999), category=""
    )
    screen.cart_model.add_product(dear)
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    label = screen.total_label
    assert label.text() == "NT$9,999,999"
    assert (
        QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.contentsRect().width()
    )
    screen.clear_cart()
    assert label.text() == "NT$0" and label.font().pointSize() == 32  # small totals stay large


# --- 8.10 keyboard flow -----------------------------------------------------------------


def test_arrows_and_plus_minus_work_from_the_scan_field(
    qtbot: Any, window: Any, demo_counter: Any
) -> None:
    screen = window.sale_screen
    _scan(qtbot, screen, _plenty(demo_counter), 1)
    _scan(qtbot, screen, _plenty(demo_counter, skip=1), 2)
    field = screen.scan_input
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert screen._selected_row() == 1
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert screen._selected_row() == 0
    QTest.keyClick(field, Qt.Key.Key_Plus)
    QTest.keyClick(field, Qt.Key.Key_Plus)
    assert [line.qty for line in screen.cart_model.cart.lines] == [3, 1]
    QTest.keyClick(field, Qt.Key.Key_Minus)
    QTest.keyClick(field, Qt.Key.Key_Down)
    QTest.keyClick(field, Qt.Key.Key_Down)  # stays on the last line
    QTest.keyClick(field, Qt.Key.Key_Plus)
    assert [line.qty for line in screen.cart_model.cart.lines] == [2, 2]
    assert field.text() == "" and field.hasFocus()
    # Once a code is being typed, '-' is part of it.
    QTest.keyClicks(field, "RS001-2")
    assert field.text() == "RS001-2"
    assert [line.qty for line in screen.cart_model.cart.lines] == [2, 2]


def test_escape_closes_the_search_list(qtbot: Any, window: Any) -> None:
    screen = window.sale_screen
    screen.scan_input.setText("茶")
    screen.on_scan_input_return_pressed()
    qtbot.waitUntil(screen.results.isVisible)
    QTest.keyClick(screen.results, Qt.Key.Key_Escape)
    assert not screen.results.isVisible()
    assert screen.scan_input.hasFocus()
    assert window.isVisible()


def test_enter_after_a_quick_note_completes_the_payment(qtbot: Any) -> None:
    dialog = TenderDialog(Money.from_dollars(389))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    note = next(b for b in dialog.quick_buttons if b.objectName() == "note1000")
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    assert dialog.change_label.text() == "NT$611"
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    [cash] = dialog.payments
    assert (cash.tendered_cents, cash.change_cents) == (100_000, 61_100)


def test_clearing_the_cart_asks_first(qtbot: Any, window: Any, demo_counter: Any) -> None:
    screen = window.sale_screen
    _scan(qtbot, screen, _plenty(demo_counter), 1)
    _answer(qtbot, _press(QMessageBox.StandardButton.No))
    screen.clear_button.click()
    assert len(screen.cart_model.cart.lines) == 1
    _answer(qtbot, _press(QMessageBox.StandardButton.Yes))
    screen.clear_button.click()
    assert screen.cart_model.cart.is_empty()


def test_an_error_is_a_banner_with_a_sound_until_the_next_action(qtbot: Any, window: Any) -> None:
    screen = window.sale_screen
    screen.on_scanned("4710000000000")
    qtbot.waitUntil(lambda: screen.message_kind == "error")
    assert "4710000000000" in screen.message.text()
    assert (
        "background" in screen.message.styleSheet()
        and "font-size: 22px" in screen.message.styleSheet()
    )
    assert len(screen.beeps) == 1
    qtbot.wait(300)
    assert screen.message_kind == "error", "the banner stays while nobody acts"
    QTest.keyClicks(screen.scan_input, "4")  # the next action
    assert screen.message_kind == "info" and screen.message.text() == ""
