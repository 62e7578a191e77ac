"""The store's stock work against the real API on loopback: a replenishment request at
the counter, shipped by the operator's route, received at the counter by scan with one
item short; the ledger balances at both locations and the shortfall stays on the
transfer. Then a count submitted while a sale from another till lands first: the
warehouse keeps the sale and refuses the count, which the counter counts again."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from warehouse_api.db import Database
from warehouse_api.services.devices import issue_token
from warehouse_api.services.inventory import check_ledger, read_level


def _level(url: str, location_id: int, product_id: int) -> int:
    db = Database.from_url(url)
    try:
        with db.read() as session:
            found = read_level(session, location_id, product_id)
            return found.on_hand if found else 0
    finally:
        db.dispose()


def _ledger_ok(url: str) -> bool:
    db = Database.from_url(url)
    try:
        with db.read() as session:
            return check_ledger(session) == []
    finally:
        db.dispose()


def _operator(url: str) -> str:
    db = Database.from_url(url)
    try:
        with db.write() as session:
            return issue_token(session, "operator", None, "test-operator").token
    finally:
        db.dispose()


def test_request_ship_receive_short_and_a_count_racing_a_sale(demo_counter: Any) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    store_id = services.store.location_id
    url = demo_counter.warehouse_url
    product = services.catalog.search("茶", 1)[0]
    engine = create_engine(url)
    with engine.connect() as conn:
        wh_id = conn.execute(text("SELECT id FROM locations WHERE kind = 'warehouse'")).scalar_one()
    engine.dispose()
    wh_before, store_before = _level(url, wh_id, product.id), _level(url, store_id, product.id)

    # 1. The counter asks for 3; offline-first, it is pending until the op is applied.
    view = services.store_transfers.request(product.id, 3, "週末促銷", cashier)
    assert services.store_transfers.transfers()[0].status == "pending"
    assert services.relay.drain().applied == 1
    services.puller.pull_until_current()
    assert services.store_transfers.transfers()[0].status == "requested"
    tid = view.record.transfer_id

    # 2. The operator ships it through the operator's route.
    base = demo_counter.server.url + "/api/v1"
    headers = {"Authorization": f"Bearer {_operator(url)}"}
    shipped = httpx.post(
        f"{base}/operator/transfers/{tid}/ship", json={"carrier": "自有車隊"}, headers=headers
    )
    assert shipped.status_code == 200, shipped.text
    services.puller.pull_until_current()
    assert [v.status for v in services.store_transfers.transfers("shipped")] == ["shipped"]

    # 3. The store scans two of the three and confirms: one short.
    services.store_transfers.scan(tid, product.id)
    progress = services.store_transfers.scan(tid, product.id)
    assert (progress.short, progress.extra) == (1, 0)
    services.store_transfers.receive(tid, cashier)
    assert services.relay.drain().applied == 1
    services.puller.pull_until_current()
    assert _level(url, wh_id, product.id) == wh_before - 3
    assert _level(url, store_id, product.id) == store_before + 2
    assert _ledger_ok(url)
    listed = httpx.get(f"{base}/operator/transfers", params={"status": "received"}, headers=headers)
    line = next(t for t in listed.json() if t["transfer_id"] == tid)["lines"][0]
    assert (line["qty"], line["received_qty"]) == (3, 2)
    [received] = services.store_transfers.transfers("received")
    assert received.record.lines[0].received_qty == 2
    # The counter's view and the ledger agree once the figures are pulled.
    rec = services.stock_counts.reconcile(product)
    assert rec.counter_on_hand == rec.warehouse_on_hand + sum(s.units for s in rec.steps)

    # 4. A count against the current figure, while another till's sale lands first.
    started = services.stock_counts.start(
        "category", cashier, category=product.category, blind=True
    )
    on_hand = _level(url, store_id, product.id)
    for other in started.lines:  # the rest of the category is where the till expects it
        if other.product.id != product.id:
            services.stock_counts.set_count(other.product.id, other.line.expected)
    for _ in range(on_hand):
        services.stock_counts.scan(product)
    services.stock_counts.finish_counting()
    submitted = services.stock_counts.submit(cashier)
    other_till = _sale_from_another_till(demo_counter, product.id, product.price.cents)
    assert other_till == "applied"
    result = services.relay.drain()
    assert (result.applied, result.rejected) == (0, 1)
    view2 = services.stock_counts.view(submitted.session.session_id)
    assert view2.outcome == "conflict"
    assert _level(url, store_id, product.id) == on_hand - 1  # the sale is kept
    services.puller.pull_until_current()
    again = services.stock_counts.recount_after_conflict(submitted.session.session_id)
    mine = next(v for v in again.lines if v.product.id == product.id)
    assert mine.line.expected == on_hand - 1
    for view3 in again.lines:
        services.stock_counts.set_count(view3.product.id, view3.line.expected)
    services.stock_counts.set_count(product.id, on_hand - 2)  # one more missing on the shelf
    services.stock_counts.submit(cashier)
    assert services.relay.drain().applied == 1
    assert _level(url, store_id, product.id) == on_hand - 2
    assert _ledger_ok(url)


def _sale_from_another_till(demo_counter: Any, product_id: int, price_cents: int) -> str:
    """Another till of the same store sells one through the push route."""
    services = demo_counter.services
    db = Database.from_url(demo_counter.warehouse_url)
    try:
        with db.write() as session:
            token = issue_token(session, "counter", services.store.location_id, "till-2").token
    finally:
        db.dispose()
    sale_id = str(uuid.uuid4())
    op = {
        "op_id": str(uuid.uuid4()),
        "type": "sale",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {
            "sale_id": sale_id,
            "receipt_no": f"R2-{uuid.uuid4().hex[:10]}",
            "created_at": datetime.now(UTC).isoformat(),
            "total_cents": price_cents,
            "lines": [
                {
                    "line_id": str(uuid.uuid4()),
                    "product_id": product_id,
                    "qty": 1,
                    "unit_price_cents": price_cents,
                    "line_total_cents": price_cents,
                }
            ],
            "payments": [
                {
                    "payment_id": str(uuid.uuid4()),
                    "method": "cash",
                    "amount_cents": price_cents,
                    "tendered_cents": price_cents,
                    "change_cents": 0,
                }
            ],
        },
    }
    response = httpx.post(
        demo_counter.server.url + "/api/v1/sync/push",
        json={"ops": [op]},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["results"][0]["status"])
