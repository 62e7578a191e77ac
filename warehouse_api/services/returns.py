"""Returns taken at the counter, each line with a disposition:

restock_here: back on the shelf (store on_hand rises);
send_to_warehouse: back into store stock and onto a transfer to the warehouse;
damaged: back in and written off at once (ledger rows ``return`` and
``write_off_damaged``, the line's ``reason`` says why), never sellable.
not_fulfilled: a pickup or ship line refunded before its goods reached anyone (no stock
changes: the goods never left the store or came back).

A return naming a sale is checked against it: every product must be on the sale
(``return_product_not_sold``) and never more of it comes back than was sold minus what
earlier returns of that sale took back (``return_exceeds_sold``); ``return_sale_unknown``
when the sale is not here. The sale's row is locked first, so two tills returning the
same receipt at once are checked one after the other. Its refund per tender is checked
against what the sale paid with each (services/refund_tenders.py) under that same lock.

A return without a receipt (``no_receipt``) names the customer's phone and the
supervisor who approved it; one phone gets at most ``no_receipt_returns_per_phone`` of
them in ``no_receipt_period_days`` (``no_receipt_limit_reached``). The count cannot race:
the phone's row in ``no_receipt_phones`` is created if missing (INSERT .. ON CONFLICT DO
NOTHING) and then updated before counting, and that UPDATE holds the row's lock until
the push commits, so a second return of the same phone (another till, another request)
waits for the first and then counts it (PostgreSQL row lock; SQLite writes are
serialized by BEGIN IMMEDIATE anyway). The window is by the time the warehouse records
the return.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import (
    NoReceiptPhone,
    Return,
    ReturnLine,
    Sale,
    Staff,
    Transfer,
    TransferLine,
    utcnow,
)
from warehouse_api.schemas import NoReceiptInfo, ReturnLinePayload, ReturnPayload
from warehouse_api.services.feed_data import publish_transfer
from warehouse_api.services.inventory import adjust_stock
from warehouse_api.services.locations import require_store_device, warehouse_id
from warehouse_api.services.operations import OpContext, op_handler, reuse_or_duplicate
from warehouse_api.services.refund_tenders import add_refund_rows, check_refund
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
        check_refund(session, _check_against_sale(session, payload), payload)
    info = payload.no_receipt
    if info is not None:
        _check_no_receipt(ctx, store_id, info)
    record = Return(
        id=payload.return_id,
        location_id=store_id,
        sale_id=payload.sale_id,
        refund_cents=payload.refund_cents,
        op_id=ctx.op_id,
        no_receipt=info is not None,
        customer_phone=None if info is None else info.customer_phone,
        approved_by=None if info is None else info.approved_by,
        price_basis=None if info is None else info.price_basis,
        exchange_sale_id=payload.exchange_sale_id,
    )
    session.add(record)
    session.flush()
    for line in payload.lines:
        session.add(
            ReturnLine(
                return_id=record.id,
                product_id=line.product_id,
                qty=line.qty,
                disposition=line.disposition,
                reason=line.reason,
            )
        )
    add_refund_rows(session, record.id, payload)
    transfer_id = restock(ctx, store_id, record.id, payload.lines, reason="return")
    return {"return_id": record.id, "transfer_id": transfer_id}


def restock(
    ctx: OpContext,
    store_id: int,
    return_id: str,
    lines: Sequence[ReturnLinePayload],
    reason: str,
) -> str | None:
    """Each line by its disposition: restocked and to-be-sent goods back into the store's
    on_hand (the stock ledger shows them under ``reason``), the latter also on a return
    transfer ``TR-RET-<return_id>`` to the warehouse (its id is returned); damaged
    goods come in and are written off at once (``write_off_damaged``), never sellable."""
    session = ctx.session
    to_warehouse: dict[int, int] = {}
    for line in lines:
        if line.disposition == "not_fulfilled":
            continue  # a pickup or ship line refunded unfilled: nothing came back
        adjust_stock(
            session,
            store_id,
            line.product_id,
            on_hand_delta=line.qty,
            reason=reason,
            reference=return_id,
            device_id=ctx.device.id,
        )
        if line.disposition == "damaged":
            # Back in, and written off at once: the ledger shows both (the reason is on
            # the return line); the store's on_hand does not change.
            adjust_stock(
                session,
                store_id,
                line.product_id,
                on_hand_delta=-line.qty,
                reason="write_off_damaged",
                reference=return_id,
                device_id=ctx.device.id,
            )
        if line.disposition == "send_to_warehouse":
            to_warehouse[line.product_id] = to_warehouse.get(line.product_id, 0) + line.qty
    if not to_warehouse:
        return None
    transfer = Transfer(
        id=f"TR-RET-{return_id}",
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
    return transfer.id


def _check_against_sale(session: Session, payload: ReturnPayload) -> Sale:
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
    return sale


def _check_no_receipt(ctx: OpContext, store_id: int, info: NoReceiptInfo) -> None:
    session = ctx.session
    approver = session.get(Staff, info.approved_by)
    if (
        approver is None
        or approver.location_id != store_id
        or approver.role not in ("supervisor", "manager")
    ):
        raise DomainError(
            "no_receipt_approver_invalid",
            f"staff {info.approved_by} may not approve a return without a receipt here",
            422,
            approved_by=info.approved_by,
        )
    now = utcnow()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(
        insert(NoReceiptPhone)
        .values(customer_phone=info.customer_phone, last_return_at=None)
        .on_conflict_do_nothing(index_elements=["customer_phone"])
    )
    # The UPDATE takes the phone's row lock: a concurrent return of this phone waits here.
    session.execute(
        update(NoReceiptPhone)
        .where(NoReceiptPhone.customer_phone == info.customer_phone)
        .values(last_return_at=now)
    )
    limit = ctx.settings.no_receipt_returns_per_phone
    period = ctx.settings.no_receipt_period_days
    used = int(
        session.scalar(
            select(func.count())
            .select_from(Return)
            .where(
                Return.no_receipt.is_(True),
                Return.customer_phone == info.customer_phone,
                Return.created_at >= now - timedelta(days=period),
            )
        )
        or 0
    )
    if used >= limit:
        raise DomainError(
            "no_receipt_limit_reached",
            f"this phone had {used} returns without a receipt in {period} days (at most {limit})",
            409,
            limit=limit,
            period_days=period,
            used=used,
        )
