"""Holds on warehouse stock: store pickups and group-buy orders.

Pickup: confirmed (held at the warehouse) -> in_transit (transfer shipped) -> ready
(received at the store, held there) -> picked_up; or cancelled / expired.
Group-buy order: confirmed (held) -> shipped; or cancelled. One collected at a store
(`store_location_id` set) goes the pickup's way instead (services/group_buy_pickup.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from warehouse_api.db import Database
from warehouse_api.errors import DomainError, InsufficientStock, InvalidTransition, NotFound
from warehouse_api.models import (
    Location,
    Product,
    Reservation,
    ReservationLine,
    SyncOp,
    Transfer,
    TransferLine,
    table_of,
    utcnow,
)
from warehouse_api.schemas import (
    ItemLine,
    ReservationCancelPayload,
    ReservationCreatePayload,
)
from warehouse_api.security import new_pickup_code
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import (
    publish_reservation,
    publish_transfer,
    reservation_data,
)
from warehouse_api.services.group_buy_pickup import pickup_transfer
from warehouse_api.services.inventory import (
    hold_stock,
    insufficient_stock,
    refuse_if_short,
    release_stock,
    stock_table,
    take_held_stock,
)
from warehouse_api.services.locations import ensure_visible, require_store_device, warehouse_id
from warehouse_api.services.operations import (
    OpContext,
    PrecheckVerdict,
    op_handler,
    reuse_or_duplicate,
    shortfall_recovery,
)
from warehouse_api.services.sales import require_products
from warehouse_api.services.sql import column_values, insert_together
from warehouse_api.services.transitions import transition


def quantities(lines: Iterable[Any]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for line in lines:
        totals[line.product_id] = totals.get(line.product_id, 0) + line.qty
    return totals


def paid_links(lines: Iterable[Any]) -> dict[int, tuple[str | None, int | None]]:
    """Per product, the sale line a counter paid it with and the amount paid (summed over
    lines of one product; the first sale line named)."""
    links: dict[int, tuple[str | None, int | None]] = {}
    for line in lines:
        sale_line_id = getattr(line, "sale_line_id", None)
        paid = getattr(line, "paid_cents", None)
        before_line, before_paid = links.get(line.product_id, (None, None))
        total = before_paid if paid is None else (before_paid or 0) + paid
        links[line.product_id] = (before_line or sale_line_id, total)
    return links


def _wanted(session: Session, lines: list[Any]) -> dict[int, int]:
    wanted = quantities(lines)
    require_products(session, set(wanted))
    return wanted


@dataclass(frozen=True, slots=True)
class HoldPrecheck:
    """What committed figures say about a new hold, read in one statement before any
    write (`precheck_hold`)."""

    id_taken: bool  # the order / reservation id or the idempotency key is in use
    products_known: bool
    refusal: InsufficientStock | None  # short, and no expired hold could free units

    @property
    def clear(self) -> bool:
        """A new order of known products that the stock may still grant."""
        return not self.id_taken and self.products_known and self.refusal is None


_PRECHECKS: dict[tuple[int, bool], Select[Any]] = {}


def _precheck_statement(lines: int, *, many: bool = False) -> Select[Any]:
    """Built once per number of products: taken ids, known products, expired holds of
    these products, the location's code, then each product's available and SKU.

    `many`: the ids are lists (`p_ids`, `p_keys`, and the op ids of pushed holds,
    `p_op_ids`, claimed or not), for a round of holds judged together."""
    cached = _PRECHECKS.get((lines, many))
    if cached is not None:
        return cached
    c = stock_table.c
    location = bindparam("p_location", type_=Integer)
    expired = (
        select(Reservation.id)
        .where(
            Reservation.status == "confirmed",
            Reservation.expires_at < bindparam("p_now"),
            Reservation.id.in_(
                select(ReservationLine.reservation_id).where(
                    ReservationLine.product_id.in_(bindparam("p_products_x", expanding=True))
                )
            ),
        )
        .exists()
    )
    taken = (
        or_(
            exists().where(
                Reservation.id.in_(bindparam("p_ids", expanding=True))
                | Reservation.idempotency_key.in_(bindparam("p_keys", expanding=True))
            ),
            exists().where(SyncOp.op_id.in_(bindparam("p_op_ids", expanding=True))),
        )
        if many
        else exists().where(
            (Reservation.id == bindparam("p_id"))
            | (Reservation.idempotency_key == bindparam("p_key"))
        )
    )
    columns: list[Any] = [
        taken,
        select(func.count(Product.id))
        .where(Product.id.in_(bindparam("p_products", expanding=True)))
        .scalar_subquery(),
        expired,
        select(Location.code).where(Location.id == location).scalar_subquery(),
    ]
    for index in range(lines):
        product = bindparam(f"p_product_{index}", type_=Integer)
        columns.append(
            select(c.on_hand - c.reserved - c.safety_stock)
            .where(c.location_id == location, c.product_id == product)
            .scalar_subquery()
        )
        columns.append(select(Product.sku).where(Product.id == product).scalar_subquery())
    statement = _PRECHECKS[lines, many] = select(*columns)
    return statement


def _precheck_params(location_id: int, products: list[int]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "p_location": location_id,
        "p_products": products,
        "p_products_x": products,
        "p_now": utcnow(),
    }
    params.update({f"p_product_{i}": product for i, product in enumerate(products)})
    return params


def _first_short(
    location_id: int,
    wanted: Mapping[int, int],
    code: str | None,
    figures: Mapping[int, tuple[int | None, str | None]],
) -> InsufficientStock | None:
    """`hold_stock`'s rule on figures read: the first product, in id order, short of its
    quantity (`figures`: product id -> (available, SKU))."""
    for product_id in sorted(wanted):
        available, sku = figures[product_id]
        if (available or 0) < wanted[product_id]:
            return insufficient_stock(
                location_id, product_id, wanted[product_id], code, sku, available
            )
    return None


def precheck_hold(
    session: Session,
    location_id: int,
    wanted: Mapping[int, int],
    *,
    order_id: str | None,
    idempotency_key: str | None = None,
) -> HoldPrecheck:
    """One read, outside any transaction, before a pickup or group-buy order is written.

    A flash sale refuses many more orders than it takes: after the last unit a refusal
    is this one statement (no BEGIN, no insert, no failed hold, no rollback). It never
    grants: the conditional UPDATE in `hold_stock` stays the only judge of a success.
    A product short while an expired hold of it waits for release is not refused here
    (the write path releases it and tries again), nor is anything when an id is taken
    or a product unknown (the write path gives the precise answer)."""
    products = sorted(wanted)
    params = _precheck_params(location_id, products)
    params.update({"p_id": order_id, "p_key": idempotency_key})
    row = session.execute(_precheck_statement(len(products)), params).one()
    taken, known, expired, code = bool(row[0]), row[1] == len(products), bool(row[2]), row[3]
    refusal = None
    if not taken and known and not expired:
        figures = {p: (row[4 + 2 * i], row[5 + 2 * i]) for i, p in enumerate(products)}
        refusal = _first_short(location_id, wanted, code, figures)
    return HoldPrecheck(taken, known, refusal)


@dataclass(frozen=True, slots=True)
class HoldAsked:
    """One hold of a round judged together (`precheck_holds`): its quantities, and the
    ids it would take (an order or reservation id, a scoped Idempotency-Key, the op id
    of a pushed `reservation.create`)."""

    wanted: Mapping[int, int]
    order_id: str | None = None
    idempotency_key: str | None = None
    op_id: str | None = None


def precheck_holds(
    session: Session, location_id: int, holds: Sequence[HoldAsked]
) -> list[InsufficientStock | None] | None:
    """`precheck_hold` for many holds at once, from any devices, in ONE statement.

    None when the round cannot be judged by committed figures (an id, key or op id is
    taken: a replay or a reuse; a product unknown; an expired hold of one of its
    products waiting for release): each hold then goes its own way. Else, per hold, its
    refusal, or None where the stock may still grant it (the write path judges: this
    never grants). Each refusal is the one the hold would have got alone at this read."""
    products = sorted({product for hold in holds for product in hold.wanted})
    params = _precheck_params(location_id, products)
    params.update(
        {
            "p_ids": sorted({hold.order_id for hold in holds if hold.order_id is not None}),
            "p_keys": sorted(
                {hold.idempotency_key for hold in holds if hold.idempotency_key is not None}
            ),
            "p_op_ids": sorted({hold.op_id for hold in holds if hold.op_id is not None}),
        }
    )
    row = session.execute(_precheck_statement(len(products), many=True), params).one()
    taken, known, expired, code = bool(row[0]), row[1] == len(products), bool(row[2]), row[3]
    if taken or not known or expired:
        return None
    figures = {p: (row[4 + 2 * i], row[5 + 2 * i]) for i, p in enumerate(products)}
    return [_first_short(location_id, hold.wanted, code, figures) for hold in holds]


def _pickup_precheck(
    session: Session, device: AuthenticatedDevice, payload: ReservationCreatePayload
) -> PrecheckVerdict:
    if device.role != "counter" or device.location_id is None:
        return PrecheckVerdict()  # the handler refuses with the precise problem
    found = precheck_hold(
        session,
        warehouse_id(session),
        quantities(payload.lines),
        order_id=payload.reservation_id,
    )
    return PrecheckVerdict(refusal=found.refusal, clear=found.clear)


def _pickup_stock_keys(
    session: Session, _device: AuthenticatedDevice, payload: ReservationCreatePayload
) -> list[tuple[int, int]]:
    source_id = warehouse_id(session)
    return [(source_id, line.product_id) for line in payload.lines]


@op_handler("reservation.create", stock_keys=_pickup_stock_keys, precheck=_pickup_precheck)
def create_pickup(ctx: OpContext, payload: ReservationCreatePayload) -> dict[str, Any]:
    session = ctx.session
    store_id = require_store_device(ctx.device)
    source_id = warehouse_id(session)
    if ctx.prechecked:
        # Seen clear a moment ago: a taken id or pickup code now fails UNIQUE and the op
        # is applied again the ordinary way; the hold below still judges the stock.
        wanted = quantities(payload.lines)
        pickup_code = new_pickup_code()
    else:
        existing = session.get(Reservation, payload.reservation_id)
        if existing is not None:
            reuse_or_duplicate(
                session,
                existing.op_id or "",
                ctx.body_sha256,
                f"reservation {payload.reservation_id}",
            )
        wanted = _wanted(session, payload.lines)
        refuse_if_short(session, source_id, wanted)  # a sold-out item: one read, nothing written
        pickup_code = unused_pickup_code(session)
    links = paid_links(payload.lines)
    now = utcnow()
    reservation = Reservation(
        id=payload.reservation_id,
        kind="pickup",
        status="confirmed",
        source_location_id=source_id,
        store_location_id=store_id,
        pickup_code=pickup_code,
        customer_name=payload.customer_name,
        customer_phone=payload.customer_phone,
        sale_id=payload.sale_id,
        receipt_no=payload.receipt_no,
        device_id=ctx.device.id,
        op_id=ctx.op_id,
        expires_at=now + timedelta(hours=ctx.settings.pickup_hold_hours),
        created_at=now,
        updated_at=now,
        payment="online",
        lines=[
            ReservationLine(
                product_id=pid,
                qty=qty,
                sale_line_id=links[pid][0],
                paid_cents=links[pid][1],
                arrived_qty=0,
                collected_qty=0,
            )
            for pid, qty in sorted(wanted.items())
        ],
    )
    transfer = pickup_transfer(reservation, wanted, now)
    _insert_pickup(session, reservation, transfer)
    # Hold last: the stock rows stay locked until commit, so keep that stretch short
    # (pushed together with other pickups: held for all of them at the end instead).
    if not ctx.defer_holds(source_id, wanted):
        hold_stock(session, source_id, wanted)
    publish_reservation(session, reservation)
    publish_transfer(session, transfer, to_kind="store")  # a counter's location is a store
    return {**reservation_data(reservation), "transfer_id": transfer.id}


def _insert_pickup(session: Session, reservation: Reservation, transfer: Transfer) -> None:
    """The pickup's rows (the reservation, its lines, the transfer and its lines) as Core
    inserts, on PostgreSQL in ONE statement (`insert_together`): the ORM's unit of work
    for these four objects cost more CPU than the rest of the op. The objects stay out
    of the session; a later read in the same transaction finds the rows."""
    lines = [
        {**column_values(line, _LINES), "reservation_id": reservation.id}
        for line in reservation.lines
    ]
    moved = [
        {**column_values(line, _TRANSFER_LINES), "transfer_id": transfer.id}
        for line in transfer.lines
    ]
    insert_together(
        session,
        [
            (_RESERVATIONS, [column_values(reservation, _RESERVATIONS)]),
            (_LINES, lines),
            (_TRANSFERS, [column_values(transfer, _TRANSFERS)]),
            (_TRANSFER_LINES, moved),
        ],
    )


_RESERVATIONS = table_of(Reservation)
_LINES = table_of(ReservationLine)
_TRANSFERS = table_of(Transfer)
_TRANSFER_LINES = table_of(TransferLine)


def unused_pickup_code(session: Session) -> str:
    while True:
        code = new_pickup_code()
        if session.scalar(select(Reservation.id).where(Reservation.pickup_code == code)) is None:
            return code


def load_reservation(
    session: Session, device: AuthenticatedDevice, reservation_id: str
) -> Reservation:
    reservation = session.get(Reservation, reservation_id)
    if reservation is None:
        raise NotFound("reservation_not_found", f"no reservation {reservation_id}")
    ensure_visible(device, reservation.store_location_id, "reservation")
    return reservation


def held_here(line: ReservationLine) -> int:
    """Units of a ready pickup's line at the store for the customer: arrived, not collected."""
    return line.arrived_qty - line.collected_qty


