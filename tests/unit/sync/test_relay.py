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


def test_a_rejected_op_stays_visible_with_the_servers_reason(
    db: LocalDatabase, client: FakeClient
) -> None:
    bad, good = _enqueue(db, "sale:1") + _enqueue(db, "sale:2")

    def answer(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "op_id": op["op_id"],
                "status": "rejected",
                "problem": {"code": "unknown_product", "detail": "no product with id 77"},
            }
            if op["op_id"] == bad
            else {"op_id": op["op_id"], "status": "duplicate", "result": {}}
            for op in ops
        ]

    client.push_answer = answer
    outcome = _relay(db, client).drain()
    assert (outcome.rejected, outcome.duplicate) == (1, 1)
    status = SyncStatusService(db)
    [failed] = status.failed_ops()
    assert (failed.op_id, failed.problem_code, failed.problem_detail) == (
        bad,
        "unknown_product",
        "no product with id 77",
    )
    assert status.status().failed == 1 and status.status().waiting == 0
    # A rejected op is never pushed again on its own.
    client.pushed.clear()
    _relay(db, client).drain()
    assert client.pushed == []
    assert _states(db)[good] == "done"


def test_retry_sends_a_failed_op_again_under_the_same_op_id(
    db: LocalDatabase, client: FakeClient
) -> None:
    (op_id,) = _enqueue(db, "sale:1")
    client.push_answer = lambda ops: [
        {"op_id": ops[0]["op_id"], "status": "rejected", "problem": {"code": "x", "detail": ""}}
    ]
    _relay(db, client).drain()
    SyncStatusService(db).retry(op_id)
    client.push_answer = lambda ops: [{"op_id": ops[0]["op_id"], "status": "applied", "result": {}}]
    _relay(db, client).drain()
    assert [b[0]["op_id"] for b in client.pushed] == [op_id, op_id]
    assert _states(db)[op_id] == "done"


def test_discarding_needs_a_supervisor_pin_and_a_reason(
    db: LocalDatabase, client: FakeClient
) -> None:
    (op_id,) = _enqueue(db, "sale:1")
    client.push_answer = lambda ops: [
        {"op_id": ops[0]["op_id"], "status": "rejected", "problem": {"code": "x", "detail": ""}}
    ]
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


def test_an_entity_keeps_its_order_when_its_first_op_backs_off(
    db: LocalDatabase, client: FakeClient
) -> None:
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


