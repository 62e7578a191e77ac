"""A discounted sale made by the counter's own services, pushed to the real warehouse
(SQLite and PostgreSQL): the warehouse stores list price, discount and paid per line,
and refuses lines whose figures do not add up."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from server_testkit import Server, new_id
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, PriceOverride
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.selling import TAIWAN, SellingService
from tests.shift_testkit import open_test_shift
from warehouse_api.models import Sale, SaleLine

STORE = StoreContext(1, "S001", "台北信義店")


def _counter_sale_op(tmp_path: Path) -> dict[str, Any]:
    db = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(db, STORE.location_id)
    cart = Cart()
    cart.add(ProductInfo(7, "SKU7", "商品七", Money(2500)), 3)  # NT$75
    cart.add(ProductInfo(8, "SKU8", "商品八", Money(19900)))  # NT$199
    cart.lines[0].discount = Discount.percent(10)  # NT$8 off (7.5 half up)
    cart.lines[1].override = PriceOverride(15000, "外盒破損")
    cart.discount = Discount.amount(2000)  # NT$20 over NT$67 + NT$150
    SellingService(
        db, STORE, lambda: datetime(2026, 11, 25, 10, 0, tzinfo=TAIWAN)
    ).complete_cash_sale(cart, StaffMember(1, "王小明", "cashier"), Money(20000))
    with db.transaction() as uow:
        row = uow.session.scalars(select(OutboxOp).where(OutboxOp.type == "sale")).one()
        op = {
            "op_id": row.op_id,
            "type": row.type,
            "created_at": row.created_at,
            "payload": json.loads(row.payload),
        }
    db.dispose()
    op["payload"]["cashier_id"] = None  # the demo warehouse's staff ids differ
    return op


def _push(server: Server, token: str, op: dict[str, Any]) -> dict[str, Any]:
    with server.client(token) as client:
        response = client.post("/sync/push", json={"ops": [op]})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def _refused(server: Server, token: str, op: dict[str, Any]) -> str:
    """A push the schema refuses as a whole: 422 ``validation_error`` and its reason."""
    with server.client(token) as client:
        response = client.post("/sync/push", json={"ops": [op]})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "validation_error"
    detail: str = response.json()["detail"]
    return detail


def test_the_warehouse_stores_list_price_discount_and_paid_per_line(
    server: Server, tmp_path: Path
) -> None:
    token = server.enroll("S001")
    op = _counter_sale_op(tmp_path)
    assert _push(server, token, op)["status"] == "applied"
    with server.db.read() as session:
        sale = session.get(Sale, op["payload"]["sale_id"])
        assert sale is not None and sale.total_cents == 19700
        lines = session.scalars(
            select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.product_id)
        ).all()
        assert [
            (
                line.list_price_cents,
                line.unit_price_cents,
                line.discount_cents,
                line.line_total_cents,
                line.override_reason,
            )
            for line in lines
        ] == [
            (2500, 2500, 800 + 600, 6100, None),  # 10% and 6 of the NT$20 cart discount
            (19900, 15000, 1400, 13600, "外盒破損"),  # override and 14 of the NT$20
        ]
        assert sum(line.line_total_cents for line in lines) == sale.total_cents


def test_discount_figures_that_do_not_add_up_are_rejected(server: Server, tmp_path: Path) -> None:
    token = server.enroll("S001")
    op = _counter_sale_op(tmp_path)
    wrong_line = json.loads(json.dumps(op))
    wrong_line["op_id"] = new_id()
    wrong_line["payload"]["lines"][0]["discount_cents"] += 100  # paid no longer adds up
    assert "unit_price_cents * qty - discount_cents" in _refused(server, token, wrong_line)
    no_reason = json.loads(json.dumps(op))
    no_reason["op_id"] = new_id()
    del no_reason["payload"]["lines"][1]["override_reason"]  # an override must say why
    assert "override_reason" in _refused(server, token, no_reason)
    wrong_total = json.loads(json.dumps(op))
    wrong_total["op_id"] = new_id()
    wrong_total["payload"]["total_cents"] += 100
    assert "sum of the lines" in _refused(server, token, wrong_total)
    assert _push(server, token, op)["status"] == "applied"  # the right one still goes in
