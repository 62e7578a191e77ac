"""What the counter knows about a product when it sells it."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.core.money import Money


@dataclass(frozen=True, slots=True)
class ProductInfo:
    id: int
    sku: str
    name: str
    price: Money
    category: str = ""


@dataclass(frozen=True, slots=True)
class StockFigure:
    """A location's stock of one product as this till last heard it, plus local sales."""

    location_id: int
    location_code: str
    location_name: str
    location_kind: str
    on_hand: int
    reserved: int
    available: int
    pending_local: int  # local changes not yet acknowledged, already included in on_hand
    age_s: float | None  # seconds since the server figure arrived; None when live


@dataclass(frozen=True, slots=True)
class StockToCount:
    """A product this store has sold more of than its records hold: count it."""

    product: ProductInfo
    on_hand: int  # the warehouse's last figure plus local sales not yet acknowledged
    pending_local: int  # the local part of it
    figure_received_at: str | None  # when the warehouse's figure arrived (UTC ISO); None: never
