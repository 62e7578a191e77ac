"""The first-run set-up wizard walked by keyboard against a real warehouse on loopback
and a network printer that records every byte (a TCP listener)."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from counter_app.bootstrap import TillSetup, is_enrolled, load_store, printer_config
from counter_app.core.setup import AddressCheck, AddressProblem
from counter_app.devices.factory import build_print_queue, build_receipt_printer
from counter_app.devices.print_queue import PrintQueue
from counter_app.local.db import LocalDatabase
from counter_app.ui.i18n import install_translator, switch_language
from counter_app.ui.setup_wizard import SetupWizard, address_problem_text
from counter_app.ui.task_runner import TaskRunner
from tests.integration.devices.conftest import FakeNetworkPrinter
from warehouse_api.embedded import ensure_demo, issue_enrollment_code, start_embedded


class Warehouse:
    def __init__(self, root: Path) -> None:
        self.db_url = f"sqlite:///{(root / 'warehouse.db').as_posix()}"
        ensure_demo(self.db_url)
        self.server = start_embedded(self.db_url)
        self.url = self.server.url

    def code(self) -> str:
        return issue_enrollment_code(self.db_url, "S001")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    wh = Warehouse(tmp_path_factory.mktemp("warehouse"))
    yield wh
    wh.server.stop()


@pytest.fixture
def zh_tw(qapp: QApplication) -> Iterator[None]:
    """The till starts in its default language; the wizard switches it."""
    install_translator(qapp, "zh_TW")
    yield
    switch_language(qapp, "zh_TW")
    from counter_app.ui import i18n

    while i18n._installed:
        qapp.removeTranslator(i18n._installed.pop())


class Walk:
    def __init__(self, qtbot: QtBot, data_dir: Path, timeout_s: float = 5.0) -> None:
        self.qtbot = qtbot
        self.setup = TillSetup(data_dir, use_keyring=False, check_timeout_s=timeout_s)
        self.tasks = TaskRunner()
        self.queue: PrintQueue = build_print_queue(printer_config(self.setup.settings, data_dir))
        self.wizard = SetupWizard(
            self.setup, self.setup.state(), self.tasks, self.queue, build_receipt_printer
        )
        qtbot.addWidget(self.wizard)
        self.wizard.show()
        qtbot.waitExposed(self.wizard)

    def close(self) -> None:
        self.wizard.close()
        self.queue.stop()
        self.tasks.shutdown()

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        focus = QApplication.focusWidget() or self.wizard
        self.qtbot.keyClick(focus, key, modifier)

    def type(self, text: str) -> None:
        focus = QApplication.focusWidget()
        assert focus is not None
        self.qtbot.keyClicks(focus, text)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def wait_page(self, page: object, timeout_ms: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: self.wizard.currentPage() is page, timeout=timeout_ms)


@pytest.fixture
def walk(qtbot: QtBot, tmp_path: Path, zh_tw: None) -> Iterator[Walk]:
    w = Walk(qtbot, tmp_path / "till")
    yield w
    w.close()


def test_a_new_till_is_set_up_by_keyboard_alone(
    walk: Walk, warehouse: Warehouse, net_printer: FakeNetworkPrinter, tmp_path: Path
) -> None:
    wizard = walk.wizard
    # Language: zh_TW is chosen; Down picks English and the wizard speaks it at once.
    assert wizard.currentPage() is wizard.language_page
    assert wizard.windowTitle() == "設定這台收銀機"
    walk.key(Qt.Key.Key_Down)
    assert wizard.language_page.language() == "en"
    walk.qtbot.waitUntil(lambda: wizard.windowTitle() == "Set up this till")
    assert wizard.button(SetupWizard.WizardButton.NextButton).text() == "Next >"
    walk.enter()
    assert walk.setup.settings.section("ui") == {"language": "en"}

    # Address: typed, Enter tests it and goes on when it passes.
    walk.wait_page(wizard.address_page)
    assert QApplication.focusWidget() is wizard.address_page.address_edit
    walk.type(warehouse.url)
    walk.enter()
    walk.wait_page(wizard.enroll_page)
    result = wizard.address_page.result.text()
    assert "Connected" in result and "Plain http to this computer" in result
    assert walk.setup.settings.section("warehouse") == {"url": warehouse.url}

    # Enrollment code: exchanged for the device token, kept in a file only we can read.
    assert QApplication.focusWidget() is wizard.enroll_page.code_edit
    walk.type(warehouse.code())
    walk.enter()
    walk.wait_page(wizard.printer_page)
    token_file = tmp_path / "till" / "device_token"
    assert token_file.read_text().strip()
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    db = LocalDatabase(tmp_path / "till" / "counter.db")
    store = load_store(db)
    db.dispose()
    assert store is not None and store.code == "S001"
    assert "enrolled at" in wizard.enroll_page.result.text()
    assert wizard.address_page.address_edit.isReadOnly()  # the key is that warehouse's

    # Printer: network, its address, a test print that reaches the printer.
    assert QApplication.focusWidget() is wizard.printer_page.kind_combo
    walk.key(Qt.Key.Key_Down)  # No printer -> Network
    assert wizard.printer_page.kind_combo.currentData() == "network"
    walk.key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is wizard.printer_page.address_edit
    walk.type(net_printer.address)
    walk.key(Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # &Test print
    walk.qtbot.waitUntil(lambda: net_printer.jobs != [], timeout=10_000)
    printed = net_printer.wait_for_jobs(1)[0]
    assert b"\x1b@" in printed and printed.endswith(b"\x1dV\x00")  # ESC @ ... cut: a whole job
    assert b"Print test" in printed  # the test page, in English like the wizard
    walk.qtbot.waitUntil(
        lambda: (
            walk.wizard.printer_page.last_job is not None
            and walk.wizard.printer_page.last_job.finished
        ),
        timeout=10_000,
    )
    walk.enter()
    walk.wait_page(wizard.scanner_page)
    saved = walk.setup.settings.section("printer")
    assert saved["kind"] == "network" and saved["address"] == net_printer.address

    # Scanner: with a suffix set, a scan that ends in it passes; one that does not says so.
    page = wizard.scanner_page
    assert QApplication.focusWidget() is page.scan_field
    page.suffix_edit.setText("#")
    walk.type("4006381333931#")
    walk.enter()
    assert wizard.currentPage() is page  # the scanner's Enter ends the scan, not the page
    assert "4006381333931" in page.result.text() and "Suffix #: found" in page.result.text()
    assert "works with these settings" in page.result.text()
    walk.type("4006381333931")
    walk.enter()
    assert "Suffix # expected" in page.result.text()
    walk.enter()  # empty field: Enter goes on
    walk.wait_page(wizard.done_page)
    assert walk.setup.settings.section("scanner") == {"suffix": "#"}
    summary = wizard.done_page.summary.text()
    assert "English" in summary and warehouse.url in summary and net_printer.address in summary

    walk.enter()
    walk.qtbot.waitUntil(lambda: not wizard.isVisible())
    assert wizard.result() == SetupWizard.DialogCode.Accepted
    assert is_enrolled(tmp_path / "till", use_keyring=False)


def _go_to_address(walk: Walk) -> None:
    walk.enter()  # language as it is
    walk.wait_page(walk.wizard.address_page)
    switch_language(QCoreApplication.instance(), "en")  # the messages read in English below


def _test_address(walk: Walk, text: str) -> str:
    page = walk.wizard.address_page
    page.address_edit.setText(text)
    page.address_edit.setFocus()
    walk.enter()
    walk.qtbot.waitUntil(
        lambda: page.result.text() not in ("", "Testing the connection…"), timeout=15_000
    )
    assert walk.wizard.currentPage() is page  # a bad address never goes on
    return page.result.text()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """Accepts connections and never answers: a server that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.05)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def test_bad_addresses_are_refused_with_a_reason(
    qtbot: QtBot, tmp_path: Path, zh_tw: None, silent_port: int
) -> None:
    walk = Walk(qtbot, tmp_path / "till", timeout_s=1.0)
    try:
        _go_to_address(walk)
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            closed = probe.getsockname()[1]
        # What each bad address gets:
        assert "Plain http:// is not encrypted" in _test_address(walk, "http://192.0.2.10:8000")
        assert "not a web address" in _test_address(walk, "ftp://warehouse.example.tw")
        assert "was not found" in _test_address(walk, "https://no-such-warehouse.invalid")
        assert "Nothing answers at" in _test_address(walk, f"http://127.0.0.1:{closed}")
        assert "No answer from" in _test_address(walk, f"http://127.0.0.1:{silent_port}")
        assert walk.setup.settings.section("warehouse") == {}  # nothing saved
        # An untrusted certificate (test_self_check.py makes one for real) reads:
        untrusted = AddressCheck("https://wh.example.tw", AddressProblem.BAD_CERTIFICATE, "x")
        assert "certificate of https://wh.example.tw is not trusted" in address_problem_text(
            untrusted
        )
    finally:
        walk.close()


