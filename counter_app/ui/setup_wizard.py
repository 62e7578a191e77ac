"""The first-run set-up wizard: language, warehouse address (connection and certificate
test), enrollment code, receipt printer (with a test print) and scanner test.

It runs on a till's first start (no device token yet) and again from Tools when a
manager approves. Every page is keyboard-operable: the first field has the focus, and
Enter goes on (a page that must check something first, the address or the code, checks
it and goes on when the check passes). The wizard only shows and collects: the checks,
the enrollment and the saving are the ``SetupBackend``'s (built by the composition root).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app.core.receipts import PrinterTestPageData, printer_test_page
from counter_app.core.setup import (
    AddressCheck,
    AddressProblem,
    Enrolled,
    EnrollmentProblem,
    EnrollmentRefused,
    ScanCheck,
    check_test_scan,
)
from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.print_queue import JobSnapshot, PrintQueue
from counter_app.devices.printer import ReceiptPrinter
from counter_app.ui.device_messages import job_status_text, printer_display_name, test_page_labels
from counter_app.ui.i18n import LANGUAGE_NAMES, LANGUAGES, switch_language
from counter_app.ui.task_runner import TaskRunner

CERT_WARN_DAYS = 30
NO_PRINTER = "none"


class SetupBackend(Protocol):
    """What the wizard asks of the till; ``check_address`` and ``enroll`` run off the GUI
    thread (they wait for the network)."""

    def check_address(self, text: str) -> AddressCheck: ...

    def enroll(self, url: str, code: str) -> Enrolled: ...  # raises EnrollmentRefused

    def save_language(self, language: str) -> None: ...

    def save_address(self, url: str) -> None: ...

    def save_printer(self, config: PrinterConfig | None) -> None: ...  # None: no printer

    def save_scanner(self, prefix: str, suffix: str) -> None: ...


@dataclass(frozen=True)
class SetupState:
    """What the till has now (the wizard starts from it)."""

    language: str
    address: str = ""
    enrolled: Enrolled | None = None  # a re-run on an enrolled till keeps its token
    printer: PrinterConfig | None = None
    prefix: str = ""
    suffix: str = ""


class _Page(QWizardPage):
    """Retranslates itself when the language is switched on the first page."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError


# --- language ---------------------------------------------------------------------------


class LanguagePage(_Page):
    def __init__(self, state: SetupState) -> None:
        super().__init__()
        self.setObjectName("languagePage")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.radios: dict[str, QRadioButton] = {}
        for language in LANGUAGES:
            radio = QRadioButton(LANGUAGE_NAMES[language])  # each in its own words
            radio.setObjectName(f"language_{language}")
            radio.setChecked(language == state.language)
            radio.setMinimumHeight(40)
            self.group.addButton(radio)
            self.radios[language] = radio
            layout.addWidget(radio)
            radio.toggled.connect(
                lambda on, lang=language: on and switch_language(QApplication.instance(), lang)
            )
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Language"))
        self.setSubTitle(
            QCoreApplication.translate(
                "SetupWizard", "The language of this till's screens and receipts."
            )
        )
        self.intro.setText(
            QCoreApplication.translate("SetupWizard", "Choose with the arrow keys; Enter goes on.")
        )

    def language(self) -> str:
        return next(lang for lang, radio in self.radios.items() if radio.isChecked())

    def initializePage(self) -> None:
        self.radios[self.language()].setFocus()


# --- warehouse address ------------------------------------------------------------------


