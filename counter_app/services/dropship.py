"""Dropship orders at the counter: made from a cart line at checkout (services/fulfilment.py)
or on their own from the stock lookup, listed with status, carrier and tracking number as
the change feed brings them, and cancelled before they ship.

An order made here is offline-first like a sale: one transaction queues ``dropship.create``
and keeps the till's copy (``pending`` until the feed says otherwise). Cancelling queues
``dropship.cancel``; the till shows ``cancelling`` until the feed says ``cancelled`` (the
warehouse refuses once the order shipped, and that refusal is visible as a failed op).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from counter_app.core.fulfilment import Customer
from counter_app.core.ids import uuid7
from counter_app.core.ops import DropshipCancelPayload
from counter_app.core.records import DropshipRecord, OrderLineRecord
from counter_app.core.tw_address import mask_phone
from counter_app.services.context import StaffMember
from counter_app.services.fulfilment import FulfilmentError, queue_dropship
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.selling import TAIWAN

STATUSES = ("pending", "accepted", "shipped", "delivered", "cancelling", "cancelled", "rejected")
CANCELLABLE = ("pending", "accepted")
FINISHED = ("delivered", "cancelled", "rejected")
RETENTION_DAYS = 30  # customer data of a finished order is kept this long (DESIGN section 6)
MAX_QTY = 999


class DropshipError(Exception):
    """``not_found``, ``not_cancellable`` (``status`` says where it is), ``bad_qty``,
    ``bad_source``."""

    def __init__(self, code: str, status: str = "") -> None:
        super().__init__(f"{code} {status}".strip())
        self.code = code
        self.status = status


@dataclass(frozen=True, slots=True)
class DropshipEntry:
    """An order as the list shows it: lines named from the cached catalog, phone masked."""

    record: DropshipRecord
    lines: tuple[tuple[str, int], ...]

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.record.customer_phone) if self.record.customer_phone else ""

    @property
    def cancellable(self) -> bool:
        return self.record.status in CANCELLABLE


class DropshipService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._clock = clock

    def create(
        self,
        product_id: int,
        qty: int,
        customer: Customer,
        source: str,
        cashier: StaffMember,
    ) -> DropshipEntry:
        """A dropship order on its own (no sale): one product from the warehouse or its
        partner to the customer's address or pickup store."""
        del cashier  # the warehouse records the device
        if not 1 <= qty <= MAX_QTY:
            raise DropshipError("bad_qty")
        if source not in ("warehouse", "partner"):
            raise DropshipError("bad_source")
        if customer.ship_to is None:
            raise FulfilmentError("ship_to_required", "a dropship order needs an address")
        dropship_id = uuid7()
        with self._db.transaction() as uow:
            queue_dropship(
                uow,
                dropship_id,
                source,
                [OrderLineRecord(product_id, qty)],
                customer,
                self._clock().isoformat(),
            )
            record = uow.dropships.get(dropship_id)
            assert record is not None
            return self._named(uow, [record])[0]

    def orders(self, status: str | None = None) -> list[DropshipEntry]:
        """This store's dropship orders, newest first."""
        with self._db.snapshot() as uow:
            found = [r for r in uow.dropships.all() if status is None or r.status == status]
            return self._named(uow, found)

    def cancel(self, dropship_id: str, reason: str = "") -> DropshipEntry:
        """Queue ``dropship.cancel`` for an order that has not shipped."""
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            record = uow.dropships.get(dropship_id)
            if record is None:
                raise DropshipError("not_found")
            if record.status not in CANCELLABLE:
                raise DropshipError("not_cancellable", record.status)
            uow.outbox.enqueue(DropshipCancelPayload(dropship_id, reason.strip() or None))
            uow.dropships.set_status(dropship_id, "cancelling", now)
            updated = uow.dropships.get(dropship_id)
            assert updated is not None
            return self._named(uow, [updated])[0]

    def forget_old_customers(self, retention_days: int = RETENTION_DAYS) -> int:
        """Drop the name, phone and address of orders finished more than ``retention_days``
        ago: the order needs them no longer. Returns how many orders were cleaned."""
        cutoff = self._clock() - timedelta(days=retention_days)
        with self._db.transaction() as uow:
            return uow.dropships.forget_customers(FINISHED, cutoff)

    def _named(self, uow: UnitOfWork, records: list[DropshipRecord]) -> list[DropshipEntry]:
        names = uow.reservations.product_names(ln.product_id for r in records for ln in r.lines)
        return [
            DropshipEntry(
                r, tuple((names.get(ln.product_id, f"#{ln.product_id}"), ln.qty) for ln in r.lines)
            )
            for r in records
        ]