def cancel_reservation(
    session: Session, reservation: Reservation, reason_status: str = "cancelled"
) -> Reservation:
    """Release whatever the reservation holds, wherever it is held (at the store: what
    arrived and was not collected, after a short transfer or a partial pickup)."""
    held = quantities(reservation.lines)
    if reservation.status == "ready":
        transition(session, Reservation, reservation.id, ["ready"], reason_status)
        assert reservation.store_location_id is not None
        at_store = {line.product_id: held_here(line) for line in reservation.lines}
        release_stock(
            session, reservation.store_location_id, {p: q for p, q in at_store.items() if q}
        )
        _cancel_requested_follow_ups(session, reservation.id)
    else:
        transition(session, Reservation, reservation.id, ["confirmed"], reason_status)
        release_stock(session, reservation.source_location_id, held)
        _cancel_open_transfer(session, reservation.id)
    session.refresh(reservation)
    publish_reservation(session, reservation)
    return reservation


def _cancel_requested_follow_ups(session: Session, reservation_id: str) -> None:
    """A ready pickup's rest not shipped yet (services/pickup_rest.py): cancelled, its
    warehouse hold given back. One already shipped arrives as ordinary stock."""
    follow_ups = session.scalars(
        select(Transfer).where(
            Transfer.reservation_id == reservation_id,
            Transfer.status == "requested",
            Transfer.id != f"TR-{reservation_id}",
        )
    ).all()
    for follow_up in follow_ups:
        cancelled = transition(session, Transfer, follow_up.id, ["requested"], "cancelled")
        release_stock(session, cancelled.from_location_id, quantities(cancelled.lines))
        publish_transfer(session, cancelled)


