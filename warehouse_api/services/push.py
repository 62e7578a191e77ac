"""Applying pushed outbox operations exactly once, a whole batch in one transaction.

A push batch is one write transaction (group commit: one commit, one feed-sequence
step, one WAL flush for up to 500 ops) and each op runs in a SAVEPOINT of its own
together with the claim of its op_id (a UNIQUE row in `sync_ops` holding a hash of
the body and the result). A rejected op rolls back to its savepoint alone: its
business rows, ledger rows, queued feed changes and claim go, the ops before and
after it stay. A replay finds the claim and gets the stored result back
(`duplicate`); the same op_id with another body is `idempotency_key_reused`.
Rejected ops are not claimed, so the client may fix them and retry under a new op_id.

Two copies of one op racing in two batches: on PostgreSQL the loser's claim insert
waits for the winner, then fails UNIQUE; its savepoint rolls back and the op looks
again, finding the winner's claim (READ COMMITTED sees it). Locks: on PostgreSQL the
stock rows the batch's ops name (`stock_keys` in the registry) are locked up front in
(location, product) order, so two batches selling the same products in different
orders queue instead of deadlocking; a deadlock or serialization failure that still
happens (rows no registry entry names) rolls the whole batch back and runs it again,
so the answer is the same as if it had run alone.

Which handler applies an op comes from the registry in `services.operations`; this
module imports no feature module (sales, reservations, ...), so none of them can
import it back into a cycle.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Select, bindparam, select, tuple_
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from warehouse_api.config import Settings
from warehouse_api.db import Database, compact_json
from warehouse_api.errors import DomainError, InsufficientStock
from warehouse_api.models import Stock, SyncOp, table_of, utcnow
from warehouse_api.services.change_feed import savepoint, send_with_commit
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.inventory import hold_stock
from warehouse_api.services.op_digest import canonical_digest
from warehouse_api.services.operations import (
    AlreadyApplied,
    Handler,
    OpContext,
    PrecheckVerdict,
    QueuedOp,
    RunHandler,
    finds_replays,
    handler_for,
    precheck_for,
    recover_shortfall,
    run_handler_for,
    stock_keys_for,
)
from warehouse_api.services.sql import dialect_name, execute_rows, in_list

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4  # whole-batch attempts (deadlock, serialization failure, lost race)
MAX_OP_ATTEMPTS = 3  # one op inside a batch: a lost UNIQUE race, then a look at the winner

_claims = table_of(SyncOp).c


@functools.cache
def _claims_by_op_id(dialect: str) -> Select[Any]:
    return select(_claims.op_id, _claims.body_sha256, _claims.result).where(
        in_list(_claims.op_id, "p_op_ids", dialect)
    )


_CLAIM_BY_OP_ID = select(SyncOp.body_sha256, SyncOp.result).where(
    SyncOp.op_id == bindparam("p_op_id")
)
_INSERT_CLAIM = table_of(SyncOp).insert()
_CLAIM_COLUMNS = ("op_id", "device_id", "type", "body_sha256", "result", "created_at")
_INSERT_CLAIM_POSTGRESQL = (
    "INSERT INTO sync_ops (op_id, device_id, type, body_sha256, result, created_at)"
    " VALUES (%(op_id)s, %(device_id)s, %(type)s, %(body_sha256)s, %(result)s::json,"
    " %(created_at)s)"
)
_stock = table_of(Stock).c


def body_hash(op_type: str, payload: BaseModel) -> str:
    """The SHA-256 a claim keeps of an op's body (`op_digest`: it never changes)."""
    return canonical_digest(op_type, payload)


@dataclass(frozen=True, slots=True)
class _Op:
    op_id: str
    type: str
    digest: str
    handler: Handler
    payload: Any


Claims = dict[str, tuple[str, Any]]  # op_id -> (body SHA-256, stored result)


