"""What this till handed over of each line of a pickup (``collected_here_json``), kept
in its mirror of the reservation until the feed's figures catch up; and the undoing of a
hand-over the warehouse refused, so the mirror does not count units it never moved."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from counter_app.local.models import Reservation


def count_collected(row: Reservation, handed: Mapping[int, int], sign: int = 1) -> None:
    """Add (``sign`` 1) or take back (-1) a hand-over in the row's per-line totals."""
    totals = {int(pid): int(qty) for pid, qty in json.loads(row.collected_here_json or "[]")}
    for product_id, qty in handed.items():
        totals[product_id] = max(totals.get(product_id, 0) + sign * qty, 0)
    row.collected_here_json = json.dumps(sorted([pid, qty] for pid, qty in totals.items() if qty))


def undo_refused_handover(session: Session, op_type: str, payload: Mapping[str, Any]) -> None:
    """A ``pickup.complete`` the warehouse refused (``pickup_exceeds_held``...): its units
    no longer count as collected here, and the pickup is not handed over at this till.
    The refused op stays in the outbox as a sync problem for a person to resolve."""
    if op_type != "pickup.complete":
        return
    row = session.get(Reservation, str(payload.get("reservation_id", "")))
    if row is None:
        return
    lines = {int(x["product_id"]): int(x["qty"]) for x in payload.get("lines") or []}
    count_collected(row, lines, sign=-1)
    row.handed_over_at = None
    row.handed_over_by = None
