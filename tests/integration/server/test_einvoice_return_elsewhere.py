"""A return of a sale another till rang up (looked up on the warehouse) settles that
sale's e-invoice too, on a real warehouse on loopback (SQLite and PostgreSQL): a full
return in the period voids it, a partial one gives allowances numbered after those the
warehouse holds and those this till made since, another store's till included, and the
allowance certificate prints from the warehouse's figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, new_id, op, push
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.returns import ReturnChoice, ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from warehouse_api.models import Einvoice, EinvoiceAllowance, EinvoiceUpload

ALLOCATION = ["period,track,start,end,invoice_type", "11512,AB,12345600,12345699,07"]
SETTINGS = EinvoiceSettings("04595257", "0" * 32, numbers_ahead=10)
SOLD = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)
RETURNED = datetime(2026, 11, 26, 15, 0, tzinfo=TAIWAN)  # the same period (11512)
CASHIER = StaffMember(1, "收銀員", "cashier")
TEA = ProductInfo(21, "SKU21", "茶", Money(3000))


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Any] = []

    def submit(self, document: Any, *, title: str | None = None) -> str:
        self.documents.append(document)
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        return "drawer"


@dataclass
class Till:
    db: LocalDatabase
    client: WarehouseClient
    store: StoreContext
    invoicing: EinvoiceService
    output: RecordingOutput

    def sync(self) -> None:
        outcome = OutboxRelay(self.db, self.client, ConnectivityMonitor()).drain()
        assert outcome.rejected == 0, outcome

    def returns(self) -> ReturnsService:
        return ReturnsService(
            self.db,
            self.store,
            clock=lambda: RETURNED,
            invoicing=self.invoicing,
            output=self.output,
            warehouse=self.client,
        )

    def take_back(self, receipt_no: str, qty: int) -> Any:
        service = self.returns()
        [line] = service.find(receipt_no).lines
        done = service.complete(receipt_no, [ReturnChoice(line.line_id, qty)], CASHIER)
        service.print_return(done)
        return done


@pytest.fixture
def tills(server: Server, tmp_path: Path) -> Iterator[dict[str, Till]]:
    with server.client(server.token("admin")) as admin:
        assert admin.post("/admin/einvoice/numbers", json={"lines": ALLOCATION}).status_code == 201
    made: dict[str, Till] = {}
    for name, store in (("seller", "S001"), ("same_store", "S001"), ("other_store", "S002")):
        db = LocalDatabase(tmp_path / f"{name}.db")
        client = WarehouseClient(server.url, server.enroll(store))
        context = StoreContext(server.location_id(store), store, store)
        open_test_shift(db, context.location_id)
        output = RecordingOutput()
        invoicing = EinvoiceService(db, SETTINGS, lambda: SOLD, output=output, store_name=store)
        made[name] = Till(db, client, context, invoicing, output)
    yield made
    for till in made.values():
        till.client.close()
        till.db.dispose()


def _sell(till: Till, qty: int) -> tuple[str, str]:
    assert till.invoicing.top_up(till.client).remaining >= 1
    cart = Cart()
    cart.add(TEA, qty)
    selling = SellingService(till.db, till.store, lambda: SOLD, till.invoicing)
    sale = selling.complete_cash_sale(cart, CASHIER, cart.total)
    assert sale.invoice is not None
    till.sync()
    return sale.receipt_no, sale.invoice.number


def test_a_full_return_at_another_till_voids_the_sales_invoice(
    server: Server, tills: dict[str, Till]
) -> None:
    receipt_no, number = _sell(tills["seller"], 2)
    done = tills["same_store"].take_back(receipt_no, 2)
    assert done.settlement is not None
    assert (done.settlement.kind, done.settlement.number) == ("void", number)
    tills["same_store"].sync()
    with server.db.read() as session:
        invoice = session.scalars(select(Einvoice).where(Einvoice.number == number)).one()
        owed = session.scalars(
            select(EinvoiceUpload.message_type).where(EinvoiceUpload.invoice_number == number)
        ).all()
    assert invoice.voided_at is not None and invoice.void_return_id == done.return_id
    assert sorted(owed) == ["F0401", "F0501"]
    assert tills["same_store"].output.documents[1:] == [], "a void prints no certificate"


def test_partial_returns_at_another_stores_till_give_numbered_allowances(
    server: Server, tills: dict[str, Till]
) -> None:
    receipt_no, number = _sell(tills["seller"], 4)  # NT$120
    here = tills["other_store"]
    first = here.take_back(receipt_no, 1)
    second = here.take_back(receipt_no, 1)  # before the first reached the warehouse
    allowances = [done.settlement.allowance_no for done in (first, second) if done.settlement]
    assert allowances == [f"{number}-01", f"{number}-02"]
    here.sync()
    third = here.take_back(receipt_no, 1)  # the warehouse now counts the first two
    assert third.settlement is not None and third.settlement.allowance_no == f"{number}-03"
    here.sync()
    with server.db.read() as session:
        rows = session.scalars(
            select(EinvoiceAllowance).where(EinvoiceAllowance.invoice_number == number)
        ).all()
        invoice = session.scalars(select(Einvoice).where(Einvoice.number == number)).one()
    assert [(a.allowance_no, a.total_cents, a.return_id) for a in rows] == [
        (f"{number}-01", 3000, first.return_id),
        (f"{number}-02", 3000, second.return_id),
        (f"{number}-03", 3000, third.return_id),
    ]
    assert invoice.voided_at is None
    # Each printed the allowance certificate from the warehouse's figures of the invoice.
    slips = [d for d in here.output.documents if d.kind.value == "einvoice_allowance"]
    assert len(slips) == 3
    slip = slips[0].plain_text(32)
    assert f"折讓單號：{number}-01" in slip and f"原發票：AB-{number[2:]}" in slip
    assert "原發票日期：2026-11-25" in slip and "賣方統編：04595257" in slip

    # The warehouse's answer now names the invoice and its three allowances.
    with server.client(server.enroll("S002")) as client:
        body = client.get(f"/sales/by-receipt/{receipt_no}").json()["einvoice"]
    assert (body["number"], body["voided"], body["total_cents"]) == (number, False, 12000)
    assert [a["allowance_no"] for a in body["allowances"]] == [f"{number}-0{n}" for n in (1, 2, 3)]


def test_another_stores_till_settles_only_a_sale_it_took_back(
    server: Server, tills: dict[str, Till]
) -> None:
    _receipt_no, number = _sell(tills["seller"], 2)
    stranger = server.enroll("S002")
    allowance = {
        "allowance_no": f"{number}-01",
        "number": number,
        "return_id": new_id(),  # no return of that sale at S002
        "issued_at": RETURNED.isoformat(),
        "sales_amount_cents": 2900,
        "tax_cents": 100,
        "total_cents": 3000,
    }
    [refused] = push(server, stranger, op("einvoice.allowance", allowance))
    assert (refused["status"], refused["problem"]["code"]) == ("rejected", "einvoice_unknown")
    void = {"number": number, "voided_at": RETURNED.isoformat(), "reason": "退貨"}
    [refused] = push(server, stranger, op("einvoice.void", void))
    assert (refused["status"], refused["problem"]["code"]) == ("rejected", "einvoice_unknown")