def apply_ops(
    db: Database,
    settings: Settings,
    device: AuthenticatedDevice,
    ops: list[Any],
    *,
    prechecked: bool = False,
) -> list[dict[str, Any]]:
    """Apply a push batch in one transaction, a savepoint per op; one result per op.

    `prechecked`: an op pushed alone whose precheck was already read clear a moment ago
    (with the holds that came with it: `HoldCoalescer`), so it is not read again."""
    batch = [
        _Op(
            str(op.op_id), op.type, body_hash(op.type, op.payload), handler_for(op.type), op.payload
        )
        for op in ops
    ]
    if len(batch) == 1:
        alone = _apply_alone(db, settings, device, batch[0], prechecked)
        if alone is not None:
            return [alone]
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                return _apply_batch(session, settings, device, batch)
        except (IntegrityError, OperationalError) as error:
            # A deadlock victim, a serialization failure, or a race the op-level retry
            # did not settle: nothing of this attempt is committed; run the batch again.
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("retrying a batch of %d ops after %s", len(batch), type(error).__name__)
    raise AssertionError("unreachable")


def apply_together(
    db: Database, settings: Settings, pushes: Sequence[tuple[AuthenticatedDevice, Any]]
) -> list[dict[str, Any]]:
    """Ops pushed alone, by one till or several, that a read of committed figures found
    clear a moment ago (`HoldCoalescer`: store pickups in a flash sale), applied in ONE
    transaction, in the order given; one result per op, the one its own push would
    have got at that point. One commit and one lock of the hot stock rows for the
    round, where each push alone took its own.

    First all at once (`_apply_all_clear`): each op's rows written with its look-ups
    skipped (`prechecked`), no savepoints, the claims in one statement, and the units
    of all of them held at the end, one conditional UPDATE per stock row just before
    the commit: the hot row is locked for that and the commit only, not across every
    op's round trips while the other writers of the product wait. When any op would
    not go through as it is (an id taken since the read, a product unknown) or the
    units are no longer all there, nothing of that is kept and the ops run one by one
    as in a push batch: a savepoint each, the stock rows they name locked up front in
    (location, product) order, each holding its own units, so an op short or refused
    is rejected alone with its precise problem. A deadlock or a lost race no op
    settled runs the round again (nothing of it committed)."""
    batch = [
        (
            device,
            _Op(
                str(op.op_id),
                op.type,
                body_hash(op.type, op.payload),
                handler_for(op.type),
                op.payload,
            ),
        )
        for device, op in pushes
    ]
    all_at_once = True
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                if all_at_once:
                    return _apply_all_clear(session, settings, batch)
                claims = _claims_of(session, [op for _device, op in batch])
                if dialect_name(session) == "postgresql":
                    _lock_rows_named(
                        session, [(d, op) for d, op in batch if op.op_id not in claims]
                    )
                return [_apply_one(session, settings, device, op, claims) for device, op in batch]
        except _NotAllClear as why:
            log.info("%d ops applied together go one by one: %r", len(batch), why.__cause__)
            all_at_once = False
        except (IntegrityError, OperationalError) as error:
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("retrying %d ops applied together after %s", len(batch), type(error).__name__)
    raise AssertionError("unreachable")


class _NotAllClear(Exception):
    """An op of a round applied all at once would not go through as it is, or the units
    they ask for are no longer all there: the round goes one by one."""


def _apply_all_clear(
    session: Session, settings: Settings, batch: Sequence[tuple[AuthenticatedDevice, _Op]]
) -> list[dict[str, Any]]:
    """Every op of the round applied, or _NotAllClear (the caller rolls back)."""
    holds: dict[tuple[int, int], int] = {}
    results: list[dict[str, Any]] = []
    claims = []
    now = utcnow()
    try:
        for device, op in batch:
            context = OpContext(session, device, op.op_id, op.digest, settings, True, holds)
            result = op.handler(context, op.payload)
            results.append({"op_id": op.op_id, "status": "applied", "result": result})
            claims.append((op.op_id, device.id, op.type, op.digest, result, now))
        execute_rows(session, _INSERT_CLAIM, _CLAIM_COLUMNS, claims)
        _hold_together(session, holds)
    except (DomainError, AlreadyApplied, IntegrityError) as refused:
        raise _NotAllClear from refused
    return results


