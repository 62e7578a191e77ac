"""A traffic simulator: the group-buy channel places orders, the warehouse works its queues.

At `rate` orders per second it places group-buy orders for 1-3 random products
(restocking the warehouse when a product runs short), and on each tick it advances
the fulfilment queues the way warehouse staff would: ships group-buy orders and
requested transfers, accepts, ships and delivers dropship orders. Everything goes
through the same services as the HTTP API, so the change feed sees it all.
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from warehouse_api.db import Database
from warehouse_api.errors import DomainError, InsufficientStock
from warehouse_api.models import DropshipOrder, Location, Product, Reservation, Transfer
from warehouse_api.schemas import GoodsReceipt, ItemLine
from warehouse_api.services import admin
from warehouse_api.services.devices import AuthenticatedDevice, issue_token
from warehouse_api.services.dropship import accept_dropship, deliver_dropship, ship_dropship
from warehouse_api.services.reservations import place_group_buy_order, ship_group_buy_order
from warehouse_api.services.retry import write_with_retry
from warehouse_api.services.transfers import ship_transfer

log = logging.getLogger(__name__)
CARRIERS = ("黑貓宅急便", "新竹物流", "中華郵政", "嘉里大榮")
RESTOCK_UNITS = 60


@dataclass
class SimulationStats:
    orders_placed: int = 0
    orders_short: int = 0
    restocks: int = 0
    group_buy_shipped: int = 0
    transfers_shipped: int = 0
    dropship_advanced: int = 0
    errors: dict[str, int] = field(default_factory=dict)


class Simulator:
    def __init__(self, db: Database, rate: float, seed: int | None = None) -> None:
        self.db = db
        self.rate = rate
        self.rng = random.Random(seed)
        self.stats = SimulationStats()
        with db.write() as session:
            channel = issue_token(session, "group_buy", None, "simulator-group-buy")
            operator = issue_token(session, "operator", None, "simulator-operator")
            self.warehouse_code = session.scalar(
                select(Location.code).where(Location.kind == "warehouse").order_by(Location.id)
            )
            self.product_ids = list(
                session.scalars(select(Product.id).where(Product.active.is_(True)))
            )
        if not self.product_ids or self.warehouse_code is None:
            raise RuntimeError("the database has no products or no warehouse: seed it first")
        self.channel = AuthenticatedDevice(channel.device_id, "simulator", "group_buy", None)
        self.operator_id = operator.device_id

    def run(self, duration_s: float | None) -> SimulationStats:
        started = time.monotonic()
        next_order = started
        next_fulfilment = started
        try:
            while duration_s is None or time.monotonic() - started < duration_s:
                now = time.monotonic()
                if now >= next_order:
                    self.place_order()
                    next_order += 1.0 / self.rate
                if now >= next_fulfilment:
                    self.advance_queues()
                    next_fulfilment += 1.0
                time.sleep(max(0.0, min(next_order, next_fulfilment) - time.monotonic()))
        except KeyboardInterrupt:
            log.info("simulation stopped by the user")
        return self.stats

    def place_order(self) -> None:
        products = self.rng.sample(
            self.product_ids, k=min(len(self.product_ids), self.rng.randint(1, 3))
        )
        lines = [ItemLine(product_id=pid, qty=self.rng.randint(1, 3)) for pid in products]
        key = f"sim-{uuid.uuid4()}"
        try:
            write_with_retry(
                self.db,
                lambda session: place_group_buy_order(
                    session, self.channel, str(uuid.uuid4()), lines, key, key, "模擬團購客"
                ),
            )
            self.stats.orders_placed += 1
        except InsufficientStock as short:
            self.stats.orders_short += 1
            self.restock(int(short.extra["product_id"]))

    def restock(self, product_id: int) -> None:
        receipt = GoodsReceipt(
            location_code=str(self.warehouse_code),
            reference="simulated-supplier",
            lines=[ItemLine(product_id=product_id, qty=RESTOCK_UNITS)],
        )
        write_with_retry(
            self.db, lambda session: admin.receive_goods(session, receipt, self.operator_id)
        )
        self.stats.restocks += 1

    def advance_queues(self) -> None:
        operator = self.operator_id
        confirmed_orders = select(Reservation.id).where(
            Reservation.kind == "group_buy", Reservation.status == "confirmed"
        )
        for order_id in self._ids(confirmed_orders):
            if self._step(partial(_ship_order, order_id=order_id, operator_id=operator)):
                self.stats.group_buy_shipped += 1
        for transfer_id in self._ids(select(Transfer.id).where(Transfer.status == "requested")):
            ship = partial(
                _ship_transfer,
                transfer_id=transfer_id,
                operator_id=operator,
                carrier=self.rng.choice(CARRIERS),
                tracking_no=self._tracking_no(),
            )
            if self._step(ship):
                self.stats.transfers_shipped += 1
        for status in ("pending", "accepted", "shipped"):
            for order_id in self._ids(
                select(DropshipOrder.id).where(DropshipOrder.status == status)
            ):
                move = partial(
                    _advance_dropship,
                    dropship_id=order_id,
                    status=status,
                    operator_id=operator,
                    carrier=self.rng.choice(CARRIERS),
                    tracking_no=self._tracking_no(),
                )
                if self._step(move):
                    self.stats.dropship_advanced += 1

    def _ids(self, query: Select[Any], limit: int = 50) -> list[str]:
        with self.db.read() as session, session.begin():
            return list(session.scalars(query.limit(limit)))

    def _step(self, work: Callable[[Session], object]) -> bool:
        try:
            write_with_retry(self.db, work)
        except DomainError as error:
            # Someone else moved it first (a person at the real operator screen).
            self.stats.errors[error.code] = self.stats.errors.get(error.code, 0) + 1
            return False
        return True

    def _tracking_no(self) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(12))


def _ship_order(session: Session, *, order_id: str, operator_id: int) -> object:
    return ship_group_buy_order(session, order_id, operator_id)


def _ship_transfer(
    session: Session, *, transfer_id: str, operator_id: int, carrier: str, tracking_no: str
) -> object:
    return ship_transfer(session, transfer_id, operator_id, carrier, tracking_no)


def _advance_dropship(
    session: Session,
    *,
    dropship_id: str,
    status: str,
    operator_id: int,
    carrier: str,
    tracking_no: str,
) -> object:
    """One step along pending -> accepted -> shipped -> delivered."""
    if status == "pending":
        return accept_dropship(session, dropship_id)
    if status == "accepted":
        return ship_dropship(session, dropship_id, carrier, tracking_no, operator_id)
    return deliver_dropship(session, dropship_id)


def simulate(
    db: Database, rate: float, duration_s: float | None, seed: int | None = None
) -> SimulationStats:
    return Simulator(db, rate, seed).run(duration_s)
