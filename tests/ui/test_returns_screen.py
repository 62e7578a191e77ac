"""The returns screen on a real counter: a receipt scanned on the sale screen opens it
with that sale; a partial return refunds cash, prints the return receipt and queues the
``return`` op; more than is left cannot be chosen, and a refund above the cashier's
limit asks a supervisor."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox
from sqlalchemy import select

from counter_app.bootstrap import CounterApp, build_counter
from counter_app.core.cart import Cart
from counter_app.local.models import OutboxOp
from counter_app.services.selling import CompletedSale
from counter_app.ui.screens.returns import DISPOSITION_COLUMN, QTY_COLUMN, ReturnsScreen
from counter_app.ui.task_runner import TaskRunner
from tests.ui.test_scanning import Keyboard


@pytest.fixture
def counter(qtbot: Any, qapp: Any, demo_counter: Any) -> Iterator[CounterApp]:
    services = demo_counter.services
    tasks = TaskRunner()
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    built.start_scanners(qapp)
    yield built
    built.stop_scanners(qapp)
    tasks.shutdown()


def _sell(counter: CounterApp, qty: int = 3) -> CompletedSale:
    services = counter.services
    product = services.catalog.search("茶", 1)[0]
    cart = Cart()
    cart.add(product, qty)
    return services.selling.complete_cash_sale(cart, counter.cashier, cart.total)


def _returns_screen(qtbot: Any, counter: CounterApp, receipt_no: str) -> ReturnsScreen:
    counter.sale_screen.scan_input.setFocus()
    Keyboard(qtbot).type(receipt_no + "\r", gap_ms=9)
    qtbot.waitUntil(lambda: counter.window.current_screen() is counter.returns_screen)
    screen = counter.returns_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.sale is not None and screen.sale.receipt_no == receipt_no)
    return screen


def test_a_scanned_receipt_opens_the_return_screen_and_a_return_completes(
    qtbot: Any, counter: CounterApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    sale = _sell(counter)
    printed: list[str] = []
    real = counter.services.print_queue.submit

    def submit(document: Any, *, title: str | None = None) -> str:
        printed.append(document.plain_text(42))
        return real(document, title=title)

    monkeypatch.setattr(counter.services.print_queue, "submit", submit)
    screen = _returns_screen(qtbot, counter, sale.receipt_no)
    spin = screen.lines.cellWidget(0, QTY_COLUMN)
    combo = screen.lines.cellWidget(0, DISPOSITION_COLUMN)
    assert isinstance(spin, QSpinBox) and isinstance(combo, QComboBox)
    assert spin.maximum() == 3
    assert not screen.confirm_button.isEnabled()  # nothing chosen yet
    spin.setValue(2)
    combo.setCurrentIndex(combo.findData("damaged"))
    unit = sale.lines[0].unit_price
    assert (unit * 2).format() in screen.refund_label.text()
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: screen.last_return is not None)
    done = screen.last_return
    assert done is not None and done.refund == unit * 2
    assert done.return_no in screen.message.text()
    assert any(sale.receipt_no in text and done.return_no in text for text in printed)
    with counter.services.db.read() as session:
        ops = session.scalars(select(OutboxOp).where(OutboxOp.type == "return")).all()
    assert len(ops) == 1
    assert json.loads(ops[0].payload)["lines"][0]["disposition"] == "damaged"

    # The same receipt again: one left to return, and no more can be chosen.
    screen = _returns_screen(qtbot, counter, sale.receipt_no)
    spin = screen.lines.cellWidget(0, QTY_COLUMN)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 1
    assert screen.lines.item(0, 3).text() == "2"


def test_an_unknown_receipt_is_said_in_words(qtbot: Any, counter: CounterApp) -> None:
    counter.sale_screen.scan_input.setFocus()
    Keyboard(qtbot).type("RS001-261125-0042\r", gap_ms=9)
    screen = counter.returns_screen
    assert screen is not None
    qtbot.waitUntil(lambda: "RS001-261125-0042" in screen.message.text())
    assert screen.sale is None


def test_this_tills_sale_found_with_head_office_down_says_the_counts_are_its_own(
    qtbot: Any, counter: CounterApp, demo_counter: Any
) -> None:
    """Online, Find counts the sale as the warehouse does (returns at other tills
    included) and asks for the choice; with the warehouse stopped it shows the journal's
    counts and says that a return taken at another till may not show yet."""
    sale = _sell(counter)
    screen = _returns_screen(qtbot, counter, sale.receipt_no)
    assert screen.sale is not None and not screen.sale.others_unchecked
    assert screen.message.text() == screen.tr("Choose what comes back, then take the return")

    demo_counter.server.stop()  # the network goes down
    screen.find(sale.receipt_no)
    warning = screen.tr(
        "Head office did not answer: the counts are this till's own. A return "
        "taken at another till may not show yet"
    )
    qtbot.waitUntil(lambda: screen.message.text() == warning, timeout=15_000)
    assert screen.sale is not None and screen.sale.others_unchecked
    assert screen.sale.lines[0].returnable == 3  # still returnable here: the journal's count
