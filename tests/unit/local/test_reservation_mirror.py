"""The pickup desk's mirror of the change feed: reservations are upserted as the feed
sends them, and the till's own hand-over mark survives a later feed page that still
says ``ready`` (the warehouse has not applied the hand-over yet)."""

from __future__ import annotations

from typing import Any

from counter_app.local import cache_writer
from counter_app.local.db import LocalDatabase
from counter_app.local.repositories import SqlUnitOfWork


def _change(status: str, code: str = "PU7K3M9Q2X") -> dict[str, Any]:
    return {
        "entity": "reservation",
        "op": "upsert",
        "id": "r1",
        "data": {
            "reservation_id": "r1",
            "kind": "pickup",
            "pickup_code": code,
            "status": status,
            "source_location_id": 1,
            "store_location_id": 2,
            "lines": [{"product_id": 10, "qty": 2}],
            "expires_at": None,
            "sale_id": None,
            "updated_at": "2026-11-25T02:00:00+00:00",
        },
    }


def test_the_feed_updates_a_reservation_but_never_undoes_a_hand_over(db: LocalDatabase) -> None:
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [_change("in_transit")], "2026-11-25T02:00:01+00:00")
        cache_writer.apply_feed_page(session, [_change("ready")], "2026-11-25T02:00:02+00:00")
    with db.transaction() as uow:
        found = uow.reservations.by_code("pu7k3m9q2x")
        assert found is not None and found.status == "ready" and found.lines == ((10, 2),)
        uow.reservations.mark_handed_over("r1", 3, "2026-11-25T10:00:00+08:00")
    with db.unit_of_work() as session:
        cache_writer.apply_feed_page(session, [_change("ready")], "2026-11-25T02:00:03+00:00")
    with db.snapshot() as uow:
        [record] = uow.reservations.all()
    assert (record.status, record.shown_status, record.handed_over_by) == ("ready", "picked_up", 3)
    assert isinstance(uow, SqlUnitOfWork)
