"""The device settings dialog: test print via the queue, preview, USB help, scanner test."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal
from pytestqt.qtbot import QtBot

from counter_app.core.receipts import Document, DocumentKind
from counter_app.devices.config import ConnectionKind, PrinterConfig, TextEncoding
from counter_app.devices.errors import PrinterError, PrinterProblem
from counter_app.devices.print_queue import PrintQueue
from counter_app.ui.device_settings import DeviceSettingsDialog


class RecordingPrinter:
    def __init__(self, config: PrinterConfig, problem: PrinterProblem | None = None) -> None:
        self.config = config
        self.problem = problem
        self.documents: list[Document] = []
        self.threads: list[str] = []

    @property
    def name(self) -> str:
        return self.config.name

    def print_document(self, document: Document) -> None:
        self.threads.append(threading.current_thread().name)
        if self.problem:
            raise PrinterError(self.problem)
        self.documents.append(document)

    def open_drawer(self) -> None:
        if self.problem:
            raise PrinterError(self.problem)


class FakeScanner(QObject):
    scanned = Signal(str)


@pytest.fixture
def queue() -> Iterator[PrintQueue]:
    q = PrintQueue(RecordingPrinter(PrinterConfig()), backoff_s=(5.0,)).start()
    yield q
    q.stop()


def make_dialog(
    qtbot: QtBot, queue: PrintQueue, config: PrinterConfig, problem: PrinterProblem | None = None
):  # type: ignore[no-untyped-def]
    printers: list[RecordingPrinter] = []
    saved: list[PrinterConfig] = []
    scanner = FakeScanner()

    def factory(cfg: PrinterConfig) -> RecordingPrinter:
        printers.append(RecordingPrinter(cfg, problem))
        return printers[-1]

    def open_drawer(printer: RecordingPrinter, on_queued: Callable[[str], None]) -> None:
        # The app routes this through ReceiptService (approved, audited); here, straight to the queue.
        on_queued(queue.open_drawer("settings test", printer=printer))

    dialog = DeviceSettingsDialog(
        config,
        print_queue=queue,
        printer_factory=factory,
        save_config=saved.append,
        open_drawer=open_drawer,
        scan_source=scanner,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, printers, saved, scanner


def test_test_print_goes_through_the_queue_off_the_gui_thread(
    qtbot: QtBot, queue: PrintQueue
) -> None:
    dialog, printers, _, _ = make_dialog(
        qtbot, queue, PrinterConfig(name="櫃台", address="10.0.0.9")
    )
    assert not dialog.preview_label.pixmap().isNull()
    dialog.test_print_button.click()
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Done"), timeout=3000)
    [printer] = printers
    assert printer.config.address == "10.0.0.9"
    assert [(d.kind, d.title) for d in printer.documents] == [(DocumentKind.TEST_PAGE, "Test page")]
    assert dialog.status_label.text() == "Done: Test page"
    assert printer.threads == ["print-queue"]


def test_offline_printer_shows_waiting_message(qtbot: QtBot, queue: PrintQueue) -> None:
    dialog, _, _, _ = make_dialog(
        qtbot, queue, PrinterConfig(address="10.0.0.9"), PrinterProblem.OFFLINE
    )
    dialog.test_print_button.click()
    qtbot.waitUntil(
        lambda: dialog.status_label.text() == "Printer offline, receipt waiting to print",
        timeout=3000,
    )


def test_usb_permission_problem_shows_the_udev_rule(qtbot: QtBot, queue: PrintQueue) -> None:
    config = PrinterConfig(kind=ConnectionKind.USB, address="04b8:0e15")
    dialog, _, _, _ = make_dialog(qtbot, queue, config, PrinterProblem.PERMISSION_DENIED)
    dialog.test_print_button.click()
    qtbot.waitUntil(lambda: "udev rule below" in dialog.status_label.text(), timeout=3000)
    assert dialog.usb_box.isVisible()
    assert 'ATTRS{idVendor}=="04b8", ATTRS{idProduct}=="0e15"' in dialog.udev_text.toPlainText()
    assert "errno 13" in dialog.usb_help.text()


def test_scanner_test_box_shows_the_parsed_kind(qtbot: QtBot, queue: PrintQueue) -> None:
    dialog, _, _, scanner = make_dialog(qtbot, queue, PrinterConfig())
    scanner.scanned.emit("4006381333931")
    scanner.scanned.emit("RS001-261125-0042")
    scanner.scanned.emit("4006381333932")
    items = [dialog.scan_list.item(i).text() for i in range(dialog.scan_list.count())]
    assert "Product barcode" in items[2] and "Receipt number" in items[1]
    assert "Invalid code" in items[0] and "check digit" in items[0]


def test_save_returns_the_edited_config(qtbot: QtBot, queue: PrintQueue) -> None:
    dialog, _, saved, _ = make_dialog(qtbot, queue, PrinterConfig())
    dialog.address_edit.setText("192.168.1.77")
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData(58))
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData(TextEncoding.IMAGE.value))
    dialog.on_spin.setValue(120)
    dialog.buttons.accepted.emit()
    [config] = saved
    assert (config.address, config.paper_mm, config.encoding, config.drawer.on_ms) == (
        "192.168.1.77",
        58,
        TextEncoding.IMAGE,
        120,
    )


def test_preview_follows_the_paper_width(qtbot: QtBot, queue: PrintQueue) -> None:
    dialog, _, _, _ = make_dialog(qtbot, queue, PrinterConfig(paper_mm=80))
    assert dialog.preview_image is not None and dialog.preview_image.width == 576
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData(58))
    assert dialog.preview_image.width == 384
    assert dialog.preview_label.pixmap().width() == round(384 * 0.7)


class DictTranslator(QTranslator):
    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:  # type: ignore[override]
        # None is a null QString: "not translated here", like a compiled catalogue answers
        return self.table.get(source) if context == "DeviceSettingsDialog" else None

    def isEmpty(self) -> bool:
        return False


def test_dialog_reads_in_traditional_chinese_with_the_catalogue(
    qtbot: QtBot, queue: PrintQueue
) -> None:
    from counter_app.ui.i18n import install_translator

    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    try:
        dialog, _, _, scanner = make_dialog(qtbot, queue, PrinterConfig())
        assert dialog.windowTitle() == "收據印表機與掃描器設定"
        assert dialog.test_print_button.text() == "測試列印"
        assert dialog.kind_combo.itemText(dialog.kind_combo.findData("usb")) == "USB"
        scanner.scanned.emit("4006381333932")
        assert dialog.scan_list.item(0).text().endswith("無效條碼 (檢查碼錯誤，請重新掃描)")
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_drawer_test_goes_through_the_callers_hook_and_reports_its_job(
    qtbot: QtBot, queue: PrintQueue
) -> None:
    """The dialog never kicks the drawer itself: the hook (the receipt service, which
    checks the manager's approval and writes the audit entry) does, on the database
    thread, and hands back the job id, possibly after the job already finished."""
    from PySide6.QtCore import QTimer

    printers: list[RecordingPrinter] = []
    jobs: list[str] = []

    def factory(cfg: PrinterConfig) -> RecordingPrinter:
        printers.append(RecordingPrinter(cfg))
        return printers[-1]

    def open_drawer(printer: RecordingPrinter, on_queued: Callable[[str], None]) -> None:
        jobs.append(queue.open_drawer("settings test", printer=printer))
        QTimer.singleShot(300, lambda: on_queued(jobs[-1]))  # the id arrives after the job ran

    dialog = DeviceSettingsDialog(
        PrinterConfig(name="櫃台", address="10.0.0.9"),
        print_queue=queue,
        printer_factory=factory,
        save_config=lambda _c: None,
        open_drawer=open_drawer,
    )
    qtbot.addWidget(dialog)
    dialog.drawer_button.click()
    assert len(jobs) == 1 and printers[0].config.address == "10.0.0.9"
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("Done"), timeout=3000)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_english_mode_test_page_and_name_have_no_chinese(qtbot: QtBot, queue: PrintQueue) -> None:
    dialog, _, saved, _ = make_dialog(qtbot, queue, PrinterConfig(address="10.0.0.9"))
    assert dialog.name_edit.placeholderText() == "Receipt printer"
    page = dialog._test_page(dialog.config())
    text = page.plain_text(48).replace("珍珠奶茶、鳳梨酥、臺灣", "")  # the encoding sample
    assert not _has_chinese(text) and "Printer: Receipt printer" in text
    dialog.test_print_button.click()
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Done: Test page", timeout=3000)
    dialog.buttons.accepted.emit()
    assert saved[0].name == "", "an unnamed printer is stored unnamed, not in one language"


def test_test_page_follows_the_ui_language(qtbot: QtBot, queue: PrintQueue) -> None:
    from PySide6.QtCore import QLocale

    from counter_app.ui.i18n import install_translator

    locale = QLocale()
    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    try:
        dialog, _, _, _ = make_dialog(qtbot, queue, PrinterConfig(address="10.0.0.9"))
        page = dialog._test_page(dialog.config())
        assert page.title == "測試頁" and "印表機：收據印表機" in page.plain_text(48)
        dialog.test_print_button.click()
        qtbot.waitUntil(lambda: dialog.status_label.text() == "完成：測試頁", timeout=3000)
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(locale)
