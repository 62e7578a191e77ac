"""Tenders on the warehouse: the defaults in the feed, admin routes to add and disable
them, and split payments stored with their references (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from server_testkit import Server, assert_problem, new_id, push, sale_op
from sqlalchemy import select

from warehouse_api.models import Payment, Tender

CARD_NUMBER = "4111 1111 1111 1111"  # a test Visa number: 16 digits passing Luhn


def _split(sale: dict[str, Any], *payments: dict[str, Any]) -> dict[str, Any]:
    sale["payload"]["payments"] = [
        {"payment_id": new_id(), "tendered_cents": p["amount_cents"], "change_cents": 0} | p
        for p in payments
    ]
    return sale


def _pull_all(server: Server, token: str) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    cursor, more = 0, True
    with server.client(token) as client:
        while more:
            page = client.get("/sync/pull", params={"cursor": cursor, "limit": 5000}).json()
            changes += page["changes"]
            cursor, more = page["cursor"], page["has_more"]
    return changes


def test_the_default_tenders_reach_every_till_and_disabling_one_reaches_them_too(
    server: Server,
) -> None:
    till = server.enroll("S001")
    tenders = {c["id"]: c["data"] for c in _pull_all(server, till) if c["entity"] == "tender"}
    assert list(tenders) == [
        "cash", "card", "linepay", "jkopay", "easycard", "ipass", "applepay", "voucher"
    ]  # fmt: skip
    assert tenders["jkopay"] == {
        "code": "jkopay",
        "name_zh": "街口支付",
        "name_en": "JKOPAY",
        "kind": "mobile",
        "needs_reference": True,
        "active": True,
        "sort_order": 30,
    }
    assert tenders["applepay"]["kind"] == "card"  # taken on the card terminal

    with server.client(server.token("admin")) as admin:
        assert admin.post("/admin/tenders/linepay/disable").json()["active"] is False
        created = admin.post(
            "/admin/tenders",
            json={"code": "pxpay", "name_zh": "全支付", "name_en": "PX Pay", "kind": "mobile"},
        )
        assert created.status_code == 201, created.text
        # What each bad request gets:
        assert_problem(admin.post("/admin/tenders/cash/disable"), 409, "tender_required")
        assert_problem(admin.post("/admin/tenders/nope/disable"), 404, "tender_not_found")
        again = {"code": "pxpay", "name_zh": "全支付", "name_en": "PX Pay", "kind": "mobile"}
        assert_problem(admin.post("/admin/tenders", json=again), 409, "tender_code_taken")
        cash_kind = again | {"code": "cash2", "kind": "cash"}  # cash is the one cash tender
        assert_problem(admin.post("/admin/tenders", json=cash_kind), 422, "validation_error")
        listed = {t["code"]: t["active"] for t in admin.get("/admin/tenders").json()}
    assert listed["linepay"] is False and listed["pxpay"] is True and len(listed) == 9
    with server.client(till) as client:
        assert client.get("/admin/tenders").status_code == 403

    after = {c["id"]: c["data"] for c in _pull_all(server, till) if c["entity"] == "tender"}
    assert after["linepay"]["active"] is False  # stays in the feed, inactive
    assert after["pxpay"]["name_zh"] == "全支付"


def test_a_split_sale_stores_each_payment_with_its_reference(server: Server) -> None:
    till = server.enroll("S001")
    sale = _split(
        sale_op(1, 2, price_cents=50_000),
        {
            "method": "card",
            "amount_cents": 60_000,
            "reference": "TX-889912",
            "approval_code": "A1B2C3",
        },
        {"method": "linepay", "amount_cents": 10_000, "reference": "LP20261201000123"},
        {
            "method": "cash",
            "amount_cents": 30_000,
            "tendered_cents": 50_000,
            "change_cents": 20_000,
        },
    )
    [result] = push(server, till, sale)
    assert result["status"] == "applied", result
    assert "unknown_tenders" not in result["result"]
    with server.db.read() as session:
        rows = {
            p.method: (p.amount_cents, p.reference, p.approval_code, p.unknown_tender)
            for p in session.scalars(
                select(Payment).where(Payment.sale_id == sale["payload"]["sale_id"])
            )
        }
    assert rows == {
        "card": (60_000, "TX-889912", "A1B2C3", False),
        "linepay": (10_000, "LP20261201000123", None, False),
        "cash": (30_000, None, None, False),
    }


def test_payments_that_do_not_add_up_or_hold_a_card_number_are_refused_and_unknown_ones_flagged(
    server: Server,
) -> None:
    till = server.enroll("S001")
    short = _split(sale_op(1, 1, price_cents=10_000), {"method": "cash", "amount_cents": 9_000})
    pan = _split(
        sale_op(1, 1, price_cents=10_000),
        {"method": "card", "amount_cents": 10_000, "reference": CARD_NUMBER, "approval_code": "1"},
    )
    unknown = _split(
        sale_op(1, 1, price_cents=10_000),
        {"method": "giftcard_x", "amount_cents": 4_000, "reference": "G-1"},
        {"method": "cash", "amount_cents": 6_000},
    )
    results = push(server, till, short, pan, unknown)
    assert [r["status"] for r in results] == ["rejected", "rejected", "applied"]
    assert results[0]["problem"]["code"] == "payment_total_mismatch"
    assert results[0]["problem"]["paid_cents"] == 9_000
    assert results[1]["problem"]["code"] == "card_number_in_reference"
    # A sale is a fact: a tender the warehouse does not know is recorded and flagged.
    assert results[2]["result"]["unknown_tenders"] == ["giftcard_x"]
    with server.db.read() as session:
        flagged = session.scalars(
            select(Payment.method).where(Payment.unknown_tender.is_(True))
        ).all()
        stored_refs = session.scalars(select(Payment.reference)).all()
        assert session.get(Tender, "cash") is not None
    assert flagged == ["giftcard_x"]
    assert CARD_NUMBER not in stored_refs  # the refused sale left nothing behind

    with server.client(server.token("operator")) as operator:
        listed = operator.get("/operator/payments/unknown-tenders").json()
        one_store = operator.get("/operator/payments/unknown-tenders", params={"store": "S002"})
        unknown_store = operator.get("/operator/payments/unknown-tenders", params={"store": "NOPE"})
    assert [
        (p["method"], p["amount_cents"], p["reference"], p["location_code"]) for p in listed
    ] == [("giftcard_x", 4_000, "G-1", "S001")]
    assert listed[0]["receipt_no"] == unknown["payload"]["receipt_no"]
    assert one_store.json() == []
    assert_problem(unknown_store, 404, "location_not_found")
    with server.client(till) as client:
        assert client.get("/operator/payments/unknown-tenders").status_code == 403
