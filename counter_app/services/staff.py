"""Sign-in with a PIN, offline: the hashes come down the change feed."""

from __future__ import annotations

from sqlalchemy import select

from counter_app.core.pins import verify_pin
from counter_app.local.db import LocalDatabase
from counter_app.local.models import Staff
from counter_app.services.context import StaffMember


class StaffService:
    def __init__(self, db: LocalDatabase, location_id: int) -> None:
        self._db = db
        self._location_id = location_id

    def sign_in(self, pin: str) -> StaffMember | None:
        """The staff member of this store whose PIN this is, or None."""
        with self._db.read() as session:
            rows = session.scalars(select(Staff).where(Staff.location_id == self._location_id)).all()
        for row in rows:
            if verify_pin(pin, row.pin_hash):
                return StaffMember(row.id, row.name, row.role)
        return None

    def by_id(self, staff_id: int) -> StaffMember | None:
        with self._db.read() as session:
            row = session.get(Staff, staff_id)
            return StaffMember(row.id, row.name, row.role) if row else None

    def first_with_role(self, role: str) -> StaffMember | None:
        with self._db.read() as session:
            row = session.scalars(
                select(Staff)
                .where(Staff.location_id == self._location_id, Staff.role == role)
                .order_by(Staff.id)
            ).first()
            return StaffMember(row.id, row.name, row.role) if row else None
