"""The returns screen refunds a split-tender sale to its tenders: the refund's split is
shown before confirming, the card part takes its refund reference and approval code,
the return receipt prints each tender's refund; "all in cash instead" asks a supervisor."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from counter_app.bootstrap import CounterApp
from counter_app.core.cart import Cart
from counter_app.core.tenders import PaymentSplit
from counter_app.services.permissions import Action
from counter_app.services.selling import CompletedSale
from counter_app.services.tenders import TenderService
from counter_app.ui.screens.returns import QTY_COLUMN
from tests.ui.test_returns_screen import _returns_screen, counter  # noqa: F401 (fixture)


def _sell_by_card_and_cash(counter: CounterApp) -> CompletedSale:  # noqa: F811
    services = counter.services
    card = next(t for t in TenderService(services.db).usable() if t.code == "card")
    cash = next(t for t in TenderService(services.db).usable() if t.code == "cash")
    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0], 4)
    split = PaymentSplit(cart.total.cents)
    split.add(card, cart.total.cents // 200 * 100, "TXN-SALE-1", "OK1")
    split.add(cash, split.remaining_cents)
    return services.selling.complete_sale(cart, counter.cashier, split.payments)


def test_a_card_and_cash_sale_is_refunded_to_both_with_the_cards_reference(
    qtbot: Any,
    counter: CounterApp,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sale = _sell_by_card_and_cash(counter)
    printed: list[str] = []
    real = counter.services.print_queue.submit

    def submit(document: Any, *, title: str | None = None) -> str:
        printed.append(document.plain_text(42))
        return real(document, title=title)

    monkeypatch.setattr(counter.services.print_queue, "submit", submit)
    screen = _returns_screen(qtbot, counter, sale.receipt_no)
    spin = screen.lines.cellWidget(0, QTY_COLUMN)
    assert isinstance(spin, QSpinBox)
    spin.setValue(2)
    panel = screen.refund_tenders
    card_label = panel.findChild(QLabel, "refundPart_card")
    cash_label = panel.findChild(QLabel, "refundPart_cash")
    assert card_label is not None and cash_label is not None
    half = (sale.total * 1).cents // 2
    assert panel.to_cash.isVisible()
    # Without the card's refund reference the return is refused and nothing is taken.
    screen.confirm()
    qtbot.waitUntil(
        lambda: "reference" in screen.message.text().lower() or "參考" in screen.message.text()
    )
    assert screen.last_return is None
    reference = panel.findChild(QLineEdit, "refundReference_card")
    approval = panel.findChild(QLineEdit, "refundApproval_card")
    assert reference is not None and approval is not None
    reference.setText("RF-2024-0001")
    approval.setText("A77")
    screen.confirm()
    qtbot.waitUntil(lambda: screen.last_return is not None)
    done = screen.last_return
    assert done is not None and done.refund.cents == half
    parts = {p.method: p for p in done.tenders}
    assert set(parts) == {"card", "cash"}
    assert parts["card"].reference == "RF-2024-0001" and parts["card"].approval_code == "A77"
    assert sum(p.amount_cents for p in done.tenders) == half
    qtbot.waitUntil(lambda: any("退回信用卡" in text for text in printed))
    assert any("退款參考號" in text for text in printed)


def test_all_in_cash_instead_asks_a_supervisor(
    qtbot: Any,
    counter: CounterApp,  # noqa: F811
) -> None:
    sale = _sell_by_card_and_cash(counter)
    asked: list[Action] = []
    screen = _returns_screen(qtbot, counter, sale.receipt_no)
    screen._ask_approval = lambda _text, action, _then: asked.append(action)
    spin = screen.lines.cellWidget(0, QTY_COLUMN)
    assert isinstance(spin, QSpinBox)
    spin.setValue(1)
    screen.refund_tenders.to_cash.setChecked(True)
    assert screen.refund_tenders.findChild(QLabel, "refundPart_card") is None
    assert screen.refund_tenders.findChild(QLabel, "refundPart_cash") is not None
    screen.confirm()
    qtbot.waitUntil(lambda: asked == [Action.REFUND_OVER_LIMIT])
    assert screen.last_return is None