def address_problem_text(check: AddressCheck) -> str:
    host = check.url or "?"
    texts = {
        AddressProblem.EMPTY: QCoreApplication.translate(
            "SetupWizard", "Enter the warehouse's address."
        ),
        AddressProblem.NOT_HTTP: QCoreApplication.translate(
            "SetupWizard",
            "That is not a web address: enter something like https://warehouse.example.tw",
        ),
        AddressProblem.NO_HOST: QCoreApplication.translate(
            "SetupWizard",
            "That is not a web address: enter something like https://warehouse.example.tw",
        ),
        AddressProblem.PLAIN_HTTP: QCoreApplication.translate(
            "SetupWizard",
            "Plain http:// is not encrypted: use https://. Plain http is allowed only to "
            "this computer.",
        ),
        AddressProblem.DNS: QCoreApplication.translate(
            "SetupWizard",
            "The name in %1 was not found. Check the spelling, or this till's network (DNS).",
        ),
        AddressProblem.REFUSED: QCoreApplication.translate(
            "SetupWizard",
            "Nothing answers at %1: the address or port is wrong, or the warehouse is not running.",
        ),
        AddressProblem.TIMEOUT: QCoreApplication.translate(
            "SetupWizard",
            "No answer from %1 in time: check the network cable or Wi-Fi, a firewall, or "
            "the address.",
        ),
        AddressProblem.BAD_CERTIFICATE: QCoreApplication.translate(
            "SetupWizard",
            "The certificate of %1 is not trusted: it may be self-signed, expired or made "
            "for another name. Ask whoever runs the warehouse.",
        ),
        AddressProblem.TLS: QCoreApplication.translate(
            "SetupWizard", "A secure connection to %1 failed: is it really https on that port?"
        ),
        AddressProblem.NOT_WAREHOUSE: QCoreApplication.translate(
            "SetupWizard",
            "Something answers at %1, but it is not the warehouse: check the address.",
        ),
        AddressProblem.NETWORK: QCoreApplication.translate(
            "SetupWizard", "The connection to %1 failed."
        ),
    }
    assert check.problem is not None
    return texts[check.problem].replace("%1", host)


def address_ok_text(check: AddressCheck) -> str:
    lines = [
        QCoreApplication.translate(
            "SetupWizard", "Connected: the warehouse answered in %1 ms."
        ).replace("%1", f"{check.elapsed_ms:.0f}")
    ]
    cert = check.certificate
    if cert is None:
        lines.append(
            QCoreApplication.translate(
                "SetupWizard", "Plain http to this computer: no certificate to check."
            )
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "SetupWizard", "Certificate: %1, issued by %2, valid until %3 (%4 days)."
            )
            .replace("%1", cert.subject)
            .replace("%2", cert.issuer or "?")
            .replace("%3", f"{cert.not_after:%Y-%m-%d}")
            .replace("%4", str(cert.days_left))
        )
        if cert.days_left < CERT_WARN_DAYS:
            lines.append(
                QCoreApplication.translate(
                    "SetupWizard", "The certificate expires soon: ask for it to be renewed."
                )
            )
    return "\n".join(lines)


class AddressPage(_Page):
    def __init__(self, backend: SetupBackend, tasks: TaskRunner, state: SetupState) -> None:
        super().__init__()
        self.setObjectName("addressPage")
        self._backend = backend
        self._tasks = tasks
        self._testing = False
        self._advance = False
        self.passed: AddressCheck | None = None
        self.address_edit = QLineEdit(state.address)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setPlaceholderText("https://warehouse.example.tw")
        self.address_edit.setMinimumHeight(36)
        self.test_button = QPushButton()
        self.test_button.setObjectName("testAddressButton")
        self.result = QLabel()
        self.result.setObjectName("addressResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label = QLabel()
        self.label.setBuddy(self.address_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.address_edit)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.address_edit.textChanged.connect(self._edited)
        self.test_button.clicked.connect(lambda: self.start_test(advance=False))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Warehouse address"))
        self.setSubTitle(
            QCoreApplication.translate(
                "SetupWizard",
                "Where this till sends its sales: the address your IT person or the admin gave.",
            )
        )
        self.label.setText(QCoreApplication.translate("SetupWizard", "&Address:"))
        self.test_button.setText(QCoreApplication.translate("SetupWizard", "&Test the connection"))

    def initializePage(self) -> None:
        self.address_edit.setFocus()

    def _edited(self) -> None:
        self.passed = None
        self.result.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.address_edit.text().strip()) and not self._testing

    def validatePage(self) -> bool:
        """Enter: the address must have passed its test; if not tested yet, test it now
        and go on by itself when it passes."""
        if self.passed is not None and self.passed.ok:
            self._backend.save_address(self.passed.url)
            return True
        self.start_test(advance=True)
        return False

    def start_test(self, *, advance: bool) -> None:
        if self._testing:
            return
        self._testing = True
        self._advance = advance
        self.completeChanged.emit()
        self.result.setText(QCoreApplication.translate("SetupWizard", "Testing the connection…"))
        text = self.address_edit.text()
        self._tasks.net(
            lambda: self._backend.check_address(text),
            lambda check: self._tested(text, check),
            self._failed,
            owner=self,
        )

    def _tested(self, text: str, check: AddressCheck) -> None:
        self._testing = False
        self.completeChanged.emit()
        if text != self.address_edit.text():
            return  # edited meanwhile: this answer is about another address
        if check.ok:
            self.passed = check
            self.result.setText(address_ok_text(check))
            if self._advance:
                self.wizard().next()
        else:
            self.passed = None
            self.result.setText(address_problem_text(check))
            self.address_edit.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._testing = False
        self.completeChanged.emit()
        self.result.setText(
            QCoreApplication.translate("SetupWizard", "The test could not run: %1").replace(
                "%1", str(error)
            )
        )


