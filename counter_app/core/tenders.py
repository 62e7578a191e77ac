"""Tenders and split payments: what the customer pays with, and how a sale's total is
split across several tenders. Pure: no Qt, SQL or HTTP.

The rules (docs/architecture.md, "Tenders and split payments"):

* Each payment *applies* ``amount_cents`` to the sale; the applied amounts add up to
  the total exactly. Cash records what was handed over (``tendered_cents``) and the
  change; only cash gives change, so a cash payment that covers more than what is
  left ends the sale.
* Card and mobile payments take a reference (and, for cards, the terminal's approval
  code), never a card number: text holding 13-19 digits that pass the Luhn check is
  refused. They can never be more than what is left.
* A voucher (禮券) gives no change. A voucher worth more than what is left is accepted
  and its excess is forfeited (``forfeited_cents``), shown on the screen and printed on
  the receipt, as stores in Taiwan do with 禮券 ("不找零").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

MAX_TENDER_CODE = 16
MAX_REFERENCE = 64
MAX_APPROVAL_CODE = 32
MAX_PAYMENTS = 20  # the warehouse's SalePayload.payments bound
CASH_CODE = "cash"


class TenderKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    MOBILE = "mobile"
    VOUCHER = "voucher"


@dataclass(frozen=True, slots=True)
class Tender:
    """One way to pay, as the warehouse configures it (entity ``tender`` in the feed)."""

    code: str
    name_zh: str
    name_en: str
    kind: TenderKind
    needs_reference: bool = False
    active: bool = True
    sort_order: int = 0

    def name(self, language: str) -> str:
        return self.name_en if language.startswith("en") else self.name_zh


CASH = Tender(CASH_CODE, "現金", "Cash", TenderKind.CASH, False, True, 0)

# The warehouse's defaults (warehouse_api/services/tenders.py seeds the same list).
DEFAULT_TENDERS: tuple[Tender, ...] = (
    CASH,
    Tender("card", "信用卡", "Credit card", TenderKind.CARD, True, True, 10),
    Tender("linepay", "LINE Pay", "LINE Pay", TenderKind.MOBILE, True, True, 20),
    Tender("jkopay", "街口支付", "JKOPAY", TenderKind.MOBILE, True, True, 30),
    Tender("easycard", "悠遊卡", "EasyCard", TenderKind.MOBILE, True, True, 40),
    Tender("ipass", "一卡通", "iPASS", TenderKind.MOBILE, True, True, 50),
    Tender("applepay", "Apple Pay", "Apple Pay", TenderKind.CARD, True, True, 60),
    Tender("voucher", "禮券", "Store voucher", TenderKind.VOUCHER, True, True, 70),
)


def usable_tenders(cached: Iterable[Tender]) -> list[Tender]:
    """The active tenders in their order; cash is always there (a till that never synced
    tenders, or a warehouse that disabled cash by mistake, still takes cash)."""
    listed = [t for t in cached if t.active and t.code != CASH_CODE]
    return [CASH, *sorted(listed, key=lambda t: (t.sort_order, t.code))]


class TenderError(ValueError):
    """A payment the split refuses; ``code`` names the reason for the screen."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# Digits, possibly grouped by spaces or dashes as card numbers are printed.
_DIGIT_RUN = re.compile(r"[0-9](?:[ \-]?[0-9])*")


def looks_like_card_number(text: str) -> bool:
    """True if ``text`` holds 13-19 digits (spaces and dashes between them allowed) that
    pass the Luhn check: a primary account number that must never be typed or stored."""
    normalized = unicodedata.normalize("NFKC", text)
    for run in _DIGIT_RUN.findall(normalized):
        digits = run.replace(" ", "").replace("-", "")
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            return True
    return False


def clean_reference(text: str, limit: int, what: str) -> str | None:
    """A reference or approval code as it is stored: NFKC, trimmed, None when empty.
    Raises TenderError ``card_number``, ``reference_too_long`` or ``reference_invalid``."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return None
    if looks_like_card_number(cleaned):
        raise TenderError("card_number", f"the {what} looks like a card number")
    if len(cleaned) > limit:
        raise TenderError("reference_too_long", f"the {what} is longer than {limit} characters")
    if any(not char.isprintable() for char in cleaned):
        raise TenderError("reference_invalid", f"the {what} holds a control character")
    return cleaned


@dataclass(frozen=True, slots=True)
class TenderedPayment:
    """One payment of a sale. ``amount_cents`` is what it pays of the total;
    ``tendered_cents`` what was handed over (cash) or the voucher's face value."""

    tender: Tender
    amount_cents: int
    tendered_cents: int
    change_cents: int = 0
    reference: str | None = None
    approval_code: str | None = None

    @property
    def forfeited_cents(self) -> int:
        """A voucher's value beyond what was left to pay: kept by the store, no change."""
        if self.tender.kind is TenderKind.VOUCHER:
            return self.tendered_cents - self.amount_cents
        return 0


