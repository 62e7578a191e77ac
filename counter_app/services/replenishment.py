"""The replenishment screen's figures: this store's low-stock lines (at or below the
reorder point the warehouse computes from safety stock), the transfers to ask for,
and this store's idle items with the action suggested for each.

Fetched from the warehouse's planning routes when it answers and kept in the till's
file, so offline the last figures show with their age."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.core.ops import WarehouseDown, WarehouseError
from counter_app.services.ports import (
    ConnectivityReporter,
    DemandSource,
    PlanningSource,
    UnitOfWorkFactory,
)
from counter_app.services.selling import TAIWAN

CACHE_KEY = "replenishment.cache"


@dataclass(frozen=True, slots=True)
class LowStockLine:
    product_id: int
    sku: str
    name: str
    on_hand: int
    safety_stock: int
    reorder_point: int
    inbound: int
    suggested_qty: int
    source: str  # the location code to transfer from, or "order"

    @property
    def below_safety(self) -> bool:
        return self.on_hand < self.safety_stock


@dataclass(frozen=True, slots=True)
class IdleLine:
    product_id: int
    sku: str
    name: str
    action: str  # transfer | offer_group_buy | dropship_only
    to_location_code: str | None
    qty: int
    idle_qty: int
    idle_value_cents: int


@dataclass(frozen=True, slots=True)
class ReplenishmentReport:
    low_stock: tuple[LowStockLine, ...]
    idle: tuple[IdleLine, ...]
    fetched_at: str | None  # when the warehouse sent these figures (None: never)
    live: bool
    age_s: float | None
    note: str = ""

    @property
    def suggested_transfers(self) -> tuple[LowStockLine, ...]:
        """Low-stock lines the warehouse can fill by a transfer (not a supplier order)."""
        return tuple(
            line for line in self.low_stock if line.source != "order" and line.suggested_qty > 0
        )


class ReplenishmentService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        client: PlanningSource,
        connectivity: ConnectivityReporter | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._client = client
        self._connectivity = connectivity
        self._clock = clock

    def close(self) -> None:
        self._client.close()

    def cached(self, note: str = "") -> ReplenishmentReport:
        with self._db.snapshot() as uow:
            raw = uow.sync_state.get(CACHE_KEY)
        if raw is None:
            return ReplenishmentReport((), (), None, False, None, note)
        saved = json.loads(raw)
        return self._report(saved["body"], saved["fetched_at"], live=False, note=note)

    def refresh(self) -> ReplenishmentReport:
        """Blocking (HTTP): on the network pool. Live figures, kept for offline; the
        cached ones with their age when the warehouse does not answer."""
        try:
            body = self._client.store_replenishment()
        except WarehouseDown as exc:
            if self._connectivity is not None:
                self._connectivity.report_failure(str(exc))
            return self.cached(str(exc))
        except WarehouseError as exc:
            return self.cached(str(exc))
        if self._connectivity is not None:
            self._connectivity.report_success()
        fetched_at = self._clock().isoformat()
        with self._db.transaction() as uow:
            uow.sync_state.set(CACHE_KEY, json.dumps({"fetched_at": fetched_at, "body": body}))
        return self._report(body, fetched_at, live=True)

    def _report(
        self, body: dict[str, Any], fetched_at: str, *, live: bool, note: str = ""
    ) -> ReplenishmentReport:
        reorder = body.get("reorder", [])
        idle = body.get("idle", [])
        ids = {int(x["product_id"]) for x in [*reorder, *idle]}
        with self._db.snapshot() as uow:
            names = uow.reservations.product_names(ids)
        low = tuple(
            LowStockLine(
                int(x["product_id"]),
                str(x["sku"]),
                names.get(int(x["product_id"]), ""),
                int(x["on_hand"]) - int(x.get("reserved", 0)),
                int(x["safety_stock"]),
                int(x["reorder_point"]),
                int(x.get("inbound", 0)),
                int(x["suggested_qty"]),
                str(x["source"]),
            )
            for x in reorder
        )
        idle_lines = tuple(
            IdleLine(
                int(x["product_id"]),
                str(x["sku"]),
                names.get(int(x["product_id"]), ""),
                str(x["action"]),
                x.get("to_location_code"),
                int(x["qty"]),
                int(x["idle_qty"]),
                int(x["idle_value_cents"]),
            )
            for x in idle
        )
        age = (
            None
            if live
            else max(0.0, (self._clock() - datetime.fromisoformat(fetched_at)).total_seconds())
        )
        return ReplenishmentReport(
            tuple(sorted(low, key=lambda line: (not line.below_safety, line.sku))),
            idle_lines,
            fetched_at,
            live,
            age,
            note,
        )


@dataclass(frozen=True, slots=True)
class DemandSeries:
    location_code: str
    kind: str  # store | warehouse
    history: tuple[tuple[str, int], ...]  # (ISO day, units sold net of returns)
    forecast_first_day: str | None
    forecast: tuple[float, ...]
    method: str | None


@dataclass(frozen=True, slots=True)
class DemandReport:
    product_id: int
    series: tuple[DemandSeries, ...]
    live: bool
    age_s: float | None
    note: str = ""


def demand_key(product_id: int) -> str:
    return f"replenishment.demand.{product_id}"


class ProductDemandService:
    """A product's recent daily sales and forecast at this store and the warehouse (the
    stock lookup's chart); the last answer per product is kept for offline."""

    def __init__(
        self,
        db: UnitOfWorkFactory,
        client: DemandSource,
        clock: Callable[[], datetime] = lambda: datetime.now(TAIWAN),
    ) -> None:
        self._db = db
        self._client = client
        self._clock = clock

    def demand(self, product_id: int) -> DemandReport:
        """Blocking (HTTP): on the network pool."""
        try:
            body = self._client.product_demand(product_id)
        except WarehouseError as exc:
            with self._db.snapshot() as uow:
                raw = uow.sync_state.get(demand_key(product_id))
            if raw is None:
                return DemandReport(product_id, (), False, None, str(exc))
            saved = json.loads(raw)
            age = (self._clock() - datetime.fromisoformat(saved["fetched_at"])).total_seconds()
            return _demand(saved["body"], product_id, False, max(0.0, age), str(exc))
        with self._db.transaction() as uow:
            uow.sync_state.set(
                demand_key(product_id),
                json.dumps({"fetched_at": self._clock().isoformat(), "body": body}),
            )
        return _demand(body, product_id, True, None)


def _demand(
    body: dict[str, Any], product_id: int, live: bool, age: float | None, note: str = ""
) -> DemandReport:
    return DemandReport(
        product_id,
        tuple(
            DemandSeries(
                str(s["location_code"]),
                str(s["kind"]),
                tuple((str(d["day"]), int(d["qty"])) for d in s.get("history", [])),
                s.get("forecast_first_day"),
                tuple(float(v) for v in s.get("forecast", [])),
                s.get("method"),
            )
            for s in body.get("series", [])
        ),
        live,
        age,
        note,
    )
