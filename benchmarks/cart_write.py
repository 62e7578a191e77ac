"""What writing the open cart through on every scan costs, per scan, by cart size.

    python -m benchmarks.cart_write [--scans 100] [--out benchmarks/results/cart-write.json]

The sale screen writes the whole cart snapshot on each change (ui/sale_cart_tools.py):
JSON of the cart (``CartKeeper.snapshot``) and one fsynced commit of the ``open_carts``
row (``CartKeeper.save_open_data``) on the till's real SQLite file (WAL,
synchronous=FULL). For carts of 1, 50 and 200 lines, each sample is one scan: a
quantity up on a line already there (the line count stays), then the snapshot and the
write, timed apart. The scan budget is 50 ms (DESIGN section 8).
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import percentile
from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.held_carts import CartKeeper

SIZES = (1, 50, 200)
CASHIER = StaffMember(3, "示範收銀員", "cashier")


def _product(n: int) -> ProductInfo:
    # Names as long as the demo catalog's longest, so the JSON is not flattered.
    return ProductInfo(
        n, f"{100000 + n}", f"義美 原味小泡芙 家庭號 57g x6入 第{n}號", Money(3900 + n)
    )


def measure(db: LocalDatabase, lines: int, scans: int) -> dict[str, float | int]:
    keeper = CartKeeper(db, StoreContext(2, "S001", "台北信義店"))
    cart = Cart()
    for n in range(1, lines + 1):
        cart.add(_product(n))
    keeper.save_open(cart, CASHIER)  # the cart as it was before these scans
    json_ms: list[float] = []
    write_ms: list[float] = []
    for i in range(scans):
        cart.add(cart.lines[i % lines].product)  # a scan of a product already in the cart
        started = time.perf_counter()
        data = keeper.snapshot(cart)
        serialized = time.perf_counter()
        keeper.save_open_data(data, CASHIER)
        written = time.perf_counter()
        json_ms.append((serialized - started) * 1000)
        write_ms.append((written - serialized) * 1000)
    totals = [a + b for a, b in zip(json_ms, write_ms, strict=True)]
    return {
        "cart_lines": lines,
        "snapshot_bytes": len(data.encode()),
        "json_p50_ms": round(percentile(json_ms, 0.5), 3),
        "write_p50_ms": round(percentile(write_ms, 0.5), 3),
        "per_scan_p50_ms": round(percentile(totals, 0.5), 3),
        "per_scan_p95_ms": round(percentile(totals, 0.95), 3),
        "per_scan_max_ms": round(max(totals), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/cart-write.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = LocalDatabase(Path(tmp) / "counter.db")
        try:
            results = [measure(db, lines, args.scans) for lines in SIZES]
        finally:
            db.dispose()
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.system()}, shared 2-core build machine",
        "scans_per_size": args.scans,
        "budget_ms": 50,
        "sizes": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    for row in results:
        print(
            f"{row['cart_lines']:>4} lines  {row['snapshot_bytes']:>7} B  "
            f"p50 {row['per_scan_p50_ms']:.2f} ms  p95 {row['per_scan_p95_ms']:.2f} ms  "
            f"max {row['per_scan_max_ms']:.2f} ms"
        )


if __name__ == "__main__":
    main()
