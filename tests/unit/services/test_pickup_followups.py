"""The desk's follow-ups, on the in-memory fakes and on the till's real SQLite file:
the coded pickup slip printed by itself once the warehouse confirms a reservation made
here (once, even after a restart), and the call list of released holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.core.receipts import DocumentKind
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, Product
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickup_followups import PickupFollowUps
from counter_app.services.pickups import PickupDeskService, PickupError
from counter_app.services.selling import TAIWAN
from tests.unit.services.fakes import FakeDatabase
from tests.unit.services.test_pickups import RecordingOutput

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
WHEN = datetime(2026, 11, 25, 15, 0, tzinfo=TAIWAN)
PUFF = ProductInfo(11, "100011", "義美小泡芙", Money(3500))
FEED_AT = "2026-11-25T15:05:00+08:00"


@pytest.fixture(params=["fake", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    if request.param == "fake":
        fake = FakeDatabase()
        fake.state.products[11] = PUFF
        yield fake
        return
    database = LocalDatabase(tmp_path / "counter.db")
    with database.unit_of_work() as session:
        session.add(
            Product(id=11, sku=PUFF.sku, name=PUFF.name, category="", price_cents=1, active=True)
        )
    yield database
    database.dispose()


def _feed(db: Any, rid: str, status: str, code: str | None, expires: str | None = None) -> None:
    """The change feed brings the warehouse's view of a reservation."""
    data = {
        "reservation_id": rid,
        "kind": "pickup",
        "pickup_code": code,
        "status": status,
        "store_location_id": 2,
        "lines": [{"product_id": 11, "qty": 2, "arrived_qty": 0, "collected_qty": 0}],
        "expires_at": expires,
        "updated_at": FEED_AT,
    }
    if isinstance(db, FakeDatabase):
        found = db.state.reservations.get(rid)
        base = found or replace(next(iter(db.state.reservations.values())), reservation_id=rid)
        db.state.reservations[rid] = replace(
            base,
            status=status,
            pickup_code=code,
            expires_at=expires,
            updated_at=FEED_AT,
            customer_name=found.customer_name if found else None,
            customer_phone=found.customer_phone if found else None,
        )
        return
    with db.unit_of_work() as session:
        apply_changes(session, [Change(1, "reservation", "upsert", rid, data)], FEED_AT)


def test_the_coded_slip_prints_by_itself_once_the_warehouse_confirms(db: Any) -> None:
    output = RecordingOutput()
    desk = PickupDeskService(db, STORE, output, clock=lambda: WHEN)
    followups = PickupFollowUps(db, STORE, desk, output, clock=lambda: WHEN)
    entry = desk.reserve(11, 2, "陳小姐", "0912345678", CASHIER)  # queued, maybe offline
    assert followups.print_confirmed_slips() == []  # pending: no code to print yet
    _feed(db, entry.record.reservation_id, "confirmed", "PUQR000001")

    assert followups.print_confirmed_slips() == ["job-1"]
    [slip] = output.documents
    assert slip.kind == DocumentKind.PICKUP_SLIP and "PUQR000001" in slip.plain_text(42)
    assert "待確認" not in slip.plain_text(42)
    assert followups.print_confirmed_slips() == []  # once
    restarted = PickupFollowUps(db, STORE, PickupDeskService(db, STORE, output), output)
    assert restarted.print_confirmed_slips() == []  # once, after a restart too
    # A pickup the feed brought (made at another till) is not this till's to print.
    _feed(db, "r-other", "confirmed", "PUQR000002")
    assert followups.print_confirmed_slips() == [] and len(output.documents) == 1


def test_a_submit_that_fails_leaves_the_slip_due_for_the_next_pass(db: Any) -> None:
    class Broken(RecordingOutput):
        def submit(self, document: Any, *, title: str | None = None) -> str:
            raise OSError("queue full")

    desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
    entry = desk.reserve(11, 2, "陳小姐", "0912345678", CASHIER)
    _feed(db, entry.record.reservation_id, "confirmed", "PUQR000003")
    with pytest.raises(OSError):
        PickupFollowUps(db, STORE, desk, Broken()).print_confirmed_slips()
    output = RecordingOutput()
    assert PickupFollowUps(db, STORE, desk, output).print_confirmed_slips() == ["job-1"]


def test_released_holds_are_listed_to_call_with_the_phone_masked_until_opened(db: Any) -> None:
    desk = PickupDeskService(db, STORE, clock=lambda: WHEN)
    followups = PickupFollowUps(db, STORE, desk, clock=lambda: WHEN)
    entry = desk.reserve(11, 2, "陳小姐", "0912345678", CASHIER)
    rid = entry.record.reservation_id
    with pytest.raises(PickupError) as early:
        followups.reveal_phone(rid, CASHIER)
    assert early.value.code == "not_on_call_list"  # pending: its hold was not released
    _feed(db, rid, "expired", "PUQR000004", "2026-11-25T14:00:00+08:00")

    [row] = followups.call_list()
    assert row.entry.record.customer_name == "陳小姐" and row.entry.masked_phone == "0912***678"
    assert row.expired_at == "2026-11-25T14:00:00+08:00" and row.called_at is None
    assert [(i.name, i.qty) for i in row.entry.lines] == [(PUFF.name, 2)]
    assert followups.reveal_phone(rid, CASHIER) == "0912345678"
    followups.mark_called(rid, CASHIER)
    [row] = followups.call_list()
    assert row.called_at == WHEN.isoformat()
    if isinstance(db, FakeDatabase):
        shown = [a for a in db.state.audit if a[1] == "pickup.phone_shown"]
    else:
        with db.read() as session:
            shown = [a for a in session.query(AuditEntry).all() if a.action == "pickup.phone_shown"]
    assert len(shown) == 1
