"""The registry of push operations: op type -> handler, and what handlers share.

Each feature module registers its handlers here (`@op_handler("sale")`); `push` applies
an op by looking its type up here and knows no feature module. `op_handlers` imports
every feature module once so that the registry is full when the app starts. A module
that can free stock when an op runs short (expired holds) registers a
`shortfall_recovery`; `push` calls it, in the batch's own transaction, before trying
the op once more. A handler may also say which stock rows an op will change
(`stock_keys`): on PostgreSQL `push` locks the rows of a whole batch up front in
(location, product) order, so concurrent batches never wait on each other in a circle.

Imports only the core (models, errors, config): never `push` and never a feature
module, so the import graph points one way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.config import Settings
from warehouse_api.errors import DomainError
from warehouse_api.models import SyncOp
from warehouse_api.services.devices import AuthenticatedDevice


@dataclass(frozen=True, slots=True)
class OpContext:
    session: Session
    device: AuthenticatedDevice
    op_id: str
    body_sha256: str
    settings: Settings
    # The op's precheck (below) found it clear a moment ago, outside the transaction:
    # the handler may skip look-ups whose miss a constraint catches anyway (ids taken:
    # UNIQUE; products: foreign keys) and the read that refuses what is short.
    prechecked: bool = False
    # (location id, product id) -> units: where a handler that honours it (a pickup)
    # adds the units it would hold, when its ops are held together at the end of their
    # transaction (`push.apply_together`); None: it holds them itself, at once.
    holds: dict[tuple[int, int], int] | None = None

    def defer_holds(self, location_id: int, wanted: Mapping[int, int]) -> bool:
        """Add `wanted` to the holds made at the end, if they are made there (True);
        else False: the handler holds them now."""
        if self.holds is None:
            return False
        for product_id, qty in wanted.items():
            key = (location_id, product_id)
            self.holds[key] = self.holds.get(key, 0) + qty
        return True


@dataclass(frozen=True, slots=True)
class PrecheckVerdict:
    """What a read of committed figures says about an op, before any write.

    `refusal`: the op would be rejected with this problem whatever else happened first;
    answer it without opening a write transaction. `clear`: nothing in the way seen
    (the handler runs with `prechecked`). Neither: apply it the ordinary way."""

    refusal: DomainError | None = None
    clear: bool = False


class AlreadyApplied(Exception):
    """A business id in the op was already applied by an op with the same body."""

    def __init__(self, stored_result: dict[str, Any]) -> None:
        super().__init__("already applied")
        self.stored_result = stored_result


Handler = Callable[[OpContext, Any], dict[str, Any]]
StockKeys = Callable[[Session, AuthenticatedDevice, Any], Iterable[tuple[int, int]]]
Precheck = Callable[[Session, AuthenticatedDevice, Any], PrecheckVerdict]
ShortfallRecovery = Callable[[Session, int], int]
R = TypeVar("R", bound=ShortfallRecovery)

_HANDLERS: dict[str, Handler] = {}
_STOCK_KEYS: dict[str, StockKeys] = {}
_PRECHECKS: dict[str, Precheck] = {}
_RECOVERIES: list[ShortfallRecovery] = []
_FINDS_REPLAYS: set[str] = set()


def op_handler(
    op_type: str,
    stock_keys: StockKeys | None = None,
    precheck: Precheck | None = None,
    *,
    finds_replays: bool = False,
) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `op_type` (once per type).

    `stock_keys(session, device, payload)` names the (location_id, product_id) stock
    rows the op will change, as far as the payload tells; a guess that misses rows is
    safe (a deadlock is detected and the batch retried), only slower.

    `precheck(session, device, payload)` reads committed figures, outside any
    transaction, for an op pushed alone (a till online pushes one op at a time): a
    certain refusal (a sold-out product in a flash sale) is answered from that one
    read, without a write transaction; it must never grant anything.

    `finds_replays`: the handler's first read finds a replay of the op (its business
    id already taken) before it writes anything, and nothing it does outlives a
    rollback (a surrogate id's sequence aside; it must not draw, say, an invoice
    number that a rollback would leave as a gap). An op of such a type
    pushed alone then skips the look-up of its claim: a replay is refused by the
    handler, the same op_id with another body fails the claim's UNIQUE at the end, and
    either way nothing is committed and the op goes the ordinary way."""

    def register(handler: Handler) -> Handler:
        existing = _HANDLERS.get(op_type)
        if existing is not None and existing is not handler:
            raise RuntimeError(f"two handlers for op type {op_type!r}")
        _HANDLERS[op_type] = handler
        if stock_keys is not None:
            _STOCK_KEYS[op_type] = stock_keys
        if precheck is not None:
            _PRECHECKS[op_type] = precheck
        if finds_replays:
            _FINDS_REPLAYS.add(op_type)
        return handler

    return register


