"""Look-ups the cashier does: scan a code, search by name, see stock."""

from __future__ import annotations

from counter_app.core.catalog import ProductInfo, StockFigure, StockToCount
from counter_app.services.ports import UnitOfWorkFactory

__all__ = ["CatalogService", "StockToCount"]


class CatalogService:
    def __init__(self, db: UnitOfWorkFactory) -> None:
        self._db = db

    def find_by_code(self, code: str) -> ProductInfo | None:
        """A scanned or typed code: barcode first, then the unified SKU."""
        code = code.strip()
        if not code:
            return None
        with self._db.lookup() as catalog:  # the hot path: no ORM session
            return catalog.find_by_barcode(code) or catalog.find_by_sku(code)

    def find_by_any(self, codes: tuple[str, ...]) -> ProductInfo | None:
        """The first of several spellings of one scanned code that the catalog knows."""
        with self._db.lookup() as catalog:
            for code in codes:
                product = catalog.find_by_barcode(code)
                if product is not None:
                    return product
        return None

    def search(self, query: str, limit: int = 50) -> list[ProductInfo]:
        with self._db.snapshot() as uow:
            return uow.catalog.search(query, limit)

    def stock(self, product_id: int) -> list[StockFigure]:
        with self._db.snapshot() as uow:
            return uow.catalog.stock(product_id)

    def product_count(self) -> int:
        with self._db.snapshot() as uow:
            return uow.catalog.count()

    def on_shelf(self, location_id: int, product_id: int) -> int:
        """What this store's records say it has of a product (server figure + local sales)."""
        with self._db.lookup() as catalog:  # right after a scan: the hot path's connection
            return catalog.on_shelf(location_id, product_id)

    def stock_to_count(self, location_id: int) -> list[StockToCount]:
        """This store's products whose stock is below zero, most negative first."""
        with self._db.snapshot() as uow:
            return uow.catalog.below_zero(location_id)
