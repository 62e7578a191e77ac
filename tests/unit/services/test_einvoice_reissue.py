"""A partial return or an exchange within the invoice's period voids the invoice and issues
a replacement (重開) for what the customer kept; after the period it is an allowance (real
SQLite file, and the fakes where marked). The till file of an older version is rebuilt to
allow one LIVE invoice per sale, keeping every invoice and allowance."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart, CartError
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet
from counter_app.core.money import Money
from counter_app.core.receipts import DocumentKind, QRPair, text_lines
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import SCHEMA_VERSION, STEPS, _reissue_live_invoice
from counter_app.local.models import OutboxOp
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.exchanges import ExchangeService
from counter_app.services.returns import ReturnChoice, ReturnsService
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from tests.shift_testkit import open_test_shift
from tests.unit.services.fakes import FakeDatabase

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
CHIPS = ProductInfo(11, "100011", "樂事 原味洋芋片 85g", Money(3900))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=10)
SOLD = datetime(2026, 12, 31, 23, 50, tzinfo=TAIWAN)  # the last minutes of period 11512


class Output:
    def __init__(self) -> None:
        self.documents: list[Any] = []

    def submit(self, document: Any, *, title: str | None = None) -> str:
        self.documents.append(document)
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        return "drawer"


@pytest.fixture(params=["sqlite", "fakes"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    database: Any = (
        LocalDatabase(tmp_path / "counter.db") if request.param == "sqlite" else FakeDatabase()
    )
    open_test_shift(database, STORE.location_id)
    with database.transaction() as uow:
        uow.einvoices.add_booklets(
            [
                Booklet(7, "11512", "AB", 12345600, 12345609, "07", 12345600),
                Booklet(8, "11602", "CD", 22345600, 22345649, "07", 22345600),
            ]
        )
    yield database
    if isinstance(database, LocalDatabase):
        database.dispose()


def _sell(db: Any, output: Output | None = None) -> tuple[EinvoiceService, CompletedSale]:
    """Four teas and a bag of chips, NT$139, invoice AB12345600."""
    invoicing = EinvoiceService(db, SETTINGS, lambda: SOLD, output=output, store_name="信義")
    cart = Cart()
    cart.add(TEA, 4)
    cart.add(CHIPS, 1)
    sold = SellingService(db, STORE, lambda: SOLD, invoicing).complete_cash_sale(
        cart, CASHIER, cart.total
    )
    assert sold.invoice is not None and sold.invoice.number == "AB12345600"
    return invoicing, sold


def _take_back(
    db: Any, invoicing: EinvoiceService, sold: CompletedSale, at: datetime, **qty: int
) -> Any:
    returns = ReturnsService(db, STORE, None, lambda: at, invoicing=invoicing, output=Output())
    lines = {line.sku: line for line in returns.find(sold.receipt_no).lines}
    picks = [ReturnChoice(lines[sku].line_id, n) for sku, n in qty.items()]
    return returns.complete(sold.receipt_no, picks, CASHIER)


def test_a_partial_return_in_the_period_voids_and_reissues_for_what_was_kept(db: Any) -> None:
    invoicing, sold = _sell(db)
    at = datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIWAN)  # the period's last second
    done = _take_back(db, invoicing, sold, at, **{"100010": 2})  # two teas: NT$50
    settled = done.settlement
    assert settled is not None and (settled.kind, settled.number) == ("reissue", "AB12345600")
    new = settled.replacement
    assert new is not None
    assert (new.number, new.period, new.replaces, new.return_id) == (
        "AB12345601",  # the till's next number
        "11512",
        "AB12345600",
        done.return_id,
    )
    assert (new.total_cents, new.sales_amount_cents, new.tax_cents) == (8900, 8500, 400)
    assert new.sale_id == sold.sale_id and new.issued_at == at.isoformat()
    assert new.random_code.isdigit() and len(new.random_code) == 4
    with db.snapshot() as uow:
        old = uow.einvoices.by_number("AB12345600")
        assert old.voided_at == at.isoformat()  # 作廢, kept with its number
        assert uow.einvoices.of_sale(sold.sale_id).number == "AB12345601"  # the live one
        assert uow.einvoices.replacement_of("AB12345600").number == "AB12345601"
        assert uow.einvoices.allowances_of("AB12345600") == []
    if isinstance(db, LocalDatabase):
        with db.read() as session:
            ops = list(session.scalars(select(OutboxOp).order_by(OutboxOp.op_id)))
        # The return, then the void, then the replacement: the warehouse needs that order.
        assert [op.type for op in ops][-3:] == ["return", "einvoice.void", "einvoice.issue"]
        void, issue = (json.loads(op.payload) for op in ops[-2:])
        assert (void["number"], void["return_id"]) == ("AB12345600", done.return_id)
        assert (issue["number"], issue["replaces"], issue["return_id"]) == (
            "AB12345601",
            "AB12345600",
            done.return_id,
        )
        assert issue["total_cents"] == 8900 and issue["sale_id"] == sold.sale_id


def test_a_return_in_the_next_period_is_an_allowance_on_the_live_invoice(db: Any) -> None:
    invoicing, sold = _sell(db)
    same = datetime(2026, 12, 31, 23, 55, tzinfo=TAIWAN)
    first = _take_back(db, invoicing, sold, same, **{"100010": 1}).settlement
    assert first.kind == "reissue" and first.replacement.number == "AB12345601"
    next_period = datetime(2027, 1, 1, 0, 0, tzinfo=TAIWAN)  # the period's first second
    second = _take_back(db, invoicing, sold, next_period, **{"100011": 1}).settlement
    assert (second.kind, second.number, second.allowance_no) == (
        "allowance",
        "AB12345601",  # linked to the replacement, the invoice the customer holds
        "AB12345601-01",
    )
    with db.snapshot() as uow:
        assert uow.einvoices.of_sale(sold.sale_id).voided_at is None
        [allowance] = uow.einvoices.allowances_of("AB12345601")
    assert allowance.total_cents == 3900


def test_each_return_in_the_period_replaces_again_and_the_last_goods_void(db: Any) -> None:
    output = Output()
    invoicing, sold = _sell(db, output)
    at = datetime(2026, 12, 31, 23, 55, tzinfo=TAIWAN)
    one = _take_back(db, invoicing, sold, at, **{"100010": 1}).settlement
    two = _take_back(db, invoicing, sold, at, **{"100011": 1}).settlement
    assert (two.kind, two.number, two.replacement.number) == ("reissue", "AB12345601", "AB12345602")
    assert two.replacement.replaces == one.replacement.number
    assert two.replacement.total_cents == 7500  # three teas left
    # The proof of the live invoice lists what it covers: three teas, not the sale.
    invoicing.reprint(sold.receipt_no)
    [proof] = output.documents[-1:]
    assert proof.kind == DocumentKind.EINVOICE_PROOF
    assert "AB-12345602" in _text(proof)
    assert _items(proof) == [["茶裏王 日式無糖綠茶 600ml", "3", "25"]]
    last = _take_back(db, invoicing, sold, at, **{"100010": 3}).settlement
    assert (last.kind, last.number, last.replacement) == ("void", "AB12345602", None)
    with db.snapshot() as uow:
        assert uow.einvoices.of_sale(sold.sale_id).number == "AB12345602"  # the last, voided
        assert uow.einvoices.of_sale(sold.sale_id).voided_at is not None
        assert uow.einvoices.by_number("AB12345603") is None


def test_no_number_for_the_replacement_refuses_the_return_and_writes_nothing(db: Any) -> None:
    invoicing, sold = _sell(db)
    at = datetime(2026, 12, 20, 12, 0, tzinfo=TAIWAN)
    with db.transaction() as uow:
        while uow.einvoices.take_number("11512") is not None:
            pass  # the period's numbers are all used
    with pytest.raises(CartError) as refused:
        _take_back(db, invoicing, sold, at, **{"100010": 1})
    assert refused.value.code == "einvoice_numbers_exhausted"
    from counter_app.ui.screens.returns import return_error_text

    assert return_error_text(refused.value) == (
        "No invoice number left for the new invoice: sync, then take the return again"
    )
    with db.snapshot() as uow:
        invoice = uow.einvoices.of_sale(sold.sale_id)
        assert (invoice.number, invoice.voided_at) == ("AB12345600", None)
        assert uow.returns.of_sale(sold.sale_id) == []


def test_the_replacement_proof_prints_after_the_return_receipt(tmp_path: Path) -> None:
    db = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(db, STORE.location_id)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345609, "07", 12345600)])
    output = Output()
    invoicing, sold = _sell(db, output)
    returns = ReturnsService(db, STORE, None, lambda: SOLD, invoicing=invoicing, output=output)
    line = next(li for li in returns.find(sold.receipt_no).lines if li.sku == "100011")
    done = returns.complete(sold.receipt_no, [ReturnChoice(line.line_id, 1)], CASHIER)
    returns.print_return(done)
    receipt, proof = output.documents[-2:]
    assert receipt.kind == DocumentKind.RETURN_RECEIPT
    assert proof.kind == DocumentKind.EINVOICE_PROOF and proof.reference == "AB-12345601"
    assert "補印" not in _text(proof)  # its first print
    with db.snapshot() as uow:
        assert uow.einvoices.by_number("AB12345601").printed == 1
    db.dispose()


OLD_EINVOICES = """CREATE TABLE einvoices (
    number VARCHAR(10) NOT NULL, sale_id VARCHAR(64) NOT NULL, booklet_id INTEGER NOT NULL,
    period VARCHAR(5) NOT NULL, random_code VARCHAR(4) NOT NULL, issued_at VARCHAR(40) NOT NULL,
    sales_amount_cents INTEGER NOT NULL, tax_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL, seller_id VARCHAR(8) NOT NULL, buyer_id VARCHAR(8),
    carrier_type VARCHAR(6), carrier_id VARCHAR(64), donation_code VARCHAR(7),
    printed INTEGER NOT NULL, voided_at VARCHAR(40),
    PRIMARY KEY (number), UNIQUE (sale_id),
    FOREIGN KEY(sale_id) REFERENCES sales (sale_id),
    FOREIGN KEY(booklet_id) REFERENCES einvoice_booklets (booklet_id))"""


def test_a_till_file_of_the_last_version_is_rebuilt_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    db = LocalDatabase(path)
    open_test_shift(db, STORE.location_id)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345609, "07", 12345600)])
    invoicing, sold = _sell(db)
    later = datetime(2027, 1, 5, 10, 0, tzinfo=TAIWAN)
    assert _take_back(db, invoicing, sold, later, **{"100010": 1}).settlement.kind == "allowance"
    db.dispose()
    # The file as the version before the reissue step left it: UNIQUE(sale_id), no links,
    # no shifts; every step from the reissue one on runs again.
    raw = sqlite3.connect(path)
    raw.executescript(
        "PRAGMA foreign_keys=OFF; BEGIN;"
        "CREATE TABLE old_rows AS SELECT * FROM einvoices; DROP TABLE einvoices;"
        f"{OLD_EINVOICES};"
        "INSERT INTO einvoices SELECT number, sale_id, booklet_id, period, random_code,"
        " issued_at, sales_amount_cents, tax_cents, total_cents, seller_id, buyer_id,"
        " carrier_type, carrier_id, donation_code, printed, voided_at FROM old_rows;"
        f"DROP TABLE old_rows; COMMIT; PRAGMA user_version={STEPS.index(_reissue_live_invoice)};"
    )
    raw.close()

    db = LocalDatabase(path)
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        assert raw.execute("SELECT number, replaces FROM einvoices").fetchall() == [
            ("AB12345600", None)
        ]
        # The invoice is put in its sale's shift (the register's), the one shift there is.
        assert raw.execute(
            "SELECT e.shift_id = s.shift_id FROM einvoices e, shifts s"
        ).fetchall() == [(1,)]
        assert raw.execute("SELECT number FROM einvoice_allowances").fetchall() == [("AB12345600",)]
        sql = raw.execute("SELECT sql FROM sqlite_master WHERE name='einvoices'").fetchone()[0]
        assert "UNIQUE (sale_id)" not in sql
    finally:
        raw.close()
    # The rebuilt table takes a replacement next to a voided invoice, never two live ones.
    with db.transaction() as uow:
        old = uow.einvoices.by_number("AB12345600")
    with pytest.raises(Exception, match="UNIQUE"), db.transaction() as uow:
        uow.einvoices.add(
            old.__class__(**{**_fields(old), "number": "AB12345601", "booklet_id": 7})
        )
    db.dispose()


def _text(document: Any) -> str:
    return "\n".join(text for text, _ in text_lines(document, 32))


def _items(proof: Any) -> list[list[str]]:
    """The items the proof's two QR codes carry (name, quantity, unit price)."""
    [pair] = [e for e in proof.elements if isinstance(e, QRPair)]
    fields = pair.left.split(":")[5:] + (pair.right[2:].split(":") if pair.right != "**" else [])
    fields = [f for f in fields if f]
    return [fields[i : i + 3] for i in range(0, len(fields), 3)]


