"""Dropship partners in a real browser: an order the warehouse cannot ship passes to the
product's partner (the hold moves with it), the partner's shipment is recorded, delivered,
a damaged delivery reported, and the partner's scorecard and terms show it all."""

from __future__ import annotations

from console_testkit import MANAGER, OPERATOR, Console
from server_testkit import level, new_id, push_one
from sqlalchemy import select

from warehouse_api.models import DropshipOrder, Location, PartnerTerms, Product, Stock


def _partner_product(console: Console) -> tuple[int, str]:
    """A product both the warehouse and its partner hold, and the partner's code."""
    with console.server.db.read() as session:
        partner = session.scalars(select(Location).where(Location.kind == "partner")).first()
        assert partner is not None
        product_id = session.scalars(
            select(Product.id)
            .join(Stock, Stock.product_id == Product.id)
            .where(
                Product.dropship_partner_id == partner.id,
                Stock.location_id == partner.id,
                Stock.on_hand - Stock.reserved > 5,
            )
            .order_by(Product.id)
            .limit(1)
        ).one()
        return product_id, partner.code


def test_pass_to_partner_ship_deliver_problem_and_scorecard(console: Console) -> None:
    server = console.server
    product_id, partner_code = _partner_product(console)
    till = server.enroll("S001")
    dropship_id = new_id()
    created = push_one(
        server,
        till,
        "dropship.create",
        {
            "dropship_id": dropship_id,
            "source": "warehouse",
            "lines": [{"product_id": product_id, "qty": 2}],
            "customer_name": "王小明",
            "customer_phone": "0912345678",
            "address": "110 臺北市信義區市府路1號",
        },
    )
    assert created["status"] == "applied", created
    warehouse_before = level(server, "WH01", product_id)
    partner_before = level(server, partner_code, product_id)

    console.sign_in(*OPERATOR)
    console.go("/dropship")
    console.click(f"#dropship-{dropship_id} form[action$='pass-to-partner'] button")
    assert "已轉由廠商出貨" in console.text()
    # The hold moved: two units fewer reserved at the warehouse, two more at the partner.
    assert level(server, "WH01", product_id) == (warehouse_before[0], warehouse_before[1] - 2)
    assert level(server, partner_code, product_id) == (partner_before[0], partner_before[1] + 2)
    console.click(f"#dropship-{dropship_id} form[action$='accept'] button")
    form = f"#dropship-{dropship_id} form.shipment"
    console.find(f"{form} input[name=tracking_no]").send_keys("12345")  # not a T-cat number
    console.click(f"{form} button")
    assert "123456789012" in console.text()  # the refusal shows what a T-cat number looks like
    console.go("/dropship")
    console.find(f"{form} input[name=tracking_no]").send_keys("123456789012")
    console.click(f"{form} button")
    assert "出貨已記錄" in console.text()
    assert level(server, partner_code, product_id) == (partner_before[0] - 2, partner_before[1])
    console.click(f"#shipped-{dropship_id} form[action$='delivered'] button")
    problem = f"#shipped-{dropship_id} form.shipment"
    console.find(f"{problem} select[name=problem] option[value=damaged]").click()
    console.find(f"{problem} input[name=note]").send_keys("外箱壓損")
    console.click(f"{problem} button")
    assert "問題已記錄" in console.text()
    console.shot("dropship")
    with server.db.read() as session:
        order = session.get(DropshipOrder, dropship_id)
        assert order is not None
        assert (order.status, order.problem, order.problem_note) == (
            "delivered",
            "damaged",
            "外箱壓損",
        )
        assert order.shipped_at is not None and order.delivered_at is not None

    # The customer brings one of the two back to a store: a return on the partner's card.
    returned = push_one(
        server,
        server.enroll("S002"),
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

    console.sign_out()
    console.sign_in(*MANAGER)
    console.go(f"/partners/{partner_code}")
    terms = f"#terms-{product_id} form"
    console.find(f"{terms} input[name=cost]").send_keys("120.5")
    console.find(f"{terms} input[name=lead_time_days]").send_keys("1")
    console.click(f"{terms} button")
    assert "條件已儲存" in console.text()
    with server.db.read() as session:
        saved = session.get(PartnerTerms, (_partner_id(console, partner_code), product_id))
        assert saved is not None and (saved.cost_cents, saved.lead_time_days) == (12050, 1)
    console.shot("partner_terms")
    console.go("/partners")
    card = console.find(f"#partner-{partner_code}")
    assert card.find_element("css selector", ".on-time").text == "100.0%"
    assert card.find_element("css selector", ".cost").text == "NT$241"
    assert "1" in card.find_element("css selector", ".problems").text
    assert card.find_element("css selector", ".returns").text == "100.0% (1 / 1)"
    console.shot("partners")
    # Operators do not see scorecards or terms; bad terms are refused.
    client, _ = console.http_signed_in(*OPERATOR)
    assert client.get("/partners").status_code == 403
    manager, csrf = console.http_signed_in(*MANAGER)
    bad = manager.post(
        f"/partners/{partner_code}/terms/{product_id}",
        data={"csrf_token": csrf, "cost": "-1", "lead_time_days": "1"},
    )
    assert bad.status_code == 422


def _partner_id(console: Console, code: str) -> int:
    with console.server.db.read() as session:
        return int(session.scalars(select(Location.id).where(Location.code == code)).one())
