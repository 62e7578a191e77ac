"""Importing this module registers every push op handler with `services.operations`."""

from warehouse_api.services import (  # noqa: F401
    counts,
    dropship,
    einvoice,
    order_returns,
    pickup_handover,
    reservations,
    returns,
    sales,
    shifts,
    transfers,
)
