"""Regenerate docs/screenshots/device_settings.png (not a test).

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python tests/ui/devices/make_screenshot.py docs/screenshots/device_settings.png

Uses the dialog's zh_TW table directly, so it shows the Traditional Chinese
text even before the phrasebook in tools/i18n.py has it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.print_queue import PrintQueue
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.devices.scanner_wedge import ScannerWedgeFilter
from counter_app.ui import device_settings
from counter_app.ui.i18n import install_translator


def main(out: str) -> None:
    app = QApplication(sys.argv)
    install_translator(app, "zh_TW")  # the compiled catalogue, as the till loads it
    config = PrinterConfig(
        name="櫃台收據機",
        kind=ConnectionKind.USB,
        address="04b8:0e15",
        profile="TM-T20II",
        paper_mm=80,
    )
    queue = PrintQueue(EscposReceiptPrinter(config)).start()
    wedge = ScannerWedgeFilter()
    wedge.install(app)
    dialog = device_settings.DeviceSettingsDialog(
        config,
        print_queue=queue,
        printer_factory=EscposReceiptPrinter,
        save_config=lambda _config: None,
        open_drawer=lambda _printer, _on_queued: None,
        scan_source=wedge,
    )
    dialog.show()
    for code in ("4006381333931", "RS001-261125-0042", "PU7K3M9Q2X", "4006381333932"):
        dialog.on_scanned(code)

    def shoot() -> None:
        dialog.grab().save(out)
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()
    queue.stop()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/device_settings.png")
