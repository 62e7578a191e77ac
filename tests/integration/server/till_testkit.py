"""A till enrolled at a store of the test server: its local database, its relay and
puller on loopback, its store and a cashier (shared by the pickup desk tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from server_testkit import Server

from counter_app.bootstrap import enroll
from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.token_store import FileTokenStore
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.staff import StaffService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay
from warehouse_api.embedded import issue_enrollment_code


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

    def sync(self) -> None:
        outcome = self.relay.drain()
        assert outcome.rejected == 0 and not outcome.unreachable, outcome
        assert not self.puller.pull_until_current().unreachable

    def close(self) -> None:
        self.client.close()
        self.db.dispose()


def enrolled_till(server: Server, folder: Path, store_code: str = "S001") -> Till:
    folder.mkdir(parents=True, exist_ok=True)
    db = LocalDatabase(folder / "counter.db")
    client = WarehouseClient(server.url, timeout=(2.0, 10.0))
    store = enroll(
        db,
        client,
        FileTokenStore(folder / "device_token"),
        issue_enrollment_code(server.db_url, store_code),
        f"till-{folder.name}",
    )
    monitor = ConnectivityMonitor()
    puller = ChangePuller(db, client, monitor, page_size=500)
    assert not puller.pull_until_current().unreachable
    cashier = StaffService(db, store.location_id).first_with_role("cashier")
    assert cashier is not None
    return Till(db, client, OutboxRelay(db, client, monitor), puller, store, cashier)
