"""`execute_rows` on PostgreSQL: a plain INSERT of many rows goes as COPY and stores
exactly what SQLAlchemy's executemany stores; its errors are SQLAlchemy's, and a
savepoint around it takes it back as it takes back an INSERT."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from warehouse_api.db import Database
from warehouse_api.models import SyncOp, table_of
from warehouse_api.services import sql
from warehouse_api.services.devices import issue_token, location_by_code
from warehouse_api.services.sql import COPY_FROM_ROWS, execute_rows

pytestmark = pytest.mark.postgres

CLAIM_COLUMNS = ("op_id", "device_id", "type", "body_sha256", "result", "created_at")
TAIPEI = timezone(timedelta(hours=8))


@pytest.fixture
def db(postgres_url: str) -> Iterator[Database]:
    database = Database.from_url(postgres_url)
    yield database
    database.dispose()


@pytest.fixture
def device_id(db: Database) -> int:
    with db.write() as session:
        store = location_by_code(session, "S001").id
        return issue_token(session, "counter", store, "copy-till").device_id


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each COPY wrote (so a test knows which way its rows went)."""
    written: list[int] = []
    copy_rows = sql._copy_rows

    def counted(session: Any, statement: Any, keys: Any, rows: Any, dialect: Any) -> None:
        copy_rows(session, statement, keys, rows, dialect)
        written.append(len(rows))

    monkeypatch.setattr(sql, "_copy_rows", counted)
    return written


def _claims(prefix: str, device_id: int, count: int) -> list[tuple[Any, ...]]:
    results: list[Any] = [
        {"sale_id": "s", "negative_stock": [], "名": '茶 "☕"\\', "n": 10**12},
        None,
        {"nested": [1, 2.5, None, True]},
    ]
    return [
        (
            f"{prefix}-{i:03d}",
            device_id,
            "sale",
            f"{i:064d}",
            results[i % 3],
            datetime(2026, 12, 1, 9, 30, i % 60, 123456, tzinfo=TAIPEI),
        )
        for i in range(count)
    ]


def _stored(db: Database, prefix: str) -> list[tuple[Any, ...]]:
    columns = (SyncOp.op_id, SyncOp.device_id, SyncOp.type, SyncOp.body_sha256)
    with db.read() as session:
        rows = session.execute(
            select(*columns, SyncOp.created_at, SyncOp.result)
            .where(SyncOp.op_id.startswith(prefix))
            .order_by(SyncOp.op_id)
        ).all()
    return [(row[0][len(prefix) :], *row[1:]) for row in rows]


def test_copy_stores_what_executemany_stores(
    db: Database, device_id: int, copies: list[int]
) -> None:
    count = COPY_FROM_ROWS + 5
    insert = table_of(SyncOp).insert()
    with db.write() as session:
        session.execute(
            insert,
            [dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in _claims("sa", device_id, count)],
        )
        execute_rows(session, insert, CLAIM_COLUMNS, _claims("cp", device_id, count))
    assert copies == [count]
    by_copy, by_sqlalchemy = _stored(db, "cp"), _stored(db, "sa")
    assert len(by_copy) == count
    assert by_copy == by_sqlalchemy
    assert by_copy[0][4] == datetime(2026, 12, 1, 1, 30, 0, 123456, tzinfo=UTC)
    assert by_copy[0][5]["名"] == '茶 "☕"\\'
    assert by_copy[1][5] is None


def test_few_rows_go_through_executemany(db: Database, device_id: int, copies: list[int]) -> None:
    with db.write() as session:
        execute_rows(
            session,
            table_of(SyncOp).insert(),
            CLAIM_COLUMNS,
            _claims("few", device_id, COPY_FROM_ROWS - 1),
        )
    assert copies == []
    assert len(_stored(db, "few")) == COPY_FROM_ROWS - 1


def test_a_unique_violation_is_sqlalchemys_and_a_savepoint_takes_the_copy_back(
    db: Database, device_id: int, copies: list[int]
) -> None:
    rows = _claims("dup", device_id, COPY_FROM_ROWS)
    insert = table_of(SyncOp).insert()
    with db.write() as session:
        execute_rows(session, insert, CLAIM_COLUMNS, rows[:1])  # executemany: one row
        with pytest.raises(IntegrityError, match="sync_ops"), session.begin_nested():
            execute_rows(session, insert, CLAIM_COLUMNS, rows)  # COPY: the first row taken
        # The transaction goes on after the savepoint, as after a failed INSERT.
        execute_rows(session, insert, CLAIM_COLUMNS, _claims("after", device_id, COPY_FROM_ROWS))
    assert copies == [COPY_FROM_ROWS]  # the failed COPY did not count
    assert [row[0] for row in _stored(db, "dup")] == ["-000"]
    assert len(_stored(db, "after")) == COPY_FROM_ROWS


def test_a_failed_copy_fails_the_transaction_and_keeps_nothing(
    db: Database, device_id: int
) -> None:
    rows = _claims("gone", device_id, COPY_FROM_ROWS)
    with pytest.raises(IntegrityError), db.write() as session:
        execute_rows(session, table_of(SyncOp).insert(), CLAIM_COLUMNS, rows + rows[:1])
    assert _stored(db, "gone") == []


def test_rows_leaving_out_a_python_default_are_refused(db: Database, device_id: int) -> None:
    """COPY would store the server's default (none) where SQLAlchemy computes one."""
    from warehouse_api.models import StockMovement

    columns = ("location_id", "product_id", "delta", "reason", "reference", "device_id")
    rows = [(1, 1, -1, "sale", f"s{i}", device_id) for i in range(COPY_FROM_ROWS)]
    with pytest.raises(ValueError, match="default computed in Python"), db.write() as session:
        execute_rows(session, table_of(StockMovement).insert(), columns, rows)