def _hold_together(session: Session, holds: dict[tuple[int, int], int]) -> None:
    """Hold what the ops asked for, stock row by stock row in (location, product) order
    (InsufficientStock, a DomainError, when a row is short)."""
    by_location: dict[int, dict[int, int]] = {}
    for (location_id, product_id), qty in sorted(holds.items()):
        by_location.setdefault(location_id, {})[product_id] = qty
    for location_id, wanted in by_location.items():
        hold_stock(session, location_id, wanted)


def _apply_alone(
    db: Database, settings: Settings, device: AuthenticatedDevice, op: _Op, prechecked: bool
) -> dict[str, Any] | None:
    """A batch of one op (a till online pushes each op as it is rung up), the short way.

    With a precheck registered for its type, one read outside any transaction answers
    a replay or a certain refusal without a write transaction. Otherwise the op runs in
    a transaction of its own without a savepoint (there is nothing else to keep).
    None when the op was rejected, turned out a duplicate or lost a race on the way:
    the caller applies the batch the ordinary way, which gives the precise answer
    (nothing of this attempt was committed)."""
    precheck = precheck_for(op.type)
    prechecked = prechecked and precheck is not None
    if precheck is not None and not prechecked:

        def look(session: Session) -> tuple[dict[str, Any] | None, PrecheckVerdict]:
            found = session.execute(_CLAIM_BY_OP_ID, {"p_op_id": op.op_id}).first()
            if found is not None:
                return _claimed(op, found.body_sha256, found.result), PrecheckVerdict()
            return None, precheck(session, device, op.payload)

        answer, verdict = db.lookup(look)
        if answer is not None:
            return answer
        if verdict.refusal is not None:
            return {
                "op_id": op.op_id,
                "status": "rejected",
                "problem": verdict.refusal.as_problem(),
            }
        prechecked = verdict.clear
    try:
        with db.write() as session:
            # Else a claim taken since fails UNIQUE below (and a type that finds its
            # replays itself refuses one before writing: `finds_replays`).
            if not prechecked and not finds_replays(op.type):
                found = session.execute(_CLAIM_BY_OP_ID, {"p_op_id": op.op_id}).first()
                if found is not None:
                    return _claimed(op, found.body_sha256, found.result)
            result = op.handler(
                OpContext(session, device, op.op_id, op.digest, settings, prechecked), op.payload
            )
            claim = {
                "op_id": op.op_id,
                "device_id": device.id,
                "type": op.type,
                "body_sha256": op.digest,
                "result": result,
                "created_at": utcnow(),
            }
            if dialect_name(session) == "postgresql":
                # Nobody reads the claim back before the commit: it goes out with the feed
                # write and the COMMIT, one round trip less. A taken op_id fails the
                # commit (IntegrityError below) and the op goes the ordinary way.
                send_with_commit(
                    session, _INSERT_CLAIM_POSTGRESQL, {**claim, "result": compact_json(result)}
                )
            else:
                session.execute(_INSERT_CLAIM, claim)
    except (DomainError, AlreadyApplied, IntegrityError, OperationalError):
        return None
    return {"op_id": op.op_id, "status": "applied", "result": result}


def _claimed(op: _Op, body_sha256: str, result: Any) -> dict[str, Any]:
    """The answer to an op whose op_id is claimed: a duplicate, or a reused key."""
    if body_sha256 != op.digest:
        problem = DomainError(
            "idempotency_key_reused",
            f"op_id {op.op_id} was already used with a different body",
        ).as_problem()
        return {"op_id": op.op_id, "status": "rejected", "problem": problem}
    return {"op_id": op.op_id, "status": "duplicate", "result": result}


def apply_op(
    db: Database, settings: Settings, device: AuthenticatedDevice, op: Any
) -> dict[str, Any]:
    """One op on its own: a batch of one."""
    return apply_ops(db, settings, device, [op])[0]


