"""Stock the warehouse holds below zero for this store: what the store manager counts.

Sales are facts, so the warehouse applies a sale even when it drives the store's stock
negative, and says so in its answer (``negative_stock``). The relay keeps those answers
(``local.sync_results.record_negative_stock``); this lists them for one store, dropping
a product once a figure fetched after the warning shows it at zero or above again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.local.db import LocalDatabase
from counter_app.local.sync_results import negative_stock_rows


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
    def __init__(self, db: LocalDatabase, location_id: int) -> None:
        self._db = db
        self._location_id = location_id

    def negative_at_warehouse(self) -> list[NegativeStock]:
        """Products the warehouse reported below zero at this store, most negative first."""
        with self._db.read() as session:
            rows = negative_stock_rows(session, self._location_id)
        found = []
        for warning, sku, name, cached, received_at in rows:
            if cached is not None and cached >= 0 and received_at and _after(received_at, warning.reported_at):
                continue  # counted or restocked since the warning
            found.append(
                NegativeStock(
                    warning.product_id, sku or "", name or "", warning.on_hand, warning.reported_at,
                    warning.receipt_no, cached,
                )
            )
        return sorted(found, key=lambda item: (item.on_hand, item.sku))


def _after(first: str, second: str) -> bool:
    return datetime.fromisoformat(first) > datetime.fromisoformat(second)
