"""The warehouse's stable problem codes (warehouse_api/error_codes.py), in words a
cashier or supervisor reads; the code itself is shown beside them in small text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def problem_reason(code: str) -> str | None:
    """The translated reason for a code the warehouse can answer with, or None when unknown.
    Each call is spelled out so pyside6-lupdate finds the strings."""
    reasons = {
        "receipt_no_taken": QCoreApplication.translate(
            "ProblemReasons", "The receipt number is already used by another sale at the warehouse."
        ),
        "idempotency_key_reused": QCoreApplication.translate(
            "ProblemReasons",
            "The warehouse already has an operation with this id but different content.",
        ),
        "insufficient_stock": QCoreApplication.translate(
            "ProblemReasons", "Not enough stock at the warehouse for this request."
        ),
        "pickup_exceeds_held": QCoreApplication.translate(
            "ProblemReasons",
            "More was handed over than the store holds for this pickup (another till "
            "handed it over first?); check with the customer.",
        ),
        "pickup_nothing_held": QCoreApplication.translate(
            "ProblemReasons", "Nothing of this pickup is at the store to hand over."
        ),
        "pickup_unpaid": QCoreApplication.translate(
            "ProblemReasons",
            "This group-buy order is paid at pickup: the hand-over needs the sale that paid it.",
        ),
        "pickup_sale_unknown": QCoreApplication.translate(
            "ProblemReasons",
            "The sale that paid this hand-over has not reached the warehouse (was it refused?); "
            "fix the sale, then retry.",
        ),
        "pickup_sale_used": QCoreApplication.translate(
            "ProblemReasons", "The sale named by this hand-over already paid another one."
        ),
        "pickup_payment_mismatch": QCoreApplication.translate(
            "ProblemReasons",
            "The sale does not pay exactly what this hand-over takes at the order's prices "
            "(a bug in this till; tell support). Refund the sale as a return if need be.",
        ),
        "pickup_payment_not_due": QCoreApplication.translate(
            "ProblemReasons", "This order was paid online: its hand-over names no sale."
        ),
        "count_conflict": QCoreApplication.translate(
            "ProblemReasons", "The stock moved since the count began; count again."
        ),
        "invalid_transition": QCoreApplication.translate(
            "ProblemReasons", "The order is no longer in a state that allows this."
        ),
        "unknown_product": QCoreApplication.translate(
            "ProblemReasons", "A product in it is not known to the warehouse."
        ),
        "unknown_staff": QCoreApplication.translate(
            "ProblemReasons", "The cashier or staff member is not known to the warehouse."
        ),
        "validation_error": QCoreApplication.translate(
            "ProblemReasons",
            "The warehouse could not accept its content (a bug in this till; tell support).",
        ),
        "bad_request": QCoreApplication.translate(
            "ProblemReasons",
            "The warehouse could not read the request (a bug in this till; tell support).",
        ),
        "forbidden": QCoreApplication.translate(
            "ProblemReasons", "This till is not allowed to do this."
        ),
        "unauthorized": QCoreApplication.translate(
            "ProblemReasons",
            "The warehouse does not accept this till's key; it may have been revoked.",
        ),
        "location_required": QCoreApplication.translate(
            "ProblemReasons", "This till is not set up for a store."
        ),
        "no_warehouse": QCoreApplication.translate("ProblemReasons", "No warehouse is set up."),
        "no_dropship_partner": QCoreApplication.translate(
            "ProblemReasons", "The products do not all ship from one partner."
        ),
        "payload_too_large": QCoreApplication.translate(
            "ProblemReasons", "The operation is too large for the warehouse."
        ),
        "internal_error": QCoreApplication.translate(
            "ProblemReasons", "The warehouse had an internal error; retry later."
        ),
        "busy": QCoreApplication.translate(
            "ProblemReasons", "The warehouse was busy; retry later."
        ),
        "return_exceeds_sold": QCoreApplication.translate(
            "ProblemReasons",
            "More would come back than was sold, less what another till already returned.",
        ),
        "return_product_not_sold": QCoreApplication.translate(
            "ProblemReasons", "A product returned is not on the original sale."
        ),
        "return_sale_unknown": QCoreApplication.translate(
            "ProblemReasons", "The warehouse does not know the original sale."
        ),
        "no_receipt_limit_reached": QCoreApplication.translate(
            "ProblemReasons",
            "This phone had all its returns without a receipt (other tills took them first).",
        ),
        "no_receipt_approver_invalid": QCoreApplication.translate(
            "ProblemReasons", "The approver is not a supervisor or manager of this store."
        ),
        "order_return_unknown": QCoreApplication.translate(
            "ProblemReasons", "The warehouse does not know the returned order."
        ),
        "order_not_returnable": QCoreApplication.translate(
            "ProblemReasons", "The order had not reached the customer (or was cancelled)."
        ),
    }
    return reasons.get(code)


def operation_name(op_type: str) -> str:
    """What an outbox operation is, in words; its type code when this till does not know it."""
    names = {
        "sale": QCoreApplication.translate("ProblemReasons", "Sale"),
        "return": QCoreApplication.translate("ProblemReasons", "Return"),
        "order.return": QCoreApplication.translate("ProblemReasons", "Online order return"),
        "reservation.create": QCoreApplication.translate("ProblemReasons", "Pickup reservation"),
        "reservation.cancel": QCoreApplication.translate("ProblemReasons", "Reservation cancelled"),
        "pickup.complete": QCoreApplication.translate("ProblemReasons", "Pickup handed over"),
        "stock_count": QCoreApplication.translate("ProblemReasons", "Stock count"),
        "dropship.create": QCoreApplication.translate("ProblemReasons", "Dropship order"),
        "dropship.cancel": QCoreApplication.translate("ProblemReasons", "Dropship order cancelled"),
        "shift.close": QCoreApplication.translate("ProblemReasons", "Shift close"),
        "audit": QCoreApplication.translate("ProblemReasons", "Audit entry"),
    }
    return names.get(op_type, op_type)
