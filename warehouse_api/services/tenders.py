"""Tenders: the ways to pay at the counter, configured here, sent to tills by the feed.

A till offers the active ones (cash always). Sales are facts: a payment naming a
tender this table does not know is still recorded, flagged ``unknown_tender``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import ChangeLog, Location, Payment, Sale, Tender
from warehouse_api.schemas import FlaggedPaymentPublic, TenderCreate
from warehouse_api.services.devices import location_by_code
from warehouse_api.services.feed_data import publish_tender
from warehouse_api.services.sql import dialect_name

# (code, 中文, English, kind, needs_reference, sort_order); counter_app/core/tenders.py
# holds the same list as the till's fallback.
DEFAULT_TENDERS: tuple[tuple[str, str, str, str, bool, int], ...] = (
    ("cash", "現金", "Cash", "cash", False, 0),
    ("card", "信用卡", "Credit card", "card", True, 10),
    ("linepay", "LINE Pay", "LINE Pay", "mobile", True, 20),
    ("jkopay", "街口支付", "JKOPAY", "mobile", True, 30),
    ("easycard", "悠遊卡", "EasyCard", "mobile", True, 40),
    ("ipass", "一卡通", "iPASS", "mobile", True, 50),
    ("applepay", "Apple Pay", "Apple Pay", "card", True, 60),  # on the card terminal
    ("voucher", "禮券", "Store voucher", "voucher", True, 70),
)

_DIGIT_RUN = re.compile(r"[0-9](?:[ \-]?[0-9])*")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def looks_like_card_number(text: str) -> bool:
    """13-19 digits (spaces or dashes between them allowed) passing the Luhn check."""
    for run in _DIGIT_RUN.findall(text):
        digits = run.replace(" ", "").replace("-", "")
        if 13 <= len(digits) <= 19 and _luhn_ok(digits):
            return True
    return False


def default_rows() -> list[dict[str, object]]:
    return [
        {
            "code": code,
            "name_zh": zh,
            "name_en": en,
            "kind": kind,
            "needs_reference": needs_reference,
            "active": True,
            "sort_order": order,
        }
        for code, zh, en, kind, needs_reference, order in DEFAULT_TENDERS
    ]


def ensure_tenders(session: Session) -> None:
    """At start-up: an empty table (a new SQLite warehouse; PostgreSQL's migration 0007
    inserts them itself) gets the defaults, and every tender not yet in the change feed
    is published, so tills receive them."""
    if session.scalar(select(func.count()).select_from(Tender)) == 0:
        # Workers starting together may both find it empty: the second inserts nothing.
        insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
        session.execute(insert(Tender).values(default_rows()).on_conflict_do_nothing())
    published = set(
        session.scalars(select(ChangeLog.entity_id).where(ChangeLog.entity == "tender"))
    )
    for tender in session.scalars(select(Tender).order_by(Tender.sort_order, Tender.code)):
        if tender.code not in published:
            publish_tender(session, tender)


def list_tenders(session: Session) -> list[Tender]:
    return list(session.scalars(select(Tender).order_by(Tender.sort_order, Tender.code)))


def create_tender(session: Session, body: TenderCreate) -> Tender:
    if session.get(Tender, body.code) is not None:
        raise DomainError("tender_code_taken", f"a tender {body.code} exists", 409)
    tender = Tender(
        code=body.code,
        name_zh=body.name_zh,
        name_en=body.name_en,
        kind=body.kind,
        needs_reference=body.needs_reference,
        active=True,
        sort_order=body.sort_order,
    )
    session.add(tender)
    session.flush()  # two admins at once: the primary key refuses the second
    publish_tender(session, tender)
    return tender


def set_tender_active(session: Session, code: str, active: bool) -> Tender:
    tender = session.get(Tender, code)
    if tender is None:
        raise NotFound("tender_not_found", f"no tender {code}")
    if tender.kind == "cash" and not active:
        raise DomainError("tender_required", "cash cannot be disabled", 409)
    tender.active = active
    session.flush()
    publish_tender(session, tender)
    return tender


_KNOWN_TENDERS = select(Tender.code).where(Tender.code.in_(bindparam("p_codes", expanding=True)))


def unknown_methods(session: Session, methods: Iterable[str]) -> set[str]:
    """The payment methods among ``methods`` that name no tender (disabled ones are known)."""
    wanted = set(methods)
    if not wanted:
        return set()
    return wanted - set(session.scalars(_KNOWN_TENDERS, {"p_codes": sorted(wanted)}))


def unknown_tender_payments(
    session: Session, store_code: str | None, limit: int
) -> list[FlaggedPaymentPublic]:
    """Payments flagged ``unknown_tender``, newest sale first (every store's, or one's)."""
    query = (
        select(
            Payment.id,
            Sale.id,
            Sale.receipt_no,
            Location.code,
            Payment.method,
            Payment.amount_cents,
            Payment.reference,
            Sale.created_at,
        )
        .join(Sale, Sale.id == Payment.sale_id)
        .join(Location, Location.id == Sale.location_id)
        .where(Payment.unknown_tender.is_(True))
        .order_by(Sale.created_at.desc(), Payment.id)
        .limit(limit)
    )
    if store_code is not None:
        location_by_code(session, store_code)  # 404 location_not_found when unknown
        query = query.where(Location.code == store_code)
    return [
        FlaggedPaymentPublic(
            payment_id=row[0],
            sale_id=row[1],
            receipt_no=row[2],
            location_code=row[3],
            method=row[4],
            amount_cents=row[5],
            reference=row[6],
            created_at=row[7],
        )
        for row in session.execute(query)
    ]
