"""The compacted change feed: one row per (entity, id) holding its latest state.

Services call `record_change` for every write. The changes wait in the session
and get their `seq` just before the transaction commits, under the row lock of
the single `feed_state` row (PostgreSQL: `SELECT ... FOR UPDATE` via UPDATE; SQLite:
writers are serialized by `BEGIN IMMEDIATE`). The lock is held until commit, so
seqs become visible in the order they were assigned and a reader that has seen
seq N has also seen every seq below N: a pull never skips a change.

Inside a SAVEPOINT (`savepoint`, one per op of a push batch) changes still wait for
the outermost commit, so a batch takes the `feed_state` lock once, at its end; a
savepoint that rolls back takes back the changes queued since it began.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import BigInteger, Text, bindparam, cast, delete, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from warehouse_api.models import ChangeLog, FeedState, table_of, utcnow
from warehouse_api.services.sql import dialect_name

_PENDING = "pending_changes"
_JOURNAL = "pending_changes_journal"  # (key, previous value or _ABSENT), for savepoints
_ABSENT = object()
FEED_STATE_ID = 1

ChangeOp = Literal["upsert", "delete"]


@dataclass(frozen=True, slots=True)
class PendingChange:
    op: ChangeOp
    data: dict[str, Any] | None
    scope_location_id: int | None


def record_change(
    session: Session,
    entity: str,
    entity_id: str | int,
    data: dict[str, Any] | None,
    scope_location_id: int | None = None,
    *,
    op: ChangeOp = "upsert",
) -> None:
    """Queue the latest state of one entity; it enters the feed when the session commits."""
    if op == "delete":
        data = None
    pending: dict[tuple[str, str], PendingChange] = session.info.setdefault(_PENDING, {})
    key = (entity, str(entity_id))
    journal: list[tuple[tuple[str, str], object]] | None = session.info.get(_JOURNAL)
    if journal is not None:
        journal.append((key, pending.get(key, _ABSENT)))
    pending[key] = PendingChange(op, data, scope_location_id)


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """`session.begin_nested()` whose queued feed changes leave with it if it rolls back.

    Released, its changes wait for the outermost commit like any other."""
    journal: list[tuple[tuple[str, str], object]] = session.info.setdefault(_JOURNAL, [])
    mark = len(journal)
    try:
        with session.begin_nested():
            yield
    except BaseException:
        pending: dict[tuple[str, str], Any] = session.info.get(_PENDING, {})
        while len(journal) > mark:
            key, previous = journal.pop()
            if previous is _ABSENT:
                pending.pop(key, None)
            else:
                pending[key] = previous  # keeps its place, so its seq order too
        raise


def assign_pending_seqs(session: Session) -> None:
    """Give the queued changes their seqs and write them; runs just before commit."""
    if session.in_nested_transaction():
        return  # a savepoint's release: its changes wait for the outermost commit
    session.info.pop(_JOURNAL, None)
    pending: dict[tuple[str, str], PendingChange] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()
    count = len(pending)
    advance, upsert = _feed_statements(dialect_name(session))
    last_seq = session.execute(advance, {"p_count": count}).scalar_one()
    first_seq = last_seq - count + 1
    now = utcnow()
    rows = [
        {
            "entity": entity,
            "entity_id": entity_id,
            "seq": first_seq + offset,
            "op": change.op,
            "data": change.data,
            "scope_location_id": change.scope_location_id,
            "changed_at": now,
        }
        for offset, ((entity, entity_id), change) in enumerate(pending.items())
    ]
    session.execute(upsert, rows)


@functools.cache
def _feed_statements(dialect: str) -> tuple[Any, Any]:
    """Built once per dialect: (advance the head, upsert one change row)."""
    state = table_of(FeedState)
    advance = (
        state.update()
        .where(state.c.id == FEED_STATE_ID)
        .values(last_seq=state.c.last_seq + bindparam("p_count", type_=BigInteger))
        .returning(state.c.last_seq)
    )
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    upsert = insert(table_of(ChangeLog))
    upsert = upsert.on_conflict_do_update(
        index_elements=["entity", "entity_id"],
        set_={
            "seq": upsert.excluded.seq,
            "op": upsert.excluded.op,
            "data": upsert.excluded.data,
            "scope_location_id": upsert.excluded.scope_location_id,
            "changed_at": upsert.excluded.changed_at,
        },
    )
    return advance, upsert


def _forget_pending_changes(session: Session, *_args: Any) -> None:
    if session.in_nested_transaction():
        return  # a savepoint rolled back: `savepoint` takes back its own changes
    session.info.pop(_PENDING, None)
    session.info.pop(_JOURNAL, None)


event.listen(Session, "before_commit", assign_pending_seqs)
event.listen(Session, "after_rollback", _forget_pending_changes)


def ensure_feed_state(session: Session) -> None:
    if session.get(FeedState, FEED_STATE_ID) is None:
        last = session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0
        session.add(FeedState(id=FEED_STATE_ID, last_seq=last, purged_through_seq=0))


@dataclass(frozen=True, slots=True)
class FeedPage:
    """One page of the feed; each change's `data` is still the stored JSON text."""

    rows: list[tuple[int, str, str, str, str | None]]  # seq, entity, op, id, data JSON
    cursor: int
    has_more: bool
    reset: bool

    @property
    def changes(self) -> list[dict[str, Any]]:
        return [
            {
                "seq": seq,
                "entity": entity,
                "op": op,
                "id": entity_id,
                "data": json.loads(data) if data is not None else None,
            }
            for seq, entity, op, entity_id, data in self.rows
        ]

    def to_json(self) -> bytes:
        """The pull response body, built without parsing and re-encoding every `data`."""
        dumps = json.dumps
        parts = [
            f'{{"seq":{seq},"entity":{dumps(entity)},"op":"{op}","id":{dumps(entity_id)},'
            f'"data":{data if data is not None else "null"}}}'
            for seq, entity, op, entity_id, data in self.rows
        ]
        flags = f'"has_more":{dumps(self.has_more)},"reset":{dumps(self.reset)}'
        return f'{{"changes":[{",".join(parts)}],"cursor":{self.cursor},{flags}}}'.encode()


