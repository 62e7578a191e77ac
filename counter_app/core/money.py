"""Money as integer cents of NT$. Never float."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of New Taiwan dollars held as integer cents (1/100 NT$)."""

    cents: int

    @classmethod
    def from_dollars(cls, dollars: int) -> Money:
        return cls(dollars * 100)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Parse what a cashier types: '100', '1,000', '99.5', 'NT$120'."""
        cleaned = text.strip().replace(",", "").replace("NT$", "").replace("$", "").strip()
        if not cleaned:
            raise ValueError("empty amount")
        negative = cleaned.startswith("-")
        if negative:
            cleaned = cleaned[1:]
        whole, _, frac = cleaned.partition(".")
        if not whole.isdigit() and not (whole == "" and frac.isdigit()):
            raise ValueError(f"not an amount: {text!r}")
        if frac and (not frac.isdigit() or len(frac) > 2):
            raise ValueError(f"not an amount: {text!r}")
        cents = int(whole or "0") * 100 + int((frac + "00")[:2] if frac else "0")
        return cls(-cents if negative else cents)

    def __add__(self, other: Money) -> Money:
        return Money(self.cents + other.cents)

    def __sub__(self, other: Money) -> Money:
        return Money(self.cents - other.cents)

    def __mul__(self, qty: int) -> Money:
        if not isinstance(qty, int):
            raise TypeError("money multiplies by integer quantities only")
        return Money(self.cents * qty)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.cents)

    def __bool__(self) -> bool:
        return self.cents != 0

    def format(self, symbol: bool = True) -> str:
        """'NT$1,250' for whole dollars, 'NT$12.50' otherwise."""
        sign = "-" if self.cents < 0 else ""
        dollars, cents = divmod(abs(self.cents), 100)
        body = f"{dollars:,}" if cents == 0 else f"{dollars:,}.{cents:02d}"
        return f"{sign}{'NT$' if symbol else ''}{body}"

    def __str__(self) -> str:
        return self.format()


ZERO = Money(0)
