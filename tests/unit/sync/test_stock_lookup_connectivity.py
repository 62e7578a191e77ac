"""Issue 8.8: a live stock look-up that fails tells the connectivity monitor, so the
status bar does not say "online" while the stock panel says "offline"."""

from __future__ import annotations

from typing import Any

from counter_app.local.db import LocalDatabase
from counter_app.services.catalog import CatalogService
from counter_app.services.stock_lookup import StockLookupService
from counter_app.sync.client import WarehouseProblem, WarehouseUnreachable
from counter_app.sync.connectivity import Connectivity, ConnectivityMonitor


class _StockClient:
    def __init__(self) -> None:
        self.answer: Exception | dict[str, Any] = WarehouseUnreachable("GET /stock: ReadTimeout")

    def stock(self, _sku: str) -> dict[str, Any]:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def close(self) -> None:
        pass


def test_a_failed_live_look_up_reports_to_the_monitor_and_a_good_one_clears_it(
    db: LocalDatabase,
) -> None:
    catalog = CatalogService(db)
    product = catalog.find_by_code("4710000000010")  # from the sync conftest catalogue
    assert product is not None
    monitor = ConnectivityMonitor()
    monitor.report_success()
    client = _StockClient()
    lookup = StockLookupService(catalog, client, 2, monitor)  # type: ignore[arg-type]
    report = lookup.lookup(product)
    assert not report.live
    assert monitor.state != Connectivity.ONLINE and "ReadTimeout" in monitor.last_error
    client.answer = WarehouseProblem(404, "product_not_found", "no such product")
    lookup.lookup(product)
    assert monitor.state == Connectivity.ONLINE  # the warehouse answered
    client.answer = {"levels": []}
    monitor.report_failure("x")
    assert lookup.lookup(product).live and monitor.state == Connectivity.ONLINE
