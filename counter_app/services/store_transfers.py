"""Transfers to this store: ask the warehouse for goods, follow them (requested,
shipped, received), and receive a shipped one by scanning its items.

Offline-first like a sale: a request queues ``transfer.request`` and shows at once
as pending; a receipt queues ``transfer.receive`` with what was counted (a short or
an extra item is sent as counted, never dropped), books the counted goods on this
store's shelf as a pending change, and shows the transfer received. The scans of a
receipt in progress are kept in the till's file, so a restart loses none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.core.ids import uuid7
from counter_app.core.ops import ItemLinePayload, TransferReceivePayload, TransferRequestPayload
from counter_app.core.stock_work import (
    ReceiptLine,
    TransferLineRecord,
    TransferRecord,
    receipt_lines,
)
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.selling import TAIWAN

MAX_QTY = 999
MAX_REASON = 200
# The list's filters, in the order a transfer goes through them.
STATUSES = ("pending", "requested", "shipped", "received", "cancelled")


class TransferError(Exception):
    """Refused, by code: ``bad_qty``, ``reason_too_long``, ``unknown_transfer``,
    ``not_shipped`` (``status`` says where it is), ``not_in_transfer`` (a product the
    transfer does not carry, when extras are not allowed), ``nothing_counted``."""

    def __init__(self, code: str, status: str = "") -> None:
        super().__init__(f"{code} {status}".strip())
        self.code = code
        self.status = status


@dataclass(frozen=True, slots=True)
class TransferView:
    record: TransferRecord
    names: dict[int, str]

    @property
    def status(self) -> str:
        return self.record.shown_status

    @property
    def units(self) -> int:
        return sum(line.qty for line in self.record.lines)


@dataclass(frozen=True, slots=True)
class ReceiptProgress:
    """A receipt in progress: every product shipped or scanned, with the counts so far."""

    transfer_id: str
    lines: tuple[ReceiptLine, ...]
    names: dict[int, str]

    @property
    def short(self) -> int:
        return -sum(line.difference for line in self.lines if line.difference < 0)

    @property
    def extra(self) -> int:
        return sum(line.difference for line in self.lines if line.difference > 0)


class StoreTransferService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._store = store
        self._clock = clock

    def transfers(self, status: str | None = None) -> list[TransferView]:
        """This store's transfers (to it), newest first; ``status`` filters by the status shown."""
        with self._db.snapshot() as uow:
            found = [
                t
                for t in uow.transfers.all()
                if t.to_location_id in (None, self._store.location_id)
                and (status is None or t.shown_status == status)
            ]
            ids = {line.product_id for t in found for line in t.lines}
            names = uow.reservations.product_names(ids)
        return [TransferView(t, names) for t in found]

    def request(self, product_id: int, qty: int, reason: str, cashier: StaffMember) -> TransferView:
        """Queue a request for ``qty`` of a product from the warehouse to this store."""
        del cashier  # the warehouse records the device
        if not 1 <= qty <= MAX_QTY:
            raise TransferError("bad_qty")
        why = reason.strip()
        if len(why) > MAX_REASON:
            raise TransferError("reason_too_long")
        transfer_id = uuid7()
        record = TransferRecord(
            transfer_id=transfer_id,
            status="pending",
            from_location_id=None,
            to_location_id=self._store.location_id,
            lines=(TransferLineRecord(product_id, qty),),
            updated_at=self._clock().isoformat(),
            reason=why or None,
        )
        with self._db.transaction() as uow:
            uow.outbox.enqueue(
                TransferRequestPayload(
                    transfer_id, (ItemLinePayload(product_id, qty),), why or None
                )
            )
            uow.transfers.add_pending(record)
            names = uow.reservations.product_names([product_id])
        return TransferView(record, names)

    def progress(self, transfer_id: str) -> ReceiptProgress:
        with self._db.snapshot() as uow:
            record = _receivable(uow.transfers.get(transfer_id))
            counted = uow.transfers.scans(transfer_id)
            lines = receipt_lines(record.lines, counted)
            names = uow.reservations.product_names(line.product_id for line in lines)
        return ReceiptProgress(transfer_id, tuple(lines), names)

    def scan(self, transfer_id: str, product_id: int, step: int = 1) -> ReceiptProgress:
        """One scanned item counts one (``step`` -1 takes a mis-scan back). An item the
        transfer does not carry is counted too: it is reported as extra."""
        with self._db.transaction() as uow:
            _receivable(uow.transfers.get(transfer_id))
            current = uow.transfers.scans(transfer_id).get(product_id, 0)
            uow.transfers.set_scan(transfer_id, product_id, max(0, min(current + step, 10**6)))
        return self.progress(transfer_id)

    def set_count(self, transfer_id: str, product_id: int, counted: int) -> ReceiptProgress:
        """Type the count of a product (a case of 24 is not scanned 24 times)."""
        if not 0 <= counted <= 10**6:
            raise TransferError("bad_qty")
        with self._db.transaction() as uow:
            _receivable(uow.transfers.get(transfer_id))
            uow.transfers.set_scan(transfer_id, product_id, counted)
        return self.progress(transfer_id)

    def receive(self, transfer_id: str, cashier: StaffMember) -> ReceiptProgress:
        """Queue ``transfer.receive`` with every product's count (0 for one never
        scanned), book what arrived on this store's shelf, and mark it received here."""
        del cashier
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            record = _receivable(uow.transfers.get(transfer_id))
            counted = uow.transfers.scans(transfer_id)
            lines = receipt_lines(record.lines, counted)
            if not lines:
                raise TransferError("nothing_counted")
            op_id = uow.outbox.enqueue(
                TransferReceivePayload(
                    transfer_id,
                    tuple(ItemLinePayload(line.product_id, line.counted) for line in lines),
                )
            )
            for line in lines:
                if line.counted:
                    uow.stock_deltas.add_pending(
                        op_id, self._store.location_id, line.product_id, line.counted
                    )
            uow.transfers.mark_received_here(transfer_id, now)
            uow.transfers.clear_scans(transfer_id)
            names = uow.reservations.product_names(line.product_id for line in lines)
        return ReceiptProgress(transfer_id, tuple(lines), names)


def _receivable(record: TransferRecord | None) -> TransferRecord:
    if record is None:
        raise TransferError("unknown_transfer")
    if record.shown_status != "shipped":
        raise TransferError("not_shipped", record.shown_status)
    return record
