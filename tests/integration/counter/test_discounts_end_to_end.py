"""A discounted sale at a real till reaches the demo warehouse through the counter's own
relay with list price, discount and paid per line; with the warehouse stopped the sale
and the supervisor's audited approval wait to sync."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, PriceOverride
from counter_app.core.money import Money
from counter_app.services.discounts import DiscountService, line_discount_request
from counter_app.services.permissions import Action


def _cart(services: Any) -> Cart:
    cart = Cart()
    products = [p for p in services.catalog.search("茶", 5) if p.price.cents % 100 == 0][:2]
    assert len(products) == 2
    cart.add(products[0], 3)
    cart.add(products[1])
    return cart


def test_a_discounted_sale_reaches_the_warehouse_with_list_discount_and_paid(
    demo_counter: Any,
) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    cart = _cart(services)
    cart.lines[0].discount = Discount.percent(10)
    listed = cart.lines[1].list_price.cents
    cart.lines[1].override = PriceOverride(listed // 200 * 100, "即期品")  # about half
    cart.discount = Discount.amount(1000)
    sale = services.selling.complete_cash_sale(cart, cashier, Money.from_dollars(5000))
    assert services.relay.drain().applied >= 1
    engine = create_engine(demo_counter.warehouse_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT l.list_price_cents, l.unit_price_cents, l.discount_cents,"
                    " l.line_total_cents, l.override_reason, s.total_cents"
                    " FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
                    " WHERE s.id = :id ORDER BY l.line_total_cents DESC"
                ),
                {"id": sale.sale_id},
            ).all()
    finally:
        engine.dispose()
    stored = {(r[0], r[1], r[2], r[3], r[4]) for r in rows}
    expected = {
        (
            (s.list_price or s.unit_price).cents,
            s.unit_price.cents,
            s.discount.cents,
            s.line_total.cents,
            s.override_reason,
        )
        for s in sale.lines
    }
    assert stored == expected
    assert rows[0][5] == sale.total.cents == sum(r[3] for r in rows)
    assert any(r[4] == "即期品" and r[0] > r[1] for r in rows)


def test_offline_a_discount_above_the_limit_is_approved_and_waits_to_sync(
    demo_counter: Any,
) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    demo_counter.server.stop()  # offline from here on
    cart = _cart(services)
    wanted = Discount.percent(20)
    request = line_discount_request(cart, 0, wanted)
    discounts = DiscountService(services.db, services.staff)
    assert discounts.needs_approval(cashier, request)
    approval = services.staff.approve("999999", Action.DISCOUNT_OVER_LIMIT)  # cached hash
    approver = discounts.authorize(cashier, request, approval)
    assert approver is not None and approver.role == "supervisor"
    cart.lines[0].discount = wanted
    services.selling.complete_cash_sale(cart, cashier, Money.from_dollars(5000))
    assert services.relay.drain().applied == 0
    assert services.sync_status.status().waiting == 2  # the sale and the audit entry
