"""Locking the counter: on demand (Ctrl+L) and after an idle time; unlocked by the same
cashier's PIN or a supervisor's (audited); another cashier takes over without closing
the shift; repeated wrong PINs lock the PIN entry; scans stay out of the cart meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp, build_counter
from counter_app.local.models import AuditEntry
from counter_app.services import staff as staff_module
from counter_app.ui.lock_screen import IdleWatcher, LockDialog, idle_lock_ms
from counter_app.ui.task_runner import TaskRunner


@pytest.fixture
def counter(qtbot: Any, qapp: Any, demo_counter: Any) -> Iterator[CounterApp]:
    tasks = TaskRunner()
    services = demo_counter.services
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    built.start_scanners(qapp)
    built.watch_idle(qapp)
    yield built
    built.idle.uninstall(qapp)
    built.stop_scanners(qapp)
    tasks.shutdown()


def _enter(qtbot: Any, dialog: LockDialog, pin: str) -> None:
    qtbot.waitUntil(lambda: not dialog.pin.isReadOnly())
    dialog.pin.setText(pin)
    dialog.unlock()


def _a_barcode(counter: CounterApp) -> str:
    with counter.services.db.read() as session:
        return str(
            session.execute(
                text(
                    "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id "
                    "WHERE p.active AND length(b.code) = 13 ORDER BY b.code LIMIT 1"
                )
            ).scalar_one()
        )


def test_ctrl_l_locks_scans_stay_out_and_the_same_cashiers_pin_unlocks(
    qtbot: Any, counter: CounterApp
) -> None:
    qtbot.keyClick(
        counter.sale_screen.scan_input, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
    )
    dialog = counter.lock_dialog
    assert dialog is not None and dialog.isVisible() and counter.locked
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not unlock
    assert dialog.isVisible()

    counter.wedge.scanned.emit(_a_barcode(counter))  # a scan while locked: not for the cart
    qtbot.wait(200)
    assert counter.sale_screen.cart_model.cart.is_empty()

    _enter(qtbot, dialog, "2468")  # another cashier's PIN: not theirs to unlock
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert dialog.isVisible() and "supervisor" in dialog.error.text()
    _enter(qtbot, dialog, "1234")
    qtbot.waitUntil(lambda: not counter.locked)
    assert counter.cashier.name == "示範收銀員"


def test_a_supervisors_pin_unlocks_for_the_cashier_and_is_audited(
    qtbot: Any, counter: CounterApp
) -> None:
    counter.lock()
    dialog = counter.lock_dialog
    assert dialog is not None
    _enter(qtbot, dialog, "999999")
    qtbot.waitUntil(lambda: not counter.locked)
    assert counter.cashier.name == "示範收銀員"  # the cashier carries on
    with counter.services.db.read() as session:
        [entry] = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "screen.unlock")
        ).all()
    assert f'"locked_by": {counter.cashier.id}' in entry.detail


def test_switch_cashier_keeps_the_shift_open(qtbot: Any, counter: CounterApp) -> None:
    shift = counter.services.shifts.current()
    counter.lock()
    dialog = counter.lock_dialog
    assert dialog is not None
    dialog.switch_cashier()
    sign_in = dialog.sign_in_dialog
    sign_in.name.setCurrentIndex(sign_in.name.findText("收銀員二"))
    sign_in.pin.setText("2468")
    sign_in.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not counter.locked)
    assert counter.cashier.name == "收銀員二"
    assert (
        counter.sale_screen.cashier.name == "收銀員二"
        and "收銀員二" in counter.sale_screen.cashier_label.text()
    )
    assert counter.shift_screen.cashier.name == "收銀員二"
    assert counter.services.shifts.current() == shift


def test_the_counter_locks_itself_after_the_idle_time(qtbot: Any, counter: CounterApp) -> None:
    assert idle_lock_ms({}) == 5 * 60_000  # the default: five minutes
    assert (
        idle_lock_ms({"idle_lock_minutes": 0}) == 0
        and idle_lock_ms({"idle_lock_minutes": "x"}) == 300_000
    )
    counter.idle.set_timeout(400)
    for _ in range(4):  # typing keeps it awake
        qtbot.wait(200)
        qtbot.keyClick(counter.sale_screen.scan_input, Qt.Key.Key_1)
        assert not counter.locked
    qtbot.waitUntil(lambda: counter.locked, timeout=3000)
    assert not counter.idle.active  # no second lock on top while locked
    dialog = counter.lock_dialog
    assert dialog is not None
    _enter(qtbot, dialog, "1234")
    qtbot.waitUntil(lambda: not counter.locked)
    assert counter.idle.active  # and it watches again


def test_idle_lock_off_when_the_setting_is_zero(qtbot: Any) -> None:
    watcher = IdleWatcher(0)
    assert not watcher.active


def test_repeated_wrong_pins_lock_the_pin_entry_then_it_takes_pins_again(
    qtbot: Any, counter: CounterApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staff_module, "PIN_LOCKOUT_S", 1.0)  # 60 s at a real till
    counter.lock()
    dialog = counter.lock_dialog
    assert dialog is not None
    for attempt in range(staff_module.MAX_PIN_FAILURES):
        dialog.error.setText("")
        _enter(qtbot, dialog, f"000{attempt}")
        qtbot.waitUntil(lambda: dialog.error.text() != "")
    _enter(qtbot, dialog, "1234")  # the right PIN, but the entry is locked now
    qtbot.waitUntil(lambda: "Too many wrong PINs" in dialog.error.text())
    assert dialog.pin.isReadOnly() and not dialog.unlock_button.isEnabled() and counter.locked
    qtbot.waitUntil(lambda: not dialog.pin.isReadOnly(), timeout=3000)  # the lock-out ends
    _enter(qtbot, dialog, "1234")
    qtbot.waitUntil(lambda: not counter.locked)


def test_the_pin_and_enter_unlock_and_the_keys_go_back_to_the_scan_field(
    qtbot: Any, counter: CounterApp
) -> None:
    """By keyboard alone: Enter after the PIN unlocks; it used to disable the PIN field
    while checking, which passed the focus (and the Enter) to "Switch cashier"."""
    window = counter.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.sale_screen.scan_input)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = counter.lock_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pin)
    qtbot.keyClicks(dialog.pin, "1234", delay=80)  # a person's pace, not a scan
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not counter.locked)
    qtbot.wait(100)
    opened = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert opened == [], "Enter opened another dialog"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.sale_screen.scan_input)
