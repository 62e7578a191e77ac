"""Alerts for paid pickup and ship lines the warehouse refused (DESIGN section 5).

Offline, a pickup or ship line is queued as pending; when the warehouse later refuses it
(``insufficient_stock``, ``no_dropship_partner``...), the relay raises an alert in the same
transaction as the refusal (local/fulfilment_repository.py). The alert stays until a person
resolves it, one of three ways:

* **another source**: the same lines for the same customer, as a dropship from the partner
  or the warehouse, or a pickup again; the new order keeps the sale's link;
* **refund the line** through the return flow (``ReturnsService`` with disposition
  ``not_fulfilled``: the money goes back, no stock moves);
* **cancel with a supervisor**: the line stays unfilled (the customer was dealt with
  another way); the supervisor's approval is audited (``fulfilment.cancel``).

Whichever way, the refused op leaves the failed-operations list (discarded with the reason),
so one problem is not counted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.core.fulfilment import Customer
from counter_app.core.ids import uuid7
from counter_app.core.records import AlertRecord
from counter_app.core.tw_address import KeptAddress, ShipTo, mask_phone
from counter_app.services.context import StaffMember
from counter_app.services.fulfilment import queue_dropship, queue_reservation
from counter_app.services.permissions import Action
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.returns import (
    NOT_FULFILLED,
    CompletedReturn,
    ReturnChoice,
    ReturnsService,
)
from counter_app.services.selling import TAIWAN
from counter_app.services.staff import Approval, StaffService

RESOLUTIONS = ("resubmitted", "refunded", "cancelled")
NEW_SOURCES = ("ship_partner", "ship_warehouse", "pickup")


class AlertError(Exception):
    """``not_found``, ``resolved`` (someone resolved it already), ``bad_source``,
    ``ship_to_required``, ``no_sale`` (a refund of an alert with no sale behind it),
    ``reason_required``, ``approval_required``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class AlertEntry:
    record: AlertRecord
    lines: tuple[tuple[str, int], ...]  # (product name, qty)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.record.customer_phone) if self.record.customer_phone else ""

    @property
    def paid_cents(self) -> int:
        return sum(line.paid_cents or 0 for line in self.record.lines)


class AlertService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        staff: StaffService | None = None,
        returns: ReturnsService | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._staff = staff
        self._returns = returns
        self._clock = clock

    def open_alerts(self) -> list[AlertEntry]:
        with self._db.snapshot() as uow:
            return self._named(uow, uow.alerts.open_alerts())

    def open_count(self) -> int:
        with self._db.snapshot() as uow:
            return len(uow.alerts.open_alerts())

    def resubmit(
        self,
        alert_id: str,
        new_source: str,
        staff: StaffMember,
        ship_to: ShipTo | None = None,
    ) -> str:
        """Ask again from another source; returns the new order's id. ``ship_to`` for a
        ship resubmission of a refused pickup (a refused ship reuses its address)."""
        if new_source not in NEW_SOURCES:
            raise AlertError("bad_source")
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            alert = self._open(uow, alert_id)
            new_id = uuid7()
            if new_source == "pickup":
                customer = Customer(alert.customer_name, alert.customer_phone)
                queue_reservation(
                    uow, new_id, alert.lines, customer, now, alert.sale_id, alert.receipt_no
                )
            else:
                destination = ship_to or _previous_ship_to(alert)
                if destination is None:
                    raise AlertError("ship_to_required")
                customer = Customer(alert.customer_name, alert.customer_phone, destination)
                source = "partner" if new_source == "ship_partner" else "warehouse"
                queue_dropship(
                    uow, new_id, source, alert.lines, customer, now, alert.sale_id, alert.receipt_no
                )
            self._close(uow, alert, "resubmitted", staff.id, now, new_id)
        return new_id

    def refund(
        self, alert_id: str, staff: StaffMember, approval: Approval | None = None
    ) -> CompletedReturn:
        """Refund the refused lines of the sale through the return flow (no stock moves)."""
        if self._returns is None:
            raise AlertError("no_sale")
        with self._db.snapshot() as uow:
            alert = self._open(uow, alert_id)
        if alert.receipt_no is None or any(ln.sale_line_id is None for ln in alert.lines):
            raise AlertError("no_sale")
        choices = [
            ReturnChoice(ln.sale_line_id, ln.qty, NOT_FULFILLED)
            for ln in alert.lines
            if ln.sale_line_id is not None
        ]
        done = self._returns.complete(alert.receipt_no, choices, staff, approval)
        with self._db.transaction() as uow:
            alert = self._open(uow, alert_id)
            self._close(
                uow, alert, "refunded", staff.id, done.created_at.isoformat(), done.return_no
            )
        return done

    def cancel(self, alert_id: str, approval: Approval, reason: str) -> None:
        """Close it unfilled, with a supervisor's approval and a reason (audited)."""
        if self._staff is None:
            raise AlertError("approval_required")
        if not reason.strip():
            raise AlertError("reason_required")
        supervisor = self._staff.redeem(approval, Action.CANCEL_FULFILMENT)
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            alert = self._open(uow, alert_id)
            uow.audit.record(
                supervisor.id,
                "fulfilment.cancel",
                {
                    "alert_id": alert.alert_id,
                    "order_id": alert.order_id,
                    "kind": alert.kind,
                    "receipt_no": alert.receipt_no,
                    "problem": alert.problem_code,
                    "reason": reason.strip(),
                },
            )
            self._close(uow, alert, "cancelled", supervisor.id, now, None)

    # ---------------------------------------------------------------------------

    def _open(self, uow: UnitOfWork, alert_id: str) -> AlertRecord:
        alert = uow.alerts.get(alert_id)
        if alert is None:
            raise AlertError("not_found")
        if not alert.is_open:
            raise AlertError("resolved")
        return alert

    def _close(
        self,
        uow: UnitOfWork,
        alert: AlertRecord,
        resolution: str,
        staff_id: int,
        at: str,
        ref: str | None,
    ) -> None:
        if not uow.alerts.resolve(alert.alert_id, resolution, staff_id, at, ref):
            raise AlertError("resolved")
        if any(op.op_id == alert.op_id for op in uow.outbox.failed()):
            uow.outbox.discard(alert.op_id, staff_id, f"alert {resolution}: {ref or ''}".strip())

    def _named(self, uow: UnitOfWork, records: list[AlertRecord]) -> list[AlertEntry]:
        names = uow.reservations.product_names(ln.product_id for r in records for ln in r.lines)
        return [
            AlertEntry(
                r, tuple((names.get(ln.product_id, f"#{ln.product_id}"), ln.qty) for ln in r.lines)
            )
            for r in records
        ]


def _previous_ship_to(alert: AlertRecord) -> ShipTo | None:
    """A refused ship order's destination, kept as the text the warehouse was sent."""
    if alert.kind != "ship" or not alert.address:
        return None
    return KeptAddress(alert.address, alert.delivery or "home")
