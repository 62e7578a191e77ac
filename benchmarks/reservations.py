"""Reservation throughput and latency under contention, on SQLite and PostgreSQL.

Starts a real server (`warehouse-api serve`, a subprocess) on a freshly seeded
database, then N client threads place holds on a few hot warehouse products:
store pickups through `/sync/push` and group-buy orders through
`/group-buy/orders`, one unit each. A second scenario races 100 clients for the
last 50 units of one product and checks that exactly 50 win.

    python -m benchmarks.reservations --out benchmarks/results/reservations.json
    python -m benchmarks.reservations --backends sqlite --clients 16 --requests 1000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from warehouse_api.db import Database
from warehouse_api.demo_data import seed_demo
from warehouse_api.embedded import serve_in_subprocess
from warehouse_api.services.devices import issue_token, location_by_code
from warehouse_api.services.inventory import adjust_stock, check_ledger, read_level

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CATALOG_PRODUCTS = 500
HOT_PRODUCTS = (1, 2, 3, 4, 5)


@dataclass
class ScenarioResult:
    backend: str
    scenario: str
    workers: int
    clients: int
    requests: int
    seconds: float
    throughput_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    outcomes: dict[str, int]
    ledger_balanced: bool


@contextmanager
def _database(backend: str, pg_url: str) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            yield f"sqlite:///{Path(folder) / 'warehouse.db'}"
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield f"{pg_url}?options=-csearch_path%3D{schema}"
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def _server(db_url: str, workers: int) -> Iterator[str]:
    with serve_in_subprocess(db_url, workers) as base_url:
        yield f"{base_url}/api/v1"


def _prepare(db: Database, available: int, products: tuple[int, ...]) -> dict[str, str]:
    """Set the hot products' warehouse availability and issue tokens."""
    with db.write() as session:
        warehouse = location_by_code(session, "WH01").id
        for product_id in products:
            level = read_level(session, warehouse, product_id)
            assert level is not None
            adjust_stock(
                session,
                warehouse,
                product_id,
                on_hand_delta=available - level.available,
                reason="count",
                reference="benchmark",
                device_id=None,
            )
        tokens = {
            code: issue_token(session, "counter", location_by_code(session, code).id, "bench").token
            for code in ("S001", "S002", "S003")
        }
        tokens["group_buy"] = issue_token(session, "group_buy", None, "bench").token
    return tokens


def _one_request(client: httpx.Client, token_kind: str, token: str, product_id: int) -> str:
    lines = [{"product_id": product_id, "qty": 1}]
    headers = {"Authorization": f"Bearer {token}"}
    if token_kind == "group_buy":
        headers["Idempotency-Key"] = str(uuid.uuid4())
        response = client.post("/group-buy/orders", json={"lines": lines}, headers=headers)
        if response.status_code == 201:
            return "applied"
        if response.status_code == 409:
            return str(response.json().get("code"))
        return f"{response.status_code}:{response.json().get('code')}"
    op = {
        "op_id": str(uuid.uuid4()),
        "type": "reservation.create",
        "payload": {"reservation_id": str(uuid.uuid4()), "lines": lines},
    }
    response = client.post("/sync/push", json={"ops": [op]}, headers=headers)
    if response.status_code != 200:
        return f"{response.status_code}:{response.json().get('code')}"
    [result] = response.json()["results"]
    return "applied" if result["status"] == "applied" else result["problem"]["code"]


def _run_load(
    url: str,
    tokens: dict[str, str],
    clients: int,
    requests: int,
    products: tuple[int, ...],
    start_together: bool,
) -> tuple[float, list[float], Counter[str]]:
    kinds = ["S001", "S002", "S003", "group_buy"]
    rng = random.Random(42)
    jobs = [(kinds[i % 4], rng.choice(products)) for i in range(requests)]
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    local = threading.local()
    barrier = threading.Barrier(min(clients, requests)) if start_together else None

    def client() -> httpx.Client:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=url, timeout=60)
        return local.client

    def run(job: tuple[str, int]) -> None:
        kind, product_id = job
        http = client()
        if barrier is not None:
            barrier.wait()
        started = time.perf_counter()
        outcome = _one_request(http, kind, tokens[kind], product_id)
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            outcomes[outcome] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(run, jobs))
    return time.perf_counter() - started, latencies, outcomes


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index] * 1000


def run_backend(
    backend: str, pg_url: str, clients: int, requests: int, workers: int
) -> list[ScenarioResult]:
    results = []
    with _database(backend, pg_url) as db_url:
        db = Database.from_url(db_url)
        seed_demo(db, products=CATALOG_PRODUCTS)
        with _server(db_url, workers) as url:
            scenarios = [
                (
                    "throughput: hot products, ample stock",
                    HOT_PRODUCTS,
                    requests * 2,
                    clients,
                    requests,
                    False,
                ),
                ("last 50 units, 100 clients at once", (HOT_PRODUCTS[0],), 50, 100, 100, True),
            ]
            for name, products, available, n_clients, n_requests, together in scenarios:
                tokens = _prepare(db, available, products)
                seconds, latencies, outcomes = _run_load(
                    url, tokens, n_clients, n_requests, products, together
                )
                with db.read() as session:
                    balanced = check_ledger(session) == []
                results.append(
                    ScenarioResult(
                        backend=backend,
                        scenario=name,
                        workers=workers,
                        clients=n_clients,
                        requests=n_requests,
                        seconds=round(seconds, 3),
                        throughput_per_s=round(n_requests / seconds, 1),
                        p50_ms=round(_percentile(latencies, 0.50), 1),
                        p95_ms=round(_percentile(latencies, 0.95), 1),
                        p99_ms=round(_percentile(latencies, 0.99), 1),
                        outcomes=dict(outcomes),
                        ledger_balanced=balanced,
                    )
                )
        db.dispose()
    return results


def _print_table(results: list[ScenarioResult]) -> None:
    header = f"{'backend':<11}{'workers':>8}{'scenario':<40}{'req':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  outcomes"
    print(header.replace("workersscenario", "workers  scenario"))
    for r in results:
        outcomes = ", ".join(f"{k}={v}" for k, v in sorted(r.outcomes.items()))
        print(
            f"{r.backend:<11}{r.workers:>8}  {r.scenario:<38}{r.requests:>6}{r.throughput_per_s:>9}"
            f"{r.p50_ms:>9}{r.p95_ms:>9}{r.p99_ms:>9}  {outcomes}; ledger ok={r.ledger_balanced}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("WAREHOUSE_TEST_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--sqlite-workers", type=int, default=1)
    parser.add_argument("--pg-workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = parser.parse_args(argv)

    results: list[ScenarioResult] = []
    for backend in args.backends.split(","):
        workers = args.sqlite_workers if backend == "sqlite" else args.pg_workers
        results += run_backend(backend, args.pg_url, args.clients, args.requests, workers)
    _print_table(results)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        report = {
            "benchmark": "reservations",
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "median_throughput_per_s": statistics.median(r.throughput_per_s for r in results),
            "results": [asdict(r) for r in results],
        }
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
