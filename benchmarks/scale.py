"""The warehouse at chain scale, each figure beside a floor measured in the same run.

    python -m benchmarks.scale --out benchmarks/results/scale.json
    python -m benchmarks.scale --backends postgresql --parts drain,flash --tills-seconds 20

Per backend (PostgreSQL: its own schema, dropped at the end; SQLite: a temp file),
on a freshly seeded 500-product demo catalog, against `warehouse-api serve` in a
subprocess (2 workers, one per core, on either backend):

* drain: one till pushes 10,000 queued sales (3 lines and a payment each) in
  batches of 500, as the counter's outbox relay does; every sale checked exactly
  once. Floor: the driver alone (psycopg / sqlite3) writing the same rows (sale,
  lines, payment, claim, ledger, stock update, and the change feed's rows: one per
  sale and one per stock row, numbered from `feed_state`), one transaction per 500
  sales, in a twin database seeded the same way (`drain_floor_in_twin`: the API
  then starts from the tables the floor started from, not from the floor's 10,000
  sales more). `drain_10k_floor_without_feed_s`: the same run's time less the feed's
  statements (about the floor before it wrote the feed; its commits still carry the
  feed's pages, so a little above it).
* flash: 100 clients, 5,000 orders of one unit for 1,000 available units of one
  product: 60 clients are the group-buy channel (`Idempotency-Key`), 40 are store
  tills reserving for pickup (`reservation.create`). Exactly 1,000 must win, every
  refusal `insufficient_stock`, the ledger balanced. Floor: the same 100
  connections looping a bare conditional UPDATE (autocommit) for the same 5,000
  attempts on another product with 1,000 available.
* flashbatch: the same 5,000 orders for 1,000 units (another product), all from the
  group-buy channel, each of the 100 clients forwarding its 50 orders as
  `POST /group-buy/orders:batch` of 25 (`flash_sale_batched_*`; the floor is the
  flash floor above). Then every batch is sent again: nothing new may be placed.
  `flash_sale_orders_per_s` stays the per-request figure the issue asks for.
* tills: 200 simulated tills spread over the stores, each pushing a one-to-three
  line sale every 3 s and pulling the feed every 5 s (the counter's defaults: push
  2 s, pull 5 s), plus the group-buy channel ordering 10 times a second, for a
  fixed time. Push latency p50/p95/p99, feed lag (from a push's answer, which comes
  after its commit, to the first pull by another till of that store that brings the
  sale), errors (any non-2xx answer, any rejected sale), then exactly-once and the
  ledger.

Loopback only; every loop is bounded by a count or a deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import random
import resource
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select

from benchmarks import load_client
from benchmarks.harness import percentile
from benchmarks.load_client import LoadConnection
from warehouse_api.db import Database, compact_json
from warehouse_api.demo_data import seed_demo
from warehouse_api.embedded import serve_in_subprocess
from warehouse_api.models import (
    Location,
    Product,
    Reservation,
    Sale,
    SaleLine,
    StockMovement,
)
from warehouse_api.services.devices import issue_token, location_by_code
from warehouse_api.services.feed_data import sale_fields, stock_data
from warehouse_api.services.inventory import adjust_stock, check_ledger, hold_rows, read_level

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CATALOG_PRODUCTS = 500
DRAIN_SALES = 10_000
DRAIN_BATCH = 500
FLASH_CLIENTS = 100
FLASH_ORDERS = 5_000
FLASH_UNITS = 1_000
FLASH_CHANNEL_CLIENTS = 60
FLASH_PRODUCT = 7
FLASH_FLOOR_PRODUCT = 8
FLASH_BATCH_PRODUCT = 9
FLASH_BATCH_SIZE = 25
TILLS = 200
TILL_PUSH_EVERY_S = 3.0
TILL_PULL_EVERY_S = 5.0
CHANNEL_ORDERS_PER_S = 10.0
API = "/api/v1"


# --- plumbing -------------------------------------------------------------------------


class Http:
    """A keep-alive HTTP/1.1 connection (http.client: the lightest client in the stdlib,
    so the load generator spends little of the machine's two cores on itself)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        payload = json.dumps(body).encode() if body is not None else None
        for attempt in (1, 2):
            try:
                self.conn.request(method, API + path, payload, {**self.headers, **(headers or {})})
                response = self.conn.getresponse()
                data = response.read()
                return response.status, json.loads(data) if data else None
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


@contextmanager
def _database(backend: str, pg_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
            yield f"sqlite:///{Path(folder) / 'warehouse.db'}"
        return
    import psycopg

    schema = f"bench_scale_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{pg_url}?options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def _driver_connect(db_url: str) -> Any:
    """A bare driver connection to the same database: psycopg or sqlite3."""
    if db_url.startswith("sqlite"):
        conn = sqlite3.connect(
            db_url.removeprefix("sqlite:///"),
            timeout=60,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")  # as the warehouse's connections
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    import psycopg

    base, _, query = db_url.replace("+psycopg", "").partition("?")
    schema = query.split("%3D", 1)[1]
    return psycopg.connect(base, autocommit=True, options=f"-csearch_path={schema}")


def _placeholder(db_url: str) -> str:
    return "?" if db_url.startswith("sqlite") else "%s"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _token(db: Database, role: str, location_code: str | None, name: str) -> str:
    with db.write() as session:
        location = location_by_code(session, location_code).id if location_code else None
        return issue_token(session, role, location, name).token


def _set_available(db: Database, product_id: int, available: int) -> tuple[int, int]:
    with db.write() as session:
        warehouse = location_by_code(session, "WH01").id
        level = read_level(session, warehouse, product_id)
        assert level is not None
        adjusted = adjust_stock(
            session,
            warehouse,
            product_id,
            on_hand_delta=available - level.available,
            reason="count",
            reference="benchmark",
            device_id=None,
        )
        return adjusted.on_hand, adjusted.reserved


def _ledger_balanced(db: Database) -> bool:
    with db.read() as session:
        return check_ledger(session) == []


def _sale_op(rng: random.Random, products: list[int], receipt: str, lines: int) -> dict[str, Any]:
    sale_id = str(uuid.uuid4())
    chosen = rng.sample(products, lines)
    sale_lines = []
    for product_id in chosen:
        qty = rng.randint(1, 2)
        sale_lines.append(
            {
                "line_id": str(uuid.uuid4()),
                "product_id": product_id,
                "qty": qty,
                "unit_price_cents": 4500,
                "line_total_cents": 4500 * qty,
            }
        )
    total = sum(line["line_total_cents"] for line in sale_lines)
    return {
        "op_id": str(uuid.uuid4()),
        "type": "sale",
        "created_at": _now(),
        "payload": {
            "sale_id": sale_id,
            "receipt_no": receipt,
            "created_at": _now(),
            "total_cents": total,
            "lines": sale_lines,
            "payments": [
                {
                    "payment_id": str(uuid.uuid4()),
                    "method": "cash",
                    "amount_cents": total,
                    "tendered_cents": total,
                    "change_cents": 0,
                }
            ],
        },
    }


def _product_ids(db: Database) -> list[int]:
    with db.read() as session:
        return list(session.scalars(select(Product.id).order_by(Product.id)))


# --- drain ----------------------------------------------------------------------------


def drain(db: Database, db_url: str, base_url: str) -> dict[str, Any]:
    rng = random.Random(10)
    products = [
        p
        for p in _product_ids(db)
        if p not in (FLASH_PRODUCT, FLASH_FLOOR_PRODUCT, FLASH_BATCH_PRODUCT)
    ]
    token = _token(db, "counter", "S001", "bench-drain-till")
    ops = [_sale_op(rng, products, f"RS001-261201-D{i:05d}", 3) for i in range(DRAIN_SALES)]
    client = Http(base_url, token)
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    for start in range(0, len(ops), DRAIN_BATCH):
        status, body = client.request(
            "POST", "/sync/push", {"ops": ops[start : start + DRAIN_BATCH]}
        )
        if status != 200:
            raise RuntimeError(f"drain push answered {status}: {body}")
        statuses.update(result["status"] for result in body["results"])
    seconds = time.perf_counter() - started
    client.close()
    sale_ids = [op["payload"]["sale_id"] for op in ops]
    with db.read() as session:
        stored = moved = 0
        for start in range(0, len(sale_ids), 1000):
            chunk = sale_ids[start : start + 1000]
            stored += session.scalar(select(func.count()).where(Sale.id.in_(chunk))) or 0
            moved += (
                session.scalar(select(func.count()).where(StockMovement.reference.in_(chunk))) or 0
            )
    return {
        "drain_10k_s": round(seconds, 2),
        "drain_applied": statuses["applied"],
        "drain_exactly_once": stored == DRAIN_SALES and moved == 3 * DRAIN_SALES,
    }


def drain_floor(db: Database, db_url: str) -> dict[str, Any]:
    """The same rows written by the bare driver, one transaction per 500 sales."""
    rng = random.Random(11)
    products = [
        p
        for p in _product_ids(db)
        if p not in (FLASH_PRODUCT, FLASH_FLOOR_PRODUCT, FLASH_BATCH_PRODUCT)
    ]
    with db.write() as session:
        store = location_by_code(session, "S002").id
        device_id = issue_token(session, "counter", store, "bench-floor").device_id
    ops = [_sale_op(rng, products, f"RS002-261201-F{i:05d}", 3) for i in range(DRAIN_SALES)]
    with db.write() as session:  # the floor's UPDATEs need the rows (the API makes them)
        hold_rows(session, store, products)
    p = _placeholder(db_url)
    conn = _driver_connect(db_url)
    now = datetime.now(UTC)
    sql_claim = f"INSERT INTO sync_ops (op_id, device_id, type, body_sha256, result, created_at) VALUES ({','.join([p] * 6)})"
    sql_sale = (
        "INSERT INTO sales (id, receipt_no, location_id, device_id, cashier_id, op_id, total_cents,"
        f" created_at, received_at) VALUES ({','.join([p] * 9)})"
    )
    sql_line = (
        "INSERT INTO sale_lines (id, sale_id, product_id, qty, unit_price_cents, line_total_cents)"
        f" VALUES ({','.join([p] * 6)})"
    )
    sql_payment = (
        "INSERT INTO payments (id, sale_id, method, amount_cents, tendered_cents, change_cents)"
        f" VALUES ({','.join([p] * 6)})"
    )
    sql_move = (
        "INSERT INTO stock_movements (location_id, product_id, delta, reason, reference, device_id,"
        f" created_at) VALUES ({','.join([p] * 7)})"
    )
    sql_stock = (
        f"UPDATE stock SET on_hand = on_hand - {p} WHERE location_id = {p} AND product_id = {p}"
    )
    is_sqlite = db_url.startswith("sqlite")
    json_param = p if is_sqlite else f"{p}::json"
    sql_advance = f"UPDATE feed_state SET last_seq = last_seq + {p} WHERE id = 1 RETURNING last_seq"
    sql_figures = (
        "SELECT product_id, on_hand, reserved, safety_stock FROM stock"
        f" WHERE location_id = {p} AND product_id IN ({','.join([p] * len(products))})"
    )
    sql_change = (
        "INSERT INTO change_log (entity, entity_id, seq, op, data, scope_location_id,"
        f" changed_at) VALUES ({p}, {p}, {p}, 'upsert', {json_param}, {p}, {p})"
        " ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, op = excluded.op,"
        " data = excluded.data, scope_location_id = excluded.scope_location_id,"
        " changed_at = excluded.changed_at"
    )
    stamp: Any = now.isoformat() if is_sqlite else now
    result = json.dumps({"negative_stock": []})
    feed_seconds = 0.0
    started = time.perf_counter()
    for start in range(0, len(ops), DRAIN_BATCH):
        chunk = ops[start : start + DRAIN_BATCH]
        claims, sales, lines, payments, moves, stock = [], [], [], [], [], []
        for op in chunk:
            s = op["payload"]
            claims.append((op["op_id"], device_id, "sale", "0" * 64, result, stamp))
            sales.append(
                (
                    s["sale_id"],
                    s["receipt_no"],
                    store,
                    device_id,
                    None,
                    op["op_id"],
                    s["total_cents"],
                    stamp,
                    stamp,
                )
            )
            for line in s["lines"]:
                lines.append(
                    (
                        line["line_id"],
                        s["sale_id"],
                        line["product_id"],
                        line["qty"],
                        line["unit_price_cents"],
                        line["line_total_cents"],
                    )
                )
                moves.append(
                    (
                        store,
                        line["product_id"],
                        -line["qty"],
                        "sale",
                        s["sale_id"],
                        device_id,
                        stamp,
                    )
                )
                stock.append((line["qty"], store, line["product_id"]))
            payments.extend(
                (
                    pay["payment_id"],
                    s["sale_id"],
                    pay["method"],
                    pay["amount_cents"],
                    pay["tendered_cents"],
                    pay["change_cents"],
                )
                for pay in s["payments"]
            )
        stock.sort(key=lambda row: (row[1], row[2]))
        if is_sqlite:
            conn.execute("BEGIN IMMEDIATE")
            cursor = conn
        else:
            transaction = conn.transaction()
            transaction.__enter__()
            cursor = conn.cursor()
        cursor.executemany(sql_claim, claims)
        cursor.executemany(sql_sale, sales)
        cursor.executemany(sql_line, lines)
        cursor.executemany(sql_payment, payments)
        cursor.executemany(sql_stock, stock)
        cursor.executemany(sql_move, moves)
        feed_started = time.perf_counter()
        figures = cursor.execute(sql_figures, [store, *products]).fetchall()
        # The feed's data as the server builds it (services/feed_data.py).
        changes = [
            (
                "sale",
                op["payload"]["sale_id"],
                compact_json(
                    sale_fields(
                        op["payload"]["sale_id"],
                        op["payload"]["receipt_no"],
                        store,
                        op["payload"]["total_cents"],
                        datetime.fromisoformat(op["payload"]["created_at"]),
                    )
                ),
                store,
            )
            for op in chunk
        ]
        touched = {row[2] for row in stock}
        changes += [
            (
                "stock",
                f"{store}:{product_id}",
                compact_json(stock_data(store, product_id, on_hand, reserved, safety)),
                None,
            )
            for product_id, on_hand, reserved, safety in figures
            if product_id in touched
        ]
        last = cursor.execute(sql_advance, (len(changes),)).fetchone()[0]
        first = last - len(changes) + 1
        cursor.executemany(
            sql_change,
            [
                (entity, entity_id, first + index, data, scope, stamp)
                for index, (entity, entity_id, data, scope) in enumerate(changes)
            ],
        )
        feed_seconds += time.perf_counter() - feed_started
        if is_sqlite:
            conn.execute("COMMIT")
        else:
            transaction.__exit__(None, None, None)
    seconds = time.perf_counter() - started
    conn.close()
    return {
        "drain_10k_floor_s": round(seconds, 2),
        "drain_10k_floor_without_feed_s": round(seconds - feed_seconds, 2),
    }


def drain_floor_in_twin(backend: str, pg_url: str) -> dict[str, Any]:
    """`drain_floor` in a database of its own, seeded as the API's is, so the floor and
    the API each write their 10,000 sales into the same starting tables. In the API's
    own database the floor left 10,000 sales, 30,000 lines and their ledger behind,
    and inserts of random ids into bigger indexes touch more pages: the floor run
    twice in a row in one SQLite database took 1.75 s, then 2.58 s (its commits 0.56
    then 1.23 s, the lines' inserts 0.30 then 0.47 s)."""
    with _database(backend, pg_url) as twin_url:
        twin = Database.from_url(twin_url)
        try:
            seed_demo(twin, products=CATALOG_PRODUCTS)
            return drain_floor(twin, twin_url)
        finally:
            twin.dispose()


# --- flash sale -----------------------------------------------------------------------


def flash_sale(db: Database, db_url: str, base_url: str) -> dict[str, Any]:
    on_hand_before, reserved_before = _set_available(db, FLASH_PRODUCT, FLASH_UNITS)
    channel = _token(db, "group_buy", None, "bench-flash-channel")
    stores = ("S001", "S002", "S003")
    tills = [_token(db, "counter", code, f"bench-flash-{code}") for code in stores]
    per_client = FLASH_ORDERS // FLASH_CLIENTS
    outcomes: Counter[str] = Counter()
    lines = [{"product_id": FLASH_PRODUCT, "qty": 1}]
    ready: list[int] = []

    async def client(index: int, start: asyncio.Event) -> Counter[str]:
        is_channel = index < FLASH_CHANNEL_CLIENTS
        http = LoadConnection(base_url, channel if is_channel else tills[index % len(tills)])
        await http.request("GET", "/health")  # connect before the start
        ready.append(index)
        mine: Counter[str] = Counter()
        await start.wait()
        for _ in range(per_client):
            if is_channel:
                status, body = await http.request(
                    "POST",
                    "/group-buy/orders",
                    {"lines": lines},
                    {"Idempotency-Key": str(uuid.uuid4())},
                )
                outcome = "sold" if status == 201 else f"{status}:{(body or {}).get('code')}"
            else:
                op = {
                    "op_id": str(uuid.uuid4()),
                    "type": "reservation.create",
                    "created_at": _now(),
                    "payload": {"reservation_id": str(uuid.uuid4()), "lines": lines},
                }
                status, body = await http.request("POST", "/sync/push", {"ops": [op]})
                if status != 200:
                    outcome = f"{status}:{(body or {}).get('code')}"
                else:
                    [result] = body["results"]
                    outcome = (
                        "sold"
                        if result["status"] == "applied"
                        else f"409:{result['problem']['code']}"
                    )
            mine[outcome] += 1
        await http.close()
        return mine

    async def race() -> float:
        start = asyncio.Event()
        clients = [asyncio.create_task(client(i, start)) for i in range(FLASH_CLIENTS)]
        deadline = time.monotonic() + 60
        while len(ready) < FLASH_CLIENTS and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # every client connects before the start
        started = time.perf_counter()
        start.set()
        for counted in await asyncio.gather(*clients):
            outcomes.update(counted)
        return time.perf_counter() - started

    seconds = float(load_client.run(race))
    with db.read() as session:
        warehouse = location_by_code(session, "WH01").id
        after = read_level(session, warehouse, FLASH_PRODUCT)
    assert after is not None
    return {
        "flash_sale_sold": outcomes["sold"],
        "flash_sale_units": FLASH_UNITS,
        "flash_sale_orders": FLASH_ORDERS,
        "flash_sale_refused_insufficient_stock": outcomes["409:insufficient_stock"],
        "flash_sale_other_outcomes": {
            k: v for k, v in outcomes.items() if k not in ("sold", "409:insufficient_stock")
        },
        "flash_sale_reserved_delta": after.reserved - reserved_before,
        "flash_sale_on_hand_unchanged": after.on_hand == on_hand_before,
        "flash_sale_orders_per_s": round(FLASH_ORDERS / seconds, 1),
        "flash_sale_ledger_balanced": _ledger_balanced(db),
    }


def flash_sale_batched(db: Database, base_url: str) -> dict[str, Any]:
    """The same race with the channel forwarding its orders in batches: 100 clients, each
    sending its 50 orders as `POST /group-buy/orders:batch` of FLASH_BATCH_SIZE, for
    1,000 units of another product. Then every batch is sent again: a replay must place
    nothing new (every sold key answers 200 with its order, nothing answers 201)."""
    on_hand_before, reserved_before = _set_available(db, FLASH_BATCH_PRODUCT, FLASH_UNITS)
    channel = _token(db, "group_buy", None, "bench-flash-batch-channel")
    per_client = FLASH_ORDERS // FLASH_CLIENTS
    lines = [{"product_id": FLASH_BATCH_PRODUCT, "qty": 1}]
    batches = [
        [
            [
                {"idempotency_key": str(uuid.uuid4()), "lines": lines}
                for _ in range(min(FLASH_BATCH_SIZE, per_client - start))
            ]
            for start in range(0, per_client, FLASH_BATCH_SIZE)
        ]
        for _ in range(FLASH_CLIENTS)
    ]
    outcomes: Counter[str] = Counter()
    sold: dict[str, str] = {}  # idempotency key -> order id
    replayed: Counter[str] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(FLASH_CLIENTS)

    def send(http: Http, orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
        status, body = http.request("POST", "/group-buy/orders:batch", {"orders": orders})
        if status != 200:
            raise RuntimeError(f"batch answered {status}: {body}")
        results: list[dict[str, Any]] = body["results"]
        return results

    def client(index: int) -> None:
        http = Http(base_url, channel)
        http.request("GET", "/health")  # connect before the start
        answers: list[dict[str, Any]] = []
        barrier.wait()
        for orders in batches[index]:
            answers.extend(send(http, orders))
        http.close()
        with lock:
            for answer in answers:
                if answer["status"] == 201:
                    outcomes["sold"] += 1
                    sold[answer["idempotency_key"]] = answer["order"]["reservation_id"]
                else:
                    outcomes[f"{answer['status']}:{answer['problem']['code']}"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(FLASH_CLIENTS)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()  # the barrier holds every client until all are connected
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    with db.read() as session:
        warehouse = location_by_code(session, "WH01").id
        after = read_level(session, warehouse, FLASH_BATCH_PRODUCT)
    assert after is not None
    http = Http(base_url, channel)
    for client_batches in batches:
        for orders in client_batches:
            for answer in send(http, orders):
                key = answer["idempotency_key"]
                same = answer["status"] == 200 and answer["order"]["reservation_id"] == sold.get(
                    key
                )
                refused = answer["status"] == 409 and key not in sold
                replayed["as before" if same or refused else f"changed:{answer['status']}"] += 1
    http.close()
    with db.read() as session:
        again = read_level(session, warehouse, FLASH_BATCH_PRODUCT)
        order_ids = sorted(set(sold.values()))
        stored = 0
        for start in range(0, len(order_ids), 1000):
            chunk = order_ids[start : start + 1000]
            stored += (
                session.scalar(
                    select(func.count()).where(
                        Reservation.id.in_(chunk), Reservation.status == "confirmed"
                    )
                )
                or 0
            )
    return {
        "flash_sale_batched_sold": outcomes["sold"],
        "flash_sale_batched_orders": FLASH_ORDERS,
        "flash_sale_batched_batch_size": FLASH_BATCH_SIZE,
        "flash_sale_batched_requests": sum(len(b) for b in batches),
        "flash_sale_batched_refused_insufficient_stock": outcomes["409:insufficient_stock"],
        "flash_sale_batched_other_outcomes": {
            k: v for k, v in outcomes.items() if k not in ("sold", "409:insufficient_stock")
        },
        "flash_sale_batched_reserved_delta": after.reserved - reserved_before,
        "flash_sale_batched_on_hand_unchanged": after.on_hand == on_hand_before,
        "flash_sale_batched_orders_per_s": round(FLASH_ORDERS / seconds, 1),
        "flash_sale_batched_exactly_once": (
            replayed == Counter({"as before": FLASH_ORDERS})
            and again == after
            and stored == len(sold) == outcomes["sold"]
        ),
        "flash_sale_batched_ledger_balanced": _ledger_balanced(db),
    }


def flash_floor(db: Database, db_url: str) -> dict[str, Any]:
    """100 bare connections looping a conditional UPDATE, autocommit, 5,000 attempts.

    PostgreSQL's max_connections is shared with whatever else runs on the machine: if
    fewer than 100 connections can be had, the floor runs on those (and says so)."""
    _set_available(db, FLASH_FLOOR_PRODUCT, FLASH_UNITS)
    with db.read() as session:
        warehouse = session.scalar(select(Location.id).where(Location.code == "WH01"))
    p = _placeholder(db_url)
    sql = (
        f"UPDATE stock SET reserved = reserved + 1 WHERE location_id = {p} AND product_id = {p}"
        " AND on_hand - reserved - safety_stock >= 1 RETURNING reserved"
    )
    conns = []
    for _ in range(FLASH_CLIENTS):
        try:
            conns.append(_driver_connect(db_url))
        except Exception as error:  # too many clients: use what we have
            print(f"flash floor: {len(conns)} connections ({error})", file=sys.stderr)
            break
    if len(conns) < FLASH_CLIENTS and len(conns) > 10:
        conns.pop().close()  # leave the others a connection
    clients = len(conns)
    won = [0] * clients
    barrier = threading.Barrier(clients)
    per_client = [
        FLASH_ORDERS // clients + (1 if i < FLASH_ORDERS % clients else 0) for i in range(clients)
    ]

    def loop(index: int) -> None:
        conn = conns[index]
        barrier.wait()
        for _ in range(per_client[index]):
            if conn.execute(sql, (warehouse, FLASH_FLOOR_PRODUCT)).fetchone() is not None:
                won[index] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    for conn in conns:
        conn.close()
    if sum(won) != FLASH_UNITS:
        raise RuntimeError(f"the floor sold {sum(won)} of {FLASH_UNITS}")
    # Leave the ledger as it was: the floor's holds are released through the service.
    with db.write() as session:
        adjust_stock(
            session,
            warehouse,
            FLASH_FLOOR_PRODUCT,
            reserved_delta=-FLASH_UNITS,
            reason="release",
            reference=None,
            device_id=None,
        )
    return {
        "flash_sale_floor_orders_per_s": round(FLASH_ORDERS / seconds, 1),
        "flash_sale_floor_connections": clients,
    }


# --- 200 tills ------------------------------------------------------------------------


def tills(db: Database, base_url: str, seconds: float) -> dict[str, Any]:
    products = [
        p
        for p in _product_ids(db)
        if p not in (FLASH_PRODUCT, FLASH_FLOOR_PRODUCT, FLASH_BATCH_PRODUCT)
    ]
    stores = ("S001", "S002", "S003")
    tokens = [
        (stores[i % len(stores)], _token(db, "counter", stores[i % len(stores)], f"till-{i}"))
        for i in range(TILLS)
    ]
    channel = _token(db, "group_buy", None, "bench-tills-channel")
    for product_id in products[:20]:
        _set_available(db, product_id, 100_000)
    lock = threading.Lock()
    push_ms: list[float] = []
    lags: list[float] = []
    errors: Counter[str] = Counter()
    answered: dict[str, tuple[str, float]] = {}  # sale_id -> (store, when its push answered)
    arrived: dict[str, float] = {}  # sale_id -> first pull by another till that brought it
    pushed_by: dict[str, int] = {}
    sale_ids: list[str] = []
    deadline = time.monotonic() + seconds
    settled_before = time.perf_counter() + seconds - 2 * TILL_PULL_EVERY_S
    start_cursor = _head_cursor(db)
    pulled, pulls = [0], [0]  # changes brought by pulls, pull requests

    def till(index: int) -> None:
        store, token = tokens[index]
        rng = random.Random(index)
        http = Http(base_url, token)
        cursor = start_cursor
        next_push = time.monotonic() + rng.uniform(0, TILL_PUSH_EVERY_S)
        next_pull = time.monotonic() + rng.uniform(0, TILL_PULL_EVERY_S)
        n = 0
        while True:
            now = time.monotonic()
            if now >= deadline:
                break
            if now >= next_push:
                n += 1
                op = _sale_op(
                    rng, products, f"R{store}-261201-T{index:03d}{n:04d}", rng.randint(1, 3)
                )
                sale_id = op["payload"]["sale_id"]
                sent = time.perf_counter()
                status, body = http.request("POST", "/sync/push", {"ops": [op]})
                done = time.perf_counter()
                with lock:
                    push_ms.append((done - sent) * 1000)
                    if status != 200:
                        errors[f"push {status}"] += 1
                    elif body["results"][0]["status"] != "applied":
                        errors[f"sale {body['results'][0]['status']}"] += 1
                    else:
                        answered[sale_id] = (store, done)
                        pushed_by[sale_id] = index
                        sale_ids.append(sale_id)
                next_push += TILL_PUSH_EVERY_S * rng.uniform(0.8, 1.2)
            if now >= next_pull:
                while time.monotonic() < deadline:
                    status, body = http.request("GET", f"/sync/pull?cursor={cursor}&limit=5000")
                    received = time.perf_counter()
                    if status != 200:
                        with lock:
                            errors[f"pull {status}"] += 1
                        break
                    with lock:
                        pulled[0] += len(body["changes"])
                        pulls[0] += 1
                        for change in body["changes"]:
                            if change["entity"] == "sale":
                                sid = change["id"]
                                if pushed_by.get(sid) != index and sid not in arrived:
                                    arrived[sid] = received
                    cursor = body["cursor"]
                    if not body["has_more"]:
                        break
                next_pull += TILL_PULL_EVERY_S * rng.uniform(0.8, 1.2)
            time.sleep(max(0.0, min(next_push, next_pull, deadline) - time.monotonic()))
        http.close()

    channel_outcomes: Counter[str] = Counter()

    def group_buy_channel() -> None:
        rng = random.Random(99)
        http = Http(base_url, channel)
        next_order = time.monotonic()
        while time.monotonic() < deadline:
            lines = [{"product_id": p, "qty": 1} for p in rng.sample(products[:20], 2)]
            status, _body = http.request(
                "POST",
                "/group-buy/orders",
                {"lines": lines},
                {"Idempotency-Key": str(uuid.uuid4())},
            )
            channel_outcomes[str(status)] += 1
            if status != 201:
                with lock:
                    errors[f"group-buy {status}"] += 1
            next_order += 1 / CHANNEL_ORDERS_PER_S
            time.sleep(max(0.0, next_order - time.monotonic()))
        http.close()

    threads = [threading.Thread(target=till, args=(i,)) for i in range(TILLS)]
    threads.append(threading.Thread(target=group_buy_channel))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    for sale_id, (_store, when) in answered.items():
        if sale_id in arrived:
            lags.append(max(0.0, arrived[sale_id] - when))
    # Sales answered in the last two pull periods may not have been pulled before the end.
    unseen = [
        s for s, (_st, when) in answered.items() if s not in arrived and when < settled_before
    ]
    with db.read() as session:
        stored = 0
        moved_sales = 0
        for start in range(0, len(sale_ids), 1000):
            chunk = sale_ids[start : start + 1000]
            stored += session.scalar(select(func.count()).where(Sale.id.in_(chunk))) or 0
            moved_sales += (
                session.scalar(
                    select(func.count(func.distinct(SaleLine.sale_id))).where(
                        SaleLine.sale_id.in_(chunk)
                    )
                )
                or 0
            )
    return {
        "tills200_seconds": seconds,
        "tills200_pushes": len(push_ms),
        "tills200_push_p50_ms": round(percentile(push_ms, 0.50), 1),
        "tills200_push_p95_ms": round(percentile(push_ms, 0.95), 1),
        "tills200_push_p99_ms": round(percentile(push_ms, 0.99), 1),
        "tills200_feed_lag_p50_s": round(percentile(lags, 0.50), 3) if lags else None,
        "tills200_feed_lag_p95_s": round(percentile(lags, 0.95), 3) if lags else None,
        "tills200_feed_lag_samples": len(lags),
        "tills200_pull_requests": pulls[0],
        "tills200_changes_pulled": pulled[0],
        "tills200_errors": sum(errors.values()),
        "tills200_sales_never_pulled": len(unseen),
        "tills200_error_kinds": dict(errors),
        "tills200_group_buy_orders": dict(channel_outcomes),
        "tills200_exactly_once": stored == len(sale_ids) == moved_sales,
        "tills200_ledger_balanced": _ledger_balanced(db),
    }


def _server_pids(base_url: str) -> list[int]:
    """The server's processes (Linux): those holding a socket listening on its port,
    and their children. Empty where /proc cannot tell."""
    port = urlsplit(base_url).port
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    holders: set[int] = set()
    parents: dict[int, int] = {}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parents[int(proc.name)] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                holders.add(int(proc.name))
        except OSError:
            continue
    return sorted(holders | {pid for pid, parent in parents.items() if parent in holders})


def _cpu_by_pid(pids: list[int]) -> dict[int, float]:
    """Each live process's CPU seconds so far (user + system)."""
    found: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def _cpu_seconds(pids: list[int]) -> float:
    return sum(_cpu_by_pid(pids).values())


def _postgres_pids() -> list[int]:
    """PostgreSQL's processes on this machine (Linux; every backend, the WAL writer, the
    checkpointer): their CPU is the database's share of the two cores. Other sessions'
    queries on the same server count too, which the load average beside it shows."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "comm").read_text().strip() == "postgres":
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def _client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _head_cursor(db: Database) -> int:
    from warehouse_api.models import FeedState

    with db.read() as session:
        return int(session.scalar(select(FeedState.last_seq)) or 0)


# --- the run --------------------------------------------------------------------------


def run_backend(
    backend: str, pg_url: str, workers: int, parts: set[str], tills_seconds: float
) -> dict[str, Any]:
    suffix = "pg" if backend == "postgresql" else "sqlite"
    figures: dict[str, Any] = {}
    with _database(backend, pg_url) as db_url:
        db = Database.from_url(db_url)
        try:
            seed_demo(db, products=CATALOG_PRODUCTS)
            # The floors first, while no server holds connections of its own.
            floors: list[tuple[str, Callable[[], dict[str, Any]]]] = [
                ("drain", lambda: drain_floor_in_twin(backend, pg_url)),
                ("flash", lambda: flash_floor(db, db_url)),
            ]
            for name, floor in floors:
                if name in parts or (name == "flash" and "flashbatch" in parts):
                    figures.update(floor())
            with serve_in_subprocess(db_url, workers) as base_url:
                steps: list[tuple[str, str, Callable[[], dict[str, Any]]]] = [
                    ("drain", "drain_10k", lambda: drain(db, db_url, base_url)),
                    ("flash", "flash_sale", lambda: flash_sale(db, db_url, base_url)),
                    ("flashbatch", "flash_sale_batched", lambda: flash_sale_batched(db, base_url)),
                    ("tills", "tills200", lambda: tills(db, base_url, tills_seconds)),
                ]
                server = _server_pids(base_url)
                for name, prefix, step in steps:
                    if name in parts:
                        # Who used the two cores: the load generator (this process,
                        # every thread), the server's processes and PostgreSQL's; the
                        # other sessions on the machine are the rest.
                        load = os.getloadavg()[0]
                        started = time.perf_counter()
                        client_cpu, server_cpu = _client_cpu_seconds(), _cpu_seconds(server)
                        postgres = backend == "postgresql"
                        database_cpu = _cpu_by_pid(_postgres_pids()) if postgres else {}
                        measured = step()
                        wall = time.perf_counter() - started
                        measured[f"{prefix}_client_cpu_s"] = round(
                            _client_cpu_seconds() - client_cpu, 2
                        )
                        if server:
                            measured[f"{prefix}_server_cpu_s"] = round(
                                _cpu_seconds(server) - server_cpu, 2
                            )
                        if postgres:  # a backend that ended meanwhile is not counted
                            after = _cpu_by_pid(_postgres_pids())
                            measured[f"{prefix}_database_cpu_s"] = round(
                                sum(cpu - database_cpu.get(pid, 0.0) for pid, cpu in after.items()),
                                2,
                            )
                        measured[f"{prefix}_wall_s"] = round(wall, 2)
                        measured[f"{prefix}_load_avg_1min"] = round(load, 2)
                        print(f"[{backend}] {name} done in {wall:.1f} s", file=sys.stderr)
                        figures.update(measured)
        finally:
            db.dispose()
    # The issue's names: drain_10k_pg_s, drain_10k_pg_floor_s; flash_sale_* and tills200_*
    # bare for PostgreSQL; everything else carries the backend at the end.
    renamed = {}
    for key, value in figures.items():
        if key.startswith("drain_10k_"):
            key = key.replace("drain_10k_", f"drain_10k_{suffix}_")
        elif suffix == "sqlite" or not key.startswith(("flash_sale_", "tills200_")):
            key = f"{key}_{suffix}"
        renamed[key] = value
    renamed[f"workers_{suffix}"] = workers
    return renamed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="postgresql,sqlite")
    parser.add_argument("--parts", default="drain,flash,flashbatch,tills")
    parser.add_argument("--pg-url", default=os.environ.get("WAREHOUSE_TEST_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--pg-workers", type=int, default=2)  # 1 per core: docs/server.md
    # One per core: the 200 tills' p95 on SQLite fell from 116-233 ms with one worker
    # to 47.6-87.1 ms with two (docs/server.md, "Production settings (SQLite)").
    parser.add_argument("--sqlite-workers", type=int, default=2)
    parser.add_argument("--tills-seconds", type=float, default=45.0)
    parser.add_argument("--sqlite-tills-seconds", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    os.environ["WAREHOUSE_ACCESS_LOG"] = "0"  # production setting (docs/server.md)
    report: dict[str, Any] = {
        "benchmark": "scale",
        "measured_at": _now(),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_avg_at_start": os.getloadavg(),
        },
    }
    started = time.perf_counter()
    for backend in args.backends.split(","):
        postgres = backend == "postgresql"
        report.update(
            run_backend(
                backend,
                args.pg_url,
                args.pg_workers if postgres else args.sqlite_workers,
                parts,
                args.tills_seconds if postgres else args.sqlite_tills_seconds,
            )
        )
        if args.out:  # what is measured so far survives a later failure
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(
                json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
