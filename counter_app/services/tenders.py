"""The tenders this till offers: the warehouse's list from the local cache, offline too."""

from __future__ import annotations

import logging

from counter_app.core.records import TenderRecord
from counter_app.core.tenders import Tender, TenderKind, usable_tenders
from counter_app.services.ports import UnitOfWorkFactory

log = logging.getLogger(__name__)


def tender_of(record: TenderRecord) -> Tender | None:
    """The core tender of a cached row; None for a kind this till does not know."""
    try:
        kind = TenderKind(record.kind)
    except ValueError:
        return None
    return Tender(
        code=record.code,
        name_zh=record.name_zh,
        name_en=record.name_en,
        kind=kind,
        needs_reference=record.needs_reference,
        active=record.active,
        sort_order=record.sort_order,
    )


class TenderService:
    def __init__(self, db: UnitOfWorkFactory) -> None:
        self._db = db

    def usable(self) -> list[Tender]:
        """Cash first, then the active tenders in the warehouse's order. A till that never
        synced tenders offers cash alone."""
        with self._db.snapshot() as uow:
            records = uow.tenders.all()
        tenders = []
        for record in records:
            tender = tender_of(record)
            if tender is None:
                log.warning(
                    "tender %s has an unknown kind %r: not offered", record.code, record.kind
                )
                continue
            tenders.append(tender)
        return usable_tenders(tenders)

    def all_known(self) -> dict[str, Tender]:
        """Every cached tender by code, disabled ones too (names for reports and reprints)."""
        with self._db.snapshot() as uow:
            records = uow.tenders.all()
        return {t.code: t for r in records if (t := tender_of(r)) is not None}
