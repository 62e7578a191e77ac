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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from json.encoder import encode_basestring
from typing import Any, Literal

from sqlalchemy import (
    BigInteger,
    CompoundSelect,
    Integer,
    String,
    Text,
    bindparam,
    cast,
    delete,
    event,
    func,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from warehouse_api.db import compact_json
from warehouse_api.models import ChangeLog, FeedState, table_of, utcnow
from warehouse_api.services.sql import dialect_name, execute_rows, raise_driver_error

_PENDING = "pending_changes"
_JOURNAL = "pending_changes_journal"  # (key, previous value or _ABSENT), for savepoints
_WITH_COMMIT = "statements_with_commit"  # PostgreSQL: sent with the feed and the COMMIT
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


def send_with_commit(session: Session, sql: str, params: dict[str, Any]) -> None:
    """PostgreSQL: send this statement (psycopg's SQL and parameters: `%(name)s`, JSON as
    text) together with the feed write and the COMMIT, in the same round trip, instead
    of a round trip of its own: for a write nobody reads back before the commit (a push's
    claim). It fails the commit if it fails (as SQLAlchemy's error: a UNIQUE violation
    is an IntegrityError), so the transaction commits with it or not at all. Not inside
    a savepoint: a savepoint's rollback could not take it back."""
    if session.in_nested_transaction():
        raise RuntimeError("send_with_commit inside a savepoint")
    session.info.setdefault(_WITH_COMMIT, []).append((sql, params))


def assign_pending_seqs(session: Session, *, commit: bool = False) -> None:
    """Give the queued changes their seqs and write them; runs just before commit.

    `commit` (the before_commit hook): on PostgreSQL the COMMIT goes out with the
    write, in the same round trip (see _WRITE_CHANGES_POSTGRESQL)."""
    if session.in_nested_transaction():
        return  # a savepoint's release: its changes wait for the outermost commit
    session.info.pop(_JOURNAL, None)
    pending: dict[tuple[str, str], PendingChange] | None = session.info.pop(_PENDING, None)
    with_commit: list[tuple[str, dict[str, Any]]] = session.info.pop(_WITH_COMMIT, [])
    if not pending and not with_commit:
        return
    session.flush()
    dialect = dialect_name(session)
    if dialect == "postgresql":
        _write_changes_postgresql(session, pending or {}, with_commit, commit)
        return
    if not pending:  # pragma: no cover - send_with_commit is for PostgreSQL only
        return
    count = len(pending)
    advance, upsert = _feed_statements(dialect)
    last_seq = session.execute(advance, {"p_count": count}).scalar_one()
    first_seq = last_seq - count + 1
    now = utcnow()
    rows = [
        (entity, entity_id, seq, change.op, change.data, change.scope_location_id, now)
        for seq, ((entity, entity_id), change) in enumerate(pending.items(), first_seq)
    ]
    execute_rows(session, upsert, _CHANGE_COLUMNS, rows)


_CHANGE_COLUMNS = ("entity", "entity_id", "seq", "op", "data", "scope_location_id", "changed_at")


# PostgreSQL: the head's step and the change rows in ONE statement, sent together with
# the COMMIT (psycopg's pipeline: one round trip for both). The feed_state row lock is
# taken by the UPDATE and held to the end of the commit, and every write transaction of
# the warehouse queues on it: held for the commit's WAL flush only, no longer across a
# round trip back to Python (whose thread may wait for the GIL meanwhile) and a second
# one for the COMMIT. The rows travel as arrays (one statement text whatever their
# number, so psycopg prepares it once per connection); `data` is the JSON text the
# engine's serializer writes for a JSON column (None: JSON null, as the column stores
# it). A missing feed_state row makes the head NULL and the NOT NULL `seq` refuses the
# rows, so the statement fails before the COMMIT instead of committing without them.
_WRITE_CHANGES_POSTGRESQL = """
WITH head AS (
    UPDATE feed_state SET last_seq = last_seq + %(p_count)s
    WHERE id = %(p_state_id)s
    RETURNING last_seq
)
INSERT INTO change_log (entity, entity_id, seq, op, data, scope_location_id, changed_at)
SELECT v.entity, v.entity_id, (SELECT last_seq FROM head) - %(p_count)s + v.ord, v.op,
       v.data, v.scope, %(p_changed_at)s
FROM unnest(
    %(p_entities)s::varchar[],
    %(p_ids)s::varchar[],
    %(p_ops)s::varchar[],
    %(p_data)s::json[],
    %(p_scopes)s::integer[]
) WITH ORDINALITY AS v(entity, entity_id, op, data, scope, ord)
ON CONFLICT (entity, entity_id) DO UPDATE SET
    seq = excluded.seq,
    op = excluded.op,
    data = excluded.data,
    scope_location_id = excluded.scope_location_id,
    changed_at = excluded.changed_at
"""


def _write_changes_postgresql(
    session: Session,
    pending: dict[tuple[str, str], PendingChange],
    with_commit: list[tuple[str, dict[str, Any]]],
    commit: bool,
) -> None:
    """Write the changes and, when nothing else is left to flush, commit in the same
    round trip; SQLAlchemy's own COMMIT that follows finds the transaction already
    finished (psycopg sends nothing then). Anything that fails, the COMMIT included,
    raises here and the session rolls back as before."""
    changes = list(pending.items())
    params = {
        "p_count": len(changes),
        "p_state_id": FEED_STATE_ID,
        "p_changed_at": utcnow(),
        "p_entities": [entity for (entity, _id), _change in changes],
        "p_ids": [entity_id for (_entity, entity_id), _change in changes],
        "p_ops": [change.op for _key, change in changes],
        "p_data": [compact_json(change.data) for _key, change in changes],
        "p_scopes": [change.scope_location_id for _key, change in changes],
    }
    connection = session.connection()
    raw: Any = connection.connection.driver_connection
    statements = [*with_commit, *([(_WRITE_CHANGES_POSTGRESQL, params)] if changes else [])]
    try:
        if not commit or session.new or session.dirty or session.deleted:
            for sql, values in statements:
                raw.execute(sql, values)
            return
        with raw.pipeline():
            for sql, values in statements:
                raw.execute(sql, values)
            raw.commit()
    except Exception as error:
        raise_driver_error(
            connection,
            error,
            "; ".join(sql.strip() for sql, _values in statements),
            [values for _sql, values in statements],
        )


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
    session.info.pop(_WITH_COMMIT, None)


def _assign_before_commit(session: Session) -> None:
    assign_pending_seqs(session, commit=True)


event.listen(Session, "before_commit", _assign_before_commit)
event.listen(Session, "after_rollback", _forget_pending_changes)


def ensure_feed_state(session: Session) -> None:
    if session.get(FeedState, FEED_STATE_ID) is None:
        last = session.scalar(select(func.coalesce(func.max(ChangeLog.seq), 0))) or 0
        session.add(FeedState(id=FEED_STATE_ID, last_seq=last, purged_through_seq=0))


FeedRow = tuple[int, str, str, str, str | None]  # seq, entity, op, id, data (JSON text)


@dataclass(frozen=True, slots=True)
class FeedPage:
    """One page of the feed; each change's `data` is still the stored JSON text."""

    rows: Sequence[FeedRow]  # seq, entity, op, id, data JSON
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
        """The pull response body, built without parsing and re-encoding every `data`.

        Strings are quoted by the json module's own C escaper (`encode_basestring`: what
        `json.dumps(..., ensure_ascii=False)` does to a str, without the call's set-up,
        which cost more than the rest of a row); the body is UTF-8."""
        quote = encode_basestring
        entities = _QUOTED_ENTITIES
        parts = [
            f'{{"seq":{seq},"entity":{entities.get(entity) or quoted_entity(entity)},"op":"{op}",'
            f'"id":{quote(entity_id)},"data":{"null" if data is None else data}}}'
            for seq, entity, op, entity_id, data in self.rows
        ]
        flags = f'"has_more":{"true" if self.has_more else "false"},"reset":' + (
            "true" if self.reset else "false"
        )
        return f'{{"changes":[{",".join(parts)}],"cursor":{self.cursor},{flags}}}'.encode()


_QUOTED_ENTITIES: dict[str, str] = {}


def quoted_entity(entity: str) -> str:
    """Remember an entity name's JSON form (a handful of names, every row has one)."""
    return _QUOTED_ENTITIES.setdefault(entity, encode_basestring(entity))


_change_columns = table_of(ChangeLog).c
_state_columns = table_of(FeedState).c


@functools.cache
def _page_statement(scoped: bool, with_own_scope: bool) -> CompoundSelect[Any]:
    """The page (at most :p_limit rows after :p_cursor, oldest first) and, as one more
    row with no entity, the feed's head and purge point: ONE statement, so one snapshot
    (PostgreSQL: a statement sees what was committed when it started, InitPlans and
    UNION branches included; SQLite: one read). The head is then exactly what the page
    was read against, as safe as reading it first: seqs commit in order (the feed_state
    row lock is held to the commit), so nothing at or below the head that this snapshot
    does not show can still appear. Before, two statements: the head, then the page."""
    c = _change_columns
    page = select(
        c.seq,
        c.entity,
        c.op,
        c.entity_id,
        cast(c.data, Text).label("data"),
    ).where(c.seq > bindparam("p_cursor", type_=BigInteger))
    if scoped:
        visible: ColumnElement[bool] = c.scope_location_id.is_(None)
        if with_own_scope:
            visible = visible | (c.scope_location_id == bindparam("p_scope", type_=Integer))
        page = page.where(visible)
    page_rows = page.order_by(c.seq).limit(bindparam("p_limit", type_=Integer)).subquery()
    head = select(  # (head, NULL, NULL, purge point as text, NULL)
        _state_columns.last_seq,
        null(),
        null(),
        cast(_state_columns.purged_through_seq, String),
        null(),
    ).where(_state_columns.id == FEED_STATE_ID)
    return union_all(select(page_rows), head)


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
    statement = _page_statement(not all_scopes, scope_location_id is not None)
    params = {"p_cursor": cursor, "p_limit": limit + 1}
    if not all_scopes and scope_location_id is not None:
        params["p_scope"] = scope_location_id
    rows: list[Any] = list(session.connection().execute(statement, params).all())
    head: int | None = None
    purged = 0
    # The head's row is the only one without an entity; last, as UNION ALL runs its
    # branches in order, but found wherever it is.
    at = len(rows) - 1 if rows and rows[-1][1] is None else None
    if at is None:
        at = next((i for i, row in enumerate(rows) if row[1] is None), None)
    if at is not None:
        found = rows.pop(at)
        head, purged = int(found[0]), int(found[3])
    seqs = [row[0] for row in rows]
    if seqs != sorted(seqs):  # UNION ALL keeps its branches' order in practice; be sure
        rows.sort(key=lambda row: row[0])
    if head is not None and not rebuilding and 0 < cursor < purged:
        return FeedPage([], 0, True, True)
    has_more = len(rows) > limit
    rows = rows[:limit]
    new_cursor = rows[-1][0] if rows else cursor
    if not has_more and head is not None:
        # Nothing more is visible to this reader: skip past other scopes' rows up to
        # the head. Safe because the head was read with the page (see _page_statement).
        new_cursor = max(new_cursor, head)
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
