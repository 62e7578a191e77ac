"""Returns taken at the counter, each line with a disposition:

restock_here: back on the shelf (store on_hand rises);
send_to_warehouse: back into store stock and onto a transfer to the warehouse;
damaged: recorded, never sellable, so no stock changes;
not_fulfilled: a pickup or ship line refunded before its goods reached anyone (no stock
changes: the goods never left the store or came back).

A return naming a sale is checked against it: every product must be on the sale
(``return_product_not_sold``) and never more of it comes back than was sold minus what
earlier returns of that sale took back (``return_exceeds_sold``); ``return_sale_unknown``
when the sale is not here. The sale's row is locked first, so two tills returning the
same receipt at once are checked one after the other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Return, ReturnLine, Sale, Transfer, TransferLine
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
    if payload.sale_id is not None:
        _check_against_sale(session, payload)
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
        if line.disposition in ("damaged", "not_fulfilled"):
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


def _check_against_sale(session: Session, payload: ReturnPayload) -> None:
    sale = session.get(Sale, payload.sale_id, with_for_update=True)
    if sale is None:
        raise DomainError(
            "return_sale_unknown", f"no sale {payload.sale_id}", 422, sale_id=payload.sale_id
        )
    sold: dict[int, int] = {}
    for line in sale.lines:
        sold[line.product_id] = sold.get(line.product_id, 0) + line.qty
    returned = {
        int(pid): int(qty)
        for pid, qty in session.execute(
            select(ReturnLine.product_id, func.sum(ReturnLine.qty))
            .join(Return, Return.id == ReturnLine.return_id)
            .where(Return.sale_id == sale.id)
            .group_by(ReturnLine.product_id)
        ).all()
    }
    asked: dict[int, int] = {}
    for asked_line in payload.lines:
        asked[asked_line.product_id] = asked.get(asked_line.product_id, 0) + asked_line.qty
    for product_id, qty in sorted(asked.items()):
        if product_id not in sold:
            raise DomainError(
                "return_product_not_sold",
                f"product {product_id} is not on sale {sale.receipt_no}",
                409,
                product_id=product_id,
            )
        left = sold[product_id] - returned.get(product_id, 0)
        if qty > left:
            raise DomainError(
                "return_exceeds_sold",
                f"only {left} of product {product_id} on {sale.receipt_no} may still be returned",
                409,
                product_id=product_id,
                sold=sold[product_id],
                returned=returned.get(product_id, 0),
                asked=qty,
            )
