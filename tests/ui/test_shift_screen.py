"""The shift screen on a real counter: no sale without a shift, open with a counted float,
cash in and out, the X report, and the close with a count (a supervisor confirms when
operations wait to sync); the Z report prints and its shift.close is queued."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from sqlalchemy import select

from counter_app.bootstrap import CounterApp, build_counter
from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.local.models import AuditEntry, OutboxOp
from counter_app.ui.screens.shift import ShiftScreen
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.task_runner import TaskRunner


class Printed:
    def __init__(self) -> None:
        self.titles: list[str] = []
        self.texts: list[str] = []


@pytest.fixture
def counter(qtbot: Any, qapp: Any, demo_counter: Any) -> Iterator[CounterApp]:
    services = demo_counter.services
    # Start with no shift open: close the one the demo fixture opened.
    cashier = services.staff.first_with_role("cashier")
    services.shifts.close(cashier, {})
    tasks = TaskRunner()
    built = build_counter(services, cashier, tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    yield built
    tasks.shutdown()


@pytest.fixture
def printed(counter: CounterApp, monkeypatch: pytest.MonkeyPatch) -> Printed:
    """What the shift service sends the print queue (the queue itself prints to a file)."""
    record = Printed()
    real = counter.services.print_queue.submit

    def submit(document: Any, *, title: str | None = None) -> str:
        record.titles.append(title or "")
        record.texts.append(document.plain_text(42))
        return real(document, title=title)

    monkeypatch.setattr(counter.services.print_queue, "submit", submit)
    return record


def _count(screen: ShiftScreen, pieces: dict[int, int]) -> None:
    screen.count_panel.clear()
    for denomination, number in pieces.items():
        screen.count_panel.spins[denomination].setValue(number)


def _shift_screen(qtbot: Any, counter: CounterApp) -> ShiftScreen:
    qtbot.keyClick(counter.window, Qt.Key.Key_F6)
    screen = counter.shift_screen
    assert counter.window.current_screen() is screen
    qtbot.waitUntil(lambda: screen.open_button.isEnabled() or screen.close_button.isEnabled())
    return screen


def test_a_sale_without_a_shift_is_refused_and_the_screen_offers_to_open_one(
    qtbot: Any, counter: CounterApp
) -> None:
    sale = counter.sale_screen
    product = counter.services.catalog.search("茶", 1)[0]
    sale._add(product)
    sale._ask_tender = lambda total, _parent: total
    sale.on_pay_button_clicked()
    qtbot.waitUntil(lambda: "F6" in sale.message.text())
    assert len(sale.cart_model.cart.lines) == 1  # the cart is kept
    offer = QApplication.activeModalWidget()
    assert isinstance(offer, QMessageBox) and offer.objectName() == "openShiftOffer"
    offer.button(QMessageBox.StandardButton.Yes).click()
    assert counter.window.current_screen() is counter.shift_screen


def test_open_cash_in_and_out_x_report_and_close_with_a_count(
    qtbot: Any, counter: CounterApp, printed: Printed
) -> None:
    services = counter.services
    screen = _shift_screen(qtbot, counter)
    assert screen.open_button.isEnabled() and not screen.close_button.isEnabled()
    _count(screen, {1000: 2, 100: 5, 10: 10})  # NT$2,600
    assert screen.count_panel.total_label.text() == Money.from_dollars(2600).format()
    qtbot.keyClick(screen, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.shift is not None)
    assert screen.shift.opening_cents == 260_000
    qtbot.waitUntil(lambda: screen.figure("Opening float") == "NT$2,600")

    # A sale in the shift.
    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0], 2)
    sale = services.selling.complete_cash_sale(cart, counter.cashier, cart.total)

    for kind, amount, reason in (("in", 500, "換零錢"), ("out", 120, "買膠帶")):
        screen.ask_movement(kind)
        dialog = screen.movement_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.buttons.accepted.emit()  # nothing entered: refused in the dialog
        assert dialog.isVisible() and dialog.error.text()
        dialog.amount.setValue(amount)
        dialog.reason.setText(reason)
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not screen._busy and "NT$" in screen.message.text())
    expected = 260_000 + sale.total.cents + 50_000 - 12_000
    qtbot.waitUntil(lambda: screen.figure("Expected in the drawer") == Money(expected).format())

    qtbot.keyClick(screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # X report
    qtbot.waitUntil(lambda: any("X 報表" in t for t in printed.texts))
    assert screen.figure("Cash in") == "NT$500" and screen.figure("Cash out") == "-NT$120"

    # Close: the sale has not synced, so a supervisor confirms.
    _count(screen, {1000: 3})
    assert screen.count_panel.difference_label.text().endswith(Money(300_000 - expected).format())
    qtbot.keyClick(screen, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SupervisorApprovalDialog))
    prompt = QApplication.activeModalWidget()
    assert isinstance(prompt, SupervisorApprovalDialog)
    prompt.findChild(QLineEdit, "supervisorPin").setText("1234")  # a cashier's: refused
    prompt.buttons.accepted.emit()
    qtbot.waitUntil(lambda: prompt.error.text() != "")
    assert screen.shift is not None
    prompt.findChild(QLineEdit, "supervisorPin").setText("999999")
    prompt.buttons.accepted.emit()
    qtbot.waitUntil(lambda: screen.shift is None)
    assert screen.figure("Counted") == "NT$3,000"
    assert screen.figure("Difference") == Money(300_000 - expected).format()
    qtbot.waitUntil(lambda: any("Z 報表" in t for t in printed.texts))
    z_text = next(t for t in printed.texts if "Z 報表" in t)
    assert Money(expected).format() in z_text and "NT$3,000" in z_text

    with services.db.read() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.type == "shift.close")).all()
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "shift.close_unsynced")
        ).all()
    assert len(ops) == 2 and len(audit) == 1  # the fixture's empty shift, and this one
    qtbot.waitUntil(screen.open_button.isEnabled)  # and the next shift can open
    qtbot.waitUntil(lambda: "NT$3,000" in screen.count_panel.expected_label.text())


def test_a_refused_cash_out_is_said_in_words_and_changes_nothing(
    qtbot: Any, counter: CounterApp
) -> None:
    screen = _shift_screen(qtbot, counter)
    _count(screen, {100: 1})
    screen.open_shift()
    qtbot.waitUntil(lambda: screen.shift is not None)
    screen.ask_movement("out")
    dialog = screen.movement_dialog
    assert dialog is not None
    dialog.amount.setValue(500)
    dialog.reason.setText("銀行")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "should not hold" in screen.message.text())
    assert counter.services.shifts.report().cash_out_cents == 0
