"""The printed e-invoice proof (電子發票證明聯) and its barcodes, to the MOF's
電子發票證明聯一維及二維條碼規格說明 (v1.8; v1.9 changed nothing used here).

* The one-dimensional barcode is Code 39 of 19 characters: the period (ROC year + even
  month, 5), the invoice number (10) and the random code (4).
* The left QR code starts with a 77-character head: invoice number (10), date in ROC
  ``yyyMMdd`` (7), random code (4), sales amount before tax (8 hex digits), total (8 hex),
  buyer's tax ID (8, ``00000000`` for none), seller's tax ID (8), and the encrypted check
  (24): AES-128-CBC of invoice number + random code with the seller's key from the MOF
  tool, PKCS#5 padding, the MOF's fixed IV, Base64. Then ``:``-separated fields: a
  10-character area for the seller (``**********``), the number of items in the QR codes,
  the number of items on the invoice, the encoding (1: UTF-8), and each item's name,
  quantity and unit price.
* The right QR code starts with ``**`` and carries the items the left one had no room for.

The key never appears on paper or in a log: only the check derived from it does.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from counter_app.core.einvoice import AllowanceRecord, InvoiceRecord, period_label
from counter_app.core.receipts import (
    REPRINT_MARK,
    Code39,
    Columns,
    Cut,
    Document,
    DocumentKind,
    Element,
    Feed,
    QRPair,
    Separator,
    Text,
)

QR_IV = base64.b64decode("Dt8lyToo17X/XkXaQvihuA==")
"""The fixed IV of the MOF's QR encryption tool (and every implementation of it)."""
SELLER_AREA = "*" * 10
UTF8 = "1"
QR_BYTES = 200
"""Most bytes per QR code: two of them must fit side by side on 58 mm paper (version 10 at
three dots a module is 183 dots wide, under half of the 384 printable)."""
NO_BUYER = "00000000"


class InvalidKey(ValueError):
    """The seller's AES key is not 32 hexadecimal digits (the MOF tool's form)."""


@dataclass(frozen=True, slots=True)
class ProofItem:
    name: str
    qty: int
    unit_price: int  # dollars


def with_discount(items: Sequence[ProofItem], total_dollars: int) -> list[ProofItem]:
    """The items at their list prices and, when the sale was discounted, one 折扣 item of
    the difference (a negative amount), so the items add up to the invoice's total."""
    listed = sum(item.qty * item.unit_price for item in items)
    if listed <= total_dollars:
        return list(items)
    return [*items, ProofItem("折扣", 1, total_dollars - listed)]


@dataclass(frozen=True, slots=True)
class ProofData:
    store_name: str
    invoice: InvoiceRecord
    items: Sequence[ProofItem]
    aes_key_hex: str
    reprint: bool = False


def aes_key(key_hex: str) -> bytes:
    try:
        key = bytes.fromhex(key_hex.strip())
    except ValueError:
        raise InvalidKey("the AES key must be hexadecimal") from None
    if len(key) != 16:
        raise InvalidKey("the AES key must be 32 hexadecimal digits (128 bits)")
    return key


def qr_check(number: str, random_code: str, key_hex: str) -> str:
    """The 24-character encrypted check of the left QR code's head."""
    padder = padding.PKCS7(128).padder()
    plain = padder.update(f"{number}{random_code}".encode("ascii")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(aes_key(key_hex)), modes.CBC(QR_IV)).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode("ascii")


def issued_moment(invoice: InvoiceRecord) -> datetime:
    return datetime.fromisoformat(invoice.issued_at)


def roc_date(moment: datetime) -> str:
    return f"{moment.year - 1911:03d}{moment:%m%d}"


def barcode_text(invoice: InvoiceRecord) -> str:
    return f"{invoice.period}{invoice.number}{invoice.random_code}"


def qr_head(invoice: InvoiceRecord, key_hex: str) -> str:
    head = (
        f"{invoice.number}{roc_date(issued_moment(invoice))}{invoice.random_code}"
        f"{invoice.sales_amount_cents // 100:08x}{invoice.total_cents // 100:08x}"
        f"{invoice.buyer_id or NO_BUYER}{invoice.seller_id}"
        f"{qr_check(invoice.number, invoice.random_code, key_hex)}"
    )
    assert len(head) == 77, head
    return head


def _field(text: str) -> str:
    # ':' separates the fields; a name keeps its meaning with a full-width colon.
    return text.replace(":", "：").replace("\n", " ").strip() or "-"


def qr_texts(invoice: InvoiceRecord, items: Sequence[ProofItem], key_hex: str) -> tuple[str, str]:
    """(left, right): the items go into the left code while it has room, then the right;
    items neither has room for are left out, and the counts say so."""
    fields = [f"{_field(i.name)}:{i.qty}:{i.unit_price}" for i in items]
    head = qr_head(invoice, key_hex)

    def left_text(left_fields: list[str], recorded: int) -> str:
        return ":".join([head, SELLER_AREA, str(recorded), str(len(items)), UTF8, *left_fields])

    left: list[str] = []
    right: list[str] = []
    for item in fields:
        if (
            len(left_text([*left, item], len(left) + 1 + len(right)).encode()) <= QR_BYTES
            and not right
        ):
            left.append(item)
        elif len(("**" + ":".join([*right, item])).encode()) <= QR_BYTES:
            right.append(item)
    return left_text(left, len(left) + len(right)), "**" + ":".join(right)


