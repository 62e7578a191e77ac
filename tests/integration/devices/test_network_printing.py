"""Printing to a real TCP listener on loopback, reading back what the 'printer' got."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

try:
    from pyzbar.pyzbar import decode
except ImportError as _no_zbar:  # pyzbar loads libzbar at import; without it only decoding skips
    _ZBAR_MISSING = f"needs the zbar library (Debian: apt install libzbar0): {_no_zbar}"

    def decode(*_args: object, **_kwargs: object) -> list:  # type: ignore[no-redef,type-arg]
        pytest.skip(_ZBAR_MISSING)


from counter_app.core.money import Money
from counter_app.core.receipts import (
    ItemQty,
    Payment,
    PickupSlipData,
    SaleLine,
    SaleReceiptData,
    pickup_slip,
    sale_receipt,
    text_lines,
)
from counter_app.devices.config import ConnectionKind, DrawerConfig, PrinterConfig, TextEncoding
from counter_app.devices.print_queue import JobState, PrintQueue
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.devices.raster import TextRasterizer

from .conftest import FakeNetworkPrinter
from .escpos_stream import command_positions, printed_text, raster_images, stack, tokenize

WHEN = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)


def receipt_data(**overrides: object) -> SaleReceiptData:
    values: dict[str, object] = dict(
        store_name="台北信義店",
        store_code="S001",
        receipt_no="RS001-261125-0042",
        cashier_name="王小明",
        created_at=WHEN,
        lines=[
            SaleLine("珍珠奶茶（大）", 2, Money.from_dollars(65), Money.from_dollars(130)),
            SaleLine("鳳梨酥禮盒", 1, Money.from_dollars(450), Money.from_dollars(450)),
        ],
        total=Money.from_dollars(580),
        payments=[
            Payment(
                "cash", Money.from_dollars(580), Money.from_dollars(1000), Money.from_dollars(420)
            )
        ],
    )
    values.update(overrides)
    return SaleReceiptData(**values)  # type: ignore[arg-type]


def config_for(printer: FakeNetworkPrinter, **changes: object) -> PrinterConfig:
    base = PrinterConfig(
        name="櫃台",
        kind=ConnectionKind.NETWORK,
        address=printer.address,
        profile="TM-T20II",
        paper_mm=80,
        check_paper=False,
        timeout_s=2.0,
    )
    return base.with_changes(**changes)


@pytest.fixture(scope="module")
def rasterizer() -> TextRasterizer:
    return TextRasterizer()


def test_big5_receipt_text_decodes_back_exactly(net_printer: FakeNetworkPrinter) -> None:
    doc = sale_receipt(receipt_data(reprint=True, pending_notes=["離線交易，待同步"]))
    printer = EscposReceiptPrinter(config_for(net_printer))
    printer.print_document(doc)
    [job] = net_printer.wait_for_jobs(1)

    expected = "".join(line + "\n" for line, _ in text_lines(doc, 48))
    assert printed_text(job, "cp950") == expected
    assert "補印" in expected and "珍珠奶茶（大）" in expected
    # Chinese is sent inside FS & ... FS . and never as GB18030
    assert "珍珠".encode("cp950") in job and "珍珠".encode("gb18030") not in job
    tokens = tokenize(job)
    assert tokens[0].kind == "ESC @"
    assert tokens[-1].kind == "GS V", "the cut is the last command"
    barcode = next(t for t in tokens if t.kind == "GS k")
    assert barcode.data.endswith(b"{BRS001-261125-0042")


def test_gb18030_printer_gets_gb18030(net_printer: FakeNetworkPrinter) -> None:
    doc = sale_receipt(receipt_data())
    EscposReceiptPrinter(config_for(net_printer, encoding=TextEncoding.GB18030)).print_document(doc)
    [job] = net_printer.wait_for_jobs(1)
    assert printed_text(job, "gb18030") == "".join(line + "\n" for line, _ in text_lines(doc, 48))


def test_drawer_kick_goes_first_and_cut_last(net_printer: FakeNetworkPrinter) -> None:
    config = config_for(net_printer, drawer=DrawerConfig(pin=0, on_ms=100, off_ms=500))
    queue = PrintQueue(EscposReceiptPrinter(config), backoff_s=(0.05,))
    receipt_job = queue.submit(sale_receipt(receipt_data()))
    drawer_job = queue.open_drawer("cash_sale")  # cash tender: drawer before the paper
    with queue:
        assert queue.wait_until_finished(receipt_job, 5).state is JobState.DONE  # type: ignore[union-attr]
        assert queue.job(drawer_job).state is JobState.DONE  # type: ignore[union-attr]
    drawer, receipt = net_printer.wait_for_jobs(2)
    assert drawer == b"\x1bp\x00\x32\xfa"  # ESC p pin2 100ms on 500ms off
    assert command_positions(receipt, "ESC p") == []
    assert command_positions(receipt, "GS V")[-1] == len(tokenize(receipt)) - 1


def test_image_mode_raster_shows_the_text(
    net_printer: FakeNetworkPrinter, rasterizer: TextRasterizer
) -> None:
    config = config_for(net_printer, encoding=TextEncoding.IMAGE, paper_mm=58, profile="default")
    printer = EscposReceiptPrinter(config, rasterizer=rasterizer)
    doc = sale_receipt(receipt_data())
    printer.print_document(doc)
    [job] = net_printer.wait_for_jobs(1)

    assert not any(t.kind == "text" and any(b >= 0x80 for b in t.data) for t in tokenize(job)), (
        "no encoded Chinese text in image mode"
    )
    images = raster_images(job)
    assert images and all(im.width == 384 for im in images)
    # The first raster block is the header; it must equal a Pillow rendering of the same lines.
    header_lines = text_lines(doc, 32)[:7]
    expected = rasterizer.render_lines(header_lines, printer.renderer.target.canvas)
    got = images[0].crop((0, 0, expected.width, expected.height))
    assert got.tobytes() == expected.tobytes()
    assert expected.histogram()[0] > 2000, "the header is printed, not blank"
    other = rasterizer.render_lines(
        [("台中公益店", header_lines[0][1])], printer.renderer.target.canvas
    )
    assert got.crop((0, 0, other.width, other.height)).tobytes() != other.tobytes()

    decoded = {d.data.decode() for d in decode(stack(images).convert("L"))}
    assert "RS001-261125-0042" in decoded


def test_image_mode_pickup_slip_qr_and_code128_decode(
    net_printer: FakeNetworkPrinter, rasterizer: TextRasterizer
) -> None:
    config = config_for(net_printer, encoding=TextEncoding.IMAGE, paper_mm=80)
    doc = pickup_slip(
        PickupSlipData(
            "台北信義店", "PU7K3M9Q2X", "陳小姐", "0912345678", [ItemQty("有機米 2kg", 2)], WHEN
        )
    )
    EscposReceiptPrinter(config, rasterizer=rasterizer).print_document(doc)
    [job] = net_printer.wait_for_jobs(1)
    results = decode(stack(raster_images(job)).convert("L"))
    assert {(r.type, r.data.decode()) for r in results} == {
        ("QRCODE", "PU7K3M9Q2X"),
        ("CODE128", "PU7K3M9Q2X"),
    }


def test_native_qr_is_used_when_the_profile_has_it(net_printer: FakeNetworkPrinter) -> None:
    doc = pickup_slip(
        PickupSlipData("台北信義店", "PU7K3M9Q2X", "陳小姐", "0912345678", [ItemQty("米", 1)], WHEN)
    )
    EscposReceiptPrinter(config_for(net_printer)).print_document(doc)
    [job] = net_printer.wait_for_jobs(1)
    qr_data = [t.data for t in tokenize(job) if t.kind == "GS (k" and t.data[5:7] == b"1P"]
    assert qr_data and qr_data[0].endswith(b"PU7K3M9Q2X")
