"""Look-ups the cashier does: scan a code, search by name, see stock."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.money import Money
from counter_app.local import catalog_queries, shelf_queries
from counter_app.local.db import LocalDatabase


@dataclass(frozen=True, slots=True)
class StockToCount:
    """A product this store has sold more of than its records hold: count it."""

    product: ProductInfo
    on_hand: int  # the warehouse's last figure plus local sales not yet acknowledged
    pending_local: int  # the local part of it
    figure_received_at: str | None  # when the warehouse's figure arrived (UTC ISO); None: never


class CatalogService:
    def __init__(self, db: LocalDatabase) -> None:
        self._db = db

    def find_by_code(self, code: str) -> ProductInfo | None:
        """A scanned or typed code: barcode first, then the unified SKU."""
        code = code.strip()
        if not code:
            return None
        with self._db.read_connection() as conn:  # the hot path: Core, no ORM session
            return catalog_queries.find_by_barcode(conn, code) or catalog_queries.find_by_sku(conn, code)

    def find_by_any(self, codes: tuple[str, ...]) -> ProductInfo | None:
        """The first of several spellings of one scanned code that the catalog knows."""
        with self._db.read() as session:
            for code in codes:
                product = catalog_queries.find_by_barcode(session, code)
                if product is not None:
                    return product
        return None

    def search(self, query: str, limit: int = 50) -> list[ProductInfo]:
        with self._db.read() as session:
            return catalog_queries.search_products(session, query, limit)

    def stock(self, product_id: int) -> list[StockFigure]:
        with self._db.read() as session:
            return catalog_queries.stock_figures(session, product_id)

    def product_count(self) -> int:
        with self._db.read() as session:
            return catalog_queries.count_products(session)

    def on_shelf(self, location_id: int, product_id: int) -> int:
        """What this store's records say it has of a product (server figure + local sales)."""
        with self._db.read_connection() as conn:
            return shelf_queries.on_shelf(conn, location_id, product_id)

    def stock_to_count(self, location_id: int) -> list[StockToCount]:
        """This store's products whose stock is below zero, most negative first."""
        with self._db.read() as session:
            rows = shelf_queries.below_zero(session, location_id)
        return [
            StockToCount(
                ProductInfo(id=r[0], sku=r[1], name=r[2], price=Money(r[3]), category=r[4]),
                on_hand=r[5] + r[6],
                pending_local=r[6],
                figure_received_at=r[7],
            )
            for r in rows
        ]
