"""The cart the cashier builds: lines, quantities, total, and cash tender."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import (
    CartPricing,
    Discount,
    LineTerms,
    PriceOverride,
    price_lines,
)
from counter_app.core.fulfilment import TAKE, Customer, Fulfilment
from counter_app.core.money import Money

MAX_LINE_QTY = 9999


class CartError(ValueError):
    """A cashier's input the cart refuses; ``code`` names the reason for the UI."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(slots=True)
class CartLine:
    product: ProductInfo
    qty: int = 1
    override: PriceOverride | None = None  # a unit price in place of the list price
    discount: Discount | None = None  # this line's own discount
    # Per-line fields of other features (kept through holds and restarts as they are).
    extra: dict[str, Any] = field(default_factory=dict)
    fulfilment: Fulfilment = TAKE  # take now (default), pick up later, or ship

    @property
    def list_price(self) -> Money:
        return self.product.price

    @property
    def unit_price(self) -> Money:
        """The unit price charged: the override, or the list price."""
        return Money(self.override.price_cents) if self.override else self.product.price

    @property
    def line_discount(self) -> Money:
        return Money(
            self.discount.off_cents(self.unit_price.cents * self.qty) if self.discount else 0
        )

    @property
    def total(self) -> Money:
        """The line after its own discount (before its share of a cart discount)."""
        return self.unit_price * self.qty - self.line_discount

    def terms(self) -> LineTerms:
        return LineTerms(self.qty, self.product.price.cents, self.override, self.discount)

    def copy(self) -> CartLine:
        return CartLine(
            self.product, self.qty, self.override, self.discount, dict(self.extra), self.fulfilment
        )


def _check_qty(qty: int) -> None:
    if not isinstance(qty, int) or isinstance(qty, bool):
        raise CartError("qty_not_integer", f"quantity must be a whole number, got {qty!r}")
    if qty < 1:
        raise CartError("qty_too_small", f"quantity must be at least 1, got {qty}")
    if qty > MAX_LINE_QTY:
        raise CartError("qty_too_large", f"quantity must be at most {MAX_LINE_QTY}, got {qty}")


@dataclass(slots=True)
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    discount: Discount | None = None  # the cart discount, shared over the lines
    # Who collects the pickup lines / receives the ship lines (one customer per cart).
    customer: Customer | None = None

    def add(self, product: ProductInfo, qty: int = 1) -> int:
        """Add a product; scanning the same product again raises that line's quantity
        (a scan is always taken now: a pickup or ship line of it stays as it is).

        Returns the index of the line that changed.
        """
        _check_qty(qty)
        for index, line in enumerate(self.lines):
            if line.product.id == product.id and line.fulfilment.mode == "take":
                self.set_qty(index, line.qty + qty)
                return index
        self.lines.append(CartLine(product, qty))
        return len(self.lines) - 1

    def set_qty(self, index: int, qty: int) -> None:
        _check_qty(qty)
        self._line(index).qty = qty

    def remove(self, index: int) -> CartLine:
        self._line(index)
        return self.lines.pop(index)

    def set_fulfilment(self, index: int, fulfilment: Fulfilment) -> None:
        self._line(index).fulfilment = fulfilment

    def needs_customer(self) -> bool:
        """Pickup and ship lines need a name and phone; ship lines an address too."""
        return any(line.fulfilment.mode != "take" for line in self.lines)

    def needs_ship_to(self) -> bool:
        return any(line.fulfilment.mode == "ship" for line in self.lines)

    def clear(self) -> None:
        self.lines.clear()
        self.discount = None
        self.customer = None

    def pricing(self) -> CartPricing:
        """Every line as charged, the cart discount shared over them (core/discounts.py)."""
        return price_lines([line.terms() for line in self.lines], self.discount)

    @property
    def subtotal(self) -> Money:
        """After line discounts, before the cart discount."""
        return Money(self.pricing().subtotal_cents)

    def has_discounts(self) -> bool:
        """Whether any line or the cart has a discount or an override."""
        return self.discount is not None or any(
            line.discount is not None or line.override is not None for line in self.lines
        )

    @property
    def total(self) -> Money:
        if not self.has_discounts():  # the common cart: list prices only, no pricing pass
            return Money(sum(line.product.price.cents * line.qty for line in self.lines))
        return Money(self.pricing().total_cents)

    @property
    def saved(self) -> Money:
        """Off the list prices: overrides, line and cart discounts."""
        return Money(self.pricing().saved_cents)

    def copy(self) -> Cart:
        return Cart([line.copy() for line in self.lines], self.discount, self.customer)

    @property
    def item_count(self) -> int:
        return sum(line.qty for line in self.lines)

    def is_empty(self) -> bool:
        return not self.lines

    def _line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise CartError("no_such_line", f"no cart line {index}")
        return self.lines[index]


def change_due(total: Money, tendered: Money) -> Money:
    """Cash change for a tender; refuses a tender that does not cover the total."""
    if tendered.cents < 0:
        raise CartError("tender_negative", "the amount received cannot be negative")
    if tendered < total:
        raise CartError("tender_too_small", f"received {tendered} is less than the total {total}")
    return tendered - total
