"""What a scanned code means: products (EAN/UPC/GS1), weighed or priced in-store
labels, our receipt numbers and pickup codes, or a clear reason it is not usable.

Pure domain: no Qt, no I/O. GS1 element strings are parsed by `biip`; plain
EAN/UPC check digits are done here because we want our own reason codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, Literal

import biip
from biip.gs1_messages import GS1Message

from counter_app.core.einvoice_codes import CarrierCode, parse_carrier

MAX_SCAN_LENGTH = 512
"""Longest input we look at; a real barcode is far shorter (GS1-128 holds 48 characters)."""


class InvalidReason(StrEnum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    CONTROL_CHARS = "control_chars"
    BAD_CHECK_DIGIT = "bad_check_digit"
    BAD_DATE = "bad_date"
    BAD_GS1 = "bad_gs1"
    GS1_WITHOUT_GTIN = "gs1_without_gtin"
    BAD_PICKUP_CODE = "bad_pickup_code"
    BAD_CARRIER = "bad_carrier"
    UNKNOWN_FORMAT = "unknown_format"


# --- results -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductCode:
    """A retail product code. `gtin` is the normalized key: 13 digits for
    EAN-13 and UPC-A (UPC-A gets a leading 0), 8 for EAN-8, 14 for GTIN-14."""

    kind: ClassVar[str] = "product"
    gtin: str
    symbology: Literal["ean13", "ean8", "upca", "gtin14"]
    scanned: str

    @property
    def lookup_keys(self) -> tuple[str, ...]:
        """Barcode strings to try in the catalog, most specific first."""
        keys = [self.scanned, self.gtin]
        if self.symbology == "ean13" and self.gtin.startswith("0"):
            keys.append(self.gtin[1:])  # stored as UPC-A
        if self.symbology == "gtin14" and self.gtin.startswith("0"):
            keys.append(self.gtin[1:])
        return tuple(dict.fromkeys(keys))


@dataclass(frozen=True, slots=True)
class GS1Code:
    """A GS1 element string (GS1-128, DataBar, DataMatrix) with the AIs a store uses."""

    kind: ClassVar[str] = "gs1"
    gtin: str
    batch: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    serial: str | None = None
    weight_g: int | None = None
    price_cents: int | None = None
    elements: tuple[tuple[str, str], ...] = ()

    @property
    def lookup_keys(self) -> tuple[str, ...]:
        keys = [self.gtin]
        if self.gtin.startswith("0"):
            keys.append(self.gtin[1:])  # GTIN-13 stored without the GTIN-14 pad
        if self.gtin.startswith("00"):
            keys.append(self.gtin[2:])  # UPC-A
        return tuple(dict.fromkeys(keys))


@dataclass(frozen=True, slots=True)
class EmbeddedPriceCode:
    """An in-store label (prefix 20-29) carrying a price or a weight."""

    kind: ClassVar[str] = "embedded"
    item_code: str
    scanned: str
    price_cents: int | None = None
    weight_g: int | None = None


@dataclass(frozen=True, slots=True)
class ReceiptCode:
    kind: ClassVar[str] = "receipt"
    receipt_no: str
    store_code: str
    day: date
    sequence: int
    till: str = ""  # empty on receipts printed before till numbers


@dataclass(frozen=True, slots=True)
class PickupCode:
    kind: ClassVar[str] = "pickup"
    code: str


@dataclass(frozen=True, slots=True)
class InvalidCode:
    kind: ClassVar[str] = "invalid"
    text: str
    reason: InvalidReason


ScanResult = (
    ProductCode | GS1Code | EmbeddedPriceCode | ReceiptCode | PickupCode | CarrierCode | InvalidCode
)


# --- rules -------------------------------------------------------------------

_RULE_CHARS = re.compile(r"^2\d[0-9PVWC]{11}$")


@dataclass(frozen=True, slots=True)
class EmbeddedRule:
    """One in-store label layout, 13 characters, e.g. `21PPPPPVVVVVC`.

    Digits are the literal prefix; `P` item code, `V` price, `W` weight in
    grams, `C` the EAN-13 check digit (last). `price_unit_cents` is what one
    unit of `V` is worth: 100 for whole NT$ (the usual Taiwan scale label).
    """

    pattern: str
    price_unit_cents: int = 100

    def __post_init__(self) -> None:
        p = self.pattern
        if not _RULE_CHARS.match(p) or p[-1] != "C" or p.count("C") != 1:
            raise ValueError(f"bad embedded-code pattern {p!r}")
        if ("V" in p) == ("W" in p):
            raise ValueError(f"pattern {p!r} needs exactly one of V (price) or W (weight)")
        if "P" not in p:
            raise ValueError(f"pattern {p!r} has no item code (P)")

    @property
    def prefix(self) -> str:
        return re.match(r"\d*", self.pattern).group(0)  # type: ignore[union-attr]

    def matches(self, digits: str) -> bool:
        return len(digits) == 13 and digits.startswith(self.prefix)

    def decode(self, digits: str) -> EmbeddedPriceCode:
        item = "".join(d for d, c in zip(digits, self.pattern, strict=True) if c == "P")
        value = "".join(d for d, c in zip(digits, self.pattern, strict=True) if c in "VW")
        if "V" in self.pattern:
            return EmbeddedPriceCode(item, digits, price_cents=int(value) * self.price_unit_cents)
        return EmbeddedPriceCode(item, digits, weight_g=int(value))


DEFAULT_EMBEDDED_RULES: tuple[EmbeddedRule, ...] = (
    *(EmbeddedRule(f"2{d}PPPPPVVVVVC") for d in "01234"),
    *(EmbeddedRule(f"2{d}PPPPPWWWWWC") for d in "56789"),
)


@dataclass(frozen=True, slots=True)
class ScanRules:
    """How this store reads codes. `embedded` is tried in order; a 2x code
    that matches no rule is an ordinary product code."""

    embedded: tuple[EmbeddedRule, ...] = DEFAULT_EMBEDDED_RULES
    gs1_separators: tuple[str, ...] = ("\x1d",)
    min_length: int = 8


# --- check digits ----------------------------------------------------------------


def gtin_check_digit(payload: str) -> int:
    """GS1 mod-10 check digit for any GTIN/SSCC payload (digits without the check digit)."""
    if not payload.isascii() or not payload.isdigit():
        raise ValueError(f"digits expected, got {payload!r}")
    total = 0
    for i, ch in enumerate(reversed(payload)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def ean13_check_digit(digits12: str) -> int:
    if len(digits12) != 12:
        raise ValueError("EAN-13 check digit needs exactly 12 digits")
    return gtin_check_digit(digits12)


def has_valid_check_digit(code: str) -> bool:
    return (
        len(code) >= 2
        and code.isascii()
        and code.isdigit()
        and (gtin_check_digit(code[:-1]) == int(code[-1]))
    )


# --- parsing -------------------------------------------------------------------

_SYMBOLOGY_ID = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_GS1_SYMBOLOGIES = {"]C1", "]e0", "]d2", "]Q3", "]J1"}
# R<store>-<till>-<YYMMDD>-<NNNN>; receipts printed before till numbers have no till part.
_RECEIPT = re.compile(r"^R([A-Z0-9]{1,12})-(?:(\d{1,3}|D\d{1,9})-)?(\d{6})-(\d{4,6})$")
_ISO_4217_TWD = "901"
_PICKUP_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_PICKUP = re.compile(rf"^PU[{_PICKUP_ALPHABET}]{{8}}$")
_LENGTH_SYMBOLOGY: dict[int, Literal["ean8", "upca", "ean13", "gtin14"]] = {
    8: "ean8",
    12: "upca",
    13: "ean13",
    14: "gtin14",
}


def parse_scan(text: str, rules: ScanRules | None = None) -> ScanResult:
    """Tell what a scanned string is. Never raises."""
    rules = rules or ScanRules()
    if len(text) > MAX_SCAN_LENGTH:
        return InvalidCode(text[:64], InvalidReason.TOO_LONG)
    cleaned = text.strip(" \t\r\n")
    if not cleaned:
        return InvalidCode(text, InvalidReason.EMPTY)

    symbology = ""
    if _SYMBOLOGY_ID.match(cleaned):
        symbology, cleaned = cleaned[:3], cleaned[3:]
    for sep in rules.gs1_separators:
        if sep != "\x1d":
            cleaned = cleaned.replace(sep, "\x1d")
    if any((ord(c) < 32 and c != "\x1d") or ord(c) == 127 for c in cleaned):
        return InvalidCode(text, InvalidReason.CONTROL_CHARS)
    if not cleaned:
        return InvalidCode(text, InvalidReason.EMPTY)

    if symbology in _GS1_SYMBOLOGIES or "\x1d" in cleaned or cleaned.startswith("(0"):
        return _parse_gs1(text, cleaned)
    if len(cleaned) >= 16 and cleaned[:2] in ("01", "02") and cleaned[2:16].isdigit():
        return _parse_gs1(text, cleaned)  # GS1 element string sent without a symbology prefix

    if cleaned.startswith("/"):
        # An e-invoice mobile barcode carrier (手機條碼); never a product code.
        carrier = parse_carrier(cleaned)
        return carrier if carrier is not None else InvalidCode(text, InvalidReason.BAD_CARRIER)
    if cleaned.isascii() and cleaned.isdigit():
        return _parse_digits(text, cleaned, rules)

    upper = cleaned.upper()
    if upper.startswith("R") and "-" in upper:
        return _parse_receipt(text, upper)
    if upper.startswith("PU") and len(upper) == 10:
        if _PICKUP.match(upper):
            return PickupCode(upper)
        return InvalidCode(text, InvalidReason.BAD_PICKUP_CODE)
    if len(cleaned) < rules.min_length:
        return InvalidCode(text, InvalidReason.TOO_SHORT)
    return InvalidCode(text, InvalidReason.UNKNOWN_FORMAT)


def _parse_digits(text: str, digits: str, rules: ScanRules) -> ScanResult:
    symbology = _LENGTH_SYMBOLOGY.get(len(digits))
    if symbology is None:
        if len(digits) < 8:
            return InvalidCode(text, InvalidReason.TOO_SHORT)
        return InvalidCode(text, InvalidReason.UNKNOWN_FORMAT)
    if not has_valid_check_digit(digits):
        return InvalidCode(text, InvalidReason.BAD_CHECK_DIGIT)
    if symbology == "ean13" and digits[0] == "2":
        for rule in rules.embedded:
            if rule.matches(digits):
                return rule.decode(digits)
    if symbology == "upca":
        return ProductCode("0" + digits, "upca", digits)
    return ProductCode(digits, symbology, digits)


def _parse_receipt(text: str, upper: str) -> ScanResult:
    m = _RECEIPT.match(upper)
    if not m:
        return InvalidCode(text, InvalidReason.UNKNOWN_FORMAT)
    store, till, yymmdd, seq = m.groups()
    try:
        day = date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return InvalidCode(text, InvalidReason.BAD_DATE)
    return ReceiptCode(upper, store, day, int(seq), till or "")


def _parse_gs1(text: str, body: str) -> ScanResult:
    try:
        if body.startswith("("):
            message = GS1Message.parse_hri(body)
        else:
            message = GS1Message.parse(body, config=biip.ParseConfig(separator_chars=("\x1d",)))
    except biip.ParseError as exc:
        reason = InvalidReason.BAD_DATE if "date" in str(exc).lower() else InvalidReason.BAD_GS1
        if "check digit" in str(exc).lower():
            reason = InvalidReason.BAD_CHECK_DIGIT
        return InvalidCode(text, reason)
    except Exception:  # biip may raise other errors on odd input; a scan must never crash the till
        return InvalidCode(text, InvalidReason.BAD_GS1)

    values: dict[str, str] = {}
    gtin = batch = serial = None
    expiry = best_before = None
    weight_g = price_cents = None
    for es in message.element_strings:
        ai = es.ai.ai
        values.setdefault(ai, es.value)
        if ai in ("01", "02"):
            if es.gtin_error or es.gtin is None:
                return InvalidCode(text, InvalidReason.BAD_CHECK_DIGIT)
            gtin = es.value
        elif ai == "10":
            batch = es.value
        elif ai == "21":
            serial = es.value
        elif ai == "17":
            expiry = es.date
        elif ai == "15":
            best_before = es.date
        elif ai.startswith("310") and es.decimal is not None:
            weight_g = int((es.decimal * 1000).to_integral_value())
        elif ai.startswith("392") and es.decimal is not None:
            price_cents = int((es.decimal * 100).to_integral_value())
        elif ai.startswith("393") and es.value[:3] == _ISO_4217_TWD and es.value[3:].isdigit():
            amount = Decimal(es.value[3:]).scaleb(-int(ai[3]))
            price_cents = int((amount * 100).to_integral_value())
    if gtin is None:
        return InvalidCode(text, InvalidReason.GS1_WITHOUT_GTIN)
    return GS1Code(
        gtin=gtin,
        batch=batch,
        expiry=expiry,
        best_before=best_before,
        serial=serial,
        weight_g=weight_g,
        price_cents=price_cents,
        elements=tuple(values.items()),
    )


# --- routing -------------------------------------------------------------------


class ScanTarget(StrEnum):
    SALE_PRODUCT = "sale_product"
    RETURN_LOOKUP = "return_lookup"
    PICKUP_HANDOVER = "pickup_handover"
    REJECT = "reject"


def route_scan(result: ScanResult) -> ScanTarget:
    """Which screen a scan belongs to, whatever screen is showing."""
    match result:
        case ProductCode() | GS1Code() | EmbeddedPriceCode():
            return ScanTarget.SALE_PRODUCT
        case ReceiptCode():
            return ScanTarget.RETURN_LOOKUP
        case PickupCode():
            return ScanTarget.PICKUP_HANDOVER
        case _:
            return ScanTarget.REJECT
