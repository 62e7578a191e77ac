"""Regenerate the screenshots of the first-run set-up wizard (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_setup_wizard_screenshots.py [zh_TW|en]

Writes docs/screenshots/setup_<page>.png (``setup_<page>_en.png`` in English): each page
walked against the embedded warehouse on loopback and a network printer stand-in that
takes the test page, plus the address page refusing an address that does not resolve.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from counter_app.bootstrap import TillSetup, printer_config
from counter_app.devices.factory import build_print_queue, build_receipt_printer
from counter_app.ui.app import ensure_application
from counter_app.ui.setup_wizard import SetupWizard
from counter_app.ui.task_runner import TaskRunner
from warehouse_api.embedded import ensure_demo, issue_enrollment_code, start_embedded

OUT = Path("docs/screenshots")


def _printer() -> int:
    """A port that takes whatever is sent, like a receipt printer on port 9100."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)

    def serve() -> None:
        while True:
            conn, _ = server.accept()
            with conn:
                while conn.recv(65536):
                    pass

    threading.Thread(target=serve, daemon=True).start()
    return int(server.getsockname()[1])


def _wait(wizard: SetupWizard, until: object, ms: int = 15_000) -> None:
    waited = 0
    while not until() and waited < ms:  # type: ignore[operator]
        QTest.qWait(50)
        waited += 50
    QTest.qWait(250)


def _shot(widget: QWidget, name: str, suffix: str) -> None:
    QTest.qWait(200)
    path = OUT / f"setup_{name}{suffix}.png"
    widget.grab().save(str(path))
    print(path)


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'warehouse.db'}"
        ensure_demo(db_url)
        server = start_embedded(db_url)
        setup = TillSetup(Path(tmp) / "till", use_keyring=False, check_timeout_s=3)
        setup.save_language(language)
        tasks = TaskRunner()
        queue = build_print_queue(printer_config(setup.settings, Path(tmp) / "till"))
        wizard = SetupWizard(setup, setup.state(), tasks, queue, build_receipt_printer)
        wizard.move(0, 0)
        wizard.show()
        QTest.qWait(400)
        _shot(wizard, "language", suffix)
        wizard.next()
        page = wizard.address_page
        page.address_edit.setText("https://warehouse.no-such-store.invalid")
        page.start_test(advance=False)
        _wait(
            wizard,
            lambda: page.passed is None and "…" not in page.result.text() and page.result.text(),
        )
        _shot(wizard, "address_error", suffix)
        page.address_edit.setText(server.url)
        page.start_test(advance=False)
        _wait(wizard, lambda: page.passed is not None)
        _shot(wizard, "address", suffix)
        wizard.next()
        wizard.enroll_page.code_edit.setText(issue_enrollment_code(db_url, "S001"))
        _shot(wizard, "enrollment", suffix)
        wizard.next()
        _wait(wizard, lambda: wizard.currentPage() is wizard.printer_page)
        printer = wizard.printer_page
        printer.kind_combo.setCurrentIndex(printer.kind_combo.findData("network"))
        printer.address_edit.setText(f"127.0.0.1:{_printer()}")
        printer.test_print()
        _wait(wizard, lambda: printer.last_job is not None and printer.last_job.finished)
        _shot(wizard, "printer", suffix)
        wizard.next()
        scanner = wizard.scanner_page
        scanner.suffix_edit.setText("#")
        scanner.on_read("4006381333931")
        _shot(wizard, "scanner", suffix)
        wizard.next()
        _shot(wizard, "done", suffix)
        wizard.close()
        queue.stop()
        tasks.shutdown()
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
