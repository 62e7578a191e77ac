"""A split sale (card + cash) made at the till reaches the real warehouse on loopback with
both payments and their references; the till got its tenders from the feed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from counter_app.core.cart import Cart
from counter_app.core.tenders import PaymentSplit
from counter_app.services.tenders import TenderService


def test_a_card_and_cash_sale_is_stored_with_both_payments(demo_counter: Any) -> None:
    services = demo_counter.services
    tenders = {t.code: t for t in TenderService(services.db).usable()}
    assert list(tenders) == [
        "cash",
        "card",
        "linepay",
        "jkopay",
        "easycard",
        "ipass",
        "applepay",
        "voucher",
    ]  # fmt: skip  (the warehouse's defaults, pulled with the catalog)

    cashier = services.staff.first_with_role("cashier")
    cart = Cart()
    for product in services.catalog.search("茶", 2):
        cart.add(product)
    split = PaymentSplit(cart.total.cents)
    split.add(tenders["card"], cart.total.cents - 5_000, "TX-889912", "A1B2C3")
    split.add(tenders["cash"], 10_000)
    sale = services.selling.complete_sale(cart, cashier, split.payments)
    result = services.relay.drain()
    assert (result.applied, result.rejected) == (1, 0)

    engine = create_engine(demo_counter.warehouse_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT method, amount_cents, tendered_cents, change_cents, reference,"
                    " approval_code, unknown_tender FROM payments WHERE sale_id = :s"
                    " ORDER BY method"
                ),
                {"s": sale.sale_id},
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("card", cart.total.cents - 5_000, cart.total.cents - 5_000, 0, "TX-889912", "A1B2C3", 0),
        ("cash", 5_000, 10_000, 5_000, None, None, 0),
    ]


def test_with_the_warehouse_stopped_the_cached_tenders_still_take_a_split_sale(
    demo_counter: Any,
) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    demo_counter.server.stop()  # offline from here on
    tenders = {t.code: t for t in TenderService(services.db).usable()}
    assert {"linepay", "voucher"} <= tenders.keys()  # the list cached at the last pull
    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0], 3)
    split = PaymentSplit(cart.total.cents)
    split.add(tenders["linepay"], 1_000, "LP-OFFLINE-1")
    split.add(tenders["voucher"], cart.total.cents, "V-42")  # more than is left: no change
    assert split.settled and split.forfeited_cents == 1_000
    sale = services.selling.complete_sale(cart, cashier, split.payments)
    assert services.relay.drain().applied == 0  # waits to sync
    x = services.shifts.report()
    by_method = {t.method: t.sales_cents for t in x.tenders}
    assert by_method == {"cash": 0, "linepay": 1_000, "voucher": cart.total.cents - 1_000}
    assert x.cash_sales_cents == 0 and not sale.takes_cash  # the drawer stays shut
