"""Money as integer cents of NT$. Never float."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_AMOUNT = re.compile(r"(?P<sign>-)?(?P<whole>[0-9]*)(?:\.(?P<frac>[0-9]{1,2}))?")


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of New Taiwan dollars held as integer cents (1/100 NT$)."""

    cents: int

    @classmethod
    def from_dollars(cls, dollars: int) -> Money:
        return cls(dollars * 100)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Parse what a cashier types: '100', '1,000', '99.5', 'NT$120', full-width '１００'."""
        cleaned = unicodedata.normalize("NFKC", text).strip()
        cleaned = cleaned.replace(",", "").replace("NT$", "").replace("$", "").strip()
        match = _AMOUNT.fullmatch(cleaned)
        if not match or not (match["whole"] or match["frac"]):
            raise ValueError(f"not an amount: {text[:40]!r}")
        cents = int(match["whole"] or "0") * 100 + int((match["frac"] or "").ljust(2, "0") or "0")
        return cls(-cents if match["sign"] else cents)

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
