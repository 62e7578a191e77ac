"""Two tills take booklets, issue a day of invoices offline, then sync: every sale has its
invoice on the warehouse and no number is used twice (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from server_testkit import Server
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from warehouse_api.models import Einvoice, Sale

SALES_PER_TILL = 120  # a day at a small store
ALLOCATION = ["period,track,start,end,invoice_type", "11512,AB,12345600,12346099,07"]  # 500


def test_two_tills_issue_a_day_offline_then_sync_with_no_number_used_twice(
    server: Server, tmp_path: Path
) -> None:
    with server.client(server.token("admin")) as admin:
        assert admin.post("/admin/einvoice/numbers", json={"lines": ALLOCATION}).status_code == 201
    day = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)
    tills = []
    for n, store in enumerate(("S001", "S002")):
        db = LocalDatabase(tmp_path / f"till{n}.db")
        client = WarehouseClient(server.url, server.enroll(store))
        invoicing = EinvoiceService(
            db, EinvoiceSettings("04595257", "0" * 32, numbers_ahead=SALES_PER_TILL), lambda: day
        )
        assert invoicing.top_up(client).remaining == 150  # three booklets: a day and some
        location = StoreContext(server.location_id(store), store, store)
        open_test_shift(db, location.location_id)  # SellingService sells only in an open shift
        tills.append((db, client, SellingService(db, location, lambda: day, invoicing)))

    # Offline: nothing is pushed while the tills sell.
    issued: list[str] = []
    for index in range(SALES_PER_TILL):
        for _db, _client, selling in tills:
            cart = Cart()
            cart.add(ProductInfo(21, "SKU21", "商品", Money(2500 + index)), 1)
            sale = selling.complete_cash_sale(cart, StaffMember(1, "收銀員", "cashier"), cart.total)
            assert sale.invoice is not None
            issued.append(sale.invoice.number)
    assert max(Counter(issued).values()) == 1

    for db, client, _selling in tills:
        outcome = OutboxRelay(db, client, ConnectivityMonitor()).drain()
        assert outcome.rejected == 0 and outcome.applied == 2 * SALES_PER_TILL, outcome
        db.dispose()
        client.close()

    with server.db.read() as session:
        numbers = list(session.scalars(select(Einvoice.number)))
        invoiced_sales = set(session.scalars(select(Einvoice.sale_id)))
        sales = set(session.scalars(select(Sale.id)))
    assert sorted(numbers) == sorted(issued)
    assert invoiced_sales == sales and len(sales) == 2 * SALES_PER_TILL
