"""A cash sale goes from the till's journal to the warehouse exactly once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.local import outbox
from counter_app.local.models import OutboxOp


def _server_count(url: str, sql: str, **params: object) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql), params).scalar_one())
    finally:
        engine.dispose()


def _sell_first_products(demo: Any, n: int) -> object:
    services = demo.services
    cashier = services.staff.first_with_role("cashier")
    cart = Cart()
    for product in services.catalog.search("茶", n):
        cart.add(product)
    return services.selling.complete_cash_sale(cart, cashier, Money.from_dollars(5000))


def test_a_sale_reaches_the_server_once_even_when_pushed_again(demo_counter: Any) -> None:
    services = demo_counter.services
    sale = _sell_first_products(demo_counter, 3)
    first = services.relay.drain()
    assert (first.applied, first.duplicate, first.rejected) == (1, 0, 0)

    # The response was lost, as far as the till knows: the op goes out again.
    with services.db.unit_of_work() as session:
        session.get(OutboxOp, sale.op_id).state = outbox.OpState.READY
    again = services.relay.drain()
    assert (again.applied, again.duplicate) == (0, 1)

    assert (
        _server_count(
            demo_counter.warehouse_url,
            "SELECT COUNT(*) FROM sales WHERE receipt_no = :r",
            r=sale.receipt_no,
        )
        == 1
    )
    assert (
        _server_count(
            demo_counter.warehouse_url,
            "SELECT COUNT(*) FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id WHERE s.receipt_no = :r",
            r=sale.receipt_no,
        )
        == 3
    )
    assert services.sync_status.status().waiting == 0


def test_store_stock_on_the_server_falls_by_what_was_sold(demo_counter: Any) -> None:
    services = demo_counter.services
    product = services.catalog.search("茶", 1)[0]
    store_id = services.store.location_id
    before = next(
        f.on_hand for f in services.catalog.stock(product.id) if f.location_id == store_id
    )
    cart = Cart()
    cart.add(product, 3)
    services.selling.complete_cash_sale(
        cart, services.staff.first_with_role("cashier"), Money.from_dollars(5000)
    )
    services.relay.drain()
    services.puller.pull_until_current()
    after = next(f for f in services.catalog.stock(product.id) if f.location_id == store_id)
    assert after.on_hand == before - 3
    assert after.pending_local == 0
