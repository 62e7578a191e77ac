"""Online orders returned at the counter: a group-buy or dropship order's goods brought
back to this store. The order lives on the warehouse, so finding it needs the link
(``warehouse_down`` says when it is not there); the return is then recorded in ONE local
transaction (the local row, the ``order.return`` op, stock deltas for goods back on this
store's shelf, the cash refund in the open shift) and the warehouse checks it against
the order when it arrives (never more than was ordered minus earlier returns).

The refund is either paid here in cash (``counter``: the shift's expected cash falls)
or left to the channel (``channel``: the warehouse marks the return ``pending_channel``,
the channel's API shows it and the channel refunds it once). Orders carry no prices:
a refund paid here is the products' list price now, in whole NT$, unless less was paid
(not known here), so it is offered and a supervisor approves above the cashier's limit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.core import receipts
from counter_app.core.ids import RETURN_PREFIX, uuid7
from counter_app.core.money import Money
from counter_app.core.ops import (
    MAX_RETURN_LINES,
    OrderReturnPayload,
    ReturnLinePayload,
    WarehouseDown,
    WarehouseError,
)
from counter_app.core.records import OrderReturnRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.permissions import Action, limits_for
from counter_app.services.ports import ReturnsWarehouse, UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.returns import DISPOSITIONS, CompletedReturn, ReturnedLine, ReturnError
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService

ORDER_KINDS = ("group_buy", "dropship")
REFUND_MODES = ("counter", "channel")


@dataclass(frozen=True, slots=True)
class OrderLine:
    product_id: int
    sku: str
    name: str
    price: Money
    qty: int
    returned: int

    @property
    def returnable(self) -> int:
        return max(0, self.qty - self.returned)


@dataclass(frozen=True, slots=True)
class ReturnableOrder:
    order_kind: str
    order_id: str
    status: str
    phone_tail: str | None
    lines: tuple[OrderLine, ...]
    pending_channel_refunds: int  # earlier returns whose refund the channel still owes


@dataclass(frozen=True, slots=True)
class OrderReturnChoice:
    product_id: int
    qty: int
    disposition: str = "restock_here"
    reason: str = ""


def refund_cents_of(order: ReturnableOrder, choices: Sequence[OrderReturnChoice]) -> int:
    by_id = {line.product_id: line for line in order.lines}
    return sum(by_id[c.product_id].price.cents // 100 * 100 * c.qty for c in choices if c.qty > 0)


class OrderReturnsService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        warehouse: ReturnsWarehouse | None,
        staff: StaffService | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
        output: ReceiptOutput | None = None,
    ) -> None:
        self._output = output
        self._db = db
        self._store = store
        self._warehouse = warehouse
        self._staff = staff
        self._clock = clock

    def find(self, order_kind: str, order_id: str) -> ReturnableOrder:
        """The order from the warehouse; ReturnError ``bad_order`` (kind or number),
        ``not_found``, ``warehouse_down``."""
        order_id = order_id.strip()
        if order_kind not in ORDER_KINDS or not order_id or len(order_id) > 64:
            raise ReturnError("bad_order", "a group-buy or dropship order number", order_id)
        if self._warehouse is None:
            raise ReturnError("warehouse_down", "no warehouse to ask", order_id)
        try:
            body = self._warehouse.order_for_return(order_kind, order_id)
        except WarehouseDown as exc:
            raise ReturnError("warehouse_down", str(exc), order_id) from exc
        except WarehouseError as exc:
            if getattr(exc, "code", "") in ("order_not_found", "validation_error"):
                raise ReturnError("not_found", f"no order {order_id}", order_id) from exc
            raise ReturnError("warehouse_down", str(exc), order_id) from exc
        try:
            return _order(body)
        except (KeyError, TypeError, ValueError) as exc:
            raise ReturnError("warehouse_down", f"an answer not understood: {exc}") from exc

    def complete(
        self,
        order: ReturnableOrder,
        choices: Sequence[OrderReturnChoice],
        refund_mode: str,
        staff: StaffMember,
        approval: Approval | None = None,
    ) -> CompletedReturn:
        """Record the return against ``order`` (as ``find`` gave it). ReturnError:
        ``nothing_chosen``, ``unknown_line``, ``bad_qty``, ``more_than_sold``,
        ``bad_disposition``, ``bad_refund_mode``, ``not_returnable`` (not with the
        customer yet), ``too_many_lines``, ``no_open_shift``, ``approval_required``,
        ``over_approver_limit``."""
        if refund_mode not in REFUND_MODES:
            raise ReturnError("bad_refund_mode", f"unknown refund mode {refund_mode!r}")
        if order.status not in ("shipped", "delivered"):
            raise ReturnError("not_returnable", f"the order is {order.status}", order.order_id)
        chosen = [c for c in choices if c.qty != 0]
        if not chosen:
            raise ReturnError("nothing_chosen", "choose what comes back")
        if len(chosen) > MAX_RETURN_LINES:
            raise ReturnError("too_many_lines", f"a return takes at most {MAX_RETURN_LINES} lines")
        by_id = {line.product_id: line for line in order.lines}
        seen: set[int] = set()
        for c in chosen:
            line = by_id.get(c.product_id)
            if line is None or c.product_id in seen:
                raise ReturnError("unknown_line", f"product {c.product_id} is not on the order")
            seen.add(c.product_id)
            if c.qty < 0:
                raise ReturnError("bad_qty", "a quantity returned is a positive number")
            if c.qty > line.returnable:
                raise ReturnError("more_than_sold", f"{line.name}: {line.returnable} left")
            if c.disposition not in DISPOSITIONS:
                raise ReturnError("bad_disposition", f"unknown disposition {c.disposition!r}")
        refund = refund_cents_of(order, chosen) if refund_mode == "counter" else 0
        approver = None
        if refund > limits_for(staff.role).refund_cents:
            if approval is None or self._staff is None:
                raise ReturnError("approval_required", f"a refund of {Money(refund)}")
            approver = self._staff.redeem(approval, Action.REFUND_OVER_LIMIT)
            if refund > limits_for(approver.role).refund_cents:
                raise ReturnError("over_approver_limit", f"a refund of {Money(refund)}")
        now = self._clock()
        return_id = uuid7()
        with self._db.transaction() as uow:
            shift = uow.shifts.open_shift(self._store.location_id)
            if shift is None:
                raise ReturnError("no_open_shift", "open a shift before taking a return")
            return_no = uow.sync_state.next_document_number(
                RETURN_PREFIX, self._store.code, now.date()
            )
            uow.returns.add_order_return(
                OrderReturnRecord(
                    return_id=return_id,
                    return_no=return_no,
                    shift_id=shift.shift_id,
                    location_id=self._store.location_id,
                    staff_id=staff.id,
                    order_kind=order.order_kind,
                    order_id=order.order_id,
                    refund_mode=refund_mode,
                    refund_cents=refund,
                    method="cash",
                    created_at=now.isoformat(),
                )
            )
            op_id = uow.outbox.enqueue(
                OrderReturnPayload(
                    return_id=return_id,
                    order_kind=order.order_kind,
                    order_id=order.order_id,
                    refund_mode=refund_mode,
                    refund_cents=refund,
                    lines=tuple(
                        ReturnLinePayload(
                            c.product_id,
                            c.qty,
                            c.disposition,
                            (c.reason.strip()[:200] or None)
                            if c.disposition == "damaged"
                            else None,
                        )
                        for c in chosen
                    ),
                )
            )
            for c in chosen:
                if c.disposition != "damaged":
                    uow.stock_deltas.add_pending(
                        op_id, self._store.location_id, c.product_id, c.qty
                    )
            if approver is not None:
                uow.audit.record(
                    approver.id,
                    "return.refund_over_limit",
                    {"return_id": return_id, "refund_cents": refund, "cashier_id": staff.id},
                )
        return CompletedReturn(
            return_id=return_id,
            return_no=return_no,
            receipt_no=order.order_id,
            op_id=op_id,
            created_at=now,
            staff_name=staff.name,
            lines=tuple(
                ReturnedLine(
                    by_id[c.product_id].name,
                    by_id[c.product_id].sku,
                    c.qty,
                    by_id[c.product_id].price,
                    Money(
                        by_id[c.product_id].price.cents // 100 * 100 * c.qty
                        if refund_mode == "counter"
                        else 0
                    ),
                    c.disposition,
                )
                for c in chosen
            ),
            refund=Money(refund),
            approved_by=None if approver is None else approver.name,
        )

    def print_return(self, done: CompletedReturn, refund_mode: str) -> str | None:
        """The return receipt, the order number where the original receipt's goes; the
        drawer opens for a refund paid here."""
        if self._output is None:
            return None
        data = receipts.ReturnReceiptData(
            store_name=self._store.name,
            return_no=done.return_no,
            original_receipt_no=f"網路訂單 {done.receipt_no}",
            cashier_name=done.staff_name,
            created_at=done.created_at,
            returned=[receipts.SaleLine(r.name, r.qty, r.unit_price, r.refund) for r in done.lines],
            reason="退款由通路處理" if refund_mode == "channel" else "",
        )
        job = self._output.submit(receipts.return_receipt(data), title=done.return_no)
        if done.refund.cents > 0:
            self._output.open_drawer(f"cash refund {done.return_no}")
        return job


def _order(body: dict[str, Any]) -> ReturnableOrder:
    return ReturnableOrder(
        order_kind=str(body["order_kind"]),
        order_id=str(body["order_id"]),
        status=str(body["status"]),
        phone_tail=body.get("customer_phone_tail"),
        lines=tuple(
            OrderLine(
                int(line["product_id"]),
                str(line["sku"]),
                str(line["name"]),
                Money(int(line["price_cents"])),
                int(line["qty"]),
                int(line["returned"]),
            )
            for line in body["lines"]
        ),
        pending_channel_refunds=sum(
            1 for r in body.get("returns", ()) if r.get("refund_state") == "pending_channel"
        ),
    )
