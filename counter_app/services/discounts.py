"""Who may give which discount: line and cart discounts within the role's
``Limits.discount_pct``, price overrides for roles with ``Action.PRICE_OVERRIDE`` within
``Limits.price_override_pct`` (services/permissions.py). Above the signed-in cashier's
limit a supervisor's approval (``StaffService.approve``) is redeemed here and an
``audit`` entry written (it syncs to the warehouse as an ``audit`` op).

The arithmetic is in core/discounts.py; this decides, the screen asks and shows. A
decision is made on the cart as it is: what the discount takes off now, in percent of
what it applies to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, PriceOverride, within_percent
from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action, limits_for, may
from counter_app.services.ports import UnitOfWorkFactory
from counter_app.services.staff import Approval, StaffService


class DiscountTarget(StrEnum):
    LINE = "line_discount"
    CART = "cart_discount"
    OVERRIDE = "price_override"


class DiscountRefused(Exception):
    """Codes: ``approval_required`` (above the cashier's limit or role: ask a supervisor),
    ``over_approver_limit`` (above the approver's limit too), ``no_such_line``,
    ``approvals_unavailable`` (this till cannot check approvals)."""

    def __init__(self, code: str, message: str, action: Action | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.action = action


@dataclass(frozen=True, slots=True)
class DiscountRequest:
    """A discount or override the cashier wants: what it takes off what base."""

    target: DiscountTarget
    off_cents: int
    base_cents: int
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> Action:
        return (
            Action.PRICE_OVERRIDE
            if self.target is DiscountTarget.OVERRIDE
            else Action.DISCOUNT_OVER_LIMIT
        )

    @property
    def percent(self) -> float:
        return 0.0 if self.base_cents <= 0 else 100.0 * self.off_cents / self.base_cents


def line_discount_request(cart: Cart, row: int, discount: Discount | None) -> DiscountRequest:
    line = _line(cart, row)
    gross = line.unit_price.cents * line.qty
    off = discount.off_cents(gross) if discount else 0
    return DiscountRequest(
        DiscountTarget.LINE,
        off,
        gross,
        {"sku": line.product.sku, "qty": line.qty, "discount": _as_detail(discount)},
    )


def cart_discount_request(cart: Cart, discount: Discount | None) -> DiscountRequest:
    subtotal = cart.subtotal.cents
    off = discount.off_cents(subtotal) if discount else 0
    return DiscountRequest(DiscountTarget.CART, off, subtotal, {"discount": _as_detail(discount)})


def override_request(cart: Cart, row: int, override: PriceOverride) -> DiscountRequest:
    line = _line(cart, row)
    listed = line.list_price.cents
    return DiscountRequest(
        DiscountTarget.OVERRIDE,
        (listed - override.price_cents) * line.qty,
        listed * line.qty,
        {
            "sku": line.product.sku,
            "qty": line.qty,
            "list_price_cents": listed,
            "price_cents": override.price_cents,
            "reason": override.reason,
        },
    )


def _as_detail(discount: Discount | None) -> dict[str, Any] | None:
    return discount.to_dict() if discount else None


def _line(cart: Cart, row: int) -> Any:
    if not 0 <= row < len(cart.lines):
        raise DiscountRefused("no_such_line", f"no cart line {row}")
    return cart.lines[row]


def _allowed(member: StaffMember, request: DiscountRequest) -> bool:
    limits = limits_for(member.role)
    if request.target is DiscountTarget.OVERRIDE:
        return may(member.role, Action.PRICE_OVERRIDE) and within_percent(
            request.off_cents, request.base_cents, limits.price_override_pct
        )
    return may(member.role, Action.SELL) and within_percent(
        request.off_cents, request.base_cents, limits.discount_pct
    )


class DiscountService:
    def __init__(self, db: UnitOfWorkFactory, staff: StaffService | None) -> None:
        self._db = db
        self._staff = staff

    @staticmethod
    def needs_approval(cashier: StaffMember, request: DiscountRequest) -> bool:
        """Whether the signed-in cashier may not give this on their own (pure: no database)."""
        return not _allowed(cashier, request)

    def authorize(
        self, cashier: StaffMember, request: DiscountRequest, approval: Approval | None = None
    ) -> StaffMember | None:
        """Allow the request: None when the cashier may give it alone; the approver when
        ``approval`` (redeemed here, once) covers it, with an ``audit`` entry written.
        DiscountRefused (codes above) or ApprovalRefused for a bad approval."""
        if _allowed(cashier, request):
            return None
        if approval is None:
            raise DiscountRefused(
                "approval_required",
                f"{request.target.value} of {request.percent:.0f}% needs a supervisor",
                request.action,
            )
        if self._staff is None:
            raise DiscountRefused("approvals_unavailable", "approvals cannot be checked here")
        approver = self._staff.redeem(approval, request.action)
        if not _allowed(approver, request):
            raise DiscountRefused(
                "over_approver_limit",
                f"{request.target.value} of {request.percent:.0f}% is above the approver's limit",
                request.action,
            )
        with self._db.transaction() as uow:
            uow.audit.record(
                approver.id,
                request.target.value,
                {
                    **request.detail,
                    "cashier_id": cashier.id,
                    "off_cents": request.off_cents,
                    "base_cents": request.base_cents,
                },
            )
        return approver
