"""The counter's sync stack against the real server, on SQLite and PostgreSQL:
two tills of one store never collide on receipt numbers (issue 8.1), a sale already
refused as ``receipt_no_taken`` is recovered without losing it, audit entries reach
the warehouse (8.6), and the warehouse's negative_stock answer reaches the manager (8.3)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from server_testkit import Server
from sqlalchemy import select, update

from counter_app.bootstrap import enroll
from counter_app.core.cart import Cart
from counter_app.core.receipts import Document
from counter_app.local import sync_results, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp, Product, Sale
from counter_app.local.models import Stock as LocalStock
from counter_app.local.token_store import FileTokenStore
from counter_app.services.catalog import CatalogService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action
from counter_app.services.receipts import ReceiptService
from counter_app.services.selling import CompletedSale, SellingService
from counter_app.services.staff import StaffService
from counter_app.services.stock_to_count import StockToCountService
from counter_app.services.sync_status import SyncStatusService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from warehouse_api.demo_data import DEMO_SUPERVISOR_PIN
from warehouse_api.embedded import issue_enrollment_code
from warehouse_api.models import AuditEntry as ServerAudit
from warehouse_api.models import Sale as ServerSale


@dataclass
class Till:
    db: LocalDatabase
    client: WarehouseClient
    relay: OutboxRelay
    store: StoreContext
    selling: SellingService
    cashier: StaffMember
    supervisor: StaffMember
    device_id: int

    def sell(self, qty: int = 1) -> CompletedSale:
        """Sell the store's first product (by id) in the cache."""
        with self.db.read() as session:
            product_id = session.scalars(
                select(LocalStock.product_id)
                .where(LocalStock.location_id == self.store.location_id)
                .order_by(LocalStock.product_id)
            ).first()
            sku = session.get(Product, product_id).sku  # type: ignore[union-attr]
        product = CatalogService(self.db).find_by_code(sku)
        assert product is not None
        cart = Cart()
        cart.add(product, qty)
        return self.selling.complete_cash_sale(cart, self.cashier, cart.total)


@pytest.fixture
def tills(server: Server, tmp_path: Path) -> Iterator[list[Till]]:
    opened: list[Till] = []

    def open_till(name: str) -> Till:
        data_dir = tmp_path / name
        db = LocalDatabase(data_dir / "counter.db")
        client = WarehouseClient(server.url, timeout=(2.0, 10.0))
        store = enroll(
            db,
            client,
            FileTokenStore(data_dir / "device_token"),
            issue_enrollment_code(server.db_url, "S001"),
            name,
        )
        monitor = ConnectivityMonitor()
        assert not ChangePuller(db, client, monitor, page_size=500).pull_until_current().unreachable
        staff = StaffService(db, store.location_id)
        cashier, supervisor = staff.first_with_role("cashier"), staff.first_with_role("supervisor")
        assert cashier is not None and supervisor is not None
        with db.read() as session:
            device_id = int(sync_state.get_value(session, "device_id") or 0)
        open_test_shift(db, store.location_id)  # SellingService sells only in an open shift
        till = Till(
            db,
            client,
            OutboxRelay(db, client, monitor),
            store,
            SellingService(db, store),
            cashier,
            supervisor,
            device_id,
        )
        opened.append(till)
        return till

    open_till("till-a")
    open_till("till-b")
    yield opened
    for till in opened:
        till.client.close()
        till.db.dispose()


def _failed(till: Till) -> int:
    return SyncStatusService(till.db).status().failed


def test_two_tills_of_one_store_sell_the_same_day_and_every_sale_is_applied(
    server: Server, tills: list[Till]
) -> None:
    sales = [till.sell() for _round in range(3) for till in tills]
    for till in tills:
        till.relay.drain()
    assert [_failed(till) for till in tills] == [0, 0]
    numbers = [sale.receipt_no for sale in sales]
    assert len(set(numbers)) == 6
    assert {n.split("-")[1] for n in numbers} == {"1", "2"}  # the till part: RS001-<till>-...
    with server.db.read() as session:
        stored = session.scalars(
            select(ServerSale.receipt_no).where(ServerSale.id.in_([s.sale_id for s in sales]))
        )
        assert sorted(stored) == sorted(numbers)


