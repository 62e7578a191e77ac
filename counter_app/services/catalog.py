"""Look-ups the cashier does: scan a code, search by name, see stock."""

from __future__ import annotations

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.local import catalog_queries
from counter_app.local.db import LocalDatabase


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
