"""The push path's SQL shortcuts store exactly what SQLAlchemy's own way stores.

`execute_rows` (tuples through the driver's executemany on SQLite), `in_list` (an id
list as one JSON array) and `json_encoder` (json.dumps with its encoder built once)
replace slower equivalents in the push path; a stored byte that differed would change
what the feed, the claims and replays see.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from warehouse_api.db import Database, compact_json, json_encoder
from warehouse_api.models import (
    Base,
    ChangeLog,
    Device,
    Location,
    Product,
    Stock,
    StockMovement,
    SyncOp,
    table_of,
)
from warehouse_api.services.change_feed import _feed_statements
from warehouse_api.services.inventory import _STORE_ROW, _STORE_ROW_KEYS
from warehouse_api.services.sql import execute_rows, in_list

CLAIM_COLUMNS = ("op_id", "device_id", "type", "body_sha256", "result", "created_at")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'rows.db'}")
    Base.metadata.create_all(database.engine)
    with database.write() as session:
        session.add(Location(id=1, code="S001", name="店", kind="store"))
        session.add(Product(id=1, sku="P1", name="茶", category="c", price_cents=100))
        session.add(Product(id=2, sku="P2", name="咖啡", category="c", price_cents=100))
        session.flush()
        session.add(Device(id=1, name="till", role="counter", location_id=1, token_sha256="x"))
    yield database
    database.dispose()


def _raw(db: Database, sql: str) -> list[tuple[Any, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.connection().exec_driver_sql(sql)]


@pytest.mark.parametrize(
    "value",
    [
        {"b": 1, "a": [1, 2.5, None, True, False], "c": {"名": "茶 ☕", "q": 'say "hi"\\n'}},
        [1e16, -0.0, 3.14159, 10**30],
        "台北\t101",
        None,
        42,
        {},
    ],
)
def test_json_encoder_writes_what_json_dumps_writes(value: Any) -> None:
    assert compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert json_encoder(sort_keys=True)(value) == json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def test_execute_rows_stores_what_an_orm_executemany_stores(db: Database) -> None:
    taipei = timezone(timedelta(hours=8))
    shared = datetime(2026, 12, 1, 9, 30, 0, 123456, tzinfo=taipei)  # repeated: formatted once
    on_the_second = datetime(2026, 12, 1, 1, 0, 0, tzinfo=UTC)  # no microseconds
    results: list[Any] = [{"sale_id": "s", "negative_stock": [], "名": "茶"}, None]
    insert = table_of(SyncOp).insert()
    with db.write() as session:
        session.execute(
            insert,
            [
                dict(
                    zip(CLAIM_COLUMNS, (f"sa-{i}", 1, "sale", "0" * 64, result, when), strict=True)
                )
                for i, (result, when) in enumerate(
                    [(results[0], shared), (results[1], on_the_second), (results[0], shared)]
                )
            ],
        )
        execute_rows(
            session,
            insert,
            CLAIM_COLUMNS,
            [
                (f"rows-{i}", 1, "sale", "0" * 64, result, when)
                for i, (result, when) in enumerate(
                    [(results[0], shared), (results[1], on_the_second), (results[0], shared)]
                )
            ],
        )
    stored = _raw(db, "SELECT op_id, device_id, type, result, created_at FROM sync_ops ORDER BY id")
    by_sqlalchemy = [row[1:] for row in stored if row[0].startswith("sa-")]
    by_rows = [row[1:] for row in stored if row[0].startswith("rows-")]
    assert len(by_rows) == 3
    assert by_rows == by_sqlalchemy
    assert by_rows[0][3] == "2026-12-01 01:30:00.123456"  # UTC, as UTCDateTime stores it
    with db.read() as session:
        read_back = session.scalars(select(SyncOp).where(SyncOp.op_id == "rows-0")).one()
        assert read_back.result == results[0]
        assert read_back.created_at == shared


def test_execute_rows_runs_upserts_and_updates(db: Database) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    _advance, upsert = _feed_statements("sqlite")
    columns = ("entity", "entity_id", "seq", "op", "data", "scope_location_id", "changed_at")
    stock = table_of(Stock)
    with db.write() as session:
        session.add_all([Stock(location_id=1, product_id=1), Stock(location_id=1, product_id=2)])
        session.flush()
        execute_rows(
            session,
            upsert,
            columns,
            [("stock", "1:1", 1, "upsert", {"on_hand": 1}, None, now)],
        )
        execute_rows(
            session,
            upsert,
            columns,
            [
                ("stock", "1:1", 2, "upsert", {"on_hand": 2}, None, now),
                ("sale", "s1", 3, "delete", None, 1, now),
            ],
        )
        execute_rows(
            session, _STORE_ROW, _STORE_ROW_KEYS, [(5, 2, True, 1, 1), (-1, 0, False, 1, 2)]
        )
    assert _raw(db, "SELECT entity, entity_id, seq, data FROM change_log ORDER BY seq") == [
        ("stock", "1:1", 2, '{"on_hand":2}'),
        ("sale", "s1", 3, "null"),  # a JSON column's None is JSON null, as SQLAlchemy writes it
    ]
    with db.read() as session:
        rows = session.execute(
            select(
                stock.c.product_id, stock.c.on_hand, stock.c.reserved, stock.c.needs_count
            ).order_by(stock.c.product_id)
        ).all()
        assert [tuple(row) for row in rows] == [(1, 5, 2, True), (2, -1, 0, False)]
        assert session.scalar(select(ChangeLog.data).where(ChangeLog.entity_id == "s1")) is None


def test_execute_rows_raises_sqlalchemys_integrity_error(db: Database) -> None:
    row = ("op-1", 1, "sale", "0" * 64, {}, datetime(2026, 12, 1, tzinfo=UTC))
    with pytest.raises(IntegrityError), db.write() as session:
        execute_rows(session, table_of(SyncOp).insert(), CLAIM_COLUMNS, [row, row])


def test_execute_rows_refuses_rows_that_do_not_fit_the_statement(db: Database) -> None:
    when = datetime(2026, 12, 1, tzinfo=UTC)
    with db.write() as session:
        with pytest.raises(ValueError, match="statement takes"):
            execute_rows(
                session,
                table_of(SyncOp).insert(),
                ("device_id", "op_id", "type", "body_sha256", "result", "created_at"),
                [(1, "op-1", "sale", "0" * 64, {}, when)],
            )
        with pytest.raises(ValueError, match="default computed in Python"):
            execute_rows(  # created_at has a Python default (utcnow) the driver cannot apply
                session,
                table_of(StockMovement).insert(),
                ("location_id", "product_id", "delta", "reason", "reference", "device_id"),
                [(1, 1, -1, "sale", "s1", 1)],
            )


def test_in_list_finds_the_listed_values(db: Database) -> None:
    products = table_of(Product).c
    with db.read() as session:
        query = select(products.id).where(in_list(products.id, "p_ids", "sqlite"))
        assert set(session.scalars(query, {"p_ids": [2, 3, 2]})) == {2}
        by_sku = select(products.sku).where(in_list(products.sku, "p_skus", "sqlite"))
        assert set(session.scalars(by_sku, {"p_skus": ["P1", "p2", "P2"]})) == {"P1", "P2"}
        assert set(session.scalars(query, {"p_ids": []})) == set()
