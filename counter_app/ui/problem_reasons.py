"""The warehouse's stable problem codes (warehouse_api/error_codes.py), in words a
cashier or supervisor reads; the code itself is shown beside them in small text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemReasons", text)


def problem_reason(code: str) -> str | None:
    """The translated reason for a code the warehouse can answer with, or None when unknown."""
    reasons = {
        "receipt_no_taken": _tr("The receipt number is already used by another sale at the warehouse."),
        "idempotency_key_reused": _tr("The warehouse already has an operation with this id but different content."),
        "insufficient_stock": _tr("Not enough stock at the warehouse for this request."),
        "count_conflict": _tr("The stock moved since the count began; count again."),
        "invalid_transition": _tr("The order is no longer in a state that allows this."),
        "unknown_product": _tr("A product in it is not known to the warehouse."),
        "unknown_staff": _tr("The cashier or staff member is not known to the warehouse."),
        "validation_error": _tr("The warehouse could not accept its content (a bug in this till; tell support)."),
        "bad_request": _tr("The warehouse could not read the request (a bug in this till; tell support)."),
        "forbidden": _tr("This till is not allowed to do this."),
        "unauthorized": _tr("The warehouse does not accept this till's key; it may have been revoked."),
        "location_required": _tr("This till is not set up for a store."),
        "no_warehouse": _tr("No warehouse is set up."),
        "no_dropship_partner": _tr("The products do not all ship from one partner."),
        "payload_too_large": _tr("The operation is too large for the warehouse."),
        "internal_error": _tr("The warehouse had an internal error; retry later."),
        "busy": _tr("The warehouse was busy; retry later."),
    }
    return reasons.get(code)
