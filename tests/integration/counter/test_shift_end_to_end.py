"""A shift at a real till: the Z report's figures reach the warehouse as ``shift.close``,
and a manager reads them back from ``GET /operator/shifts``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, text

from counter_app.core.cart import Cart
from counter_app.core.money import Money
from counter_app.services.permissions import Action
from counter_app.services.shifts import ShiftError


def _server_row(url: str, shift_id: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            row = (
                conn.execute(text("SELECT * FROM shift_closes WHERE id = :i"), {"i": shift_id})
                .mappings()
                .one()
            )
            return dict(row)
    finally:
        engine.dispose()


def test_a_closed_shift_reaches_the_warehouse_with_its_figures(demo_counter: Any) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    shift = services.shifts.current()  # the demo fixture's shift, opened with nothing
    cart = Cart()
    for product in services.catalog.search("茶", 2):
        cart.add(product, 2)
    sale = services.selling.complete_cash_sale(cart, cashier, Money.from_dollars(5000))
    services.shifts.cash_in(cashier, Money.from_dollars(1000), "換零錢")
    services.shifts.cash_out(cashier, Money.from_dollars(200), "買膠帶")

    try:  # the sale has not reached the warehouse: closing now needs a supervisor
        services.shifts.close(cashier, {1000: 1})
        raise AssertionError("closed with a sale waiting to sync")
    except ShiftError as waiting:
        assert waiting.code == "unsynced_operations"
    assert services.relay.drain().applied == 1

    expected = sale.total.cents + 100_000 - 20_000
    z = services.shifts.close(cashier, {1000: 1, 100: 2})
    assert (z.expected_cents, z.counted_cents) == (expected, 120_000)
    result = services.relay.drain()
    assert (result.applied, result.rejected) == (1, 0)
    assert services.sync_status.status().waiting == 0

    row = _server_row(demo_counter.warehouse_url, shift.shift_id)
    assert row["location_id"] == services.store.location_id
    assert (row["cash_sales_cents"], row["cash_in_cents"], row["cash_out_cents"]) == (
        sale.total.cents,
        100_000,
        20_000,
    )
    assert (row["expected_cents"], row["counted_cents"], row["difference_cents"]) == (
        expected,
        120_000,
        120_000 - expected,
    )
    assert row["sale_count"] == 1 and row["staff_id"] == cashier.id


def test_with_the_warehouse_stopped_a_supervisor_confirms_the_close_and_it_waits_to_sync(
    demo_counter: Any,
) -> None:
    services = demo_counter.services
    cashier = services.staff.first_with_role("cashier")
    demo_counter.server.stop()  # offline from here on
    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0])
    services.selling.complete_cash_sale(cart, cashier, cart.total)
    assert services.relay.drain().applied == 0
    waiting = services.shifts.waiting_operations()
    assert waiting == 1

    approval = services.staff.approve("999999", Action.CLOSE_SHIFT_UNSYNCED)  # offline: cached hash
    z = services.shifts.close(cashier, {}, approval)
    assert z.unsynced_ops == waiting and z.difference_cents == -z.expected_cents
    assert services.shifts.current() is None
    # the sale, the supervisor's audited approval and the shift.close: all kept to sync later
    assert services.sync_status.status().waiting == 3
