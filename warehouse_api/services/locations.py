"""Finding the warehouse and checking that a device may see an order."""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Location
from warehouse_api.services.devices import AuthenticatedDevice

ALL_STORES_ROLES = ("operator", "admin")


# The warehouse, once found, per connection pool (one per database): locations are
# never deleted and never change kind, and ids only grow, so the lowest-id warehouse
# stays the warehouse. Every pickup, group-buy order and flash-sale refusal asked for
# it, one round trip each.
_WAREHOUSE_BY_POOL: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_FIRST_WAREHOUSE = (
    select(Location.id).where(Location.kind == "warehouse").order_by(Location.id).limit(1)
)


def warehouse_id(session: Session) -> int:
    pool = getattr(session.get_bind(), "pool", None)
    cached = _WAREHOUSE_BY_POOL.get(pool) if pool is not None else None
    if cached is not None:
        return cached
    found = session.scalar(_FIRST_WAREHOUSE)
    if found is None:
        raise DomainError("no_warehouse", "no warehouse location is set up", 409)
    if pool is not None:
        _WAREHOUSE_BY_POOL[pool] = found
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
