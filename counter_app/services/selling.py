"""Checkout: the sale, its lines, the payment, the stock change and the outbox op in one
transaction. If any part fails, nothing is written and the cart stays as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from counter_app.core.cart import Cart, CartError, change_due
from counter_app.core.ids import RECEIPT_PREFIX, uuid7
from counter_app.core.money import Money
from counter_app.local import outbox, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Payment, PendingStockDelta, Sale, SaleLine
from counter_app.services.context import StaffMember, StoreContext

TAIWAN = timezone(timedelta(hours=8), "Asia/Taipei")


@dataclass(frozen=True, slots=True)
class SoldLine:
    name: str
    sku: str
    qty: int
    unit_price: Money
    line_total: Money


@dataclass(frozen=True, slots=True)
class CompletedSale:
    sale_id: str
    receipt_no: str
    op_id: str
    created_at: datetime
    cashier_name: str
    lines: tuple[SoldLine, ...]
    total: Money
    tendered: Money
    change: Money


class SellingService:
    def __init__(self, db: LocalDatabase, store: StoreContext, clock=lambda: datetime.now(TAIWAN)) -> None:
        self._db = db
        self._store = store
        self._clock = clock

    @property
    def location_id(self) -> int:
        return self._store.location_id

    def complete_cash_sale(self, cart: Cart, cashier: StaffMember, tendered: Money) -> CompletedSale:
        if cart.is_empty():
            raise CartError("cart_empty", "the cart is empty")
        total = cart.total
        change = change_due(total, tendered)
        now = self._clock()
        sale_id = uuid7()
        payment_id = uuid7()
        sold = tuple(
            SoldLine(line.product.name, line.product.sku, line.qty, line.unit_price, line.total)
            for line in cart.lines
        )
        with self._db.unit_of_work() as session:
            receipt_no = sync_state.next_document_number(session, RECEIPT_PREFIX, self._store.code, now.date())
            session.add(
                Sale(
                    sale_id=sale_id,
                    receipt_no=receipt_no,
                    location_id=self._store.location_id,
                    cashier_id=cashier.id,
                    cashier_name=cashier.name,
                    created_at=now.isoformat(),
                    total_cents=total.cents,
                )
            )
            session.flush()  # the sale row first: lines and payment refer to it
            lines_payload = []
            for position, line in enumerate(cart.lines):
                line_id = uuid7()
                session.add(
                    SaleLine(
                        line_id=line_id,
                        sale_id=sale_id,
                        position=position,
                        product_id=line.product.id,
                        sku=line.product.sku,
                        name=line.product.name,
                        qty=line.qty,
                        unit_price_cents=line.unit_price.cents,
                        line_total_cents=line.total.cents,
                    )
                )
                lines_payload.append(
                    {
                        "line_id": line_id,
                        "product_id": line.product.id,
                        "qty": line.qty,
                        "unit_price_cents": line.unit_price.cents,
                        "line_total_cents": line.total.cents,
                    }
                )
            session.add(
                Payment(
                    payment_id=payment_id,
                    sale_id=sale_id,
                    method="cash",
                    amount_cents=total.cents,
                    tendered_cents=tendered.cents,
                    change_cents=change.cents,
                )
            )
            payload = {
                "sale_id": sale_id,
                "receipt_no": receipt_no,
                "cashier_id": cashier.id,
                "created_at": now.isoformat(),
                "total_cents": total.cents,
                "lines": lines_payload,
                "payments": [
                    {
                        "payment_id": payment_id,
                        "method": "cash",
                        "amount_cents": total.cents,
                        "tendered_cents": tendered.cents,
                        "change_cents": change.cents,
                    }
                ],
            }
            op_id = outbox.enqueue(session, "sale", f"sale:{sale_id}", payload)
            session.flush()
            for line in cart.lines:
                session.add(
                    PendingStockDelta(
                        op_id=op_id,
                        location_id=self._store.location_id,
                        product_id=line.product.id,
                        delta=-line.qty,
                    )
                )
        return CompletedSale(
            sale_id=sale_id,
            receipt_no=receipt_no,
            op_id=op_id,
            created_at=now,
            cashier_name=cashier.name,
            lines=sold,
            total=total,
            tendered=tendered,
            change=change,
        )
