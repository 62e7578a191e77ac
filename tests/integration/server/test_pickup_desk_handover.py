"""The pickup desk against the real warehouse, on SQLite and PostgreSQL: a reservation
queued at the till reaches the warehouse, the operator ships it, the store receives
it, the change feed brings it to the till as ready, and the till hands it over by its
pickup code through the outbox; the warehouse's ledger shows the goods left the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from server_testkit import Server, ledger_balances, level
from sqlalchemy import select

from counter_app.bootstrap import enroll
from counter_app.core.receipts import Document
from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Stock as LocalStock
from counter_app.local.token_store import FileTokenStore
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.staff import StaffService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay
from warehouse_api.embedded import issue_enrollment_code
from warehouse_api.models import Reservation as ServerReservation


@dataclass
class Till:
    db: LocalDatabase
    client: WarehouseClient
    relay: OutboxRelay
    puller: ChangePuller
    store: StoreContext
    cashier: StaffMember

    def queue(self, op_type: str, entity_key: str, payload: dict) -> None:
        with self.db.unit_of_work() as session:
            outbox.enqueue(session, op_type, entity_key, payload)

    def close(self) -> None:
        self.client.close()
        self.db.dispose()

    def sync(self) -> None:
        outcome = self.relay.drain()
        assert outcome.rejected == 0 and not outcome.unreachable, outcome
        assert not self.puller.pull_until_current().unreachable


class Printed:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.texts.append(document.plain_text(42))
        return str(len(self.texts))

    def open_drawer(self, reason: str, *, printer: object = None) -> str:
        raise AssertionError("no drawer here")


def make_till(server: Server, folder: Path, name: str = "till-a") -> Till:
    """A till of S001 enrolled at this warehouse, its cache pulled; close with ``close``."""
    folder.mkdir(parents=True, exist_ok=True)
    db = LocalDatabase(folder / "counter.db")
    client = WarehouseClient(server.url, timeout=(2.0, 10.0))
    store = enroll(
        db,
        client,
        FileTokenStore(folder / "device_token"),
        issue_enrollment_code(server.db_url, "S001"),
        name,
    )
    monitor = ConnectivityMonitor()
    puller = ChangePuller(db, client, monitor, page_size=500)
    assert not puller.pull_until_current().unreachable
    cashier = StaffService(db, store.location_id).first_with_role("cashier")
    assert cashier is not None
    return Till(db, client, OutboxRelay(db, client, monitor), puller, store, cashier)


@pytest.fixture
def till(server: Server, tmp_path: Path) -> Iterator[Till]:
    made = make_till(server, tmp_path)
    yield made
    made.close()


def test_reserved_shipped_received_then_handed_over_by_code_at_the_till(
    server: Server, till: Till
) -> None:
    with till.db.read() as session:
        product_id = session.scalars(
            select(LocalStock.product_id).order_by(LocalStock.product_id)
        ).first()
    assert product_id is not None
    wh_before, store_before = level(server, "WH01", product_id), level(server, "S001", product_id)
    printed = Printed()
    desk = PickupDeskService(till.db, till.store)
    pending = desk.reserve(product_id, 2, "陳小姐", "0912-345-678", till.cashier)
    reservation_id = pending.record.reservation_id
    assert [e.status for e in desk.entries()] == ["pending"]
    till.sync()

    [entry] = desk.entries()
    assert entry.record.reservation_id == reservation_id and entry.status == "confirmed"
    assert entry.record.customer_name == "陳小姐"  # kept from the till's row: the feed has none
    desk_printing = PickupDeskService(till.db, till.store, printed)
    desk_printing.print_pickup_slip(reservation_id)
    assert entry.pickup_code in printed.texts[0] and "0912***678" in printed.texts[0]
    assert level(server, "WH01", product_id) == (wh_before[0], wh_before[1] + 2)
    code = entry.pickup_code
    with pytest.raises(PickupError) as early:
        desk.hand_over(code, till.cashier)
    assert early.value.code == "not_ready"

    operator = server.token("operator")
    with server.client(operator) as client:
        shipped = client.post(
            f"/operator/transfers/TR-{reservation_id}/ship", json={"carrier": "黑貓"}
        )
    assert shipped.status_code == 200, shipped.text
    till.sync()
    assert desk.entries()[0].status == "in_transit"
    till.queue(
        "transfer.receive", f"transfer:TR-{reservation_id}", {"transfer_id": f"TR-{reservation_id}"}
    )
    till.sync()
    assert [e.pickup_code for e in desk.entries("ready")] == [code]
    assert level(server, "S001", product_id) == (store_before[0] + 2, store_before[1] + 2)

    handover = desk.hand_over(code.lower(), till.cashier)  # typed in lower case
    assert handover.entry.status == "picked_up"
    assert till.relay.drain().applied == 1
    with server.db.read() as session:
        assert session.get(ServerReservation, reservation_id).status == "picked_up"  # type: ignore[union-attr]
    assert level(server, "S001", product_id) == store_before
    assert level(server, "WH01", product_id)[0] == wh_before[0] - 2
    assert ledger_balances(server)

    till.sync()  # the feed's picked_up agrees with the till's own mark
    assert [e.pickup_code for e in desk.entries("picked_up")] == [code]
    with pytest.raises(PickupError) as again:
        desk.hand_over(code, till.cashier)
    assert again.value.code == "already_picked_up"
