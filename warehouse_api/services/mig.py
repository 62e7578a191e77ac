"""MIG 4.1 e-invoice messages for the MOF Turnkey program: build them, and check them.

Four messages of the platform's storage (存證, B2S) family:

* F0401 `Invoice` (開立發票): an invoice issued, B2C or B2B;
* F0501 `CancelInvoice` (作廢發票): an invoice voided within its period;
* G0401 `Allowance` (開立折讓證明單): an allowance against an invoice;
* G0501 `CancelAllowance` (作廢折讓證明單): an allowance voided;

and one message of the platform family (B2P):

* E0402 `BranchTrackBlank` (空白未使用字軌號碼): a period's numbers never used, per track,
  as ranges of consecutive numbers (reported within 10 days of the next period's start).

The element names, their order, which are mandatory, and the field rules checked by
`validate` come from the MIG 4.1 message trees and data-element tables as transcribed in
public Turnkey integration work (docs/einvoice.md, "Sources"); the official XSDs could not
be downloaded here, so `validate` encodes those rules itself: element order and presence,
lengths, formats, enumerations, decimal digits, and the amounts adding up. Every message
`build_*` returns has passed `validate` (a builder that produced a bad message raises).

Amounts are given in whole New Taiwan dollars (Decimal); the warehouse keeps cents, and an
invoice's total is whole dollars by construction.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

VERSION = "4.1"
MESSAGE_TYPES = ("F0401", "F0501", "G0401", "G0501", "E0402")
ROOTS = {
    "F0401": "Invoice",
    "F0501": "CancelInvoice",
    "G0401": "Allowance",
    "G0501": "CancelAllowance",
    "E0402": "BranchTrackBlank",
}
MAX_BLANK_RANGES = 25000  # BranchTrackBlankItem occurs 1 to 25000 times
B2C_BUYER = "0000000000"  # the buyer identifier of a sale to a consumer (no tax ID)
TAX_RATE = Decimal("0.05")


def namespace(message_type: str) -> str:
    return f"urn:GEINV:eInvoiceMessage:{message_type}:{VERSION}"


class MigError(ValueError):
    """A message that breaks the MIG rules; `problems` lists every rule broken."""

    def __init__(self, message_type: str, problems: Sequence[str]) -> None:
        super().__init__(f"{message_type}: " + "; ".join(problems))
        self.message_type = message_type
        self.problems = list(problems)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class Party:
    identifier: str  # 8-digit tax ID, or B2C_BUYER
    name: str
    address: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceItem:
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    tax_type: str = "1"


@dataclass(frozen=True, slots=True)
class InvoiceMessage:
    """F0401. For B2C the amounts are tax-inclusive and TaxAmount is 0; for B2B the items
    and SalesAmount are before tax and TaxAmount is the 5% tax."""

    number: str
    issued_at: datetime  # in Taiwan time
    seller: Party
    buyer: Party
    random_number: str
    items: Sequence[InvoiceItem]
    sales_amount: Decimal
    tax_amount: Decimal
    total_amount: Decimal
    invoice_type: str = "07"
    carrier_type: str | None = None
    carrier_id: str | None = None
    donation_code: str | None = None
    main_remark: str | None = None  # a replacement's: the voided invoice it replaces


@dataclass(frozen=True, slots=True)
class CancelInvoiceMessage:
    """F0501."""

    number: str
    invoice_date: datetime
    buyer_id: str
    seller_id: str
    cancelled_at: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class AllowanceItem:
    original_invoice_date: datetime
    original_invoice_number: str
    original_sequence_number: str | None
    description: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal  # before tax
    tax: Decimal
    sequence_number: str
    tax_type: str = "1"


@dataclass(frozen=True, slots=True)
class AllowanceMessage:
    """G0401, issued by the seller (AllowanceType 2)."""

    number: str
    issued_at: datetime
    seller: Party
    buyer: Party
    items: Sequence[AllowanceItem]
    tax_amount: Decimal
    total_amount: Decimal  # before tax, as the MIG defines it for G0401
    allowance_type: str = "2"


@dataclass(frozen=True, slots=True)
class CancelAllowanceMessage:
    """G0501."""

    number: str
    allowance_date: datetime
    buyer_id: str
    seller_id: str
    cancelled_at: datetime
    reason: str
    allowance_type: str = "2"


@dataclass(frozen=True, slots=True)
class BlankTrackMessage:
    """E0402: the numbers of one track of a period that no invoice was issued with."""

    head_ban: str  # the head office's tax ID
    branch_ban: str  # the branch's (the same for a business with one tax ID)
    invoice_type: str  # 07 or 08
    year_month: str  # the period: ROC year and its even month, 11512
    track: str
    ranges: Sequence[tuple[int, int]]  # first and last number of each blank range


# --------------------------------------------------------------------------- building


def _money(value: Decimal) -> str:
    """A decimal as the MIG writes it: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class _Writer:
    def __init__(self, message_type: str) -> None:
        self.ns = namespace(message_type)
        self.root = ET.Element(f"{{{self.ns}}}{ROOTS[message_type]}")

    def add(self, parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        child = ET.SubElement(parent, f"{{{self.ns}}}{tag}")
        if text is not None:
            child.text = text
        return child

    def party(self, parent: ET.Element, tag: str, party: Party) -> None:
        node = self.add(parent, tag)
        self.add(node, "Identifier", party.identifier)
        self.add(node, "Name", party.name)
        if party.address:
            self.add(node, "Address", party.address)

    def bytes(self) -> bytes:
        ET.register_namespace("", self.ns)
        body: bytes = ET.tostring(self.root, encoding="UTF-8", xml_declaration=False)
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _date(moment: datetime) -> str:
    return moment.strftime("%Y%m%d")


def _time(moment: datetime) -> str:
    return moment.strftime("%H:%M:%S")


def build_f0401(message: InvoiceMessage) -> bytes:
    w = _Writer("F0401")
    main = w.add(w.root, "Main")
    w.add(main, "InvoiceNumber", message.number)
    w.add(main, "InvoiceDate", _date(message.issued_at))
    w.add(main, "InvoiceTime", _time(message.issued_at))
    w.party(main, "Seller", message.seller)
    w.party(main, "Buyer", message.buyer)
    if message.main_remark:
        w.add(main, "MainRemark", message.main_remark)
    w.add(main, "InvoiceType", message.invoice_type)
    w.add(main, "DonateMark", "1" if message.donation_code else "0")
    if message.carrier_type and message.carrier_id:
        w.add(main, "CarrierType", message.carrier_type)
        w.add(main, "CarrierId1", message.carrier_id)
        w.add(main, "CarrierId2", message.carrier_id)
    # A proof is printed unless the invoice went to a carrier or was donated; a sale
    # with a buyer tax ID always prints one.
    printed = message.buyer.identifier != B2C_BUYER or not (
        message.donation_code or message.carrier_type
    )
    w.add(main, "PrintMark", "Y" if printed else "N")
    if message.donation_code:
        w.add(main, "NPOBAN", message.donation_code)
    w.add(main, "RandomNumber", message.random_number)
    details = w.add(w.root, "Details")
    for position, item in enumerate(message.items, start=1):
        node = w.add(details, "ProductItem")
        w.add(node, "Description", item.description)
        w.add(node, "Quantity", _money(item.quantity))
        w.add(node, "UnitPrice", _money(item.unit_price))
        w.add(node, "TaxType", item.tax_type)
        w.add(node, "Amount", _money(item.amount))
        w.add(node, "SequenceNumber", str(position))
    amount = w.add(w.root, "Amount")
    w.add(amount, "SalesAmount", _money(message.sales_amount))
    w.add(amount, "FreeTaxSalesAmount", "0")
    w.add(amount, "ZeroTaxSalesAmount", "0")
    w.add(amount, "TaxType", "1")
    w.add(amount, "TaxRate", _money(TAX_RATE))
    w.add(amount, "TaxAmount", _money(message.tax_amount))
    w.add(amount, "TotalAmount", _money(message.total_amount))
    return _checked("F0401", w.bytes())


def build_f0501(message: CancelInvoiceMessage) -> bytes:
    w = _Writer("F0501")
    w.add(w.root, "CancelInvoiceNumber", message.number)
    w.add(w.root, "InvoiceDate", _date(message.invoice_date))
    w.add(w.root, "BuyerId", message.buyer_id)
    w.add(w.root, "SellerId", message.seller_id)
    w.add(w.root, "CancelDate", _date(message.cancelled_at))
    w.add(w.root, "CancelTime", _time(message.cancelled_at))
    w.add(w.root, "CancelReason", message.reason)
    return _checked("F0501", w.bytes())


def build_g0401(message: AllowanceMessage) -> bytes:
    w = _Writer("G0401")
    main = w.add(w.root, "Main")
    w.add(main, "AllowanceNumber", message.number)
    w.add(main, "AllowanceDate", _date(message.issued_at))
    w.party(main, "Seller", message.seller)
    w.party(main, "Buyer", message.buyer)
    w.add(main, "AllowanceType", message.allowance_type)
    details = w.add(w.root, "Details")
    for item in message.items:
        node = w.add(details, "ProductItem")
        w.add(node, "OriginalInvoiceDate", _date(item.original_invoice_date))
        w.add(node, "OriginalInvoiceNumber", item.original_invoice_number)
        if item.original_sequence_number:
            w.add(node, "OriginalSequenceNumber", item.original_sequence_number)
        w.add(node, "OriginalDescription", item.description)
        w.add(node, "Quantity", _money(item.quantity))
        w.add(node, "UnitPrice", _money(item.unit_price))
        w.add(node, "Amount", _money(item.amount))
        w.add(node, "Tax", _money(item.tax))
        w.add(node, "AllowanceSequenceNumber", item.sequence_number)
        w.add(node, "TaxType", item.tax_type)
    amount = w.add(w.root, "Amount")
    w.add(amount, "TaxAmount", _money(message.tax_amount))
    w.add(amount, "TotalAmount", _money(message.total_amount))
    return _checked("G0401", w.bytes())


def build_g0501(message: CancelAllowanceMessage) -> bytes:
    w = _Writer("G0501")
    w.add(w.root, "CancelAllowanceNumber", message.number)
    w.add(w.root, "AllowanceType", message.allowance_type)
    w.add(w.root, "AllowanceDate", _date(message.allowance_date))
    w.add(w.root, "BuyerId", message.buyer_id)
    w.add(w.root, "SellerId", message.seller_id)
    w.add(w.root, "CancelDate", _date(message.cancelled_at))
    w.add(w.root, "CancelTime", _time(message.cancelled_at))
    w.add(w.root, "CancelReason", message.reason)
    return _checked("G0501", w.bytes())


def build_e0402(message: BlankTrackMessage) -> bytes:
    w = _Writer("E0402")
    main = w.add(w.root, "Main")
    w.add(main, "HeadBan", message.head_ban)
    w.add(main, "BranchBan", message.branch_ban)
    w.add(main, "InvoiceType", message.invoice_type)
    w.add(main, "YearMonth", message.year_month)
    w.add(main, "InvoiceTrack", message.track)
    details = w.add(w.root, "Details")
    for first, last in message.ranges:
        item = w.add(details, "BranchTrackBlankItem")
        w.add(item, "InvoiceBeginNo", f"{first:08d}")
        w.add(item, "InvoiceEndNo", f"{last:08d}")
    return _checked("E0402", w.bytes())


def _checked(message_type: str, document: bytes) -> bytes:
    problems = validate(document)
    if problems:
        raise MigError(message_type, problems)
    return document


# --------------------------------------------------------------------------- validation

Check = Callable[[str], str | None]


def _text(low: int, high: int) -> Check:
    def check(value: str) -> str | None:
        if not low <= len(value) <= high:
            return f"length {len(value)}, must be {low} to {high} characters"
        if not value.strip():
            return "blank"
        return None

    return check


def _pattern(regex: str, what: str) -> Check:
    compiled = re.compile(regex)

    def check(value: str) -> str | None:
        return None if compiled.fullmatch(value) else f"{value!r} is not {what}"

    return check


def _enum(*values: str) -> Check:
    def check(value: str) -> str | None:
        return None if value in values else f"{value!r} is not one of {', '.join(values)}"

    return check


def _date_check(value: str) -> str | None:
    if not re.fullmatch(r"\d{8}", value):
        return f"{value!r} is not a date yyyyMMdd"
    try:
        datetime.strptime(value, "%Y%m%d")
    except ValueError:
        return f"{value!r} is not a real date"
    return None


def _time_check(value: str) -> str | None:
    if not re.fullmatch(r"\d{2}:\d{2}:\d{2}", value):
        return f"{value!r} is not a time HH:mm:ss"
    try:
        datetime.strptime(value, "%H:%M:%S")
    except ValueError:
        return f"{value!r} is not a real time"
    return None


def _decimal(total_digits: int = 20, fraction_digits: int = 7, negative: bool = False) -> Check:
    def check(value: str) -> str | None:
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
            return f"{value!r} is not a decimal"
        number = Decimal(value)
        if number < 0 and not negative:
            return f"{value} is negative"
        digits = value.lstrip("+-")
        whole, _, fraction = digits.partition(".")
        whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
        if len(fraction) > fraction_digits:
            return f"{value} has more than {fraction_digits} decimal places"
        if len(whole) + len(fraction) > total_digits:
            return f"{value} has more than {total_digits} digits"
        return None

    return check


_INVOICE_NUMBER = _pattern(r"[A-Z]{2}\d{8}", "an invoice number (2 capital letters, 8 digits)")
_BAN = _pattern(r"\d{8}", "a tax ID (8 digits)")
_BUYER_BAN = _pattern(r"\d{8}|0{10}", "a tax ID (8 digits) or 0000000000")
_TAX_TYPE = _enum("1", "2", "3", "4", "9")
_ITEM_TAX_TYPE = _enum("1", "2", "3")
_AMOUNT = _decimal()
_WHOLE = _decimal(fraction_digits=0)
_SEQUENCE = _pattern(r"\d{1,4}", "a sequence number (1 to 4 digits)")
_EIGHT_DIGITS = _pattern(r"\d{8}", "an invoice number's 8 digits")


@dataclass(frozen=True, slots=True)
class El:
    """One element of a sequence: its name, whether it must be there, how often it may
    repeat, and either a check of its text or the sequence of its children."""

    name: str
    required: bool = True
    check: Check | None = None
    children: tuple[El, ...] = ()
    max_occurs: int = 1
    leaf: bool = field(default=True)


def _leaf(name: str, check: Check, required: bool = True) -> El:
    return El(name, required, check)


def _group(name: str, children: Sequence[El], required: bool = True, max_occurs: int = 1) -> El:
    return El(name, required, None, tuple(children), max_occurs, leaf=False)


def _party(name: str, address_required: bool, identifier: Check) -> El:
    return _group(
        name,
        [
            _leaf("Identifier", identifier),
            _leaf("Name", _text(1, 60)),
            _leaf("Address", _text(1, 100), address_required),
            _leaf("PersonInCharge", _text(1, 30), False),
            _leaf("TelephoneNumber", _text(1, 26), False),
            _leaf("FacsimileNumber", _text(1, 26), False),
            _leaf("EmailAddress", _text(1, 400), False),
            _leaf("CustomerNumber", _text(1, 20), False),
            _leaf("RoleRemark", _text(1, 40), False),
        ],
    )


SCHEMAS: dict[str, tuple[El, ...]] = {
    "F0401": (
        _group(
            "Main",
            [
                _leaf("InvoiceNumber", _INVOICE_NUMBER),
                _leaf("InvoiceDate", _date_check),
                _leaf("InvoiceTime", _time_check),
                _party("Seller", True, _BAN),
                _party("Buyer", False, _BUYER_BAN),
                _leaf("BuyerRemark", _enum("1", "2", "3", "4"), False),
                _leaf("MainRemark", _text(1, 200), False),
                _leaf("CustomsClearanceMark", _enum("1", "2"), False),
                _leaf("Category", _text(1, 2), False),
                _leaf("RelateNumber", _text(1, 20), False),
                _leaf("InvoiceType", _enum("07", "08")),
                _leaf("GroupMark", _enum("*"), False),
                _leaf("DonateMark", _enum("0", "1")),
                _leaf("CarrierType", _text(1, 6), False),
                _leaf("CarrierId1", _text(1, 400), False),
                _leaf("CarrierId2", _text(1, 400), False),
                _leaf("PrintMark", _enum("Y", "N")),
                _leaf("NPOBAN", _pattern(r"\d{3,7}", "a donation code (3 to 7 digits)"), False),
                _leaf("RandomNumber", _pattern(r"\d{4}", "a random number (4 digits)"), False),
                _leaf("BondedAreaConfirm", _enum("1", "2", "3", "4"), False),
                _leaf("ZeroTaxRateReason", _enum(*(str(n) for n in range(71, 80))), False),
                _leaf("Reserved1", _text(1, 20), False),
                _leaf("Reserved2", _text(1, 100), False),
            ],
        ),
        _group(
            "Details",
            [
                _group(
                    "ProductItem",
                    [
                        _leaf("Description", _text(1, 500)),
                        _leaf("Quantity", _AMOUNT),
                        _leaf("Unit", _text(1, 6), False),
                        _leaf("UnitPrice", _AMOUNT),
                        _leaf("TaxType", _ITEM_TAX_TYPE),
                        _leaf("Amount", _AMOUNT),
                        _leaf("SequenceNumber", _SEQUENCE),
                        _leaf("Remark", _text(1, 120), False),
                        _leaf("RelateNumber", _text(1, 50), False),
                    ],
                    max_occurs=9999,
                )
            ],
        ),
        _group(
            "Amount",
            [
                _leaf("SalesAmount", _AMOUNT),
                _leaf("FreeTaxSalesAmount", _AMOUNT),
                _leaf("ZeroTaxSalesAmount", _AMOUNT),
                _leaf("TaxType", _TAX_TYPE),
                _leaf("TaxRate", _enum("0", "0.01", "0.02", "0.05", "0.15", "0.25")),
                _leaf("TaxAmount", _WHOLE),
                _leaf("TotalAmount", _AMOUNT),
                _leaf("DiscountAmount", _AMOUNT, False),
                _leaf("OriginalCurrencyAmount", _AMOUNT, False),
                _leaf("ExchangeRate", _decimal(13, 5), False),
                _leaf("Currency", _pattern(r"[A-Z]{3}", "a currency code"), False),
            ],
        ),
    ),
    "F0501": (
        _leaf("CancelInvoiceNumber", _INVOICE_NUMBER),
        _leaf("InvoiceDate", _date_check),
        _leaf("BuyerId", _BUYER_BAN),
        _leaf("SellerId", _BAN),
        _leaf("CancelDate", _date_check),
        _leaf("CancelTime", _time_check),
        _leaf("CancelReason", _text(1, 20)),
        _leaf("ReturnTaxDocumentNumber", _text(1, 60), False),
        _leaf("Remark", _text(1, 200), False),
        _leaf("Reserved1", _text(1, 20), False),
        _leaf("Reserved2", _text(1, 100), False),
    ),
    "G0401": (
        _group(
            "Main",
            [
                _leaf("AllowanceNumber", _text(1, 16)),
                _leaf("AllowanceDate", _date_check),
                _party("Seller", True, _BAN),
                _party("Buyer", False, _BUYER_BAN),
                _leaf("AllowanceType", _enum("1", "2")),
                _leaf("OriginalInvoiceSellerId", _BAN, False),
                _leaf("OriginalInvoiceBuyerId", _BUYER_BAN, False),
            ],
        ),
        _group(
            "Details",
            [
                _group(
                    "ProductItem",
                    [
                        _leaf("OriginalInvoiceDate", _date_check),
                        _leaf("OriginalInvoiceNumber", _INVOICE_NUMBER),
                        _leaf("OriginalSequenceNumber", _SEQUENCE, False),
                        _leaf("OriginalDescription", _text(1, 256)),
                        _leaf("Quantity", _AMOUNT),
                        _leaf("Unit", _text(1, 6), False),
                        _leaf("UnitPrice", _AMOUNT),
                        _leaf("Amount", _AMOUNT),
                        _leaf("Tax", _WHOLE),
                        _leaf("AllowanceSequenceNumber", _SEQUENCE),
                        _leaf("TaxType", _ITEM_TAX_TYPE),
                    ],
                    max_occurs=9999,
                )
            ],
        ),
        _group("Amount", [_leaf("TaxAmount", _WHOLE), _leaf("TotalAmount", _AMOUNT)]),
    ),
    "G0501": (
        _leaf("CancelAllowanceNumber", _text(1, 16)),
        _leaf("AllowanceType", _enum("1", "2")),
        _leaf("AllowanceDate", _date_check),
        _leaf("BuyerId", _BUYER_BAN),
        _leaf("SellerId", _BAN),
        _leaf("CancelDate", _date_check),
        _leaf("CancelTime", _time_check),
        _leaf("CancelReason", _text(1, 20)),
        _leaf("Remark", _text(1, 200), False),
    ),
    "E0402": (
        _group(
            "Main",
            [
                _leaf("HeadBan", _BAN),
                _leaf("BranchBan", _BAN),
                _leaf("InvoiceType", _enum("07", "08")),
                _leaf(
                    "YearMonth",
                    _pattern(r"\d{3}(02|04|06|08|10|12)", "a period (ROC year, even month)"),
                ),
                _leaf("InvoiceTrack", _pattern(r"[A-Z]{2}", "a track (2 capital letters)")),
            ],
        ),
        _group(
            "Details",
            [
                _group(
                    "BranchTrackBlankItem",
                    [_leaf("InvoiceBeginNo", _EIGHT_DIGITS), _leaf("InvoiceEndNo", _EIGHT_DIGITS)],
                    max_occurs=MAX_BLANK_RANGES,
                )
            ],
        ),
    ),
}


def _local(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return None, tag


def _walk(parent: ET.Element, spec: Sequence[El], path: str, ns: str, out: list[str]) -> None:
    children = list(parent)
    position = 0
    for element in spec:
        count = 0
        while position < len(children):
            child_ns, name = _local(children[position].tag)
            if name != element.name:
                break
            if child_ns != ns:
                out.append(f"{path}/{name}: namespace {child_ns!r}, expected {ns!r}")
            here = f"{path}/{name}" + (f"[{count + 1}]" if element.max_occurs > 1 else "")
            _element(children[position], element, here, ns, out)
            count += 1
            position += 1
        if element.required and count == 0:
            out.append(f"{path}/{element.name}: missing (or out of order)")
        if count > element.max_occurs:
            out.append(f"{path}/{element.name}: {count} times, at most {element.max_occurs}")
    for extra in children[position:]:
        out.append(f"{path}/{_local(extra.tag)[1]}: not allowed here (unknown or out of order)")


def _element(node: ET.Element, element: El, path: str, ns: str, out: list[str]) -> None:
    if element.leaf:
        if len(node):
            out.append(f"{path}: must hold text, not elements")
            return
        text = node.text or ""
        if element.check is not None:
            problem = element.check(text)
            if problem:
                out.append(f"{path}: {problem}")
    else:
        if (node.text or "").strip():
            out.append(f"{path}: text where elements belong")
        _walk(node, element.children, path, ns, out)


def message_type_of(document: bytes) -> str | None:
    """The message type a document's root namespace names (F0401 ...), or None."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError:
        return None
    ns, _ = _local(root.tag)
    for message_type in MESSAGE_TYPES:
        if ns == namespace(message_type):
            return message_type
    return None


def validate(document: bytes) -> list[str]:
    """Every MIG rule the document breaks (empty: it is a valid message)."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    message_type = message_type_of(document)
    if message_type is None:
        return [f"root {root.tag!r}: not a MIG {VERSION} {'/'.join(MESSAGE_TYPES)} message"]
    _, name = _local(root.tag)
    problems: list[str] = []
    if name != ROOTS[message_type]:
        problems.append(f"root element {name!r}, {message_type} is {ROOTS[message_type]!r}")
    _walk(root, SCHEMAS[message_type], f"/{name}", namespace(message_type), problems)
    if not problems:  # the cross-field rules need a well-formed message
        rules = {"F0401": _f0401_rules, "G0401": _g0401_rules, "E0402": _e0402_rules}.get(
            message_type
        )
        if rules is not None:
            problems.extend(rules(root, namespace(message_type)))
    return problems


def _find(node: ET.Element, ns: str, path: str) -> str | None:
    found = node.find("/".join(f"{{{ns}}}{part}" for part in path.split("/")))
    return None if found is None else (found.text or "")


def _num(node: ET.Element, ns: str, path: str) -> Decimal:
    text = _find(node, ns, path)
    try:
        return Decimal(text or "0")
    except InvalidOperation:  # pragma: no cover - the leaf checks ran first
        return Decimal(0)


def _f0401_rules(root: ET.Element, ns: str) -> list[str]:
    out: list[str] = []
    buyer = _find(root, ns, "Main/Buyer/Identifier")
    donate = _find(root, ns, "Main/DonateMark")
    print_mark = _find(root, ns, "Main/PrintMark")
    carrier = [
        _find(root, ns, f"Main/{tag}") for tag in ("CarrierType", "CarrierId1", "CarrierId2")
    ]
    npoban = _find(root, ns, "Main/NPOBAN")
    b2c = buyer == B2C_BUYER
    if donate == "1":
        if not npoban:
            out.append("DonateMark 1 needs the NPOBAN (donation code)")
        if not b2c:
            out.append("an invoice with a buyer tax ID cannot be donated (DonateMark 0)")
        if print_mark != "N":
            out.append("a donated invoice is not printed (PrintMark N)")
    elif npoban:
        out.append("NPOBAN is given only with DonateMark 1")
    if any(carrier) and not all(carrier):
        out.append("CarrierType, CarrierId1 and CarrierId2 go together")
    if all(carrier) and print_mark == "Y" and b2c:
        out.append("an invoice kept in a carrier is not printed (PrintMark N)")
    if b2c and print_mark == "N" and donate != "1" and not all(carrier):
        out.append("a B2C invoice is printed, kept in a carrier, or donated")
    if not _find(root, ns, "Main/RandomNumber"):
        out.append("RandomNumber is required of invoices issued at a point of sale")
    sales = _num(root, ns, "Amount/SalesAmount")
    free = _num(root, ns, "Amount/FreeTaxSalesAmount")
    zero = _num(root, ns, "Amount/ZeroTaxSalesAmount")
    tax = _num(root, ns, "Amount/TaxAmount")
    total = _num(root, ns, "Amount/TotalAmount")
    rate = _num(root, ns, "Amount/TaxRate")
    if sales + free + zero + tax != total:
        out.append(
            f"SalesAmount + FreeTaxSalesAmount + ZeroTaxSalesAmount + TaxAmount = "
            f"{sales + free + zero + tax}, TotalAmount is {total}"
        )
    items = root.findall(f"{{{ns}}}Details/{{{ns}}}ProductItem")
    item_sum = sum((_num(item, ns, "Amount") for item in items), Decimal(0))
    if item_sum != sales + free + zero:
        out.append(f"the items add up to {item_sum}, the sales amounts to {sales + free + zero}")
    for index, item in enumerate(items, start=1):
        quantity, price = _num(item, ns, "Quantity"), _num(item, ns, "UnitPrice")
        if abs(quantity * price - _num(item, ns, "Amount")) >= 1:
            out.append(f"ProductItem {index}: Quantity x UnitPrice differs from Amount")
    if b2c and tax != 0:
        out.append("a B2C invoice's amounts include the tax: TaxAmount is 0")
    if not b2c and _find(root, ns, "Amount/TaxType") == "1":
        expected = (sales * rate).quantize(Decimal(1), rounding="ROUND_HALF_UP")
        if abs(expected - tax) > 1:
            out.append(f"TaxAmount {tax} is not {rate} of SalesAmount {sales} ({expected})")
    if _find(root, ns, "Amount/TaxType") == "1" and rate != TAX_RATE:
        out.append(f"a taxable (TaxType 1) general-tax invoice has TaxRate {TAX_RATE}")
    sequence = [_find(item, ns, "SequenceNumber") for item in items]
    if len(set(sequence)) != len(sequence):
        out.append("SequenceNumber repeats")
    return out


def _g0401_rules(root: ET.Element, ns: str) -> list[str]:
    out: list[str] = []
    items = root.findall(f"{{{ns}}}Details/{{{ns}}}ProductItem")
    amounts = sum((_num(item, ns, "Amount") for item in items), Decimal(0))
    taxes = sum((_num(item, ns, "Tax") for item in items), Decimal(0))
    if amounts != _num(root, ns, "Amount/TotalAmount"):
        out.append(f"the items' Amount add up to {amounts}, TotalAmount is not that")
    if taxes != _num(root, ns, "Amount/TaxAmount"):
        out.append(f"the items' Tax add up to {taxes}, TaxAmount is not that")
    for index, item in enumerate(items, start=1):
        quantity, price = _num(item, ns, "Quantity"), _num(item, ns, "UnitPrice")
        if abs(quantity * price - _num(item, ns, "Amount")) >= 1:
            out.append(f"ProductItem {index}: Quantity x UnitPrice differs from Amount")
        if _find(item, ns, "TaxType") == "1":
            expected = (_num(item, ns, "Amount") * TAX_RATE).quantize(Decimal(1), "ROUND_HALF_UP")
            if abs(expected - _num(item, ns, "Tax")) > 1:
                out.append(f"ProductItem {index}: Tax is not 5% of Amount")
    sequence = [_find(item, ns, "AllowanceSequenceNumber") for item in items]
    if len(set(sequence)) != len(sequence):
        out.append("AllowanceSequenceNumber repeats")
    return out


def _e0402_rules(root: ET.Element, ns: str) -> list[str]:
    """Each range runs forward, and no two ranges share a number (the platform refuses the
    whole message if they do: 上傳明細區間重疊)."""
    out: list[str] = []
    ranges: list[tuple[int, int, int]] = []
    items = root.findall(f"{{{ns}}}Details/{{{ns}}}BranchTrackBlankItem")
    for index, item in enumerate(items, start=1):
        first = int(_find(item, ns, "InvoiceBeginNo") or 0)
        last = int(_find(item, ns, "InvoiceEndNo") or 0)
        if last < first:
            out.append(f"BranchTrackBlankItem {index}: InvoiceEndNo is before InvoiceBeginNo")
        ranges.append((first, last, index))
    ranges.sort()
    reach: tuple[int, int] | None = None  # the furthest end so far, and whose it is
    for first, last, index in ranges:
        if reach is not None and first <= reach[0]:
            out.append(f"BranchTrackBlankItem {reach[1]} and {index} overlap")
        if reach is None or last > reach[0]:
            reach = (last, index)
    return out
