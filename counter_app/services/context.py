"""Who is selling where: the till's store and the signed-in staff member."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoreContext:
    location_id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: int
    name: str
    role: str  # cashier | supervisor | manager: what each may do is services/permissions.py
