"""Counter sales: facts that apply even when they drive store stock below zero."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Column, Select, bindparam, func, select, union_all
from sqlalchemy.orm import Session

from warehouse_api.config import Settings
from warehouse_api.errors import DomainError
from warehouse_api.models import (
    Payment,
    Product,
    Sale,
    SaleLine,
    Staff,
    Tender,
    table_of,
    utcnow,
)
from warehouse_api.schemas import PaymentPayload, SalePayload
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import publish_sale, publish_sale_fields
from warehouse_api.services.inventory import (
    adjust_stock,
    hold_rows,
    movements_table,
    store_rows,
    write_ledger_rows,
)
from warehouse_api.services.operations import (
    OpContext,
    QueuedOp,
    op_handler,
    op_run_handler,
    reuse_or_duplicate,
)
from warehouse_api.services.sql import dialect_name, execute_rows, in_list, insert_together
from warehouse_api.services.tenders import looks_like_card_number, unknown_methods


def require_store(ctx: OpContext) -> int:
    if ctx.device.role != "counter" or ctx.device.location_id is None:
        raise DomainError("forbidden", "only a store counter may push this operation", 403)
    return ctx.device.location_id


def taken_from_shelf(payload: SalePayload) -> dict[int, int]:
    """What the sale took from the store's shelf: its take lines (pickup and ship lines are
    fulfilled from elsewhere by the reservation or dropship order linked to the sale; collect
    lines pay for held units of a group-buy order that its hand-over takes)."""
    sold: dict[int, int] = defaultdict(int)
    for line in payload.lines:
        if line.fulfilment == "take":
            sold[line.product_id] += line.qty
    return sold


def require_products(session: Session, product_ids: set[int]) -> None:
    known = _found(session, table_of(Product).c.id, list(product_ids))
    missing = sorted(product_ids - known)
    if missing:
        raise DomainError(
            "unknown_product", f"no product with id {missing[0]}", 422, product_ids=missing
        )


_SALE_BY_ID_OR_RECEIPT = select(Sale.id, Sale.op_id).where(
    (Sale.id == bindparam("p_sale_id")) | (Sale.receipt_no == bindparam("p_receipt_no"))
)
_STAFF_EXISTS = select(Staff.id).where(Staff.id == bindparam("p_staff_id"))
_SALES = table_of(Sale)
_LINES = table_of(SaleLine)
_PAYMENTS = table_of(Payment)
_INSERT_SALE = _SALES.insert()
_INSERT_LINES = _LINES.insert()
_INSERT_PAYMENTS = _PAYMENTS.insert()
_SALE_COLUMNS = (
    "id",
    "receipt_no",
    "location_id",
    "device_id",
    "cashier_id",
    "op_id",
    "total_cents",
    "created_at",
    "received_at",
    "collects_order_id",
)
_LINE_COLUMNS = (
    "id",
    "sale_id",
    "product_id",
    "qty",
    "unit_price_cents",
    "line_total_cents",
    "list_price_cents",
    "discount_cents",
    "override_reason",
    "fulfilment",
)
_PAYMENT_COLUMNS = (
    "id",
    "sale_id",
    "method",
    "amount_cents",
    "tendered_cents",
    "change_cents",
    "reference",
    "approval_code",
    "unknown_tender",
)


# Table columns, not the mapped classes': a select of ORM attributes goes through the
# ORM's compile and execute steps on every call, a third of this statement's CPU.
_sales = table_of(Sale).c
_lines = table_of(SaleLine).c
_payments = table_of(Payment).c
_SALE_PRECHECK = select(
    select(_sales.id).where(_sales.id == bindparam("p_sale_id")).scalar_subquery(),
    select(_sales.id)
    .where(_sales.receipt_no == bindparam("p_receipt_no"))
    .limit(1)
    .scalar_subquery(),
    select(_lines.id)
    .where(_lines.id.in_(bindparam("p_line_ids", expanding=True)))
    .limit(1)
    .scalar_subquery(),
    select(_payments.id)
    .where(_payments.id.in_(bindparam("p_payment_ids", expanding=True)))
    .limit(1)
    .scalar_subquery(),
    select(func.count())
    .select_from(table_of(Product))
    .where(table_of(Product).c.id.in_(bindparam("p_product_ids", expanding=True)))
    .scalar_subquery(),
    select(func.count())
    .select_from(table_of(Staff))
    .where(table_of(Staff).c.id == bindparam("p_staff_id"))
    .scalar_subquery(),
    select(func.count())
    .select_from(table_of(Tender))
    .where(table_of(Tender).c.code.in_(bindparam("p_methods", expanding=True)))
    .scalar_subquery(),
)


def _looks_new_and_valid(session: Session, payload: SalePayload) -> tuple[bool, bool]:
    """One round trip for the common case: no id taken, every product and the cashier
    known (first), and whether every payment method names a tender (second)."""
    product_ids = {line.product_id for line in payload.lines}
    line_ids = [line.line_id for line in payload.lines]
    payment_ids = [payment.payment_id for payment in payload.payments]
    methods = sorted({payment.method for payment in payload.payments})
    if len(set(line_ids)) != len(line_ids) or len(set(payment_ids)) != len(payment_ids):
        return False, False
    row = session.execute(
        _SALE_PRECHECK,
        {
            "p_sale_id": payload.sale_id,
            "p_receipt_no": payload.receipt_no,
            "p_line_ids": line_ids,
            "p_payment_ids": payment_ids,
            "p_product_ids": list(product_ids),
            "p_staff_id": payload.cashier_id if payload.cashier_id is not None else -1,
            "p_methods": methods,
        },
    ).one()
    same_id, same_receipt, taken_line, taken_payment, known_products, known_staff, tenders = row
    clear = (
        same_id is None
        and same_receipt is None
        and taken_line is None
        and taken_payment is None
        and known_products == len(product_ids)
        and (payload.cashier_id is None or known_staff == 1)
    )
    return clear, tenders == len(methods)


def _refuse_conflicts(ctx: OpContext, payload: SalePayload) -> None:
    """The slow path: find out exactly what is wrong and say so."""
    session = ctx.session
    for sale_id, owner_op_id in session.execute(
        _SALE_BY_ID_OR_RECEIPT, {"p_sale_id": payload.sale_id, "p_receipt_no": payload.receipt_no}
    ):
        if sale_id == payload.sale_id:
            reuse_or_duplicate(session, owner_op_id, ctx.body_sha256, f"sale_id {sale_id}")
        raise DomainError(
            "receipt_no_taken", f"receipt {payload.receipt_no} belongs to another sale", 409
        )
    _refuse_reused_child_ids(session, payload)
    require_products(session, {line.product_id for line in payload.lines})
    if payload.cashier_id is not None and (
        session.execute(_STAFF_EXISTS, {"p_staff_id": payload.cashier_id}).first() is None
    ):
        raise DomainError("unknown_staff", f"no staff member {payload.cashier_id}", 422)
    raise AssertionError("the precheck found a conflict the detailed checks did not")


def _payment_problem(payload: SalePayload) -> DomainError | None:
    """What is wrong with a sale's payments, if anything. The applied amounts must add up
    to the total (a till that sends no payments at all, as the oldest did, is let be);
    no reference may hold a card number, which the warehouse never stores."""
    paid = sum(payment.amount_cents for payment in payload.payments)
    if payload.payments and paid != payload.total_cents:
        return DomainError(
            "payment_total_mismatch",
            f"the payments add up to {paid} cents, the sale's total is {payload.total_cents}",
            422,
            total_cents=payload.total_cents,
            paid_cents=paid,
        )
    for payment in payload.payments:
        for text in (payment.reference, payment.approval_code):
            if text and looks_like_card_number(text):
                return DomainError(
                    "card_number_in_reference",
                    f"payment {payment.payment_id}: a reference looks like a card number",
                    422,
                )
    return None


def _payment_values(sale_id: str, payment: PaymentPayload, unknown: set[str]) -> tuple[Any, ...]:
    """One payment row in `_PAYMENT_COLUMNS` order (the run path's executemany rows)."""
    return (
        payment.payment_id,
        sale_id,
        payment.method,
        payment.amount_cents,
        payment.tendered_cents,
        payment.change_cents,
        payment.reference,
        payment.approval_code,
        payment.method in unknown,
    )


def _payment_rows(sale_id: str, payload: SalePayload, unknown: set[str]) -> list[dict[str, Any]]:
    return [
        dict(zip(_PAYMENT_COLUMNS, _payment_values(sale_id, payment, unknown), strict=True))
        for payment in payload.payments
    ]


def _sale_result(
    sale_id: str, payload: SalePayload, negative_stock: list[Any], unknown: set[str]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "sale_id": sale_id,
        "receipt_no": payload.receipt_no,
        "negative_stock": negative_stock,
    }
    flagged = sorted({p.method for p in payload.payments} & unknown) if unknown else []
    if flagged:  # recorded as sent; the back office sees the flag (payments.unknown_tender)
        result["unknown_tenders"] = flagged
    return result


def _sale_stock_keys(
    _session: Session, device: AuthenticatedDevice, payload: SalePayload
) -> list[tuple[int, int]]:
    if device.location_id is None:
        return []
    return [
        (device.location_id, line.product_id) for line in payload.lines if line.fulfilment == "take"
    ]


@op_handler("sale", stock_keys=_sale_stock_keys, finds_replays=True)
def record_sale(ctx: OpContext, payload: SalePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store(ctx)
    clear, tenders_known = _looks_new_and_valid(session, payload)  # finds a replay first
    if not clear:
        _refuse_conflicts(ctx, payload)  # raises the precise problem
    if (problem := _payment_problem(payload)) is not None:
        raise problem
    unknown = (
        set()
        if tenders_known
        else unknown_methods(session, {payment.method for payment in payload.payments})
    )

    sale = Sale(
        id=payload.sale_id,
        receipt_no=payload.receipt_no,
        location_id=store_id,
        device_id=ctx.device.id,
        cashier_id=payload.cashier_id,
        op_id=ctx.op_id,
        total_cents=payload.total_cents,
        created_at=payload.created_at,
        received_at=utcnow(),
        collects_order_id=payload.collects_order_id,
    )
    # The stock rows first (their new figures are the result's and the feed's), then
    # every row of the sale at once: on PostgreSQL one statement for the sale, its
    # lines, payments and ledger rows (`insert_together`), one round trip instead of
    # four. Stock rows are taken in product-id order, as everywhere.
    sold = taken_from_shelf(payload)
    negative_stock = []
    ledger: list[dict[str, Any]] = []
    for product_id in sorted(sold):
        level = adjust_stock(
            session,
            store_id,
            product_id,
            on_hand_delta=-sold[product_id],
            reason="sale",
            reference=sale.id,
            device_id=ctx.device.id,
            ledger=ledger,
        )
        if level.on_hand < 0:
            negative_stock.append({"product_id": product_id, "on_hand": level.on_hand})
    insert_together(
        session,
        [
            (_SALES, [_sale_row(sale)]),
            (_LINES, [_line_row(sale.id, line) for line in payload.lines]),
            (_PAYMENTS, _payment_rows(sale.id, payload, unknown)),
            (movements_table, ledger),
        ],
    )
    publish_sale(session, sale)
    return _sale_result(sale.id, payload, negative_stock, unknown)


def _sale_row(sale: Sale) -> dict[str, Any]:
    return {
        "id": sale.id,
        "receipt_no": sale.receipt_no,
        "location_id": sale.location_id,
        "device_id": sale.device_id,
        "cashier_id": sale.cashier_id,
        "op_id": sale.op_id,
        "total_cents": sale.total_cents,
        "created_at": sale.created_at,
        "received_at": sale.received_at,
        "collects_order_id": sale.collects_order_id,
    }


def _line_row(sale_id: str, line: Any) -> dict[str, Any]:
    return {
        "id": line.line_id,
        "sale_id": sale_id,
        "product_id": line.product_id,
        "qty": line.qty,
        "unit_price_cents": line.unit_price_cents,
        "line_total_cents": line.line_total_cents,
        "list_price_cents": line.list_price_cents,
        "discount_cents": line.discount_cents,
        "override_reason": line.override_reason,
        "fulfilment": line.fulfilment,
    }


def _refuse_reused_child_ids(session: Session, payload: SalePayload) -> None:
    line_ids = [line.line_id for line in payload.lines]
    payment_ids = [payment.payment_id for payment in payload.payments]
    if len(set(line_ids)) != len(line_ids) or len(set(payment_ids)) != len(payment_ids):
        raise DomainError("idempotency_key_reused", "a line_id or payment_id repeats in this sale")
    taken = session.scalar(
        union_all(
            select(SaleLine.id).where(SaleLine.id.in_(line_ids)),
            select(Payment.id).where(Payment.id.in_(payment_ids or [""])),
        ).limit(1)
    )
    if taken:
        raise DomainError("idempotency_key_reused", f"id {taken} belongs to another sale")


# --- a run of sales in one push batch, set-wise -------------------------------------

RUN_MAX_LINES = 4000  # ids per IN list stay far below SQLite's 32,766 variables


@functools.cache
def _present(column: Column[Any], dialect: str) -> Select[Any]:
    return select(column).where(in_list(column, "p_ids", dialect))


def _found(session: Session, column: Column[Any], ids: Sequence[Any]) -> set[Any]:
    """Which of `ids` the column holds."""
    if not ids:
        return set()
    query = _present(column, dialect_name(session))
    return set(session.scalars(query, {"p_ids": list(ids)}))


def _clean_prefix(session: Session, ops: Sequence[QueuedOp]) -> list[QueuedOp]:
    """The longest prefix of `ops` that `record_sale` would apply one by one, no question:
    new ids and receipt numbers (in the database and within the run), known products
    and cashiers. Anything else ends the prefix; `record_sale` then says what it is."""
    candidates: list[QueuedOp] = []
    lines = 0
    for queued in ops:
        lines += len(queued.payload.lines) + len(queued.payload.payments)
        if candidates and lines > RUN_MAX_LINES:
            break
        candidates.append(queued)
    payloads: list[SalePayload] = [queued.payload for queued in candidates]
    taken_sales = _found(session, _sales.id, [p.sale_id for p in payloads])
    taken_receipts = _found(session, _sales.receipt_no, [p.receipt_no for p in payloads])
    taken_lines = _found(session, _lines.id, [ln.line_id for p in payloads for ln in p.lines])
    taken_payments = _found(
        session, _payments.id, [pay.payment_id for p in payloads for pay in p.payments]
    )
    known_products = _found(
        session, table_of(Product).c.id, list({ln.product_id for p in payloads for ln in p.lines})
    )
    known_staff = _found(
        session,
        table_of(Staff).c.id,
        list({p.cashier_id for p in payloads if p.cashier_id is not None}),
    )
    op_ids: set[str] = set()
    clean: list[QueuedOp] = []
    for queued in candidates:
        payload: SalePayload = queued.payload
        line_ids = [line.line_id for line in payload.lines]
        payment_ids = [payment.payment_id for payment in payload.payments]
        if (
            queued.op_id in op_ids
            or payload.sale_id in taken_sales
            or payload.receipt_no in taken_receipts
            or len(set(line_ids)) != len(line_ids)
            or len(set(payment_ids)) != len(payment_ids)
            or not taken_lines.isdisjoint(line_ids)
            or not taken_payments.isdisjoint(payment_ids)
            or any(line.product_id not in known_products for line in payload.lines)
            or (payload.cashier_id is not None and payload.cashier_id not in known_staff)
            or _payment_problem(payload) is not None
        ):
            break
        # What this sale takes, the next ones in the run may not reuse.
        op_ids.add(queued.op_id)
        taken_sales.add(payload.sale_id)
        taken_receipts.add(payload.receipt_no)
        taken_lines.update(line_ids)
        taken_payments.update(payment_ids)
        clean.append(queued)
    return clean


@op_run_handler("sale")
def record_sales(
    session: Session, device: AuthenticatedDevice, _settings: Settings, ops: Sequence[QueuedOp]
) -> list[dict[str, Any]]:
    """`record_sale` for a run of sales: the same rows, movements, feed changes and
    results, in a handful of statements for the whole run instead of ten per sale."""
    if device.role != "counter" or device.location_id is None:
        return []
    store_id = device.location_id
    clean = _clean_prefix(session, ops)
    if not clean:
        return []
    received_at = utcnow()
    sold_per_sale: list[dict[int, int]] = []
    for queued in clean:
        sold_per_sale.append(taken_from_shelf(queued.payload))
    rows = hold_rows(session, store_id, {pid for sold in sold_per_sale for pid in sold})
    unknown = unknown_methods(
        session, {pay.method for queued in clean for pay in queued.payload.payments}
    )

    # Plain tuples in the tables' column order (`execute_rows`), no Sale objects: the
    # same values `record_sale` stores, its received-at and the ledger's time one for
    # the whole run (one transaction).
    sale_rows: list[tuple[Any, ...]] = []
    line_rows: list[tuple[Any, ...]] = []
    payment_rows: list[tuple[Any, ...]] = []
    ledger: list[tuple[Any, ...]] = []
    results: list[dict[str, Any]] = []
    device_id = device.id
    for queued, sold in zip(clean, sold_per_sale, strict=True):
        payload: SalePayload = queued.payload
        sale_id = payload.sale_id
        sale_rows.append(
            (
                sale_id,
                payload.receipt_no,
                store_id,
                device_id,
                payload.cashier_id,
                queued.op_id,
                payload.total_cents,
                payload.created_at,
                received_at,
                payload.collects_order_id,
            )
        )
        line_rows.extend(
            (
                line.line_id,
                sale_id,
                line.product_id,
                line.qty,
                line.unit_price_cents,
                line.line_total_cents,
                line.list_price_cents,
                line.discount_cents,
                line.override_reason,
                line.fulfilment,
            )
            for line in payload.lines
        )
        payment_rows.extend(
            _payment_values(sale_id, payment, unknown) for payment in payload.payments
        )
        negative_stock = []
        for product_id in sorted(sold):
            row = rows[product_id]
            row.apply(-sold[product_id])
            ledger.append(
                (store_id, product_id, -sold[product_id], "sale", sale_id, device_id, received_at)
            )
            if row.on_hand < 0:
                negative_stock.append({"product_id": product_id, "on_hand": row.on_hand})
        results.append(_sale_result(sale_id, payload, negative_stock, unknown))

    execute_rows(session, _INSERT_SALE, _SALE_COLUMNS, sale_rows)
    execute_rows(session, _INSERT_LINES, _LINE_COLUMNS, line_rows)
    execute_rows(session, _INSERT_PAYMENTS, _PAYMENT_COLUMNS, payment_rows)
    store_rows(session, store_id, [rows[pid] for pid in sorted(rows)])
    write_ledger_rows(session, ledger)
    for queued in clean:  # after the stock rows, as `record_sale` publishes them
        payload = queued.payload
        publish_sale_fields(
            session,
            payload.sale_id,
            payload.receipt_no,
            store_id,
            payload.total_cents,
            payload.created_at,
        )
    return results
