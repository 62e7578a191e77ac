"""Each figure of DESIGN.md section 8 that the counter's sync and lookups answer for.

Every function measures one thing against real pieces (the API in its own
process, the counter's own services on a real SQLite file) and returns plain
numbers; ``__main__`` strings them together.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from benchmarks.harness import percentile, sqlite_url
from counter_app.bootstrap import CounterServices, demo_cashier
from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.local import outbox
from counter_app.local.models import Sale, SaleLine
from warehouse_api.db import Database
from warehouse_api.models import Location, StockMovement
from warehouse_api.models import Sale as ServerSale
from warehouse_api.services.inventory import adjust_stock

RAW_LOOKUP_SQL = (
    "SELECT p.id, p.sku, p.name, p.price_cents, p.category FROM barcodes b "
    "JOIN products p ON p.id = b.product_id WHERE b.code = ? AND p.active"
)


def initial_sync(services: CounterServices) -> dict[str, Any]:
    started = time.perf_counter()
    outcome = services.puller.pull_until_current()
    seconds = time.perf_counter() - started
    if outcome.unreachable:
        raise RuntimeError("the first sync could not reach the server")
    return {
        "initial_sync_s": seconds,
        "initial_sync_changes": outcome.changes,
        "initial_sync_pages": outcome.pages,
    }


def delta_sync(
    services: CounterServices, server_db_path: Path, changes: int = 1000
) -> dict[str, Any]:
    """The server changes ``changes`` stock figures (a count at the warehouse); time the pull."""
    database = Database.from_url(sqlite_url(server_db_path))
    try:
        with database.write() as session:
            warehouse = session.scalar(select(Location.id).where(Location.code == "WH01"))
            if warehouse is None:
                raise RuntimeError("the seeded warehouse has no WH01")
            product_ids = session.scalars(
                text(
                    "SELECT product_id FROM stock WHERE location_id = :w ORDER BY product_id LIMIT :n"
                ),
                {"w": warehouse, "n": changes},
            ).all()
            for product_id in product_ids:
                adjust_stock(
                    session,
                    warehouse,
                    product_id,
                    on_hand_delta=1,
                    reason="count",
                    reference="benchmark",
                    device_id=None,
                )
    finally:
        database.dispose()
    started = time.perf_counter()
    outcome = services.puller.pull_until_current()
    seconds = time.perf_counter() - started
    return {"delta_sync_1k_s": seconds, "delta_sync_changes": outcome.changes}


def _sellable(services: CounterServices, count: int, rng: random.Random) -> list[ProductInfo]:
    with services.db.read() as session:
        top = int(session.execute(text("SELECT max(id) FROM products")).scalar_one())
    products: list[ProductInfo] = []
    while len(products) < count:
        with services.db.read() as session:
            sku = session.execute(
                text("SELECT sku FROM products WHERE id >= :i ORDER BY id LIMIT 1"),
                {"i": rng.randint(1, top)},
            ).scalar()
        found = services.catalog.find_by_code(sku) if sku else None
        if found is not None:
            products.append(found)
    return products


def drain(
    services: CounterServices, server_db_path: Path, sales: int, rng: random.Random
) -> dict[str, Any]:
    """Ring up ``sales`` sales offline (each its own fsynced transaction), then time the drain."""
    cashier = demo_cashier(services)
    products = _sellable(services, 500, rng)
    if services.shifts.current() is None:  # no sale without an open shift
        services.shifts.open(cashier, {})
    started = time.perf_counter()
    for _ in range(sales):
        cart = Cart()
        for product in rng.sample(products, rng.randint(1, 3)):
            cart.add(product, rng.randint(1, 2))
        services.selling.complete_cash_sale(cart, cashier, cart.total)
    ring_up_s = time.perf_counter() - started

    started = time.perf_counter()
    while True:
        outcome = services.relay.drain()
        with services.db.read() as session:
            waiting = outbox.stats(session).waiting
        if waiting == 0:
            break
        if outcome.unreachable:
            time.sleep(0.2)
    drain_s = time.perf_counter() - started
    return {
        "drain_10k_s": drain_s,
        "drain_sales": sales,
        "ring_up_sales_s": ring_up_s,
        **_exactly_once(services, server_db_path),
    }


def _exactly_once(services: CounterServices, server_db_path: Path) -> dict[str, int]:
    with services.db.read() as session:
        local = {
            row[0]: row[1]
            for row in session.execute(
                select(SaleLine.sale_id, func.count(func.distinct(SaleLine.product_id))).group_by(
                    SaleLine.sale_id
                )
            )
        }
        assert session.scalar(select(func.count()).select_from(Sale)) == len(local)
    database = Database.from_url(sqlite_url(server_db_path))
    found: set[str] = set()
    movements: Counter[tuple[str, int]] = Counter()
    try:
        with database.read() as session:
            ids = list(local)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                found.update(session.scalars(select(ServerSale.id).where(ServerSale.id.in_(chunk))))
                for reference, product_id in session.execute(
                    select(StockMovement.reference, StockMovement.product_id).where(
                        StockMovement.reason == "sale", StockMovement.reference.in_(chunk)
                    )
                ):
                    movements[(str(reference), product_id)] += 1
    finally:
        database.dispose()
    lost = len(set(local) - found)
    duplicates = sum(n - 1 for n in movements.values() if n > 1)
    moved_per_sale = Counter(reference for reference, _ in movements)
    missing_moves = sum(1 for sale_id, n in local.items() if moved_per_sale[sale_id] != n)
    return {"drain_lost": lost + missing_moves, "drain_duplicates": duplicates}


def _timed_ms(calls: list[Any], fn: Any) -> list[float]:
    samples = []
    for argument in calls:
        started = time.perf_counter()
        fn(argument)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def scan_lookup(
    services: CounterServices, db_path: Path, rng: random.Random, n: int = 10_000
) -> dict[str, Any]:
    conn = sqlite3.connect(db_path)
    try:
        top = conn.execute("SELECT max(rowid) FROM barcodes").fetchone()[0]
        picks = ",".join(str(rng.randint(1, top)) for _ in range(n))
        codes = [
            row[0] for row in conn.execute(f"SELECT code FROM barcodes WHERE rowid IN ({picks})")
        ]
        codes += [f"4{rng.randrange(10**12):012d}" for _ in range(n // 20)]  # some misses
        rng.shuffle(codes)
        service = _timed_ms(codes, services.catalog.find_by_code)
        raw = _timed_ms(codes, lambda code: conn.execute(RAW_LOOKUP_SQL, (code,)).fetchone())
    finally:
        conn.close()
    return {
        "scan_lookup_p50_ms": percentile(service, 0.50),
        "scan_lookup_p99_ms": percentile(service, 0.99),
        "raw_sqlite_lookup_p50_ms": percentile(raw, 0.50),
        "raw_sqlite_lookup_p99_ms": percentile(raw, 0.99),
        "scan_lookups": len(codes),
    }


def _substrings(names: list[str], length: int, count: int, rng: random.Random) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        name = rng.choice(names)
        if len(name) < length:
            continue
        start = rng.randrange(len(name) - length + 1)
        piece = name[start : start + length]
        if piece.strip() == piece and " " not in piece:
            found.append(piece)
    return found


def name_search(
    services: CounterServices, db_path: Path, rng: random.Random, n: int = 500
) -> dict[str, Any]:
    conn = sqlite3.connect(db_path)
    try:
        top = conn.execute("SELECT max(id) FROM products").fetchone()[0]
        picks = ",".join(str(rng.randint(1, top)) for _ in range(2000))
        names = [row[0] for row in conn.execute(f"SELECT name FROM products WHERE id IN ({picks})")]
    finally:
        conn.close()
    figures: dict[str, Any] = {}
    for length in (1, 2, 3):
        queries = _substrings(names, length, n, rng)
        queries += ["龍蝦鮑魚"[:length], "鑫淼焱"[:length]] * 10  # pieces no name has
        samples = _timed_ms(queries, services.catalog.search)
        figures[f"search_p50_ms_{length}char"] = percentile(samples, 0.50)
        figures[f"search_p95_ms_{length}char"] = percentile(samples, 0.95)
    return figures


def database_size_mb(db_path: Path) -> float:
    return sum(p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")) / 1e6
