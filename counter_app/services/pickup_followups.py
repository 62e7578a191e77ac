"""What the pickup desk follows up after the fact.

* The coded pickup slip: a reservation made at this till (at the desk, or a mixed
  cart's pickup line, maybe while offline) shows "pending confirmation" until the
  warehouse confirms it and the change feed brings its pickup code. Then the slip with
  the code as QR and Code 128 goes to the print queue by itself, once: the mirror's
  ``coded_slip`` turns from ``due`` to ``printed`` in the transaction that submits it,
  so a restart never prints it again.
* The call list: holds released because they passed their expiry, so staff can call the
  customer. The phone is masked until a staff member opens the row (an audit entry says
  who did); a call is marked on the row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.pickups import (
    PickupDeskService,
    PickupEntry,
    PickupError,
    coded_pickup_slip,
)
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.receipts import ReceiptOutput
from counter_app.services.selling import TAIWAN

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CallListRow:
    """A released hold to call about: who, what, since when; the phone masked."""

    entry: PickupEntry
    expired_at: str  # when its hold ran out
    called_at: str | None

    @property
    def reservation_id(self) -> str:
        return self.entry.record.reservation_id


class PickupFollowUps:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        desk: PickupDeskService,
        output: ReceiptOutput | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._store = store
        self._desk = desk
        self._output = output
        self._clock = clock

    def print_confirmed_slips(self) -> list[str]:
        """Send the coded slip of every reservation made here and confirmed since; returns
        the print jobs. Run after each pull (a background step)."""
        if self._output is None:
            return []
        jobs = []
        with self._db.snapshot() as uow:
            due = [r.reservation_id for r in uow.reservations.slips_due()]
        for reservation_id in due:
            entry = self._desk.entry(reservation_id)
            if entry is None:
                continue
            with self._db.transaction() as uow:
                if not uow.reservations.mark_slip_printed(reservation_id):
                    continue  # another pass printed it meanwhile
                # Submitted inside the transaction: a refused submit leaves it due.
                jobs.append(
                    self._output.submit(
                        coded_pickup_slip(self._store, entry),
                        title=f"{entry.pickup_code} pickup",
                    )
                )
            log.info("coded pickup slip of %s sent to the printer", entry.pickup_code)
        return jobs

    def call_list(self) -> list[CallListRow]:
        """Released holds (expired), the most recent expiry first."""
        rows = [
            CallListRow(e, e.record.expires_at or e.record.updated_at, e.record.called_at)
            for e in self._desk.entries("expired")
        ]
        return sorted(rows, key=lambda row: row.expired_at, reverse=True)

    def reveal_phone(self, reservation_id: str, staff: StaffMember) -> str:
        """The customer's full phone number of a row of the call list; audited."""
        entry = self._listed(reservation_id)
        with self._db.transaction() as uow:
            uow.audit.record(staff.id, "pickup.phone_shown", {"reservation_id": reservation_id})
        return entry.record.customer_phone or ""

    def mark_called(self, reservation_id: str, staff: StaffMember) -> None:
        self._listed(reservation_id)
        with self._db.transaction() as uow:
            uow.reservations.mark_called(reservation_id, staff.id, self._clock().isoformat())

    def _listed(self, reservation_id: str) -> PickupEntry:
        entry = self._desk.entry(reservation_id)
        if entry is None or entry.status != "expired":
            raise PickupError("not_on_call_list", "", entry.status if entry else "")
        return entry
