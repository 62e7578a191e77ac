"""Helpers for the server tests: a handle on a running server, op builders, problem checks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from warehouse_api.db import Database
from warehouse_api.embedded import EmbeddedServer, issue_enrollment_code
from warehouse_api.services.devices import issue_token, location_by_code


@dataclass
class Server:
    url: str
    db_url: str
    db: Database
    embedded: EmbeddedServer

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=f"{self.url}/api/v1", headers=headers, timeout=30)

    def token(self, role: str, location_code: str | None = None) -> str:
        with self.db.write() as session:
            location_id = location_by_code(session, location_code).id if location_code else None
            return issue_token(session, role, location_id, f"test-{role}").token

    def enroll(self, store_code: str) -> str:
        code = issue_enrollment_code(self.db_url, store_code)
        with self.client() as client:
            response = client.post("/devices/enroll", json={"code": code, "device_name": "till"})
        response.raise_for_status()
        token: str = response.json()["token"]
        return token

    def location_id(self, code: str) -> int:
        with self.db.read() as session:
            return location_by_code(session, code).id


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


def new_id() -> str:
    return str(uuid.uuid4())


def sale_op(
    product_id: int,
    qty: int = 1,
    *,
    price_cents: int = 2500,
    receipt_no: str | None = None,
    op_id: str | None = None,
    sale_id: str | None = None,
) -> dict[str, Any]:
    sale_id = sale_id or new_id()
    total = qty * price_cents
    return {
        "op_id": op_id or new_id(),
        "type": "sale",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {
            "sale_id": sale_id,
            "receipt_no": receipt_no or f"RS001-261125-{uuid.uuid4().hex[:8]}",
            "created_at": "2026-11-25T09:30:00+08:00",
            "total_cents": total,
            "lines": [
                {
                    "line_id": new_id(),
                    "product_id": product_id,
                    "qty": qty,
                    "unit_price_cents": price_cents,
                    "line_total_cents": total,
                }
            ],
            "payments": [
                {
                    "payment_id": new_id(),
                    "method": "cash",
                    "amount_cents": total,
                    "tendered_cents": total,
                    "change_cents": 0,
                }
            ],
        },
    }


def op(op_type: str, payload: dict[str, Any], op_id: str | None = None) -> dict[str, Any]:
    return {
        "op_id": op_id or new_id(),
        "type": op_type,
        "payload": payload,
        "created_at": datetime.now(UTC).isoformat(),
    }


def einvoice_issue(
    sale: dict[str, Any], number: str, period: str, issued_at: str, **extra: Any
) -> dict[str, Any]:
    """The `einvoice.issue` payload of a sale op: its total in whole dollars, 5% tax split
    out, seller 04595257."""
    total = sale["payload"]["total_cents"]
    tax = total - round(total / 1.05 / 100) * 100
    return {
        "sale_id": sale["payload"]["sale_id"],
        "number": number,
        "random_code": "0427",
        "period": period,
        "issued_at": issued_at,
        "sales_amount_cents": total - tax,
        "tax_cents": tax,
        "total_cents": total,
        "seller_id": "04595257",
        **extra,
    }


def push(server: Server, token: str, *ops: dict[str, Any]) -> list[dict[str, Any]]:
    with server.client(token) as client:
        response = client.post("/sync/push", json={"ops": list(ops)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def push_one(server: Server, token: str, op_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    [result] = push(server, token, op(op_type, payload))
    return result


def level(server: Server, location_code: str, product_id: int) -> tuple[int, int]:
    """(on_hand, reserved) straight from the database."""
    from warehouse_api.services.inventory import read_level

    with server.db.read() as session:
        found = read_level(session, server.location_id(location_code), product_id)
    return (found.on_hand, found.reserved) if found else (0, 0)


def ledger_balances(server: Server) -> bool:
    from warehouse_api.services.inventory import check_ledger

    with server.db.read() as session:
        return check_ledger(session) == []


def set_available(server_db: Database, location_id: int, product_id: int, available: int) -> None:
    """Make `available` exactly this, through the ledger (a count adjustment)."""
    from warehouse_api.services.inventory import adjust_stock, read_level

    with server_db.write() as session:
        current = read_level(session, location_id, product_id)
        assert current is not None
        adjust_stock(
            session,
            location_id,
            product_id,
            on_hand_delta=available - current.available,
            reason="count",
            reference="test",
            device_id=None,
        )