# --- enrollment -------------------------------------------------------------------------


def enrollment_problem_text(error: EnrollmentRefused) -> str:
    texts = {
        EnrollmentProblem.INVALID: QCoreApplication.translate(
            "SetupWizard",
            "This code is not known. Check it and type it again as the admin gave it.",
        ),
        EnrollmentProblem.USED: QCoreApplication.translate(
            "SetupWizard",
            "This code was already used by another till: ask the admin for a new one.",
        ),
        EnrollmentProblem.EXPIRED: QCoreApplication.translate(
            "SetupWizard", "This code has expired: ask the admin for a new one."
        ),
        EnrollmentProblem.UNREACHABLE: QCoreApplication.translate(
            "SetupWizard", "The warehouse did not answer: check the connection and try again."
        ),
        EnrollmentProblem.REFUSED: QCoreApplication.translate(
            "SetupWizard", "The warehouse refused the code: %1"
        ),
    }
    return texts[error.problem].replace("%1", error.detail)


def enrolled_text(enrolled: Enrolled) -> str:
    till = str(enrolled.till_no) if enrolled.till_no is not None else "?"
    return (
        QCoreApplication.translate("SetupWizard", "This till is enrolled at %1 (%2) as till %3.")
        .replace("%1", enrolled.store_name)
        .replace("%2", enrolled.store_code)
        .replace("%3", till)
    )


class EnrollPage(_Page):
    def __init__(self, backend: SetupBackend, tasks: TaskRunner, state: SetupState) -> None:
        super().__init__()
        self.setObjectName("enrollPage")
        self._backend = backend
        self._tasks = tasks
        self._busy = False
        self.enrolled = state.enrolled
        self._rerun = state.enrolled is not None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrollmentCodeEdit")
        self.code_edit.setMinimumHeight(36)
        self.code_edit.setVisible(not self._rerun)
        self.label.setBuddy(self.code_edit)
        self.result = QLabel()
        self.result.setObjectName("enrollResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.label)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.code_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Enrollment"))
        if self._rerun and self.enrolled is not None:
            self.setSubTitle(
                QCoreApplication.translate(
                    "SetupWizard", "This till already belongs to a store; its key stays as it is."
                )
            )
            self.label.setText(enrolled_text(self.enrolled))
        else:
            self.setSubTitle(
                QCoreApplication.translate("SetupWizard", "A one-time code from the admin.")
            )
            self.intro.setText(
                QCoreApplication.translate(
                    "SetupWizard",
                    "The admin gives each new till a one-time code. The till exchanges it "
                    "for its own key, kept where only this computer's user can read it.",
                )
            )
            self.label.setText(QCoreApplication.translate("SetupWizard", "Enrollment &code:"))

    def initializePage(self) -> None:
        if not self._rerun:
            self.code_edit.setFocus()

    def isComplete(self) -> bool:
        return not self._busy and (self._rerun or bool(self.code_edit.text().strip()))

    def validatePage(self) -> bool:
        if self._rerun or self.enrolled is not None:
            return True
        address = self.wizard().property("address_url")
        code = self.code_edit.text().strip()
        self._busy = True
        self.completeChanged.emit()
        self.result.setText(QCoreApplication.translate("SetupWizard", "Exchanging the code…"))
        self._tasks.net(
            lambda: self._backend.enroll(str(address), code), self._done, self._refused, owner=self
        )
        return False

    def _done(self, enrolled: Enrolled) -> None:
        self._busy = False
        self.enrolled = enrolled
        self.code_edit.setReadOnly(True)
        # The key belongs to that warehouse: going back may look, not change the address.
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard):
            wizard.address_page.address_edit.setReadOnly(True)
            wizard.address_page.test_button.setEnabled(False)
        self.result.setText(enrolled_text(enrolled))
        self.completeChanged.emit()
        self.wizard().next()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.completeChanged.emit()
        if isinstance(error, EnrollmentRefused):
            self.result.setText(enrollment_problem_text(error))
        else:
            self.result.setText(
                QCoreApplication.translate(
                    "SetupWizard", "The warehouse refused the code: %1"
                ).replace("%1", str(error))
            )
        self.code_edit.selectAll()
        self.code_edit.setFocus()


