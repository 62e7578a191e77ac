from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, OutboxOp
from counter_app.services.staff import StaffService
from counter_app.services.sync_status import SupervisorRequired, SyncStatusService
from counter_app.sync.client import WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import Connectivity, ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay

from .conftest import CASHIER_PIN, STORE_ID, SUPERVISOR_PIN, FakeClient

FAST = outbox.Backoff(base_s=0.001, cap_s=0.002)


def _enqueue(db: LocalDatabase, entity: str, n: int = 1) -> list[str]:
    with db.unit_of_work() as s:
        return [outbox.enqueue(s, "sale", entity, {"i": i}) for i in range(n)]


def _relay(db: LocalDatabase, client: FakeClient, batch_size: int = 25) -> OutboxRelay:
    return OutboxRelay(db, client, ConnectivityMonitor(), batch_size=batch_size, backoff=FAST)  # type: ignore[arg-type]


def _states(db: LocalDatabase) -> dict[str, str]:
    with db.read() as s:
        return {op_id: state for op_id, state in s.execute(select(OutboxOp.op_id, OutboxOp.state))}


def test_drain_pushes_in_batches_oldest_first(db: LocalDatabase, client: FakeClient) -> None:
    ids = [op for i in range(60) for op in _enqueue(db, f"sale:{i}")]
    outcome = _relay(db, client).drain()
    assert [len(batch) for batch in client.pushed] == [25, 25, 10]
    assert [op["op_id"] for batch in client.pushed for op in batch] == ids
    assert outcome.applied == 60 and set(_states(db).values()) == {"done"}


def test_a_rejected_op_stays_visible_with_the_servers_reason(db: LocalDatabase, client: FakeClient) -> None:
    bad, good = _enqueue(db, "sale:1") + _enqueue(db, "sale:2")

    def answer(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {"op_id": op["op_id"], "status": "rejected",
             "problem": {"code": "unknown_product", "detail": "no product with id 77"}}
            if op["op_id"] == bad else {"op_id": op["op_id"], "status": "duplicate", "result": {}}
            for op in ops
        ]

    client.push_answer = answer
    outcome = _relay(db, client).drain()
    assert (outcome.rejected, outcome.duplicate) == (1, 1)
    status = SyncStatusService(db)
    [failed] = status.failed_ops()
    assert (failed.op_id, failed.problem_code, failed.problem_detail) == (
        bad, "unknown_product", "no product with id 77")
    assert status.status().failed == 1 and status.status().waiting == 0
    # A rejected op is never pushed again on its own.
    client.pushed.clear()
    _relay(db, client).drain()
    assert client.pushed == []
    assert _states(db)[good] == "done"


def test_retry_sends_a_failed_op_again_under_the_same_op_id(db: LocalDatabase, client: FakeClient) -> None:
    (op_id,) = _enqueue(db, "sale:1")
    client.push_answer = lambda ops: [
        {"op_id": ops[0]["op_id"], "status": "rejected", "problem": {"code": "x", "detail": ""}}]
    _relay(db, client).drain()
    SyncStatusService(db).retry(op_id)
    client.push_answer = lambda ops: [{"op_id": ops[0]["op_id"], "status": "applied", "result": {}}]
    _relay(db, client).drain()
    assert [b[0]["op_id"] for b in client.pushed] == [op_id, op_id]
    assert _states(db)[op_id] == "done"


def test_discarding_needs_a_supervisor_pin_and_a_reason(db: LocalDatabase, client: FakeClient) -> None:
    (op_id,) = _enqueue(db, "sale:1")
    client.push_answer = lambda ops: [
        {"op_id": ops[0]["op_id"], "status": "rejected", "problem": {"code": "x", "detail": ""}}]
    _relay(db, client).drain()
    status = SyncStatusService(db, StaffService(db, STORE_ID))
    with pytest.raises(SupervisorRequired):
        status.discard_with_pin(op_id, CASHIER_PIN, "typed twice")  # a cashier may not
    with pytest.raises(SupervisorRequired):
        status.discard_with_pin(op_id, "0000", "typed twice")
    with pytest.raises(SupervisorRequired):
        status.discard_with_pin(op_id, SUPERVISOR_PIN, " ")
    assert status.status().failed == 1
    supervisor = status.discard_with_pin(op_id, SUPERVISOR_PIN, "typed twice")
    assert status.status().failed == 0 and _states(db)[op_id] == "discarded"
    with db.read() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.staff_id, entry.action) == (supervisor.id, "outbox.discard")
    assert op_id in entry.detail and "typed twice" in entry.detail


def test_no_answer_puts_the_batch_back_with_backoff(db: LocalDatabase, client: FakeClient) -> None:
    _enqueue(db, "sale:1", 1)
    monitor = ConnectivityMonitor()
    relay = OutboxRelay(db, client, monitor)  # type: ignore[arg-type]  # default backoff: >= 0.5 s

    def down(_ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        raise WarehouseUnreachable("timed out")

    client.push_answer = down
    assert relay.drain().unreachable
    assert monitor.state == Connectivity.OFFLINE
    client.push_answer = FakeClient().push_answer
    assert relay.drain().pushed == 0  # still backing off
    with db.read() as s:
        op = s.scalars(select(OutboxOp)).one()
    assert op.state == "ready" and op.attempts == 1 and op.problem_detail == "timed out"


def test_an_entity_keeps_its_order_when_its_first_op_backs_off(db: LocalDatabase, client: FakeClient) -> None:
    create, cancel = _enqueue(db, "reservation:1", 2)
    relay = OutboxRelay(db, client, ConnectivityMonitor(), batch_size=1)  # type: ignore[arg-type]

    def down(_ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        raise WarehouseUnreachable("reset by peer")

    client.push_answer = down
    relay.drain()
    client.push_answer = FakeClient().push_answer
    client.pushed.clear()
    relay.drain()
    assert client.pushed == []  # the cancel does not overtake the create that is backing off
    assert _states(db) == {create: "ready", cancel: "ready"}


def test_ops_left_in_flight_by_a_crash_are_pushed_again(db: LocalDatabase, client: FakeClient) -> None:
    ids = _enqueue(db, "sale:1") + _enqueue(db, "sale:2")
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 10)  # the process dies here, after the claim
    relay = _relay(db, client)
    assert relay.drain().pushed == 0
    assert relay.recover() == 2
    relay.drain()
    assert [op["op_id"] for op in client.pushed[0]] == ids


def test_one_op_the_server_cannot_read_does_not_hold_back_the_rest(
    db: LocalDatabase, client: FakeClient
) -> None:
    """A 422 for the whole request (e.g. an op type this server does not know yet)."""
    with db.unit_of_work() as s:
        ids = [outbox.enqueue(s, "sale", f"sale:{i}", {"i": i}) for i in range(40)]
        poison = outbox.enqueue(s, "dropship.create", "dropship:1", {"i": 99})
        ids += [outbox.enqueue(s, "sale", f"sale:{i}", {"i": i}) for i in range(40, 60)]

    def answer(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if any(op["type"] == "dropship.create" for op in ops):
            raise WarehouseProblem(422, "validation_error", "ops.0.type: unknown op type")
        return [{"op_id": op["op_id"], "status": "applied", "result": {}} for op in ops]

    client.push_answer = answer
    relay = _relay(db, client)
    relay.drain()
    relay.drain()
    states = _states(db)
    assert {states[i] for i in ids} == {"done"}
    assert states[poison] == "failed"
    [failed] = SyncStatusService(db).failed_ops()
    assert (failed.op_id, failed.problem_code) == (poison, "validation_error")
