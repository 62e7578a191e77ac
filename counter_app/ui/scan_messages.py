"""Why a scan was refused, in the cashier's language: core/codes.py reports a reason
code (``InvalidReason``), the UI words it here, once, for every screen and dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.core.codes import InvalidReason


def invalid_scan_text(reason: InvalidReason) -> str:
    texts = {
        InvalidReason.EMPTY: QCoreApplication.translate("ScanMessages", "Nothing was scanned"),
        InvalidReason.TOO_SHORT: QCoreApplication.translate("ScanMessages", "Code is too short"),
        InvalidReason.TOO_LONG: QCoreApplication.translate("ScanMessages", "Code is too long"),
        InvalidReason.CONTROL_CHARS: QCoreApplication.translate(
            "ScanMessages", "Code contains control characters"
        ),
        InvalidReason.BAD_CHECK_DIGIT: QCoreApplication.translate(
            "ScanMessages", "Wrong check digit, scan again"
        ),
        InvalidReason.BAD_DATE: QCoreApplication.translate(
            "ScanMessages", "The date in the code is invalid"
        ),
        InvalidReason.BAD_GS1: QCoreApplication.translate("ScanMessages", "Malformed GS1 code"),
        InvalidReason.GS1_WITHOUT_GTIN: QCoreApplication.translate(
            "ScanMessages", "GS1 code carries no GTIN"
        ),
        InvalidReason.BAD_PICKUP_CODE: QCoreApplication.translate(
            "ScanMessages", "Malformed pickup code"
        ),
        InvalidReason.BAD_CARRIER: QCoreApplication.translate(
            "ScanMessages", "Malformed e-invoice carrier"
        ),
        InvalidReason.UNKNOWN_FORMAT: QCoreApplication.translate(
            "ScanMessages", "Unknown code format"
        ),
    }
    return texts[reason]
