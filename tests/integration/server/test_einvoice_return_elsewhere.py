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
from counter_app.core.einvoice import InvoiceRegister, invoice_register
from counter_app.core.einvoice_codes import buyer_from_input
from counter_app.core.money import Money
from counter_app.core.receipts import QRPair
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.returns import ReturnChoice, ReturnError, ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.sync.client import WarehouseClient
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay
from tests.shift_testkit import open_test_shift
from warehouse_api.models import Einvoice, EinvoiceAllowance, EinvoiceUpload
from warehouse_api.services import mig
from warehouse_api.services.einvoice_upload import SellerInfo, export_pending, message_dir

ALLOCATION = ["period,track,start,end,invoice_type", "11512,AB,12345600,12345799,07"]
SETTINGS = EinvoiceSettings("04595257", "0" * 32, numbers_ahead=10)
SOLD = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)
RETURNED = datetime(2026, 11, 26, 15, 0, tzinfo=TAIWAN)  # the same period (11512)
LATER = datetime(2027, 1, 3, 10, 0, tzinfo=TAIWAN)  # period 11602: allowances
CASHIER = StaffMember(1, "收銀員", "cashier")
SELLER = SellerInfo("好鄰居商店股份有限公司", "臺北市中正區重慶南路一段2號")
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
    for name, store in (
        ("seller", "S001"),
        ("same_store", "S001"),
        ("third", "S001"),
        ("other_store", "S002"),
    ):
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


def _sell(till: Till, qty: int, **buyer: str) -> tuple[str, str]:
    assert till.invoicing.top_up(till.client).remaining >= 1
    cart = Cart()
    cart.add(TEA, qty)
    selling = SellingService(till.db, till.store, lambda: SOLD, till.invoicing)
    sale = selling.complete_cash_sale(cart, CASHIER, cart.total, buyer_from_input(**buyer))
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


def _register(till: Till) -> InvoiceRegister:
    with till.db.snapshot() as uow:
        shift = uow.shifts.open_shift(till.store.location_id)
        return invoice_register(uow.einvoices.of_shift(shift.shift_id), shift.shift_id)


def _partial_return_at(till: Till, receipt_no: str, qty: int, at: datetime) -> Any:
    service = ReturnsService(
        till.db,
        till.store,
        clock=lambda: at,
        invoicing=till.invoicing,
        output=till.output,
        warehouse=till.client,
    )
    [line] = service.find(receipt_no).lines
    done = service.complete(receipt_no, [ReturnChoice(line.line_id, qty)], CASHIER)
    service.print_return(done)
    return done


