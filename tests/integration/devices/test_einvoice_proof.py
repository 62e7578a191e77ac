"""The e-invoice proof (電子發票證明聯) as the printer receives it: rendered to ESC/POS
raster, read back from the bytes, its Code 39 and both QR codes decoded with zbar, and the
left QR's fields checked against the sale, its AES check recomputed here independently."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from PIL import Image

from counter_app.core.einvoice import InvoiceRecord, split_tax
from counter_app.core.einvoice_proof import ProofData, ProofItem, einvoice_proof
from counter_app.core.receipts import text_lines
from counter_app.devices.config import PrinterConfig, TextEncoding
from counter_app.devices.escpos_render import EscposRenderer
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget

from .escpos_stream import raster_images, stack

try:
    from pyzbar.pyzbar import decode
except ImportError as missing:  # pyzbar installed but the zbar library is not
    pytest.skip(f"zbar is not installed ({missing})", allow_module_level=True)

TAIPEI = timezone(timedelta(hours=8))
KEY_HEX = "5D1CB9C7D9F1C8A0E1D2C3B4A5968778"  # a made-up seller key in the MOF tool's form
MOF_IV = "Dt8lyToo17X/XkXaQvihuA=="  # published with the MOF's QR tool
SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "einvoice_proof.png"

ITEMS = [
    ProofItem("茶裏王 日式無糖綠茶 600ml", 2, 25),
    ProofItem("樂事 原味洋芋片 85g", 1, 39),
    ProofItem("義美 原味小泡芙 57g", 3, 22),
    ProofItem("Oreo 巧克力夾心餅乾", 1, 45),
    ProofItem("統一 瑞穗鮮乳 全脂 290ml", 2, 35),
    ProofItem("光泉 茉莉蜜茶 300ml", 4, 15),
]
TOTAL = sum(i.qty * i.unit_price for i in ITEMS)  # NT$330
SALES, TAX = split_tax(TOTAL)  # 314 + 16


def invoice(buyer_id: str | None = None) -> InvoiceRecord:
    return InvoiceRecord(
        number="AB12345678",
        sale_id="0193a2b4-0000-7000-8000-000000000001",
        booklet_id=1,
        period="11512",
        random_code="0427",
        issued_at=datetime(2026, 11, 25, 10, 30, 5, tzinfo=TAIPEI).isoformat(),
        sales_amount_cents=SALES * 100,
        tax_cents=TAX * 100,
        total_cents=TOTAL * 100,
        seller_id="04595257",
        buyer_id=buyer_id,
    )


def printed(document: object) -> Image.Image:
    target = RenderTarget.from_config(
        PrinterConfig(paper_mm=58, encoding=TextEncoding.IMAGE, profile="default")
    )
    stream = EscposRenderer(target, TextRasterizer()).render(document)  # type: ignore[arg-type]
    return stack(raster_images(stream)).convert("L")


def independent_check(number: str, random_code: str) -> str:
    padder = padding.PKCS7(128).padder()
    block = padder.update((number + random_code).encode()) + padder.finalize()
    cipher = Cipher(algorithms.AES(bytes.fromhex(KEY_HEX)), modes.CBC(base64.b64decode(MOF_IV)))
    encryptor = cipher.encryptor()
    return base64.b64encode(encryptor.update(block) + encryptor.finalize()).decode()


def test_the_printed_proof_scans_and_its_left_qr_matches_the_sale() -> None:
    record = invoice()
    image = printed(einvoice_proof(ProofData("台北信義店", record, ITEMS, KEY_HEX)))
    assert image.width == 384  # 58 mm paper: the 5.7 cm proof
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    image.save(SCREENSHOT)

    found = {(d.type, d.data.decode("utf-8")) for d in decode(image)}
    codes39 = [data for kind, data in found if kind == "CODE39"]
    qrs = sorted(
        (data for kind, data in found if kind == "QRCODE"), key=lambda d: d.startswith("**")
    )
    assert codes39 == ["11512AB123456780427"]  # period, number, random code
    assert len(qrs) == 2 and qrs[1].startswith("**"), found
    left, right = qrs

    head, fields = left[:77], left[77:].split(":")[1:]
    assert head[0:10] == "AB12345678"
    assert head[10:17] == "1151125"  # ROC 115-11-25
    assert head[17:21] == "0427"
    assert int(head[21:29], 16) == SALES == 314 and int(head[29:37], 16) == TOTAL
    assert head[37:45] == "00000000" and head[45:53] == "04595257"
    assert head[53:77] == independent_check("AB12345678", "0427")
    assert fields[0] == "**********"
    recorded, total_items, encoding = int(fields[1]), int(fields[2]), fields[3]
    assert (total_items, encoding) == (len(ITEMS), "1")
    left_items = [fields[i : i + 3] for i in range(4, len(fields), 3)]
    right_fields = right[2:].split(":") if right != "**" else []
    right_items = [right_fields[i : i + 3] for i in range(0, len(right_fields), 3)]
    assert recorded == len(left_items) + len(right_items) == len(ITEMS)
    assert [[i.name, str(i.qty), str(i.unit_price)] for i in ITEMS] == left_items + right_items
    assert right_items, "the items overflow into the right code"


def test_a_proof_with_a_buyer_tax_id_is_format_25_and_a_reprint_says_so() -> None:
    record = invoice(buyer_id="12345675")
    document = einvoice_proof(ProofData("台北信義店", record, ITEMS[:1], KEY_HEX, reprint=True))
    text = "\n".join(line for line, _ in text_lines(document, 32))
    for expected in (
        "電子發票證明聯",
        "115年11-12月",
        "AB-12345678",
        "格式 25",
        "隨機碼 0427",
        f"總計 {TOTAL}",
        "賣方 04595257",
        "買方 12345675",
        "補印",
        "2026-11-25 10:30:05",
    ):
        assert expected in text, expected
    assert KEY_HEX not in text and KEY_HEX.lower() not in text
    left = next(
        d.data.decode()
        for d in decode(printed(document))
        if d.type == "QRCODE" and not d.data.startswith(b"**")
    )
    assert left[37:45] == "12345675"