# --- printer ----------------------------------------------------------------------------


class _JobBridge(QObject):
    changed = Signal(object)

    def __call__(self, snapshot: JobSnapshot) -> None:
        self.changed.emit(snapshot)


class PrinterPage(_Page):
    KINDS = (
        NO_PRINTER,
        ConnectionKind.NETWORK.value,
        ConnectionKind.USB.value,
        ConnectionKind.SERIAL.value,
    )

    def __init__(
        self,
        backend: SetupBackend,
        state: SetupState,
        print_queue: PrintQueue,
        printer_factory: Callable[[PrinterConfig], ReceiptPrinter],
    ) -> None:
        super().__init__()
        self.setObjectName("printerPage")
        self._backend = backend
        self._queue = print_queue
        self._factory = printer_factory
        self._jobs: set[str] = set()
        self._early: dict[str, JobSnapshot] = {}
        self.last_job: JobSnapshot | None = None
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("printerKind")
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("printerAddress")
        self.paper_combo = QComboBox()
        self.test_button = QPushButton()
        self.test_button.setObjectName("testPrintButton")
        self.status = QLabel()
        self.status.setObjectName("printerStatus")
        self.status.setWordWrap(True)
        self.form = QFormLayout()
        self.kind_label, self.address_label, self.paper_label = QLabel(), QLabel(), QLabel()
        self.kind_label.setBuddy(self.kind_combo)
        self.address_label.setBuddy(self.address_edit)
        self.paper_label.setBuddy(self.paper_combo)
        self.form.addRow(self.kind_label, self.kind_combo)
        self.form.addRow(self.address_label, self.address_edit)
        self.form.addRow(self.paper_label, self.paper_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()
        printer = state.printer
        kind = printer.kind.value if printer is not None else NO_PRINTER
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        if printer is not None:
            self.address_edit.setText(printer.address)
            self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(printer.paper_mm)))
        self._bridge = _JobBridge(self)
        self._bridge.changed.connect(self._job_changed)
        self._queue.add_listener(self._bridge)
        self.destroyed.connect(lambda *_: None)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.address_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.test_button.clicked.connect(self.test_print)
        self._kind_changed()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Receipt printer"))
        self.setSubTitle(
            QCoreApplication.translate(
                "SetupWizard",
                "How this till reaches its receipt printer. Print a test page to be sure.",
            )
        )
        current_kind = self.kind_combo.currentData()
        current_paper = self.paper_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        for kind, label in zip(
            self.KINDS,
            (
                QCoreApplication.translate(
                    "SetupWizard", "No printer (receipts are kept in a file)"
                ),
                QCoreApplication.translate("SetupWizard", "Network (host:port, usually port 9100)"),
                QCoreApplication.translate("SetupWizard", "USB"),
                QCoreApplication.translate("SetupWizard", "Serial port (COM)"),
            ),
            strict=True,
        ):
            self.kind_combo.addItem(label, kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current_kind)))
        self.kind_combo.blockSignals(False)
        self.paper_combo.clear()
        self.paper_combo.addItem(QCoreApplication.translate("SetupWizard", "80 mm"), 80)
        self.paper_combo.addItem(QCoreApplication.translate("SetupWizard", "58 mm"), 58)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(current_paper)))
        self.kind_label.setText(QCoreApplication.translate("SetupWizard", "&Connection:"))
        self.address_label.setText(QCoreApplication.translate("SetupWizard", "A&ddress:"))
        self.paper_label.setText(QCoreApplication.translate("SetupWizard", "&Paper width:"))
        self.test_button.setText(QCoreApplication.translate("SetupWizard", "&Test print"))
        self._kind_changed()

    def initializePage(self) -> None:
        self.kind_combo.setFocus()

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        none = kind == NO_PRINTER
        for widget in (self.address_edit, self.paper_combo, self.test_button):
            widget.setEnabled(not none)
        placeholders = {
            ConnectionKind.NETWORK.value: "192.168.1.50:9100",
            ConnectionKind.USB.value: QCoreApplication.translate(
                "SetupWizard", "04b8:0e15 (vendor:product)"
            ),
            ConnectionKind.SERIAL.value: QCoreApplication.translate(
                "SetupWizard", "COM3 or /dev/ttyUSB0@9600"
            ),
        }
        self.address_edit.setPlaceholderText(placeholders.get(str(kind), ""))
        self.completeChanged.emit()

    def config(self) -> PrinterConfig | None:
        """The printer as entered; None for no printer. Raises ValueError."""
        kind = self.kind_combo.currentData()
        if kind == NO_PRINTER:
            return None
        config = PrinterConfig(
            kind=ConnectionKind(kind),
            address=self.address_edit.text().strip(),
            paper_mm=int(self.paper_combo.currentData() or 80),
        )
        if not config.address:
            raise ValueError(
                QCoreApplication.translate("SetupWizard", "enter the printer's address")
            )
        if config.kind is ConnectionKind.NETWORK:
            host, port = config.network_endpoint()
            if not host or not 0 < port < 65536:
                raise ValueError(
                    QCoreApplication.translate(
                        "SetupWizard", "the address must be host or host:port"
                    )
                )
        elif config.kind is ConnectionKind.USB:
            config.usb_ids()
        elif config.kind is ConnectionKind.SERIAL:
            config.serial_port()
        return config

    def isComplete(self) -> bool:
        return self.kind_combo.currentData() == NO_PRINTER or bool(self.address_edit.text().strip())

    def _invalid(self, error: ValueError) -> None:
        self.status.setText(
            QCoreApplication.translate("SetupWizard", "These settings cannot work: %1").replace(
                "%1", str(error)
            )
        )

    @Slot()
    def test_print(self) -> None:
        try:
            config = self.config()
        except ValueError as error:
            self._invalid(error)
            return
        if config is None:
            return
        page = printer_test_page(
            PrinterTestPageData(
                printer_name=printer_display_name(config.name),
                paper_mm=config.paper_mm,
                encoding=config.encoding.value,
                profile=config.profile,
                printed_at=datetime.now(UTC),
                labels=test_page_labels(),
            )
        )
        job = self._queue.submit(page, printer=self._factory(config))
        self._jobs.add(job)
        self.status.setText(
            QCoreApplication.translate("SetupWizard", "Test page sent, waiting for the printer…")
        )
        early = self._early.pop(job, None)
        if early is not None:
            self._job_changed(early)

    @Slot(object)
    def _job_changed(self, snapshot: JobSnapshot) -> None:
        if snapshot.id not in self._jobs:
            self._early[snapshot.id] = snapshot
            while len(self._early) > 20:
                del self._early[next(iter(self._early))]
            return
        self.last_job = snapshot
        self.status.setText(job_status_text(snapshot))

    def validatePage(self) -> bool:
        try:
            config = self.config()
        except ValueError as error:
            self._invalid(error)
            return False
        self._backend.save_printer(config)
        return True

    def cleanupPage(self) -> None:
        pass

    def detach(self) -> None:
        self._queue.remove_listener(self._bridge)


