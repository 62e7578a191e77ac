"""A counter without a window, run as its own process so a test can SIGKILL it.

    python counter_driver.py DATA_DIR SERVER_URL MODE [--sales N] [--seed S] [--page-size P]

Modes:
* ``sell``: ring up N sales, pushing one batch after every fifth; prints
  ``SOLD <sale_id>`` once each sale is committed locally. Pickup reservations
  (some cancelled again) and dropship orders are queued in between.
* ``sell-then-pull``: ring up N sales without pushing, then pull from cursor 0
  (the cache is cleared first) printing ``PAGE <changes>`` after each page commits.
* ``recover``: what a restarted till does: put in-flight ops back, drain the
  outbox, pull until current. Prints ``DONE``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from sync_testkit import HoldLedger, drain_until_empty, make_sales, open_counter, sellable_products

from counter_app.local import cache_writer, sync_state
from counter_app.sync.puller import CURSOR_KEY


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("server_url")
    parser.add_argument("mode", choices=["sell", "sell-then-pull", "recover"])
    parser.add_argument("--sales", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    counter = open_counter(
        args.data_dir,
        args.server_url,
        batch_size=10,
        page_size=args.page_size,
        on_page=lambda applied: print(f"PAGE {applied}", flush=True),
    )
    rng = random.Random(args.seed)
    if args.mode == "recover":
        counter.relay.recover()
        drain_until_empty(counter, timeout_s=60)
        outcome = counter.puller.pull_until_current()
        print("DONE" if not outcome.unreachable else "UNREACHABLE", flush=True)
        return 0
    holds = HoldLedger()
    products = [p.id for p in sellable_products(counter)]
    for index in range(args.sales):
        (sale_id,) = make_sales(counter, 1, rng)
        print(f"SOLD {sale_id}", flush=True)
        if args.mode == "sell" and index % 4 == 1:  # holds ride the same outbox
            reservation_id = holds.reserve(counter, rng.choice(products))
            if index % 8 == 1:
                holds.cancel(counter, reservation_id)
        if args.mode == "sell" and index % 7 == 3:
            holds.dropship(counter, rng.choice(products))
        if args.mode == "sell" and index % 5 == 4:
            counter.relay.push_once()
    if args.mode == "sell-then-pull":
        with counter.db.unit_of_work() as session:
            cache_writer.clear_cache(session)
            sync_state.set_value(session, CURSOR_KEY, "0")
        print("PULLING", flush=True)
        counter.puller.pull_until_current()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
