"""Stock of one product everywhere: live from the warehouse when it answers, else the
cache with the age of each figure. Local sales not yet acknowledged are included."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.ops import WarehouseDown, WarehouseError
from counter_app.services.catalog import CatalogService
from counter_app.services.ports import ConnectivityReporter, LiveStockSource


@dataclass(frozen=True, slots=True)
class StockReport:
    product: ProductInfo
    figures: list[StockFigure]
    live: bool  # True: fresh from the warehouse; False: cached figures with their ages
    note: str = ""  # why the figures are cached, for the tooltip


class StockLookupService:
    def __init__(
        self,
        catalog: CatalogService,
        client: LiveStockSource,
        own_location_id: int,
        connectivity: ConnectivityReporter | None = None,
    ) -> None:
        self._catalog = catalog
        self._client = client
        self._own = own_location_id
        self._connectivity = connectivity

    def cached(self, product: ProductInfo) -> StockReport:
        return StockReport(product, self._catalog.stock(product.id), live=False)

    def lookup(self, product: ProductInfo) -> StockReport:
        """Blocking (HTTP): call it on the network pool, never on the GUI thread."""
        cached = self._catalog.stock(product.id)
        try:
            body = self._client.stock(product.sku)
        except WarehouseDown as exc:
            # The stock panel shows "offline" now: the status bar must not still say online.
            if self._connectivity is not None:
                self._connectivity.report_failure(str(exc))
            return StockReport(product, cached, live=False, note=str(exc))
        except WarehouseError as exc:  # the warehouse answered: the link is up
            if self._connectivity is not None:
                self._connectivity.report_success()
            return StockReport(product, cached, live=False, note=str(exc))
        if self._connectivity is not None:
            self._connectivity.report_success()
        live = {level["location_id"]: level for level in body.get("levels", [])}
        figures = []
        # Every location the till knows, so "none here" shows as 0 rather than vanishing.
        for figure in cached:
            level = live.pop(figure.location_id, None)
            on_hand = level["on_hand"] if level else 0
            available = level["available"] if level else 0
            figures.append(
                StockFigure(
                    location_id=figure.location_id,
                    location_code=figure.location_code,
                    location_name=figure.location_name,
                    location_kind=figure.location_kind,
                    on_hand=on_hand + figure.pending_local,
                    reserved=level["reserved"] if level else 0,
                    available=available + figure.pending_local,
                    pending_local=figure.pending_local,
                    age_s=None,
                )
            )
        for level in live.values():  # a location the cache has not heard of yet
            figures.append(
                StockFigure(
                    level["location_id"],
                    level["location_code"],
                    level["location_name"],
                    level["kind"],
                    level["on_hand"],
                    level["reserved"],
                    level["available"],
                    0,
                    None,
                )
            )
        order = {"store": 0, "warehouse": 1}
        figures.sort(
            key=lambda f: (
                f.location_id != self._own,
                order.get(f.location_kind, 2),
                f.location_code,
            )
        )
        return StockReport(product, figures, live=True)

    def close(self) -> None:
        self._client.close()
