"""services.sql.insert_together: several tables' rows in one statement on PostgreSQL
(data-modifying CTEs), one statement per table on SQLite; the same rows either way."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from server_testkit import new_id
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from warehouse_api.db import Database
from warehouse_api.models import Sale, SaleLine, StockMovement, table_of
from warehouse_api.services.devices import issue_token, location_by_code
from warehouse_api.services.sql import insert_together


def _rows(store: tuple[int, int], sale_id: str, line_sale_id: str | None = None) -> list:  # type: ignore[type-arg]
    location_id, device_id = store
    now = datetime.now(UTC)
    sale = {
        "id": sale_id,
        "receipt_no": f"R-{sale_id[:8]}",
        "location_id": location_id,
        "device_id": device_id,
        "cashier_id": None,
        "op_id": new_id(),
        "total_cents": 300,
        "created_at": now,
        "received_at": now,
    }
    lines = [
        {
            "id": new_id(),
            "sale_id": line_sale_id or sale_id,
            "product_id": product_id,
            "qty": 1,
            "unit_price_cents": 100,
            "line_total_cents": 100,
            "list_price_cents": None,
            "discount_cents": 0,
            "override_reason": None,
            "fulfilment": "take",
        }
        for product_id in (1, 2, 3)
    ]
    ledger = [
        {
            "location_id": location_id,
            "product_id": 1,
            "delta": -1,
            "reason": "sale",
            "reference": sale_id,
            "device_id": device_id,
            "created_at": now,
        }
    ]
    return [
        (table_of(Sale), [sale]),
        (table_of(SaleLine), lines),
        (table_of(StockMovement), ledger),
    ]


def _counts(db: Database, sale_id: str) -> tuple[int, int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).where(Sale.id == sale_id)) or 0,
            session.scalar(select(func.count()).where(SaleLine.sale_id == sale_id)) or 0,
            session.scalar(select(func.count()).where(StockMovement.reference == sale_id)) or 0,
        )


@pytest.fixture
def database(db_url: str):  # type: ignore[no-untyped-def]
    db = Database.from_url(db_url)
    yield db
    db.dispose()


@pytest.fixture
def store(database: Database) -> tuple[int, int]:
    with database.write() as session:
        location_id = location_by_code(session, "S001").id
        return location_id, issue_token(session, "counter", location_id, "t").device_id


def test_rows_of_several_tables_go_in_together(database: Database, store: tuple[int, int]) -> None:
    statements: list[str] = []
    event.listen(
        database.engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_rest: statements.append(statement),
    )
    sale_id = new_id()
    with database.write() as session:
        insert_together(session, _rows(store, sale_id))
    assert _counts(database, sale_id) == (1, 3, 1)
    inserts = [s for s in statements if "INSERT" in s]
    assert len(inserts) == (1 if database.dialect == "postgresql" else 3)


def test_a_violation_in_one_table_leaves_none_of_the_rows(
    database: Database, store: tuple[int, int]
) -> None:
    sale_id = new_id()
    with pytest.raises(IntegrityError), database.write() as session:
        # the lines name a sale that does not exist: the foreign key refuses them
        insert_together(session, _rows(store, sale_id, line_sale_id=new_id()))
    assert _counts(database, sale_id) == (0, 0, 0)


def test_a_column_left_to_a_python_default_goes_the_ordinary_way(
    database: Database, store: tuple[int, int]
) -> None:
    """sales.received_at has a default computed in Python: left out, a text statement
    would store NULL; insert_together hands such rows to SQLAlchemy's inserts."""
    sale_id = new_id()
    tables = _rows(store, sale_id)
    del tables[0][1][0]["received_at"]
    with database.write() as session:
        insert_together(session, tables)
    with database.read() as session:
        assert session.scalar(select(Sale.received_at).where(Sale.id == sale_id)) is not None
    assert _counts(database, sale_id) == (1, 3, 1)