def mask_reference(reference: str, keep: int = 4) -> str:
    """A reference as printed: long ones keep their last ``keep`` characters."""
    if len(reference) <= 8:
        return reference
    return "*" * (len(reference) - keep) + reference[-keep:]


@dataclass(slots=True)
class PaymentSplit:
    """A sale's total being paid, tender by tender. The screen adds and takes back
    payments; ``payments`` is handed to the selling service once ``settled``."""

    total_cents: int
    payments: list[TenderedPayment] = field(default_factory=list)

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)

    @property
    def remaining_cents(self) -> int:
        return self.total_cents - self.paid_cents

    @property
    def settled(self) -> bool:
        return self.remaining_cents == 0 and bool(self.payments)

    @property
    def change_cents(self) -> int:
        return sum(p.change_cents for p in self.payments)

    @property
    def forfeited_cents(self) -> int:
        return sum(p.forfeited_cents for p in self.payments)

    def add(
        self,
        tender: Tender,
        given_cents: int,
        reference: str = "",
        approval_code: str = "",
    ) -> TenderedPayment:
        """Add one payment: ``given_cents`` is the amount for card and mobile, what the
        customer handed over for cash, the face value for a voucher. Raises TenderError."""
        payment = self.preview(tender, given_cents, reference, approval_code)
        self.payments.append(payment)
        return payment

    def preview(
        self,
        tender: Tender,
        given_cents: int,
        reference: str = "",
        approval_code: str = "",
    ) -> TenderedPayment:
        """The payment ``add`` would make, without making it. Raises TenderError."""
        remaining = self.remaining_cents
        if remaining <= 0:
            raise TenderError("nothing_due", "the sale is paid")
        if len(self.payments) >= MAX_PAYMENTS:
            raise TenderError("too_many_payments", f"a sale takes at most {MAX_PAYMENTS}")
        if given_cents <= 0:
            raise TenderError("amount_not_positive", "the amount must be more than zero")
        ref = clean_reference(reference, MAX_REFERENCE, "reference")
        approval = clean_reference(approval_code, MAX_APPROVAL_CODE, "approval code")
        kind = tender.kind
        if kind is TenderKind.CASH:
            # Cash never needs a reference; what is typed in those fields is dropped.
            applied = min(given_cents, remaining)
            return TenderedPayment(tender, applied, given_cents, given_cents - applied)
        if tender.needs_reference and ref is None:
            raise TenderError("reference_required", f"{tender.code} needs a reference")
        if kind is TenderKind.CARD and approval is None:
            raise TenderError("approval_required", "a card payment needs the approval code")
        if kind is TenderKind.VOUCHER:
            applied = min(given_cents, remaining)
            return TenderedPayment(tender, applied, given_cents, 0, ref, None)
        if given_cents > remaining:
            raise TenderError("exceeds_remaining", "more than what is left to pay")
        approval = approval if kind is TenderKind.CARD else None
        return TenderedPayment(tender, given_cents, given_cents, 0, ref, approval)

    def remove_last(self) -> TenderedPayment | None:
        return self.payments.pop() if self.payments else None


def check_payments(total_cents: int, payments: Sequence[TenderedPayment]) -> None:
    """What the selling service checks before it writes: the applied amounts add up to
    the total, and each payment is consistent. Raises TenderError."""
    if not payments:
        raise TenderError("no_payment", "a sale needs at least one payment")
    if len(payments) > MAX_PAYMENTS:
        raise TenderError("too_many_payments", f"a sale takes at most {MAX_PAYMENTS}")
    if sum(p.amount_cents for p in payments) != total_cents:
        raise TenderError("payments_do_not_match", "the payments do not add up to the total")
    for p in payments:
        if p.amount_cents < 0 or p.change_cents < 0 or p.tendered_cents < p.amount_cents:
            raise TenderError("payment_invalid", f"{p.tender.code}: inconsistent amounts")
        if p.change_cents and p.tender.kind is not TenderKind.CASH:
            raise TenderError("payment_invalid", f"{p.tender.code} gives no change")
        if p.tender.kind is TenderKind.CASH and (
            p.tendered_cents != p.amount_cents + p.change_cents
        ):
            raise TenderError("payment_invalid", "cash: tendered must be amount plus change")
        for text in (p.reference, p.approval_code):
            if text and looks_like_card_number(text):
                raise TenderError("card_number", "a reference looks like a card number")
