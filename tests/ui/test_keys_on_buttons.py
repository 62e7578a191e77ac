"""Made for a counter: every button of a screen shows its key ("Cancel order  (Ctrl+Shift+X)")
and answers it, so a day's work needs no mouse. A button whose key belongs to the field
beside it (Enter in the receipt field) says so in its text."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from counter_app.bootstrap import CounterApp


def unkeyed(widget: QWidget) -> list[str]:
    """Buttons with neither a shortcut nor a key named at the end of their text."""
    return [
        b.objectName() or b.text()
        for b in widget.findChildren(QPushButton)
        if b.shortcut().isEmpty() and not b.text().rstrip().endswith(")")
    ]


def test_every_button_shows_its_key(counter: CounterApp) -> None:
    screens = {
        "stock": counter.stock_screen,
        "store stock": counter.store_stock_screen,
        "dropship": counter.dropship_screen,
        "returns": counter.returns_screen,
        "shift": counter.shift_screen,
        "sale": counter.sale_screen,
        "pickups": counter.pickups_screen,
    }
    missing = {name: unkeyed(s) for name, s in screens.items() if s is not None and unkeyed(s)}
    assert missing == {}
    assert all(screens.values())


def test_a_shown_key_is_the_key_that_works(counter: CounterApp) -> None:
    """Where a button has a shortcut, the text names that very key."""
    wrong = []
    for screen in (
        counter.stock_screen,
        counter.store_stock_screen,
        counter.returns_screen,
        counter.pickups_screen,
    ):
        assert screen is not None
        for button in screen.findChildren(QPushButton):
            key = button.shortcut().toString()
            if key and not button.text().rstrip().endswith(f"({key})"):
                wrong.append((button.objectName(), button.text(), key))
    assert wrong == []
