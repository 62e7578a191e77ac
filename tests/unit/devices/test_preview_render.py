"""The on-screen preview is drawn like the paper: its barcodes and QR codes scan."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

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
)
from counter_app.devices.config import PrinterConfig
from counter_app.devices.preview import render_preview
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget

WHEN = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def rasterizer() -> TextRasterizer:
    return TextRasterizer()


def sale_doc(receipt_no: str = "RS001-261125-0042"):  # type: ignore[no-untyped-def]
    return sale_receipt(
        SaleReceiptData(
            "台北信義店",
            "S001",
            receipt_no,
            "王小明",
            WHEN,
            [SaleLine("珍珠奶茶（大）", 2, Money.from_dollars(65), Money.from_dollars(130))],
            Money.from_dollars(130),
            [Payment("cash", Money.from_dollars(130))],
        )
    )


@pytest.mark.parametrize("paper", [58, 80])
def test_sale_receipt_barcode_decodes_to_receipt_number(
    rasterizer: TextRasterizer, paper: int
) -> None:
    target = RenderTarget.from_config(PrinterConfig(paper_mm=paper))
    image = render_preview(sale_doc("RS001-261125-9999"), target, rasterizer)
    assert image.width == target.canvas.width_px
    found = [(d.type, d.data.decode()) for d in decode(image)]
    assert found == [("CODE128", "RS001-261125-9999")]


def test_pickup_slip_qr_and_code128_decode(rasterizer: TextRasterizer, tmp_path: Path) -> None:
    doc = pickup_slip(
        PickupSlipData(
            "台北信義店", "PU7K3M9Q2X", "陳小姐", "0912345678", [ItemQty("有機米 2kg", 2)], WHEN
        )
    )
    image = render_preview(doc, RenderTarget.from_config(PrinterConfig(paper_mm=58)), rasterizer)
    assert {(d.type, d.data.decode()) for d in decode(image)} == {
        ("QRCODE", "PU7K3M9Q2X"),
        ("CODE128", "PU7K3M9Q2X"),
    }
    if shutil.which("zbarimg"):  # the command-line decoder agrees
        path = tmp_path / "slip.png"
        image.save(path)
        out = subprocess.run(
            ["zbarimg", "-q", str(path)], capture_output=True, text=True, check=False
        )
        assert "QR-Code:PU7K3M9Q2X" in out.stdout and "CODE-128:PU7K3M9Q2X" in out.stdout


def test_preview_draws_the_text(rasterizer: TextRasterizer) -> None:
    target = RenderTarget.from_config(PrinterConfig(paper_mm=80))
    a = render_preview(sale_doc(), target, rasterizer)
    b = render_preview(sale_doc("RS001-261125-0043"), target, rasterizer)
    assert a.size == b.size and a.tobytes() != b.tobytes()
    dark = a.histogram()[0]
    assert 0.03 < dark / (a.width * a.height) < 0.5
