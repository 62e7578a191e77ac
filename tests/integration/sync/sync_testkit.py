"""A real warehouse on loopback, a counter wired to it through the fault proxy, and the
checks every fault test ends with: each sale on the server exactly once, the local
journal complete, the cursor at the feed's head, the cache equal to the server."""

from __future__ import annotations

import json
import random
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, text

from counter_app.bootstrap import enroll
from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.ids import uuid7
from counter_app.local import outbox, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, PendingStockDelta, Sale, SaleLine
from counter_app.local.models import Stock as LocalStock
from counter_app.local.token_store import FileTokenStore
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import SellingService
from counter_app.services.staff import StaffService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import CURSOR_KEY, ChangePuller
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from warehouse_api.db import Database
from warehouse_api.embedded import EmbeddedServer, issue_enrollment_code, start_embedded
from warehouse_api.models import (
    DropshipOrder,
    FeedState,
    Location,
    Reservation,
    StockMovement,
    SyncOp,
)
from warehouse_api.models import Sale as ServerSale
from warehouse_api.models import SaleLine as ServerSaleLine
from warehouse_api.models import Stock as ServerStock

STORE_CODE = "S001"
FAST_TIMEOUT = (0.5, 1.0)  # connect, read: faults cost about a second each, not fifteen
FAST_BACKOFF = outbox.Backoff(base_s=0.02, cap_s=0.3)


@dataclass
class Warehouse:
    """The embedded server over its own SQLite file; ``restart`` keeps port and data."""

    path: Path
    server: EmbeddedServer

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.path.as_posix()}"

    @property
    def port(self) -> int:
        return self.server.port

    @classmethod
    def start(cls, template: Path, folder: Path) -> Warehouse:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "warehouse.db"
        shutil.copyfile(template, path)
        return cls(path, start_embedded(f"sqlite:///{path.as_posix()}"))

    def stop(self) -> None:
        self.server.stop()

    def restart(self) -> None:
        self.server.stop()
        for attempt in range(50):  # the old socket may linger for a moment
            try:
                self.server = start_embedded(self.db_url, port=self.server.port)
                return
            except (OSError, RuntimeError):
                if attempt == 49:
                    raise
                time.sleep(0.1)

    def database(self) -> Database:
        return Database.from_url(self.db_url)


@dataclass
class CounterUnderTest:
    """The counter's sync stack without a window, as bootstrap wires it."""

    data_dir: Path
    db: LocalDatabase
    client: WarehouseClient
    connectivity: ConnectivityMonitor
    relay: OutboxRelay
    puller: ChangePuller
    store: StoreContext
    catalog: CatalogService
    selling: SellingService
    cashier: StaffMember
    sold_sale_ids: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.client.close()
        self.db.dispose()


def open_counter(
    data_dir: Path,
    server_url: str,
    *,
    batch_size: int = 25,
    page_size: int = 100,
    on_page: Callable[[int], None] = lambda _n: None,
) -> CounterUnderTest:
    """A counter already enrolled in ``data_dir`` (see ``enroll_counter``)."""
    db = LocalDatabase(data_dir / "counter.db")
    token = FileTokenStore(data_dir / "device_token").load()
    client = WarehouseClient(server_url, token, timeout=FAST_TIMEOUT)
    with db.read() as session:
        store = StoreContext(
            int(sync_state.get_value(session, "store_id") or 0),
            sync_state.get_value(session, "store_code") or "",
            sync_state.get_value(session, "store_name") or "",
        )
    connectivity = ConnectivityMonitor()
    relay = OutboxRelay(db, client, connectivity, batch_size=batch_size, backoff=FAST_BACKOFF)
    puller = ChangePuller(db, client, connectivity, on_change=on_page, page_size=page_size)
    cashier = StaffService(db, store.location_id).first_with_role("cashier")
    if cashier is None:
        puller.pull_until_current()
        cashier = StaffService(db, store.location_id).first_with_role("cashier")
    assert cashier is not None, "the demo store has no cashier"
    open_test_shift(db, store.location_id)  # SellingService sells only in an open shift
    return CounterUnderTest(
        data_dir,
        db,
        client,
        connectivity,
        relay,
        puller,
        store,
        CatalogService(db),
        SellingService(db, store),
        cashier,
    )


def enroll_counter(
    data_dir: Path, warehouse: Warehouse, server_url: str, *, pull: bool = True
) -> None:
    db = LocalDatabase(data_dir / "counter.db")
    client = WarehouseClient(server_url, timeout=(2.0, 10.0))
    try:
        code = issue_enrollment_code(warehouse.db_url, STORE_CODE)
        enroll(db, client, FileTokenStore(data_dir / "device_token"), code, "test-till")
        if pull:
            puller = ChangePuller(db, client, ConnectivityMonitor(), page_size=500)
            assert not puller.pull_until_current().unreachable
    finally:
        client.close()
        db.dispose()


def sellable_products(counter: CounterUnderTest, count: int = 12) -> list[ProductInfo]:
    with counter.db.read() as session:
        skus = [
            row[0]
            for row in session.execute(
                text("SELECT sku FROM products ORDER BY id LIMIT :n"), {"n": count}
            )
        ]
    products = [counter.catalog.find_by_code(sku) for sku in skus]
    return [p for p in products if p is not None]