def is_follow_up(transfer: Transfer) -> bool:
    """A transfer carrying the rest of a pickup already at the store, not its first."""
    return transfer.reservation_id is not None and transfer.id != f"TR-{transfer.reservation_id}"


def _cancel_open_transfer(session: Session, reservation_id: str) -> None:
    transfer = session.get(Transfer, f"TR-{reservation_id}")
    if transfer is not None and transfer.status == "requested":
        transfer = transition(session, Transfer, transfer.id, ["requested"], "cancelled")
        publish_transfer(session, transfer)


@op_handler("reservation.cancel")
def cancel_pickup(ctx: OpContext, payload: ReservationCancelPayload) -> dict[str, Any]:
    reservation = load_reservation(ctx.session, ctx.device, payload.reservation_id)
    if reservation.status not in ("confirmed", "ready"):
        raise InvalidTransition("reservation", reservation.status, "cancelled")
    return reservation_data(cancel_reservation(ctx.session, reservation))


def place_group_buy_order(
    session: Session,
    device: AuthenticatedDevice,
    order_id: str,
    lines: list[ItemLine],
    idempotency_key: str,
    body_sha256: str,
    customer_name: str | None,
    *,
    prechecked: bool = False,
    store_id: int | None = None,
    hold_hours: int = 0,
    payment: str = "online",
    customer_phone: str | None = None,
) -> Reservation:
    """`prechecked`: `precheck_hold` found the order clear a moment ago, so the
    look-ups a constraint would catch anyway are skipped (see `OpContext.prechecked`).
    `store_id`: the order is collected at that store; it gets a pickup code, a hold of
    `hold_hours` and the transfer there, like a counter's pickup. `payment` at_pickup:
    the customer pays there, the lines' prices times their quantities (the route checked
    the store and the prices are given)."""
    source_id = warehouse_id(session)
    if prechecked:
        wanted = quantities(lines)
    else:
        wanted = _wanted(session, lines)
        refuse_if_short(session, source_id, wanted)  # a sold-out item: one read, nothing written
    links = paid_links(lines)
    prices = {line.product_id: getattr(line, "unit_price_cents", None) for line in lines}
    now = utcnow()
    for_store = store_id is not None
    at_pickup = payment == "at_pickup"
    order = Reservation(
        id=order_id,
        kind="group_buy",
        status="confirmed",
        payment=payment,
        amount_due_cents=(
            sum(qty * (prices[pid] or 0) for pid, qty in wanted.items()) if at_pickup else None
        ),
        source_location_id=source_id,
        store_location_id=store_id,
        pickup_code=(
            (new_pickup_code() if prechecked else unused_pickup_code(session))
            if for_store
            else None
        ),
        expires_at=now + timedelta(hours=hold_hours) if for_store else None,
        idempotency_key=idempotency_key,
        body_sha256=body_sha256,
        customer_name=customer_name,
        customer_phone=customer_phone,
        device_id=device.id,
        created_at=now,
        updated_at=now,
        lines=[
            ReservationLine(
                product_id=pid,
                qty=qty,
                sale_line_id=links[pid][0],
                paid_cents=links[pid][1],
                unit_price_cents=prices[pid],
            )
            for pid, qty in sorted(wanted.items())
        ],
    )
    transfer = pickup_transfer(order, wanted) if for_store else None
    session.add_all([order] if transfer is None else [order, transfer])
    session.flush()
    hold_stock(session, source_id, wanted)  # last: stock rows stay locked until commit
    publish_reservation(session, order)
    if transfer is not None:
        publish_transfer(session, transfer, to_kind="store")
    return order


