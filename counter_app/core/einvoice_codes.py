"""What a customer hands over for an e-invoice, checked offline (DESIGN section 9).

* a mobile barcode carrier (手機條碼, carrier type 3J0002): ``/`` and 7 characters of
  ``0-9 A-Z . + -``;
* a citizen digital certificate (自然人憑證, CQ0001): 2 capital letters and 14 digits;
* a donation code (愛心碼): 3 to 7 digits;
* a buyer's tax ID (統一編號): 8 digits with a check on weighted digit sums.

Formats only: whether a mobile barcode exists, or a donation code belongs to a charity,
is the tax office's online check (the e-invoice platform's API), which a till that may
be offline cannot rely on; we do not call it (docs/einvoice.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import ClassVar

MOBILE_CARRIER = re.compile(r"^/[0-9A-Z.+\-]{7}$")
CITIZEN_CERTIFICATE = re.compile(r"^[A-Z]{2}[0-9]{14}$")
DONATION_CODE = re.compile(r"^[0-9]{3,7}$")
TAX_ID = re.compile(r"^[0-9]{8}$")

TAX_ID_RULE_CHANGE = date(2023, 4, 1)
"""From this day a tax ID's weighted sum need only be divisible by 5, not by 10 (MOF
announcement: the numbers were running out, and the new rule keeps every old number valid)."""

_TAX_ID_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


class CarrierType(StrEnum):
    """The MOF's codes for carrier types (MIG: CarrierType)."""

    MOBILE = "3J0002"
    CITIZEN_CERTIFICATE = "CQ0001"


@dataclass(frozen=True, slots=True)
class CarrierCode:
    """A scanned or typed carrier: the scan router's kind ``einvoice_carrier``."""

    kind: ClassVar[str] = "einvoice_carrier"
    carrier_type: CarrierType
    carrier_id: str


def normalise(text: str) -> str:
    """Trimmed, and upper case: a mobile barcode is printed in capitals but typed either way."""
    return text.strip().upper()


def is_mobile_carrier(text: str) -> bool:
    return bool(MOBILE_CARRIER.match(text))


def is_citizen_certificate(text: str) -> bool:
    return bool(CITIZEN_CERTIFICATE.match(text))


def is_donation_code(text: str) -> bool:
    return bool(DONATION_CODE.match(text))


def parse_carrier(text: str) -> CarrierCode | None:
    """A carrier from a scan or the keyboard, or None if it is neither kind."""
    code = normalise(text)
    if is_mobile_carrier(code):
        return CarrierCode(CarrierType.MOBILE, code)
    if is_citizen_certificate(code):
        return CarrierCode(CarrierType.CITIZEN_CERTIFICATE, code)
    return None


def is_valid_tax_id(text: str, on: date | None = None) -> bool:
    """The 統一編號 check: each digit times 1,2,1,2,1,2,4,1, the digits of each product
    added, their sum divisible by 5 (by 10 before 2023-04-01). When the 7th digit is 7
    its product 28 gives 2+8 = 10, which counts as 1 or as 0: either sum may pass."""
    if not TAX_ID.match(text):
        return False
    divisor = 10 if on is not None and on < TAX_ID_RULE_CHANGE else 5
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(text, _TAX_ID_WEIGHTS, strict=True))
    if total % divisor == 0:
        return True
    # 7th digit 7: the 10 above may also count as 1 (or, equally modulo 5 and 10, as 0).
    return text[6] == "7" and (total + 1) % divisor == 0


class BuyerProblem(StrEnum):
    """Why a carrier, donation code or tax ID was refused (the UI words it)."""

    BAD_CARRIER = "bad_carrier"
    BAD_DONATION_CODE = "bad_donation_code"
    BAD_TAX_ID = "bad_tax_id"
    CARRIER_WITH_TAX_ID = "carrier_with_tax_id"
    DONATION_WITH_TAX_ID = "donation_with_tax_id"
    DONATION_WITH_CARRIER = "donation_with_carrier"


class BuyerError(ValueError):
    def __init__(self, problem: BuyerProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class InvoiceBuyer:
    """Who the invoice is for: nobody in particular (a printed proof), a carrier, a
    donation, or a business by its tax ID (which may also use a carrier under the rules,
    but a till keeps it simple: a tax ID gets a printed proof)."""

    buyer_id: str | None = None
    carrier: CarrierCode | None = None
    donation_code: str | None = None

    @property
    def prints_proof(self) -> bool:
        """Carrier and donation sales print no proof (a slip instead)."""
        return self.carrier is None and self.donation_code is None


NO_BUYER = InvoiceBuyer()


def buyer_from_input(
    *,
    carrier: str = "",
    donation_code: str = "",
    tax_id: str = "",
    on: date | None = None,
) -> InvoiceBuyer:
    """What the cashier entered, checked; BuyerError with the first problem."""
    carrier, donation_code, tax_id = normalise(carrier), normalise(donation_code), normalise(tax_id)
    parsed = parse_carrier(carrier) if carrier else None
    if carrier and parsed is None:
        raise BuyerError(BuyerProblem.BAD_CARRIER)
    if donation_code and not is_donation_code(donation_code):
        raise BuyerError(BuyerProblem.BAD_DONATION_CODE)
    if tax_id and not is_valid_tax_id(tax_id, on):
        raise BuyerError(BuyerProblem.BAD_TAX_ID)
    if tax_id and parsed is not None:
        raise BuyerError(BuyerProblem.CARRIER_WITH_TAX_ID)
    if tax_id and donation_code:
        raise BuyerError(BuyerProblem.DONATION_WITH_TAX_ID)
    if donation_code and parsed is not None:
        raise BuyerError(BuyerProblem.DONATION_WITH_CARRIER)
    return InvoiceBuyer(tax_id or None, parsed, donation_code or None)


def buyer_from_text(text: str, on: date | None = None) -> InvoiceBuyer:
    """One field for all three, told apart by form: 8 digits is a tax ID, 3 to 7 digits a
    donation code, anything else must be a carrier. Empty: no buyer. BuyerError if bad."""
    code = normalise(text)
    if not code:
        return NO_BUYER
    if code.isdigit() and len(code) == 8:
        return buyer_from_input(tax_id=code, on=on)
    if code.isdigit():
        return buyer_from_input(donation_code=code, on=on)
    return buyer_from_input(carrier=code, on=on)