def make_sales(counter: CounterUnderTest, count: int, rng: random.Random) -> list[str]:
    """Ring up ``count`` cash sales of 1-3 random lines; returns their sale ids."""
    products = sellable_products(counter)
    made = []
    for _ in range(count):
        cart = Cart()
        for product in rng.sample(products, rng.randint(1, 3)):
            cart.add(product, rng.randint(1, 3))
        sale = counter.selling.complete_cash_sale(cart, counter.cashier, cart.total)
        made.append(sale.sale_id)
    counter.sold_sale_ids.extend(made)
    return made


def drain_until_empty(counter: CounterUnderTest, timeout_s: float = 30.0) -> None:
    """Keep calling the relay, as the background loop does, until nothing waits."""
    deadline = time.monotonic() + timeout_s
    while True:
        counter.relay.drain()
        with counter.db.read() as session:
            if outbox.stats(session).waiting == 0:
                return
        if time.monotonic() > deadline:
            raise AssertionError("the outbox did not drain")
        time.sleep(0.05)


def local_sales(db: LocalDatabase) -> dict[str, Counter[int]]:
    """sale_id -> qty per product, from the till's journal."""
    with db.read() as session:
        lines = session.execute(select(SaleLine.sale_id, SaleLine.product_id, SaleLine.qty)).all()
        sale_ids = set(session.scalars(select(Sale.sale_id)))
    sales: dict[str, Counter[int]] = {sale_id: Counter() for sale_id in sale_ids}
    for sale_id, product_id, qty in lines:
        sales[sale_id][product_id] += qty
    return sales


def assert_each_sale_once(
    warehouse: Warehouse, counter: CounterUnderTest, expected: list[str]
) -> None:
    """Every sale rung up is in the journal, acknowledged, and on the server exactly once."""
    journal = local_sales(counter.db)
    assert set(expected) <= set(journal), "a sale the cashier completed is missing locally"
    with counter.db.read() as session:
        states = Counter(session.scalars(select(OutboxOp.state).where(OutboxOp.type == "sale")))
        op_ids = list(session.scalars(select(OutboxOp.op_id).where(OutboxOp.type == "sale")))
    assert states == Counter({"done": len(journal)}), states
    database = warehouse.database()
    try:
        with database.read() as session:
            server_sales = set(
                session.scalars(select(ServerSale.id).where(ServerSale.id.in_(list(journal))))
            )
            claimed = session.scalar(
                select(func.count()).select_from(SyncOp).where(SyncOp.op_id.in_(op_ids))
            )
            movements: dict[str, Counter[int]] = defaultdict(Counter)
            movement_rows: Counter[tuple[str, int]] = Counter()
            for reference, product_id, delta in session.execute(
                select(
                    StockMovement.reference, StockMovement.product_id, StockMovement.delta
                ).where(StockMovement.reason == "sale", StockMovement.reference.in_(list(journal)))
            ):
                movements[reference][product_id] -= delta
                movement_rows[(reference, product_id)] += 1
            line_count = session.scalar(
                select(func.count())
                .select_from(ServerSaleLine)
                .where(ServerSaleLine.sale_id.in_(list(journal)))
            )
    finally:
        database.dispose()
    assert server_sales == set(journal), "a sale never reached the server"
    assert claimed == len(op_ids)
    assert dict(movements) == {sale_id: qty for sale_id, qty in journal.items()}, (
        "stock moved more or less than the sales say"
    )
    assert max(movement_rows.values(), default=1) == 1, "a sale line moved stock twice"
    with counter.db.read() as session:
        assert line_count == session.scalar(select(func.count()).select_from(SaleLine))


def assert_cache_matches_server(warehouse: Warehouse, counter: CounterUnderTest) -> None:
    """After a full pull: cursor at the head, no local deltas left, store stock as the server's."""
    outcome = counter.puller.pull_until_current()
    assert not outcome.unreachable
    database = warehouse.database()
    try:
        with database.read() as session:
            head = session.scalar(select(FeedState.last_seq))
            server_stock = {
                (row.product_id): row.on_hand
                for row in session.scalars(
                    select(ServerStock).where(ServerStock.location_id == counter.store.location_id)
                )
            }
    finally:
        database.dispose()
    with counter.db.read() as session:
        cursor = int(sync_state.get_value(session, CURSOR_KEY, "0") or 0)
        leftover = session.scalar(select(func.count()).select_from(PendingStockDelta))
        local_stock = {
            row.product_id: row.on_hand
            for row in session.scalars(
                select(LocalStock).where(LocalStock.location_id == counter.store.location_id)
            )
        }
    assert cursor == head
    assert leftover == 0, "acknowledged deltas outlived a full pull"
    assert local_stock == server_stock


# --- warehouse holds pushed through the outbox: pickup reservations, dropship orders ----


