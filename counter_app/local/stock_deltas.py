"""When a local stock change may leave the display: the ack/pull race, closed.

Store stock on screen is the last server figure plus every local delta the
cached figure does not include yet. Removing a sale's delta at its ack is too
early: a pull page fetched *before* the server applied the sale can be applied
*after* the ack, and for a moment the cashier would see the pre-sale figure.

The push result carries no feed seq, so we order the two events on this till
instead. Every pull request takes a new *pull generation* from a counter in
``sync_state``, in its own committed write transaction, before it is sent. An
ack records the generation current at that moment (``acked_gen``). Writers are
serialized (``BEGIN IMMEDIATE``), so a request tagged with a generation greater
than ``acked_gen`` was sent after the ack was committed, hence after the
server committed the sale, and the feed it reads includes the sale's stock
change. An acked delta is dropped when such a request brings:

* a stock figure (or tombstone) for the same (location, product), or
* the end of the feed (``has_more`` false): every change up to the head is now
  in the cache, including the one for this sale.

A delta never acked (op waiting or rejected) stays until the op is acked or a
supervisor discards it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, select, tuple_
from sqlalchemy.orm import Session

from counter_app.local import sync_state
from counter_app.local.models import PendingStockDelta

PULL_GENERATION_KEY = "pull_generation"


def current_generation(session: Session) -> int:
    return int(sync_state.get_value(session, PULL_GENERATION_KEY, "0") or 0)


def begin_fetch(session: Session) -> int:
    """Take the generation for the pull request about to be sent. Commit before sending."""
    return sync_state.next_counter(session, PULL_GENERATION_KEY)


def mark_acked(session: Session, op_ids: list[str]) -> None:
    """The server applied these ops: their deltas wait for a figure fetched after now."""
    generation = current_generation(session)
    session.connection().exec_driver_sql(
        "UPDATE pending_stock_deltas SET acked_gen = ? WHERE op_id = ? AND acked_gen IS NULL",
        [(generation, op_id) for op_id in op_ids],
    )


def forget_op(session: Session, op_id: str) -> None:
    """The op will never reach the server (discarded): its deltas no longer apply."""
    session.execute(delete(PendingStockDelta).where(PendingStockDelta.op_id == op_id))


def settle_with_page(
    session: Session,
    fetch_generation: int,
    stock_keys: Iterable[tuple[int, int]],
    reached_head: bool,
) -> int:
    """Drop acked deltas that the figures of this page (fetched at ``fetch_generation``) include."""
    confirmed = and_(
        PendingStockDelta.acked_gen.is_not(None),
        PendingStockDelta.acked_gen < fetch_generation,
    )
    if session.scalar(select(PendingStockDelta.id).where(confirmed).limit(1)) is None:
        return 0  # the common case, e.g. every page of a first sync
    if reached_head:
        result = session.execute(delete(PendingStockDelta).where(confirmed))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
    keys = list(set(stock_keys))
    removed = 0
    for start in range(0, len(keys), 400):  # stay well under SQLite's variable limit
        chunk = keys[start : start + 400]
        result = session.execute(
            delete(PendingStockDelta).where(
                confirmed,
                tuple_(PendingStockDelta.location_id, PendingStockDelta.product_id).in_(chunk),
            )
        )
        removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return removed
