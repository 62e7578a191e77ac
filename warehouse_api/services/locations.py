"""Finding the warehouse and checking that a device may see an order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Location
from warehouse_api.services.devices import AuthenticatedDevice

ALL_STORES_ROLES = ("operator", "admin")


def warehouse_id(session: Session) -> int:
    found = session.scalar(
        select(Location.id).where(Location.kind == "warehouse").order_by(Location.id).limit(1)
    )
    if found is None:
        raise DomainError("no_warehouse", "no warehouse location is set up", 409)
    return found


def require_store_device(device: AuthenticatedDevice) -> int:
    if device.role != "counter" or device.location_id is None:
        raise DomainError("forbidden", "only a store counter may do this", 403)
    return device.location_id


def ensure_visible(device: AuthenticatedDevice, store_location_id: int | None, what: str) -> None:
    """A store sees only its own orders: others answer 404, as if they did not exist."""
    if device.role in ALL_STORES_ROLES:
        return
    if device.role == "counter" and store_location_id == device.location_id:
        return
    raise NotFound(f"{what.replace(' ', '_')}_not_found", f"no {what} with that id")
