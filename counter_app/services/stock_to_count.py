"""Stock the warehouse holds below zero for this store: what the store manager counts.

Sales are facts, so the warehouse applies a sale even when it drives the store's stock
negative, and says so in its answer (``negative_stock``). The relay keeps those answers
(the ``stock_warnings`` repository); this lists them for one store, dropping
a product once a figure fetched after the warning shows it at zero or above again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.services.ports import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class NegativeStock:
    product_id: int
    sku: str
    name: str
    on_hand: int  # the warehouse's figure when it warned, below zero
    reported_at: str  # UTC ISO time the warning reached this till
    receipt_no: str  # the sale whose answer carried it
    cached_on_hand: int | None  # the latest figure pulled since, if any


class StockToCountService:
    def __init__(self, db: UnitOfWorkFactory, location_id: int) -> None:
        self._db = db
        self._location_id = location_id

    def negative_at_warehouse(self) -> list[NegativeStock]:
        """Products the warehouse reported below zero at this store, most negative first."""
        with self._db.snapshot() as uow:
            warnings = uow.stock_warnings.negative_at(self._location_id)
        found = []
        for w in warnings:
            cached, received_at = w.cached_on_hand, w.cached_received_at
            if (
                cached is not None
                and cached >= 0
                and received_at
                and _after(received_at, w.reported_at)
            ):
                continue  # counted or restocked since the warning
            found.append(
                NegativeStock(
                    w.product_id, w.sku, w.name, w.on_hand, w.reported_at, w.receipt_no, cached
                )
            )
        return sorted(found, key=lambda item: (item.on_hand, item.sku))


def _after(first: str, second: str) -> bool:
    return datetime.fromisoformat(first) > datetime.fromisoformat(second)
