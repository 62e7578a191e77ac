"""Builds the window from the services and runs the Qt event loop."""

from __future__ import annotations

import logging
import sys
from dataclasses import fields

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import CounterServices
from counter_app.devices.config import PrinterConfig
from counter_app.devices.factory import build_receipt_printer
from counter_app.devices.scanner_wedge import ScannerWedgeFilter, WedgeSettings
from counter_app.devices.serial_scanner import SerialScanner
from counter_app.services.context import StaffMember
from counter_app.services.selling import CompletedSale
from counter_app.ui.device_settings import DeviceSettingsDialog
from counter_app.ui.first_sync import run_first_sync
from counter_app.ui.i18n import install_translator
from counter_app.ui.main_window import MainWindow
from counter_app.ui.reprint_dialog import ReprintDialog
from counter_app.ui.sale_screen import SaleScreen
from counter_app.ui.sign_in_dialog import ask_for_staff
from counter_app.ui.status_bar import ConnectivityBridge, PrintJobBridge
from counter_app.ui.stock_to_count_dialog import StockToCountDialog
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.sync_problems_dialog import SyncProblemsDialog
from counter_app.ui.task_runner import TaskRunner

log = logging.getLogger(__name__)


def ensure_application(language: str) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Counter")
        app.setOrganizationName("CounterWarehouse")
        app._translator = install_translator(app, language)  # type: ignore[attr-defined]
    return app


def wedge_settings(section: dict[str, object]) -> WedgeSettings:
    """Scanner timing from settings.json's "scanner" section; defaults when absent or bad."""
    known = {f.name for f in fields(WedgeSettings)}
    values = {k: v for k, v in section.items() if k in known}
    if isinstance(values.get("terminators"), list):
        values["terminators"] = tuple(values["terminators"])  # type: ignore[arg-type]
    try:
        return WedgeSettings(**values)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        log.error("scanner settings invalid (%s); using the defaults", values)
        return WedgeSettings()


def install_scanner(app: QApplication, window: MainWindow, services: CounterServices) -> ScannerWedgeFilter:
    """Scanners work whatever has focus: the detector watches every key event."""
    section = services.settings.section("scanner")
    wedge = ScannerWedgeFilter(wedge_settings(section))
    wedge.install(app)
    wedge.scanned.connect(window.sale_screen.on_scanned)
    window.scanner = wedge  # type: ignore[attr-defined]
    port = section.get("serial_port")
    if isinstance(port, str) and port:  # a serial (RS-232 / USB-CDC) scanner as well
        serial = SerialScanner(port, int(section.get("serial_baudrate", 9600)), parent=window)  # type: ignore[call-overload]
        serial.scanned.connect(window.sale_screen.on_scanned)
        serial.status_changed.connect(lambda status: log.info("serial scanner %s: %s", port, status))
        serial.start()
        window.destroyed.connect(lambda *_: serial.stop())
        window.serial_scanner = serial  # type: ignore[attr-defined]
    return wedge


def build_main_window(services: CounterServices, cashier: StaffMember, tasks: TaskRunner) -> MainWindow:
    bridge = ConnectivityBridge()  # owned by Python: the sync threads hold a reference
    services.connectivity.subscribe(bridge.report)
    sale_screen = SaleScreen(
        services.catalog, services.selling, tasks, cashier, stock_lookup=services.stock_lookup
    )

    def on_sale_completed(sale: CompletedSale) -> None:
        services.background.push_soon()
        # Queued, never waited for: a printer that is off cannot hold up the next customer.
        services.receipts.open_drawer_for_cash(sale)
        services.receipts.print_sale(sale)

    sale_screen.sale_completed.connect(on_sale_completed)
    window = MainWindow(sale_screen, services.sync_status, bridge, tasks, services.store.name)
    window.status.on_connectivity_changed(services.connectivity.state.value)
    printer_bridge = PrintJobBridge()  # owned by Python: the print thread holds a reference
    services.print_queue.add_listener(printer_bridge.report)
    printer_bridge.changed.connect(window.status.on_print_job)
    window.printer_bridge = printer_bridge  # type: ignore[attr-defined]
    _add_tools(window, services, tasks)
    return window


def _add_tools(window: MainWindow, services: CounterServices, tasks: TaskRunner) -> None:
    def reprint() -> None:
        ReprintDialog(services.receipts, tasks, window).exec()

    def sync_problems() -> None:
        SyncProblemsDialog(services.sync_status, services.staff, tasks, window).exec()
        window.refresh_sync_status()

    def open_drawer() -> None:
        approval = SupervisorApprovalDialog(
            services.staff, tasks, QCoreApplication.translate("MainWindow", "Open the cash drawer without a sale"), parent=window
        )
        if approval.exec() == SupervisorApprovalDialog.DialogCode.Accepted and approval.supervisor:
            supervisor, reason = approval.supervisor, approval.reason
            tasks.db(lambda: services.receipts.open_drawer_on_demand(supervisor, reason))

    def device_settings() -> None:
        def save(config: PrinterConfig) -> None:
            services.settings.save_section("printer", config.to_dict())
            services.print_queue.set_default_printer(build_receipt_printer(config))

        DeviceSettingsDialog(
            services.print_queue.default_printer.config,  # type: ignore[attr-defined]
            print_queue=services.print_queue,
            printer_factory=build_receipt_printer,
            save_config=save,
            scan_source=getattr(window, "scanner", None),
            parent=window,
        ).exec()

    window.add_tool(QCoreApplication.translate("MainWindow", "Reprint a receipt…"), "F9", reprint)
    window.add_tool(QCoreApplication.translate("MainWindow", "Sync problems…"), "F10", sync_problems)
    window.add_tool(QCoreApplication.translate("MainWindow", "Open the cash drawer (supervisor)…"), "", open_drawer)
    window.add_tool(QCoreApplication.translate("MainWindow", "Printer and scanner settings…"), "", device_settings)
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Stock to count…"), "",
        lambda: StockToCountDialog(services.catalog, services.selling.location_id, tasks, window).exec(),
    )


def run_enrolled_counter(services: CounterServices, language: str) -> int:
    """A real till: first sync if the cache is empty, staff sign-in, then the window."""
    ensure_application(language)
    tasks = TaskRunner()
    if services.staff.first_with_role("cashier") is None and not run_first_sync(services.puller, tasks):
        tasks.shutdown()
        services.close()
        return 1
    cashier = ask_for_staff(services.staff, tasks, services.store.name)
    if cashier is None:
        tasks.shutdown()
        services.close()
        return 0
    return run_window(services, cashier, language, tasks)


def run_window(services: CounterServices, cashier: StaffMember, language: str, tasks: TaskRunner | None = None) -> int:
    app = ensure_application(language)
    tasks = tasks or TaskRunner()
    window = build_main_window(services, cashier, tasks)
    install_scanner(app, window, services)
    services.background.start()
    window.show()
    window.sale_screen.scan_input.setFocus()
    try:
        return app.exec()
    finally:
        tasks.shutdown()
        services.close()
