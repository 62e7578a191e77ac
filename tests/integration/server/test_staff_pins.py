"""Supervisors' and managers' PINs are 6 digits at least, wherever a PIN is set: a new
member (``POST /admin/staff``) or a new PIN (``POST /admin/staff/{id}/pin``); the tills
get a changed PIN's hash down the change feed. On SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from server_testkit import Server, assert_problem
from sqlalchemy import select

from warehouse_api.models import ChangeLog, Staff
from warehouse_api.security import verify_pin


def _new(client: Any, role: str, pin: str) -> Any:
    return client.post(
        "/admin/staff", json={"name": "新同事", "role": role, "location_code": "S001", "pin": pin}
    )


def _stored(server: Server, staff_id: int) -> tuple[str, dict[str, Any] | None]:
    """The member's PIN hash, and what the change feed sends the tills for them."""
    with server.db.read() as session:
        pin_hash = session.execute(select(Staff.pin_hash).where(Staff.id == staff_id)).scalar_one()
        feed = session.execute(
            select(ChangeLog.data).where(
                ChangeLog.entity == "staff", ChangeLog.entity_id == str(staff_id)
            )
        ).scalar_one()
    return pin_hash, feed


@pytest.mark.parametrize("role", ["supervisor", "manager"])
def test_an_approver_is_refused_a_pin_under_six_digits(server: Server, role: str) -> None:
    with server.client(server.token("admin")) as client:
        for short in ("1234", "98765"):
            body = assert_problem(_new(client, role, short), 422, "pin_too_short")
            assert "6 digits" in body["detail"]
        created = _new(client, role, "987654")
        assert created.status_code == 201, created.text
        assert created.json()["role"] == role


def test_a_cashier_may_keep_four_digits_and_no_pin_is_under_four_or_not_digits(
    server: Server,
) -> None:
    with server.client(server.token("admin")) as client:
        assert _new(client, "cashier", "4321").status_code == 201
        for bad in ("123", "12ab56", "1234567890123", " 123456"):
            assert_problem(_new(client, "cashier", bad), 422, "validation_error")
            assert_problem(_new(client, "supervisor", bad), 422, "validation_error")


def test_a_new_pin_follows_the_rule_and_reaches_the_tills(server: Server) -> None:
    with server.client(server.token("admin")) as client:
        supervisor = _new(client, "supervisor", "135790").json()["id"]
        cashier = _new(client, "cashier", "2468").json()["id"]
        before = _stored(server, supervisor)

        refused = client.post(f"/admin/staff/{supervisor}/pin", json={"pin": "24680"})
        assert_problem(refused, 422, "pin_too_short")
        assert _stored(server, supervisor) == before  # nothing changed

        changed = client.post(f"/admin/staff/{supervisor}/pin", json={"pin": "246802"})
        assert changed.status_code == 200, changed.text
        pin_hash, feed = _stored(server, supervisor)
        assert verify_pin("246802", pin_hash) and not verify_pin("135790", pin_hash)
        assert feed is not None and feed["pin_hash"] == pin_hash  # the tills get it

        assert client.post(f"/admin/staff/{cashier}/pin", json={"pin": "1357"}).status_code == 200
        assert verify_pin("1357", _stored(server, cashier)[0])

        assert_problem(
            client.post("/admin/staff/999999/pin", json={"pin": "1234"}), 404, "staff_not_found"
        )
        assert_problem(
            client.post(f"/admin/staff/{cashier}/pin", json={"pin": "12"}), 422, "validation_error"
        )
        assert_problem(
            client.post(f"/admin/staff/{cashier}/pin", json={"pin": "1234", "role": "manager"}),
            422,
            "validation_error",
        )


def test_a_deactivated_member_gets_no_new_pin_and_stays_gone_from_the_tills(
    server: Server,
) -> None:
    with server.client(server.token("admin")) as client:
        gone = _new(client, "supervisor", "864209").json()["id"]
        assert client.post(f"/admin/staff/{gone}/deactivate").status_code == 200
        refused = client.post(f"/admin/staff/{gone}/pin", json={"pin": "975310"})
        assert_problem(refused, 409, "staff_inactive")
        pin_hash, feed = _stored(server, gone)
        assert feed is None  # still a tombstone: no till signs them in
        assert verify_pin("864209", pin_hash)


def test_pins_changed_at_once_leave_the_feed_with_the_stored_hash(server: Server) -> None:
    with server.client(server.token("admin")) as client:
        member = _new(client, "manager", "111111").json()["id"]
    token = server.token("admin")

    def change(pin: str) -> int:
        with server.client(token) as client:
            return client.post(f"/admin/staff/{member}/pin", json={"pin": pin}).status_code

    pins = [f"{n:06d}" for n in range(222222, 222222 + 6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(change, pins)) == [200] * len(pins)
    pin_hash, feed = _stored(server, member)
    assert feed is not None and feed["pin_hash"] == pin_hash
    assert sum(verify_pin(pin, pin_hash) for pin in pins) == 1
