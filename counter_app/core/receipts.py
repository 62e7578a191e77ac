"""Receipts as documents: what to print, not how.

A `Document` is a tuple of elements (text, columns, separators, barcodes, QR
codes, feeds, a cut). Renderers in `counter_app.devices` turn it into ESC/POS
bytes or a preview image. The builders below take plain data classes filled
by the services layer. Receipt strings are Traditional Chinese.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Literal

from counter_app.core.einvoice import InvoiceRegister
from counter_app.core.money import ZERO, Money
from counter_app.core.tenders import mask_reference
from counter_app.core.text_layout import (
    CharWidth,
    char_width,
    display_width,
    three_columns,
    two_columns,
    wrap,
)

TAIPEI = timezone(timedelta(hours=8), "Asia/Taipei")
"""Taiwan has no daylight saving time; a fixed offset avoids needing tzdata on Windows."""

Align = Literal["left", "center", "right"]

# --- document model ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False  # double width and height: half as many columns


@dataclass(frozen=True, slots=True)
class Columns:
    """Left text and right-aligned amount; with `middle`, an item row (name, qty, amount)."""

    left: str
    right: str
    middle: str | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Separator:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class Barcode:
    """Code 128 of `data` (ASCII), human-readable text below."""

    data: str


@dataclass(frozen=True, slots=True)
class QR:
    data: str


@dataclass(frozen=True, slots=True)
class Code39:
    """Code 39 of `data` (0-9, A-Z, space and -.$/+%), no check character, no text below:
    the e-invoice proof's one-dimensional barcode."""

    data: str


@dataclass(frozen=True, slots=True)
class QRPair:
    """Two QR codes side by side (the e-invoice proof's left and right codes)."""

    left: str
    right: str


@dataclass(frozen=True, slots=True)
class Image:
    """A bitmap, e.g. the store logo: a path the device layer loads, or a named placeholder."""

    source: str


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    partial: bool = False


Element = Text | Columns | Separator | Barcode | QR | Code39 | QRPair | Image | Feed | Cut


class DocumentKind(StrEnum):
    """What a document is, as a code: the UI names it in its own language."""

    SALE_RECEIPT = "sale_receipt"
    RETURN_RECEIPT = "return_receipt"
    EXCHANGE_RECEIPT = "exchange_receipt"
    PICKUP_SLIP = "pickup_slip"
    HANDOVER_SLIP = "handover_slip"
    DROPSHIP_SLIP = "dropship_slip"
    SHIFT_REPORT = "shift_report"
    EINVOICE_PROOF = "einvoice_proof"
    EINVOICE_SLIP = "einvoice_slip"
    EINVOICE_ALLOWANCE = "einvoice_allowance"  # 折讓證明單
    TEST_PAGE = "test_page"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Document:
    """`title` is for logs; `kind` + `reference` (receipt no., order no., "X"/"Z")
    identify the document to the UI, `reprint` says it carries the 補印 mark."""

    title: str
    elements: tuple[Element, ...]
    kind: DocumentKind = DocumentKind.OTHER
    reference: str = ""
    reprint: bool = False

    def plain_text(self, columns: int, width_of: CharWidth = char_width) -> str:
        """The text lines as printed (no barcodes), for tests and logs."""
        return "\n".join(line for line, _style in text_lines(self, columns, width_of))


@dataclass(frozen=True, slots=True)
class LineStyle:
    align: Align = "left"
    bold: bool = False
    double: bool = False


def _nfc(text: str) -> str:
    """One code point where Unicode has a precomposed form (e + U+0301 -> é), so the
    width counted is the width printed."""
    return unicodedata.normalize("NFC", text)