def einvoice_proof(data: ProofData) -> Document:
    """The proof as a document for a 58 mm printer; ``reprint`` marks it 補印."""
    invoice = data.invoice
    moment = issued_moment(invoice)
    left, right = qr_texts(invoice, data.items, data.aes_key_hex)
    elements: list[Element] = [
        Text(data.store_name, align="center", bold=True),
        Text("電子發票證明聯", align="center", bold=True, double=True),
    ]
    if data.reprint:
        elements.append(REPRINT_MARK)
    elements += [
        Text(period_label(invoice.period), align="center", bold=True, double=True),
        Text(invoice.dashed_number, align="center", bold=True, double=True),
        Columns(f"{moment:%Y-%m-%d %H:%M:%S}", "格式 25" if invoice.buyer_id else ""),
        Columns(f"隨機碼 {invoice.random_code}", f"總計 {invoice.total_cents // 100}"),
        Columns(
            f"賣方 {invoice.seller_id}", f"買方 {invoice.buyer_id}" if invoice.buyer_id else ""
        ),
    ]
    if invoice.buyer_id:
        elements.append(
            Columns(
                f"銷售額 {invoice.sales_amount_cents // 100}", f"稅額 {invoice.tax_cents // 100}"
            )
        )
    elements += [
        Code39(barcode_text(invoice)),
        QRPair(left, right),
        Separator(),
        Text("退貨請持本證明聯及收據辦理", align="center"),
        Feed(2),
        Cut(),
    ]
    return Document(
        f"電子發票 {invoice.dashed_number}",
        tuple(elements),
        DocumentKind.EINVOICE_PROOF,
        invoice.dashed_number,
        data.reprint,
    )


def einvoice_slip(store_name: str, invoice: InvoiceRecord) -> Document:
    """For a carrier or donation sale: no proof, only a note of where the invoice went."""
    moment = issued_moment(invoice)
    if invoice.donation_code:
        where = f"已捐贈 愛心碼 {invoice.donation_code}"
    else:
        kind = "手機條碼" if invoice.carrier_type == "3J0002" else "自然人憑證"
        where = f"已存入載具 {kind} {invoice.carrier_id}"
    elements: tuple[Element, ...] = (
        Text(store_name, align="center", bold=True),
        Text("電子發票 (不列印證明聯)", align="center", bold=True),
        Separator(),
        Text(f"發票號碼 {invoice.dashed_number}"),
        Text(f"{moment:%Y-%m-%d %H:%M:%S}  總計 {invoice.total_cents // 100}"),
        Text(where),
        Feed(2),
        Cut(),
    )
    return Document(
        f"電子發票 {invoice.dashed_number}",
        elements,
        DocumentKind.EINVOICE_SLIP,
        invoice.dashed_number,
    )


@dataclass(frozen=True, slots=True)
class AllowanceItem:
    """A product a later return took back: its name, quantity and the refund (cents)."""

    name: str
    qty: int
    refund_cents: int


def spread(total: int, weights: Sequence[int]) -> list[int]:
    """`total` in parts proportional to `weights`, adding up exactly (largest remainder)."""
    if not weights:
        return []
    base = sum(max(w, 0) for w in weights)
    if base == 0:
        return [0] * (len(weights) - 1) + [total]
    raw = [total * max(w, 0) / base for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def allowance_slip(
    store_name: str,
    invoice: InvoiceRecord,
    allowance: AllowanceRecord,
    items: Sequence[AllowanceItem],
    *,
    reprint: bool = False,
) -> Document:
    """The allowance certificate (營業人銷貨退回、進貨退出或折讓證明單) of a return after the
    invoice's period: the original invoice's number and date, each product returned with
    its amount before tax, the amount, tax and total allowed, and the buyer's signature.
    The store keeps it signed: it is its proof that the sale was reduced."""
    moment = datetime.fromisoformat(allowance.issued_at)
    original = issued_moment(invoice)
    sales = allowance.sales_amount_cents // 100
    tax = allowance.tax_cents // 100
    total = allowance.total_cents // 100
    amounts = spread(sales, [item.refund_cents for item in items])
    elements: list[Element] = [
        Text(store_name, align="center", bold=True),
        Text("營業人銷貨退回、進貨退出", align="center", bold=True),
        Text("或折讓證明單 證明聯", align="center", bold=True),
    ]
    if reprint:
        elements.append(REPRINT_MARK)
    elements += [
        Separator(),
        Text(f"折讓單號：{allowance.allowance_no}"),
        Text(f"折讓日期：{moment:%Y-%m-%d}"),
        Text(f"賣方統編：{invoice.seller_id}"),
    ]
    if invoice.buyer_id:
        elements.append(Text(f"買方統編：{invoice.buyer_id}"))
    elements += [
        Separator(),
        Text(f"原發票：{invoice.dashed_number}"),
        Text(f"原發票日期：{original:%Y-%m-%d}"),
        Columns("品名", "未稅金額", middle="數量"),
    ]
    for item, amount in zip(items, amounts, strict=True):
        elements.append(Columns(item.name, f"{amount:,}", middle=f"x{item.qty}"))
    elements += [
        Separator(),
        Columns("銷售額（未稅）", f"{sales:,}"),
        Columns("營業稅額", f"{tax:,}"),
        Columns("折讓合計", f"NT${total:,}", bold=True),
        Separator(),
        Feed(1),
        Text("買受人簽收：", bold=True),
        Feed(2),
        Cut(),
    ]
    return Document(
        f"折讓證明單 {allowance.allowance_no}",
        tuple(elements),
        DocumentKind.EINVOICE_ALLOWANCE,
        allowance.allowance_no,
    )
