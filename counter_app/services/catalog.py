"""Look-ups the cashier does: scan a code, search by name, see stock."""

from __future__ import annotations

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.services.ports import UnitOfWorkFactory


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
