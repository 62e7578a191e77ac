"""A return's refund per tender (``return_tenders``), checked against the sale it names.

Each tender may refund at most what the sale paid with it minus what earlier returns
refunded to it (``refund_exceeds_tender``); cash may stand in for the others (the
cashier refunded in cash instead), so it is bounded only by the sale's total net of
earlier refunds, which bounds every return (``refund_exceeds_paid``). The caller holds
the sale's row lock (``SELECT .. FOR UPDATE`` in services/returns.py), so two tills
returning the same receipt at once are checked one after the other.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError
from warehouse_api.models import Payment, Return, ReturnTender, Sale
from warehouse_api.schemas import RefundTenderPayload, ReturnPayload
from warehouse_api.services.tenders import looks_like_card_number

CASH = "cash"


def refund_parts(payload: ReturnPayload) -> list[RefundTenderPayload]:
    """The refund per tender as sent; a till that sent none refunded it all in cash."""
    if payload.tenders:
        return list(payload.tenders)
    if payload.refund_cents == 0:
        return []
    return [RefundTenderPayload(method=CASH, amount_cents=payload.refund_cents)]


def refunded_by_tender(session: Session, sale_id: str) -> dict[str, int]:
    """What the returns of a sale refunded so far, per tender."""
    rows = session.execute(
        select(ReturnTender.method, func.sum(ReturnTender.amount_cents))
        .join(Return, Return.id == ReturnTender.return_id)
        .where(Return.sale_id == sale_id)
        .group_by(ReturnTender.method)
    ).all()
    return {str(method): int(cents or 0) for method, cents in rows}


def check_refund(session: Session, sale: Sale, payload: ReturnPayload) -> None:
    """Refuse a refund the sale cannot take (codes above, ``card_number_in_reference``)."""
    for part in payload.tenders:
        for text in (part.reference, part.approval_code):
            if text and looks_like_card_number(text):
                raise DomainError(
                    "card_number_in_reference",
                    f"the {part.method} refund's reference looks like a card number",
                    422,
                )
    refunded_total = int(
        session.scalar(
            select(func.coalesce(func.sum(Return.refund_cents), 0)).where(Return.sale_id == sale.id)
        )
        or 0
    )
    if refunded_total + payload.refund_cents > sale.total_cents:
        raise DomainError(
            "refund_exceeds_paid",
            f"{sale.receipt_no} was {sale.total_cents} cents, {refunded_total} refunded already",
            409,
            total=sale.total_cents,
            refunded=refunded_total,
            asked=payload.refund_cents,
        )
    paid: dict[str, int] = {}
    for method, cents in session.execute(
        select(Payment.method, func.sum(Payment.amount_cents))
        .where(Payment.sale_id == sale.id)
        .group_by(Payment.method)
    ).all():
        paid[str(method)] = int(cents or 0)
    refunded = refunded_by_tender(session, sale.id)
    for part in payload.tenders:
        if part.method == CASH:
            continue
        room = paid.get(part.method, 0) - refunded.get(part.method, 0)
        if part.amount_cents > room:
            raise DomainError(
                "refund_exceeds_tender",
                f"{sale.receipt_no}: {part.method} paid {paid.get(part.method, 0)} cents, "
                f"{refunded.get(part.method, 0)} refunded already",
                409,
                method=part.method,
                paid=paid.get(part.method, 0),
                refunded=refunded.get(part.method, 0),
                asked=part.amount_cents,
            )


def add_refund_rows(session: Session, return_id: str, payload: ReturnPayload) -> None:
    session.add_all(
        ReturnTender(
            return_id=return_id,
            position=position,
            method=part.method,
            amount_cents=part.amount_cents,
            reference=part.reference,
            approval_code=part.approval_code,
        )
        for position, part in enumerate(refund_parts(payload))
    )
