"""The pickup desk: this store's reservations as the change feed brought them, and
the hand-over of one by its pickup code.

The hand-over is offline-first like a sale: one transaction queues the
``pickup.complete`` op for the warehouse and marks the reservation handed over in
the till's mirror, so the desk shows it picked up at once and a second scan of the
same slip is refused, online or not. Only a reservation the feed says is ``ready``
(its goods arrived at this store) can be handed over.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.core import receipts
from counter_app.core.ids import uuid7
from counter_app.core.ops import ItemLinePayload, PickupCompletePayload, ReservationCreatePayload
from counter_app.core.records import ReservationRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.ports import UnitOfWork, UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.selling import TAIWAN

# The statuses the desk filters by, in the order a pickup goes through them.
STATUSES = ("pending", "confirmed", "in_transit", "ready", "picked_up", "expired", "cancelled")


# A Taiwan mobile (09 + 8 digits) or a landline with its area code (02-08, 7 or 8 digits after).
_PHONE = re.compile(r"09\d{8}|0[2-8]\d{7,8}")
MAX_QTY = 999


def normalise_phone(text: str) -> str | None:
    """The digits of a Taiwan phone number (spaces, dashes, brackets and a +886 prefix
    allowed), or None when it is not one."""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+886"):
        digits = "0" + digits[4:]
    return digits if _PHONE.fullmatch(digits) else None


class PickupError(Exception):
    """A hand-over or reservation refused, by code: ``unknown_code``, ``not_ready``
    (``status`` says where it is), ``already_picked_up``, ``closed`` (expired or
    cancelled); ``bad_phone``, ``bad_qty``, ``no_name`` for a reservation; ``no_code_yet``
    for a pickup slip of a reservation the warehouse has not confirmed."""

    def __init__(self, code: str, pickup_code: str, status: str = "") -> None:
        super().__init__(f"{code}: {pickup_code} {status}".strip())
        self.code = code
        self.pickup_code = pickup_code
        self.status = status


@dataclass(frozen=True, slots=True)
class PickupEntry:
    """A reservation as the desk shows it: its lines named from the cached catalog."""

    record: ReservationRecord
    lines: tuple[receipts.ItemQty, ...]

    @property
    def status(self) -> str:
        return self.record.shown_status

    @property
    def pickup_code(self) -> str:
        return self.record.pickup_code or ""

    @property
    def channel_order(self) -> str | None:
        """A group-buy order's number at its channel (the warehouse keeps it as the id);
        None for a counter's own reservation."""
        return self.record.reservation_id if self.record.kind == "group_buy" else None


@dataclass(frozen=True, slots=True)
class Handover:
    entry: PickupEntry
    op_id: str
    handed_over_at: datetime


def normalise_code(text: str) -> str:
    return text.strip().upper()


