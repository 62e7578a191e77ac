"""The composition root: builds the object graph and wires it. Nothing else constructs
long-lived collaborators; everything receives them through its constructor.

Two halves: ``build_services`` (everything below the UI, no Qt) and ``build_counter``
(the window, its screens, the scan router, the scanners and the bridges that carry
thread events to the GUI thread). Every signal between them is connected in
``_connect_signals``. A new screen is one ``counter.add_screen(...)`` line in
``build_counter`` (docs/architecture.md, "Adding a screen").
"""

from __future__ import annotations

import contextlib
import logging
import os
import platform
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.core.einvoice_proof import ProofItem, with_discount
from counter_app.core.refunds import VOUCHER_REFUNDS
from counter_app.core.setup import (
    ENROLLMENT_CODES,
    AddressCheck,
    Enrolled,
    EnrollmentProblem,
    EnrollmentRefused,
)
from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.factory import build_print_queue, build_receipt_printer
from counter_app.devices.print_queue import PrintQueue
from counter_app.devices.printer import ReceiptPrinter
from counter_app.devices.scanner_wedge import ScannerWedgeFilter, WedgeSettings
from counter_app.devices.serial_scanner import SerialScanner
from counter_app.local import sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.settings_store import SettingsStore
from counter_app.local.token_store import FileTokenStore, KeyringTokenStore
from counter_app.services.alerts import AlertService
from counter_app.services.allowance_voids import AllowanceVoidService
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.discounts import DiscountService
from counter_app.services.dropship import DropshipService
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings, InvoiceNotFound
from counter_app.services.exchanges import ExchangeService
from counter_app.services.fulfilment import FulfilmentService
from counter_app.services.held_carts import CartKeeper
from counter_app.services.no_receipt_returns import PRICE_POLICIES, NoReceiptReturnsService
from counter_app.services.order_returns import OrderReturnsService
from counter_app.services.permissions import Action
from counter_app.services.pickup_followups import PickupFollowUps
from counter_app.services.pickups import PickupDeskService
from counter_app.services.receipts import ReceiptService
from counter_app.services.replenishment import ProductDemandService, ReplenishmentService
from counter_app.services.returns import ReturnsService
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.services.shifts import ShiftReport, ShiftService
from counter_app.services.staff import Approval, StaffService
from counter_app.services.stock_counts import StockCountService
from counter_app.services.stock_lookup import StockLookupService
from counter_app.services.stock_to_count import StockToCountService
from counter_app.services.store_transfers import StoreTransferService
from counter_app.services.sync_status import SyncStatusService
from counter_app.services.tenders import TenderService
from counter_app.services.voids import SaleVoidService
from counter_app.sync.background import BackgroundSync
from counter_app.sync.client import WarehouseClient, WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.heartbeat import HEARTBEAT_INTERVAL_S, HeartbeatSender
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay
from counter_app.ui.alerts_dialog import AlertBanner, AlertsDialog
from counter_app.ui.app import ensure_application
from counter_app.ui.device_settings import DeviceSettingsDialog
from counter_app.ui.first_sync import run_first_sync
from counter_app.ui.i18n import language_setting
from counter_app.ui.lock_screen import IdleWatcher, LockDialog, idle_lock_ms
from counter_app.ui.main_window import MainWindow
from counter_app.ui.reprint_dialog import ReprintDialog
from counter_app.ui.scan_router import ScanRouter
from counter_app.ui.screens.base import Screen
from counter_app.ui.screens.dropship import DropshipScreen
from counter_app.ui.screens.pickups import PickupsScreen
from counter_app.ui.screens.returns import ReturnsScreen
from counter_app.ui.screens.sale import SaleScreen
from counter_app.ui.screens.shift import ShiftScreen
from counter_app.ui.screens.stock import StockScreen
from counter_app.ui.screens.store_stock import StoreStockScreen
from counter_app.ui.setup_wizard import SetupState, SetupWizard
from counter_app.ui.sign_in_dialog import SignInDialog, ask_for_staff
from counter_app.ui.status_bar import ConnectivityBridge, PrintJobBridge
from counter_app.ui.stock_to_count_dialog import StockToCountDialog
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.sync_problems_dialog import SyncProblemsDialog
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.void_allowance import VoidAllowanceFlow
from counter_app.ui.void_sale import VoidSaleFlow

log = logging.getLogger(__name__)

STORE_KEYS = ("store_id", "store_code", "store_name")


class NotEnrolled(RuntimeError):
    """This till has no device token yet: it needs an enrollment code from an admin."""


