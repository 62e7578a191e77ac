"""What an exchange prints, as the printer receives it: the print queue delivers the jobs
to a network printer on loopback and the bytes are read back. Within the invoice's period
the exchange receipt is followed by the proof of the original's replacement (the goods
kept) and then the proof of the new sale's own invoice (the goods given); a new sale whose
invoice went to a carrier prints its slip instead. In a later period the allowance
certificate follows the receipt, then the new sale's proof."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer, buyer_from_input
from counter_app.core.money import Money
from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.print_queue import JobState, PrintQueue
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.local.db import LocalDatabase
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.exchanges import CompletedExchange, ExchangeService
from counter_app.services.returns import ReturnChoice, ReturnsService
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from tests.shift_testkit import open_test_shift

from .conftest import FakeNetworkPrinter
from .escpos_stream import printed_text, raster_images, stack

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
CHIPS = ProductInfo(11, "100011", "樂事 原味洋芋片 85g", Money(3900))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=10)
SOLD = datetime(2026, 11, 25, 10, 0, tzinfo=TAIWAN)
SAME_PERIOD = datetime(2026, 12, 2, 15, 0, tzinfo=TAIWAN)
NEXT_PERIOD = datetime(2027, 1, 4, 11, 0, tzinfo=TAIWAN)


def _qr_texts(job: bytes) -> list[str]:
    try:
        from pyzbar.pyzbar import decode
    except ImportError as missing:  # pyzbar installed but the zbar library is not
        pytest.skip(f"zbar is not installed ({missing})")
    images = raster_images(job)
    if not images:
        return []
    found = decode(stack(images).convert("L"))
    return [d.data.decode("utf-8") for d in found if d.type == "QRCODE"]


class Till:
    def __init__(self, tmp_path: Path, printer: FakeNetworkPrinter) -> None:
        self.db = LocalDatabase(tmp_path / "counter.db")
        open_test_shift(self.db, STORE.location_id)
        with self.db.transaction() as uow:
            uow.einvoices.add_booklets(
                [
                    Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600),
                    Booklet(8, "11602", "CD", 22345600, 22345649, "07", 22345600),
                ]
            )
        config = PrinterConfig(
            name="櫃台",
            kind=ConnectionKind.NETWORK,
            address=printer.address,
            profile="TM-T20II",
            timeout_s=2.0,
        )
        self.queue = PrintQueue(EscposReceiptPrinter(config)).start()
        self.now = SOLD

    def invoicing(self) -> EinvoiceService:
        return EinvoiceService(
            self.db, SETTINGS, lambda: self.now, output=self.queue, store_name="信義"
        )

    def sell(self) -> CompletedSale:
        cart = Cart()
        cart.add(TEA, 4)
        cart.add(CHIPS, 1)
        return SellingService(
            self.db, STORE, lambda: self.now, self.invoicing()
        ).complete_cash_sale(cart, CASHIER, cart.total)

    def exchange(self, sold: CompletedSale, buyer: InvoiceBuyer = NO_BUYER) -> CompletedExchange:
        invoicing = self.invoicing()
        returns = ReturnsService(
            self.db, STORE, None, lambda: self.now, invoicing=invoicing, output=self.queue
        )
        exchanges = ExchangeService(
            self.db, STORE, returns, lambda: self.now, invoicing=invoicing, output=self.queue
        )
        chips = next(li for li in returns.find(sold.receipt_no).lines if li.sku == "100011")
        new = Cart()
        new.add(TEA, 2)  # two more teas (NT$50) for the chips (NT$39)
        done = exchanges.complete(
            sold.receipt_no, [ReturnChoice(chips.line_id, 1)], new, CASHIER, buyer=buyer
        )
        before = {job.id for job in self.queue.jobs()}
        exchanges.print_exchange(done)
        for job in self.queue.jobs():
            if job.id not in before:
                finished = self.queue.wait_until_finished(job.id, 10)
                assert finished is not None and finished.state is JobState.DONE
        return done

    def close(self) -> None:
        self.queue.stop()
        self.db.dispose()


@pytest.fixture
def till(tmp_path: Path, net_printer: FakeNetworkPrinter) -> Iterator[Till]:
    made = Till(tmp_path, net_printer)
    yield made
    made.close()


def _documents(printer: FakeNetworkPrinter, skip: int) -> list[bytes]:
    """The jobs received after the first ``skip``, drawer kicks left out."""
    time.sleep(0.2)  # nothing more may arrive
    return [job for job in printer.jobs[skip:] if printed_text(job).strip()]


def test_an_exchange_in_the_period_prints_the_replacement_then_the_new_sales_proof(
    till: Till, net_printer: FakeNetworkPrinter
) -> None:
    sold = till.sell()
    # The sale itself printed nothing here (the screen prints its receipt and proof).
    till.now = SAME_PERIOD
    done = till.exchange(sold)
    settled = done.returned.settlement
    assert settled is not None and settled.replacement is not None and done.invoice is not None
    kept, new = settled.replacement, done.invoice
    receipt, kept_proof, new_proof = _documents(net_printer, 0)

    assert "換貨" in printed_text(receipt) and done.receipt_no in printed_text(receipt)
    # The replacement: four teas kept, NT$100.
    assert "電子發票證明聯" in printed_text(kept_proof)
    assert kept.dashed_number in printed_text(kept_proof)
    [left] = [q for q in _qr_texts(kept_proof) if not q.startswith("**")]
    assert left[:10] == kept.number and int(left[29:37], 16) == 100
    # The new sale's own invoice: two teas, NT$50, its first print (not 補印).
    text = printed_text(new_proof)
    assert "電子發票證明聯" in text and new.dashed_number in text and "補印" not in text
    [left] = [q for q in _qr_texts(new_proof) if not q.startswith("**")]
    assert left[:10] == new.number and left[17:21] == new.random_code
    assert int(left[29:37], 16) == 50
    assert left.split(":")[5:8] == ["茶裏王 日式無糖綠茶 600ml", "2", "25"]
    with till.db.snapshot() as uow:
        assert uow.einvoices.by_number(new.number).printed == 1


def test_a_new_sale_invoiced_to_a_carrier_prints_its_slip_not_a_proof(
    till: Till, net_printer: FakeNetworkPrinter
) -> None:
    sold = till.sell()
    till.now = SAME_PERIOD
    done = till.exchange(sold, buyer_from_input(carrier="/ABC+123"))
    assert done.invoice is not None and done.invoice.carrier_id == "/ABC+123"
    receipt, kept_proof, slip = _documents(net_printer, 0)
    assert "換貨" in printed_text(receipt)
    assert "電子發票證明聯" in printed_text(kept_proof)
    text = printed_text(slip)
    assert "電子發票證明聯" not in text and "不列印證明聯" in text
    assert done.invoice.dashed_number in text and "/ABC+123" in text
    assert _qr_texts(slip) == []


def test_an_exchange_after_the_period_prints_the_allowance_then_the_new_sales_proof(
    till: Till, net_printer: FakeNetworkPrinter
) -> None:
    sold = till.sell()
    till.now = NEXT_PERIOD
    done = till.exchange(sold)
    settled = done.returned.settlement
    assert settled is not None and settled.kind == "allowance" and done.invoice is not None
    receipt, certificate, new_proof = _documents(net_printer, 0)
    assert "換貨" in printed_text(receipt)
    text = printed_text(certificate)
    assert "折讓證明單" in text and f"{settled.allowance_no}" in text
    assert "買受人簽收" in text
    assert done.invoice.number.startswith("CD")  # the new period's numbers
    assert done.invoice.dashed_number in printed_text(new_proof)
    [left] = [q for q in _qr_texts(new_proof) if not q.startswith("**")]
    assert left[:10] == done.invoice.number
