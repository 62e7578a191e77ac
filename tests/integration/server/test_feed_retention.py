from __future__ import annotations

from datetime import timedelta

import pytest
from server_testkit import Server
from sqlalchemy import update

from warehouse_api.config import Settings
from warehouse_api.models import ChangeLog, utcnow
from warehouse_api.services.sweeper import sweep_once


def _pull(server: Server, token: str, cursor: int) -> dict:
    with server.client(token) as client:
        response = client.get("/sync/pull", params={"cursor": cursor, "limit": 5000})
    assert response.status_code == 200, response.text
    return response.json()


def test_deleted_staff_leaves_a_tombstone_and_old_cursors_get_a_reset(server: Server) -> None:
    admin = server.token("admin")
    counter = server.enroll("S001")
    head = _pull(server, counter, 0)["cursor"]
    with server.client(admin) as client:
        created = client.post(
            "/admin/staff",
            json={"name": "新人", "role": "cashier", "location_code": "S001", "pin": "4321"},
        ).json()
        assert client.post(f"/admin/staff/{created['id']}/deactivate").status_code == 200
    changes = _pull(server, counter, head)["changes"]
    [tombstone] = [c for c in changes if c["entity"] == "staff"]
    assert tombstone == {**tombstone, "op": "delete", "id": str(created["id"]), "data": None}

    # Young tombstones survive a sweep; a month-old one is purged.
    assert sweep_once(server.db, Settings()).purged_tombstones == 0
    with server.db.write() as session:
        session.execute(
            update(ChangeLog)
            .where(ChangeLog.op == "delete")
            .values(changed_at=utcnow() - timedelta(days=31))
        )
    assert sweep_once(server.db, Settings()).purged_tombstones == 1

    stale = _pull(server, counter, head)
    assert stale == {"changes": [], "cursor": 0, "has_more": True, "reset": True}
    fresh = _pull(server, counter, 0)
    assert fresh["reset"] is False
    assert str(created["id"]) not in {c["id"] for c in fresh["changes"] if c["entity"] == "staff"}
    current = _pull(server, counter, fresh["cursor"])
    assert current["reset"] is False and current["changes"] == []


@pytest.mark.postgres
def test_alembic_migrations_match_the_models(pg_schema_url: str) -> None:
    """PostgreSQL's schema comes from migrations: they must not drift from the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from warehouse_api.db import Database
    from warehouse_api.models import Base

    db = Database.from_url(pg_schema_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    assert differences == []


def test_op_claims_are_kept_for_their_retention_then_a_replay_still_cannot_apply_twice(
    server: Server,
) -> None:
    from warehouse_api.models import SyncOp

    counter = server.enroll("S001")
    with server.client(counter) as client:
        pulled = client.get("/sync/pull", params={"cursor": 0, "limit": 5000}).json()
    product = next(c["data"] for c in pulled["changes"] if c["entity"] == "product")
    op = {
        "op_id": "01930000-0000-7000-8000-000000000001",
        "type": "sale",
        "created_at": "2026-08-01T10:00:00+08:00",
        "payload": {
            "sale_id": "01930000-0000-7000-8000-000000000002",
            "receipt_no": "RS001-260801-0001",
            "cashier_id": 1,
            "created_at": "2026-08-01T10:00:00+08:00",
            "total_cents": product["price_cents"],
            "lines": [
                {
                    "line_id": "01930000-0000-7000-8000-000000000003",
                    "product_id": product["id"],
                    "qty": 1,
                    "unit_price_cents": product["price_cents"],
                    "line_total_cents": product["price_cents"],
                }
            ],
            "payments": [
                {
                    "payment_id": "01930000-0000-7000-8000-000000000004",
                    "method": "cash",
                    "amount_cents": product["price_cents"],
                    "tendered_cents": product["price_cents"],
                    "change_cents": 0,
                }
            ],
        },
    }

    def push() -> dict:
        with server.client(counter) as client:
            response = client.post("/sync/push", json={"ops": [op]})
        assert response.status_code == 200, response.text
        return response.json()["results"][0]

    assert push()["status"] == "applied"
    assert sweep_once(server.db, Settings()).purged_op_claims == 0  # young: kept
    assert push()["status"] == "duplicate"
    with server.db.write() as session:
        session.execute(update(SyncOp).values(created_at=utcnow() - timedelta(days=91)))
    assert sweep_once(server.db, Settings()).purged_op_claims >= 1
    late = push()  # a till that was off for three months replays it
    assert late["status"] == "rejected" and late["problem"]["code"] == "idempotency_key_reused"
    with server.db.read() as session:
        from sqlalchemy import func, select

        from warehouse_api.models import Sale

        assert (
            session.scalar(
                select(func.count()).select_from(Sale).where(Sale.receipt_no == "RS001-260801-0001")
            )
            == 1
        )