@dataclass
class CounterServices:
    """Everything below the UI. No Qt in here."""

    db: LocalDatabase
    client: WarehouseClient
    connectivity: ConnectivityMonitor
    relay: OutboxRelay
    puller: ChangePuller
    background: BackgroundSync
    store: StoreContext
    catalog: CatalogService
    selling: SellingService
    staff: StaffService
    sync_status: SyncStatusService
    settings: SettingsStore
    print_queue: PrintQueue
    receipts: ReceiptService
    stock_lookup: StockLookupService
    stock_to_count: StockToCountService
    shifts: ShiftService
    returns: ReturnsService
    einvoicing: EinvoiceService | None = None  # None until docs/einvoice.md's set-up is done
    pickups: PickupDeskService | None = None  # built from db, store and print queue when None
    # The coded slips printed once confirmed (a background step) and the call list.
    pickup_followups: PickupFollowUps | None = None
    fulfilment: FulfilmentService | None = None  # pickup / ship lines at checkout
    dropship: DropshipService | None = None  # dropship orders at the counter
    alerts: AlertService | None = None  # refused pickup / ship lines waiting for a person
    no_receipt: NoReceiptReturnsService | None = None  # returns without a receipt
    exchanges: ExchangeService | None = None
    order_returns: OrderReturnsService | None = None
    returns_client: WarehouseClient | None = None  # the returns desk's look-ups
    # The store's stock work (Shift+F3): transfers to the store, replenishment, counts.
    store_transfers: StoreTransferService | None = None
    replenishment: ReplenishmentService | None = None
    stock_counts: StockCountService | None = None
    product_demand: ProductDemandService | None = None  # the stock lookup's chart

    def close(self) -> None:
        self.print_queue.stop()
        self.background.stop()
        self.client.close()
        if self.returns_client is not None:
            self.returns_client.close()
        self.stock_lookup.close()
        if self.replenishment is not None:
            self.replenishment.close()
        self.db.dispose()


def load_store(db: LocalDatabase) -> StoreContext | None:
    with db.read() as session:
        values = [sync_state.get_value(session, key) for key in STORE_KEYS]
    if any(v is None for v in values):
        return None
    return StoreContext(location_id=int(values[0] or 0), code=values[1] or "", name=values[2] or "")


def enroll(
    db: LocalDatabase,
    client: WarehouseClient,
    token_store: FileTokenStore | KeyringTokenStore,
    enrollment_code: str,
    device_name: str | None = None,
) -> StoreContext:
    """Exchange a one-time code for this till's token; remember the store it belongs to."""
    enrollment = client.enroll(enrollment_code.strip(), device_name or platform.node() or "till")
    token_store.save(enrollment.token)
    location = enrollment.location
    with db.unit_of_work() as session:
        sync_state.set_value(session, "store_id", str(location["id"]))
        sync_state.set_value(session, "store_code", str(location["code"]))
        sync_state.set_value(session, "store_name", str(location["name"]))
        sync_state.set_value(session, sync_state.DEVICE_ID_KEY, str(enrollment.device_id))
        # Empty if the warehouse predates till numbers: the till asks again later (relay).
        till_no = str(enrollment.till_no) if enrollment.till_no is not None else ""
        sync_state.set_value(session, sync_state.TILL_NO_KEY, till_no)
    client.set_token(enrollment.token)
    return StoreContext(int(location["id"]), str(location["code"]), str(location["name"]))


def token_store_for(data_dir: Path, use_keyring: bool) -> FileTokenStore | KeyringTokenStore:
    file_store = FileTokenStore(data_dir / "device_token")
    return KeyringTokenStore(str(data_dir), file_store) if use_keyring else file_store


def einvoice_key_store(data_dir: Path, use_keyring: bool) -> FileTokenStore | KeyringTokenStore:
    """The seller's QR AES key is a secret, kept like the device token."""
    file_store = FileTokenStore(data_dir / "einvoice_key")
    return (
        KeyringTokenStore(f"{data_dir}:einvoice-aes-key", file_store) if use_keyring else file_store
    )


def configure_einvoice(
    data_dir: Path, seller_id: str, key_hex: str, use_keyring: bool = True
) -> None:
    """Store the seller's tax ID (settings.json) and AES key (the secret store). ValueError
    names what is wrong; the key itself is never part of the message."""
    from counter_app.core.einvoice_codes import is_valid_tax_id
    from counter_app.core.einvoice_proof import aes_key

    if not is_valid_tax_id(seller_id.strip()):
        raise ValueError(f"{seller_id!r} is not a valid tax ID (統一編號)")
    aes_key(key_hex)  # raises InvalidKey (a ValueError) without echoing the key
    settings = SettingsStore(data_dir / "settings.json")
    section = settings.section("einvoice")
    settings.save_section("einvoice", {**section, "seller_id": seller_id.strip()})
    einvoice_key_store(data_dir, use_keyring).save(key_hex.strip().upper())


def build_einvoicing(
    data_dir: Path,
    settings: SettingsStore,
    db: LocalDatabase,
    store: StoreContext,
    print_queue: PrintQueue,
    use_keyring: bool,
) -> EinvoiceService | None:
    section = settings.section("einvoice")
    seller_id = section.get("seller_id")
    key = einvoice_key_store(data_dir, use_keyring).load()
    if not isinstance(seller_id, str) or not seller_id or not key:
        log.warning("e-invoices are off: no seller tax ID or AES key (see docs/einvoice.md)")
        return None
    ahead = section.get("numbers_ahead", 200)
    return EinvoiceService(
        db,
        EinvoiceSettings(seller_id, key, ahead if isinstance(ahead, int) and ahead > 0 else 200),
        clock=lambda: datetime.now(TAIWAN),
        output=print_queue,
        store_name=store.name,
    )


