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
