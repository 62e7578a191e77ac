"""How a cart line reaches the customer: taken now from this store's shelf, picked up
later (held at the warehouse and sent here), or shipped to the customer (dropship from
the warehouse or the product's partner)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from counter_app.core.tw_address import ShipTo

Mode = Literal["take", "pickup", "ship"]
Source = Literal["warehouse", "partner"]
MODES: tuple[Mode, ...] = ("take", "pickup", "ship")


def next_mode(mode: Mode) -> Mode:
    """The mode the cashier's key moves a line to: take -> pickup -> ship -> take."""
    return MODES[(MODES.index(mode) + 1) % len(MODES)]


@dataclass(frozen=True, slots=True)
class Customer:
    """Who collects or receives the goods; ``phone`` is the normalised digits."""

    name: str
    phone: str
    ship_to: ShipTo | None = None  # needed for ship lines


@dataclass(frozen=True, slots=True)
class Fulfilment:
    mode: Mode = "take"
    source: Source = "warehouse"  # ship lines: from the warehouse or the product's partner


TAKE = Fulfilment()