def test_ops_left_in_flight_by_a_crash_are_pushed_again(
    db: LocalDatabase, client: FakeClient
) -> None:
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


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _down(_ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    raise WarehouseUnreachable("timed out")


def test_backoff_is_about_the_connection_and_ends_when_any_call_gets_through(
    db: LocalDatabase, client: FakeClient
) -> None:
    """Issue 8.7: per-op backoff kept an op waiting 30-60 s while other calls succeeded."""
    first, second = _enqueue(db, "sale:1") + _enqueue(db, "sale:2")
    monitor, clock = ConnectivityMonitor(), _Clock()
    relay = OutboxRelay(db, client, monitor, batch_size=1, clock=clock)  # type: ignore[arg-type]
    client.push_answer = _down
    for _ in range(6):  # a long outage: the wait grows to its cap
        clock.now += 120
        assert relay.drain().unreachable
    client.push_answer = FakeClient().push_answer
    client.pushed.clear()
    assert relay.drain().pushed == 0 and relay.backing_off()  # still waiting on the link
    monitor.report_success()  # the puller (or a stock look-up) reached the warehouse
    outcome = relay.drain()
    assert outcome.applied == 2 and not relay.backing_off()
    assert [batch[0]["op_id"] for batch in client.pushed] == [first, second]  # in op order


def test_a_lost_answer_is_resent_with_the_next_batch_in_op_order(
    db: LocalDatabase, client: FakeClient
) -> None:
    ids = [op for i in range(5) for op in _enqueue(db, f"sale:{i}")]
    clock = _Clock()
    relay = OutboxRelay(db, client, ConnectivityMonitor(), batch_size=2, clock=clock)  # type: ignore[arg-type]
    answers = iter([_down, FakeClient().push_answer, _down])

    def flaky(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answer = next(answers, FakeClient().push_answer)
        return answer(ops)

    client.push_answer = flaky
    for _ in range(10):
        clock.now += 100  # past any backoff
        relay.drain()
    sent = [op["op_id"] for batch in client.pushed for op in batch]
    assert sent == [ids[0], ids[1], ids[0], ids[1], ids[2], ids[3], ids[2], ids[3], ids[4]]
    assert set(_states(db).values()) == {"done"}


def test_a_till_enrolled_before_till_numbers_learns_its_number_on_next_contact(
    db: LocalDatabase, client: FakeClient
) -> None:
    from counter_app.local import sync_state

    with db.unit_of_work() as s:
        sync_state.set_value(s, "device_id", "17")
    client.till_no = 3
    relay = _relay(db, client)
    relay.drain()
    relay.drain()
    with db.read() as s:
        assert sync_state.till_tag(s) == "3"
    assert client.me_calls == 1  # asked once, not on every push


def _sale_op(db: LocalDatabase, receipt_no: str) -> str:
    with db.unit_of_work() as s:
        return outbox.enqueue(
            s,
            "sale",
            "sale:s1",
            {
                "sale_id": "s1",
                "receipt_no": receipt_no,
                "created_at": "2026-11-25T10:30:00+08:00",
                "lines": [],
            },
        )


def test_a_sale_refused_as_receipt_no_taken_is_renumbered_and_sent_again(
    db: LocalDatabase, client: FakeClient
) -> None:
    """Issue 8.1: the only way out was a discard, which lost the sale at the warehouse."""
    from counter_app.local import sync_results, sync_state
    from counter_app.local.models import ReceiptAlias

    with db.unit_of_work() as s:
        sync_state.set_value(s, "store_code", "S001")
        sync_state.set_value(s, "device_id", "17")
        sync_state.set_value(s, "till_no", "2")
    refused = _sale_op(db, "RS001-261125-0001")

    def answer(ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "op_id": op["op_id"],
                "status": "rejected",
                "problem": {"code": "receipt_no_taken", "detail": "belongs to another sale"},
            }
            if op["payload"].get("receipt_no") == "RS001-261125-0001"
            else {"op_id": op["op_id"], "status": "applied", "result": {}}
            for op in ops
        ]

    client.push_answer = answer
    relay = _relay(db, client)
    relay.drain()
    relay.drain()
    resent = [
        op
        for batch in client.pushed
        for op in batch
        if op["op_id"] != refused and op["type"] == "sale"
    ]
    assert [op["payload"]["receipt_no"] for op in resent] == ["RS001-2-261125-0001"]
    assert resent[0]["payload"]["sale_id"] == "s1"
    states = _states(db)
    assert states[refused] == "discarded" and states[resent[0]["op_id"]] == "done"
    assert SyncStatusService(db).status().failed == 0
    with db.read() as s:
        assert sync_results.receipt_no_for(s, "RS001-261125-0001") == "RS001-2-261125-0001"
        assert s.get(ReceiptAlias, "RS001-261125-0001").sale_id == "s1"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sale.renumber")).one()
    assert "RS001-261125-0001" in entry.detail and "RS001-2-261125-0001" in entry.detail


def test_sales_refused_before_this_version_are_renumbered_at_start(
    db: LocalDatabase, client: FakeClient
) -> None:
    from counter_app.local import sync_state

    with db.unit_of_work() as s:
        sync_state.set_value(s, "store_code", "S001")
        sync_state.set_value(s, "device_id", "17")
    refused = _sale_op(db, "RS001-261125-0001")
    with db.unit_of_work() as s:
        outbox.mark_rejected(
            s, refused, "receipt_no_taken", "receipt RS001-261125-0001 belongs to another sale"
        )
    relay = _relay(db, client)
    relay.recover()
    relay.drain()
    [op] = [op for batch in client.pushed for op in batch if op["type"] == "sale"]
    assert op["payload"]["receipt_no"] == "RS001-D17-261125-0001"  # till number not known yet
    assert _states(db)[refused] == "discarded"


def test_the_warehouses_negative_stock_answer_is_kept_for_the_manager(
    db: LocalDatabase, client: FakeClient
) -> None:
    from counter_app.local import sync_state
    from counter_app.local.models import WarehouseNegativeStock

    with db.unit_of_work() as s:
        sync_state.set_value(s, "store_id", str(STORE_ID))
    _sale_op(db, "RS001-1-261125-0001")
    client.push_answer = lambda ops: [
        {
            "op_id": op["op_id"],
            "status": "applied",
            "result": {
                "sale_id": "s1",
                "receipt_no": "RS001-1-261125-0001",
                "negative_stock": [{"product_id": 10, "on_hand": -2}],
            },
        }
        for op in ops
    ]
    _relay(db, client).drain()
    with db.read() as s:
        row = s.scalars(select(WarehouseNegativeStock)).one()
    assert (row.location_id, row.product_id, row.on_hand, row.receipt_no) == (
        STORE_ID,
        10,
        -2,
        "RS001-1-261125-0001",
    )


def test_every_audit_entry_goes_out_as_an_audit_op_in_its_transaction(
    db: LocalDatabase, client: FakeClient
) -> None:
    """Issue 8.6: the drawer opening stayed in the till's audit_log."""
    import json

    with db.unit_of_work() as s:
        s.add(
            AuditEntry(
                at="2026-11-25T02:00:00.000+00:00",
                staff_id=4,
                action="drawer.open",
                detail=json.dumps({"reason": "change for a 1000"}),
            )
        )
    try:
        with db.unit_of_work() as s:
            s.add(
                AuditEntry(
                    at="2026-11-25T02:01:00.000+00:00",
                    staff_id=4,
                    action="drawer.open",
                    detail="{}",
                )
            )
            raise RuntimeError("the drawer failed")  # rolled back: no audit row, no op
    except RuntimeError:
        pass
    _relay(db, client).drain()
    [op] = [op for batch in client.pushed for op in batch]
    assert op["type"] == "audit"
    assert op["payload"]["action"] == "drawer.open" and op["payload"]["staff_id"] == 4
    assert op["payload"]["detail"] == {"reason": "change for a 1000"}
    assert op["payload"]["created_at"] == "2026-11-25T02:00:00.000+00:00"


def test_a_till_that_cannot_learn_its_number_asks_again_only_after_a_while(
    db: LocalDatabase, client: FakeClient
) -> None:
    from counter_app.local import sync_state
    from counter_app.sync import relay as relay_module

    client.till_no = None  # a warehouse that has not numbered this till (yet)
    clock = _Clock()
    relay = OutboxRelay(db, client, ConnectivityMonitor(), clock=clock)  # type: ignore[arg-type]
    relay.drain()
    relay.drain()
    assert client.me_calls == 1
    client.till_no = 5
    clock.now += relay_module.TILL_NO_ASK_EVERY_S
    relay.drain()
    with db.read() as s:
        assert sync_state.till_tag(s) == "5"
    assert client.me_calls == 2
