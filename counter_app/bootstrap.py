"""The composition root: builds the object graph and wires it. Nothing else constructs
long-lived collaborators; everything receives them through its constructor."""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from pathlib import Path

from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.factory import build_print_queue
from counter_app.devices.print_queue import PrintQueue
from counter_app.local import sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.settings_store import SettingsStore
from counter_app.local.token_store import FileTokenStore, KeyringTokenStore
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.receipts import ReceiptService
from counter_app.services.selling import SellingService
from counter_app.services.staff import StaffService
from counter_app.services.stock_lookup import StockLookupService
from counter_app.services.stock_to_count import StockToCountService
from counter_app.services.sync_status import SyncStatusService
from counter_app.sync.background import BackgroundSync
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay

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

    def close(self) -> None:
        self.print_queue.stop()
        self.background.stop()
        self.client.close()
        self.stock_lookup.close()
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
        name="收據檔案", kind=ConnectionKind.FILE, address=str(data_dir / "receipts.escpos"), check_paper=False
    )


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
    relay = OutboxRelay(db, client, connectivity)
    puller = ChangePuller(db, client, connectivity)
    catalog = CatalogService(db)
    return CounterServices(
        db=db,
        client=client,
        connectivity=connectivity,
        relay=relay,
        puller=puller,
        background=BackgroundSync(relay, puller, push_interval_s, pull_interval_s, connectivity),
        store=store,
        catalog=catalog,
        selling=SellingService(db, store),
        staff=StaffService(db, store.location_id),
        sync_status=SyncStatusService(db),
        settings=settings,
        print_queue=print_queue,
        receipts=ReceiptService(db, print_queue, store),
        stock_lookup=StockLookupService(catalog, live_client, store.location_id, connectivity),
        stock_to_count=StockToCountService(db, store.location_id),
    )


def demo_cashier(services: CounterServices) -> StaffMember:
    cashier = services.staff.first_with_role("cashier")
    if cashier is None:
        raise RuntimeError("the demo store has no cashier; was the catalog pulled?")
    return cashier
