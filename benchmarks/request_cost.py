"""What one request costs the server, in CPU: one client, one request at a time.

    python -m benchmarks.request_cost [--backend postgresql|sqlite] [--requests 500]

Against `warehouse-api serve` (one worker) on a freshly seeded catalog, each kind of
request is sent `--requests` times in a row on one keep-alive connection; the
server process's CPU time (user + system, from /proc) divided by the count is its
cost. Under concurrency the machine's two cores divide by these figures: a request
that costs 2 ms of server CPU cannot be served more than ~1,000 times a second
per core, whatever the database does. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import scale
from warehouse_api.db import Database
from warehouse_api.demo_data import seed_demo
from warehouse_api.embedded import _answers_health, _free_port

HOT = scale.FLASH_PRODUCT  # sold out: every order for it is refused
PLENTY = 9  # 100,000 available: every order for it wins


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(backend: str, pg_url: str, requests: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with scale._database(backend, pg_url) as db_url:
        db = Database.from_url(db_url)
        seed_demo(db, products=50)
        port = _free_port("127.0.0.1")
        command = [sys.executable, "-m", "warehouse_api.cli", "serve", "--db", db_url]
        command += ["--port", str(port), "--workers", "1"]
        server = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "WAREHOUSE_ACCESS_LOG": "0"},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not _answers_health(base):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("warehouse-api serve did not start")
                time.sleep(0.2)
            channel = scale.Http(base, scale._token(db, "group_buy", None, "cost-channel"))
            till = scale.Http(base, scale._token(db, "counter", "S001", "cost-till"))
            scale._set_available(db, HOT, 0)
            scale._set_available(db, PLENTY, 100_000)
            rng = random.Random(1)
            products = list(range(10, 50))
            receipts = iter(range(1, 10**6))

            def order(product: int) -> tuple[int, Any]:
                return channel.request(
                    "POST",
                    "/group-buy/orders",
                    {"lines": [{"product_id": product, "qty": 1}]},
                    {"Idempotency-Key": str(uuid.uuid4())},
                )

            def pickup(product: int) -> tuple[int, Any]:
                op = {
                    "op_id": str(uuid.uuid4()),
                    "type": "reservation.create",
                    "created_at": scale._now(),
                    "payload": {
                        "reservation_id": str(uuid.uuid4()),
                        "lines": [{"product_id": product, "qty": 1}],
                    },
                }
                return till.request("POST", "/sync/push", {"ops": [op]})

            def sale() -> tuple[int, Any]:
                receipt = f"RS001-261201-C{next(receipts):05d}"
                op = scale._sale_op(rng, products, receipt, 2)
                return till.request("POST", "/sync/push", {"ops": [op]})

            kinds: list[tuple[str, Callable[[], tuple[int, Any]]]] = [
                ("health", lambda: channel.request("GET", "/health")),
                ("group_buy_refused", lambda: order(HOT)),
                ("push_pickup_refused", lambda: pickup(HOT)),
                ("group_buy_placed", lambda: order(PLENTY)),
                ("push_pickup_placed", lambda: pickup(PLENTY)),
                ("push_sale_2_lines", sale),
                ("pull_50_changes", lambda: till.request("GET", "/sync/pull?cursor=0&limit=50")),
                # Every change this till may see by then (the sales and pickups pushed
                # above included; pull_all_changes_count says how many): a till's pull
                # under the 200-till load brings about 630 (benchmarks.scale).
                ("pull_all_changes", lambda: till.request("GET", "/sync/pull?cursor=0&limit=5000")),
            ]
            for name, send in kinds:
                for _ in range(30):  # warm: prepared statements, caches
                    send()
                cpu, started = _cpu_seconds(server.pid), time.perf_counter()
                statuses = {send()[0] for _ in range(requests)}
                cpu_ms = (_cpu_seconds(server.pid) - cpu) / requests * 1000
                wall_ms = (time.perf_counter() - started) / requests * 1000
                figures[f"{name}_server_cpu_ms"] = round(cpu_ms, 2)
                figures[f"{name}_wall_ms"] = round(wall_ms, 2)
                figures[f"{name}_statuses"] = sorted(statuses)
                print(
                    f"{name:22s} {sorted(statuses)}: server CPU {cpu_ms:.2f} ms, wall {wall_ms:.2f} ms"
                )
            _status, whole = till.request("GET", "/sync/pull?cursor=0&limit=5000")
            figures["pull_all_changes_count"] = len(whole["changes"])
        finally:
            server.terminate()
            server.wait(30)
            db.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", default="postgresql", choices=("postgresql", "sqlite"))
    parser.add_argument(
        "--pg-url", default=os.environ.get("WAREHOUSE_TEST_PG_URL", scale.DEFAULT_PG_URL)
    )
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    report = {
        "benchmark": "request_cost",
        "backend": args.backend,
        "measured_at": scale._now(),
        "load_avg_at_start": os.getloadavg(),
        **measure(args.backend, args.pg_url, args.requests),
    }
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
