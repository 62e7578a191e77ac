"""What the relay does with some answers beyond marking the op done or failed:
a sale refused because its receipt number is taken is renumbered and sent again,
the warehouse's negative-stock warnings are kept for the store manager, and every
audit entry the till writes goes to the warehouse as an ``audit`` op."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from counter_app.core.ids import RECEIPT_PREFIX, uuid7
from counter_app.local import outbox, sync_state
from counter_app.local.models import (
    AuditEntry,
    OutboxOp,
    PendingStockDelta,
    Product,
    ReceiptAlias,
    Sale,
    Stock,
    WarehouseNegativeStock,
)

log = logging.getLogger(__name__)

RECEIPT_NO_TAKEN = "receipt_no_taken"


def renumber_refused_sale(session: Session, op_id: str, staff_id: int | None = None) -> str | None:
    """Give a sale the warehouse refused with ``receipt_no_taken`` a new number from this
    till and send it again as a new op, in the caller's transaction. The old number stays
    findable (``receipt_aliases``) and the change is audited. Returns the new number, or
    None when ``op_id`` is not such a refused sale."""
    op = session.get(OutboxOp, op_id)
    if op is None or op.type != "sale" or op.state != outbox.OpState.FAILED:
        return None
    if op.problem_code != RECEIPT_NO_TAKEN:
        return None
    payload: dict[str, Any] = json.loads(op.payload)
    old_no = str(payload["receipt_no"])
    store_code = sync_state.get_value(session, "store_code") or ""
    day = datetime.fromisoformat(str(payload["created_at"])).date()  # the sale's own day
    new_no = sync_state.next_document_number(session, RECEIPT_PREFIX, store_code, day)
    payload["receipt_no"] = new_no
    new_op_id = outbox.enqueue(session, "sale", op.entity_key, payload)
    session.flush()  # the new op row first: the stock deltas move to it
    op.state = outbox.OpState.DISCARDED
    op.finished_at = outbox.now_iso()
    op.problem_detail = (
        f"{op.problem_detail or ''} (sent again as {new_no}, op {new_op_id})".strip()
    )
    session.execute(
        update(PendingStockDelta).where(PendingStockDelta.op_id == op_id).values(op_id=new_op_id)
    )
    sale_id = str(payload["sale_id"])
    sale = session.get(Sale, sale_id)
    if sale is not None:
        sale.receipt_no = new_no
    session.merge(
        ReceiptAlias(old_receipt_no=old_no, sale_id=sale_id, receipt_no=new_no, at=outbox.now_iso())
    )
    session.add(
        AuditEntry(
            at=outbox.now_iso(),
            staff_id=staff_id,
            action="sale.renumber",
            detail=json.dumps(
                {
                    "sale_id": sale_id,
                    "old_receipt_no": old_no,
                    "receipt_no": new_no,
                    "old_op_id": op_id,
                    "op_id": new_op_id,
                },
                ensure_ascii=False,
            ),
        )
    )
    log.warning(
        "sale %s: receipt %s was taken at the warehouse; sent again as %s", sale_id, old_no, new_no
    )
    return new_no


def renumber_all_refused_sales(session: Session) -> list[str]:
    """Every sale already refused as ``receipt_no_taken`` (e.g. before this version)."""
    op_ids = session.scalars(
        select(OutboxOp.op_id)
        .where(
            OutboxOp.state == outbox.OpState.FAILED,
            OutboxOp.type == "sale",
            OutboxOp.problem_code == RECEIPT_NO_TAKEN,
        )
        .order_by(OutboxOp.op_id)
    ).all()
    return [n for op_id in op_ids if (n := renumber_refused_sale(session, op_id)) is not None]


def receipt_no_for(session: Session, receipt_no: str) -> str:
    """The number a sale goes by now, given any number it was printed with."""
    alias = session.get(ReceiptAlias, receipt_no)
    return alias.receipt_no if alias is not None else receipt_no


def record_negative_stock(
    session: Session, location_id: int, result: dict[str, Any] | None
) -> None:
    """Keep the warehouse's ``negative_stock`` warnings from a sale's answer (latest wins)."""
    if not result:
        return
    for item in result.get("negative_stock") or []:
        try:
            product_id, on_hand = int(item["product_id"]), int(item["on_hand"])
        except (KeyError, TypeError, ValueError):
            log.warning("negative_stock entry not understood: %r", item)
            continue
        session.merge(
            WarehouseNegativeStock(
                location_id=location_id,
                product_id=product_id,
                on_hand=on_hand,
                reported_at=outbox.now_iso(),
                receipt_no=str(result.get("receipt_no", "")),
            )
        )


def negative_stock_rows(
    session: Session, location_id: int
) -> list[tuple[WarehouseNegativeStock, str | None, str | None, int | None, str | None]]:
    """Each warning kept for a store with the product's sku and name and the cached
    figure (on_hand, received_at) for that store, if any."""
    rows = session.execute(
        select(WarehouseNegativeStock, Product.sku, Product.name, Stock.on_hand, Stock.received_at)
        .join(Product, Product.id == WarehouseNegativeStock.product_id, isouter=True)
        .join(
            Stock,
            (Stock.product_id == WarehouseNegativeStock.product_id)
            & (Stock.location_id == WarehouseNegativeStock.location_id),
            isouter=True,
        )
        .where(WarehouseNegativeStock.location_id == location_id)
    ).all()
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def audit_payload(entry: AuditEntry) -> dict[str, Any]:
    try:
        detail = json.loads(entry.detail) if entry.detail else {}
    except ValueError:
        detail = {"text": entry.detail}
    if not isinstance(detail, dict):
        detail = {"value": detail}
    return {
        "audit_id": uuid7(),
        "staff_id": entry.staff_id if entry.staff_id else None,
        "action": entry.action,
        "detail": detail,
        "created_at": entry.at or outbox.now_iso(),
    }


def enqueue_new_audit_entries(session: Session, _context: object, _instances: object) -> None:
    """``before_flush`` hook: each audit row added to the session gets an ``audit`` op in
    the same flush, so whoever writes an audit entry, it reaches the warehouse."""
    for entry in [obj for obj in session.new if isinstance(obj, AuditEntry)]:
        if getattr(entry, "_outbox_enqueued", False):
            continue
        if not entry.at:
            entry.at = outbox.now_iso()
        payload = audit_payload(entry)
        outbox.enqueue(session, "audit", f"audit:{payload['audit_id']}", payload)
        entry._outbox_enqueued = True  # type: ignore[attr-defined]
