"""Group-buy orders forwarded in a batch: each order judged on its own, one transaction.

A channel collects orders on its own site and forwards them together
(`POST /group-buy/orders:batch`). Every order keeps its own Idempotency-Key and its
own answer, exactly what `POST /group-buy/orders` would have answered for it at that
moment: placed, a replay of an earlier order, or refused (`insufficient_stock`,
`idempotency_key_reused`, `unknown_product`). An order is all or nothing: either
every line is held or none is.

The batch is applied set-wise in ONE write transaction: one query each for the keys
already used, the order ids taken and the products (with their SKUs); the
warehouse's stock rows of the batch are locked once in product-id order
(`inventory.hold_rows`) and the orders are judged one after another in Python
against those locked figures, by the rule of `hold_stock`'s conditional UPDATE
(`available >= qty` for every line); the placed orders are inserted with one
statement per table and each stock row is written back once (`store_rows`). While
the rows are locked nobody else can change them, so the judgement is exact: never
more held than available, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from warehouse_api.db import Database
from warehouse_api.errors import DomainError, InsufficientStock
from warehouse_api.models import (
    Location,
    Product,
    Reservation,
    ReservationLine,
    table_of,
    utcnow,
)
from warehouse_api.schemas import GroupBuyOrderCreate
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.feed_data import publish_reservation, reservation_data
from warehouse_api.services.group_buy_pickup import (
    channel_status,
    payment_state,
    store_code,
    store_payments,
)
from warehouse_api.services.inventory import (
    HeldRow,
    hold_rows,
    hold_stock,
    insufficient_stock,
    read_rows,
    store_rows,
)
from warehouse_api.services.locations import warehouse_id
from warehouse_api.services.reservations import expire_holds, quantities
from warehouse_api.services.retry import write_with_retry


def order_digest(body: dict[str, Any]) -> str:
    """The SHA-256 of an order's body (`order_id`, `lines`, `customer_name`): the same for
    an order placed alone and one forwarded in a batch, so either replays the other."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class BatchOrder:
    """One order of a batch: its scoped key (`<device id>:<Idempotency-Key>`), the digest
    of its body, and the body's fields."""

    key: str
    digest: str
    order_id: str | None
    wanted: dict[int, int]  # product id -> qty, lines of one product summed
    customer_name: str | None
    customer_phone: str | None = None
    # product id -> the channel's unit price (one per product: the body's rule), if sent
    prices: dict[int, int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    """201 placed, 200 a replay (`order` is the earlier order), else `problem`."""

    status: int
    order: dict[str, Any] | None = None
    problem: DomainError | None = None


def batch_order(
    device: AuthenticatedDevice, idempotency_key: str, item: GroupBuyOrderCreate
) -> BatchOrder:
    """An order as the batch service judges it: its key scoped to the device, the digest
    of its body (without the key a batch item carries), its quantities and prices."""
    fields = item.model_dump(mode="json", exclude={"idempotency_key"})
    return BatchOrder(
        key=f"{device.id}:{idempotency_key}",
        digest=order_digest(fields),
        order_id=item.order_id,
        wanted=quantities(item.lines),
        customer_name=item.customer_name,
        customer_phone=item.customer_phone,
        prices={line.product_id: line.unit_price_cents for line in item.lines},
    )


_BY_KEYS = select(Reservation).where(
    Reservation.idempotency_key.in_(bindparam("p_keys", expanding=True))
)
_TAKEN_IDS = select(Reservation.id).where(Reservation.id.in_(bindparam("p_ids", expanding=True)))
_PRODUCTS = select(Product.id, Product.sku).where(
    Product.id.in_(bindparam("p_ids", expanding=True))
)
_LOCATION_CODE = select(Location.code).where(Location.id == bindparam("p_id"))
_EXPIRED_HOLDS_OF = (
    select(ReservationLine.product_id)
    .join(Reservation, Reservation.id == ReservationLine.reservation_id)
    .where(
        Reservation.status == "confirmed",
        Reservation.expires_at < bindparam("p_now"),
        ReservationLine.product_id.in_(bindparam("p_ids", expanding=True)),
    )
    .distinct()
)


_INSERT_ORDERS = table_of(Reservation).insert()
_INSERT_LINES = table_of(ReservationLine).insert()


class _Judge:
    """Decides the batch's orders one after another against locked stock rows."""

    def __init__(
        self,
        session: Session,
        device: AuthenticatedDevice,
        orders: Sequence[BatchOrder],
    ) -> None:
        self.session = session
        self.device = device
        self.source_id = warehouse_id(session)
        self.now = utcnow()
        self.orders = orders
        self.earlier: dict[str, Reservation] = {}
        self.taken_ids: set[str] = set()
        products = sorted({product for order in orders for product in order.wanted})
        self.skus: dict[int, str] = {
            row[0]: row[1] for row in session.execute(_PRODUCTS, {"p_ids": products})
        }
        self.location_code: str | None = None
        self.rows: dict[int, HeldRow] = {}
        self.placed: dict[str, tuple[str, dict[str, Any]]] = {}  # key -> (digest, order data)
        self.new_orders: list[Reservation] = []

    def read_taken(self) -> None:
        """The orders already placed under the batch's keys, and its order ids taken. In a
        write, read after `lock_stock`: an order holding the same stock that committed
        while this batch waited for the rows' lock is then seen, so a key it took with
        another body is refused as reused, not for want of the units it holds."""
        keys = sorted({order.key for order in self.orders})
        self.earlier = {
            str(found.idempotency_key): found
            for found in self.session.scalars(_BY_KEYS, {"p_keys": keys})
        }
        ids = sorted({order.order_id for order in self.orders if order.order_id is not None})
        self.taken_ids = set(self.session.scalars(_TAKEN_IDS, {"p_ids": ids})) if ids else set()

    def expired_holds(self) -> list[int]:
        """The batch's products that a confirmed hold past its time still holds."""
        known = sorted(self.skus)
        if not known:
            return []
        return list(self.session.scalars(_EXPIRED_HOLDS_OF, {"p_now": self.now, "p_ids": known}))

    def lock_stock(self) -> None:
        """Release expired holds of the batch's products (their units are for sale again),
        then lock the stock rows the batch may hold, in product-id order."""
        for product_id in self.expired_holds():
            expire_holds(self.session, now=self.now, product_id=product_id)
        if self.skus:
            self.rows = hold_rows(self.session, self.source_id, sorted(self.skus))

    def refuse_all(self, orders: Sequence[BatchOrder]) -> list[BatchOutcome] | None:
        """Outside any transaction: when the committed figures refuse every order of the
        batch for want of stock (no key or id taken, every product known, no expired hold
        to release), those refusals, and nothing is written or locked. Else None: the
        batch goes the write way, which is the only one that grants."""
        self.read_taken()
        if self.earlier or self.taken_ids or self.expired_holds():
            return None
        if any(set(order.wanted) - set(self.skus) for order in orders):
            return None
        self.rows = read_rows(self.session, self.source_id, sorted(self.skus))
        outcomes = []
        for order in orders:
            refusal = self._shortfall(order.wanted)
            if refusal is None:
                return None
            outcomes.append(BatchOutcome(409, problem=refusal))
        return outcomes

    def judge(self, order: BatchOrder) -> BatchOutcome:
        earlier = self.earlier.get(order.key)
        if earlier is not None:
            if earlier.body_sha256 != order.digest:
                return _reused("this Idempotency-Key was used with another body")
            return BatchOutcome(200, order=_channel_view(self.session, earlier))
        placed = self.placed.get(order.key)
        if placed is not None:
            if placed[0] != order.digest:
                return _reused("this Idempotency-Key was used with another body")
            return BatchOutcome(200, order=placed[1])
        if order.order_id is not None and order.order_id in self.taken_ids:
            return _reused(f"order {order.order_id} exists already")
        unknown = sorted(set(order.wanted) - set(self.skus))
        if unknown:
            return BatchOutcome(
                422,
                problem=DomainError(
                    "unknown_product", f"no product with id {unknown[0]}", 422, product_ids=unknown
                ),
            )
        refusal = self._shortfall(order.wanted)
        if refusal is not None:
            return BatchOutcome(409, problem=refusal)
        return BatchOutcome(201, order=self._place(order))

    def _shortfall(self, wanted: dict[int, int]) -> DomainError | None:
        """`hold_stock`'s rule: the first product, in id order, short of its quantity."""
        for product_id in sorted(wanted):
            row = self.rows.get(product_id)
            available = row.on_hand - row.reserved - row.safety_stock if row else 0
            if available < wanted[product_id]:
                if self.location_code is None:
                    self.location_code = self.session.scalar(
                        _LOCATION_CODE, {"p_id": self.source_id}
                    )
                return insufficient_stock(
                    self.source_id,
                    product_id,
                    wanted[product_id],
                    self.location_code,
                    self.skus.get(product_id),
                    available,
                )
        return None

    def _place(self, order: BatchOrder) -> dict[str, Any]:
        for product_id, qty in order.wanted.items():
            self.rows[product_id].reserved += qty
        order_id = order.order_id or _new_order_id()
        reservation = Reservation(
            id=order_id,
            kind="group_buy",
            status="confirmed",
            source_location_id=self.source_id,
            store_location_id=None,
            idempotency_key=order.key,
            body_sha256=order.digest,
            customer_name=order.customer_name,
            customer_phone=order.customer_phone,
            device_id=self.device.id,
            created_at=self.now,
            updated_at=self.now,
            lines=[
                ReservationLine(
                    product_id=product_id,
                    qty=qty,
                    unit_price_cents=order.prices.get(product_id),
                    arrived_qty=0,
                    collected_qty=0,
                )
                for product_id, qty in sorted(order.wanted.items())
            ],
        )
        self.new_orders.append(reservation)
        self.taken_ids.add(order_id)
        data = _channel_view(self.session, reservation)
        self.placed[order.key] = (order.digest, data)
        return data

    def write(self, *, held_by_update: bool = False) -> None:
        """The placed orders (one INSERT per table), the held rows, the feed.
        `held_by_update`: the rows were read without a lock; hold what the placed
        orders hold by conditional UPDATEs, last (FiguresMoved when short)."""
        if not self.new_orders:
            return
        # Core inserts of the orders built in `_place` (they stay out of the session: the
        # ORM's unit of work would cost more than the statements).
        self.session.execute(
            _INSERT_ORDERS,
            [
                {
                    "id": order.id,
                    "kind": order.kind,
                    "status": order.status,
                    "source_location_id": order.source_location_id,
                    "store_location_id": None,
                    "idempotency_key": order.idempotency_key,
                    "body_sha256": order.body_sha256,
                    "customer_name": order.customer_name,
                    "customer_phone": order.customer_phone,
                    "device_id": order.device_id,
                    "created_at": order.created_at,
                    "updated_at": order.updated_at,
                }
                for order in self.new_orders
            ],
        )
        self.session.execute(
            _INSERT_LINES,
            [
                {
                    "reservation_id": order.id,
                    "product_id": line.product_id,
                    "qty": line.qty,
                    "unit_price_cents": line.unit_price_cents,
                    "arrived_qty": 0,
                    "collected_qty": 0,
                }
                for order in self.new_orders
                for line in order.lines
            ],
        )
        if held_by_update:
            held: Counter[int] = Counter()
            for order in self.new_orders:
                held.update(quantities(order.lines))
            try:
                hold_stock(self.session, self.source_id, held)
            except InsufficientStock as short:
                raise FiguresMoved from short
        else:
            placed = {product for order in self.new_orders for product in quantities(order.lines)}
            store_rows(self.session, self.source_id, [self.rows[p] for p in sorted(placed)])
        for reservation in self.new_orders:
            publish_reservation(self.session, reservation)


def _channel_view(session: Session, order: Reservation) -> dict[str, Any]:
    """An order as `POST /group-buy/orders` answers it: its data, the store it is
    collected at (None for a batch's own orders: shipped to the customer) and its status
    in the channel's words."""
    return {
        **reservation_data(order),
        "pickup_store_code": store_code(session, order),
        "channel_status": channel_status(order),
        "payment_state": payment_state(order),
        "store_payments": store_payments(session, order),
    }


def _reused(detail: str) -> BatchOutcome:
    return BatchOutcome(409, problem=DomainError("idempotency_key_reused", detail))


def _new_order_id() -> str:
    return str(uuid.uuid4())


def refusals_before_writing(
    session: Session, device: AuthenticatedDevice, orders: Sequence[BatchOrder]
) -> list[BatchOutcome] | None:
    """A batch that arrives after the sell-out: refused by one look at the committed
    figures, without a write transaction or the hot rows' lock (`_Judge.refuse_all`)."""
    return _Judge(session, device, orders).refuse_all(orders)


class FiguresMoved(Exception):
    """The stock taken since a batch was judged on figures read without a lock: its
    transaction is rolled back and the batch judged again on locked rows."""


def place_group_buy_batch(
    session: Session,
    device: AuthenticatedDevice,
    orders: Sequence[BatchOrder],
    *,
    hold_last: bool = False,
) -> list[BatchOutcome]:
    """Judge and apply a batch in the caller's write transaction; one outcome per order,
    in the batch's order. A key or order id taken by a concurrent writer fails UNIQUE at
    the flush: the caller runs the whole batch again (`write_with_retry`) and then finds
    it taken.

    `hold_last`: judged on the figures read without a lock, the orders written, and the
    stock held last, by one conditional UPDATE per product for what the placed orders
    hold together (`hold_stock`), just before the commit. Raises FiguresMoved (nothing
    is committed) when those figures no longer cover it, or when an expired hold of a
    product waits for release: judge it again without `hold_last`. In a flash sale the
    hot row is locked for that UPDATE and the commit only, where the locking way holds
    it across five round trips and the Python between them, while every other writer
    of the product waits (measured: the lock holder was waiting on its client more
    often than on the database)."""
    judge = _Judge(session, device, orders)
    if hold_last:
        if judge.expired_holds():
            raise FiguresMoved
        judge.rows = read_rows(session, judge.source_id, sorted(judge.skus))
    else:
        judge.lock_stock()
    judge.read_taken()
    outcomes = [judge.judge(order) for order in orders]
    judge.write(held_by_update=hold_last)
    return outcomes


def place_orders(
    db: Database,
    device: AuthenticatedDevice,
    orders: Sequence[BatchOrder],
    *,
    look_first: bool = True,
) -> list[BatchOutcome]:
    """One device's orders judged together, one outcome each in their order: refused by
    one read when the committed figures refuse them all (after a sell-out), else in one
    write transaction (`place_group_buy_batch`, run again on a lost race). `look_first`
    False: a read a moment ago found them clear, straight to the write."""
    refused = (
        db.lookup(lambda session: refusals_before_writing(session, device, orders))
        if look_first
        else None
    )
    if refused:
        return refused
    try:
        return write_with_retry(
            db, lambda session: place_group_buy_batch(session, device, orders, hold_last=True)
        )
    except FiguresMoved:
        return write_with_retry(db, lambda session: place_group_buy_batch(session, device, orders))