class ReceiptsWithInvoices(ReceiptService):
    """Reprinting a sale also reprints its e-invoice proof, marked 補印 (a carrier or
    donation invoice prints its slip again; a sale without an invoice, only the receipt)."""

    def __init__(
        self,
        db: LocalDatabase,
        output: PrintQueue,
        store: StoreContext,
        staff: StaffService,
        einvoicing: EinvoiceService,
    ) -> None:
        super().__init__(db, output, store, staff)
        self._einvoicing = einvoicing

    def reprint(self, receipt_no: str) -> str:
        job = super().reprint(receipt_no)
        with contextlib.suppress(InvoiceNotFound):  # a sale from before e-invoices were set up
            self._einvoicing.reprint(receipt_no)
        return job


def printer_config(settings: SettingsStore, data_dir: Path) -> PrinterConfig:
    """The configured receipt printer; until one is set up, receipts go to a file
    (``receipts.escpos`` beside the database) so nothing is lost."""
    section = settings.section("printer")
    if section:
        try:
            return PrinterConfig.from_dict(section)
        except (TypeError, ValueError) as exc:
            log.error("printer settings invalid (%s); printing to a file instead", exc)
    return PrinterConfig(
        name="",
        kind=ConnectionKind.FILE,
        address=str(data_dir / "receipts.escpos"),
        check_paper=False,
    )


def is_enrolled(data_dir: Path, use_keyring: bool = True) -> bool:
    """This till has its store and its device token (the wizard is not needed)."""
    db = LocalDatabase(data_dir / "counter.db")
    try:
        store = load_store(db)
    finally:
        db.dispose()
    return store is not None and token_store_for(data_dir, use_keyring).load() is not None


class TillSetup:
    """The set-up wizard's backend: the connection test is the self-check's, the
    enrollment is ``enroll`` above (the token goes to the keyring or a user-only file),
    everything else goes to settings.json. ``on_printer`` / ``on_scanner`` apply a
    change to a running counter (a manager's re-run from Tools)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        use_keyring: bool = True,
        on_printer: Callable[[PrinterConfig], None] | None = None,
        on_scanner: Callable[[str, str], None] | None = None,
        check_timeout_s: float = 5.0,
    ) -> None:
        self.data_dir = data_dir
        self._check_timeout_s = check_timeout_s
        self.settings = SettingsStore(data_dir / "settings.json")
        self._use_keyring = use_keyring
        self._on_printer = on_printer
        self._on_scanner = on_scanner

    def state(self, address_hint: str | None = None) -> SetupState:
        url = self.settings.section("warehouse").get("url")
        printer_section = self.settings.section("printer")
        printer = None
        if printer_section:
            with contextlib.suppress(TypeError, ValueError):
                printer = PrinterConfig.from_dict(printer_section)
        scanner = self.settings.section("scanner")
        return SetupState(
            language=language_setting(self.settings.section("ui")),
            address=address_hint or (url if isinstance(url, str) else ""),
            enrolled=self.enrolled(),
            printer=printer,
            prefix=str(scanner.get("prefix", "")),
            suffix=str(scanner.get("suffix", "")),
        )

    def enrolled(self) -> Enrolled | None:
        if not is_enrolled(self.data_dir, self._use_keyring):
            return None
        db = LocalDatabase(self.data_dir / "counter.db")
        try:
            store = load_store(db)
            with db.read() as session:
                device_id = sync_state.get_value(session, sync_state.DEVICE_ID_KEY)
                till_no = sync_state.get_value(session, sync_state.TILL_NO_KEY)
        finally:
            db.dispose()
        assert store is not None
        return Enrolled(
            store.code,
            store.name,
            int(device_id or 0),
            int(till_no) if till_no else None,
        )

    def check_address(self, text: str) -> AddressCheck:
        from counter_app.self_check import probe_address

        return probe_address(text, self._check_timeout_s)

    def enroll(self, url: str, code: str) -> Enrolled:
        db = LocalDatabase(self.data_dir / "counter.db")
        client = WarehouseClient(url)
        try:
            enroll(db, client, token_store_for(self.data_dir, self._use_keyring), code)
        except WarehouseProblem as problem:
            kind = ENROLLMENT_CODES.get(problem.code, EnrollmentProblem.REFUSED)
            raise EnrollmentRefused(kind, problem.detail) from problem
        except WarehouseUnreachable as down:
            raise EnrollmentRefused(EnrollmentProblem.UNREACHABLE, str(down)) from down
        finally:
            client.close()
            db.dispose()
        self.save_address(url)
        enrolled = self.enrolled()
        assert enrolled is not None
        log.info("enrolled at %s as device %s", enrolled.store_code, enrolled.device_id)
        return enrolled

    def save_language(self, language: str) -> None:
        self.settings.save_section("ui", {**self.settings.section("ui"), "language": language})

    def save_address(self, url: str) -> None:
        self.settings.save_section("warehouse", {**self.settings.section("warehouse"), "url": url})

    def save_printer(self, config: PrinterConfig | None) -> None:
        self.settings.save_section("printer", config.to_dict() if config is not None else {})
        if self._on_printer is not None:
            self._on_printer(printer_config(self.settings, self.data_dir))

    def save_scanner(self, prefix: str, suffix: str) -> None:
        section = {
            k: v
            for k, v in self.settings.section("scanner").items()
            if k not in ("prefix", "suffix")
        }
        if prefix:
            section["prefix"] = prefix
        if suffix:
            section["suffix"] = suffix
        self.settings.save_section("scanner", section)
        if self._on_scanner is not None:
            self._on_scanner(prefix, suffix)


def run_setup_wizard(
    data_dir: Path, language: str, address_hint: str | None = None, use_keyring: bool = True
) -> bool:
    """First start of a till: the set-up wizard. True when it finished with the till
    enrolled (then settings.json has the address and the language).

    With no screen a person could see (Qt's offscreen platform: a service, CI, a script)
    the wizard would wait forever: it says so and returns False instead, and the till is
    enrolled with ``--server URL --enroll CODE``."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        print(
            "counter-app: not enrolled, and no screen for the set-up wizard "
            "(QT_QPA_PLATFORM=offscreen): use --server URL --enroll CODE",
            file=sys.stderr,
        )
        return False
    app = ensure_application(language)
    setup = TillSetup(data_dir, use_keyring=use_keyring)
    tasks = TaskRunner()
    queue = build_print_queue(printer_config(setup.settings, data_dir))
    try:
        wizard = SetupWizard(setup, setup.state(address_hint), tasks, queue, build_receipt_printer)
        wizard.show()
        wizard.raise_()
        finished = wizard.exec() == SetupWizard.DialogCode.Accepted
        app.processEvents()
    finally:
        queue.stop()
        tasks.shutdown()
    return finished and setup.enrolled() is not None


