"""One price in a real browser: a manager sees the store price overrides and the group-buy
channel's price conflicts, marks one deliberate with a note and it leaves the open list;
an operator may not see the page, and a note-less mark is refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from console_testkit import MANAGER, OPERATOR, Console
from server_testkit import push, sale_op, set_available
from sqlalchemy import func, select

from warehouse_api.console.views import money
from warehouse_api.models import Product
from warehouse_api.planning_models import PriceDecision

CHEAP, DEAR, OVERRIDDEN = 21, 22, 23


def _override(product_id: int, listed: int, charged: int, reason: str) -> dict[str, Any]:
    op = sale_op(product_id, 2, price_cents=charged)
    payload = op["payload"]
    payload["created_at"] = datetime.now(UTC).isoformat()
    payload["lines"][0].update(list_price_cents=listed, override_reason=reason)
    return op


def test_a_manager_marks_a_channel_price_conflict_deliberate(console: Console) -> None:
    server = console.server
    with server.db.read() as session:
        prices = dict(
            session.execute(
                select(Product.id, Product.price_cents).where(
                    Product.id.in_([CHEAP, DEAR, OVERRIDDEN])
                )
            ).all()
        )
    till = server.enroll("S001")
    listed = prices[OVERRIDDEN]
    push(server, till, _override(OVERRIDDEN, listed, listed - 3000, "外盒破損"))
    wh01 = server.location_id("WH01")
    with httpx.Client(
        base_url=f"{server.url}/api/v1",
        headers={"Authorization": f"Bearer {server.token('group_buy')}"},
    ) as api:
        for product_id, price in ((CHEAP, prices[CHEAP] - 2000), (DEAR, prices[DEAR] + 1000)):
            set_available(server.db, wh01, product_id, 20)
            placed = api.post(
                "/group-buy/orders",
                headers={"Idempotency-Key": str(uuid.uuid4())},
                json={"lines": [{"product_id": product_id, "qty": 2, "unit_price_cents": price}]},
            )
            assert placed.status_code == 201, placed.text

    console.sign_in(*MANAGER)
    console.go("/prices")
    assert console.find("#open-count").text == "2"
    assert console.find("#given-away").text == money(2 * 3000)
    assert "外盒破損 ×1" in console.find("#overrides").text
    cheap_row = f"#conflict-{CHEAP}-{prices[CHEAP] - 2000}"
    assert "團購" in console.find(cheap_row).text
    assert "門市" in console.find(f"#conflict-{DEAR}-{prices[DEAR] + 1000}").text
    console.find(f"{cheap_row} input[name=note]").send_keys("雙十一團購檔期")
    console.click(f"{cheap_row} button")
    assert "已標記為刻意定價" in console.text()
    assert console.find("#open-count").text == "1"
    assert not console.find_all(cheap_row)
    assert "雙十一團購檔期" in console.find("#deliberate").text
    console.shot("prices")

    # an operator does not see the page; a blank note or a made-up conflict is refused
    operator, _ = console.http_signed_in(*OPERATOR)
    assert operator.get("/prices").status_code == 403
    manager, csrf = console.http_signed_in(*MANAGER)
    assert manager.get("/prices?days=5").status_code == 422
    form = {"csrf_token": csrf, "product_id": str(DEAR)}
    blank = manager.post(
        "/prices/deliberate",
        data={**form, "channel_price_cents": str(prices[DEAR] + 1000), "note": " "},
    )
    assert blank.status_code == 422 and "請在備註中說明原因" in blank.text
    made_up = manager.post(
        "/prices/deliberate", data={**form, "channel_price_cents": "1", "note": "x"}
    )
    assert made_up.status_code == 404
    altered = manager.post(
        "/prices/deliberate", data={**form, "channel_price_cents": "abc", "note": "x"}
    )
    assert altered.status_code == 422
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(PriceDecision)) == 1
