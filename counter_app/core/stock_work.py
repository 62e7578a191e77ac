"""The store's stock work, as plain data and rules: transfers to this store, receiving
by scan count, and scan-to-count sessions (blind counts, recounts, variances)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# A line whose first count is this far off (units, or value) is counted again.
RECOUNT_UNITS = 3
RECOUNT_VALUE_CENTS = 100_000  # NT$1,000


@dataclass(frozen=True, slots=True)
class TransferLineRecord:
    product_id: int
    qty: int  # shipped (0 for an extra item found on receipt)
    received_qty: int | None = None


@dataclass(frozen=True, slots=True)
class TransferRecord:
    transfer_id: str
    status: str  # pending (queued here) | requested | shipped | received | cancelled
    from_location_id: int | None
    to_location_id: int | None
    lines: tuple[TransferLineRecord, ...]
    updated_at: str
    reason: str | None = None
    carrier: str | None = None
    tracking_no: str | None = None
    reservation_id: str | None = None
    received_here_at: str | None = None

    @property
    def shown_status(self) -> str:
        """``received`` as soon as this till queued the receipt, before the warehouse says so."""
        return "received" if self.received_here_at and self.status == "shipped" else self.status


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One product of a receipt by scan: shipped, counted, and the difference."""

    product_id: int
    shipped: int
    counted: int

    @property
    def difference(self) -> int:
        """Positive: extra items; negative: short."""
        return self.counted - self.shipped


def receipt_lines(
    shipped: Iterable[TransferLineRecord], counted: Mapping[int, int]
) -> list[ReceiptLine]:
    """Every product shipped or scanned, with what was counted of it (0 if never scanned)."""
    sent: dict[int, int] = {}
    for line in shipped:
        sent[line.product_id] = sent.get(line.product_id, 0) + line.qty
    products = sorted(set(sent) | {pid for pid, n in counted.items() if n > 0})
    return [ReceiptLine(pid, sent.get(pid, 0), counted.get(pid, 0)) for pid in products]


@dataclass(frozen=True, slots=True)
class CountSessionRecord:
    session_id: str
    scope: str  # store | category | flagged
    category: str
    blind: bool
    status: str  # counting | submitted | closed
    started_at: str
    staff_id: int | None = None
    submitted_at: str | None = None
    op_id: str | None = None


@dataclass(frozen=True, slots=True)
class CountLineRecord:
    product_id: int
    expected: int  # the figure the count is made against (sent as expected_on_hand)
    counted: int
    scanned: bool
    recount_asked: bool = False
    recounted: int | None = None

    @property
    def final(self) -> int:
        """The figure submitted: the recount when there is one."""
        return self.recounted if self.recounted is not None else self.counted

    @property
    def variance(self) -> int:
        return self.final - self.expected


def needs_recount(expected: int, counted: int, price_cents: int) -> bool:
    """A first count far from what was expected, in units or in money, is counted again."""
    off = abs(counted - expected)
    return off >= RECOUNT_UNITS or off * max(price_cents, 0) >= RECOUNT_VALUE_CENTS


@dataclass(frozen=True, slots=True)
class VarianceLine:
    product_id: int
    sku: str
    name: str
    expected: int
    counted: int
    price_cents: int

    @property
    def units(self) -> int:
        return self.counted - self.expected

    @property
    def value_cents(self) -> int:
        return self.units * self.price_cents


@dataclass(frozen=True, slots=True)
class VarianceReport:
    lines: tuple[VarianceLine, ...]

    @property
    def units_over(self) -> int:
        return sum(line.units for line in self.lines if line.units > 0)

    @property
    def units_short(self) -> int:
        return -sum(line.units for line in self.lines if line.units < 0)

    @property
    def net_value_cents(self) -> int:
        return sum(line.value_cents for line in self.lines)
