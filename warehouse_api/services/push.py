"""Applying pushed outbox operations exactly once.

Each op runs in its own write transaction together with the claim of its op_id
(a UNIQUE row in `sync_ops` holding a hash of the body and the result). A replay
finds the claim and gets the stored result back (`duplicate`); the same op_id with
another body is `idempotency_key_reused`. Rejected ops are rolled back and not
claimed, so the client may fix them and retry under a new op_id. When two copies
of one op race, the loser hits the UNIQUE constraint, rolls back and, on retry,
finds the winner's claim.

Which handler applies an op comes from the registry in `services.operations`; this
module imports no feature module (sales, reservations, ...), so none of them can
import it back into a cycle.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.errors import DomainError, InsufficientStock
from warehouse_api.models import SyncOp, table_of, utcnow
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.operations import (
    AlreadyApplied,
    OpContext,
    handler_for,
    recover_shortfall,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4

_CLAIM_BY_OP_ID = select(SyncOp.body_sha256, SyncOp.result).where(
    SyncOp.op_id == bindparam("p_op_id")
)
_INSERT_CLAIM = table_of(SyncOp).insert()


def body_hash(op_type: str, payload: BaseModel) -> str:
    canonical = json.dumps(
        {"type": op_type, "payload": payload.model_dump(mode="json")},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def apply_op(
    db: Database, settings: Settings, device: AuthenticatedDevice, op: Any
) -> dict[str, Any]:
    op_id = str(op.op_id)
    digest = body_hash(op.type, op.payload)
    handler = handler_for(op.type)
    released_expired = False
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                claimed = session.execute(_CLAIM_BY_OP_ID, {"p_op_id": op_id}).first()
                if claimed is not None:
                    if claimed.body_sha256 != digest:
                        raise DomainError(
                            "idempotency_key_reused",
                            f"op_id {op_id} was already used with a different body",
                        )
                    return {"op_id": op_id, "status": "duplicate", "result": claimed.result}
                result = handler(OpContext(session, device, op_id, digest, settings), op.payload)
                session.execute(
                    _INSERT_CLAIM,
                    {
                        "op_id": op_id,
                        "device_id": device.id,
                        "type": op.type,
                        "body_sha256": digest,
                        "result": result,
                        "created_at": utcnow(),
                    },
                )
            return {"op_id": op_id, "status": "applied", "result": result}
        except AlreadyApplied as signal:
            return {"op_id": op_id, "status": "duplicate", "result": signal.stored_result}
        except InsufficientStock as error:
            # Expired holds are released at read time: if some freed this product, try again.
            if not released_expired and _recover(db, error.extra.get("product_id")):
                released_expired = True
                continue
            return {"op_id": op_id, "status": "rejected", "problem": error.as_problem()}
        except DomainError as error:
            # Under READ COMMITTED a concurrent copy of this op may have committed while
            # we ran, making its ids look reused: if it claimed our op_id, we are a replay.
            replayed = _claimed_result(db, op_id, digest)
            if replayed is not None:
                return {"op_id": op_id, "status": "duplicate", "result": replayed}
            return {"op_id": op_id, "status": "rejected", "problem": error.as_problem()}
        except (IntegrityError, OperationalError) as error:
            # A concurrent copy won the claim (UNIQUE), or PostgreSQL chose us as a
            # deadlock victim: start over; the next attempt sees the winner's row.
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("retrying op %s after %s", op_id, type(error).__name__)
    raise AssertionError("unreachable")


def _claimed_result(db: Database, op_id: str, digest: str) -> dict[str, Any] | None:
    with db.read() as session, session.begin():
        claimed = session.scalar(select(SyncOp).where(SyncOp.op_id == op_id))
        if claimed is not None and claimed.body_sha256 == digest:
            return claimed.result
    return None


def _recover(db: Database, product_id: int | None) -> int:
    return recover_shortfall(db, product_id) if product_id is not None else 0


def apply_ops(
    db: Database, settings: Settings, device: AuthenticatedDevice, ops: list[Any]
) -> list[dict[str, Any]]:
    return [apply_op(db, settings, device, op) for op in ops]
