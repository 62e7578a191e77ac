"""Small persistent facts of this till (cursor, identity, receipt counters)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from counter_app.core import ids
from counter_app.local.models import SyncState


def get_value(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row else default


def set_value(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def next_counter(session: Session, key: str) -> int:
    """Increment and return a counter inside the caller's transaction."""
    value = int(get_value(session, key, "0") or 0) + 1
    set_value(session, key, str(value))
    return value


TILL_NO_KEY = "till_no"
DEVICE_ID_KEY = "device_id"


def till_tag(session: Session) -> str:
    """The till part of every number this till issues (see ``core.ids.till_tag``)."""
    till_no = get_value(session, TILL_NO_KEY)
    device_id = get_value(session, DEVICE_ID_KEY)
    return ids.till_tag(
        int(till_no) if till_no and till_no.isdigit() else None,
        int(device_id) if device_id and device_id.isdigit() else None,
    )


def next_document_number(session: Session, prefix: str, store_code: str, day: date) -> str:
    """The next number of a kind (``core.ids.RECEIPT_PREFIX``...) for this till and day,
    counted inside the caller's transaction so a rolled-back sale gives its number back."""
    name = "receipt" if prefix == ids.RECEIPT_PREFIX else f"doc_{prefix}"
    sequence = next_counter(session, f"{name}_seq:{day:%y%m%d}")
    return ids.document_number(prefix, store_code, till_tag(session), day, sequence)