def _claims_of(session: Session, batch: Sequence[_Op]) -> Claims:
    """The claims already taken under the batch's op ids (one statement)."""
    return {
        row.op_id: (row.body_sha256, row.result)
        for row in session.execute(
            _claims_by_op_id(dialect_name(session)), {"p_op_ids": [op.op_id for op in batch]}
        )
    }


def _apply_batch(
    session: Session, settings: Settings, device: AuthenticatedDevice, batch: list[_Op]
) -> list[dict[str, Any]]:
    claims = _claims_of(session, batch)
    if dialect_name(session) == "postgresql":
        _lock_stock_rows(session, device, [op for op in batch if op.op_id not in claims])
    results: list[dict[str, Any]] = []
    index = 0
    pacing = _RunPacing(len(batch))
    while index < len(batch):
        op = batch[index]
        run_handler = run_handler_for(op.type)
        if run_handler is not None and op.op_id not in claims:
            end = index + 1
            limit = min(len(batch), index + pacing.limit(index))
            while end < limit and batch[end].type == op.type and batch[end].op_id not in claims:
                end += 1
            # Set-wise pays from two ops on; one op alone is cheaper through its handler.
            applied = []
            if end - index >= 2:
                applied = _apply_run(
                    session, settings, device, run_handler, batch[index:end], claims
                )
                pacing.tried(index, offered=end - index, applied=len(applied))
            if applied:
                results += applied
                index += len(applied)
                continue
        results.append(_apply_one(session, settings, device, op, claims))
        index += 1
    return results


RUN_PROBE = 2  # ops offered to a run handler after one stopped short: `_RunPacing`


class _RunPacing:
    """Which ops of a batch are offered to their run handler, and how many at once.

    A run handler reads what it needs for every op offered (ids taken, products known)
    before it stops at the first op it would not apply set-wise; that op then goes
    alone. Offered the whole rest of the batch after each such op, a push of 500 sales
    whose receipt numbers were all taken read 500 + 499 + ... ids: 3 s per push on
    SQLite, 56 s to drain 10,000 sales. So after a run stops short the next one is
    offered `RUN_PROBE` ops, twice as many after each run that applied all it was
    offered; and after a run that applied none, the ops that follow go alone, 1, 2,
    4, ... of them before the next try. The reads stay in proportion to the ops, and a
    clean stretch after n ops that went alone is offered again within n more ops."""

    def __init__(self, batch_size: int) -> None:
        self.offer = batch_size
        self._backoff = 1
        self._next_try = 0

    def limit(self, index: int) -> int:
        """How many ops, from `index` on, the run may be offered (0: this op goes alone)."""
        return self.offer if index >= self._next_try else 0

    def tried(self, index: int, offered: int, applied: int) -> None:
        if applied == offered:
            self.offer *= 2
            self._backoff = 1
            return
        self.offer = RUN_PROBE
        if applied:
            self._backoff = 1
            return
        self._next_try = index + 1 + self._backoff  # the op at `index` goes alone first
        self._backoff *= 2


def _apply_run(
    session: Session,
    settings: Settings,
    device: AuthenticatedDevice,
    run_handler: RunHandler,
    run: list[_Op],
    claims: Claims,
) -> list[dict[str, Any]]:
    """Offer consecutive ops of one type to their run handler; the results of the prefix
    it applied set-wise (claims included), or none, and the ops go one by one."""
    queued = [QueuedOp(op.op_id, op.digest, op.payload) for op in run]
    try:
        with savepoint(session):
            results = run_handler(session, device, settings, queued)
            if results:
                now = utcnow()
                execute_rows(
                    session,
                    _INSERT_CLAIM,
                    _CLAIM_COLUMNS,
                    [
                        (op.op_id, device.id, op.type, op.digest, result, now)
                        for op, result in zip(run, results, strict=False)
                    ],
                )
    except (IntegrityError, DomainError):
        # A concurrent writer took an id first: one by one, each op finds out what.
        return []
    applied = []
    for op, result in zip(run, results, strict=False):
        claims[op.op_id] = (op.digest, result)
        applied.append({"op_id": op.op_id, "status": "applied", "result": result})
    return applied


