"""Sending a waiting group-buy order to a store for collection from the console's
group-buy queue (headless Chromium against the real server, on both backends): the
order gets its pickup code and the transfer to the chosen store; bad forms change nothing."""

from __future__ import annotations

import uuid

import httpx
from console_testkit import OPERATOR, Console
from selenium.webdriver.support.select import Select
from sqlalchemy import select

from warehouse_api.models import AuditEntry, Reservation, Transfer

PRODUCT = 19


def _place(console: Console, channel: str) -> str:
    with httpx.Client(
        base_url=f"{console.server.url}/api/v1", headers={"Authorization": f"Bearer {channel}"}
    ) as api:
        response = api.post(
            "/group-buy/orders",
            headers={"Idempotency-Key": str(uuid.uuid4())},
            json={"lines": [{"product_id": PRODUCT, "qty": 2}], "customer_name": "林小姐"},
        )
    assert response.status_code == 201, response.text
    order_id: str = response.json()["reservation_id"]
    return order_id


def _order(console: Console, order_id: str) -> tuple[str, int | None, str | None, str | None]:
    with console.server.db.read() as session:
        order = session.get(Reservation, order_id)
        assert order is not None
        transfer = session.get(Transfer, f"TR-{order_id}")
        return (
            order.status,
            order.store_location_id,
            order.pickup_code,
            None if transfer is None else transfer.status,
        )


def test_an_operator_sends_a_waiting_order_to_a_store(console: Console) -> None:
    channel = console.server.token("group_buy")
    order_id = _place(console, channel)
    console.sign_in(*OPERATOR)
    console.go("/group-buy")
    console.click(f"#order-{order_id} a[href$='/to-store']")
    Select(console.find("select[name='store_code']")).select_by_value("S002")
    console.shot("group_buy_to_store")
    console.click("#send-to-store")
    assert "已改為門市取貨" in console.text() and order_id in console.text()
    assert not console.find_all(f"#order-{order_id}")  # no longer waits to ship
    status, store_id, code, transfer = _order(console, order_id)
    assert (status, store_id, transfer) == (
        "confirmed",
        console.server.location_id("S002"),
        "requested",
    )
    assert code
    console.go("/transfers")
    assert f"TR-{order_id}" in console.text()
    with console.server.db.read() as session:
        audited = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "console.group_buy.to_store")
        ).all()
    assert [(a.detail["order_id"], a.detail["store_code"]) for a in audited] == [(order_id, "S002")]
    with console.server.client(channel) as api:
        seen = api.get(f"/group-buy/orders/{order_id}").json()
    assert seen["channel_status"] == "pending" and seen["pickup_store_code"] == "S002"
    assert seen["pickup_code"] == code


def test_bad_sends_are_refused_and_change_nothing(console: Console) -> None:
    channel = console.server.token("group_buy")
    order_id = _place(console, channel)
    sent = _place(console, channel)
    client, token = console.http_signed_in(*OPERATOR)
    path = f"/group-buy/{order_id}/to-store"
    try:
        no_token = client.post(path, data={"store_code": "S001"})
        warehouse = client.post(path, data={"csrf_token": token, "store_code": "WH01"})
        unknown = client.post(path, data={"csrf_token": token, "store_code": "S999"})
        empty = client.post(path, data={"csrf_token": token, "store_code": ""})
        altered = client.post(
            "/group-buy/a%00b/to-store", data={"csrf_token": token, "store_code": "S001"}
        )
        missing = client.post(
            "/group-buy/no-such-order/to-store", data={"csrf_token": token, "store_code": "S001"}
        )
        first = client.post(
            f"/group-buy/{sent}/to-store",
            data={"csrf_token": token, "store_code": "S001"},
            follow_redirects=False,
        )
        again = client.post(
            f"/group-buy/{sent}/to-store", data={"csrf_token": token, "store_code": "S002"}
        )
        page_again = client.get(f"/group-buy/{sent}/to-store")
    finally:
        client.close()
    assert no_token.status_code == 403
    assert warehouse.status_code == 422 and unknown.status_code == 422
    assert empty.status_code == 422 and "請選擇門市" in empty.text
    assert altered.status_code == 422  # a control character in the path: refused before us
    assert missing.status_code == 404 and "no-such-order" in missing.text
    assert _order(console, order_id) == ("confirmed", None, None, None)
    assert first.status_code == 303
    assert again.status_code == 409 and page_again.status_code == 409
    assert _order(console, sent)[1] == console.server.location_id("S001")
