"""What the warehouse refuses before it reaches a database, the same on SQLite and PostgreSQL.

NUL and control characters anywhere (path, query, body), values longer or larger than
the column behind them, free-form JSON nested too deep, times off the calendar, and
lax coercion ("2" for 2, true for 1, 0 for a time): each is a 422 problem+json with
code validation_error, and nothing is recorded.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from server_testkit import Server, assert_problem, level, new_id, op, sale_op
from sqlalchemy import func, select

from warehouse_api.models import AuditEntry, Product, Reservation, Sale, ShiftClose

PRODUCT_ID = 1


def _error_types(body: dict[str, Any]) -> set[str]:
    return {error["type"] for error in body["errors"]}


def _push_raw(server: Server, token: str, raw: bytes) -> httpx.Response:
    with server.client(token) as client:
        return client.post("/sync/push", content=raw, headers={"Content-Type": "application/json"})


def _push(server: Server, token: str, *ops: dict[str, Any]) -> httpx.Response:
    return _push_raw(server, token, json.dumps({"ops": list(ops)}).encode())


def _count(server: Server, model: Any) -> int:
    with server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _nested(depth: int) -> dict[str, Any]:
    """A JSON object `depth` levels deep, the outer one included."""
    node: dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        node = {"next": node}
    return node


def _audit(detail: Any, created_at: str = "2026-11-25T09:30:00+08:00") -> dict[str, Any]:
    return op(
        "audit",
        {"audit_id": new_id(), "action": "drawer_open", "detail": detail, "created_at": created_at},
    )


# ----- 8.19: NUL and control characters -----


@pytest.mark.parametrize(
    "path",
    [
        "/transfers/TR-%00abc",
        "/reservations/a%00b",
        "/dropship-orders/x%1bx",
        "/group-buy/orders/o%00",
    ],
)
def test_a_nul_or_control_character_in_the_path_is_422(server: Server, path: str) -> None:
    token = server.token("admin")
    with server.client(token) as client:
        body = assert_problem(client.get(path), 422, "validation_error")
    assert _error_types(body) == {"invalid_text"}
    assert body["errors"][0]["loc"] == ["path"]


@pytest.mark.parametrize("value", ["ab%00c", "%00", "4710%0A", "abc%7F", "x%C2%85"])
def test_a_nul_or_control_character_in_the_query_is_422(server: Server, value: str) -> None:
    token = server.enroll("S001")
    with server.client(token) as client:
        body = assert_problem(client.get(f"/stock?product={value}"), 422, "validation_error")
    assert body["errors"][0]["loc"] == ["query", "product"]
    assert body["errors"][0]["type"] == "invalid_text"


def test_an_admin_path_with_nul_is_422_not_a_lookup(server: Server) -> None:
    token = server.token("admin")
    with server.client(token) as client:
        response = client.delete("/admin/barcodes/4710%00123")
        safety = client.put("/admin/stock/S0%0001/1/safety-stock", json={"safety_stock": 1})
    assert_problem(response, 422, "validation_error")
    assert_problem(safety, 422, "validation_error")


@pytest.mark.parametrize("bad", ["A\x00B", "A\x1bB", "line\nbreak", "\x7f", "\x85", "\ud800"])
def test_control_characters_in_body_strings_are_422_and_nothing_is_recorded(
    server: Server, bad: str
) -> None:
    token = server.enroll("S001")
    reservation_id = new_id()
    reservation = op(
        "reservation.create",
        {
            "reservation_id": reservation_id,
            "lines": [{"product_id": PRODUCT_ID, "qty": 1}],
            "customer_name": bad,
        },
    )
    # json.dumps escapes every one of these (\u0000, \ud800...) as a client would.
    body = assert_problem(_push(server, token, reservation), 422, "validation_error")
    # pydantic itself refuses a lone surrogate in a typed string (string_unicode)
    assert _error_types(body) <= {"invalid_text", "string_unicode"}
    assert body["errors"][0]["loc"][-1] == "customer_name"
    with server.db.read() as session:
        assert session.get(Reservation, reservation_id) is None


def test_nul_in_every_kind_of_body_field_is_422(server: Server) -> None:
    store = server.enroll("S001")
    admin = server.token("admin")
    operator = server.token("operator")
    group_buy = server.token("group_buy")
    dropship = op(
        "dropship.create",
        {
            "dropship_id": new_id(),
            "lines": [{"product_id": PRODUCT_ID, "qty": 1}],
            "customer_name": "陳小姐",
            "customer_phone": "0912345678",
            "address": "台北市\x00信義區",
        },
    )
    sale = sale_op(PRODUCT_ID)
    sale["payload"]["receipt_no"] = "RS001-\x00-1"
    sale["payload"]["payments"][0]["method"] = "ca\x00sh"
    answers = [
        _push(server, store, dropship),
        _push(server, store, sale),
        _push(
            server, store, _audit({}) | {"payload": {**_audit({})["payload"], "action": "a\x00"}}
        ),
    ]
    with server.client(admin) as client:
        answers.append(
            client.post(
                "/admin/products",
                json={"sku": "NUL-1", "name": "茶\x00", "category": "飲料", "price_cents": 100},
            )
        )
        answers.append(client.patch("/admin/products/1", json={"category": "x\x00"}))
        answers.append(
            client.post(
                "/admin/staff",
                json={"name": "王\x00", "role": "cashier", "location_code": "S001", "pin": "1234"},
            )
        )
        answers.append(client.post("/admin/tokens", json={"role": "operator", "name": "\x00"}))
    with server.client(operator) as client:
        answers.append(
            client.post(
                "/operator/dropship-orders/nope/ship",
                json={"carrier": "黑貓", "tracking_no": "12\x0034"},
            )
        )
        answers.append(
            client.post(
                "/operator/receipts",
                json={
                    "location_code": "WH01",
                    "reference": "PO\x00",
                    "lines": [{"product_id": PRODUCT_ID, "qty": 1}],
                },
            )
        )
        answers.append(
            client.post(
                "/operator/receipts",
                json={"location_code": "WH\x0001", "lines": [{"product_id": PRODUCT_ID, "qty": 1}]},
            )
        )
    with server.client(group_buy) as client:
        answers.append(
            client.post(
                "/group-buy/orders",
                json={"lines": [{"product_id": PRODUCT_ID, "qty": 1}]},
                headers={"Idempotency-Key": "key\twith-a-tab"},
            )
        )
        answers.append(
            client.post(
                "/group-buy/orders",
                json={"lines": [{"product_id": PRODUCT_ID, "qty": 1}], "customer_name": "林\x00"},
                headers={"Idempotency-Key": new_id()},
            )
        )
    with server.client() as client:
        answers.append(client.post("/devices/enroll", json={"code": "A\x00", "device_name": "t"}))
    for response in answers:
        body = assert_problem(response, 422, "validation_error")
        assert "invalid_text" in _error_types(body), body
    assert _count(server, Sale) == 0
    assert _count(server, AuditEntry) == 0
    with server.db.read() as session:
        assert session.scalar(select(Product).where(Product.sku == "NUL-1")) is None


def test_free_form_json_keeps_newlines_but_refuses_nul(server: Server) -> None:
    token = server.enroll("S001")
    assert_problem(_push(server, token, _audit({"note": "a\x00b"})), 422, "validation_error")
    assert_problem(_push(server, token, _audit({"a\x00": 1})), 422, "validation_error")
    assert_problem(_push(server, token, _audit({"s": ["\ud800"]})), 422, "validation_error")
    response = _push(server, token, _audit({"note": "first line\nsecond\tline"}))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied"


# ----- 8.20: the schema never allows more than the column holds -----


def test_customer_name_longer_than_its_column_is_422(server: Server) -> None:
    token = server.token("group_buy")
    lines = [{"product_id": PRODUCT_ID, "qty": 1}]
    with server.client(token) as client:
        too_long = client.post(
            "/group-buy/orders",
            json={"lines": lines, "customer_name": "名" * 101},
            headers={"Idempotency-Key": new_id()},
        )
        fits = client.post(
            "/group-buy/orders",
            json={"lines": lines, "customer_name": "名" * 100},
            headers={"Idempotency-Key": new_id()},
        )
    assert_problem(too_long, 422, "validation_error")
    assert fits.status_code == 201, fits.text
    assert _count(server, Reservation) == 1


def test_idempotency_key_longer_than_its_column_allows_is_422(server: Server) -> None:
    from warehouse_api.schemas import IDEMPOTENCY_KEY_MAX_LENGTH

    token = server.token("group_buy")
    lines = [{"product_id": PRODUCT_ID, "qty": 1}]
    with server.client(token) as client:
        too_long = client.post(
            "/group-buy/orders", json={"lines": lines}, headers={"Idempotency-Key": "k" * 200}
        )
        fits = client.post(
            "/group-buy/orders",
            json={"lines": lines},
            headers={"Idempotency-Key": "k" * IDEMPOTENCY_KEY_MAX_LENGTH},
        )
    assert_problem(too_long, 422, "validation_error")
    assert fits.status_code == 201, fits.text


def test_a_price_over_int32_is_422_and_the_largest_one_is_stored(server: Server) -> None:
    token = server.token("admin")
    product = {"sku": "BIG-1", "name": "金條", "category": "貴金屬"}
    with server.client(token) as client:
        too_big = client.post("/admin/products", json={**product, "price_cents": 3_000_000_000})
        price_too_big = client.put("/admin/products/1/price", json={"price_cents": 2**31})
        largest = client.post("/admin/products", json={**product, "price_cents": 2**31 - 1})
    assert_problem(too_big, 422, "validation_error")
    assert_problem(price_too_big, 422, "validation_error")
    assert largest.status_code == 201, largest.text
    assert largest.json()["price_cents"] == 2**31 - 1


def test_sale_amounts_over_int32_are_422(server: Server) -> None:
    token = server.enroll("S001")
    sale = sale_op(PRODUCT_ID, price_cents=3_000_000_000)
    assert_problem(_push(server, token, sale), 422, "validation_error")
    assert _count(server, Sale) == 0


def test_a_reservation_id_leaves_room_for_its_transfer_id(server: Server) -> None:
    token = server.enroll("S001")
    before = level(server, "WH01", PRODUCT_ID)

    def reservation(reservation_id: str) -> dict[str, Any]:
        lines = [{"product_id": PRODUCT_ID, "qty": 1}]
        return op("reservation.create", {"reservation_id": reservation_id, "lines": lines})

    assert_problem(_push(server, token, reservation("r" * 62)), 422, "validation_error")
    assert level(server, "WH01", PRODUCT_ID) == before
    fits = _push(server, token, reservation("r" * 61))
    assert fits.status_code == 200, fits.text
    [result] = fits.json()["results"]
    assert result["status"] == "applied", result
    assert result["result"]["transfer_id"] == "TR-" + "r" * 61


# ----- 8.22: schema-valid but unbounded input -----


@pytest.mark.parametrize("depth", [17, 300])
def test_audit_detail_nested_too_deep_is_422(server: Server, depth: int) -> None:
    token = server.enroll("S001")
    body = assert_problem(_push(server, token, _audit(_nested(depth))), 422, "validation_error")
    assert "json_too_deep" in _error_types(body)
    assert _count(server, AuditEntry) == 0


def test_audit_detail_at_the_depth_limit_is_applied(server: Server) -> None:
    from warehouse_api.validation import MAX_JSON_DEPTH

    token = server.enroll("S001")
    response = _push(server, token, _audit(_nested(MAX_JSON_DEPTH)))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied"
    with server.client(token) as client:
        pulled = client.get("/sync/pull")
    assert pulled.status_code == 200


def test_a_shift_report_nested_300_deep_or_too_large_is_422(server: Server) -> None:
    token = server.enroll("S001")

    def shift(report: Any) -> dict[str, Any]:
        return op(
            "shift.close",
            {"shift_id": new_id(), "closed_at": "2026-11-25T22:00:00+08:00", "report": report},
        )

    deep = assert_problem(_push(server, token, shift(_nested(300))), 422, "validation_error")
    assert "json_too_deep" in _error_types(deep)
    large = assert_problem(
        _push(server, token, shift({"notes": ["x" * 1000] * 70})), 422, "validation_error"
    )
    assert "json_too_large" in _error_types(large)
    assert _count(server, ShiftClose) == 0


@pytest.mark.parametrize("token_text", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_finite_numbers_in_free_form_json_are_422(server: Server, token_text: bytes) -> None:
    token = server.enroll("S001")
    raw = json.dumps({"ops": [_audit({"x": "PLACEHOLDER"})]}).encode()
    raw = raw.replace(b'"PLACEHOLDER"', token_text)
    assert_problem(_push_raw(server, token, raw), 422, "validation_error")
    assert _count(server, AuditEntry) == 0


@pytest.mark.parametrize(
    "created_at",
    [
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "1999-12-31T23:59:59+00:00",
        "2100-01-01T00:00:00Z",
        "2000-01-01T07:59:59+08:00",
    ],
)
def test_a_sale_time_off_the_calendar_is_422(server: Server, created_at: str) -> None:
    token = server.enroll("S001")
    sale = sale_op(PRODUCT_ID)
    sale["payload"]["created_at"] = created_at
    body = assert_problem(_push(server, token, sale), 422, "validation_error")
    assert "datetime_range" in _error_types(body)
    assert _count(server, Sale) == 0


def test_a_sale_time_at_the_edges_of_the_window_is_applied(server: Server) -> None:
    token = server.enroll("S001")
    for created_at in ("2000-01-01T08:00:00+08:00", "2099-12-31T23:59:59-00:00"):
        sale = sale_op(PRODUCT_ID)
        sale["payload"]["created_at"] = created_at
        response = _push(server, token, sale)
        assert response.status_code == 200, response.text
        assert response.json()["results"][0]["status"] == "applied"


# ----- 8.23: no lax coercion -----


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("qty", "2"),
        ("qty", True),
        ("qty", 2.0),
        ("unit_price_cents", "1000"),
        ("created_at", 0),
        ("created_at", 1764000000),
        ("created_at", "1764000000"),
        ("created_at", "2026-11-25T09:30:00"),
        ("product_id", "1"),
        ("total_cents", None),
    ],
)
def test_lax_values_in_a_sale_are_422_and_nothing_is_recorded(
    server: Server, where: str, value: Any
) -> None:
    token = server.enroll("S001")
    before = level(server, "S001", PRODUCT_ID)
    sale = sale_op(PRODUCT_ID, qty=2, price_cents=1000)
    if where in ("created_at", "total_cents"):
        sale["payload"][where] = value
    else:
        sale["payload"]["lines"][0][where] = value
    body = assert_problem(_push(server, token, sale), 422, "validation_error")
    assert body["errors"]
    assert _count(server, Sale) == 0
    assert level(server, "S001", PRODUCT_ID) == before


@pytest.mark.parametrize(
    "line", [{"product_id": PRODUCT_ID, "qty": "2"}, {"product_id": PRODUCT_ID, "qty": True}]
)
def test_lax_values_in_an_order_are_422(server: Server, line: dict[str, Any]) -> None:
    token = server.token("group_buy")
    with server.client(token) as client:
        response = client.post(
            "/group-buy/orders", json={"lines": [line]}, headers={"Idempotency-Key": new_id()}
        )
    assert_problem(response, 422, "validation_error")
    assert _count(server, Reservation) == 0


def test_lax_booleans_and_op_times_are_422(server: Server) -> None:
    admin = server.token("admin")
    with server.client(admin) as client:
        assert_problem(
            client.patch("/admin/products/1", json={"active": "false"}), 422, "validation_error"
        )
        assert_problem(
            client.patch("/admin/products/1", json={"active": 0}), 422, "validation_error"
        )
    token = server.enroll("S001")
    sale = sale_op(PRODUCT_ID)
    sale["created_at"] = 0
    assert_problem(_push(server, token, sale), 422, "validation_error")
    assert _count(server, Sale) == 0
