"""Receipts: print after a sale, reprint any past sale from the journal, open the drawer.

Every drawer opening without a sale needs an approval the staff service issued
(a supervisor's on demand, a manager's from the device settings) and writes an
audit entry in the same transaction before the drawer is kicked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from counter_app.core import receipts
from counter_app.core.money import Money
from counter_app.core.tenders import TenderKind
from counter_app.services.context import StoreContext
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.selling import CompletedSale
from counter_app.services.staff import Approval, StaffService
from counter_app.services.tenders import tender_of


class ReceiptOutput(Protocol):
    """What the print queue offers; submitting never blocks on the printer."""

    def submit(self, document: receipts.Document, *, title: str | None = None) -> str: ...

    def open_drawer(self, reason: str, *, printer: Any = None) -> str: ...


class ReceiptNotFound(LookupError):
    """No sale with this receipt number in this till's journal (code ``receipt_not_found``)."""

    code = "receipt_not_found"

    def __init__(self, receipt_no: str) -> None:
        super().__init__(f"{self.code}: {receipt_no}")
        self.receipt_no = receipt_no


class ReceiptService:
    def __init__(
        self, db: UnitOfWorkFactory, output: ReceiptOutput, store: StoreContext, staff: StaffService
    ) -> None:
        self._db = db
        self._output = output
        self._store = store
        self._staff = staff

    def print_sale(self, sale: CompletedSale) -> str:
        customer = sale.orders.customer
        data = receipts.SaleReceiptData(
            store_name=self._store.name,
            store_code=self._store.code,
            receipt_no=sale.receipt_no,
            cashier_name=sale.cashier_name,
            created_at=sale.created_at,
            lines=[
                receipts.SaleLine(
                    s.name,
                    s.qty,
                    s.unit_price,
                    s.line_total,
                    s.list_price,
                    s.discount,
                    s.override_reason,
                    s.fulfilment,
                )
                for s in sale.lines
            ],
            total=sale.total,
            payments=[
                receipts.Payment(
                    p.tender.code,
                    Money(p.amount_cents),
                    Money(p.tendered_cents),
                    Money(p.change_cents),
                    p.reference,
                    p.approval_code,
                    p.tender.name_zh,
                    p.tender.kind is TenderKind.VOUCHER,
                )
                for p in sale.payments
            ]
            or [receipts.Payment("cash", sale.total, sale.tendered, sale.change)],
            customer_name=customer.name if customer else "",
            customer_phone=customer.phone if customer else "",
            ship_to=customer.ship_to.text if customer and customer.ship_to else "",
            collects_order=sale.collects_order_id or "",
        )
        job = self._output.submit(receipts.sale_receipt(data), title=sale.receipt_no)
        self._print_order_slips(sale)
        return job

    def _print_order_slips(self, sale: CompletedSale) -> None:
        """A mixed cart's slips: the pickup slip (pending until the warehouse gives the
        code; the desk prints the coded slip then) and the dropship slips."""
        orders = sale.orders
        customer = orders.customer
        if customer is None:
            return
        if orders.reservation_id is not None:
            slip = receipts.PickupSlipData(
                store_name=self._store.name,
                pickup_code="",
                customer_name=customer.name,
                phone=customer.phone,
                lines=[receipts.ItemQty(name, qty) for name, qty in orders.pickup_lines],
                created_at=sale.created_at,
                pending=True,
                receipt_no=sale.receipt_no,
            )
            self._output.submit(receipts.pickup_slip(slip), title=f"{sale.receipt_no} pickup")
        if customer.ship_to is not None:
            for order in orders.ship_orders:
                slip_data = receipts.DropshipSlipData(
                    store_name=self._store.name,
                    order_no=order.dropship_id,
                    recipient_name=customer.name,
                    phone=customer.phone,
                    address=customer.ship_to.text,
                    lines=[receipts.ItemQty(name, qty) for name, qty in order.lines],
                    created_at=sale.created_at,
                    total=Money(order.paid_cents),
                    pending=True,
                )
                for document in receipts.dropship_slips(slip_data):
                    self._output.submit(document, title=f"{sale.receipt_no} dropship")

    def open_drawer_for_cash(self, sale: CompletedSale) -> str:
        return self._output.open_drawer(f"cash sale {sale.receipt_no}")

    def reprint(self, receipt_no: str) -> str:
        """Print a past sale again, marked as a reprint. Raises ReceiptNotFound if unknown."""
        with self._db.snapshot() as uow:
            sale = uow.sales.by_receipt_no(receipt_no)
            tenders = {t.code: t for r in uow.tenders.all() if (t := tender_of(r)) is not None}
        if sale is None:
            raise ReceiptNotFound(receipt_no)
        data = receipts.SaleReceiptData(
            store_name=self._store.name,
            store_code=self._store.code,
            receipt_no=sale.receipt_no,
            cashier_name=sale.cashier_name,
            created_at=datetime.fromisoformat(sale.created_at),
            lines=[
                receipts.SaleLine(
                    row.name,
                    row.qty,
                    Money(row.unit_price_cents),
                    Money(row.line_total_cents),
                    None if row.list_price_cents is None else Money(row.list_price_cents),
                    Money(row.discount_cents),
                    row.override_reason,
                    row.fulfilment,
                )
                for row in sale.lines
            ],
            total=Money(sale.total_cents),
            payments=[
                receipts.Payment(
                    p.method,
                    Money(p.amount_cents),
                    Money(p.tendered_cents),
                    Money(p.change_cents),
                    p.reference,
                    p.approval_code,
                    tender.name_zh if (tender := tenders.get(p.method)) else None,
                    tender.kind is TenderKind.VOUCHER if tender else p.method == "voucher",
                )
                for p in sale.payments
            ],
            reprint=True,
        )
        # The job's title is the receipt number; the document itself says it is a reprint.
        return self._output.submit(receipts.sale_receipt(data), title=sale.receipt_no)

    def open_drawer_on_demand(self, approval: Approval, reason: str) -> str:
        """A supervisor opens the drawer without a sale; recorded in the audit log.

        Raises ApprovalRefused (``reason_required``, or the approval's own refusal)."""
        if not reason.strip():
            raise ApprovalRefused("reason_required", Action.OPEN_DRAWER_NO_SALE)
        supervisor = self._staff.redeem(approval, Action.OPEN_DRAWER_NO_SALE)
        with self._db.transaction() as uow:
            uow.audit.record(supervisor.id, "drawer.open", {"reason": reason.strip()})
        return self._output.open_drawer(f"supervisor {supervisor.id}: {reason.strip()}")

    def open_drawer_for_settings_test(self, approval: Approval, printer: Any = None) -> str:
        """The device settings' drawer test (a manager's session approval); audited."""
        manager = self._staff.redeem(approval, Action.DEVICE_SETTINGS)
        with self._db.transaction() as uow:
            uow.audit.record(manager.id, "drawer.open", {"reason": "settings_test"})
        return self._output.open_drawer(f"settings test by {manager.id}", printer=printer)

    def recent_sales(self, limit: int = 50) -> list[tuple[str, str, Money]]:
        """(receipt no., created_at, total), newest first, for the reprint list."""
        with self._db.snapshot() as uow:
            rows = uow.sales.recent(limit)
        return [(r.receipt_no, r.created_at, Money(r.total_cents)) for r in rows]
