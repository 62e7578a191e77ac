"""Discount arithmetic: pure, in integer cents, every result a whole NT$.

Rounding (also in docs/architecture.md and the user guide):

* A percent discount is ``base * pct / 100`` rounded half up to a whole NT$
  (10% off NT$155 is NT$16 off; 10% off NT$154 is NT$15 off), never more than the base.
* An amount discount is a whole NT$ amount; it never takes a line or a cart below NT$0
  (a discount larger than what it applies to is cut to it).
* A cart discount is worked out on the cart's subtotal (after line discounts) and then
  shared over the lines in proportion to each line's amount, in whole NT$, by the
  largest-remainder method: each line first gets the whole dollars of its exact share,
  the dollars left over go one each to the lines with the largest fractions (the earlier
  line on a tie). The shares add up to the cart discount exactly, and no line's share is
  larger than the line.
* A price override replaces the unit price; it is not a discount on the line, but it is
  checked against the same role limit as the percent it takes off the list price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_REASON_LENGTH = 200


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


class DiscountError(ValueError):
    """A discount the arithmetic refuses; ``code`` names the reason for the screen.

    Codes: ``bad_percent`` (not a whole number 1-100), ``bad_amount`` (not a positive
    whole NT$), ``bad_price`` (an override price below 0 or not a whole NT$),
    ``reason_required`` (an override without a reason), ``reason_too_long``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def whole_dollars_down(cents: int) -> int:
    return cents // 100 * 100


def percent_off_cents(base_cents: int, pct: int) -> int:
    """``pct`` percent of ``base_cents``, half up to a whole NT$, at most the base."""
    if base_cents <= 0:
        return 0
    off = (base_cents * pct + 5_000) // 10_000 * 100
    return min(off, whole_dollars_down(base_cents))


@dataclass(frozen=True, slots=True)
class Discount:
    """A line's or a cart's discount as the cashier entered it."""

    kind: DiscountKind
    value: int  # percent 1..100, or cents (a whole NT$ amount)

    def __post_init__(self) -> None:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise DiscountError("bad_amount", f"not a whole number: {self.value!r}")
        if self.kind is DiscountKind.PERCENT and not 1 <= self.value <= 100:
            raise DiscountError("bad_percent", f"a percent is 1 to 100, not {self.value}")
        if self.kind is DiscountKind.AMOUNT and (self.value <= 0 or self.value % 100):
            raise DiscountError(
                "bad_amount", f"an amount is a positive whole NT$, not {self.value}"
            )

    @classmethod
    def percent(cls, pct: int) -> Discount:
        return cls(DiscountKind.PERCENT, pct)

    @classmethod
    def amount(cls, cents: int) -> Discount:
        return cls(DiscountKind.AMOUNT, cents)

    def off_cents(self, base_cents: int) -> int:
        """What this discount takes off ``base_cents`` (whole NT$, never below NT$0)."""
        if self.kind is DiscountKind.PERCENT:
            return percent_off_cents(base_cents, self.value)
        return min(self.value, whole_dollars_down(max(base_cents, 0)))

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind.value, "value": self.value}

    @classmethod
    def from_dict(cls, data: object) -> Discount | None:
        if not isinstance(data, dict):
            return None
        value = data.get("value")
        if not isinstance(value, int):
            return None
        return cls(DiscountKind(str(data.get("kind"))), value)


@dataclass(frozen=True, slots=True)
class PriceOverride:
    """A unit price the cashier set in place of the list price, and why."""

    price_cents: int
    reason: str

    def __post_init__(self) -> None:
        if isinstance(self.price_cents, bool) or not isinstance(self.price_cents, int):
            raise DiscountError("bad_price", f"not a price: {self.price_cents!r}")
        if self.price_cents < 0 or self.price_cents % 100:
            raise DiscountError("bad_price", "a price is a whole NT$ of at least 0")
        if not self.reason.strip():
            raise DiscountError("reason_required", "a price override needs a reason")
        if len(self.reason) > MAX_REASON_LENGTH:
            raise DiscountError(
                "reason_too_long", f"a reason has at most {MAX_REASON_LENGTH} characters"
            )