def stock_keys_for(op_type: str) -> StockKeys | None:
    return _STOCK_KEYS.get(op_type)


def precheck_for(op_type: str) -> Precheck | None:
    return _PRECHECKS.get(op_type)


def finds_replays(op_type: str) -> bool:
    return op_type in _FINDS_REPLAYS


@dataclass(frozen=True, slots=True)
class QueuedOp:
    """An op of a push batch handed to a run handler: its op_id, body hash and payload."""

    op_id: str
    body_sha256: str
    payload: Any


RunHandler = Callable[[Session, AuthenticatedDevice, Settings, Sequence[QueuedOp]], list[Any]]
_RUN_HANDLERS: dict[str, RunHandler] = {}


def op_run_handler(op_type: str) -> Callable[[RunHandler], RunHandler]:
    """Register a handler for a run of consecutive ops of one type in a push batch.

    It applies, set-wise (a few statements for the whole run), the longest prefix of
    the run that the one-op handler would certainly apply, and returns those ops'
    results, exactly what the one-op handler would have returned one by one (possibly
    none). `push` claims them, and applies the op after the prefix with the one-op
    handler, which gives the precise answer (duplicate, rejected, ...), then offers the
    rest of the run again. The run runs in a savepoint; a UNIQUE race inside rolls it
    back and its ops are applied one by one."""

    def register(handler: RunHandler) -> RunHandler:
        existing = _RUN_HANDLERS.get(op_type)
        if existing is not None and existing is not handler:
            raise RuntimeError(f"two run handlers for op type {op_type!r}")
        _RUN_HANDLERS[op_type] = handler
        return handler

    return register


def run_handler_for(op_type: str) -> RunHandler | None:
    return _RUN_HANDLERS.get(op_type)


def handler_for(op_type: str) -> Handler:
    try:
        return _HANDLERS[op_type]
    except KeyError:
        raise LookupError(
            f"no handler registered for op type {op_type!r} "
            "(is warehouse_api.services.op_handlers imported?)"
        ) from None


def registered_op_types() -> frozenset[str]:
    return frozenset(_HANDLERS)


def shortfall_recovery(recover: R) -> R:
    """Register `recover(session, product_id) -> units freed`, tried when an op runs short.

    It runs in the caller's transaction (a push batch's, in a savepoint of its own)."""
    if recover not in _RECOVERIES:
        _RECOVERIES.append(recover)
    return recover


def recover_shortfall(session: Session, product_id: int) -> int:
    """Run every registered recovery for `product_id`; the units they freed in all."""
    return sum(recover(session, product_id) for recover in _RECOVERIES)


def reuse_or_duplicate(session: Session, owner_op_id: str, body_sha256: str, what: str) -> None:
    """A business id already exists: a duplicate when its op had this body, else an error."""
    owner = session.scalar(select(SyncOp).where(SyncOp.op_id == owner_op_id))
    if owner is not None and owner.body_sha256 == body_sha256:
        raise AlreadyApplied(owner.result)
    raise DomainError(
        "idempotency_key_reused", f"{what} was already used for a different operation", 409
    )
