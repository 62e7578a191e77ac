"""``python -m benchmarks [--products N] [--out FILE]``: the counter's sync and lookup figures.

Seeds a warehouse with the server's own ``seed`` command (reused from --workdir on
later runs of the same size), runs ``warehouse-api serve`` in its own process, and
drives the counter's real services against it on this machine: first full sync,
a 1,000-change delta, 10,000 queued sales drained (checked exactly once on the
server), scan look-ups, name search, start to ready, memory. Prints a table and
writes JSON. Numbers are what was measured, targets or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import sync_figures
from benchmarks.harness import ServerProcess, enrolled_counter, fresh_copy, rss_mb, seeded_template

TARGETS: dict[str, tuple[str, float]] = {
    "initial_sync_s": ("<", 20),
    "delta_sync_1k_s": ("<", 0.5),
    "drain_10k_s": ("<", 30),
    "drain_lost": ("==", 0),
    "drain_duplicates": ("==", 0),
    "scan_lookup_p99_ms": ("<", 1),
    "search_p95_ms_2char": ("<", 25),
    "search_p95_ms_3char": ("<", 25),
    "start_to_ready_s": ("<", 2),
    "rss_mb": ("<", 300),
}


def start_to_ready(data_dir: Path, server_url: str) -> dict[str, Any]:
    """Process start of a counter on the synced folder until its sale screen is up."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.ready_probe", str(data_dir), server_url],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    ready = [line.split() for line in result.stdout.splitlines() if line.startswith("READY ")]
    if not ready:
        raise RuntimeError(f"the counter never reported ready:\n{result.stderr[-2000:]}")
    _, at, rss = ready[0]
    return {"start_to_ready_s": float(at) - started, "rss_mb": float(rss)}


def run(products: int, workdir: Path, sales: int, seed: int, server_workers: int) -> dict[str, Any]:
    rng = random.Random(seed)
    template, seed_s = seeded_template(workdir, products)
    server_db = fresh_copy(template, workdir / "run" / "warehouse.db")
    server = ServerProcess(server_db, workdir / "run" / "server.log", workers=server_workers)
    figures: dict[str, Any] = {
        "products": products,
        "barcodes": _count(template, "barcodes"),
        "seed_s": seed_s,
        "server_workers": server_workers,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        counter_dir = workdir / "run" / "counter"
        services = enrolled_counter(counter_dir, server)
        db_path = counter_dir / "counter.db"
        try:
            figures |= sync_figures.initial_sync(services)
            figures["sync_process_rss_mb"] = rss_mb()
            figures["counter_db_mb"] = sync_figures.database_size_mb(db_path)
            figures |= sync_figures.delta_sync(services, server_db)
            figures |= sync_figures.scan_lookup(services, db_path, rng)
            figures |= sync_figures.name_search(services, db_path, rng)
            figures |= sync_figures.drain(services, server_db, sales, rng)
        finally:
            services.close()
        figures |= start_to_ready(counter_dir, server.url)
    finally:
        server.stop()
    return figures


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _verdict(key: str, value: Any) -> str:
    if key not in TARGETS or value is None:
        return ""
    op, target = TARGETS[key]
    ok = value < target if op == "<" else value == target
    return f"{'ok  ' if ok else 'MISS'} ({op} {target:g})"


def print_table(figures: dict[str, Any]) -> None:
    for key, value in figures.items():
        shown = f"{value:.4g}" if isinstance(value, float) else str(value)
        print(f"{key:28} {shown:>14}  {_verdict(key, value)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--sales", type=int, default=10_000, help="queued sales to drain")
    parser.add_argument("--out", type=Path, default=None, help="JSON file to write")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "counter-benchmarks"
    )
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument(
        "--server-workers",
        type=int,
        default=2,
        help="uvicorn workers of the API (production runs several; 2 fits a 2-core box)",
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    figures = run(args.products, args.workdir, args.sales, args.seed, args.server_workers)
    print_table(figures)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
        print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