def within_percent(off_cents: int, base_cents: int, pct_limit: int) -> bool:
    """Whether taking ``off_cents`` off ``base_cents`` is at most ``pct_limit`` percent."""
    if off_cents <= 0:
        return True
    return off_cents * 100 <= pct_limit * base_cents


def allocate(total_cents: int, weights_cents: Sequence[int]) -> list[int]:
    """Share ``total_cents`` (a whole NT$) over lines of ``weights_cents``, in proportion,
    whole NT$ each, largest remainder; no share above its line's whole dollars.
    ``total_cents`` must not exceed the sum of the lines' whole dollars."""
    dollars = total_cents // 100
    caps = [max(w, 0) // 100 for w in weights_cents]
    weight = sum(max(w, 0) for w in weights_cents)
    if dollars <= 0 or weight <= 0:
        return [0] * len(weights_cents)
    if dollars > sum(caps):
        raise ValueError("the discount is larger than the lines it is shared over")
    shares = []
    remainders = []
    for index, w in enumerate(weights_cents):
        quotient, remainder = divmod(dollars * max(w, 0), weight)
        shares.append(quotient)  # never above caps[index]: dollars <= weight / 100
        remainders.append((-remainder, index))
    left = dollars - sum(shares)
    while left > 0:
        for _, index in sorted(remainders):
            if left == 0:
                break
            if shares[index] < caps[index]:
                shares[index] += 1
                left -= 1
    return [share * 100 for share in shares]


@dataclass(frozen=True, slots=True)
class PricedLine:
    """One cart line as it is charged: list price, the unit price charged (the override
    or the list price), the line's own discount, its share of the cart discount."""

    qty: int
    list_price_cents: int
    unit_price_cents: int
    line_discount_cents: int
    cart_share_cents: int

    @property
    def gross_cents(self) -> int:
        return self.unit_price_cents * self.qty

    @property
    def discount_cents(self) -> int:
        """Everything taken off the charged price: the line's discount and its cart share."""
        return self.line_discount_cents + self.cart_share_cents

    @property
    def paid_cents(self) -> int:
        return self.gross_cents - self.discount_cents

    @property
    def saved_cents(self) -> int:
        """Off the list price, override included (what the receipt says was saved)."""
        return self.list_price_cents * self.qty - self.paid_cents


@dataclass(frozen=True, slots=True)
class LineTerms:
    qty: int
    list_price_cents: int
    override: PriceOverride | None = None
    discount: Discount | None = None


@dataclass(frozen=True, slots=True)
class CartPricing:
    lines: tuple[PricedLine, ...]
    cart_discount_cents: int

    @property
    def subtotal_cents(self) -> int:
        """After line discounts, before the cart discount."""
        return sum(line.gross_cents - line.line_discount_cents for line in self.lines)

    @property
    def total_cents(self) -> int:
        return sum(line.paid_cents for line in self.lines)

    @property
    def saved_cents(self) -> int:
        return sum(line.saved_cents for line in self.lines)


def price_lines(terms: Sequence[LineTerms], cart_discount: Discount | None) -> CartPricing:
    """Each line's charge and the cart discount shared over them (see the module doc)."""
    units = [t.override.price_cents if t.override else t.list_price_cents for t in terms]
    gross = [unit * t.qty for unit, t in zip(units, terms, strict=True)]
    line_off = [
        t.discount.off_cents(g) if t.discount else 0 for t, g in zip(terms, gross, strict=True)
    ]
    after_line = [g - off for g, off in zip(gross, line_off, strict=True)]
    capacity = sum(max(a, 0) // 100 for a in after_line) * 100
    cart_off = min(cart_discount.off_cents(sum(after_line)), capacity) if cart_discount else 0
    shares = allocate(cart_off, after_line)
    return CartPricing(
        lines=tuple(
            PricedLine(t.qty, t.list_price_cents, unit, off, share)
            for t, unit, off, share in zip(terms, units, line_off, shares, strict=True)
        ),
        cart_discount_cents=cart_off,
    )