_change_columns = table_of(ChangeLog).c


def read_changes(
    session: Session,
    cursor: int,
    limit: int,
    scope_location_id: int | None,
    all_scopes: bool,
    rebuilding: bool = False,
) -> FeedPage:
    """Changes with seq > cursor that this reader may see, oldest first.

    A cursor below the purged tombstones means the reader may have missed deletes:
    it gets the reset answer. Not while it is rebuilding from zero (a first sync,
    or the re-pull after a reset): its cursors are below the purge point page
    after page, and it drops whatever the round did not bring at the head.
    """
    state = session.get(FeedState, FEED_STATE_ID)
    if state is not None and not rebuilding and 0 < cursor < state.purged_through_seq:
        return FeedPage([], 0, True, True)
    c = _change_columns
    query = select(c.seq, c.entity, c.op, c.entity_id, cast(c.data, Text)).where(c.seq > cursor)
    if not all_scopes:
        visible: ColumnElement[bool] = c.scope_location_id.is_(None)
        if scope_location_id is not None:
            visible = visible | (c.scope_location_id == scope_location_id)
        query = query.where(visible)
    rows: list[tuple[int, str, str, str, str | None]] = [
        (row[0], row[1], row[2], row[3], row[4])
        for row in session.execute(query.order_by(c.seq).limit(limit + 1))
    ]
    has_more = len(rows) > limit
    rows = rows[:limit]
    new_cursor = rows[-1][0] if rows else cursor
    if not has_more and state is not None:
        # Nothing more is visible to this reader: skip past other scopes' rows up to
        # the head. Safe because the head was read first and seqs commit in order.
        new_cursor = max(new_cursor, state.last_seq)
    return FeedPage(rows, new_cursor, has_more, False)


def purge_tombstones(session: Session, retention: timedelta, now: datetime | None = None) -> int:
    """Drop delete markers older than the retention; older cursors then get a reset."""
    cutoff = (now or utcnow()) - retention
    newest_purged = session.scalar(
        select(func.max(ChangeLog.seq)).where(
            ChangeLog.op == "delete", ChangeLog.changed_at < cutoff
        )
    )
    if newest_purged is None:
        return 0
    result = session.execute(
        delete(ChangeLog)
        .where(ChangeLog.op == "delete", ChangeLog.seq <= newest_purged)
        .where(ChangeLog.changed_at < cutoff)
    )
    session.execute(
        update(FeedState)
        .where(FeedState.id == FEED_STATE_ID)
        .values(
            purged_through_seq=func.max(FeedState.purged_through_seq, newest_purged)
            if session.get_bind().dialect.name == "sqlite"
            else func.greatest(FeedState.purged_through_seq, newest_purged)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