def _fields(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


def test_an_exchange_in_the_period_voids_and_reissues_and_the_new_goods_get_their_own(
    db: Any,
) -> None:
    output = Output()
    invoicing, sold = _sell(db, output)
    at = datetime(2026, 12, 31, 23, 55, tzinfo=TAIWAN)
    returns = ReturnsService(db, STORE, None, lambda: at, invoicing=invoicing, output=output)
    exchanges = ExchangeService(db, STORE, returns, lambda: at, invoicing=invoicing, output=output)
    chips = next(li for li in returns.find(sold.receipt_no).lines if li.sku == "100011")
    new = Cart()
    new.add(TEA, 2)  # two more teas (NT$50) for the chips (NT$39)
    done = exchanges.complete(sold.receipt_no, [ReturnChoice(chips.line_id, 1)], new, CASHIER)
    settled = done.returned.settlement
    assert settled is not None and settled.replacement is not None and done.invoice is not None
    assert (settled.kind, settled.number) == ("reissue", "AB12345600")
    # The kept goods (four teas) on the replacement; the new goods on the new sale's own.
    assert (settled.replacement.total_cents, settled.replacement.sale_id) == (10000, sold.sale_id)
    assert (done.invoice.total_cents, done.invoice.sale_id) == (5000, done.sale_id)
    numbers = {"AB12345600", settled.replacement.number, done.invoice.number}
    assert len(numbers) == 3
    exchanges.print_exchange(done)
    receipt, proof, new_proof = output.documents[-3:]
    assert receipt.kind == DocumentKind.EXCHANGE_RECEIPT
    assert proof.kind == DocumentKind.EINVOICE_PROOF
    assert proof.reference == f"AB-{settled.replacement.number[2:]}"
    assert _items(proof) == [["茶裏王 日式無糖綠茶 600ml", "4", "25"]]
    # Then the new sale's own invoice, for the goods given.
    assert new_proof.kind == DocumentKind.EINVOICE_PROOF
    assert new_proof.reference == done.invoice.dashed_number
    assert _items(new_proof) == [["茶裏王 日式無糖綠茶 600ml", "2", "25"]]


def _remote(number: str, sale_id: str, total_cents: int, **fields: Any) -> Any:
    """The sale's live invoice as the warehouse answers, issued at another till."""
    from counter_app.core.einvoice import InvoiceRecord
    from counter_app.services.einvoice import RemoteInvoice

    invoice = InvoiceRecord(
        number, sale_id, 0, "11512", "1234", SOLD.isoformat(), 0, 0, total_cents, "04595257"
    )
    return RemoteInvoice(invoice, voided=False, same_store=True, **fields)


def test_the_invoice_live_now_is_the_warehouses_once_it_voided_this_tills_replacement(
    db: Any,
) -> None:
    """This till's replacement was voided and replaced at another till (the warehouse
    names it voided): the next return here settles the other till's invoice, and this
    till's replacement is marked void outside its register; a live invoice of each side
    at once is refused (einvoice_out_of_step), nothing written."""
    invoicing, sold = _sell(db)
    at = datetime(2026, 12, 31, 23, 55, tzinfo=TAIWAN)
    mine = _take_back(db, invoicing, sold, at, **{"100011": 1}).settlement.replacement
    assert mine is not None and mine.total_cents == 10000
    theirs = _remote("EF00000007", sold.sale_id, 7500)  # another till took back a tea
    with pytest.raises(CartError) as refused, db.transaction() as uow:
        invoicing.settle_return(uow, sold.sale_id, "ret-x", 2500, at, theirs)
    assert refused.value.code == "einvoice_out_of_step"
    with db.snapshot() as uow:
        assert uow.einvoices.of_sale(sold.sale_id) == mine  # untouched
    known = _remote(
        "EF00000007",
        sold.sale_id,
        7500,
        voided_numbers=frozenset({"AB12345600", mine.number}),
        allowances=(),
    )
    with db.transaction() as uow:
        settled = invoicing.settle_return(
            uow, sold.sale_id, "ret-y", 2500, at, known, shift_id="shift-y"
        )
    assert settled is not None and (settled.kind, settled.number) == ("reissue", "EF00000007")
    assert settled.replacement is not None and settled.replacement.total_cents == 5000
    assert settled.replacement.replaces == "EF00000007"
    with db.snapshot() as uow:
        old = uow.einvoices.by_number(mine.number)
        assert old is not None and old.voided_at is not None and old.void_shift_id is None
        assert uow.einvoices.voided_elsewhere_of_sale(sold.sale_id) == {"EF00000007"}
        assert uow.einvoices.of_sale(sold.sale_id) == settled.replacement


def test_an_allowance_on_another_tills_invoice_counts_what_the_warehouse_and_this_till_gave(
    db: Any,
) -> None:
    """After the period: the next number after the warehouse's and this till's, within
    what is left; a voided allowance reduces nothing; nothing left is refused."""
    invoicing, sold = _sell(db)
    later = datetime(2027, 1, 5, 10, 0, tzinfo=TAIWAN)
    counted = (("EF00000007-01", 2500, False), ("EF00000007-02", 2500, True))
    theirs = _remote(
        "EF00000007",
        sold.sale_id,
        7500,
        allowances=counted,
        voided_numbers=frozenset({"AB12345600"}),  # voided and replaced at another till
    )
    with db.transaction() as uow:
        first = invoicing.settle_return(uow, sold.sale_id, "ret-1", 2500, later, theirs)
    assert first is not None and first.allowance_no == "EF00000007-03"
    with db.transaction() as uow:  # the warehouse has not counted -03 yet
        second = invoicing.settle_return(uow, sold.sale_id, "ret-2", 9900, later, theirs)
    assert second is not None and second.allowance_no == "EF00000007-04"
    assert second.allowance is not None and second.allowance.total_cents == 2500  # what is left
    with pytest.raises(CartError) as refused, db.transaction() as uow:
        invoicing.settle_return(uow, sold.sale_id, "ret-3", 2500, later, theirs)
    assert refused.value.code == "einvoice_nothing_to_allow"
