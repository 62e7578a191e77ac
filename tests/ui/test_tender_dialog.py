"""The payment step by keyboard alone: F-keys pick a tender, the amount starts at what
is left, Enter takes a payment (and completes once nothing is left), Esc takes the last
one back; card numbers are refused; a voucher's excess is forfeited with a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter_app.core.codes import parse_scan
from counter_app.core.money import Money
from counter_app.core.tenders import CASH, DEFAULT_TENDERS
from counter_app.ui.tender_dialog import TenderDialog


def _dialog(qtbot: Any, dollars: int, buyer_text: str = "") -> TenderDialog:
    dialog = TenderDialog(Money.from_dollars(dollars), DEFAULT_TENDERS, buyer_text=buyer_text)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _key(dialog: TenderDialog, key: Qt.Key) -> None:
    QTest.keyClick(dialog.focusWidget() or dialog, key)


def _type(dialog: TenderDialog, text: str) -> None:
    widget = dialog.focusWidget()  # where the keyboard's typing goes in this window
    assert widget is not None
    QTest.keyClicks(widget, text)


def test_card_then_cash_by_keyboard(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 1250)
    assert dialog.remaining_label.text() == "NT$1,250"
    assert dialog.amount_edit.text() == "1250" and dialog.current is CASH
    assert "(F2)" in dialog.tender_buttons["card"].text()

    _key(dialog, Qt.Key.Key_F2)  # card
    assert dialog.current.code == "card" and dialog.amount_edit is dialog.focusWidget()
    _type(dialog, "1000")  # the default was selected: typing replaces it
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "TX-889912")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "A1B2C3")
    _key(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.remaining_label.text() == "NT$250"
    assert dialog.current is CASH and dialog.amount_edit.text() == "250"  # cash goes last

    _type(dialog, "500")
    assert dialog.change_label.text() == "NT$250"
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        _key(dialog, Qt.Key.Key_Return)
    card, cash = dialog.payments
    assert (card.tender.code, card.amount_cents, card.reference, card.approval_code) == (
        "card",
        100_000,
        "TX-889912",
        "A1B2C3",
    )
    assert (cash.amount_cents, cash.tendered_cents, cash.change_cents) == (25_000, 50_000, 25_000)


def test_a_card_number_is_refused_with_a_clear_error(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 300)
    _key(dialog, Qt.Key.Key_F2)
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "4111 1111 1111 1111")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "123456")
    _key(dialog, Qt.Key.Key_Return)
    assert "Never type card numbers" in dialog.message.text()
    assert dialog.split.payments == [] and dialog.isVisible()
    assert dialog.reference_edit is dialog.focusWidget()  # straight back to the field to fix


def test_esc_takes_back_the_last_payment_then_leaves(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 300)
    _key(dialog, Qt.Key.Key_F3)  # LINE Pay
    _type(dialog, "100")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "LP-1")
    _key(dialog, Qt.Key.Key_Return)
    assert dialog.remaining_label.text() == "NT$200" and dialog.paid_list.count() == 1
    _key(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.split.payments == []
    assert dialog.remaining_label.text() == "NT$300"
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        _key(dialog, Qt.Key.Key_Escape)
    assert dialog.payments == ()


def test_a_voucher_worth_more_is_taken_and_the_excess_shown_as_forfeited(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 300)
    _key(dialog, Qt.Key.Key_F8)  # 禮券
    assert dialog.current.code == "voucher"
    _type(dialog, "500")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "V-000123")
    assert "NT$200" in dialog.note.text() and "forfeited" in dialog.note.text()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        _key(dialog, Qt.Key.Key_Return)
    [voucher] = dialog.payments
    assert (voucher.amount_cents, voucher.tendered_cents, voucher.forfeited_cents) == (
        30_000,
        50_000,
        20_000,
    )


def test_the_e_invoice_carrier_is_kept(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 25)
    dialog.on_scan(parse_scan("/ABC+123"), "/ABC+123")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        _key(dialog, Qt.Key.Key_Return)  # cash, the exact amount
    assert dialog.buyer.carrier is not None and dialog.buyer.carrier.carrier_id == "/ABC+123"

    bad = _dialog(qtbot, 25, buyer_text="12345678")
    _key(bad, Qt.Key.Key_Return)
    assert bad.isVisible() and bad.message.text() == "Not a valid tax ID"


def test_closing_the_window_leaves_without_taking_anything_back(qtbot: Any) -> None:
    dialog = _dialog(qtbot, 300)
    _key(dialog, Qt.Key.Key_F2)
    _type(dialog, "100")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "TX-1")
    _key(dialog, Qt.Key.Key_Tab)
    _type(dialog, "AP1")
    _key(dialog, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.close()
    assert dialog.payments == () and not dialog.isVisible()
