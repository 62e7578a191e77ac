"""Who may do what at the till: one table, role -> actions and limits.

The service that performs an action checks it here (through an ``Approval`` the
staff service issued for a PIN it verified itself); dialogs only collect the PIN.
The features still to come (returns, voids, price overrides, shifts) add their
actions and limits to this table rather than deciding in their screens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"


class Action(StrEnum):
    SELL = "sell"
    DISCARD_FAILED_OP = "discard_failed_op"  # give up on an op the warehouse rejected
    OPEN_DRAWER_NO_SALE = "open_drawer_no_sale"
    DEVICE_SETTINGS = "device_settings"  # printer, drawer and scanner settings
    PRICE_OVERRIDE = "price_override"
    DISCOUNT_OVER_LIMIT = "discount_over_limit"  # a line or cart discount above one's limit
    VOID = "void"
    REFUND_OVER_LIMIT = "refund_over_limit"
    RETURN_NO_RECEIPT = "return_no_receipt"  # take goods back without a receipt
    CLOSE_SHIFT_UNSYNCED = "close_shift_unsynced"  # close while operations wait to sync
    UNLOCK_ANY = "unlock_any"  # unlock a screen another staff member locked
    SETUP_WIZARD = "setup_wizard"  # run the first-run set-up again (managers only)
    CANCEL_FULFILMENT = "cancel_fulfilment"  # close a refused pickup / ship line unfilled


@dataclass(frozen=True, slots=True)
class Limits:
    """Amounts a role may handle on its own; above them it needs an approval."""

    refund_cents: int  # a refund above this needs REFUND_OVER_LIMIT
    price_override_pct: int  # the largest discount off the list price, in percent
    discount_pct: int = 0  # the largest line or cart discount, in percent of what it is on


PERMISSIONS: Mapping[Role, frozenset[Action]] = {
    Role.CASHIER: frozenset({Action.SELL}),
    Role.SUPERVISOR: frozenset(
        {
            Action.SELL,
            Action.DISCARD_FAILED_OP,
            Action.OPEN_DRAWER_NO_SALE,
            Action.PRICE_OVERRIDE,
            Action.DISCOUNT_OVER_LIMIT,
            Action.VOID,
            Action.REFUND_OVER_LIMIT,
            Action.RETURN_NO_RECEIPT,
            Action.CLOSE_SHIFT_UNSYNCED,
            Action.UNLOCK_ANY,
            Action.CANCEL_FULFILMENT,
        }
    ),
    Role.MANAGER: frozenset(Action),
}

LIMITS: Mapping[Role, Limits] = {
    Role.CASHIER: Limits(refund_cents=100_000, price_override_pct=0, discount_pct=10),  # NT$1,000
    Role.SUPERVISOR: Limits(refund_cents=1_000_000, price_override_pct=30, discount_pct=30),
    Role.MANAGER: Limits(refund_cents=10**11, price_override_pct=100, discount_pct=100),
}

NO_LIMITS = Limits(refund_cents=0, price_override_pct=0)


def role_of(name: str) -> Role | None:
    try:
        return Role(name)
    except ValueError:
        return None


def may(role: str, action: Action) -> bool:
    """An unknown role (a newer server's, or a typo) may do nothing."""
    known = role_of(role)
    return known is not None and action in PERMISSIONS[known]


def limits_for(role: str) -> Limits:
    known = role_of(role)
    return LIMITS[known] if known is not None else NO_LIMITS


class ApprovalRefused(Exception):
    """An action was refused; ``code`` says why, the screen says it in words.

    Codes: ``wrong_pin``, ``not_permitted`` (the PIN's owner may not do this),
    ``reason_required``, ``not_issued`` (not an approval this till issued, or
    already used), ``wrong_action``, ``expired``, ``pin_locked`` (too many wrong
    PINs at this till: ``retry_after_s`` says for how long), ``pin_too_short`` (a
    supervisor's or manager's PIN of fewer than 6 digits: the office sets a new one).
    """

    def __init__(
        self, code: str, action: Action | None = None, *, retry_after_s: float = 0.0
    ) -> None:
        super().__init__(code if action is None else f"{code}: {action.value}")
        self.code = code
        self.action = action
        self.retry_after_s = retry_after_s
