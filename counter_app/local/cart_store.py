"""The open cart (written through on every change), held carts and voided carts in the
till's SQLite file: the ``uow.carts`` repository (services/held_carts.py)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from counter_app.core.records import CartVoidRecord, HeldCartRecord
from counter_app.local.models import CartVoid, HeldCart, OpenCart


def _held(row: HeldCart) -> HeldCartRecord:
    return HeldCartRecord(
        row.held_id,
        row.location_id,
        row.cashier_id,
        row.cashier_name,
        row.held_at,
        row.total_cents,
        row.line_count,
        row.item_count,
        row.data,
    )


class SqlCartRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save_open(self, location_id: int, cashier_id: int | None, at: str, data: str) -> None:
        row = self._session.get(OpenCart, location_id)
        if row is None:
            self._session.add(
                OpenCart(location_id=location_id, cashier_id=cashier_id, updated_at=at, data=data)
            )
        else:
            row.cashier_id, row.updated_at, row.data = cashier_id, at, data

    def open_cart(self, location_id: int) -> str | None:
        row = self._session.get(OpenCart, location_id)
        return None if row is None else row.data

    def clear_open(self, location_id: int) -> None:
        self._session.execute(delete(OpenCart).where(OpenCart.location_id == location_id))

    def hold(self, record: HeldCartRecord) -> None:
        self._session.add(
            HeldCart(
                held_id=record.held_id,
                location_id=record.location_id,
                cashier_id=record.cashier_id,
                cashier_name=record.cashier_name,
                held_at=record.held_at,
                total_cents=record.total_cents,
                line_count=record.line_count,
                item_count=record.item_count,
                data=record.data,
            )
        )

    def held(self, location_id: int) -> list[HeldCartRecord]:
        rows = self._session.scalars(
            select(HeldCart).where(HeldCart.location_id == location_id).order_by(HeldCart.held_at)
        ).all()
        return [_held(row) for row in rows]

    def take_held(self, held_id: str, location_id: int) -> HeldCartRecord | None:
        """The held cart, deleted in this transaction (None: not held here, or taken)."""
        row = self._session.get(HeldCart, held_id)
        if row is None or row.location_id != location_id:
            return None
        record = _held(row)
        # A conditional delete: two recalls of one cart cannot both get it.
        taken = self._session.execute(delete(HeldCart).where(HeldCart.held_id == held_id))
        return record if taken.rowcount == 1 else None  # type: ignore[attr-defined]

    def add_void(self, record: CartVoidRecord) -> None:
        self._session.add(
            CartVoid(
                void_id=record.void_id,
                location_id=record.location_id,
                shift_id=record.shift_id,
                staff_id=record.staff_id,
                at=record.at,
                line_count=record.line_count,
                total_cents=record.total_cents,
            )
        )

    def voids_in_shift(self, shift_id: str) -> tuple[int, int]:
        """How many carts were voided in the shift, and their total in cents."""
        count, total = self._session.execute(
            select(
                func.count(CartVoid.void_id), func.coalesce(func.sum(CartVoid.total_cents), 0)
            ).where(CartVoid.shift_id == shift_id)
        ).one()
        return int(count), int(total)
