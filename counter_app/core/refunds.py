"""A return's refund split over the tenders the sale was paid with. Pure: no Qt, SQL or HTTP.

The rules (docs/architecture.md, "Refunds to the original tenders"):

* Each tender may still refund what it paid minus what earlier returns refunded to it
  (its *room*). A refund is shared over the tenders in proportion to their room, each
  share floored to whole NT$; what the flooring leaves over goes to the tender with the
  most room left (the first paid on a tie), then the next, never past a tender's room.
  Shares in proportion to the room are shares in proportion to what each tender paid
  while every earlier return was split the same way, and the last return of a sale
  refunds each tender exactly its room.
* Cash is the fallback: the cashier may refund everything in cash instead (a
  supervisor's choice, services/returns.py), and a voucher's share is refunded in cash
  unless the store issues a new voucher for it (``voucher_as`` ``voucher``). A refund
  paid in cash in place of another tender leaves that tender's room as it was; the
  sale's total net of its refunds still bounds every refund.
* An exchange's difference given back is split the same way (or all in cash, the same
  supervisor's choice); the returned goods' credit that pays the new goods is cash.
* A card or mobile share needs the refund's reference (card: the terminal's approval
  code too), never a card number (core/tenders.clean_reference).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from counter_app.core.tenders import (
    CASH_CODE,
    MAX_APPROVAL_CODE,
    MAX_REFERENCE,
    TenderError,
    TenderKind,
    clean_reference,
)

VOUCHER_REFUNDS = ("cash", "voucher")  # how a voucher's share is refunded


@dataclass(frozen=True, slots=True)
class RefundPart:
    """What one tender refunds in a return, and the refund's reference / approval code."""

    method: str
    amount_cents: int
    reference: str | None = None
    approval_code: str | None = None


def tender_rooms(paid: Sequence[tuple[str, int]], refunded: Mapping[str, int]) -> dict[str, int]:
    """Each tender's room, in the order the sale paid them: paid (all payments of that
    tender) minus refunded to it, never below zero."""
    rooms: dict[str, int] = {}
    for method, cents in paid:
        rooms[method] = rooms.get(method, 0) + cents
    return {m: max(0, cents - refunded.get(m, 0)) for m, cents in rooms.items()}


def split_refund(refund_cents: int, rooms: Mapping[str, int]) -> list[RefundPart]:
    """``refund_cents`` shared over the tenders in proportion to their room (see above).
    Raises TenderError ``refund_exceeds_paid`` when the rooms cannot hold it."""
    if refund_cents < 0:
        raise TenderError("amount_not_positive", "a refund is never negative")
    room_total = sum(rooms.values())
    if refund_cents > room_total:
        raise TenderError("refund_exceeds_paid", "more than the sale's tenders may still refund")
    if refund_cents == 0:
        return []
    shares = {m: refund_cents * room // room_total // 100 * 100 for m, room in rooms.items()}
    leftover = refund_cents - sum(shares.values())
    order = list(rooms)
    for method in sorted(order, key=lambda m: (-(rooms[m] - shares[m]), order.index(m))):
        if leftover == 0:
            break
        extra = min(leftover, rooms[method] - shares[method])
        shares[method] += extra
        leftover -= extra
    return [RefundPart(m, cents) for m, cents in shares.items() if cents > 0]


def settle_parts(
    parts: Sequence[RefundPart],
    kinds: Mapping[str, TenderKind],
    *,
    to_cash: bool = False,
    voucher_as: str = "cash",
) -> list[RefundPart]:
    """The parts as they are paid out: everything in cash when ``to_cash``; a voucher's
    share in cash unless ``voucher_as`` is ``voucher``; a tender this till does not know
    (``kinds`` has no row for it) in cash. Cash parts merge into one, placed first."""
    if voucher_as not in VOUCHER_REFUNDS:
        raise ValueError(f"voucher refunds are {VOUCHER_REFUNDS}, not {voucher_as!r}")
    cash = 0
    kept: list[RefundPart] = []
    for part in parts:
        kind = kinds.get(part.method)
        stays = (
            not to_cash
            and kind is not None
            and kind is not TenderKind.CASH
            and (kind is not TenderKind.VOUCHER or voucher_as == "voucher")
        )
        if stays:
            kept.append(part)
        else:
            cash += part.amount_cents
    return [RefundPart(CASH_CODE, cash), *kept] if cash else kept


def with_cash_credit(credit_cents: int, parts: Sequence[RefundPart]) -> list[RefundPart]:
    """An exchange's return: the credit that pays the new goods (refunded as cash, it is
    the new sale's cash payment) merged into the cash part of the difference's split,
    cash first."""
    if credit_cents == 0:
        return list(parts)
    cash = credit_cents + moved_to_cash(parts)
    return [RefundPart(CASH_CODE, cash), *(p for p in parts if p.method != CASH_CODE)]


def moved_to_cash(parts: Sequence[RefundPart]) -> int:
    """The cash a split pays out (what moves the shift's expected cash)."""
    return sum(p.amount_cents for p in parts if p.method == CASH_CODE)


def with_references(
    parts: Sequence[RefundPart],
    kinds: Mapping[str, TenderKind],
    references: Mapping[str, tuple[str, str]],
) -> list[RefundPart]:
    """Each non-cash part with its refund reference and (cards) approval code from
    ``references`` (method -> (reference, approval code)), cleaned. Raises TenderError
    ``refund_reference_required``, ``refund_approval_required``, ``card_number``,
    ``reference_too_long``, ``reference_invalid``."""
    done = []
    for part in parts:
        if part.method == CASH_CODE:
            done.append(part)
            continue
        typed_ref, typed_approval = references.get(part.method, ("", ""))
        ref = clean_reference(typed_ref, MAX_REFERENCE, "reference")
        approval = clean_reference(typed_approval, MAX_APPROVAL_CODE, "approval code")
        if ref is None:
            raise TenderError(
                "refund_reference_required", f"the {part.method} refund needs a reference"
            )
        kind = kinds.get(part.method)
        if kind is TenderKind.CARD and approval is None:
            raise TenderError("refund_approval_required", "a card refund needs the approval code")
        done.append(
            replace(
                part, reference=ref, approval_code=approval if kind is TenderKind.CARD else None
            )
        )
    return done
