"""The managers' dashboard in a real browser, its figures checked against the records:
sales by store and the group-buy channel, per day, stock value, idle stock."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import httpx
from console_testkit import MANAGER, OPERATOR, Console
from server_testkit import push, sale_op
from sqlalchemy import select

from warehouse_api.console.views import money
from warehouse_api.models import Location, Product, Stock
from warehouse_api.planning_models import IdleSuggestion
from warehouse_api.services.demand_history import today_in_taiwan
from warehouse_api.services.locations import warehouse_id

TAIPEI = timezone(timedelta(hours=8))


def _sale_now(product_id: int, qty: int, price_cents: int) -> dict[str, object]:
    op = sale_op(product_id, qty, price_cents=price_cents)
    op["payload"]["created_at"] = datetime.now(TAIPEI).isoformat()  # type: ignore[index]
    return op


def test_the_dashboard_adds_up_to_the_records(console: Console) -> None:
    server = console.server
    with server.db.read() as session:
        product = session.scalars(
            select(Product)
            .join(Stock, Stock.product_id == Product.id)
            .where(Stock.location_id == warehouse_id(session), Stock.on_hand > 20)
            .order_by(Product.id)
            .limit(1)
        ).one()
        product_id, price = product.id, product.price_cents
    s001, s002 = server.enroll("S001"), server.enroll("S002")
    push(server, s001, _sale_now(product_id, 2, 2500), _sale_now(product_id, 1, 4000))
    push(server, s002, _sale_now(product_id, 1, 10_000))
    channel = server.token("group_buy")
    with httpx.Client(
        base_url=f"{server.url}/api/v1", headers={"Authorization": f"Bearer {channel}"}
    ) as api:
        placed = api.post(
            "/group-buy/orders",
            headers={"Idempotency-Key": str(uuid.uuid4())},
            json={"lines": [{"product_id": product_id, "qty": 3}], "customer_name": "團購客"},
        )
        assert placed.status_code == 201, placed.text
    with server.db.write() as session:
        s001_id = session.scalars(select(Location.id).where(Location.code == "S001")).one()
        session.add(
            IdleSuggestion(
                made_on=today_in_taiwan(),
                location_id=s001_id,
                product_id=product_id,
                action="offer_group_buy",
                to_location_id=None,
                qty=7,
                idle_qty=7,
                idle_value_cents=7 * price,
            )
        )
    with server.db.read() as session:
        stock_value: dict[str, int] = {}
        for stock, location, unit in session.execute(
            select(Stock, Location, Product.price_cents)
            .join(Location, Location.id == Stock.location_id)
            .join(Product, Product.id == Stock.product_id)
        ):
            stock_value[location.code] = (
                stock_value.get(location.code, 0) + max(stock.on_hand, 0) * unit
            )

    console.sign_in(*MANAGER)
    console.go("/dashboard?days=7")
    sales = {
        row.find_element("css selector", "td").text: row.find_elements("css selector", "td")[1].text
        for row in console.find_all("#sales tbody tr")
    }
    assert sales["S001 台北信義店"] == money(9000)
    assert sales["S002 " + _name(console, "S002")] == money(10_000)
    assert sales["團購"] == money(3 * price)
    assert console.find("#sales-total").text == money(19_000 + 3 * price)
    assert console.find("#stock-total").text == money(sum(stock_value.values()))
    assert console.find("#idle-total").text == money(7 * price)
    assert "轉給團購銷售" in console.find("#idle").text
    bars = console.find_all("svg.chart")
    assert len(bars) == 4
    today = datetime.now(UTC).astimezone(TAIPEI).date().isoformat()
    titles = [t.get_attribute("textContent") for t in console.find_all("svg.chart title")]
    assert f"{today}: {money(19_000 + 3 * price)}" in titles
    console.shot("dashboard")
    # Periods are fixed; an operator does not see the page.
    client, _csrf = console.http_signed_in(*OPERATOR)
    assert client.get("/dashboard").status_code == 403
    manager, _ = console.http_signed_in(*MANAGER)
    assert manager.get("/dashboard?days=5").status_code == 422


def _name(console: Console, code: str) -> str:
    with console.server.db.read() as session:
        return str(session.scalars(select(Location.name).where(Location.code == code)).one())