class PickupDeskService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        output: ReceiptOutput | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._store = store
        self._output = output
        self._clock = clock

    def entries(self, status: str | None = None, query: str = "") -> list[PickupEntry]:
        """This store's reservations, newest first; ``status`` filters by the status shown,
        ``query`` by pickup code (any part), customer name (any part), the code's last digits
        or a group-buy order's number (any part)."""
        wanted = query.strip().upper()
        with self._db.snapshot() as uow:
            found = [
                r
                for r in uow.reservations.all()
                if (status is None or r.shown_status == status) and _matches(r, wanted)
            ]
            return self._named(uow, found)

    def find(self, pickup_code: str) -> PickupEntry | None:
        code = normalise_code(pickup_code)
        with self._db.snapshot() as uow:
            record = uow.reservations.by_code(code) if code else None
            return self._named(uow, [record])[0] if record is not None else None

    def hand_over(self, pickup_code: str, cashier: StaffMember) -> Handover:
        """Hand over the reservation with this code; refused (``PickupError``) unless it
        is ready and not handed over yet. Queues ``pickup.complete`` in the same
        transaction that marks it handed over."""
        code = normalise_code(pickup_code)
        if not code:
            raise PickupError("unknown_code", code)
        now = self._clock()
        with self._db.transaction() as uow:
            record = uow.reservations.by_code(code)
            if record is None:
                raise PickupError("unknown_code", code)
            if record.shown_status == "picked_up":
                raise PickupError("already_picked_up", code)
            if record.status in ("expired", "cancelled"):
                raise PickupError("closed", code, record.status)
            if record.status != "ready":
                raise PickupError("not_ready", code, record.status)
            op_id = uow.outbox.enqueue(PickupCompletePayload(record.reservation_id, code))
            uow.reservations.mark_handed_over(record.reservation_id, cashier.id, now.isoformat())
            entry = self._named(uow, [uow.reservations.by_code(code) or record])[0]
        return Handover(entry, op_id, now)

    def reserve(
        self, product_id: int, qty: int, customer_name: str, phone: str, cashier: StaffMember
    ) -> PickupEntry:
        """Queue a reservation for pickup at this store (``reservation.create``); it shows
        as pending until the feed brings it back confirmed with its pickup code."""
        del cashier  # the warehouse records the device; kept for the audit trail to come
        name = customer_name.strip()
        if not name or len(name) > 100:
            raise PickupError("no_name", "")
        digits = normalise_phone(phone)
        if digits is None:
            raise PickupError("bad_phone", "")
        if not 1 <= qty <= MAX_QTY:
            raise PickupError("bad_qty", "")
        reservation_id = uuid7()
        record = ReservationRecord(
            reservation_id,
            "pickup",
            None,
            "pending",
            ((product_id, qty),),
            None,
            self._clock().isoformat(),
            customer_name=name,
            customer_phone=digits,
        )
        with self._db.transaction() as uow:
            uow.outbox.enqueue(
                ReservationCreatePayload(
                    reservation_id, (ItemLinePayload(product_id, qty),), name, digits
                )
            )
            uow.reservations.add_pending(record)
            return self._named(uow, [record])[0]

    def print_pickup_slip(self, reservation_id: str) -> str | None:
        """The customer's pickup slip (code as QR and Code 128) through the print queue,
        once the warehouse has given the reservation its code; None without a printer."""
        with self._db.snapshot() as uow:
            found = [r for r in uow.reservations.all() if r.reservation_id == reservation_id]
            if not found or not found[0].pickup_code:
                raise PickupError("no_code_yet", "", found[0].status if found else "")
            entry = self._named(uow, found)[0]
        if self._output is None:
            return None
        record = entry.record
        data = receipts.PickupSlipData(
            store_name=self._store.name,
            pickup_code=entry.pickup_code,
            customer_name=record.customer_name or "",
            phone=record.customer_phone or "",
            lines=entry.lines,
            created_at=datetime.fromisoformat(record.updated_at),
            expires_at=datetime.fromisoformat(record.expires_at) if record.expires_at else None,
        )
        return self._output.submit(receipts.pickup_slip(data))

    def print_handover(self, handover: Handover, cashier: StaffMember) -> str | None:
        """The handover slip through the print queue; None when this till has no printer."""
        if self._output is None:
            return None
        data = receipts.HandoverSlipData(
            store_name=self._store.name,
            pickup_code=handover.entry.pickup_code,
            reservation_id=handover.entry.record.reservation_id,
            cashier_name=cashier.name,
            lines=handover.entry.lines,
            handed_over_at=handover.handed_over_at,
            customer_name=handover.entry.record.customer_name or "",
        )
        return self._output.submit(receipts.handover_slip(data))

    def _named(self, uow: UnitOfWork, records: list[ReservationRecord]) -> list[PickupEntry]:
        names = uow.reservations.product_names(pid for r in records for pid, _ in r.lines)
        return [
            PickupEntry(
                r, tuple(receipts.ItemQty(names.get(pid, f"#{pid}"), qty) for pid, qty in r.lines)
            )
            for r in records
        ]


def _matches(record: ReservationRecord, query: str) -> bool:
    if not query:
        return True
    code = (record.pickup_code or "").upper()
    name = (record.customer_name or "").upper()
    order = record.reservation_id.upper() if record.kind == "group_buy" else ""
    return query in code or query in name or query in order