def warehouse_reserved(warehouse: Warehouse) -> dict[int, int]:
    """WH01's ``reserved`` per product, read from the server's database."""
    database = warehouse.database()
    try:
        with database.read() as session:
            wh01 = session.scalar(select(Location.id).where(Location.code == "WH01"))
            rows = session.execute(
                select(ServerStock.product_id, ServerStock.reserved).where(
                    ServerStock.location_id == wh01
                )
            ).all()
    finally:
        database.dispose()
    return {int(product_id): int(reserved) for product_id, reserved in rows}


@dataclass
class HoldLedger:
    """What this till asked the warehouse to hold, to check it was held exactly once."""

    reservations: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (product, qty)
    cancelled: set[str] = field(default_factory=set)
    dropships: dict[str, tuple[int, int]] = field(default_factory=dict)
    op_ids: dict[str, str] = field(default_factory=dict)  # business id -> create op_id

    @classmethod
    def from_outbox(cls, counter: CounterUnderTest) -> HoldLedger:
        """The holds a till (maybe another process, since killed) queued, read back."""
        ledger = cls()
        with counter.db.read() as session:
            ops = session.execute(
                select(OutboxOp.op_id, OutboxOp.type, OutboxOp.payload).order_by(OutboxOp.op_id)
            ).all()
        for op_id, op_type, raw in ops:
            payload = json.loads(raw)
            if op_type == "reservation.create":
                line = payload["lines"][0]
                ledger.reservations[payload["reservation_id"]] = (line["product_id"], line["qty"])
                ledger.op_ids[payload["reservation_id"]] = op_id
            elif op_type == "reservation.cancel":
                ledger.cancelled.add(payload["reservation_id"])
            elif op_type == "dropship.create":
                line = payload["lines"][0]
                ledger.dropships[payload["dropship_id"]] = (line["product_id"], line["qty"])
                ledger.op_ids[payload["dropship_id"]] = op_id
        return ledger

    def reserve(self, counter: CounterUnderTest, product_id: int, qty: int = 1) -> str:
        reservation_id = uuid7()
        payload = {
            "reservation_id": reservation_id,
            "lines": [{"product_id": product_id, "qty": qty}],
        }
        with counter.db.unit_of_work() as session:
            self.op_ids[reservation_id] = outbox.enqueue(
                session, "reservation.create", f"reservation:{reservation_id}", payload
            )
        self.reservations[reservation_id] = (product_id, qty)
        return reservation_id

    def cancel(self, counter: CounterUnderTest, reservation_id: str) -> None:
        payload = {"reservation_id": reservation_id, "reason": "customer changed their mind"}
        with counter.db.unit_of_work() as session:
            outbox.enqueue(session, "reservation.cancel", f"reservation:{reservation_id}", payload)
        self.cancelled.add(reservation_id)

    def dropship(self, counter: CounterUnderTest, product_id: int, qty: int = 1) -> str:
        dropship_id = uuid7()
        payload = {
            "dropship_id": dropship_id,
            "lines": [{"product_id": product_id, "qty": qty}],
            "customer_name": "陳小姐",
            "customer_phone": "0912345678",
            "address": "台北市信義區松高路 1 號",
        }
        with counter.db.unit_of_work() as session:
            self.op_ids[dropship_id] = outbox.enqueue(
                session, "dropship.create", f"dropship:{dropship_id}", payload
            )
        self.dropships[dropship_id] = (product_id, qty)
        return dropship_id

    def assert_held_once(
        self, warehouse: Warehouse, counter: CounterUnderTest, before: dict[int, int]
    ) -> None:
        """Every hold applied once: the server has each order once, in the state this till
        asked for, and WH01's ``reserved`` moved by exactly the live holds."""
        with counter.db.read() as session:
            states = dict(session.execute(select(OutboxOp.op_id, OutboxOp.state)).all())
        # Every op, cancels included: a cancel pushed before its create would be rejected.
        assert set(states.values()) == {"done"}, Counter(states.values())
        database = warehouse.database()
        try:
            with database.read() as session:
                reservations = dict(
                    session.execute(
                        select(Reservation.id, Reservation.status).where(
                            Reservation.id.in_(list(self.reservations))
                        )
                    ).all()
                )
                dropships = dict(
                    session.execute(
                        select(DropshipOrder.id, DropshipOrder.status).where(
                            DropshipOrder.id.in_(list(self.dropships))
                        )
                    ).all()
                )
                claims = session.scalar(
                    select(func.count())
                    .select_from(SyncOp)
                    .where(SyncOp.op_id.in_(list(self.op_ids.values())))
                )
        finally:
            database.dispose()
        assert claims == len(self.op_ids)
        assert set(reservations) == set(self.reservations)
        assert {
            rid for rid, status in reservations.items() if status == "cancelled"
        } == self.cancelled
        assert set(dropships) == set(self.dropships)
        expected = Counter(before)
        for reservation_id, (product_id, qty) in self.reservations.items():
            if reservation_id not in self.cancelled:
                expected[product_id] += qty
        for product_id, qty in self.dropships.values():
            expected[product_id] += qty
        after = warehouse_reserved(warehouse)
        assert {p: after.get(p, 0) for p in expected} == dict(expected), (
            "a hold was applied twice or lost"
        )
