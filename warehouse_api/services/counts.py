"""Stock counts as compare-and-set: the count states what it expected on hand.

If on_hand moved since (a sale arrived in between), the whole count is rejected
with `count_conflict` and the current figures, and the client recounts or rebases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Stock
from warehouse_api.schemas import StockCountPayload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.inventory import adjust_stock, lock_levels
from warehouse_api.services.locations import require_store_device
from warehouse_api.services.operations import OpContext, op_handler
from warehouse_api.services.sales import require_products


def _count_stock_keys(
    _session: Session, device: AuthenticatedDevice, payload: StockCountPayload
) -> list[tuple[int, int]]:
    if device.location_id is None:
        return []
    return [(device.location_id, line.product_id) for line in payload.lines]


@op_handler("stock_count", stock_keys=_count_stock_keys)
def apply_count(ctx: OpContext, payload: StockCountPayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    lines = sorted(payload.lines, key=lambda line: line.product_id)
    if len({line.product_id for line in lines}) != len(lines):
        # Two lines for one product would apply two deltas: a figure nobody counted.
        raise DomainError("count_duplicate_product", "each product may appear once in a count", 422)
    require_products(session, {line.product_id for line in lines})
    # Compare-and-set: lock the rows first, so a concurrent count or sale cannot move
    # on_hand between the comparison and the adjustment (PostgreSQL, READ COMMITTED).
    levels = lock_levels(session, store_id, {line.product_id for line in lines})
    conflicts = []
    for line in lines:
        level = levels[line.product_id]
        if level.on_hand != line.expected_on_hand:
            conflicts.append(
                {
                    "product_id": line.product_id,
                    "expected_on_hand": line.expected_on_hand,
                    "on_hand": level.on_hand,
                }
            )
    if conflicts:
        raise DomainError(
            "count_conflict",
            f"on hand changed since the count started for {len(conflicts)} product(s)",
            409,
            current=conflicts,
        )
    adjustments = []
    for line in lines:
        delta = line.counted - line.expected_on_hand
        level = adjust_stock(
            session,
            store_id,
            line.product_id,
            on_hand_delta=delta,
            reason="count",
            reference=payload.count_id,
            device_id=ctx.device.id,
        )
        session.execute(
            update(Stock)
            .where(Stock.location_id == store_id, Stock.product_id == line.product_id)
            .values(needs_count=False)
            .execution_options(synchronize_session=False)
        )
        adjustments.append(
            {"product_id": line.product_id, "delta": delta, "on_hand": level.on_hand}
        )
    return {"count_id": payload.count_id, "adjustments": adjustments}