def ship_group_buy_order(session: Session, order_id: str, device_id: int | None) -> Reservation:
    order = session.get(Reservation, order_id)
    if order is None or order.kind != "group_buy":
        raise NotFound("order_not_found", f"no group-buy order {order_id}")
    if order.store_location_id is not None:
        raise DomainError(
            "order_for_store_pickup",
            f"order {order_id} is collected at a store: ship its transfer TR-{order_id}",
        )
    # Still for the customer when it ships: a send to a store racing this cannot both win.
    order = transition(
        session,
        Reservation,
        order_id,
        ["confirmed"],
        "shipped",
        also=[Reservation.store_location_id.is_(None)],
    )
    take_held_stock(
        session,
        order.source_location_id,
        quantities(order.lines),
        reason="group_buy_ship",
        reference=order.id,
        device_id=device_id,
    )
    publish_reservation(session, order)
    return order


def expire_holds(
    session: Session,
    now: datetime | None = None,
    product_id: int | None = None,
    reservation_id: str | None = None,
) -> int:
    """Release confirmed pickup holds whose time is up; returns how many expired."""
    now = now or utcnow()
    query = select(Reservation.id).where(
        Reservation.status == "confirmed", Reservation.expires_at < now
    )
    if reservation_id is not None:
        query = query.where(Reservation.id == reservation_id)
    if product_id is not None:
        query = query.where(
            Reservation.id.in_(
                select(ReservationLine.reservation_id).where(
                    ReservationLine.product_id == product_id
                )
            )
        )
    expired = 0
    for reservation_id in session.scalars(query.order_by(Reservation.id)).all():
        reservation = session.get(Reservation, reservation_id)
        if reservation is None or reservation.status != "confirmed":
            continue
        try:
            cancel_reservation(session, reservation, reason_status="expired")
        except DomainError:
            continue  # another sweeper got there first
        expired += 1
    return expired


def has_expired_holds(session: Session, product_id: int | None = None) -> bool:
    query = select(Reservation.id).where(
        Reservation.status == "confirmed", Reservation.expires_at < utcnow()
    )
    if product_id is not None:
        query = query.where(
            Reservation.id.in_(
                select(ReservationLine.reservation_id).where(
                    ReservationLine.product_id == product_id
                )
            )
        )
    return session.scalar(query.limit(1)) is not None


@shortfall_recovery
def expire_holds_of(session: Session, product_id: int) -> int:
    """Registered as a shortfall recovery: an op refused for want of stock is tried once
    more, in the same transaction, after holds past their time gave their units back."""
    if not has_expired_holds(session, product_id):
        return 0
    return expire_holds(session, product_id=product_id)


def release_expired_holds(db: Database, product_id: int | None = None) -> int:
    """Read-time release: only opens a write transaction when something has expired."""
    with db.read() as session, session.begin():
        if not has_expired_holds(session, product_id):
            return 0
    with db.write() as session:
        return expire_holds(session, product_id=product_id)