def layout_element(
    element: Text | Columns | Separator, columns: int, width_of: CharWidth = char_width
) -> list[tuple[str, LineStyle]]:
    """Resolve a text-like element into printable lines that fit `columns` (Font A),
    measuring each character with `width_of`, the target printer's width rule."""
    if isinstance(element, Separator):
        ch = _nfc(element.char or "-")
        return [(ch * (columns // max(display_width(ch, width_of), 1)), LineStyle())]
    if isinstance(element, Columns):
        style = LineStyle(bold=element.bold)
        left, right = _nfc(element.left), _nfc(element.right)
        if element.middle is None:
            rows = two_columns(left, right, columns, width_of)
        else:
            rows = three_columns(left, _nfc(element.middle), right, columns, width_of)
        return [(row, style) for row in rows]
    width = columns // 2 if element.double else columns
    style = LineStyle(element.align, element.bold, element.double)
    return [(line, style) for line in wrap(_nfc(element.text), max(width, 1), width_of)]


def text_lines(
    document: Document, columns: int, width_of: CharWidth = char_width
) -> list[tuple[str, LineStyle]]:
    out: list[tuple[str, LineStyle]] = []
    for element in document.elements:
        if isinstance(element, Text | Columns | Separator):
            out.extend(layout_element(element, columns, width_of))
    return out


# --- data the services layer fills in ---------------------------------------------

PAYMENT_LABELS: dict[str, str] = {
    "cash": "現金",
    "card": "信用卡",
    "easycard": "悠遊卡",
    "ipass": "一卡通",
    "linepay": "LINE Pay",
    "jkopay": "街口支付",
    "applepay": "Apple Pay",
    "transfer": "轉帳",
    "voucher": "禮券",
}


def payment_label(method: str) -> str:
    return PAYMENT_LABELS.get(method, method)


@dataclass(frozen=True, slots=True)
class SaleLine:
    name: str
    qty: int
    unit_price: Money  # charged: the list price or an override
    line_total: Money  # paid, after the line's discount and its share of a cart discount
    list_price: Money | None = None  # None: the unit price is the list price
    discount: Money = ZERO
    override_reason: str | None = None
    # take | pickup | ship | collect: the receipt groups a mixed cart by it
    fulfilment: str = "take"

    @property
    def listed(self) -> Money:
        return self.list_price if self.list_price is not None else self.unit_price

    @property
    def saved(self) -> Money:
        return self.listed * self.qty - self.line_total


@dataclass(frozen=True, slots=True)
class Payment:
    method: str
    amount: Money  # what it paid of the total
    tendered: Money | None = None  # cash handed over; a voucher's face value
    change: Money | None = None
    reference: str | None = None  # printed masked when long (core/tenders.mask_reference)
    approval_code: str | None = None
    label: str | None = None  # the tender's name; payment_label(method) when None
    voucher: bool = False  # gives no change: a face value above the amount is forfeited


@dataclass(frozen=True, slots=True)
class SaleReceiptData:
    store_name: str
    store_code: str
    receipt_no: str
    cashier_name: str
    created_at: datetime
    lines: Sequence[SaleLine]
    total: Money
    payments: Sequence[Payment]
    reprint: bool = False
    pending_notes: Sequence[str] = ()
    footer: str = "謝謝光臨，憑本收據可於七日內辦理退換貨"
    # Pickup / ship lines: who collects or receives them (the phone is masked on paper).
    customer_name: str = ""
    customer_phone: str = ""
    ship_to: str = ""
    # Collect lines: the group-buy order whose hand-over the sale paid for (取貨付款).
    collects_order: str = ""


@dataclass(frozen=True, slots=True)
class ItemQty:
    name: str
    qty: int


@dataclass(frozen=True, slots=True)
class PickupSlipData:
    store_name: str
    pickup_code: str
    customer_name: str
    phone: str
    lines: Sequence[ItemQty]
    created_at: datetime
    ready_by: datetime | None = None
    expires_at: datetime | None = None
    pending: bool = False  # queued offline: not yet confirmed by the warehouse
    reprint: bool = False
    receipt_no: str = ""  # the sale that paid for it, when paid at the counter


@dataclass(frozen=True, slots=True)
class DropshipSlipData:
    store_name: str
    order_no: str
    recipient_name: str
    phone: str
    address: str
    lines: Sequence[ItemQty]
    created_at: datetime
    carrier: str | None = None
    total: Money | None = None
    pending: bool = False
    reprint: bool = False


@dataclass(frozen=True, slots=True)
class RefundLine:
    """What one tender refunded, with the refund's reference (printed masked)."""

    method: str
    amount: Money
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnReceiptData:
    store_name: str
    return_no: str
    original_receipt_no: str
    cashier_name: str
    created_at: datetime
    returned: Sequence[SaleLine]
    exchanged: Sequence[SaleLine] = ()
    refund_method: str = "cash"
    # The refund per tender (a return to the original tenders); empty: all in refund_method.
    refunds: Sequence[RefundLine] = ()
    reason: str = ""
    reprint: bool = False
    pending_notes: Sequence[str] = ()

    @property
    def returned_total(self) -> Money:
        return sum((line.line_total for line in self.returned), ZERO)

    @property
    def exchanged_total(self) -> Money:
        return sum((line.line_total for line in self.exchanged), ZERO)


@dataclass(frozen=True, slots=True)
class ShiftReportData:
    kind: Literal["X", "Z"]
    store_name: str
    terminal: str
    cashier_name: str
    opened_at: datetime
    printed_at: datetime
    sale_count: int
    gross_sales: Money
    return_count: int
    returns: Money
    by_method: Sequence[tuple[str, Money]]
    opening_float: Money
    cash_in_drawer_expected: Money
    cash_counted: Money | None = None  # Z report: what the cashier counted
    voids: int = 0
    drawer_opens_without_sale: int = 0
    unsynced_operations: int = 0

    @property
    def net_sales(self) -> Money:
        return self.gross_sales - self.returns


@dataclass(frozen=True, slots=True)
class TestPageLabels:
    """The test page's words. It is printed from the settings dialog, so it reads in the
    UI's language: the dialog passes translated labels; these defaults are the store's."""

    __test__ = False  # not a pytest test class

    title: str = "測試頁"
    heading: str = "列印測試"
    subtitle: str = "測試頁 TEST PAGE"
    printer: str = "印表機："
    profile: str = "機型設定："
    paper: str = "紙寬："
    encoding: str = "編碼："
    time: str = "時間："
    chinese_sample: str = "繁體中文："
    bold: str = "粗體 Bold"
    center: str = "置中 Center"
    right: str = "靠右 Right"
    alignment: str = "對齊測試"


@dataclass(frozen=True, slots=True)
class PrinterTestPageData:
    printer_name: str
    paper_mm: int
    encoding: str
    profile: str
    printed_at: datetime
    extra_lines: Sequence[str] = field(default_factory=tuple)
    labels: TestPageLabels = field(default_factory=TestPageLabels)


# --- helpers ---------------------------------------------------------------------


def mask_phone(phone: str) -> str:
    """'0912345678' -> '0912***678'. Keeps the first 4 and last 3 digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) <= 7:
        return "*" * max(len(digits) - 2, 0) + digits[-2:]
    return f"{digits[:4]}***{digits[-3:]}"


def local_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(TAIPEI)
    return f"{moment:%Y-%m-%d %H:%M}"


REPRINT_MARK = Text("*** 補印 REPRINT ***", align="center", bold=True)


def mark_reprint(document: Document) -> Document:
    """The same document marked 補印 / REPRINT under its header (before the first
    separator), e.g. when a print was cut off and part of it may be on paper already."""
    if REPRINT_MARK in document.elements:
        return replace(document, reprint=True)
    elements = list(document.elements)
    at = next((n for n, e in enumerate(elements) if isinstance(e, Separator)), 0)
    elements.insert(at, REPRINT_MARK)
    return replace(document, elements=tuple(elements), reprint=True)


def _header(store_name: str, title: str, reprint: bool) -> list[Element]:
    elements: list[Element] = [Text(store_name, align="center", bold=True, double=True)]
    elements.append(Text(title, align="center", bold=True))
    if reprint:
        elements.append(REPRINT_MARK)
    elements.append(Separator())
    return elements


def _notes(notes: Sequence[str]) -> list[Element]:
    if not notes:
        return []
    return [Separator("="), *[Text(f"※ {note}", bold=True) for note in notes], Separator("=")]


def _item_rows(lines: Sequence[SaleLine]) -> list[Element]:
    """Each line at its list price; an override and a discount as lines of their own
    below it, so the amounts column adds up to the total."""
    rows: list[Element] = [Columns("品名", "金額", middle="數量")]
    for line in lines:
        rows.append(Columns(line.name, (line.listed * line.qty).format(), middle=f"x{line.qty}"))
        if line.qty != 1:
            rows.append(Text(f"  單價 {line.listed.format()}"))
        if line.unit_price != line.listed:
            off = (line.listed - line.unit_price) * line.qty
            rows.append(Columns(f"  改價 {line.unit_price.format()}", (-off).format()))
            if line.override_reason:
                rows.append(Text(f"  原因：{line.override_reason}"))
        if line.discount:
            rows.append(Columns("  折扣", (-line.discount).format()))
    return rows


def _saved_rows(lines: Sequence[SaleLine]) -> list[Element]:
    saved = sum((line.saved for line in lines), ZERO)
    return [Columns("本次共節省", saved.format(), bold=True)] if saved.cents > 0 else []


def _end() -> list[Element]:
    return [Feed(2), Cut()]


# --- builders --------------------------------------------------------------------


def _payment_rows(payment: Payment) -> list[Element]:
    """One tender: its name and amount, its reference (masked when long) and approval
    code; cash its amount received and change; a voucher its face value and what of it
    was forfeited (vouchers give no change)."""
    label = payment.label or payment_label(payment.method)
    rows: list[Element] = [Columns(label, payment.amount.format())]
    if payment.reference:
        kind = "券號" if payment.voucher else "交易序號"
        rows.append(Text(f"  {kind} {mask_reference(payment.reference)}"))
    if payment.approval_code:
        rows.append(Text(f"  授權碼 {payment.approval_code}"))
    if payment.voucher:
        if payment.tendered is not None and payment.tendered > payment.amount:
            rows.append(Columns("  面額", payment.tendered.format()))
            rows.append(Columns("  不找零", (payment.tendered - payment.amount).format()))
    elif payment.method == "cash" or payment.change:
        if payment.tendered is not None:
            rows.append(Columns("  實收", payment.tendered.format()))
        if payment.change is not None:
            rows.append(Columns("  找零", payment.change.format()))
    return rows


FULFILMENT_SECTIONS = (
    ("take", "本次帶走"),
    ("pickup", "門市取貨（到店後通知）"),
    ("ship", "宅配／超商寄送"),
    ("collect", "團購取貨付款"),
)


def _fulfilment_rows(data: SaleReceiptData) -> list[Element]:
    """A mixed cart's lines by how each is fulfilled: taken now, ready for pickup later, shipped."""
    if all(line.fulfilment == "take" for line in data.lines):
        return _item_rows(data.lines)
    rows: list[Element] = []
    for mode, title in FULFILMENT_SECTIONS:
        lines = [line for line in data.lines if line.fulfilment == mode]
        if not lines:
            continue
        rows += [Text(f"【{title}】", bold=True), *_item_rows(lines)]
    if data.collects_order:
        rows.append(Text(f"團購訂單：{data.collects_order}"))
    if data.customer_name:
        rows += [
            Separator(),
            Text(f"取件人：{data.customer_name}  {mask_phone(data.customer_phone)}"),
        ]
    if data.ship_to:
        rows.append(Text(f"寄送至：{data.ship_to}"))
    return rows


def sale_receipt(data: SaleReceiptData) -> Document:
    elements = _header(data.store_name, "銷售收據", data.reprint)
    elements += [
        Text(f"收據號碼：{data.receipt_no}"),
        Text(f"日期：{local_time(data.created_at)}"),
        Text(f"收銀員：{data.cashier_name}"),
        Separator(),
        *_fulfilment_rows(data),
        Separator(),
        Columns(f"合計 {sum(line.qty for line in data.lines)} 件", data.total.format(), bold=True),
        *_saved_rows(data.lines),
    ]
    for payment in data.payments:
        elements += _payment_rows(payment)
    elements += _notes(data.pending_notes)
    elements += [
        Separator(),
        Barcode(data.receipt_no),
        Text(data.footer, align="center"),
        *_end(),
    ]
    return Document(
        f"收據 {data.receipt_no}",
        tuple(elements),
        DocumentKind.SALE_RECEIPT,
        data.receipt_no,
        data.reprint,
    )


def pickup_slip(data: PickupSlipData) -> Document:
    elements = _header(data.store_name, "門市取貨單", data.reprint)
    shown_code = data.pickup_code or "待確認"  # queued offline: the warehouse gives the code
    elements += [
        Text(f"取貨碼：{shown_code}", align="center", bold=True, double=True),
        Text(f"建立：{local_time(data.created_at)}"),
        Text(f"顧客：{data.customer_name}  {mask_phone(data.phone)}"),
    ]
    if data.ready_by is not None:
        elements.append(Text(f"預計到店：{local_time(data.ready_by)}"))
    if data.expires_at is not None:
        elements.append(Text(f"保留至：{local_time(data.expires_at)}"))
    elements.append(Separator())
    elements += [Columns(item.name, f"x{item.qty}") for item in data.lines]
    if data.pending:
        # Pending from checkout until the warehouse applies it, online or not.
        elements += _notes(["待確認：預約尚未經倉庫確認，確認後將通知您"])
    if data.receipt_no:
        elements.append(Text(f"收據號碼：{data.receipt_no}"))
    elements.append(Separator())
    if data.pickup_code:
        elements += [
            QR(data.pickup_code),
            Barcode(data.pickup_code),
            Text("取貨時請出示此單或取貨碼", align="center"),
        ]
    else:
        elements.append(Text("取貨碼確認後另行通知，請保留本單", align="center"))
    elements += _end()
    return Document(
        f"取貨單 {shown_code}",
        tuple(elements),
        DocumentKind.PICKUP_SLIP,
        data.pickup_code or data.receipt_no,
        data.reprint,
    )


@dataclass(frozen=True, slots=True)
class HandoverSlipData:
    """What the customer signs for at the pickup desk (取貨交付單)."""

    store_name: str
    pickup_code: str
    reservation_id: str
    cashier_name: str
    lines: Sequence[ItemQty]
    handed_over_at: datetime
    customer_name: str = ""
    reprint: bool = False
    still_to_come: Sequence[ItemQty] = ()  # a partial pickup: what the customer collects later
    # Paid at pickup: what this hand-over cost and the sale receipt that paid it.
    paid: Money | None = None
    paid_receipt_no: str = ""


def handover_slip(data: HandoverSlipData) -> Document:
    elements = _header(data.store_name, "取貨交付單", data.reprint)
    elements += [
        Text(f"取貨碼：{data.pickup_code}", bold=True),
        Text(f"交付時間：{local_time(data.handed_over_at)}"),
        Text(f"經手人：{data.cashier_name}"),
    ]
    if data.customer_name:
        elements.append(Text(f"顧客：{data.customer_name}"))
    elements.append(Separator())
    if data.still_to_come:
        elements.append(Text("【本次取走】", bold=True))
    elements += [Columns(item.name, f"x{item.qty}") for item in data.lines]
    elements += [Separator(), Columns(f"合計 {sum(item.qty for item in data.lines)} 件", "")]
    if data.paid is not None:
        elements += [
            Columns("取貨付款 已收", data.paid.format(), bold=True),
            Text(f"收據號碼：{data.paid_receipt_no}"),
            Separator(),
        ]
    if data.still_to_come:
        elements += [
            Text("【尚待取貨（到店後通知）】", bold=True),
            *(Columns(item.name, f"x{item.qty}") for item in data.still_to_come),
            Separator(),
        ]
    elements += [
        Text("顧客簽收：", bold=True),
        Feed(2),
        Separator(),
        Barcode(data.pickup_code),
        *_end(),
    ]
    return Document(
        f"交付單 {data.pickup_code}",
        tuple(elements),
        DocumentKind.HANDOVER_SLIP,
        data.pickup_code,
        data.reprint,
    )


class DropshipCopy(StrEnum):
    """Who a dropship slip is for. Only the copy that travels with the parcel shows the
    recipient's full phone number: the courier has to be able to call."""

    PARCEL = "parcel"
    CUSTOMER = "customer"
    STORE = "store"


DROPSHIP_COPY_LABELS: dict[DropshipCopy, str] = {
    DropshipCopy.PARCEL: "包裹聯（隨貨寄送）",
    DropshipCopy.CUSTOMER: "顧客收執聯",
    DropshipCopy.STORE: "門市存根聯",
}


def dropship_slip(data: DropshipSlipData, *, copy: DropshipCopy) -> Document:
    """One copy of a dropship slip. The parcel copy carries what the courier needs (the
    full phone number and address); the customer's and the store's copies mask the phone."""
    elements = _header(data.store_name, "代發訂單", data.reprint)
    phone = data.phone.strip() if copy is DropshipCopy.PARCEL else mask_phone(data.phone)
    elements += [
        Text(DROPSHIP_COPY_LABELS[copy], align="center", bold=True),
        Text(f"訂單編號：{data.order_no}"),
        Text(f"建立：{local_time(data.created_at)}"),
        Text(f"收件人：{data.recipient_name}", bold=copy is DropshipCopy.PARCEL),
        Text(f"電話：{phone}", bold=copy is DropshipCopy.PARCEL),
        Text(f"地址：{data.address}", bold=copy is DropshipCopy.PARCEL),
    ]
    if data.carrier:
        elements.append(Text(f"物流：{data.carrier}"))
    elements.append(Separator())
    elements += [Columns(item.name, f"x{item.qty}") for item in data.lines]
    if data.total is not None:
        elements += [Separator(), Columns("合計", data.total.format(), bold=True)]
    if data.pending:
        elements += _notes(["待確認：訂單尚待倉庫確認，離線時連線後自動送出"])
    elements += [Separator(), Barcode(data.order_no), *_end()]
    return Document(
        f"代發單 {data.order_no} {copy.value}",
        tuple(elements),
        DocumentKind.DROPSHIP_SLIP,
        data.order_no,
        data.reprint,
    )


def dropship_slips(data: DropshipSlipData) -> tuple[Document, ...]:
    """All three copies, parcel first: print them as one run at the counter."""
    return tuple(dropship_slip(data, copy=copy) for copy in DropshipCopy)


def _refund_rows(refunds: Sequence[RefundLine], amounts: bool = True) -> list[Element]:
    """Each tender's refund and its reference (masked); ``amounts`` False: the reference alone."""
    rows: list[Element] = []
    for refund in refunds:
        if amounts:
            rows.append(Columns(f"  退回{payment_label(refund.method)}", refund.amount.format()))
        if refund.reference:
            rows.append(Text(f"  退款參考號 {mask_reference(refund.reference)}"))
    return rows


def return_receipt(data: ReturnReceiptData) -> Document:
    title = "換貨收據" if data.exchanged else "退貨收據"
    elements = _header(data.store_name, title, data.reprint)
    elements += [
        Text(f"單號：{data.return_no}"),
        Text(f"原收據：{data.original_receipt_no}"),
        Text(f"日期：{local_time(data.created_at)}"),
        Text(f"收銀員：{data.cashier_name}"),
        Separator(),
        Text("退回商品", bold=True),
        *_item_rows(data.returned),
        Columns("退貨小計", (-data.returned_total).format()),
    ]
    if data.exchanged:
        elements += [
            Separator(),
            Text("換購商品", bold=True),
            *_item_rows(data.exchanged),
            Columns("換購小計", data.exchanged_total.format()),
        ]
    net = data.exchanged_total - data.returned_total
    elements.append(Separator())
    if net.cents < 0 and len(data.refunds) > 1:
        elements.append(Columns("應退金額", (-net).format(), bold=True))
        elements += _refund_rows(data.refunds)
    elif net.cents < 0:
        method = data.refunds[0].method if data.refunds else data.refund_method
        elements.append(Columns(f"應退金額（{payment_label(method)}）", (-net).format(), bold=True))
        elements += _refund_rows(data.refunds, amounts=False)
    else:
        elements.append(Columns("應補金額", net.format(), bold=True))
    if data.reason:
        elements.append(Text(f"原因：{data.reason}"))
    elements += _notes(data.pending_notes)
    elements += [
        Separator(),
        Barcode(data.return_no),
        Text("顧客簽名：", bold=True),
        Feed(2),
        *_end(),
    ]
    kind = DocumentKind.EXCHANGE_RECEIPT if data.exchanged else DocumentKind.RETURN_RECEIPT
    return Document(
        f"{title} {data.return_no}", tuple(elements), kind, data.return_no, data.reprint
    )


def shift_report(data: ShiftReportData) -> Document:
    title = "X 報表（交班中）" if data.kind == "X" else "Z 報表（關帳）"
    elements = _header(data.store_name, title, reprint=False)
    elements += [
        Text(f"收銀機：{data.terminal}"),
        Text(f"收銀員：{data.cashier_name}"),
        Text(f"開班：{local_time(data.opened_at)}"),
        Text(f"列印：{local_time(data.printed_at)}"),
        Separator(),
        Columns(f"銷售 {data.sale_count} 筆", data.gross_sales.format()),
        Columns(f"退貨 {data.return_count} 筆", (-data.returns).format()),
        Columns("淨銷售", data.net_sales.format(), bold=True),
        Separator(),
        Text("付款方式", bold=True),
        *[Columns(payment_label(method), amount.format()) for method, amount in data.by_method],
        Separator(),
        Columns("開班零用金", data.opening_float.format()),
        Columns("應有現金", data.cash_in_drawer_expected.format(), bold=True),
    ]
    if data.cash_counted is not None:
        diff = data.cash_counted - data.cash_in_drawer_expected
        elements += [
            Columns("實點現金", data.cash_counted.format()),
            Columns("差額", diff.format(), bold=True),
        ]
    elements += [
        Separator(),
        Columns("作廢", str(data.voids)),
        Columns("無銷售開錢櫃", str(data.drawer_opens_without_sale)),
        Columns("待同步作業", str(data.unsynced_operations)),
    ]
    if data.kind == "Z":
        elements += [Feed(1), Text("主管簽名：", bold=True), Feed(2)]
    elements += _end()
    return Document(title, tuple(elements), DocumentKind.SHIFT_REPORT, data.kind)


def printer_test_page(data: PrinterTestPageData) -> Document:
    labels = data.labels
    elements: list[Element] = [
        Text(labels.heading, align="center", bold=True, double=True),
        Text(labels.subtitle, align="center"),
        Separator(),
        Text(f"{labels.printer}{data.printer_name}"),
        Text(f"{labels.profile}{data.profile}"),
        Text(f"{labels.paper}{data.paper_mm} mm  {labels.encoding}{data.encoding}"),
        Text(f"{labels.time}{local_time(data.printed_at)}"),
        *[Text(line) for line in data.extra_lines],
        Separator(),
        Text(f"{labels.chinese_sample}珍珠奶茶、鳳梨酥、臺灣"),
        Text("0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        Text(labels.bold, bold=True),
        Text(labels.center, align="center"),
        Text(labels.right, align="right"),
        Columns(labels.alignment, "NT$1,234"),
        Separator("="),
        Barcode("TEST-128"),
        QR("PU7K3M9Q2X"),
        *_end(),
    ]
    return Document(labels.title, tuple(elements), DocumentKind.TEST_PAGE)


# --- the shift's X and Z reports (services/shifts.py) -----------------------------


@dataclass(frozen=True, slots=True)
class TenderLine:
    """One tender's takings in a shift: cash today, cards and the rest as they come."""

    method: str
    sales_count: int
    sales: Money
    refunds: Money = ZERO
    label: str | None = None  # the tender's name; payment_label(method) when None


@dataclass(frozen=True, slots=True)
class ShiftCloseReportData:
    kind: Literal["X", "Z"]
    store_name: str
    terminal: str
    opened_by_name: str
    closed_by_name: str
    opened_at: datetime
    printed_at: datetime
    sale_count: int
    tenders: Sequence[TenderLine]
    opening: Money
    expected_opening: Money | None  # the previous close's count
    cash_sales: Money
    cash_refunds: Money
    cash_in: Money
    cash_out: Money
    expected: Money
    counted: Money | None = None  # Z: the closing count
    closing_count: Sequence[tuple[int, int]] = ()  # (NT$ denomination, pieces)
    unsynced_ops: int = 0
    invoices: InvoiceRegister | None = None  # the shift's e-invoice register (發票日報)
    voided_carts: int = 0  # carts voided before payment (services/held_carts.py)
    voided_total: Money = ZERO


def shift_close_report(data: ShiftCloseReportData) -> Document:
    """The X report (shift so far) or Z report (closed shift) with the drawer's figures:
    expected = opening + cash sales - cash refunds + cash in - cash out."""
    title = "X 報表（交班中）" if data.kind == "X" else "Z 報表（關帳）"
    elements = _header(data.store_name, title, reprint=False)
    elements += [
        Text(f"收銀機：{data.terminal}"),
        Text(f"開班：{local_time(data.opened_at)} {data.opened_by_name}"),
    ]
    if data.kind == "Z":
        elements.append(Text(f"關帳：{local_time(data.printed_at)} {data.closed_by_name}"))
    else:
        elements.append(Text(f"列印：{local_time(data.printed_at)}"))
    elements += [
        Separator(),
        Text("付款方式", bold=True),
    ]
    for tender in data.tenders:
        label = tender.label or payment_label(tender.method)
        elements.append(Columns(f"{label} {tender.sales_count} 筆", tender.sales.format()))
        if tender.refunds:
            elements.append(Columns(f"  {label}退款", (-tender.refunds).format()))
    gross = sum((t.sales for t in data.tenders), ZERO)
    elements += [
        Columns(f"銷售合計 {data.sale_count} 筆", gross.format(), bold=True),
        *(
            [Columns(f"作廢交易 {data.voided_carts} 筆", data.voided_total.format())]
            if data.voided_carts
            else []
        ),
        Separator(),
        Text("現金", bold=True),
        Columns("開班零用金", data.opening.format()),
    ]
    if data.expected_opening is not None and data.expected_opening != data.opening:
        elements.append(Columns("  上班關帳點數", data.expected_opening.format()))
        elements.append(Columns("  開班差額", (data.opening - data.expected_opening).format()))
    elements += [
        Columns("現金銷售", data.cash_sales.format()),
        Columns("現金退款", (-data.cash_refunds).format()),
        Columns("存入現金", data.cash_in.format()),
        Columns("取出現金", (-data.cash_out).format()),
        Columns("應有現金", data.expected.format(), bold=True),
    ]
    if data.counted is not None:
        elements.append(Columns("實點現金", data.counted.format(), bold=True))
        elements.append(Columns("差額", (data.counted - data.expected).format(), bold=True))
    if data.closing_count:
        elements += [Separator(), Text("點鈔明細", bold=True)]
        for denomination, pieces in data.closing_count:
            elements.append(
                Columns(
                    f"NT${denomination:,}",
                    Money.from_dollars(denomination * pieces).format(),
                    middle=f"x{pieces}",
                )
            )
    if data.invoices is not None:
        register = data.invoices
        elements += [Separator(), Text("電子發票日報", bold=True)]
        if register.first and register.last:
            elements += [
                Columns("起號", f"{register.first[:2]}-{register.first[2:]}"),
                Columns("迄號", f"{register.last[:2]}-{register.last[2:]}"),
            ]
        elements += [
            Columns("開立張數", str(register.issued)),
            Columns("作廢張數", str(register.voided)),
        ]
        if register.voided:
            elements.append(Columns("作廢金額", (-Money(register.voided_cents)).format()))
        elements += [
            Columns("發票金額", Money(register.total_cents).format(), bold=True),
        ]
    elements += [Separator(), Columns("待同步作業", str(data.unsynced_ops))]
    if data.kind == "Z":
        elements += [
            Feed(1),
            Text("收銀員簽名：", bold=True),
            Feed(2),
            Text("主管簽名：", bold=True),
            Feed(2),
        ]
    elements += _end()
    return Document(title, tuple(elements), DocumentKind.SHIFT_REPORT, data.kind)