def test_bad_enrollment_codes_are_refused_with_a_reason(
    qtbot: QtBot, tmp_path: Path, zh_tw: None, warehouse: Warehouse
) -> None:
    walk = Walk(qtbot, tmp_path / "till")
    try:
        _go_to_address(walk)
        walk.wizard.address_page.address_edit.setText(warehouse.url)
        walk.enter()
        walk.wait_page(walk.wizard.enroll_page)
        page = walk.wizard.enroll_page

        def exchange(code: str) -> str:
            page.code_edit.setText(code)
            page.result.clear()
            walk.enter()
            walk.qtbot.waitUntil(
                lambda: page.result.text() not in ("", "Exchanging the code…"), timeout=10_000
            )
            return page.result.text()

        assert "This code is not known" in exchange("NOPE-NOPE-NOPE")
        assert walk.wizard.currentPage() is page
        assert not (tmp_path / "till" / "device_token").exists()
        used = warehouse.code()
        TillSetup(tmp_path / "other-till", use_keyring=False).enroll(warehouse.url, used)
        assert "already used by another till" in exchange(used)
        assert not is_enrolled(tmp_path / "till", use_keyring=False)
        exchange(warehouse.code())
        walk.wait_page(walk.wizard.printer_page)
        assert is_enrolled(tmp_path / "till", use_keyring=False)
    finally:
        walk.close()


