"""What this till handed over of each line of a pickup and the warehouse has not
acknowledged yet (``collected_here_json``), kept in its mirror of the reservation.

When the warehouse applies a hand-over, its answer (the reservation with each line's
arrived and collected figures) replaces the mirror's figures and the hand-over leaves
the pending count: counted once, by the warehouse. When it refuses one, the hand-over
leaves the pending count too, so the mirror never counts units the warehouse did not move.
"""

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


def settle_acked_handover(
    session: Session, op_type: str, payload: Mapping[str, Any], result: Mapping[str, Any] | None
) -> None:
    """A ``pickup.complete`` the warehouse applied: its answer's figures replace the
    mirror's, and the hand-over is no longer pending here."""
    if op_type != "pickup.complete":
        return
    row = session.get(Reservation, str(payload.get("reservation_id", "")))
    if row is None:
        return
    lines = {int(x["product_id"]): int(x["qty"]) for x in payload.get("lines") or []}
    count_collected(row, lines, sign=-1)
    answered = (result or {}).get("lines") or []
    if answered and all("collected_qty" in x for x in answered):
        row.lines_json = json.dumps(
            [
                [
                    int(x["product_id"]),
                    int(x["qty"]),
                    int(x["arrived_qty"]),
                    int(x["collected_qty"]),
                ]
                for x in answered
            ]
        )
        row.status = str((result or {}).get("status") or row.status)


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
