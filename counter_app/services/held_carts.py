"""The cart outside the screen: written through to the till's database on every change
(a crash or a power cut loses nothing; the next start puts it back), parked for later
(held carts, listed with time, cashier and total, also after a restart), and voided
(dropped after the cashier confirmed, counted for the shift's report).

One open cart and any number of held carts per store of this till. A held cart is
deleted when it is recalled (it becomes the open cart); the open cart is cleared in
the sale's own transaction (services/selling.py), so a completed sale's cart never
comes back.

The methods write the database: the screen calls them on the database thread, with a
copy of the cart it took on the screen's thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from counter_app.core import cart_snapshot
from counter_app.core.cart import Cart
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.core.records import CartVoidRecord, HeldCartRecord
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.selling import TAIWAN

MAX_HELD_CARTS = 50  # per store at this till; a longer list is a forgotten one


class HeldCartError(Exception):
    """Codes: ``cart_empty`` (nothing to hold or void), ``too_many_held``, ``not_held``
    (recalled already, or not this store's), ``unreadable`` (a stored cart that cannot be
    read back: it stays in the list for a supervisor to look at)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class HeldCartSummary:
    held_id: str
    held_at: datetime
    cashier_name: str
    total: Money
    line_count: int
    item_count: int


@dataclass(frozen=True, slots=True)
class VoidCount:
    carts: int
    total: Money


def _dumps(cart: Cart) -> str:
    return json.dumps(cart_snapshot.to_data(cart), ensure_ascii=False, separators=(",", ":"))


def _loads(data: str) -> Cart:
    try:
        return cart_snapshot.from_data(json.loads(data))
    except (ValueError, cart_snapshot.SnapshotError) as exc:
        raise HeldCartError("unreadable", f"a stored cart cannot be read: {exc}") from exc


class CartKeeper:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        store: StoreContext,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._store = store
        self._clock = clock

    # -- the open cart -------------------------------------------------------------------

    def save_open(self, cart: Cart, cashier: StaffMember | None) -> None:
        """Write the cart as it is now (an empty cart clears the stored one)."""
        self.save_open_data(self.snapshot(cart), cashier)

    @staticmethod
    def snapshot(cart: Cart) -> str:
        """What ``save_open_data`` stores for the cart ("" for an empty one: nothing)."""
        return "" if cart.is_empty() and cart.discount is None else _dumps(cart)

    def save_open_data(self, data: str, cashier: StaffMember | None) -> None:
        """Store a ``snapshot`` as the open cart, in one fsynced transaction."""
        location_id = self._store.location_id
        with self._db.transaction() as uow:
            if not data:
                uow.carts.clear_open(location_id)
            else:
                uow.carts.save_open(
                    location_id,
                    cashier.id if cashier else None,
                    self._clock().isoformat(),
                    data,
                )

    def load_open(self) -> Cart | None:
        """The cart that was open when the till stopped, or None. An unreadable one is
        reported (HeldCartError ``unreadable``) and left in place."""
        with self._db.snapshot() as uow:
            data = uow.carts.open_cart(self._store.location_id)
        return None if data is None else _loads(data)

    # -- held carts ----------------------------------------------------------------------

    def hold(self, cart: Cart, cashier: StaffMember) -> HeldCartSummary:
        """Park the cart (and clear the open one) in one transaction."""
        if cart.is_empty():
            raise HeldCartError("cart_empty", "there is nothing to hold")
        now = self._clock()
        record = HeldCartRecord(
            held_id=uuid7(),
            location_id=self._store.location_id,
            cashier_id=cashier.id,
            cashier_name=cashier.name,
            held_at=now.isoformat(),
            total_cents=cart.total.cents,
            line_count=len(cart.lines),
            item_count=cart.item_count,
            data=_dumps(cart),
        )
        with self._db.transaction() as uow:
            if len(uow.carts.held(self._store.location_id)) >= MAX_HELD_CARTS:
                raise HeldCartError(
                    "too_many_held", f"at most {MAX_HELD_CARTS} carts can be held at once"
                )
            uow.carts.hold(record)
            uow.carts.clear_open(self._store.location_id)
        return _summary(record)

    def held(self) -> list[HeldCartSummary]:
        with self._db.snapshot() as uow:
            return [_summary(r) for r in uow.carts.held(self._store.location_id)]

    def recall(self, held_id: str, cashier: StaffMember | None) -> Cart:
        """Take a held cart back: it leaves the list and becomes the open cart (in one
        transaction; two tills' screens cannot both take it)."""
        with self._db.transaction() as uow:
            record = uow.carts.take_held(held_id, self._store.location_id)
            if record is None:
                raise HeldCartError("not_held", "that cart is not held any more")
            cart = _loads(record.data)
            uow.carts.save_open(
                self._store.location_id,
                cashier.id if cashier else None,
                self._clock().isoformat(),
                record.data,
            )
        return cart

    # -- voids ---------------------------------------------------------------------------

    def void(self, cart: Cart, staff: StaffMember) -> None:
        """The cashier dropped the cart after confirming: cleared, and counted in the
        open shift (if one is open) for its report."""
        if cart.is_empty():
            raise HeldCartError("cart_empty", "there is nothing to void")
        now = self._clock().isoformat()
        with self._db.transaction() as uow:
            shift = uow.shifts.open_shift(self._store.location_id)
            uow.carts.add_void(
                CartVoidRecord(
                    void_id=uuid7(),
                    location_id=self._store.location_id,
                    shift_id=shift.shift_id if shift else None,
                    staff_id=staff.id,
                    at=now,
                    line_count=len(cart.lines),
                    total_cents=cart.total.cents,
                )
            )
            uow.carts.clear_open(self._store.location_id)

    def voids_in_shift(self, shift_id: str) -> VoidCount:
        with self._db.snapshot() as uow:
            carts, cents = uow.carts.voids_in_shift(shift_id)
        return VoidCount(carts, Money(cents))


def _summary(record: HeldCartRecord) -> HeldCartSummary:
    return HeldCartSummary(
        held_id=record.held_id,
        held_at=datetime.fromisoformat(record.held_at),
        cashier_name=record.cashier_name,
        total=Money(record.total_cents),
        line_count=record.line_count,
        item_count=record.item_count,
    )