# --- scanner ----------------------------------------------------------------------------


class ScanField(QLineEdit):
    """A scanner types into it like a keyboard; its Enter or Tab ends the scan here
    (it does not go on to the next page). Enter in an empty field still goes on."""

    read = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ends = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
        if ends and self.text():
            text = self.text()
            self.clear()
            self.read.emit(text)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self.text():  # a Tab suffix ends the scan rather than leaving the field
            return False
        return super().focusNextPrevChild(forward)


def scan_kind_text(kind: str) -> str:
    return {
        "product": QCoreApplication.translate("SetupWizard", "a product barcode"),
        "gs1": QCoreApplication.translate("SetupWizard", "a GS1 code"),
        "embedded": QCoreApplication.translate("SetupWizard", "an in-store weight or price label"),
        "receipt": QCoreApplication.translate("SetupWizard", "a receipt number"),
        "pickup": QCoreApplication.translate("SetupWizard", "a pickup code"),
        "einvoice_carrier": QCoreApplication.translate("SetupWizard", "an e-invoice carrier"),
        "invalid": QCoreApplication.translate("SetupWizard", "not a code the till knows"),
    }.get(kind, kind)


def scan_check_text(check: ScanCheck, prefix: str, suffix: str) -> str:
    lines = [
        QCoreApplication.translate("SetupWizard", "Read: %1 (%2).")
        .replace("%1", check.code or "—")
        .replace("%2", scan_kind_text(check.kind))
    ]
    if prefix:
        lines.append(
            QCoreApplication.translate("SetupWizard", "Prefix %1: found.").replace("%1", prefix)
            if check.prefix_ok
            else QCoreApplication.translate(
                "SetupWizard",
                "Prefix %1 expected, but the scan starts with %2: set the scanner to send it, "
                "or clear the prefix here.",
            )
            .replace("%1", prefix)
            .replace("%2", check.raw[: len(prefix)] or "—")
        )
    if suffix:
        lines.append(
            QCoreApplication.translate("SetupWizard", "Suffix %1: found.").replace("%1", suffix)
            if check.suffix_ok
            else QCoreApplication.translate(
                "SetupWizard",
                "Suffix %1 expected, but the scan ends with %2: set the scanner to send it, "
                "or clear the suffix here.",
            )
            .replace("%1", suffix)
            .replace("%2", check.raw[-len(suffix) :] or "—")
        )
    if not prefix and not suffix:
        lines.append(
            QCoreApplication.translate(
                "SetupWizard", "No prefix or suffix is set: the scan is used as read."
            )
        )
    if check.ok:
        lines.append(
            QCoreApplication.translate("SetupWizard", "The scanner works with these settings.")
        )
    return "\n".join(lines)


