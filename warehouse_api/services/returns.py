"""Returns taken at the counter, each line with a disposition:

restock_here: back on the shelf (store on_hand rises);
send_to_warehouse: back into store stock and onto a transfer to the warehouse;
damaged: recorded, never sellable, so no stock changes.
"""

from __future__ import annotations

from typing import Any

from warehouse_api.models import Return, ReturnLine, Transfer, TransferLine
from warehouse_api.schemas import ReturnPayload
from warehouse_api.services.feed_data import publish_transfer
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.locations import require_store_device, warehouse_id
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate
from warehouse_api.services.sales import require_products


@op_handler("return")
def record_return(ctx: OpContext, payload: ReturnPayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    existing = session.get(Return, payload.return_id)
    if existing is not None:
        reuse_or_duplicate(session, existing.op_id, ctx.body_sha256, f"return {payload.return_id}")
    require_products(session, {line.product_id for line in payload.lines})
    record = Return(
        id=payload.return_id,
        location_id=store_id,
        sale_id=payload.sale_id,
        refund_cents=payload.refund_cents,
        op_id=ctx.op_id,
    )
    session.add(record)
    session.flush()
    to_warehouse: dict[int, int] = {}
    for line in payload.lines:
        session.add(
            ReturnLine(
                return_id=record.id,
                product_id=line.product_id,
                qty=line.qty,
                disposition=line.disposition,
            )
        )
        if line.disposition == "damaged":
            continue
        adjust_stock(
            session,
            store_id,
            line.product_id,
            on_hand_delta=line.qty,
            reason="return",
            reference=record.id,
            device_id=ctx.device.id,
        )
        if line.disposition == "send_to_warehouse":
            to_warehouse[line.product_id] = to_warehouse.get(line.product_id, 0) + line.qty

    transfer_id = None
    if to_warehouse:
        transfer = Transfer(
            id=f"TR-RET-{record.id}",
            status="requested",
            from_location_id=store_id,
            to_location_id=warehouse_id(session),
        )
        session.add(transfer)
        session.flush()
        session.add_all(
            TransferLine(transfer_id=transfer.id, product_id=pid, qty=qty)
            for pid, qty in sorted(to_warehouse.items())
        )
        session.flush()
        session.refresh(transfer)
        publish_transfer(session, transfer)
        transfer_id = transfer.id
    return {"return_id": record.id, "transfer_id": transfer_id}
