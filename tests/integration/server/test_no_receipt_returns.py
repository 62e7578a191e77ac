"""Returns without a receipt on the warehouse, on SQLite and PostgreSQL: one phone gets
at most ``no_receipt_returns_per_phone`` (3) of them in the period, also when two tills
push them at the same moment; the approver must be a supervisor or manager of the
store; the return records the phone, the approver and the price basis."""

from __future__ import annotations

import threading
from typing import Any

from server_testkit import Server, ledger_balances, level, new_id, push_one
from sqlalchemy import select

from counter_app.core.ops import NoReceiptPayload, ReturnLinePayload, ReturnPayload
from warehouse_api.models import Return, Staff

PRODUCT = 17
PHONE = "0912345678"


def _staff_id(server: Server, store: str, role: str) -> int:
    with server.db.read() as session:
        return int(
            session.scalar(
                select(Staff.id).where(
                    Staff.location_id == server.location_id(store), Staff.role == role
                )
            )
        )


def _no_receipt(approver: int, phone: str = PHONE) -> dict[str, Any]:
    return ReturnPayload(
        new_id(),
        None,
        9900,
        (ReturnLinePayload(PRODUCT, 1, "restock_here"),),
        NoReceiptPayload(phone, approver, "lowest_30_days"),
    ).to_payload()


def test_concurrent_no_receipt_returns_of_one_phone_never_exceed_the_limit(
    server: Server,
) -> None:
    till_a, till_b = server.enroll("S001"), server.enroll("S001")
    supervisor = _staff_id(server, "S001", "supervisor")
    before = level(server, "S001", PRODUCT)[0]
    start = threading.Barrier(2)
    results: list[dict[str, Any]] = []
    lock = threading.Lock()

    def till(token: str) -> None:
        start.wait()
        for _ in range(3):
            result = push_one(server, token, "return", _no_receipt(supervisor))
            with lock:
                results.append(result)

    threads = [threading.Thread(target=till, args=(t,)) for t in (till_a, till_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    applied = [r for r in results if r["status"] == "applied"]
    refused = [r for r in results if r["status"] == "rejected"]
    assert len(applied) == 3, results
    assert len(refused) == 3
    assert {r["problem"]["code"] for r in refused} == {"no_receipt_limit_reached"}
    assert {(r["problem"]["limit"], r["problem"]["used"]) for r in refused} == {(3, 3)}
    # Only the applied ones moved stock; another phone is not affected.
    assert level(server, "S001", PRODUCT)[0] == before + 3
    other = push_one(server, till_a, "return", _no_receipt(supervisor, phone="0223456789"))
    assert other["status"] == "applied"
    assert ledger_balances(server)
    with server.db.read() as session:
        rows = session.scalars(select(Return).where(Return.customer_phone == PHONE)).all()
    assert len(rows) == 3
    assert all(
        r.no_receipt and r.approved_by == supervisor and r.price_basis == "lowest_30_days"
        for r in rows
    )


def test_a_no_receipt_return_needs_a_supervisor_of_the_store(server: Server) -> None:
    till = server.enroll("S001")
    cashier = _staff_id(server, "S001", "cashier")
    other_store = _staff_id(server, "S002", "supervisor")
    for approver in (cashier, other_store, 999_999):
        refused = push_one(server, till, "return", _no_receipt(approver))
        assert refused["problem"]["code"] == "no_receipt_approver_invalid", refused
    manager = _staff_id(server, "S001", "manager")
    assert push_one(server, till, "return", _no_receipt(manager))["status"] == "applied"


def test_the_usage_route_counts_a_phones_no_receipt_returns(server: Server) -> None:
    till = server.enroll("S001")
    supervisor = _staff_id(server, "S001", "supervisor")
    with server.client(till) as client:
        assert client.get("/returns/no-receipt/usage", params={"phone": PHONE}).json() == {
            "used": 0,
            "limit": 3,
            "period_days": 30,
        }
        push_one(server, till, "return", _no_receipt(supervisor))
        assert client.get("/returns/no-receipt/usage", params={"phone": PHONE}).json()["used"] == 1
        # Not a phone: 422, nothing counted.
        bad = client.get("/returns/no-receipt/usage", params={"phone": "09-12"})
        assert bad.status_code == 422


def test_a_phone_is_forgotten_once_the_limit_no_longer_counts_it(server: Server) -> None:
    from datetime import timedelta

    from warehouse_api.models import NoReceiptPhone, utcnow
    from warehouse_api.services.privacy import forget_no_receipt_phones

    till = server.enroll("S001")
    supervisor = _staff_id(server, "S001", "supervisor")
    assert push_one(server, till, "return", _no_receipt(supervisor))["status"] == "applied"
    with server.db.write() as session:
        assert forget_no_receipt_phones(session, timedelta(days=30)) == 0  # still counted
    with server.db.write() as session:
        later = utcnow() + timedelta(days=31)
        assert forget_no_receipt_phones(session, timedelta(days=30), now=later) == 1
    with server.db.read() as session:
        assert session.scalars(select(Return).where(Return.customer_phone == PHONE)).all() == []
        assert session.get(NoReceiptPhone, PHONE) is None