class ScannerPage(_Page):
    def __init__(self, backend: SetupBackend, state: SetupState) -> None:
        super().__init__()
        self.setObjectName("scannerPage")
        self._backend = backend
        self.last_check: ScanCheck | None = None
        self.prefix_edit = QLineEdit(state.prefix)
        self.prefix_edit.setObjectName("scannerPrefix")
        self.suffix_edit = QLineEdit(state.suffix)
        self.suffix_edit.setObjectName("scannerSuffix")
        self.scan_field = ScanField()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setMinimumHeight(36)
        self.result = QLabel()
        self.result.setObjectName("scanResult")
        self.result.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.scan_label, self.prefix_label, self.suffix_label = QLabel(), QLabel(), QLabel()
        self.scan_label.setBuddy(self.scan_field)
        self.prefix_label.setBuddy(self.prefix_edit)
        self.suffix_label.setBuddy(self.suffix_edit)
        form = QFormLayout()
        form.addRow(self.scan_label, self.scan_field)
        form.addRow(self.prefix_label, self.prefix_edit)
        form.addRow(self.suffix_label, self.suffix_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.scan_field.read.connect(self.on_read)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Scanner test"))
        self.setSubTitle(
            QCoreApplication.translate(
                "SetupWizard", "Scan any barcode into the field: the till shows what it read."
            )
        )
        self.intro.setText(
            QCoreApplication.translate(
                "SetupWizard",
                "A prefix or suffix is only needed if the scanner was set to add characters "
                "before or after each code. No scanner yet? Press Enter to go on.",
            )
        )
        self.scan_label.setText(QCoreApplication.translate("SetupWizard", "&Scan here:"))
        self.prefix_label.setText(QCoreApplication.translate("SetupWizard", "&Prefix:"))
        self.suffix_label.setText(QCoreApplication.translate("SetupWizard", "S&uffix:"))

    def initializePage(self) -> None:
        self.scan_field.setFocus()

    @Slot(str)
    def on_read(self, raw: str) -> None:
        prefix, suffix = self.prefix_edit.text(), self.suffix_edit.text()
        self.last_check = check_test_scan(raw, prefix, suffix)
        self.result.setText(scan_check_text(self.last_check, prefix, suffix))

    def validatePage(self) -> bool:
        self._backend.save_scanner(self.prefix_edit.text(), self.suffix_edit.text())
        return True


# --- done -------------------------------------------------------------------------------


class DonePage(_Page):
    def __init__(self, rerun: bool) -> None:
        super().__init__()
        self.setObjectName("donePage")
        self._rerun = rerun
        self.summary = QLabel()
        self.summary.setObjectName("setupSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "All set"))
        self.setSubTitle(QCoreApplication.translate("SetupWizard", "Press Enter to finish."))

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        lines = [
            QCoreApplication.translate("SetupWizard", "Language: %1").replace(
                "%1", LANGUAGE_NAMES[wizard.language_page.language()]
            ),
            QCoreApplication.translate("SetupWizard", "Warehouse: %1").replace(
                "%1", str(wizard.property("address_url") or "")
            ),
        ]
        enrolled = wizard.enroll_page.enrolled
        if enrolled is not None:
            lines.append(enrolled_text(enrolled))
        try:
            printer = wizard.printer_page.config()
        except ValueError:
            printer = None
        lines.append(
            QCoreApplication.translate("SetupWizard", "Receipt printer: %1").replace(
                "%1",
                f"{wizard.printer_page.kind_combo.currentText()}: {printer.address}"
                if printer is not None
                else QCoreApplication.translate(
                    "SetupWizard", "none (receipts are kept in a file)"
                ),
            )
        )
        if self._rerun:
            lines.append(
                QCoreApplication.translate(
                    "SetupWizard",
                    "The printer and scanner settings apply now; a new language or warehouse "
                    "address when the counter starts again.",
                )
            )
        self.summary.setText("\n".join(lines))


# --- the wizard -------------------------------------------------------------------------


class SetupWizard(QWizard):
    def __init__(
        self,
        backend: SetupBackend,
        state: SetupState,
        tasks: TaskRunner,
        print_queue: PrintQueue,
        printer_factory: Callable[[PrinterConfig], ReceiptPrinter],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        font = self.font()  # read at arm's length: a size up from the desktop's
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.setFont(font)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._backend = backend
        self.rerun = state.enrolled is not None
        self.language_page = LanguagePage(state)
        self.address_page = AddressPage(backend, tasks, state)
        self.enroll_page = EnrollPage(backend, tasks, state)
        self.printer_page = PrinterPage(backend, state, print_queue, printer_factory)
        self.scanner_page = ScannerPage(backend, state)
        self.done_page = DonePage(self.rerun)
        for page in (
            self.language_page,
            self.address_page,
            self.enroll_page,
            self.printer_page,
            self.scanner_page,
            self.done_page,
        ):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.finished.connect(lambda _result: self.printer_page.detach())
        self.resize(800, 540)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("SetupWizard", "Set up this till"))
        self.setButtonText(
            QWizard.WizardButton.NextButton, QCoreApplication.translate("SetupWizard", "Next >")
        )
        self.setButtonText(
            QWizard.WizardButton.BackButton, QCoreApplication.translate("SetupWizard", "< Back")
        )
        self.setButtonText(
            QWizard.WizardButton.CancelButton, QCoreApplication.translate("SetupWizard", "Cancel")
        )
        self.setButtonText(
            QWizard.WizardButton.FinishButton, QCoreApplication.translate("SetupWizard", "Finish")
        )

    def _page_changed(self, _page_id: int) -> None:
        if self.address_page.passed is not None:
            self.setProperty("address_url", self.address_page.passed.url)

    def validateCurrentPage(self) -> bool:
        page = self.currentPage()
        if page is self.language_page:
            self._backend.save_language(self.language_page.language())
        ok = super().validateCurrentPage()
        if ok and page is self.address_page and self.address_page.passed is not None:
            self.setProperty("address_url", self.address_page.passed.url)
        return ok
