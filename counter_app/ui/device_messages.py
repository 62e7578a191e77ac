"""Printer problems, print-job states and document names in the UI's language.

`counter_app.devices` reports codes only (`PrinterProblem`, `JobState`,
`JobFailure`, `DocumentKind`); this module is the one place that words them,
for the status bar and the device settings dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.core.receipts import DocumentKind, TestPageLabels
from counter_app.devices.errors import PrinterProblem
from counter_app.devices.print_queue import JobFailure, JobKind, JobSnapshot, JobState


def problem_text(problem: PrinterProblem) -> str:
    texts = {
        PrinterProblem.OFFLINE: QCoreApplication.translate(
            "DeviceMessages", "Printer offline, receipt waiting to print"
        ),
        PrinterProblem.PAPER_OUT: QCoreApplication.translate(
            "DeviceMessages", "Printer out of paper: load paper; the receipt waits to print"
        ),
        PrinterProblem.PERMISSION_DENIED: QCoreApplication.translate(
            "DeviceMessages", "No permission to use the USB printer: a udev rule is needed"
        ),
        PrinterProblem.NOT_FOUND: QCoreApplication.translate(
            "DeviceMessages", "Printer not found: check the cable and the settings"
        ),
        PrinterProblem.MISSING_DRIVER: QCoreApplication.translate(
            "DeviceMessages", "A printer driver component is missing"
        ),
        PrinterProblem.BAD_CONFIG: QCoreApplication.translate(
            "DeviceMessages", "The printer settings are wrong"
        ),
    }
    return texts[problem]


def problem_short(problem: PrinterProblem) -> str:
    """A few words for the status bar; `problem_text` says what to do."""
    texts = {
        PrinterProblem.OFFLINE: QCoreApplication.translate("DeviceMessages", "printer offline"),
        PrinterProblem.PAPER_OUT: QCoreApplication.translate("DeviceMessages", "out of paper"),
        PrinterProblem.PERMISSION_DENIED: QCoreApplication.translate(
            "DeviceMessages", "no permission for the USB printer"
        ),
        PrinterProblem.NOT_FOUND: QCoreApplication.translate("DeviceMessages", "printer not found"),
        PrinterProblem.MISSING_DRIVER: QCoreApplication.translate(
            "DeviceMessages", "printer driver missing"
        ),
        PrinterProblem.BAD_CONFIG: QCoreApplication.translate(
            "DeviceMessages", "printer settings wrong"
        ),
    }
    return texts[problem]


def document_title(kind: DocumentKind | None, reference: str = "", reprint: bool = False) -> str:
    names = {
        DocumentKind.SALE_RECEIPT: QCoreApplication.translate("DeviceMessages", "Receipt %1"),
        DocumentKind.RETURN_RECEIPT: QCoreApplication.translate("DeviceMessages", "Return %1"),
        DocumentKind.EXCHANGE_RECEIPT: QCoreApplication.translate("DeviceMessages", "Exchange %1"),
        DocumentKind.PICKUP_SLIP: QCoreApplication.translate("DeviceMessages", "Pickup slip %1"),
        DocumentKind.HANDOVER_SLIP: QCoreApplication.translate(
            "DeviceMessages", "Handover slip %1"
        ),
        DocumentKind.DROPSHIP_SLIP: QCoreApplication.translate(
            "DeviceMessages", "Dropship slip %1"
        ),
        DocumentKind.SHIFT_REPORT: QCoreApplication.translate("DeviceMessages", "%1 report"),
        DocumentKind.TEST_PAGE: QCoreApplication.translate("DeviceMessages", "Test page"),
        DocumentKind.EINVOICE_PROOF: QCoreApplication.translate("DeviceMessages", "E-invoice %1"),
        DocumentKind.EINVOICE_SLIP: QCoreApplication.translate("DeviceMessages", "E-invoice %1"),
        DocumentKind.EINVOICE_ALLOWANCE: QCoreApplication.translate(
            "DeviceMessages", "Allowance %1"
        ),
    }
    other = QCoreApplication.translate("DeviceMessages", "Print job")
    title = (names.get(kind, other) if kind is not None else other).replace("%1", reference).strip()
    if not reprint:
        return title
    return QCoreApplication.translate("DeviceMessages", "%1 (reprint)").replace("%1", title)


def job_title(job: JobSnapshot) -> str:
    if job.kind is JobKind.DRAWER:
        return QCoreApplication.translate("DeviceMessages", "Open the cash drawer")
    return document_title(job.document_kind, job.reference, job.reprint)


def job_status_text(job: JobSnapshot) -> str:
    """One sentence for the job's state: what happened and what happens next."""
    if job.state is JobState.FAILED:
        if job.failure is JobFailure.DRAWER_DEADLINE and job.problem is not None:
            return QCoreApplication.translate("DeviceMessages", "Drawer not opened: %1").replace(
                "%1", problem_text(job.problem)
            )
        return QCoreApplication.translate(
            "DeviceMessages", "Printing failed (program error): %1"
        ).replace("%1", job_title(job))
    if job.state is JobState.WAITING_FOR_PRINTER and job.problem is not None:
        text = problem_text(job.problem)
        if job.interrupted:
            text += " " + QCoreApplication.translate(
                "DeviceMessages",
                "The print was cut off; it prints again in full, marked as a reprint.",
            )
        return text
    texts = {
        JobState.QUEUED: QCoreApplication.translate("DeviceMessages", "Queued"),
        JobState.PRINTING: QCoreApplication.translate("DeviceMessages", "Printing…"),
        JobState.DONE: QCoreApplication.translate("DeviceMessages", "Done: %1").replace(
            "%1", job_title(job)
        ),
        JobState.CANCELLED: QCoreApplication.translate("DeviceMessages", "Cancelled"),
    }
    return texts.get(job.state, QCoreApplication.translate("DeviceMessages", "Queued"))


def printer_display_name(name: str) -> str:
    """A printer's own name, or a word for it when none was given."""
    return name.strip() or QCoreApplication.translate("DeviceMessages", "Receipt printer")


def test_page_labels() -> TestPageLabels:
    return TestPageLabels(
        title=QCoreApplication.translate("DeviceMessages", "Test page"),
        heading=QCoreApplication.translate("DeviceMessages", "Print test"),
        subtitle=QCoreApplication.translate("DeviceMessages", "TEST PAGE"),
        printer=QCoreApplication.translate("DeviceMessages", "Printer: "),
        profile=QCoreApplication.translate("DeviceMessages", "Printer profile: "),
        paper=QCoreApplication.translate("DeviceMessages", "Paper: "),
        encoding=QCoreApplication.translate("DeviceMessages", "Encoding: "),
        time=QCoreApplication.translate("DeviceMessages", "Time: "),
        chinese_sample=QCoreApplication.translate("DeviceMessages", "Traditional Chinese: "),
        bold=QCoreApplication.translate("DeviceMessages", "Bold"),
        center=QCoreApplication.translate("DeviceMessages", "Centred"),
        right=QCoreApplication.translate("DeviceMessages", "Right-aligned"),
        alignment=QCoreApplication.translate("DeviceMessages", "Alignment test"),
    )


test_page_labels.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