def _lock_stock_rows(session: Session, device: AuthenticatedDevice, batch: list[_Op]) -> None:
    """Lock, in (location, product) order, every existing stock row the ops name
    (`stock_keys` in the registry). A single op needs none of this (each handler takes
    its rows in product order); across ops the rows would otherwise be taken in the
    order the sales were rung up."""
    _lock_rows_named(session, [(device, op) for op in batch])


def _lock_rows_named(session: Session, batch: Sequence[tuple[AuthenticatedDevice, _Op]]) -> None:
    """`_lock_stock_rows` for ops of any devices."""
    keyed = [
        (keys, device, op) for device, op in batch if (keys := stock_keys_for(op.type)) is not None
    ]
    if len(keyed) < 2:
        return
    wanted: set[tuple[int, int]] = set()
    for keys, device, op in keyed:
        try:
            wanted.update(keys(session, device, op.payload))
        except DomainError:
            continue  # the op itself will be refused with the precise problem
    if len(wanted) < 2:
        return
    session.execute(
        select(_stock.location_id)
        .where(tuple_(_stock.location_id, _stock.product_id).in_(sorted(wanted)))
        .order_by(_stock.location_id, _stock.product_id)
        .with_for_update()
    ).all()


def _apply_one(
    session: Session, settings: Settings, device: AuthenticatedDevice, op: _Op, claims: Claims
) -> dict[str, Any]:
    recovered = False
    for attempt in range(1, MAX_OP_ATTEMPTS + 1):
        if attempt > 1 and op.op_id not in claims:
            # After a lost race: a concurrent copy may have committed its claim since.
            found = session.execute(_CLAIM_BY_OP_ID, {"p_op_id": op.op_id}).first()
            if found is not None:
                claims[op.op_id] = (found.body_sha256, found.result)
        claimed = claims.get(op.op_id)
        if claimed is not None:
            return _claimed(op, claimed[0], claimed[1])
        try:
            with savepoint(session):
                result = op.handler(
                    OpContext(session, device, op.op_id, op.digest, settings), op.payload
                )
                session.execute(
                    _INSERT_CLAIM,
                    {
                        "op_id": op.op_id,
                        "device_id": device.id,
                        "type": op.type,
                        "body_sha256": op.digest,
                        "result": result,
                        "created_at": utcnow(),
                    },
                )
            claims[op.op_id] = (op.digest, result)
            return {"op_id": op.op_id, "status": "applied", "result": result}
        except AlreadyApplied as signal:
            return {"op_id": op.op_id, "status": "duplicate", "result": signal.stored_result}
        except InsufficientStock as error:
            # Expired holds are released at read time: if some freed this product, try again.
            product_id = error.extra.get("product_id")
            if not recovered and product_id is not None and _recover(session, int(product_id)):
                recovered = True
                continue
            return {"op_id": op.op_id, "status": "rejected", "problem": error.as_problem()}
        except DomainError as error:
            # Under READ COMMITTED a concurrent copy of this op may have committed while
            # we ran, making its ids look reused: if it claimed our op_id, we are a replay.
            found = session.execute(_CLAIM_BY_OP_ID, {"p_op_id": op.op_id}).first()
            if found is not None and found.body_sha256 == op.digest:
                return {"op_id": op.op_id, "status": "duplicate", "result": found.result}
            return {"op_id": op.op_id, "status": "rejected", "problem": error.as_problem()}
        except IntegrityError:
            # A concurrent copy won a UNIQUE race (the claim or a business id); only this
            # op's savepoint is gone. Look again: the winner's rows are visible now.
            if attempt == MAX_OP_ATTEMPTS:
                raise
            log.info("op %s lost a race; looking again", op.op_id)
    raise AssertionError("unreachable")


def _recover(session: Session, product_id: int) -> int:
    try:
        with savepoint(session):
            return recover_shortfall(session, product_id)
    except DomainError:
        return 0
