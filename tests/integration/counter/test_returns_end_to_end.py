"""A return at a real till reaches the warehouse; when another till (offline until now)
already took back part of the same receipt, the warehouse refuses the excess and the
till keeps the op as failed with the warehouse's reason (the sync-problems dialog)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from counter_app.core.cart import Cart
from counter_app.core.ops import WarehouseDown
from counter_app.services.returns import ReturnChoice, ReturnError


def _returned_at_warehouse(url: str, sale_id: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT COALESCE(SUM(l.qty), 0) FROM return_lines l JOIN returns r ON r.id = l.return_id "
                        "WHERE r.sale_id = :s"
                    ),
                    {"s": sale_id},
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _another_till_returned(
    url: str, sale_id: str, location_id: int, product_id: int, qty: int
) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            return_id = str(uuid.uuid4())
            conn.execute(
                text(
                    "INSERT INTO returns (id, location_id, sale_id, refund_cents, op_id, created_at) "
                    "VALUES (:i, :l, :s, 0, :o, CURRENT_TIMESTAMP)"
                ),
                {"i": return_id, "l": location_id, "s": sale_id, "o": str(uuid.uuid4())},
            )
            conn.execute(
                text(
                    "INSERT INTO return_lines (return_id, product_id, qty, disposition) VALUES (:r, :p, :q, 'damaged')"
                ),
                {"r": return_id, "p": product_id, "q": qty},
            )
    finally:
        engine.dispose()


def test_a_return_reaches_the_warehouse_and_an_excess_comes_back_as_a_failed_op(
    demo_counter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    product = services.catalog.search("茶", 1)[0]
    cart = Cart()
    cart.add(product, 3)
    sale = services.selling.complete_cash_sale(cart, cashier, cart.total)
    assert services.relay.drain().applied == 1

    line = services.returns.find(sale.receipt_no).lines[0].line_id
    services.returns.complete(sale.receipt_no, [ReturnChoice(line, 1)], cashier)
    assert services.relay.drain().applied == 1
    assert _returned_at_warehouse(demo_counter.warehouse_url, sale.sale_id) == 1

    # Another till, offline until now, took back one more: one left for the warehouse.
    # Asked first, the warehouse's count refuses two here before anything is written.
    _another_till_returned(
        demo_counter.warehouse_url, sale.sale_id, services.store.location_id, product.id, 1
    )
    with pytest.raises(ReturnError) as refused:
        services.returns.complete(sale.receipt_no, [ReturnChoice(line, 2)], cashier)
    assert refused.value.code == "more_than_sold"
    assert services.relay.drain().applied == 0

    # The lookup unanswered (the warehouse down then): the till's journal still sees two
    # returnable and takes both back; the warehouse refuses the excess when it arrives.
    def down(receipt_no: str) -> Any:
        raise WarehouseDown("the warehouse did not answer")

    monkeypatch.setattr(services.returns._warehouse, "sale_by_receipt", down)
    done = services.returns.complete(sale.receipt_no, [ReturnChoice(line, 2)], cashier)
    result = services.relay.drain()
    assert (result.applied, result.rejected) == (0, 1)
    [failed] = services.sync_status.failed_ops()
    assert failed.op_id == done.op_id and failed.type == "return"
    assert failed.problem_code == "return_exceeds_sold"
    assert _returned_at_warehouse(demo_counter.warehouse_url, sale.sale_id) == 2