def _as_numbered_before_till_numbers(till: Till, sale: CompletedSale, old_no: str) -> None:
    """Rewrite a fresh sale as a till of the previous version wrote it (no till part)."""
    with till.db.unit_of_work() as session:
        session.execute(update(Sale).where(Sale.sale_id == sale.sale_id).values(receipt_no=old_no))
        op = session.get(OutboxOp, sale.op_id)
        assert op is not None
        payload = json.loads(op.payload)
        payload["receipt_no"] = old_no
        op.payload = json.dumps(payload, ensure_ascii=False)
        sync_state.set_value(session, sync_state.TILL_NO_KEY, "")  # enrolled before till numbers


def test_tills_of_the_previous_version_learn_their_number_and_a_refused_sale_is_recovered(
    server: Server, tills: list[Till]
) -> None:
    first, second = tills
    old_no = "RS001-261201-0001"  # both tills counted from 1 that day
    sale_a, sale_b = first.sell(), second.sell()
    _as_numbered_before_till_numbers(first, sale_a, old_no)
    _as_numbered_before_till_numbers(second, sale_b, old_no)
    first.relay.drain()
    second.relay.drain()  # refused as receipt_no_taken, renumbered, sent again
    second.relay.drain()
    assert [_failed(till) for till in tills] == [0, 0]
    with second.db.read() as session:
        assert sync_state.till_tag(session) == "2"  # learnt from GET /devices/me
        new_no = sync_results.receipt_no_for(session, old_no)
        assert session.get(Sale, sale_b.sale_id).receipt_no == new_no  # type: ignore[union-attr]
    assert new_no.startswith("RS001-2-") and new_no != old_no
    with server.db.read() as session:
        assert session.get(ServerSale, sale_a.sale_id).receipt_no == old_no  # type: ignore[union-attr]
        assert session.get(ServerSale, sale_b.sale_id).receipt_no == new_no  # type: ignore[union-attr]
        renumbered = session.scalars(
            select(ServerAudit).where(ServerAudit.action == "sale.renumber")
        ).one()
    assert (
        renumbered.detail["old_receipt_no"] == old_no and renumbered.detail["receipt_no"] == new_no
    )
    assert renumbered.device_id == second.device_id
    # New sales on the second till carry its till number now.
    assert second.sell().receipt_no.startswith("RS001-2-")


class _Drawer:
    def submit(self, document: Document, *, title: str | None = None) -> str:
        return "1"

    def open_drawer(self, reason: str, *, printer: object = None) -> str:
        return "d"


def test_a_drawer_opening_reaches_the_warehouses_audit_table(
    server: Server, tills: list[Till]
) -> None:
    till = tills[0]
    staff = StaffService(till.db, till.store.location_id)
    approval = staff.approve(DEMO_SUPERVISOR_PIN, Action.OPEN_DRAWER_NO_SALE)
    ReceiptService(till.db, _Drawer(), till.store, staff).open_drawer_on_demand(
        approval, "change for a 1000"
    )
    outcome = till.relay.drain()
    assert outcome.applied == 1 and _failed(till) == 0
    with server.db.read() as session:
        entry = session.scalars(
            select(ServerAudit).where(ServerAudit.action == "drawer.open")
        ).one()
    assert entry.detail == {"reason": "change for a 1000"}
    assert (entry.staff_id, entry.device_id, entry.location_id) == (
        till.supervisor.id,
        till.device_id,
        till.store.location_id,
    )


def test_the_warehouses_negative_stock_answer_reaches_the_store_manager(
    server: Server, tills: list[Till]
) -> None:
    till = tills[0]
    with till.db.read() as session:
        level = session.scalars(
            select(LocalStock)
            .where(LocalStock.location_id == till.store.location_id)
            .order_by(LocalStock.product_id)
        ).first()
    assert level is not None
    till.sell(qty=level.on_hand + 3)
    till.relay.drain()
    [negative] = StockToCountService(till.db, till.store.location_id).negative_at_warehouse()
    assert (negative.product_id, negative.on_hand) == (level.product_id, -3)