def build_services(
    data_dir: Path,
    server_url: str,
    *,
    enrollment_code: str | None = None,
    use_keyring: bool = True,
    push_interval_s: float = 2.0,
    pull_interval_s: float = 5.0,
) -> CounterServices:
    db = LocalDatabase(data_dir / "counter.db")
    settings = SettingsStore(data_dir / "settings.json")
    token_store = token_store_for(data_dir, use_keyring)
    client = WarehouseClient(server_url, token_store.load())
    store = load_store(db)
    if store is None or token_store.load() is None:
        if not enrollment_code:
            db.dispose()
            raise NotEnrolled("this till is not enrolled: start it with --enroll CODE")
        store = enroll(db, client, token_store, enrollment_code)
    connectivity = ConnectivityMonitor()
    print_queue = build_print_queue(printer_config(settings, data_dir))
    live_client = WarehouseClient(server_url, token_store.load(), timeout=(1.5, 3.0))
    # The returns desk asks the warehouse with a short timeout too: a customer is waiting.
    returns_client = WarehouseClient(server_url, token_store.load(), timeout=(1.5, 4.0))
    returns_section = settings.section("returns")
    policy = str(returns_section.get("no_receipt_price", "lowest_30_days"))
    # A voucher's share of a refund: cash, or a new voucher (core/refunds.py).
    voucher_refund = str(returns_section.get("voucher_refund", "cash"))
    planning_client = WarehouseClient(server_url, token_store.load(), timeout=(1.5, 5.0))
    relay = OutboxRelay(db, client, connectivity)
    puller = ChangePuller(db, client, connectivity)
    catalog = CatalogService(db)
    staff = StaffService(db, store.location_id)
    with db.read() as session:
        device_id = sync_state.get_value(session, "device_id")
    terminal = f"{store.code}-{device_id}" if device_id else store.code
    einvoicing = build_einvoicing(data_dir, settings, db, store, print_queue, use_keyring)
    fulfilment = FulfilmentService()
    booklets = (
        [("einvoice-booklets", lambda: einvoicing.top_up(client), 60.0)] if einvoicing else []
    )
    heartbeat = HeartbeatSender(db, client)
    selling = SellingService(db, store, invoicing=einvoicing, fulfilment=fulfilment)
    # The desk records the sale of a group-buy order paid at pickup as any sale.
    pickups = PickupDeskService(db, store, print_queue, selling=selling)
    followups = PickupFollowUps(db, store, pickups, print_queue)
    # A pickup made here and confirmed since (the feed brought its code): its coded slip.
    slips = [("pickup-slips", followups.print_confirmed_slips, pull_interval_s)]
    returns = ReturnsService(
        db,
        store,
        staff,
        invoicing=einvoicing,
        output=print_queue,
        warehouse=returns_client,
        voucher_refund=voucher_refund if voucher_refund in VOUCHER_REFUNDS else "cash",
        connectivity=connectivity,
    )
    return CounterServices(
        db=db,
        client=client,
        connectivity=connectivity,
        relay=relay,
        puller=puller,
        background=BackgroundSync(
            relay,
            puller,
            push_interval_s,
            pull_interval_s,
            connectivity,
            extra_steps=[
                *booklets,
                *slips,
                ("heartbeat", heartbeat.beat, HEARTBEAT_INTERVAL_S),
            ],
        ),
        store=store,
        catalog=catalog,
        selling=selling,
        staff=staff,
        sync_status=SyncStatusService(db, staff, einvoicing),
        settings=settings,
        print_queue=print_queue,
        receipts=(
            ReceiptsWithInvoices(db, print_queue, store, staff, einvoicing)
            if einvoicing
            else ReceiptService(db, print_queue, store, staff)
        ),
        stock_lookup=StockLookupService(catalog, live_client, store.location_id, connectivity),
        stock_to_count=StockToCountService(db, store.location_id),
        shifts=ShiftService(db, store, staff, print_queue, terminal=terminal),
        returns=returns,
        exchanges=ExchangeService(
            db, store, returns, invoicing=einvoicing, output=print_queue, selling=selling
        ),
        no_receipt=NoReceiptReturnsService(
            db,
            store,
            staff,
            warehouse=returns_client,
            policy=policy if policy in PRICE_POLICIES else "lowest_30_days",
            output=print_queue,
        ),
        returns_client=returns_client,
        order_returns=OrderReturnsService(db, store, returns_client, staff, output=print_queue),
        einvoicing=einvoicing,
        pickups=pickups,
        pickup_followups=followups,
        fulfilment=fulfilment,
        dropship=DropshipService(db),
        alerts=AlertService(db, staff, returns),
        store_transfers=StoreTransferService(db, store),
        replenishment=ReplenishmentService(db, planning_client, connectivity),
        product_demand=ProductDemandService(db, planning_client),
        stock_counts=StockCountService(db, store.location_id),
    )


