"""The exchange dialog settles the difference by any tender: a difference the customer
pays goes through the tender dialog (a card and cash, split); one given back goes to the
tenders that paid the original (the card's part with its refund reference, typed in the
dialog's panel), or all in cash with a supervisor's approval."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox

from counter_app.bootstrap import CounterApp
from counter_app.core.einvoice_codes import NO_BUYER
from counter_app.core.money import Money
from counter_app.core.tenders import PaymentSplit
from counter_app.services.permissions import Action
from counter_app.ui.screens.exchange_dialog import ExchangeDialog
from tests.ui.test_refund_tenders_screen import _sell_by_card_and_cash
from tests.ui.test_returns_search_and_no_receipt import (
    _screen,
    _sell,
    _supervisor_approves,
)


def _exchange(qtbot: Any, counter: CounterApp, receipt_no: str) -> ExchangeDialog:
    screen = _screen(counter)
    screen.find(receipt_no)
    qtbot.waitUntil(lambda: screen.sale is not None, timeout=10_000)
    dialog = screen.open_exchange()
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.pay_tenders) > 1, timeout=5000)  # the till's tenders
    return dialog


def test_the_customer_pays_a_difference_by_card_and_cash(
    qtbot: Any,
    counter: CounterApp,
) -> None:
    sale = _sell(counter, "茶", 1)
    dialog = _exchange(qtbot, counter, sale.receipt_no)
    tea = counter.services.catalog.search("茶", 1)[0]
    dialog.scan(tea.sku)  # one comes back, two go out: one more is paid for
    qtbot.waitUntil(lambda: dialog.chosen() != {}, timeout=5000)
    dialog.scan(tea.sku)
    qtbot.waitUntil(lambda: not dialog.new.is_empty(), timeout=5000)
    dialog.scan(tea.sku)
    qtbot.waitUntil(lambda: dialog.new.item_count == 2, timeout=5000)
    to_pay = tea.price.cents
    assert to_pay > 100 and "Customer pays" in dialog.difference.text()
    assert not dialog.refund_tenders.isVisible()  # nothing goes back
    asked: list[tuple[Money, list[str]]] = []

    def pay(total: Money, tenders: Any, _parent: Any) -> Any:
        asked.append((total, [t.code for t in tenders]))
        if len(asked) == 1:
            return None  # the cashier went back: nothing is recorded
        by_code = {t.code: t for t in tenders}
        split = PaymentSplit(total.cents)
        split.add(by_code["card"], total.cents - 100, "TXN-EX-1", "AP1")
        split.add(by_code["cash"], 10_000)  # NT$100 handed over for the last NT$1
        return tuple(split.payments), NO_BUYER

    dialog._ask_tender = pay
    dialog.confirm_button.click()
    assert dialog.done_exchange is None and not dialog._busy
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_exchange is not None, timeout=15_000)
    done = dialog.done_exchange
    assert done is not None
    assert asked[0][0] == Money(to_pay) and {"cash", "card"} <= set(asked[0][1])
    paid = [(p.tender.code, p.amount_cents, p.reference) for p in done.payments]
    assert paid == [
        ("cash", tea.price.cents, None),  # the returned tea's credit
        ("card", to_pay - 100, "TXN-EX-1"),
        ("cash", 100, None),
    ]
    assert done.change == Money(9_900) and "Change NT$99" in dialog.message.text()


def test_a_difference_goes_back_to_the_card_and_the_cash_that_paid(
    qtbot: Any,
    counter: CounterApp,
) -> None:
    sale = _sell_by_card_and_cash(counter)  # 4 teas, half by card, half in cash
    dialog = _exchange(qtbot, counter, sale.receipt_no)
    spin = dialog.back.cellWidget(0, dialog.BACK_QTY_COLUMN)
    assert isinstance(spin, QSpinBox)
    spin.setValue(4)
    tea = counter.services.catalog.search("茶", 1)[0]
    dialog.scan(tea.sku)  # the tea is chosen to come back: one goes out again
    qtbot.waitUntil(lambda: not dialog.new.is_empty(), timeout=5000)
    back = sale.total.cents - tea.price.cents
    assert f"Give back {Money(back).format()}" in dialog.difference.text()
    panel = dialog.refund_tenders
    assert panel.isVisible()
    labels = {
        w.objectName(): w.text()
        for w in panel.findChildren(QLabel)
        if w.objectName().startswith("refundPart_") and w.isVisible()
    }
    assert set(labels) == {"refundPart_card", "refundPart_cash"}
    dialog.confirm_button.click()  # the card's refund reference is missing
    qtbot.waitUntil(lambda: "reference" in dialog.message.text(), timeout=10_000)
    assert dialog.done_exchange is None
    reference = panel.findChild(QLineEdit, "refundReference_card")
    approval = panel.findChild(QLineEdit, "refundApproval_card")
    assert reference is not None and approval is not None
    reference.setText("RF-EX-9")
    approval.setText("A9")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_exchange is not None, timeout=15_000)
    done = dialog.done_exchange
    assert done is not None
    parts = {p.method: p for p in done.returned.tenders}
    assert set(parts) == {"card", "cash"} and parts["card"].reference == "RF-EX-9"
    assert parts["card"].approval_code == "A9"
    # The cash part holds the credit that paid the new tea and the cash share.
    given_back = parts["card"].amount_cents + parts["cash"].amount_cents - tea.price.cents
    assert given_back == back and 0 < parts["card"].amount_cents < back


def test_a_difference_all_in_cash_instead_asks_a_supervisor(
    qtbot: Any,
    counter: CounterApp,
) -> None:
    sale = _sell_by_card_and_cash(counter)
    screen = _screen(counter)
    asked = _supervisor_approves(counter, screen)
    dialog = _exchange(qtbot, counter, sale.receipt_no)
    spin = dialog.back.cellWidget(0, dialog.BACK_QTY_COLUMN)
    assert isinstance(spin, QSpinBox)
    spin.setValue(2)
    tea = counter.services.catalog.search("茶", 1)[0]
    dialog.scan(tea.sku)
    qtbot.waitUntil(lambda: not dialog.new.is_empty(), timeout=5000)
    dialog.refund_tenders.to_cash.setChecked(True)
    assert dialog.refund_tenders.findChild(QLineEdit, "refundReference_card") is None
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.done_exchange is not None, timeout=15_000)
    done = dialog.done_exchange
    assert done is not None and asked == [Action.REFUND_OVER_LIMIT]
    assert [p.method for p in done.returned.tenders] == ["cash"]
    assert done.returned.approved_by is not None
