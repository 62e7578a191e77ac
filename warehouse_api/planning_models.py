"""Planning tables: daily demand history, forecasts and idle-stock suggestions.

Kept apart from `models.py` (the operational tables) and sharing its `Base`. A
"channel" splits one location's demand: `location` is what the place itself sold
(counter sales less returns, dropship orders it shipped); `group_buy` is the group-buy
channel's orders, which the warehouse fills (imports name it `GROUPBUY`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from warehouse_api.models import Base, utcnow

CHANNELS = ("location", "group_buy")


class DemandDay(Base):
    """Net demand of one product at one location and channel on one Taiwan calendar day.

    `stockout`: the shelf was empty at day end (on_hand <= 0), so the figure is censored
    and says nothing about what customers wanted. `source`: `system` rows are rebuilt
    from the recorded facts; `import` rows came from `warehouse-api history import`.
    """

    __tablename__ = "demand_daily"
    __table_args__ = (
        CheckConstraint("channel IN ('location', 'group_buy')", name="channel"),
        CheckConstraint("source IN ('system', 'import')", name="source"),
        Index("ix_demand_daily_location_day", "location_id", "day"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    qty: Mapped[int] = mapped_column(Integer)
    on_hand: Mapped[int | None] = mapped_column(Integer)
    stockout: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(8))


class DemandHistoryState(Base):
    """One row: where the incremental refresh starts next time."""

    __tablename__ = "demand_history_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    refreshed_from: Mapped[datetime | None]
    rebuilt_at: Mapped[datetime | None]


class DemandForecast(Base):
    """The nightly forecast of one series, with the stock figures derived from it.

    Forecasts are expected values, so `daily` holds floats (units per day from
    `first_day`); the stock figures derived from them are whole units.
    """

    __tablename__ = "demand_forecasts"
    __table_args__ = (
        CheckConstraint("channel IN ('location', 'group_buy')", name="channel"),
        Index("ix_demand_forecasts_location", "location_id"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    method: Mapped[str] = mapped_column(String(24))
    first_day: Mapped[date] = mapped_column(Date)
    daily: Mapped[list[Any]] = mapped_column(JSON)
    mase: Mapped[float | None] = mapped_column(Float)
    mase_seasonal_naive: Mapped[float | None] = mapped_column(Float)
    error_sd: Mapped[float] = mapped_column(Float)
    lead_time_days: Mapped[int] = mapped_column(Integer)
    service_level: Mapped[float] = mapped_column(Float)
    safety_stock: Mapped[int] = mapped_column(Integer)
    reorder_point: Mapped[int] = mapped_column(Integer)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdleSuggestion(Base):
    """One suggestion of the idle-stock report, kept so a later report can show what
    the suggestions achieved (the idle value then against the value now)."""

    __tablename__ = "idle_suggestions"
    __table_args__ = (
        CheckConstraint(
            "action IN ('transfer', 'offer_group_buy', 'dropship_only')", name="action"
        ),
        Index("ix_idle_suggestions_made_on", "made_on"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    made_on: Mapped[date] = mapped_column(Date)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    action: Mapped[str] = mapped_column(String(16))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    qty: Mapped[int] = mapped_column(Integer)
    idle_qty: Mapped[int] = mapped_column(Integer)
    idle_value_cents: Mapped[int] = mapped_column(BigInteger)
    transfer_id: Mapped[str | None] = mapped_column(String(64))


class PriceDecision(Base):
    """A manager's word that a channel price conflict is deliberate: this product at this
    group-buy price while the catalogue's store price is this. A change of either price
    is a new conflict, open again until someone decides on it."""

    __tablename__ = "price_decisions"
    __table_args__ = (
        UniqueConstraint("product_id", "channel_price_cents", "store_price_cents"),
        CheckConstraint("channel_price_cents >= 0 AND store_price_cents >= 0", name="prices"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    channel_price_cents: Mapped[int] = mapped_column(Integer)
    store_price_cents: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200))
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