def demo_cashier(services: CounterServices) -> StaffMember:
    cashier = services.staff.first_with_role("cashier")
    if cashier is None:
        raise RuntimeError("the demo store has no cashier; was the catalog pulled?")
    return cashier


# --- the window: screens, scan routing, scanners, and every signal connection --------


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


@dataclass
class CounterApp:
    """The running counter above the services: built by ``build_counter``."""

    services: CounterServices
    tasks: TaskRunner
    window: MainWindow
    router: ScanRouter
    sale_screen: SaleScreen
    shift_screen: ShiftScreen
    wedge: ScannerWedgeFilter
    serial_scanner: SerialScanner | None
    cashier: StaffMember
    idle: IdleWatcher
    lock_dialog: LockDialog | None = None
    connectivity_bridge: ConnectivityBridge = field(default_factory=ConnectivityBridge)
    """Owned by Python: the sync threads hold a reference."""
    print_bridge: PrintJobBridge = field(default_factory=PrintJobBridge)
    """Owned by Python: the print thread holds a reference."""
    pickups_screen: PickupsScreen | None = None
    stock_screen: StockScreen | None = None
    returns_screen: ReturnsScreen | None = None
    setup_wizard: SetupWizard | None = None
    void_flow: VoidSaleFlow | None = None  # voiding a sale of this shift (Tools menu)
    dropship_screen: DropshipScreen | None = None
    alert_banner: AlertBanner | None = None
    store_stock_screen: StoreStockScreen | None = None

    def add_screen(self, screen: Screen, scan_kinds: Iterable[str] = ()) -> None:
        """Put a screen in the frame under its function key; scans of ``scan_kinds`` go
        to it from now on (on top of the table in ``ui/scan_router.py``)."""
        self.window.add_screen(screen)
        for kind in scan_kinds:
            self.router.route(kind, screen.name)

    def set_cashier(self, cashier: StaffMember) -> None:
        """Another cashier carries on at this till; the shift stays open."""
        self.cashier = cashier
        self.sale_screen.set_cashier(cashier)
        self.shift_screen.set_cashier(cashier)
        if self.pickups_screen is not None:
            self.pickups_screen.set_cashier(cashier)
        if self.stock_screen is not None:
            self.stock_screen.set_cashier(cashier)
        if self.returns_screen is not None:
            self.returns_screen.set_cashier(cashier)
        if self.dropship_screen is not None:
            self.dropship_screen.set_cashier(cashier)
        if self.store_stock_screen is not None:
            self.store_stock_screen.set_cashier(cashier)

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Lock the counter until the cashier's PIN (or a supervisor's) unlocks it, or
        another cashier signs in (docs/user-guide.md, "Locking the screen")."""
        if self.lock_dialog is not None:
            return
        self.idle.pause()
        dialog = LockDialog(
            self.services.staff,
            self.tasks,
            self.cashier,
            self.services.store.name,
            parent=self.window,
        )
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)  # scans stay out of the cart
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        self.lock_dialog = dialog
        dialog.show()

    def _unlocked(self, dialog: LockDialog) -> None:
        self.lock_dialog = None
        if dialog.member is not None and dialog.member != self.cashier:
            self.set_cashier(dialog.member)
        self.idle.resume()
        current = self.window.current_screen()
        if current is not None:
            current.on_show()

    def switch_cashier(self) -> None:
        """Another cashier signs in by name and PIN; the shift stays open."""
        dialog = SignInDialog(
            self.services.staff, self.tasks, self.services.store.name, self.window
        )
        self.sign_in_dialog = dialog
        dialog.accepted.connect(lambda: dialog.member and self.set_cashier(dialog.member))
        dialog.open()

    def watch_idle(self, app: QApplication) -> None:
        """Lock the screen after the idle time (settings.json "staff" section)."""
        self.idle.install(app)
        self.idle.resume()

    def start_scanners(self, app: QApplication) -> None:
        """Scanners work whatever has focus: the detector watches every key event."""
        self.wedge.install(app)
        if self.serial_scanner is not None:
            self.serial_scanner.start()

    def stop_scanners(self, app: QApplication) -> None:
        self.wedge.uninstall(app)
        if self.serial_scanner is not None:
            self.serial_scanner.stop()


def build_counter(services: CounterServices, cashier: StaffMember, tasks: TaskRunner) -> CounterApp:
    """The window with its screens, the scan router and the scanners, all connected.
    Scanners start listening with ``start_scanners``."""
    window = MainWindow(services.store.name, services.sync_status, tasks)
    scanner_section = services.settings.section("scanner")
    port = scanner_section.get("serial_port")
    serial = None
    if isinstance(port, str) and port:  # a serial (RS-232 / USB-CDC) scanner as well
        serial = SerialScanner(
            port, int(scanner_section.get("serial_baudrate", 9600)), parent=window
        )  # type: ignore[call-overload]
    counter = CounterApp(
        services=services,
        tasks=tasks,
        window=window,
        router=ScanRouter(window, parent=window),
        sale_screen=SaleScreen(
            services.catalog,
            services.selling,
            tasks,
            cashier,
            stock_lookup=services.stock_lookup,
            load_tenders=TenderService(services.db).usable,  # the warehouse's, cached
            keeper=CartKeeper(services.db, services.store),
            discounts=DiscountService(services.db, services.staff),
            ask_approval=_approval_asker(services, tasks, window),
            fulfilment=services.fulfilment,
        ),
        shift_screen=ShiftScreen(
            services.shifts, tasks, cashier, _approval_asker(services, tasks, window)
        ),
        wedge=ScannerWedgeFilter(wedge_settings(scanner_section)),
        serial_scanner=serial,
        cashier=cashier,
        idle=IdleWatcher(idle_lock_ms(services.settings.section("staff")), parent=window),
    )
    counter.add_screen(counter.sale_screen)  # F1, the first screen
    counter.add_screen(counter.shift_screen)  # F6
    desk = services.pickups or PickupDeskService(
        services.db, services.store, services.print_queue, selling=services.selling
    )
    # A finished pickup's customer name and phone are kept only as long as it needs them.
    tasks.db(desk.forget_old_customers, owner=window)
    counter.pickups_screen = PickupsScreen(
        desk,
        tasks,
        cashier,
        services.pickup_followups,
        load_tenders=TenderService(services.db).usable,  # paid at pickup: the sale's tenders
    )
    counter.stock_screen = StockScreen(
        services.catalog,
        services.stock_lookup,
        desk,
        services.store.location_id,
        tasks,
        cashier,
        counter.pickups_screen.refusal_text,
        demand=services.product_demand,
        transfers=services.store_transfers,
    )
    counter.add_screen(counter.stock_screen)  # F3
    counter.add_screen(counter.pickups_screen, ["pickup"])  # F8
    counter.returns_screen = ReturnsScreen(
        services.returns,
        tasks,
        cashier,
        _approval_asker(services, tasks, window),
        no_receipt=services.no_receipt,
        exchanges=services.exchanges,
        orders=services.order_returns,
    )
    counter.add_screen(counter.returns_screen)  # F7, receipt scans come here
    _add_fulfilment(counter)
    if services.store_transfers and services.replenishment and services.stock_counts:
        counter.store_stock_screen = StoreStockScreen(
            services.catalog,
            services.store_transfers,
            services.replenishment,
            services.stock_counts,
            tasks,
            cashier,
        )
        counter.add_screen(counter.store_stock_screen)  # Shift+F3, product scans while in front
    _add_tools(counter)
    _connect_signals(counter)
    return counter


def _add_fulfilment(counter: CounterApp) -> None:
    """Dropship orders (Ctrl+F8), "Ship to customer" from the stock lookup, and the banner and
    dialog of refused pickup / ship lines (Ctrl+Shift+A)."""
    services, tasks, window = counter.services, counter.tasks, counter.window
    if services.fulfilment is None or services.dropship is None or services.alerts is None:
        return
    fulfilment, alerts = services.fulfilment, services.alerts
    dropship = services.dropship
    # Customer data of finished orders is kept only as long as the order needs it.
    tasks.db(dropship.forget_old_customers, owner=window)
    counter.dropship_screen = DropshipScreen(dropship, fulfilment, tasks, counter.cashier)
    counter.add_screen(counter.dropship_screen)  # Ctrl+F8
    dropship_screen = counter.dropship_screen
    if counter.stock_screen is not None:
        counter.stock_screen.ship_requested.connect(dropship_screen.new_order)
    banner = AlertBanner(alerts, tasks)
    counter.alert_banner = banner
    window.add_banner(banner)

    def open_alerts() -> None:
        AlertsDialog(alerts, fulfilment, services.staff, tasks, counter.cashier, window).exec()
        banner.refresh()
        window.refresh_sync_status()

    banner.open_requested.connect(open_alerts)
    # In the Tools menu; the key is on the banner's button (the key bar is full enough).
    window.add_tool(QCoreApplication.translate("MainWindow", "Refused orders…"), "", open_alerts)
    QShortcut(QKeySequence("Ctrl+Shift+A"), window, activated=open_alerts)


def _approval_asker(
    services: CounterServices, tasks: TaskRunner, window: MainWindow
) -> Callable[[str, Action, Callable[[Approval], None]], None]:
    """A screen asks for a supervisor's approval without waiting for it: the callback
    gets the approval if one was given (the service redeems it and audits)."""

    def ask(prompt: str, action: Action, then: Callable[[Approval], None]) -> None:
        dialog = SupervisorApprovalDialog(
            services.staff, tasks, prompt, action, need_reason=False, parent=window
        )
        dialog.accepted.connect(lambda: dialog.approval and then(dialog.approval))
        dialog.finished.connect(lambda _result: window.activateWindow())
        dialog.open()

    return ask


def _connect_signals(counter: CounterApp) -> None:
    """Every connection between the services, the devices and the window."""
    services, window = counter.services, counter.window

    def on_sale_completed(sale: CompletedSale) -> None:
        services.background.push_soon()
        # Queued, never waited for: a printer that is off cannot hold up the next customer.
        if sale.takes_cash:  # a sale paid by card or phone alone leaves the drawer shut
            services.receipts.open_drawer_for_cash(sale)
        services.receipts.print_sale(sale)
        if services.einvoicing is not None and sale.invoice is not None:
            invoicing = services.einvoicing
            items = with_discount(
                [
                    ProofItem(s.name, s.qty, ((s.list_price or s.unit_price).cents + 50) // 100)
                    for s in sale.lines
                ],
                (sale.total.cents + 50) // 100,
            )
            counter.tasks.db(lambda: invoicing.print_for_sale(sale.sale_id, items), owner=window)
        window.refresh_sync_status()

    counter.sale_screen.sale_completed.connect(on_sale_completed)
    if counter.pickups_screen is not None:  # a group-buy order paid at pickup: its sale
        counter.pickups_screen.sale_completed.connect(on_sale_completed)

    def offer_to_open_a_shift() -> None:
        offer = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("MainWindow", "No shift open"),
            QCoreApplication.translate(
                "MainWindow", "No shift is open at this till. Open one now?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            window,
        )
        offer.setObjectName("openShiftOffer")
        offer.accepted.connect(lambda: window.show_screen(counter.shift_screen.name))
        offer.open()

    def on_shift_closed(_report: ShiftReport) -> None:
        services.background.push_soon()  # the shift.close goes out now if it can
        window.refresh_sync_status()

    counter.sale_screen.shift_required.connect(offer_to_open_a_shift)
    if counter.pickups_screen is not None:
        counter.pickups_screen.shift_required.connect(offer_to_open_a_shift)
    counter.shift_screen.shift_closed.connect(on_shift_closed)
    counter.idle.idle.connect(counter.lock)
    counter.wedge.scanned.connect(counter.router.on_scanned)
    window.code_entered.connect(counter.router.on_code_entered)
    services.connectivity.subscribe(counter.connectivity_bridge.report)
    counter.connectivity_bridge.changed.connect(window.status.on_connectivity_changed)
    window.status.on_connectivity_changed(services.connectivity.state.value)
    services.print_queue.add_listener(counter.print_bridge.report)
    counter.print_bridge.changed.connect(window.status.on_print_job)
    serial = counter.serial_scanner
    if serial is not None:
        port = serial.port
        serial.scanned.connect(counter.router.on_scanned)
        serial.status_changed.connect(
            lambda status: log.info("serial scanner %s: %s", port, status)
        )
        window.destroyed.connect(lambda *_: serial.stop())


def _add_tools(counter: CounterApp) -> None:
    services, tasks, window = counter.services, counter.tasks, counter.window

    def reprint() -> None:
        ReprintDialog(services.receipts, tasks, window).exec()

    def sync_problems() -> None:
        SyncProblemsDialog(services.sync_status, services.staff, tasks, window).exec()
        window.refresh_sync_status()

    def open_drawer() -> None:
        approval = SupervisorApprovalDialog(
            services.staff,
            tasks,
            QCoreApplication.translate("MainWindow", "Open the cash drawer without a sale"),
            Action.OPEN_DRAWER_NO_SALE,
            parent=window,
        )
        if approval.exec() == SupervisorApprovalDialog.DialogCode.Accepted and approval.approval:
            granted, reason = approval.approval, approval.reason
            tasks.db(lambda: services.receipts.open_drawer_on_demand(granted, reason), owner=window)

    def device_settings() -> None:
        # A manager's, by the permission table; the drawer test inside is audited.
        approval = SupervisorApprovalDialog(
            services.staff,
            tasks,
            QCoreApplication.translate("MainWindow", "Printer and scanner settings"),
            Action.DEVICE_SETTINGS,
            need_reason=False,
            parent=window,
            session=True,
        )
        if (
            approval.exec() != SupervisorApprovalDialog.DialogCode.Accepted
            or approval.approval is None
        ):
            return
        granted = approval.approval

        def save(config: PrinterConfig) -> None:
            services.settings.save_section("printer", config.to_dict())
            services.print_queue.set_default_printer(build_receipt_printer(config))

        def open_drawer_test(printer: ReceiptPrinter, on_queued: Callable[[str], None]) -> None:
            tasks.db(
                lambda: services.receipts.open_drawer_for_settings_test(granted, printer), on_queued
            )

        try:
            DeviceSettingsDialog(
                services.print_queue.default_printer.config,  # type: ignore[attr-defined]
                print_queue=services.print_queue,
                printer_factory=build_receipt_printer,
                save_config=save,
                open_drawer=open_drawer_test,
                scan_source=counter.wedge,
                parent=window,
            ).exec()
        finally:
            services.staff.release(granted)

    window.add_tool(
        QCoreApplication.translate("MainWindow", "Lock the screen"), "Ctrl+L", counter.lock
    )
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Set-up wizard (manager)…"),
        "",
        lambda: rerun_setup_wizard(counter),
    )
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Switch cashier…"), "F11", counter.switch_cashier
    )
    window.add_tool(QCoreApplication.translate("MainWindow", "Reprint a receipt…"), "F9", reprint)
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Sync problems…"), "F10", sync_problems
    )
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Open the cash drawer (supervisor)…"),
        "",
        open_drawer,
    )
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Printer and scanner settings…"),
        "",
        device_settings,
    )
    void_flow = VoidSaleFlow(
        SaleVoidService(services.db, services.store, services.staff, services.returns),
        services.returns,
        services.staff,
        tasks,
        window,
        lambda: counter.sale_screen.cashier,
    )
    counter.sale_screen.sale_completed.connect(
        lambda sale: setattr(void_flow, "last_receipt_no", sale.receipt_no)
    )
    counter.void_flow = void_flow
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Void a sale of this shift (supervisor)…"),
        "",
        void_flow.start,
    )
    if services.einvoicing is not None:
        allowance_flow = VoidAllowanceFlow(
            AllowanceVoidService(services.db, services.staff),
            services.staff,
            tasks,
            window,
            lambda: counter.sale_screen.cashier,
        )
        window.add_tool(
            QCoreApplication.translate("MainWindow", "Void an allowance (supervisor)…"),
            "",
            allowance_flow.start,
        )
    window.add_tool(
        QCoreApplication.translate("MainWindow", "Stock to count…"),
        "",
        lambda: StockToCountDialog(
            services.catalog,
            services.store.location_id,
            tasks,
            window,
            warehouse_reports=services.stock_to_count.negative_at_warehouse,
        ).exec(),
    )


def rerun_setup_wizard(counter: CounterApp) -> None:
    """A manager runs the set-up wizard again (Tools): the printer and scanner settings
    apply at once, a new language or address at the next start; the token stays."""
    services, tasks, window = counter.services, counter.tasks, counter.window
    approval = SupervisorApprovalDialog(
        services.staff,
        tasks,
        QCoreApplication.translate("MainWindow", "Run the set-up wizard"),
        Action.SETUP_WIZARD,
        need_reason=False,
        parent=window,
        session=True,
    )
    if approval.exec() != SupervisorApprovalDialog.DialogCode.Accepted or not approval.approval:
        return
    granted = approval.approval

    def apply_scanner(prefix: str, suffix: str) -> None:
        counter.wedge.settings = replace(counter.wedge.settings, prefix=prefix, suffix=suffix)

    setup = TillSetup(
        services.settings.path.parent,
        use_keyring=not (services.settings.path.parent / "device_token").exists(),
        on_printer=lambda config: services.print_queue.set_default_printer(
            build_receipt_printer(config)
        ),
        on_scanner=apply_scanner,
    )
    app = QApplication.instance()
    state = setup.state(services.client.base_url)
    if state.enrolled is None:  # a till enrolled before the token store moved: keep it
        state = replace(
            state,
            enrolled=Enrolled(services.store.code, services.store.name, 0, None),
        )
    wizard = SetupWizard(setup, state, tasks, services.print_queue, build_receipt_printer, window)
    counter.setup_wizard = wizard
    # The scanner test reads raw keys (prefix and suffix included): the scan detector
    # steps aside while the wizard is open, and the idle lock waits.
    listening = isinstance(app, QApplication) and counter.wedge.installed
    if listening:
        counter.wedge.uninstall(app)
    counter.idle.pause()
    try:
        wizard.exec()
    finally:
        if listening:  # back as it was: a counter whose scanners never started stays so
            counter.wedge.install(app)
        counter.idle.resume()
        services.staff.release(granted)
        counter.setup_wizard = None


def run_enrolled_counter(services: CounterServices, language: str) -> int:
    """A real till: first sync if the cache is empty, staff sign-in, then the window."""
    ensure_application(language)
    tasks = TaskRunner()
    if services.staff.first_with_role("cashier") is None and not run_first_sync(
        services.puller, tasks
    ):
        tasks.shutdown()
        services.close()
        return 1
    cashier = ask_for_staff(services.staff, tasks, services.store.name)
    if cashier is None:
        tasks.shutdown()
        services.close()
        return 0
    return run_window(services, cashier, language, tasks)


def run_window(
    services: CounterServices, cashier: StaffMember, language: str, tasks: TaskRunner | None = None
) -> int:
    app = ensure_application(language)
    tasks = tasks or TaskRunner()
    counter = build_counter(services, cashier, tasks)
    counter.start_scanners(app)
    counter.watch_idle(app)
    services.background.start()
    counter.window.show()  # the sale screen takes the focus (Screen.on_show)
    try:
        return app.exec()
    finally:
        counter.stop_scanners(app)
        tasks.shutdown()
        services.close()
