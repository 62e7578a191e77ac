"""Receipt printer, cash drawer and scanner settings, with a test print and a live preview.

The dialog receives everything it works with: the current `PrinterConfig`,
the `PrintQueue` (test prints never run on the GUI thread), a factory that
builds a printer from a config, a callback that stores the config, and
optionally the scanner signal source and the store's scan rules.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from PIL import Image
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.codes import (
    InvalidCode,
    ScanRules,
    parse_scan,
)
from counter_app.core.receipts import Document, PrinterTestPageData, printer_test_page
from counter_app.devices.config import ConnectionKind, DrawerConfig, PrinterConfig, TextEncoding
from counter_app.devices.errors import PrinterProblem
from counter_app.devices.escpos_gateway import profile_names
from counter_app.devices.print_queue import JobSnapshot, PrintQueue
from counter_app.devices.printer import ReceiptPrinter
from counter_app.devices.usb_permissions import udev_instructions
from counter_app.ui.device_messages import job_status_text, printer_display_name, test_page_labels
from counter_app.ui.scan_messages import invalid_scan_text

PREVIEW_SCALE = 0.7  # 576 printer dots shown about 400 pixels wide
PreviewRenderer = Callable[[Document, PrinterConfig], Image.Image]


def default_preview_renderer() -> PreviewRenderer:
    from counter_app.devices.preview import render_preview
    from counter_app.devices.raster import TextRasterizer
    from counter_app.devices.target import RenderTarget

    rasterizer = TextRasterizer()

    def render(document: Document, config: PrinterConfig) -> Image.Image:
        return render_preview(document, RenderTarget.from_config(config), rasterizer)

    return render


class _JobBridge(QObject):
    """Carries print-queue callbacks (worker thread) to the GUI thread as a queued signal."""

    changed = Signal(object)

    def __call__(self, snapshot: JobSnapshot) -> None:
        self.changed.emit(snapshot)


class DeviceSettingsDialog(QDialog):
    def __init__(
        self,
        config: PrinterConfig,
        *,
        print_queue: PrintQueue,
        printer_factory: Callable[[PrinterConfig], ReceiptPrinter],
        save_config: Callable[[PrinterConfig], None],
        open_drawer: Callable[[ReceiptPrinter, Callable[[str], None]], None],
        preview_renderer: PreviewRenderer | None = None,
        scan_source: QObject | None = None,
        scan_rules: ScanRules | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._queue = print_queue
        self._printer_factory = printer_factory
        self._save_config = save_config
        # The drawer test goes through the receipt service: approved and audited there.
        self._open_drawer = open_drawer
        self._early: dict[str, JobSnapshot] = {}  # job events that beat the job's id here
        self._render_preview = preview_renderer or default_preview_renderer()
        self._scan_rules = scan_rules or ScanRules()
        self._my_jobs: set[str] = set()
        self.preview_image: Image.Image | None = None
        self._bridge = _JobBridge(self)
        self.setWindowTitle(self.tr("Receipt printer and scanner settings"))
        self._build(config)
        self._connect_signals(scan_source)
        self._queue.add_listener(self._bridge)
        self._refresh()

    # -- building --------------------------------------------------------------

    def _build(self, config: PrinterConfig) -> None:
        self.name_edit = QLineEdit(config.name)
        self.name_edit.setPlaceholderText(printer_display_name(""))
        self.kind_combo = QComboBox()
        for kind, label in (
            (ConnectionKind.NETWORK, self.tr("Network (TCP 9100)")),
            (ConnectionKind.USB, self.tr("USB")),
            (ConnectionKind.SERIAL, self.tr("Serial port (COM)")),
            (ConnectionKind.WIN32RAW, self.tr("Windows printer")),
            (ConnectionKind.CUPS, self.tr("CUPS printer")),
            (ConnectionKind.FILE, self.tr("Device file")),
        ):
            self.kind_combo.addItem(label, kind.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(config.kind.value))
        self.address_edit = QLineEdit(config.address)
        self.profile_combo = QComboBox()
        self.profile_combo.addItems(profile_names())
        self.profile_combo.setCurrentText(config.profile)
        self.paper_combo = QComboBox()
        self.paper_combo.addItem(self.tr("80 mm (48 columns)"), 80)
        self.paper_combo.addItem(self.tr("58 mm (32 columns)"), 58)
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(config.paper_mm))
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Big5 (Taiwan models)"), TextEncoding.BIG5.value)
        self.encoding_combo.addItem(
            self.tr("GB18030 (mainland models)"), TextEncoding.GB18030.value
        )
        self.encoding_combo.addItem(self.tr("Image (any printer)"), TextEncoding.IMAGE.value)
        self.encoding_combo.setCurrentIndex(self.encoding_combo.findData(config.encoding.value))

        printer_form = QFormLayout()
        printer_form.addRow(self.tr("Name"), self.name_edit)
        printer_form.addRow(self.tr("Connection"), self.kind_combo)
        printer_form.addRow(self.tr("Address"), self.address_edit)
        printer_form.addRow(self.tr("Printer profile"), self.profile_combo)
        printer_form.addRow(self.tr("Paper width"), self.paper_combo)
        printer_form.addRow(self.tr("Chinese encoding"), self.encoding_combo)
        printer_box = QGroupBox(self.tr("Receipt printer"))
        printer_box.setLayout(printer_form)

        self.pin_combo = QComboBox()
        self.pin_combo.addItem(self.tr("Pin 2 (usual)"), 0)
        self.pin_combo.addItem(self.tr("Pin 5 (second drawer)"), 1)
        self.pin_combo.setCurrentIndex(self.pin_combo.findData(config.drawer.pin))
        self.on_spin = self._ms_spin(config.drawer.on_ms)
        self.off_spin = self._ms_spin(config.drawer.off_ms)
        drawer_form = QFormLayout()
        drawer_form.addRow(self.tr("Drawer pin"), self.pin_combo)
        drawer_form.addRow(self.tr("Pulse on"), self.on_spin)
        drawer_form.addRow(self.tr("Pulse off"), self.off_spin)
        drawer_box = QGroupBox(self.tr("Cash drawer"))
        drawer_box.setLayout(drawer_form)

        self.test_print_button = QPushButton(self.tr("Test print"))
        self.drawer_button = QPushButton(self.tr("Test the drawer"))
        actions = QHBoxLayout()
        actions.addWidget(self.test_print_button)
        actions.addWidget(self.drawer_button)
        actions.addStretch(1)
        self.status_label = QLabel(self.tr("Not tested yet"))
        self.status_label.setWordWrap(True)

        self.usb_box = QGroupBox(self.tr("Linux USB permissions"))
        self.usb_help = QLabel()
        self.usb_help.setWordWrap(True)
        self.udev_text = QPlainTextEdit()
        self.udev_text.setReadOnly(True)
        self.udev_text.setMaximumHeight(80)
        usb_layout = QVBoxLayout(self.usb_box)
        usb_layout.addWidget(self.usb_help)
        usb_layout.addWidget(self.udev_text)

        self.scan_list = QListWidget()
        self.scan_list.setMaximumHeight(110)
        scan_box = QGroupBox(self.tr("Scanner test"))
        scan_layout = QVBoxLayout(scan_box)
        scan_layout.addWidget(QLabel(self.tr("Scan any code; what it is shows below:")))
        scan_layout.addWidget(self.scan_list)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        left = QVBoxLayout()
        left.addWidget(printer_box)
        left.addWidget(drawer_box)
        left.addLayout(actions)
        left.addWidget(self.status_label)
        left.addWidget(self.usb_box)
        left.addWidget(scan_box)
        left.addStretch(1)
        left.addWidget(self.buttons)

        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_label.setStyleSheet("background: white;")
        preview_scroll = QScrollArea()
        preview_scroll.setWidget(self.preview_label)
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setMinimumWidth(440)
        preview_box = QGroupBox(self.tr("Receipt preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(preview_scroll)

        root = QHBoxLayout(self)
        root.addLayout(left, 1)
        root.addWidget(preview_box, 1)
        self.resize(980, 760)

    def _ms_spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(2, 510)
        spin.setSingleStep(2)
        spin.setSuffix(self.tr(" ms"))
        spin.setValue(value)
        return spin

    def _connect_signals(self, scan_source: QObject | None) -> None:
        for combo in (self.kind_combo, self.profile_combo, self.paper_combo, self.encoding_combo):
            combo.currentIndexChanged.connect(self._refresh)
        self.address_edit.textChanged.connect(self._refresh_usb_help)
        self.name_edit.textChanged.connect(self._refresh_preview)
        self.test_print_button.clicked.connect(self.on_test_print_clicked)
        self.drawer_button.clicked.connect(self.on_drawer_clicked)
        self.buttons.accepted.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self._bridge.changed.connect(self.on_job_changed)
        self.finished.connect(lambda _result: self._queue.remove_listener(self._bridge))
        if scan_source is not None:
            scan_source.scanned.connect(self.on_scanned)  # type: ignore[attr-defined]

    # -- state -----------------------------------------------------------------

    def config(self) -> PrinterConfig:
        """The configuration as currently entered. Raises ValueError if it is invalid."""
        return PrinterConfig(
            name=self.name_edit.text().strip(),  # empty: the UI names it in its language
            kind=ConnectionKind(self.kind_combo.currentData()),
            address=self.address_edit.text().strip(),
            profile=self.profile_combo.currentText(),
            paper_mm=self.paper_combo.currentData(),
            encoding=TextEncoding(self.encoding_combo.currentData()),
            drawer=DrawerConfig(
                pin=self.pin_combo.currentData(),
                on_ms=self.on_spin.value(),
                off_ms=self.off_spin.value(),
            ),
        )

    def _refresh(self) -> None:
        placeholders = {
            ConnectionKind.NETWORK: self.tr("%1 or %1:9100").replace("%1", "192.168.1.50"),
            ConnectionKind.USB: self.tr("04b8:0e15 (vendor:product)"),
            ConnectionKind.SERIAL: self.tr("COM3 or /dev/ttyUSB0@9600"),
            ConnectionKind.WIN32RAW: "EPSON TM-T82III Receipt",
            ConnectionKind.CUPS: "receipt",
            ConnectionKind.FILE: "/dev/usb/lp0",
        }
        self.address_edit.setPlaceholderText(
            placeholders[ConnectionKind(self.kind_combo.currentData())]
        )
        self._refresh_usb_help()
        self._refresh_preview()

    def _refresh_usb_help(self, problem: PrinterProblem | None = None) -> None:
        is_usb = self.kind_combo.currentData() == ConnectionKind.USB.value
        self.usb_box.setVisible(
            is_usb and (sys.platform.startswith("linux") or problem is not None)
        )
        if not is_usb:
            return
        try:
            vendor, product = self.config().usb_ids()
        except ValueError:
            self.usb_help.setText(
                self.tr("Enter the USB address, e.g. 04b8:0e15 (vendor:product, shown by lsusb).")
            )
            self.udev_text.setPlainText("")
            return
        lead = (
            self.tr(
                "No permission to use the USB printer (errno 13, access denied). Run these commands as an administrator to install the udev rule:"
            )
            if problem is PrinterProblem.PERMISSION_DENIED
            else self.tr("On Linux a USB printer needs a udev rule before a normal user can print:")
        )
        self.usb_help.setText(lead)
        self.udev_text.setPlainText(udev_instructions(vendor, product))

    def _test_page(self, config: PrinterConfig) -> Document:
        return printer_test_page(
            PrinterTestPageData(
                printer_name=printer_display_name(config.name),
                paper_mm=config.paper_mm,
                encoding=config.encoding.value,
                profile=config.profile,
                printed_at=datetime.now(UTC),
                labels=test_page_labels(),  # the page reads in the UI's language
            )
        )

    def _refresh_preview(self) -> None:
        try:
            config = self.config()
        except ValueError:
            return
        image = self._render_preview(self._test_page(config), config)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pixmap = QPixmap()
        pixmap.loadFromData(buffer.getvalue(), "PNG")
        self.preview_image = image
        self.preview_label.setPixmap(
            pixmap.scaledToWidth(
                round(image.width * PREVIEW_SCALE), Qt.TransformationMode.SmoothTransformation
            )
        )

    # -- slots -----------------------------------------------------------------

    @Slot()
    def on_test_print_clicked(self) -> None:
        try:
            config = self.config()
        except ValueError as exc:
            self.status_label.setText(self.tr("Invalid settings: %1").replace("%1", str(exc)))
            return
        job = self._queue.submit(self._test_page(config), printer=self._printer_factory(config))
        self._my_jobs.add(job)
        self.status_label.setText(self.tr("Test page sent, waiting to print…"))

    @Slot()
    def on_drawer_clicked(self) -> None:
        try:
            config = self.config()
        except ValueError as exc:
            self.status_label.setText(self.tr("Invalid settings: %1").replace("%1", str(exc)))
            return
        self._open_drawer(self._printer_factory(config), self._track_job)

    def _track_job(self, job: str) -> None:
        self._my_jobs.add(job)
        early = self._early.pop(job, None)
        if early is not None:
            self.on_job_changed(early)

    @Slot(object)
    def on_job_changed(self, snapshot: JobSnapshot) -> None:
        if snapshot.id not in self._my_jobs:
            self._early[snapshot.id] = snapshot
            while len(self._early) > 20:
                del self._early[next(iter(self._early))]
            return
        text = job_status_text(snapshot)
        if snapshot.problem is PrinterProblem.PERMISSION_DENIED and not snapshot.finished:
            text += " " + self.tr("Install the udev rule below.")
        self.status_label.setText(text)
        if snapshot.problem is PrinterProblem.PERMISSION_DENIED:
            self._refresh_usb_help(PrinterProblem.PERMISSION_DENIED)
            self.usb_box.setVisible(True)

    @Slot(str)
    def on_scanned(self, text: str) -> None:
        result = parse_scan(text, self._scan_rules)
        kinds = {
            "product": self.tr("Product barcode"),
            "gs1": self.tr("GS1 code"),
            "embedded": self.tr("In-store weight/price label"),
            "receipt": self.tr("Receipt number (returns)"),
            "pickup": self.tr("Pickup code"),
            "einvoice_carrier": self.tr("E-invoice carrier"),
            "invalid": self.tr("Invalid code"),
        }
        detail = f" ({invalid_scan_text(result.reason)})" if isinstance(result, InvalidCode) else ""
        self.scan_list.insertItem(0, f"{text[:60]}  →  {kinds[result.kind]}{detail}")

    @Slot()
    def on_save_clicked(self) -> None:
        try:
            config = self.config()
        except ValueError as exc:
            self.status_label.setText(self.tr("Invalid settings: %1").replace("%1", str(exc)))
            return
        self._save_config(config)
        self.accept()
