"""Regenerate the screenshot of the payment dialog with a split payment (not a test):

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_tender_screenshots.py [zh_TW|en]

Writes docs/screenshots/payment_split.png (``payment_split_en.png`` in English): a
NT$1,250 sale with NT$1,000 taken by card and a LINE Pay payment, NT$500 cash typed
for the rest and its change shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from counter_app.core.money import Money
from counter_app.core.tenders import DEFAULT_TENDERS
from counter_app.ui.app import ensure_application
from counter_app.ui.tender_dialog import TenderDialog

OUT = Path("docs/screenshots")


def main(language: str) -> None:
    suffix = "" if language == "zh_TW" else "_en"
    ensure_application(language)
    dialog = TenderDialog(Money.from_dollars(1250), DEFAULT_TENDERS, buyer_text="/ABC+123")
    dialog.resize(760, 640)
    dialog.show()
    QTest.qWait(300)

    def keys(*presses: Qt.Key | str) -> None:
        for press in presses:
            target = dialog.focusWidget() or dialog
            if isinstance(press, str):
                QTest.keyClicks(target, press)
            else:
                QTest.keyClick(target, press)

    keys(Qt.Key.Key_F2, "1000", Qt.Key.Key_Tab, "TX-889912", Qt.Key.Key_Tab, "A1B2C3")
    keys(Qt.Key.Key_Return)
    keys(Qt.Key.Key_F3, "50", Qt.Key.Key_Tab, "LP20261201000123", Qt.Key.Key_Return)
    keys("500")
    QTest.qWait(300)
    OUT.mkdir(parents=True, exist_ok=True)
    QGuiApplication.primaryScreen().grabWindow(dialog.winId()).save(
        str(OUT / f"payment_split{suffix}.png")
    )
    dialog.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_TW")
