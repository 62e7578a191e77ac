"""Every screen of the counter's frame, and every dialog it opens, in English: no Chinese
left in what the cashier sees, other than the demo data's names (products, staff, the
store) and the language picker's 繁體中文.

Generic on purpose: the screens are the ones registered in the frame and the dialogs the
ones the Tools menu opens, whatever they are, so a screen or tool added later is walked
too. A failure names the widget and the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)
from sqlalchemy import func, select

from counter_app.bootstrap import CounterApp, TillSetup, build_counter, demo_cashier
from counter_app.core.money import Money
from counter_app.devices.factory import build_receipt_printer
from counter_app.local import models
from counter_app.services.permissions import Action
from counter_app.ui import i18n
from counter_app.ui.device_settings import DeviceSettingsDialog
from counter_app.ui.lock_screen import LockDialog
from counter_app.ui.reprint_dialog import ReprintDialog
from counter_app.ui.setup_wizard import SetupWizard
from counter_app.ui.sign_in_dialog import SignInDialog
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.sync_problems_dialog import SyncProblemsDialog
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog

CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)
TAGS = re.compile(r"<[^>]+>")


def _speaking(qapp: QApplication, language: str) -> Iterator[None]:
    while i18n._installed:
        qapp.removeTranslator(i18n._installed.pop())
    i18n.install_translator(qapp, language)
    yield
    while i18n._installed:
        qapp.removeTranslator(i18n._installed.pop())


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    yield from _speaking(qapp, "en")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    yield from _speaking(qapp, "zh_TW")


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything visible in ``root``'s window the cashier can read."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__}({widget.objectName() or '-'})"
        if widget.isWindow():
            yield where + ".windowTitle", widget.windowTitle()
        yield where + ".toolTip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield where, TAGS.sub("", widget.text())
        elif isinstance(widget, QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QLineEdit):
            yield where + ".placeholder", widget.placeholderText()
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where}[{i}]", widget.itemText(i)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield f"{where}.tab[{i}]", widget.tabText(i)
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            yield where, widget.toPlainText()
        elif isinstance(widget, QWizard):
            for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton):
                yield f"{where}.button", widget.buttonText(button)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            top = QModelIndex()
            columns = model.columnCount(top) if not isinstance(model, QAbstractListModel) else 1
            rows = model.rowCount(top)
            for column in range(columns):
                yield (
                    f"{where}.header[{column}]",
                    str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
                )
            for row in range(min(rows, 30)):
                for column in range(columns):
                    value = model.data(model.index(row, column))
                    yield f"{where}[{row},{column}]", "" if value is None else str(value)
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield "menu", action.text()
            if action.menu() is not None:
                for item in action.menu().actions():
                    yield "menu item", item.text()
        yield "status bar", root.statusBar().currentMessage()


class Untranslated:
    """Collects Chinese text that is not demo data."""

    def __init__(self, allowed: set[str]) -> None:
        self._allowed = sorted((a for a in allowed if a), key=len, reverse=True)
        self.found: list[str] = []

    def check(self, label: str, root: QWidget) -> None:
        for where, text in _texts(root):
            rest = text
            for name in self._allowed:
                rest = rest.replace(name, "")
            if CJK.search(rest):
                self.found.append(f"{label}: {where}: {text!r}")


@pytest.fixture
def counter(demo_counter: Any, english: None, qtbot: Any) -> Iterator[CounterApp]:
    yield from _counter(demo_counter, qtbot)


@pytest.fixture
def counter_zh_tw(demo_counter: Any, chinese: None, qtbot: Any) -> Iterator[CounterApp]:
    yield from _counter(demo_counter, qtbot)


def _counter(demo_counter: Any, qtbot: Any) -> Iterator[CounterApp]:
    services = demo_counter.services
    tasks = TaskRunner()
    app = build_counter(services, demo_cashier(services), tasks)
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    tasks.shutdown()


@pytest.fixture
def untranslated(demo_counter: Any) -> Untranslated:
    services = demo_counter.services
    with services.db.read() as session:
        names = {
            *session.scalars(select(models.Product.name)),
            *session.scalars(select(models.Staff.name)),
            *session.scalars(select(models.Location.name)),
            *session.scalars(select(models.Shift.opened_by_name)),  # names of people
            *session.scalars(select(models.Sale.cashier_name)),
        }
    return Untranslated({*names, services.store.name, *i18n.LANGUAGE_NAMES.values()})


def _settle(qtbot: Any, tasks: TaskRunner) -> None:
    qtbot.wait(100)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)
    qtbot.wait(100)


def test_every_screen_of_the_frame_reads_in_english(
    counter: CounterApp, untranslated: Untranslated, qtbot: Any
) -> None:
    window = counter.window
    screens = window.screens()
    assert len(screens) >= 5  # sale, stock, shift, returns, pickups at the time of writing
    for screen in screens:
        assert window.show_screen(screen.name)
        _settle(qtbot, counter.tasks)
        untranslated.check(f"screen {screen.name} ({screen.key})", window)
        assert CJK.search(screen.title()) is None, screen.title()
    assert untranslated.found == []
    # Every key fits a 1280-pixel till screen in English, the wider language.
    assert window.key_bar.minimumSizeHint().width() <= 1280, [
        b.text() for b in window.key_bar.buttons.values()
    ]


def test_the_screens_read_in_english_after_scans_of_every_kind(
    counter: CounterApp, untranslated: Untranslated, qtbot: Any
) -> None:
    """Scans bring screens to the front with something to say (a product in the cart,
    a code nobody knows, a receipt or pickup code that is not found): each screen they
    reach is read again, as is every screen afterwards."""
    with counter.services.db.read() as session:
        product_code = session.scalars(
            select(models.Barcode.code).where(func.length(models.Barcode.code) == 13).limit(1)
        ).one()
    scans = [
        product_code,  # a product: the sale screen, a line in the cart, its stock
        "4710000000000",  # no such product: a red message
        "RS001-991231-0001",  # a receipt number never issued: returns says so
        "PU23456789",  # a pickup code nobody holds
        "12",  # too short to be a code: typed text, stays where it is
    ]
    window = counter.window
    for code in scans:
        counter.router.on_scanned(code)
        _settle(qtbot, counter.tasks)
        current = window.current_screen()
        assert current is not None
        untranslated.check(f"after scanning {code} ({current.name})", window)
        shown = " ".join(text for _where, text in _texts(window))
        if code == product_code:
            assert counter.sale_screen.cart_model.cart.lines, "the product is not in the cart"
        elif code != "12":
            assert code in shown, f"the scan {code} left no trace on {current.name}"
    for screen in window.screens():
        window.show_screen(screen.name)
        _settle(qtbot, counter.tasks)
        untranslated.check(f"screen {screen.name} after the scans", window)
    assert untranslated.found == []


def test_the_walk_reads_what_the_screens_show(
    counter_zh_tw: CounterApp, untranslated: Untranslated, qtbot: Any
) -> None:
    """The same walk on a till in Traditional Chinese finds Chinese on every screen: it
    reads the texts the cashier sees, so finding none in English means something."""
    window = counter_zh_tw.window
    for screen in window.screens():
        window.show_screen(screen.name)
        _settle(qtbot, counter_zh_tw.tasks)
        before = len(untranslated.found)
        untranslated.check(screen.name, screen)  # the screen alone, not the frame's keys
        assert len(untranslated.found) > before, f"nothing read on {screen.name}"


def _open_and_read(
    qtbot: Any, untranslated: Untranslated, label: str, trigger: Callable[[], object]
) -> list[str]:
    """Run ``trigger``; read and close every dialog it opens (also the nested, modal ones
    that block ``trigger`` until closed). Returns their class names."""
    opened: list[str] = []
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def sweep() -> None:
        for widget in QApplication.topLevelWidgets():
            if id(widget) in before or not widget.isVisible() or not isinstance(widget, QDialog):
                continue
            untranslated.check(f"{label} → {type(widget).__name__}", widget)
            opened.append(type(widget).__name__)
            before.add(id(widget))
            widget.reject()
            if widget.isVisible():  # the lock screen cannot be escaped: let it go
                widget.done(QDialog.DialogCode.Accepted)

    timer = QTimer()
    timer.setInterval(150)
    timer.timeout.connect(sweep)
    timer.start()
    try:
        trigger()
        qtbot.wait(600)
        sweep()
    finally:
        timer.stop()
    return opened


def test_every_dialog_of_the_tools_menu_reads_in_english(
    counter: CounterApp, untranslated: Untranslated, qtbot: Any
) -> None:
    window = counter.window
    menu = next(a.menu() for a in window.menuBar().actions() if a.menu() is not None)
    opened: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        opened += _open_and_read(qtbot, untranslated, f"Tools: {action.text()}", action.trigger)
        _settle(qtbot, counter.tasks)
    # Each tool opened its dialog (those behind a supervisor PIN, the prompt first).
    assert {"LockDialog", "SignInDialog", "ReprintDialog", "SyncProblemsDialog"} <= set(opened)
    assert "SupervisorApprovalDialog" in opened
    assert untranslated.found == []


def test_the_dialogs_opened_from_screens_read_in_english(
    counter: CounterApp, untranslated: Untranslated, qtbot: Any, tmp_path: Any
) -> None:
    services, tasks, window = counter.services, counter.tasks, counter.window
    cashier = counter.cashier
    dialogs: list[QDialog] = [
        TenderDialog(Money(12_300), parent=window, language="en"),
        SignInDialog(services.staff, tasks, services.store.name, window),
        LockDialog(services.staff, tasks, cashier, services.store.name, window),
        SupervisorApprovalDialog(
            services.staff,
            tasks,
            QCoreApplication.translate("MainWindow", "Open the cash drawer without a sale"),
            Action.OPEN_DRAWER_NO_SALE,
            parent=window,
        ),
        DeviceSettingsDialog(
            services.print_queue.default_printer.config,  # type: ignore[attr-defined]
            print_queue=services.print_queue,
            printer_factory=build_receipt_printer,
            save_config=lambda _config: None,
            open_drawer=lambda _printer, _done: None,
            parent=window,
        ),
        ReprintDialog(services.receipts, tasks, window),
        SyncProblemsDialog(services.sync_status, services.staff, tasks, window),
    ]
    setup = TillSetup(tmp_path / "till", use_keyring=False)
    wizard = SetupWizard(
        setup, setup.state(), tasks, services.print_queue, build_receipt_printer, window
    )
    for dialog in dialogs:
        dialog.show()
        _settle(qtbot, tasks)
        untranslated.check(type(dialog).__name__, dialog)
        dialog.done(QDialog.DialogCode.Rejected)
    # Each page of the set-up wizard, reached without its checks (test_setup_wizard.py
    # walks it for real).
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        wizard.show()
        _settle(qtbot, tasks)
        untranslated.check(f"SetupWizard {wizard.currentPage().objectName()}", wizard)
    wizard.done(QDialog.DialogCode.Rejected)
    assert untranslated.found == []
