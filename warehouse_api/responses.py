"""Building the API's response models from domain objects: one builder per shape.

Routers return these models, never hand-built dicts. The models themselves are in
`schemas` (the published contract); entities that also travel in the change feed
(locations, products, orders) are built from the feed's shape in `feed_data`, so the
feed and the API cannot drift apart.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Protocol

from warehouse_api.models import (
    Device,
    DropshipOrder,
    Location,
    Product,
    Reservation,
    ShiftClose,
    Staff,
    Tender,
    Transfer,
)
from warehouse_api.schemas import (
    DevicePublic,
    DropshipPublic,
    GroupBuyOrderPublic,
    LocationPublic,
    ProductPublic,
    ReservationPublic,
    ScorecardPublic,
    ShiftPublic,
    StaffPublic,
    StockLevelChange,
    TenderPublic,
    TransferPublic,
)
from warehouse_api.services.catalog import product_public
from warehouse_api.services.feed_data import (
    dropship_data,
    location_data,
    reservation_data,
    transfer_data,
)
from warehouse_api.services.group_buy_pickup import channel_status, payment_state
from warehouse_api.services.partners import Scorecard


class StockFigures(Protocol):
    """A stock row (`models.Stock`) or a figure read with it (`inventory.StockLevel`)."""

    @property
    def location_id(self) -> int: ...
    @property
    def product_id(self) -> int: ...
    @property
    def on_hand(self) -> int: ...
    @property
    def reserved(self) -> int: ...
    @property
    def safety_stock(self) -> int: ...
    @property
    def available(self) -> int: ...


def stock_level(level: StockFigures) -> StockLevelChange:
    return StockLevelChange(
        location_id=level.location_id,
        product_id=level.product_id,
        on_hand=level.on_hand,
        reserved=level.reserved,
        safety_stock=level.safety_stock,
        available=level.available,
    )


def location(loc: Location) -> LocationPublic:
    return LocationPublic.model_validate(location_data(loc))


def product(item: Product) -> ProductPublic:
    return ProductPublic.model_validate(product_public(item))


def tender(item: Tender) -> TenderPublic:
    return TenderPublic(
        code=item.code,
        name_zh=item.name_zh,
        name_en=item.name_en,
        kind=item.kind,
        needs_reference=item.needs_reference,
        active=item.active,
        sort_order=item.sort_order,
    )


def staff(member: Staff) -> StaffPublic:
    return StaffPublic(
        id=member.id,
        name=member.name,
        role=member.role,
        location_id=member.location_id,
        active=member.active,
    )


def device(item: Device) -> DevicePublic:
    return DevicePublic(
        id=item.id,
        name=item.name,
        role=item.role,
        location_id=item.location_id,
        till_no=item.till_no,
        revoked_at=item.revoked_at,
    )


def scorecard(card: Scorecard) -> ScorecardPublic:
    return ScorecardPublic(
        **asdict(card),
        on_time_pct=card.on_time_pct,
        problem_pct=card.problem_pct,
        return_pct=card.return_pct,
    )


def reservation(item: Reservation) -> ReservationPublic:
    return ReservationPublic.model_validate(reservation_data(item))


def group_buy_order(
    item: Reservation,
    pickup_store_code: str | None,
    store_payments: list[dict[str, Any]] | None = None,
) -> GroupBuyOrderPublic:
    """A group-buy order as its channel reads it: the store it is collected at (its code),
    its status in the channel's words, and how it is paid (the store sales that paid it)."""
    return GroupBuyOrderPublic.model_validate(
        {
            **reservation(item).model_dump(),
            "pickup_store_code": pickup_store_code,
            "channel_status": channel_status(item),
            "payment_state": payment_state(item),
            "store_payments": store_payments or [],
        }
    )


def transfer(item: Transfer) -> TransferPublic:
    return TransferPublic.model_validate(transfer_data(item))


def shift(item: ShiftClose, location_code: str) -> ShiftPublic:
    return ShiftPublic(
        shift_id=item.id,
        location_id=item.location_id,
        location_code=location_code,
        staff_id=item.staff_id,
        opened_by=item.opened_by,
        opened_at=item.opened_at,
        closed_at=item.closed_at,
        opening_cents=item.opening_cents,
        expected_opening_cents=item.expected_opening_cents,
        cash_sales_cents=item.cash_sales_cents,
        cash_refunds_cents=item.cash_refunds_cents,
        cash_in_cents=item.cash_in_cents,
        cash_out_cents=item.cash_out_cents,
        expected_cents=item.expected_cents,
        counted_cents=item.counted_cents,
        difference_cents=item.difference_cents,
        sale_count=item.sale_count,
        unsynced_ops=item.unsynced_ops,
        report=item.report,
    )


def dropship(order: DropshipOrder) -> DropshipPublic:
    return DropshipPublic.model_validate(dropship_data(order))
