"""Returns on a dropship partner's scorecard (GET /admin/partners/scorecards), on SQLite
and PostgreSQL: an order returned at a store counts once however many times it comes
back; the rate is returned orders over shipped ones; returns of the warehouse's own
dropship orders and of group-buy orders are not the partner's."""

from __future__ import annotations

from typing import Any

from server_testkit import Server, assert_problem, new_id, push_one
from sqlalchemy import select

from warehouse_api.models import Location, Product


def _partner_product(server: Server) -> tuple[str, int]:
    with server.db.read() as session:
        partner = session.scalars(select(Location).where(Location.kind == "partner")).first()
        assert partner is not None
        product_id = session.scalars(
            select(Product.id).where(Product.dropship_partner_id == partner.id).limit(1)
        ).one()
        return partner.code, int(product_id)


def _shipped_order(server: Server, till: str, product_id: int, source: str) -> str:
    created = push_one(
        server,
        till,
        "dropship.create",
        {
            "dropship_id": new_id(),
            "source": source,
            "lines": [{"product_id": product_id, "qty": 2}],
            "customer_name": "陳小姐",
            "customer_phone": "0922000111",
            "address": "台北市信義區松高路1號",
        },
    )
    assert created["status"] == "applied", created
    dropship_id: str = created["result"]["dropship_id"]
    path = f"/operator/dropship-orders/{dropship_id}"
    with server.client(server.token("operator")) as client:
        client.post(f"{path}/accept").raise_for_status()
        client.post(f"{path}/ship", json={"carrier": "黑貓", "tracking_no": "1"}).raise_for_status()
    return dropship_id


def _return_one(server: Server, till: str, dropship_id: str, product_id: int) -> None:
    returned = push_one(
        server,
        till,
        "order.return",
        {
            "return_id": new_id(),
            "order_kind": "dropship",
            "order_id": dropship_id,
            "refund_mode": "channel",
            "refund_cents": 0,
            "lines": [{"product_id": product_id, "qty": 1, "disposition": "send_to_warehouse"}],
        },
    )
    assert returned["status"] == "applied", returned


def _card(server: Server, code: str, days: int = 90) -> dict[str, Any]:
    with server.client(server.token("admin")) as admin:
        response = admin.get("/admin/partners/scorecards", params={"days": days})
    assert response.status_code == 200, response.text
    [card] = [c for c in response.json() if c["code"] == code]
    return dict(card)


def test_returns_and_the_return_rate_on_the_partners_scorecard(server: Server) -> None:
    code, product_id = _partner_product(server)
    till = server.enroll("S001")
    before = _card(server, code)
    assert (before["returns"], before["returned_orders"]) == (0, 0)
    assert before["return_pct"] is None  # nothing shipped yet: no rate, not 0%

    twice = _shipped_order(server, till, product_id, "partner")
    _shipped_order(server, till, product_id, "partner")  # shipped, never returned
    own = _shipped_order(server, till, 17, "warehouse")  # the warehouse's, not the partner's
    _return_one(server, till, twice, product_id)
    _return_one(server, server.enroll("S002"), twice, product_id)  # again, at another store
    _return_one(server, till, own, 17)

    card = _card(server, code)
    assert (card["shipped"], card["returns"], card["returned_orders"]) == (2, 2, 1)
    assert card["return_pct"] == 50.0


def test_the_scorecards_route_refuses_a_bad_period_and_non_admins(server: Server) -> None:
    with server.client(server.token("admin")) as admin:
        for days in (0, 367, "x"):
            assert_problem(
                admin.get("/admin/partners/scorecards", params={"days": days}),
                422,
                "validation_error",
            )
    with server.client(server.token("operator")) as operator:
        assert_problem(operator.get("/admin/partners/scorecards"), 403, "forbidden")