def test_a_manager_runs_the_wizard_again_from_tools(
    demo_counter: object, qtbot: QtBot, net_printer: FakeNetworkPrinter, zh_tw: None
) -> None:
    """A supervisor's PIN is not enough; a manager's opens the wizard on the enrolled
    till: the key stays, the new printer and scanner suffix apply at once."""
    from counter_app.bootstrap import build_counter, demo_cashier, rerun_setup_wizard
    from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog

    services = demo_counter.services  # type: ignore[attr-defined]
    tasks = TaskRunner()
    counter = build_counter(services, demo_cashier(services), tasks)
    qtbot.addWidget(counter.window)
    counter.window.show()
    token_before = (demo_counter.data_dir / "counter" / "device_token").read_text()  # type: ignore[attr-defined]
    seen: list[str] = []

    def answer_prompt(pin: str) -> None:
        prompt = QApplication.activeModalWidget()
        if not isinstance(prompt, SupervisorApprovalDialog):
            later(50, lambda: answer_prompt(pin))
            return
        prompt.pin.setText(pin)
        prompt.buttons.accepted.emit()
        if pin == "999999":  # a supervisor: refused in words, then given up
            qtbot.waitUntil(lambda: prompt.error.text() != "", timeout=10_000)
            seen.append(prompt.error.text())
            prompt.reject()

    def walk_the_wizard() -> None:
        wizard = counter.setup_wizard
        if wizard is None or not wizard.isVisible():
            later(50, walk_the_wizard)
            return
        assert wizard.enroll_page.code_edit.isHidden()  # no new code: the key stays
        seen.append(wizard.enroll_page.label.text())
        wizard.next()  # language
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.address_page)
        wizard.next()  # tests the address it has
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.enroll_page, timeout=10_000)
        wizard.next()
        page = wizard.printer_page
        page.kind_combo.setCurrentIndex(page.kind_combo.findData("network"))
        page.address_edit.setText(net_printer.address)
        wizard.next()
        wizard.scanner_page.suffix_edit.setText("#")
        wizard.next()
        wizard.accept()

    later(50, lambda: answer_prompt("999999"))
    rerun_setup_wizard(counter)
    assert seen == ["設定精靈需要店長密碼"]
    assert counter.setup_wizard is None

    later(50, lambda: answer_prompt("567890"))
    later(100, walk_the_wizard)
    rerun_setup_wizard(counter)
    assert "台北信義店" in seen[1] or "S001" in seen[1]
    token_after = (demo_counter.data_dir / "counter" / "device_token").read_text()  # type: ignore[attr-defined]
    assert token_after == token_before
    assert services.print_queue.default_printer.config.address == net_printer.address
    assert counter.wedge.settings.suffix == "#"
    tasks.shutdown()


def later(ms: int, slot: object) -> None:
    from PySide6.QtCore import QTimer

    QTimer.singleShot(ms, slot)  # type: ignore[call-overload]
