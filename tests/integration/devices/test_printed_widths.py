"""What a Big5/GB18030 printer actually prints: every line fits the paper, amounts never
wrap, and names with characters Big5 lacks print as raster lines, not '?'.

The widths are counted from the bytes the loopback 'printer' recorded, decoded with the
printer's code page: one column per single byte, two per double-byte character.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app.core.money import Money
from counter_app.core.receipts import (
    LineStyle,
    Payment,
    SaleLine,
    SaleReceiptData,
    sale_receipt,
)
from counter_app.core.text_layout import display_width
from counter_app.devices.config import ConnectionKind, PrinterConfig, TextEncoding
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.devices.raster import TextRasterizer

from .conftest import FakeNetworkPrinter
from .escpos_stream import printed_lines, raster_images, stack, tokenize

WHEN = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
CODECS = {TextEncoding.BIG5: "cp950", TextEncoding.GB18030: "gb18030"}
OUT = Path(os.environ.get("PRINT_TEST_OUTPUT", "/tmp/printing_out"))

# Characters one column wide in Unicode but double-byte in Big5/GB18030, and
# invisible ones (variation selector, zero-width joiner) that used to print as '?'.
TRICKY = [
    ("紅茶×2杯組合包特大號", 159),
    ("‧精選‧烏龍茶葉禮盒", 1580),
    ("※限定※冬季暖暖包十入", 99),
    ("咖啡—拿鐵（熱）大杯裝", 120),
    ("抹茶…紅豆鬆餅雙享組", 135),
    ("保溫杯 450ml 60°C 不鏽鋼", 899),
    ("愛心❤️小熊餅乾（家庭號）", 15999999),
    ("全家👨\u200d👩\u200d👧分享餐 雞塊", 249),
]


def tricky_receipt(**overrides: object) -> SaleReceiptData:
    lines = [SaleLine(name, 1, Money.from_dollars(p), Money.from_dollars(p)) for name, p in TRICKY]
    total = sum((line.line_total for line in lines), Money(0))
    values: dict[str, object] = dict(
        store_name="台北信義店",
        store_code="S001",
        receipt_no="RS001-261125-0042",
        cashier_name="王小明",
        created_at=WHEN,
        lines=lines,
        total=total,
        payments=[Payment("cash", total, total, Money(0))],
        pending_notes=["網路離線：本筆交易已保存，恢復連線後自動上傳至倉儲系統"],
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


@pytest.mark.parametrize("encoding", [TextEncoding.BIG5, TextEncoding.GB18030])
@pytest.mark.parametrize(("paper", "columns"), [(58, 32), (80, 48)])
def test_every_line_fits_and_amounts_never_wrap(
    net_printer: FakeNetworkPrinter,
    rasterizer: TextRasterizer,
    encoding: TextEncoding,
    paper: int,
    columns: int,
) -> None:
    data = tricky_receipt()
    printer = EscposReceiptPrinter(
        config_for(net_printer, encoding=encoding, paper_mm=paper), rasterizer=rasterizer
    )
    printer.print_document(sale_receipt(data))
    [job] = net_printer.wait_for_jobs(1)
    codec = CODECS[encoding]
    lines = printed_lines(job)
    too_wide = [
        (line.text(codec), line.columns(codec)) for line in lines if line.columns(codec) > columns
    ]
    assert too_wide == []
    texts = [line.text(codec).rstrip() for line in lines]
    # Rows with a character the code page lacks (the emoji) arrive as raster lines:
    # find them by drawing the laid-out row and looking for that exact bitmap.
    canvas, width_of = printer.renderer.target.canvas, printer.renderer.width_of
    images = raster_images(job)
    raster_rows = [
        row
        for row, style in _layout(sale_receipt(data), columns, width_of)
        if row.strip()
        and any(
            _contains_band(im, rasterizer.render_lines([(row, style)], canvas, width_of))
            for im in images
        )
    ]
    assert all(display_width(row, width_of) <= columns for row in raster_rows)
    if encoding is TextEncoding.BIG5:
        assert len(raster_rows) == 2, raster_rows  # the ❤️ and the family emoji rows
    for sale_line in data.lines:  # each amount whole, at the right edge of one line
        amount = sale_line.line_total.format()
        assert any(t.rstrip().endswith(" " + amount) for t in texts + raster_rows), (amount, texts)
    assert any(t.endswith(" " + data.total.format()) for t in texts)
    # the pending-sync note starts with ※ and is printed, wrapped within the paper
    assert any(t.startswith("※ 網路離線") for t in texts)
    assert "?" not in "".join(texts), "nothing printed as '?'"


@pytest.mark.parametrize("paper", [58, 80])
def test_names_big5_lacks_print_as_raster_lines_not_question_marks(
    net_printer: FakeNetworkPrinter,
    rasterizer: TextRasterizer,
    paper: int,
) -> None:
    data = tricky_receipt(
        cashier_name="游錫堃",
        lines=[SaleLine("𠮷野家牛丼（大）", 1, Money.from_dollars(129), Money.from_dollars(129))],
        total=Money.from_dollars(129),
        payments=[Payment("cash", Money.from_dollars(129))],
        pending_notes=[],
    )
    printer = EscposReceiptPrinter(config_for(net_printer, paper_mm=paper), rasterizer=rasterizer)
    doc = sale_receipt(data)
    printer.print_document(doc)
    [job] = net_printer.wait_for_jobs(1)
    texts = [line.text("cp950") for line in printed_lines(job)]
    assert not any("?" in t for t in texts), texts
    assert not any("游錫" in t or "野家" in t for t in texts), "those lines are not sent as text"
    assert any(t.startswith("收據號碼：") for t in texts), "the rest stays text"

    # The two lines arrive as raster images, drawn exactly like the rasterizer draws them.
    canvas = printer.renderer.target.canvas
    width_of = printer.renderer.width_of
    images = raster_images(job)
    cashier = rasterizer.render_lines([("收銀員：游錫堃", LineStyle())], canvas, width_of)
    item_row = next(
        line for line, _ in _layout(doc, canvas.columns, width_of) if line.startswith("𠮷")
    )
    item = rasterizer.render_lines([(item_row, LineStyle())], canvas, width_of)
    rendered = [im.tobytes() for im in images]
    assert cashier.tobytes() in rendered and item.tobytes() in rendered
    assert item_row.rstrip().endswith("NT$129")
    # Where the raster sits: between the date line and the separator, in order.
    kinds = [t.kind for t in tokenize(job)]
    assert "GS v0" in kinds
    OUT.mkdir(parents=True, exist_ok=True)
    stack(images).save(OUT / f"missing_glyphs_{paper}mm.png")


def _contains_band(image, band) -> bool:  # type: ignore[no-untyped-def]
    """Whether `band` (a one-line raster) appears in `image` at some height, row for row
    (its last, overhang row may overlap the next line there and is not compared)."""
    if image.width != band.width or image.height < band.height - 1:
        return False
    stride = image.width // 8
    rows = [image.tobytes()[y * stride : (y + 1) * stride] for y in range(image.height)]
    want = [band.tobytes()[y * stride : (y + 1) * stride] for y in range(band.height - 1)]
    return any(rows[y : y + len(want)] == want for y in range(image.height - len(want) + 1))


def _layout(doc, columns, width_of):  # type: ignore[no-untyped-def]
    from counter_app.core.receipts import text_lines

    return text_lines(doc, columns, width_of)