def test_a_partial_return_in_the_period_at_another_till_of_the_store_voids_and_reissues(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    """Another till's sale of this store, found through the warehouse: within the period
    the invoice is voided and this till issues the replacement from its own booklet, as
    for its own sale; the warehouse takes both, though the invoice is the other till's."""
    receipt_no, number = _sell(tills["seller"], 3, carrier="/ABC+123")  # NT$90
    here = tills["same_store"]
    assert here.invoicing.top_up(here.client).remaining >= 1
    with here.db.snapshot() as uow:
        [booklet] = uow.einvoices.held()
    done = _partial_return_at(here, receipt_no, 1, RETURNED)
    settled = done.settlement
    assert settled is not None and (settled.kind, settled.number) == ("reissue", number)
    new = settled.replacement
    assert new is not None and new.number == f"{booklet.track}{booklet.start_no:08d}"
    assert (new.total_cents, new.replaces, new.return_id) == (6000, number, done.return_id)
    assert (new.carrier_type, new.carrier_id) == ("3J0002", "/ABC+123")  # the same carrier
    assert (new.period, new.issued_at) == ("11512", RETURNED.isoformat())
    # A carrier invoice prints no proof: the slip says where the replacement went.
    [slip] = [d for d in here.output.documents if d.kind.value == "einvoice_slip"]
    assert new.dashed_number in slip.plain_text(32) and "/ABC+123" in slip.plain_text(32)
    here.sync()

    with server.db.read() as session:
        old_row = session.scalars(select(Einvoice).where(Einvoice.number == number)).one()
        new_row = session.scalars(select(Einvoice).where(Einvoice.number == new.number)).one()
        owed = session.execute(
            select(EinvoiceUpload.message_type, EinvoiceUpload.document_no).where(
                EinvoiceUpload.invoice_number.in_([number, new.number])
            )
        ).all()
    assert old_row.voided_at is not None and old_row.void_return_id == done.return_id
    assert old_row.device_id != new_row.device_id  # issued by two tills of the store
    assert (new_row.replaces, new_row.return_id, new_row.sale_id, new_row.total_cents) == (
        number,
        done.return_id,
        old_row.sale_id,
        6000,
    )
    assert new_row.carrier_id == "/ABC+123" and new_row.voided_at is None
    assert sorted(owed) == [("F0401", number), ("F0401", new.number), ("F0501", number)]
    export_pending(server.db, tmp_path, SELLER)
    f0401 = (message_dir(tmp_path, "F0401") / "SRC" / f"F0401_{new.number}.xml").read_bytes()
    assert mig.validate(f0401) == []
    text = f0401.decode("utf-8")
    assert "<Quantity>2</Quantity>" in text and f"原發票 {number}<" in text
    assert "<CarrierId1>/ABC+123</CarrierId1>" in text
    with server.client(server.enroll("S001")) as client:
        body = client.get(f"/sales/by-receipt/{receipt_no}").json()["einvoice"]
    assert (body["number"], body["voided"], body["total_cents"]) == (new.number, False, 6000)
    assert (body["carrier_type"], body["carrier_id"], body["donation_code"]) == (
        "3J0002",
        "/ABC+123",
        None,
    )

    # A second partial return at this till: the sale is in its journal now with the
    # replacement, which it voids and replaces in turn.
    again = _partial_return_at(here, receipt_no, 1, RETURNED)
    assert again.settlement is not None and again.settlement.kind == "reissue"
    assert again.settlement.number == new.number
    assert again.settlement.replacement is not None
    assert again.settlement.replacement.total_cents == 3000
    here.sync()

    # The registers of the two tills: the original counts where it was issued; its void,
    # both replacements and the first one's void at this till, in the shift of the returns.
    # Together they leave the one live invoice (NT$30).
    registers = [_register(tills["seller"]), _register(here)]
    assert [(r.issued, r.voided, r.total_cents) for r in registers] == [
        (1, 0, 9000),
        (2, 2, 6000 + 3000 - 9000 - 6000),
    ]
    assert registers[1].voided_cents == 9000 + 6000
    assert sum(r.total_cents for r in registers) == 3000


def test_a_partial_return_at_another_till_after_the_period_is_an_allowance(
    server: Server, tills: dict[str, Till]
) -> None:
    receipt_no, number = _sell(tills["seller"], 3)
    here = tills["same_store"]
    later = datetime(2027, 1, 3, 10, 0, tzinfo=TAIWAN)  # period 11602
    done = _partial_return_at(here, receipt_no, 1, later)
    assert done.settlement is not None
    assert (done.settlement.kind, done.settlement.allowance_no) == ("allowance", f"{number}-01")
    here.sync()
    with server.db.read() as session:
        invoice = session.scalars(select(Einvoice).where(Einvoice.number == number)).one()
    assert invoice.voided_at is None


def test_a_partial_return_in_the_period_of_the_proof_printed_for_the_replacement(
    server: Server, tills: dict[str, Till]
) -> None:
    """Without a carrier the replacement's proof prints after the return receipt, listing
    what the customer kept."""
    receipt_no, _number = _sell(tills["seller"], 3)
    here = tills["same_store"]
    assert here.invoicing.top_up(here.client).remaining >= 1
    done = _partial_return_at(here, receipt_no, 2, RETURNED)
    assert done.settlement is not None and done.settlement.replacement is not None
    receipt, proof = here.output.documents[-2:]
    assert receipt.kind.value == "return_receipt" and proof.kind.value == "einvoice_proof"
    assert proof.reference == done.settlement.replacement.dashed_number
    assert "補印" not in proof.plain_text(32)
    [pair] = [e for e in proof.elements if isinstance(e, QRPair)]
    # The one piece kept, named as the warehouse names the product.
    [line] = here.returns().find(receipt_no).lines
    assert pair.left.split(":")[5:] == [line.name, "1", "30"]
    here.sync()


# -- a second return of another till's sale (issue #13 item 5) ---------------------------


def _allowances_on(server: Server, number: str) -> list[tuple[str, int, str]]:
    with server.db.read() as session:
        rows = session.scalars(
            select(EinvoiceAllowance)
            .where(EinvoiceAllowance.invoice_number == number)
            .order_by(EinvoiceAllowance.allowance_no)
        ).all()
        return [(a.allowance_no, a.total_cents, a.return_id) for a in rows]


def _invoices_of_sale(server: Server, number: str) -> list[Einvoice]:
    """Every invoice of the sale whose first invoice is ``number``, oldest first."""
    with server.db.read() as session:
        sale_id = session.scalars(select(Einvoice.sale_id).where(Einvoice.number == number)).one()
        rows = session.scalars(
            select(Einvoice).where(Einvoice.sale_id == sale_id).order_by(Einvoice.issued_at)
        ).all()
        session.expunge_all()
        return list(rows)


def _uploads_valid(server: Server, tmp_path: Path) -> dict[str, list[str]]:
    """Export every owed message; each file must pass the MIG checks, and no document is
    owed twice. Answers the document numbers written per message type."""
    with server.db.read() as session:
        owed = session.execute(
            select(EinvoiceUpload.message_type, EinvoiceUpload.document_no)
        ).all()
    assert len(owed) == len(set(owed)), "a document owed twice"
    export_pending(server.db, tmp_path, SELLER)
    written: dict[str, list[str]] = {}
    for kind in ("F0401", "F0501", "G0401"):
        for path in sorted((message_dir(tmp_path, kind) / "SRC").glob("*.xml")):
            assert mig.validate(path.read_bytes()) == [], path.name
            written.setdefault(kind, []).append(path.stem.split("_", 1)[1])
    return written


def _qr_items(document: Any) -> list[str]:
    [pair] = [e for e in document.elements if isinstance(e, QRPair)]
    return list(pair.left.split(":")[5:])


def test_a_second_return_at_this_till_after_its_allowance_gives_the_next_allowance(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    """The first return (a later period) copied the sale into this till's journal and
    gave allowance -01 on the other till's invoice; each later one gives the next
    allowance on it, before and after a sync, until the invoice is all allowed."""
    receipt_no, number = _sell(tills["seller"], 4)  # NT$120
    here = tills["same_store"]
    done = [_partial_return_at(here, receipt_no, 1, LATER)]
    done.append(_partial_return_at(here, receipt_no, 1, LATER))  # before any sync
    here.sync()
    done.append(_partial_return_at(here, receipt_no, 1, LATER))  # the warehouse counts two
    done.append(_partial_return_at(here, receipt_no, 1, LATER))  # and one not yet
    for n, each in enumerate(done, start=1):
        assert each.settlement is not None, f"return {n} settled no invoice"
        assert (each.settlement.kind, each.settlement.number) == ("allowance", number)
        assert each.settlement.allowance_no == f"{number}-{n:02d}"
    here.sync()
    assert _allowances_on(server, number) == [
        (f"{number}-{n:02d}", 3000, each.return_id) for n, each in enumerate(done, start=1)
    ]
    slips = [d for d in here.output.documents if d.kind.value == "einvoice_allowance"]
    assert [s.reference for s in slips] == [f"{number}-{n:02d}" for n in range(1, 5)]
    written = _uploads_valid(server, tmp_path)
    assert written["F0401"] == [number]  # G0401s wait for the F0401's acceptance


def test_a_return_after_a_replacement_here_and_an_allowance_at_a_third_till(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    """This till reissued the invoice (same period); a third till later gave allowance
    -01 on that replacement; this till's next return gives -02 on it, within what is left."""
    receipt_no, number = _sell(tills["seller"], 4)  # NT$120
    here, third = tills["same_store"], tills["third"]
    assert here.invoicing.top_up(here.client).remaining >= 1
    first = _partial_return_at(here, receipt_no, 1, RETURNED)
    assert first.settlement is not None and first.settlement.replacement is not None
    live = first.settlement.replacement.number
    here.sync()
    there = _partial_return_at(third, receipt_no, 1, LATER)
    assert there.settlement is not None
    assert (there.settlement.number, there.settlement.allowance_no) == (live, f"{live}-01")
    third.sync()
    again = _partial_return_at(here, receipt_no, 1, LATER)
    assert again.settlement is not None, "the second return here settled no invoice"
    assert (again.settlement.kind, again.settlement.number) == ("allowance", live)
    assert again.settlement.allowance_no == f"{live}-02"
    here.sync()
    last = _partial_return_at(here, receipt_no, 1, LATER)  # NT$30 left on the NT$90 one
    assert last.settlement is not None and last.settlement.allowance_no == f"{live}-03"
    here.sync()
    assert _allowances_on(server, live) == [
        (f"{live}-01", 3000, there.return_id),
        (f"{live}-02", 3000, again.return_id),
        (f"{live}-03", 3000, last.return_id),
    ]
    assert _allowances_on(server, number) == []
    _uploads_valid(server, tmp_path)


def test_a_return_after_a_third_till_replaced_this_tills_replacement(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    """Three replacements in one period at two tills: each return voids the invoice that
    is live now, wherever it was issued, and no number is used twice; the reprint lists
    what the last replacement covers."""
    receipt_no, number = _sell(tills["seller"], 4)  # NT$120
    here, third = tills["same_store"], tills["third"]
    for till in (here, third):
        assert till.invoicing.top_up(till.client).remaining >= 1
    first = _partial_return_at(here, receipt_no, 1, RETURNED)
    assert first.settlement is not None and first.settlement.replacement is not None
    here.sync()
    there = _partial_return_at(third, receipt_no, 1, RETURNED)
    assert there.settlement is not None and there.settlement.replacement is not None
    assert there.settlement.number == first.settlement.replacement.number
    third.sync()
    again = _partial_return_at(here, receipt_no, 1, RETURNED)
    assert again.settlement is not None and again.settlement.kind == "reissue"
    assert again.settlement.number == there.settlement.replacement.number
    assert again.settlement.replacement is not None
    assert again.settlement.replacement.total_cents == 3000
    here.sync()
    invoices = _invoices_of_sale(server, number)
    numbers = [i.number for i in invoices]
    assert len(numbers) == len(set(numbers)) == 4
    assert [i.total_cents for i in invoices] == [12000, 9000, 6000, 3000]
    assert [i.voided_at is None for i in invoices] == [False, False, False, True]
    assert [i.replaces for i in invoices] == [None, *numbers[:3]]
    # The reprint of the live replacement here: the one tea it covers, marked 補印.
    here.invoicing.reprint(receipt_no)
    proof = here.output.documents[-1]
    assert proof.reference == again.settlement.replacement.dashed_number
    assert "補印" in proof.plain_text(32) and _qr_items(proof)[1:] == ["1", "30"]
    written = _uploads_valid(server, tmp_path)
    assert sorted(written["F0401"]) == sorted(numbers)


def test_a_reprint_of_a_replacement_lists_what_it_covers_after_a_return_at_a_third_till(
    server: Server, tills: dict[str, Till]
) -> None:
    """A third till reissued first; this till's replacement covers two teas of four. Its
    reprint lists the two (what the replacement holds), not the three this till's
    journal alone would leave."""
    receipt_no, _number = _sell(tills["seller"], 4)
    here, third = tills["same_store"], tills["third"]
    for till in (here, third):
        assert till.invoicing.top_up(till.client).remaining >= 1
    _partial_return_at(third, receipt_no, 1, RETURNED)
    third.sync()
    done = _partial_return_at(here, receipt_no, 1, RETURNED)
    assert done.settlement is not None and done.settlement.replacement is not None
    first = here.output.documents[-1]
    assert first.kind.value == "einvoice_proof" and _qr_items(first)[1:] == ["2", "30"]
    here.invoicing.reprint(receipt_no)
    again = here.output.documents[-1]
    assert again.reference == first.reference and "補印" in again.plain_text(32)
    assert _qr_items(again) == _qr_items(first)
    here.sync()


def test_a_second_return_of_another_tills_sale_waits_for_the_warehouse(
    server: Server, tills: dict[str, Till]
) -> None:
    """Offline, the invoice that is live now (and its allowances) cannot be known: the
    second return is refused as the first would be (warehouse_down), nothing written."""
    receipt_no, number = _sell(tills["seller"], 4)
    here = tills["same_store"]
    first = _partial_return_at(here, receipt_no, 1, LATER)
    assert first.settlement is not None and first.settlement.allowance_no == f"{number}-01"
    with here.db.snapshot() as uow:
        before = (uow.outbox.stats(), uow.returns.of_sale(first_sale(here, receipt_no)))
    offline = Till(
        here.db,
        WarehouseClient("http://127.0.0.1:9", server.enroll("S001")),
        here.store,
        here.invoicing,
        here.output,
    )
    try:
        with pytest.raises(ReturnError) as refused:
            _partial_return_at(offline, receipt_no, 1, LATER)
    finally:
        offline.client.close()
    assert refused.value.code == "elsewhere_offline"
    from counter_app.ui.screens.returns import return_error_text

    assert return_error_text(refused.value).startswith(f"{receipt_no} was rung up at another till")
    with here.db.snapshot() as uow:
        after = (uow.outbox.stats(), uow.returns.of_sale(first_sale(here, receipt_no)))
    assert after == before


def first_sale(till: Till, receipt_no: str) -> str:
    with till.db.snapshot() as uow:
        sale = uow.sales.by_receipt_no(receipt_no)
        assert sale is not None
        return sale.sale_id


# -- a return at the selling till after another till settled its invoice (issue #13) ----

COFFEE = ProductInfo(22, "SKU22", "咖啡", Money(5000))


def _sell_two_lines(till: Till) -> tuple[str, str]:
    """Two teas (NT$60) and a coffee (NT$50): NT$110 on one invoice."""
    assert till.invoicing.top_up(till.client).remaining >= 1
    cart = Cart()
    cart.add(TEA, 2)
    cart.add(COFFEE, 1)
    selling = SellingService(till.db, till.store, lambda: SOLD, till.invoicing)
    sale = selling.complete_cash_sale(cart, CASHIER, cart.total, buyer_from_input())
    assert sale.invoice is not None and sale.invoice.total_cents == 11000
    till.sync()
    return sale.receipt_no, sale.invoice.number


def _return_line_at(
    till: Till, receipt_no: str, product: ProductInfo, qty: int, at: datetime
) -> Any:
    service = ReturnsService(
        till.db,
        till.store,
        clock=lambda: at,
        invoicing=till.invoicing,
        output=till.output,
        warehouse=till.client,
    )
    [line] = [x for x in service.find(receipt_no).lines if x.product_id == product.id]
    done = service.complete(receipt_no, [ReturnChoice(line.line_id, qty)], CASHIER)
    service.print_return(done)
    return done


def _replaced_at_another_till(tills: dict[str, Till]) -> tuple[str, str, str]:
    """A sale of the seller's, one tea returned at another till of the store in the
    period: the invoice voided there and replaced (NT$80), synced. Answers the receipt,
    the first invoice and the replacement."""
    receipt_no, number = _sell_two_lines(tills["seller"])
    there = tills["same_store"]
    assert there.invoicing.top_up(there.client).remaining >= 1
    done = _return_line_at(there, receipt_no, TEA, 1, RETURNED)
    assert done.settlement is not None and done.settlement.replacement is not None
    assert done.settlement.replacement.total_cents == 8000
    there.sync()
    return receipt_no, number, done.settlement.replacement.number


def test_the_selling_till_voids_the_replacement_another_till_issued(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    """The selling till's journal still holds its own invoice as live; the warehouse says
    another till voided and replaced it. A return of the coffee at the selling till in
    the period voids that replacement and issues one for the tea left; the warehouse
    takes every op (no sync problem)."""
    receipt_no, number, elsewhere = _replaced_at_another_till(tills)
    seller = tills["seller"]
    done = _return_line_at(seller, receipt_no, COFFEE, 1, RETURNED)
    settled = done.settlement
    assert settled is not None and (settled.kind, settled.number) == ("reissue", elsewhere)
    assert settled.replacement is not None and settled.replacement.total_cents == 3000
    assert settled.replacement.replaces == elsewhere
    proof = seller.output.documents[-1]
    assert proof.kind.value == "einvoice_proof" and _qr_items(proof) == ["茶", "1", "30"]
    seller.sync()  # asserts that nothing was rejected
    invoices = _invoices_of_sale(server, number)
    assert [(i.number, i.total_cents, i.voided_at is None) for i in invoices] == [
        (number, 11000, False),
        (elsewhere, 8000, False),
        (settled.replacement.number, 3000, True),
    ]
    assert [i.replaces for i in invoices] == [None, number, elsewhere]
    # The selling till's journal knows its own invoice is void (outside its register).
    with seller.db.snapshot() as uow:
        own = uow.einvoices.by_number(number)
    assert own is not None and own.voided_at is not None and own.void_shift_id is None
    registers = [_register(seller), _register(tills["same_store"])]
    assert sum(r.total_cents for r in registers) == 3000
    _uploads_valid(server, tmp_path)


def test_the_selling_till_gives_an_allowance_on_another_tills_replacement(
    server: Server, tills: dict[str, Till]
) -> None:
    """After the period, the selling till's return gives an allowance against the
    replacement another till issued, not against its own dead invoice."""
    receipt_no, number, elsewhere = _replaced_at_another_till(tills)
    seller = tills["seller"]
    done = _return_line_at(seller, receipt_no, COFFEE, 1, LATER)
    settled = done.settlement
    assert settled is not None and settled.kind == "allowance"
    assert (settled.number, settled.allowance_no) == (elsewhere, f"{elsewhere}-01")
    [slip] = [d for d in seller.output.documents if d.kind.value == "einvoice_allowance"]
    assert f"原發票：AB-{elsewhere[2:]}" in slip.plain_text(32)
    seller.sync()
    assert _allowances_on(server, elsewhere) == [(f"{elsewhere}-01", 5000, done.return_id)]
    assert _allowances_on(server, number) == []


def test_the_selling_till_settles_from_its_journal_when_the_warehouse_is_down(
    server: Server, tills: dict[str, Till]
) -> None:
    """Offline, a return of the till's own sale still works from its journal."""
    receipt_no, number = _sell_two_lines(tills["seller"])
    seller = tills["seller"]
    assert seller.invoicing.top_up(seller.client).remaining >= 1
    offline = Till(
        seller.db,
        WarehouseClient("http://127.0.0.1:9", server.enroll("S001")),
        seller.store,
        seller.invoicing,
        seller.output,
    )
    try:
        done = _return_line_at(offline, receipt_no, COFFEE, 1, RETURNED)
    finally:
        offline.client.close()
    assert done.settlement is not None and (done.settlement.kind, done.settlement.number) == (
        "reissue",
        number,
    )
    assert done.settlement.replacement is not None
    assert done.settlement.replacement.total_cents == 6000
    seller.sync()
