from __future__ import annotations

from counter_app.local import outbox
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry


def _enqueue(db: LocalDatabase, entity: str, n: int = 1) -> list[str]:
    with db.unit_of_work() as s:
        return [outbox.enqueue(s, "test", entity, {"i": i}) for i in range(n)]


def test_claim_takes_oldest_first_and_marks_in_flight(db: LocalDatabase) -> None:
    ids = _enqueue(db, "a", 3) + _enqueue(db, "b", 2)
    with db.unit_of_work() as s:
        claimed = outbox.claim_batch(s, 4)
    assert [op.op_id for op in claimed] == ids[:4]
    with db.unit_of_work() as s:
        # b's second op waits while b's first is in flight: each entity keeps its order.
        assert outbox.claim_batch(s, 10) == []
        assert outbox.stats(s).waiting == 5


def test_crash_recovery_puts_in_flight_ops_back(db: LocalDatabase) -> None:
    ids = _enqueue(db, "a", 2)
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 10)
    with db.unit_of_work() as s:
        assert outbox.recover_in_flight(s) == 2
    with db.unit_of_work() as s:
        again = outbox.claim_batch(s, 10)
    assert [op.op_id for op in again] == ids
    assert [op.attempts for op in again] == [1, 1]  # attempts counted before this claim


def test_a_failed_op_holds_back_later_ops_of_the_same_entity_only(db: LocalDatabase) -> None:
    create, cancel = _enqueue(db, "reservation:1", 2)
    other = _enqueue(db, "sale:9")[0]
    with db.unit_of_work() as s:
        first = outbox.claim_batch(s, 1)
        assert [op.op_id for op in first] == [create]
        outbox.mark_rejected(s, create, "insufficient_stock", "WH01 has 0")
    with db.unit_of_work() as s:
        assert [op.op_id for op in outbox.claim_batch(s, 10)] == [other]
    with db.read() as s:
        failed = outbox.list_failed(s)
    assert [(f.op_id, f.problem_code) for f in failed] == [(create, "insufficient_stock")]
    assert cancel not in [f.op_id for f in failed]


def test_ops_released_after_a_lost_answer_go_out_with_the_next_batch_in_order(
    db: LocalDatabase,
) -> None:
    """Backoff is the relay's, about the connection: a released op waits for nothing of
    its own, so it cannot fall behind a later op that failed fewer times."""
    first, second = _enqueue(db, "a") + _enqueue(db, "b")
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 1, now=1000.0)
        outbox.claim_batch(s, 1, now=1000.0)
        outbox.release_for_retry(s, [first], "timeout", now=1000.0)
        outbox.claim_batch(s, 1, now=1000.0)  # first again: three attempts against one
        outbox.release_for_retry(s, [first, second], "timeout", now=1000.0)
    with db.unit_of_work() as s:
        assert [op.op_id for op in outbox.claim_batch(s, 10, now=1000.0)] == [first, second]


def test_an_op_can_still_be_held_back_on_its_own(db: LocalDatabase) -> None:
    (op_id,) = _enqueue(db, "x")
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 1, now=1000.0)
        outbox.release_for_retry(s, [op_id], "bad answer", now=1000.0, delay_s=5.0)
    with db.unit_of_work() as s:
        assert outbox.claim_batch(s, 1, now=1004.9) == []
        assert [op.op_id for op in outbox.claim_batch(s, 1, now=1005.0)] == [op_id]


def test_backoff_grows_and_is_capped() -> None:
    import random

    rng = random.Random(1)
    delays = [outbox.backoff_delay(a, rng) for a in range(1, 12)]
    assert delays[0] <= 2 * outbox.BACKOFF_BASE_S
    assert max(delays) <= outbox.BACKOFF_CAP_S
    assert delays[-1] >= outbox.BACKOFF_CAP_S / 2


def test_discard_needs_a_reason_and_is_audited(db: LocalDatabase) -> None:
    import pytest

    (op_id,) = _enqueue(db, "x")
    with db.unit_of_work() as s:
        outbox.claim_batch(s, 1)
        outbox.mark_rejected(s, op_id, "validation_error", "bad")
    with pytest.raises(ValueError), db.unit_of_work() as s:
        outbox.discard_failed(s, op_id, 9, "  ")
    with db.unit_of_work() as s:
        outbox.discard_failed(s, op_id, 9, "duplicate entry typed by mistake")
    with db.read() as s:
        assert outbox.stats(s).failed == 0
        entry = s.query(AuditEntry).one()
    assert entry.staff_id == 9 and "duplicate entry" in entry.detail
