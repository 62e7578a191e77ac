"""E-invoices as the till keeps them: booklets of numbers, issued invoices, periods and the
5% business tax split (DESIGN section 9). Pure domain: no I/O.

Amounts on an invoice are whole NT dollars (the MOF's formats have no cents); an invoice's
total is its sale's total rounded half up to the dollar, kept here in cents like every
other amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

TAX_RATE_PERCENT = 5  # business tax (營業稅) on a taxable sale


@dataclass(frozen=True, slots=True)
class Booklet:
    """Numbers the warehouse handed this till: ``track`` + ``start_no``..``end_no``;
    ``next_no`` is the next one to issue (``end_no + 1`` when used up)."""

    booklet_id: int
    period: str  # ROC year + even month: 11512 = Nov-Dec 2026
    track: str
    start_no: int
    end_no: int
    invoice_type: str
    next_no: int

    @property
    def remaining(self) -> int:
        return self.end_no - self.next_no + 1


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    number: str  # AB12345678
    sale_id: str
    booklet_id: int
    period: str
    random_code: str  # 4 digits
    issued_at: str  # ISO 8601 with offset (Taipei)
    sales_amount_cents: int
    tax_cents: int
    total_cents: int
    seller_id: str
    buyer_id: str | None = None
    carrier_type: str | None = None
    carrier_id: str | None = None
    donation_code: str | None = None
    printed: int = 0  # proofs printed: the second and later are reprints (補印)
    voided_at: str | None = None  # 作廢 (ISO 8601), by a return in the invoice's period
    # A replacement (重開): the invoice it replaces, voided by the return ``return_id`` in
    # the same period; it covers what the customer kept of the sale.
    replaces: str | None = None
    return_id: str | None = None
    # The shift (this till's) in which it was issued, and the one in which it was voided:
    # the Z report's register counts each in its own (a replacement is the return's).
    shift_id: str | None = None
    void_shift_id: str | None = None

    @property
    def dashed_number(self) -> str:
        return f"{self.number[:2]}-{self.number[2:]}"

    @property
    def prints_proof(self) -> bool:
        """Carrier and donation invoices print no proof (電子發票證明聯)."""
        return self.carrier_id is None and self.donation_code is None


@dataclass(frozen=True, slots=True)
class AllowanceRecord:
    """折讓 against an invoice: ``number`` is the invoice it reduces."""

    allowance_no: str
    number: str
    return_id: str
    issued_at: str
    sales_amount_cents: int
    tax_cents: int
    total_cents: int
    voided_at: str | None = None  # 作廢折讓 (G0501): it no longer reduces the invoice


def period_of(day: date | datetime) -> str:
    """The two-month period a day belongs to: ROC year + its even month (11512)."""
    month = day.month + day.month % 2
    return f"{day.year - 1911:03d}{month:02d}"


def next_period(period: str) -> str:
    year, month = int(period[:3]), int(period[3:])
    return f"{year + 1:03d}02" if month == 12 else f"{year:03d}{month + 2:02d}"


def period_label(period: str) -> str:
    """11512 -> 115年11-12月, as printed on the proof."""
    year, month = int(period[:3]), int(period[3:])
    return f"{year}年{month - 1:02d}-{month:02d}月"


def invoice_dollars(total_cents: int) -> int:
    """A sale's total as the invoice states it: whole dollars, half up."""
    return (total_cents + 50) // 100


def split_tax(total_dollars: int) -> tuple[int, int]:
    """(sales amount, tax) of a tax-inclusive total at 5%, in dollars, the tax rounded half up."""
    sales = (total_dollars * 100 * 2 + 100 + TAX_RATE_PERCENT) // ((100 + TAX_RATE_PERCENT) * 2)
    return sales, total_dollars - sales


@dataclass(frozen=True, slots=True)
class InvoiceRegister:
    """The invoice register (發票日報) of a shift on the Z report: the first and last
    number issued in it, how many were issued in it and how many were voided in it
    (whenever they were issued), and the net amount: the totals issued less the totals
    voided. Each number counts once, in the shift it was issued (a replacement in the
    return's), and each void once, in the shift of the void; so over all shifts the
    counts and amounts add up to the till's invoices (issued, voided, live total)."""

    first: str | None
    last: str | None
    issued: int
    voided: int
    total_cents: int  # issued_cents - voided_cents
    issued_cents: int = 0
    voided_cents: int = 0

    @property
    def empty(self) -> bool:
        return not (self.issued or self.voided)


def invoice_register(invoices: Iterable[InvoiceRecord], shift_id: str) -> InvoiceRegister:
    """The register of ``shift_id`` from the invoices issued or voided in it (others are
    ignored)."""
    listed = list(invoices)
    issued = sorted(
        (i for i in listed if i.shift_id == shift_id), key=lambda i: (i.issued_at, i.number)
    )
    voided = [i for i in listed if i.voided_at is not None and i.void_shift_id == shift_id]
    issued_cents = sum(i.total_cents for i in issued)
    voided_cents = sum(i.total_cents for i in voided)
    return InvoiceRegister(
        first=issued[0].number if issued else None,
        last=issued[-1].number if issued else None,
        issued=len(issued),
        voided=len(voided),
        total_cents=issued_cents - voided_cents,
        issued_cents=issued_cents,
        voided_cents=voided_cents,
    )
