"""The warehouse's tables: SQLAlchemy 2 typed models.

Money is integer cents, quantities are integers, times are UTC. Client-generated
ids (sales, reservations, dropship orders...) are UUID strings kept UNIQUE so a
replayed operation can never apply twice.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy import (
    false as sa_false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite hands them back naive, so re-attach UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store UTC-aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


class Location(Base):
    __tablename__ = "locations"
    __table_args__ = (CheckConstraint("kind IN ('warehouse', 'store', 'partner')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (CheckConstraint("price_cents >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(50))
    price_cents: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)
    dropship_partner_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))

    barcodes: Mapped[list[Barcode]] = relationship(
        back_populates="product", order_by="Barcode.code", lazy="selectin"
    )


class Barcode(Base):
    __tablename__ = "barcodes"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class ProductAlias(Base):
    """An old code a supplier or a store used for a product, mapped to the unified SKU."""

    __tablename__ = "product_aliases"

    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    old_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)


class CatalogImport(Base):
    """A catalog file checked in the console (dry run) and, once clean, imported."""

    __tablename__ = "catalog_imports"
    __table_args__ = (
        CheckConstraint("status IN ('checked', 'imported')", name="catalog_import_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    allow_new_categories: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default="checked")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_at: Mapped[datetime | None]


class PartnerTerms(Base):
    """What a dropship partner charges us for a product, and how long it takes to ship."""

    __tablename__ = "partner_terms"
    __table_args__ = (
        CheckConstraint("cost_cents >= 0", name="partner_cost_not_negative"),
        CheckConstraint("lead_time_days >= 0", name="partner_lead_time_not_negative"),
    )

    partner_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    cost_cents: Mapped[int] = mapped_column(Integer)
    lead_time_days: Mapped[int] = mapped_column(Integer)


class Stock(Base):
    """Per (location, product): on_hand, reserved, safety_stock.

    available = on_hand - reserved - safety_stock. Store on_hand may go negative
    (sales are facts); reserved never exceeds a positive on_hand.
    """

    __tablename__ = "stock"
    __table_args__ = (
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved = 0 OR reserved <= on_hand", name="reserved_within_on_hand"),
        CheckConstraint("safety_stock >= 0", name="safety_stock_not_negative"),
    )

    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    safety_stock: Mapped[int] = mapped_column(Integer, default=0)
    needs_count: Mapped[bool] = mapped_column(default=False)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved - self.safety_stock


class StockMovement(Base):
    """Append-only ledger: every change of on_hand is one row here."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_location_product", "location_id", "product_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    delta: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(64))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (CheckConstraint("role IN ('cashier', 'supervisor', 'manager')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class Device(Base):
    __tablename__ = "devices"
    __table_args__ = (
        CheckConstraint("role IN ('counter', 'group_buy', 'operator', 'admin')", name="role"),
        # A counter's short number within its store, printed in every number it issues.
        Index("uq_devices_location_till_no", "location_id", "till_no", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    till_no: Mapped[int | None] = mapped_column(Integer)  # counters only; never reused
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class DeviceHeartbeat(Base):
    """The latest heartbeat of a device (a till): its outbox as it last told it, so the
    console can show operations waiting and failed at the till. One row per device,
    replaced by each heartbeat (INSERT ... ON CONFLICT DO UPDATE)."""

    __tablename__ = "device_heartbeats"
    __table_args__ = (
        CheckConstraint(
            "outbox_waiting >= 0 AND outbox_failed >= 0 AND local_schema >= 0",
            name="heartbeat_counts_not_negative",
        ),
    )

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    received_at: Mapped[datetime]
    outbox_waiting: Mapped[int] = mapped_column(Integer)
    outbox_failed: Mapped[int] = mapped_column(Integer)
    # When the oldest waiting op was made, on the warehouse's clock (received_at minus
    # the age the till reported): its age keeps growing while the till is silent.
    oldest_waiting_since: Mapped[datetime | None]
    app_version: Mapped[str] = mapped_column(String(32))
    local_schema: Mapped[int] = mapped_column(Integer)
    pull_cursor: Mapped[int | None] = mapped_column(BigInteger)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))


class SyncOp(Base):
    """A claimed client operation: its op_id, a hash of its body and the stored result."""

    __tablename__ = "sync_ops"

    id: Mapped[int] = mapped_column(primary_key=True)
    op_id: Mapped[str] = mapped_column(String(64), unique=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    type: Mapped[str] = mapped_column(String(32))
    body_sha256: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Sale(Base):
    __tablename__ = "sales"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client sale_id
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    op_id: Mapped[str] = mapped_column(String(64))
    total_cents: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A sale paying for a group-buy order at its pickup: the order its collect lines are
    # (the hand-over naming this sale links it: reservation_payments).
    collects_order_id: Mapped[str | None] = mapped_column(String(64))

    lines: Mapped[list[SaleLine]] = relationship(back_populates="sale", lazy="selectin")
    payments: Mapped[list[Payment]] = relationship(lazy="selectin")


class SaleLine(Base):
    __tablename__ = "sale_lines"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client line_id
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)  # charged: list price or override
    line_total_cents: Mapped[int] = mapped_column(Integer)  # paid, after every discount
    # Discounts (docs/protocol.md): NULL list price on sales sent before they existed.
    list_price_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    override_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # take | pickup | ship | collect: only take lines moved the store's stock (pickup and
    # ship lines are fulfilled by the reservation / dropship order linked by sale_id;
    # collect lines pay for a group-buy order's units the pickup hand-over takes)
    fulfilment: Mapped[str] = mapped_column(String(8), default="take", server_default="take")

    sale: Mapped[Sale] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client payment_id
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(Integer)
    tendered_cents: Mapped[int | None] = mapped_column(Integer)
    change_cents: Mapped[int | None] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64))  # card/mobile ref., voucher no.
    approval_code: Mapped[str | None] = mapped_column(String(32))
    # The method named no tender of the `tenders` table: recorded as the till said it
    # (a sale is a fact), flagged for the back office to look at.
    unknown_tender: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Tender(Base):
    """A way to pay at the counter (cash, card, mobile, voucher); comes down the feed."""

    __tablename__ = "tenders"
    __table_args__ = (
        CheckConstraint("kind IN ('cash', 'card', 'mobile', 'voucher')", name="kind"),
    )

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    needs_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Reservation(Base):
    """Warehouse stock held for a store pickup (kind pickup) or a group-buy order."""

    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("kind IN ('pickup', 'group_buy')", name="kind"),
        CheckConstraint("payment IN ('online', 'at_pickup')", name="payment"),
        Index("ix_reservations_status_expires", "status", "expires_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client reservation_id
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    source_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    store_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    pickup_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    body_sha256: Mapped[str | None] = mapped_column(String(64))
    op_id: Mapped[str | None] = mapped_column(String(64))
    customer_name: Mapped[str | None] = mapped_column(String(100))
    customer_phone: Mapped[str | None] = mapped_column(String(32))
    sale_id: Mapped[str | None] = mapped_column(String(64))
    receipt_no: Mapped[str | None] = mapped_column(String(40))  # the counter sale that paid it
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # online: paid before the pickup (through the group-buy channel, or at a counter for a
    # counter's own pickup); at_pickup: a group-buy order the customer pays at the store's
    # desk, each hand-over by the sale that paid for it (reservation_payments).
    payment: Mapped[str] = mapped_column(String(16), default="online", server_default="online")
    # at_pickup: what the customer pays at the store for the whole order (the channel's
    # unit prices times the quantities), fixed when placed; None for online.
    amount_due_cents: Mapped[int | None] = mapped_column(Integer)

    lines: Mapped[list[ReservationLine]] = relationship(
        lazy="selectin", order_by="ReservationLine.product_id"
    )


class ReservationPayment(Base):
    """A store sale that paid for one hand-over of an order paid at pickup: the sale's
    lines marked ``collect`` are what the customer took in that hand-over. A sale pays
    for one hand-over only (the primary key)."""

    __tablename__ = "reservation_payments"

    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    reservation_id: Mapped[str] = mapped_column(ForeignKey("reservations.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    amount_cents: Mapped[int] = mapped_column(Integer)
    op_id: Mapped[str] = mapped_column(String(64))  # the pickup.complete that linked it
    paid_at: Mapped[datetime] = mapped_column(default=utcnow)  # when the hand-over applied


class ReservationLine(Base):
    __tablename__ = "reservation_lines"
    __table_args__ = (UniqueConstraint("reservation_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[str] = mapped_column(ForeignKey("reservations.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[str | None] = mapped_column(String(64))  # paid at a counter: the line
    paid_cents: Mapped[int | None] = mapped_column(Integer)  # ... and what it paid for this line
    # The group-buy channel's own price per unit (its orders only; None when not sent):
    # the price report compares it with the catalogue's store price.
    unit_price_cents: Mapped[int | None] = mapped_column(Integer)
    # A pickup handed over in parts: what reached the store for it, and what the customer
    # has collected (collected <= arrived <= qty); picked up once collected == qty.
    arrived_qty: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    collected_qty: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Transfer(Base):
    """Goods moving between locations: requested -> shipped -> received (or cancelled)."""

    __tablename__ = "transfers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    from_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    reservation_id: Mapped[str | None] = mapped_column(ForeignKey("reservations.id"))
    carrier: Mapped[str | None] = mapped_column(String(50))
    tracking_no: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(String(200))  # a store's request says why
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    lines: Mapped[list[TransferLine]] = relationship(
        lazy="selectin", order_by="TransferLine.product_id"
    )


class TransferLine(Base):
    __tablename__ = "transfer_lines"
    __table_args__ = (UniqueConstraint("transfer_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    transfer_id: Mapped[str] = mapped_column(ForeignKey("transfers.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)  # shipped (0: an extra item found on receipt)
    # What the store counted on receipt (None until received); qty - received_qty is
    # the discrepancy: short when positive, extra when negative.
    received_qty: Mapped[int | None] = mapped_column(Integer)


class DropshipOrder(Base):
    """Shipped straight to the customer from the warehouse or a dropship partner."""

    __tablename__ = "dropship_orders"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client dropship_id
    status: Mapped[str] = mapped_column(String(16))
    store_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    source_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    customer_name: Mapped[str] = mapped_column(String(100))
    customer_phone: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(300))
    op_id: Mapped[str] = mapped_column(String(64))
    carrier: Mapped[str | None] = mapped_column(String(50))
    tracking_no: Mapped[str | None] = mapped_column(String(64))
    sale_id: Mapped[str | None] = mapped_column(String(64))
    receipt_no: Mapped[str | None] = mapped_column(String(40))  # the counter sale that paid it
    delivery: Mapped[str | None] = mapped_column(String(8))  # home | cvs (None: home, older rows)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # For the partners' scorecards: when it left and arrived, and what went wrong.
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    problem: Mapped[str | None] = mapped_column(String(16))  # wrong_item, damaged, lost
    problem_note: Mapped[str | None] = mapped_column(String(200))

    lines: Mapped[list[DropshipLine]] = relationship(
        lazy="selectin", order_by="DropshipLine.product_id"
    )


class DropshipLine(Base):
    __tablename__ = "dropship_lines"
    __table_args__ = (UniqueConstraint("dropship_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dropship_id: Mapped[str] = mapped_column(ForeignKey("dropship_orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[str | None] = mapped_column(String(64))  # paid at a counter: the line
    paid_cents: Mapped[int | None] = mapped_column(Integer)  # ... and what it paid for this line


class Return(Base):
    __tablename__ = "returns"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client return_id
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    sale_id: Mapped[str | None] = mapped_column(String(64))
    refund_cents: Mapped[int] = mapped_column(Integer)
    op_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A return without a receipt: the customer's phone (digits) it counts against, the
    # supervisor who approved it and how it was priced (lowest_30_days | list_price).
    no_receipt: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    customer_phone: Mapped[str | None] = mapped_column(String(32))
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    price_basis: Mapped[str | None] = mapped_column(String(16))
    # An exchange: the sale of the goods given in place of the returned ones.
    exchange_sale_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_returns_no_receipt_phone", "customer_phone", "created_at"),)


class ReturnTender(Base):
    """What one tender refunded in a return (a return of a till that sent none: one
    ``cash`` row). Per tender, never more than the sale paid with it net of earlier
    refunds, cash excepted (it may stand in for the others): services/returns.py."""

    __tablename__ = "return_tenders"

    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64))
    approval_code: Mapped[str | None] = mapped_column(String(32))


class OrderReturn(Base):
    """Goods of a group-buy or dropship order brought back to a store. The refund is paid
    at the counter (``refund_state`` ``paid_at_counter``) or left to the channel
    (``pending_channel``, until the channel says it refunded: ``refunded_by_channel``;
    a conditional UPDATE, so it happens once)."""

    __tablename__ = "order_returns"
    __table_args__ = (
        CheckConstraint("order_kind IN ('group_buy', 'dropship')", name="order_kind"),
        CheckConstraint(
            "refund_state IN ('paid_at_counter', 'pending_channel', 'refunded_by_channel')",
            name="refund_state",
        ),
        Index("ix_order_returns_order", "order_kind", "order_id"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client return_id
    order_kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    refund_cents: Mapped[int] = mapped_column(Integer)
    refund_state: Mapped[str] = mapped_column(String(24))
    op_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    refunded_at: Mapped[datetime | None] = mapped_column()

    lines: Mapped[list[OrderReturnLine]] = relationship(
        lazy="selectin", order_by="OrderReturnLine.id"
    )


class OrderReturnLine(Base):
    __tablename__ = "order_return_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("order_returns.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(String(200))


class NoReceiptPhone(Base):
    """One row per phone that ever returned goods without a receipt: the lock that puts
    concurrent no-receipt returns of one phone in line before they are counted."""

    __tablename__ = "no_receipt_phones"

    customer_phone: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_return_at: Mapped[datetime | None] = mapped_column()


class ReturnLine(Base):
    __tablename__ = "return_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    qty: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(String(200))  # why damaged goods were written off


class ShiftClose(Base):
    __tablename__ = "shift_closes"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client shift_id
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    report: Mapped[dict[str, Any]]
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime]
    op_id: Mapped[str] = mapped_column(String(64))
    # The Z report's figures (NULL for a report from a till that sent only ``report``).
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    opening_cents: Mapped[int | None] = mapped_column(Integer)
    expected_opening_cents: Mapped[int | None] = mapped_column(Integer)
    cash_sales_cents: Mapped[int | None] = mapped_column(Integer)
    cash_refunds_cents: Mapped[int | None] = mapped_column(Integer)
    cash_in_cents: Mapped[int | None] = mapped_column(Integer)
    cash_out_cents: Mapped[int | None] = mapped_column(Integer)
    expected_cents: Mapped[int | None] = mapped_column(Integer)
    counted_cents: Mapped[int | None] = mapped_column(Integer)
    difference_cents: Mapped[int | None] = mapped_column(Integer)
    sale_count: Mapped[int | None] = mapped_column(Integer)
    unsynced_ops: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (Index("ix_shift_closes_location_closed", "location_id", "closed_at"),)


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # client audit_id
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    op_id: Mapped[str] = mapped_column(String(64))


class ChangeLog(Base):
    """The compacted change feed: one row per (entity, entity_id), latest state only."""

    __tablename__ = "change_log"
    __table_args__ = (
        CheckConstraint("op IN ('upsert', 'delete')", name="op"),
        Index("ix_change_log_seq", "seq", unique=True),
    )

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    op: Mapped[str] = mapped_column(String(8))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scope_location_id: Mapped[int | None] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedState(Base):
    """A single row: the last assigned seq and the newest purged tombstone's seq.

    Its row lock, taken just before commit, is what orders seqs by commit time.
    """

    __tablename__ = "feed_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    purged_through_seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), default=0
    )


class EinvoiceRange(Base):
    """A period's number allocation (字軌) as imported from the MOF platform's CSV."""

    __tablename__ = "einvoice_ranges"
    __table_args__ = (
        UniqueConstraint("period", "track", "start_no", name="uq_einvoice_ranges_start"),
        CheckConstraint("end_no >= start_no", name="einvoice_range_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(5))  # ROC year + even month: 11512 = Nov-Dec 2026
    track: Mapped[str] = mapped_column(String(2))  # 字軌, two capital letters
    start_no: Mapped[int] = mapped_column(Integer)  # the 8 digits, 0..99999999
    end_no: Mapped[int] = mapped_column(Integer)
    invoice_type: Mapped[str] = mapped_column(String(2))  # 07 general, 08 special tax
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class EinvoiceBooklet(Base):
    """50 numbers of a range, handed to one till at a time (`status`: available, claimed,
    returned). A returned booklet's numbers from `blank_from` on were never used."""

    __tablename__ = "einvoice_booklets"
    __table_args__ = (
        UniqueConstraint("period", "track", "start_no", name="uq_einvoice_booklets_start"),
        CheckConstraint(
            "status IN ('available', 'claimed', 'returned')", name="einvoice_booklet_status"
        ),
        Index("ix_einvoice_booklets_claim", "period", "status", "track", "start_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    range_id: Mapped[int] = mapped_column(ForeignKey("einvoice_ranges.id"))
    period: Mapped[str] = mapped_column(String(5))
    track: Mapped[str] = mapped_column(String(2))
    start_no: Mapped[int] = mapped_column(Integer)
    end_no: Mapped[int] = mapped_column(Integer)
    invoice_type: Mapped[str] = mapped_column(String(2))
    status: Mapped[str] = mapped_column(String(16), default="available")
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    claimed_at: Mapped[datetime | None]
    blank_from: Mapped[int | None] = mapped_column(Integer)
    returned_at: Mapped[datetime | None]


class Einvoice(Base):
    """An invoice a till issued with a sale, or a replacement (重開) a same-period return
    issued for what the customer kept (``replaces`` the voided one, ``return_id`` the
    return). The number is UNIQUE across all tills; a sale has one LIVE invoice."""

    __tablename__ = "einvoices"
    __table_args__ = (
        Index(
            "uq_einvoices_live_sale",
            "sale_id",
            unique=True,
            postgresql_where=text("voided_at IS NULL"),
            sqlite_where=text("voided_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(10), unique=True)  # AB12345678
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.id"))
    booklet_id: Mapped[int] = mapped_column(ForeignKey("einvoice_booklets.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    op_id: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(5))
    random_code: Mapped[str] = mapped_column(String(4))
    issued_at: Mapped[datetime]
    sales_amount_cents: Mapped[int] = mapped_column(Integer)
    tax_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    seller_id: Mapped[str] = mapped_column(String(8))
    buyer_id: Mapped[str | None] = mapped_column(String(8))
    carrier_type: Mapped[str | None] = mapped_column(String(6))
    carrier_id: Mapped[str | None] = mapped_column(String(64))
    donation_code: Mapped[str | None] = mapped_column(String(7))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    voided_at: Mapped[datetime | None]  # 作廢: a return in the invoice's own period
    void_reason: Mapped[str | None] = mapped_column(String(20))
    void_op_id: Mapped[str | None] = mapped_column(String(64))
    void_return_id: Mapped[str | None] = mapped_column(String(64))  # the return that voided it
    replaces: Mapped[str | None] = mapped_column(String(10), index=True)
    return_id: Mapped[str | None] = mapped_column(String(64))  # the return that issued it


class EinvoiceAllowance(Base):
    """An allowance (折讓證明單) against an invoice: a return after the invoice's period,
    or a partial one. Always linked to the invoice it reduces."""

    __tablename__ = "einvoice_allowances"

    id: Mapped[int] = mapped_column(primary_key=True)
    allowance_no: Mapped[str] = mapped_column(String(16), unique=True)
    invoice_number: Mapped[str] = mapped_column(ForeignKey("einvoices.number"), index=True)
    return_id: Mapped[str] = mapped_column(String(64))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    issued_at: Mapped[datetime]
    sales_amount_cents: Mapped[int] = mapped_column(Integer)
    tax_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    op_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    voided_at: Mapped[datetime | None]  # 作廢折讓 (G0501): no longer reduces the invoice
    void_reason: Mapped[str | None] = mapped_column(String(20))
    void_op_id: Mapped[str | None] = mapped_column(String(64))


class EinvoiceUpload(Base):
    """One MIG message owed to the MOF platform (F0401 issue, F0501 void, G0401 allowance,
    G0501 allowance void, E0402 a period's blank numbers of one track; for an E0402,
    `document_no` is period + track, `invoice_number` the track's first blank number and
    `location_id` None) and where its upload through Turnkey stands:
    pending -> exporting -> exported -> accepted | rejected (docs/einvoice.md, Upload)."""

    __tablename__ = "einvoice_uploads"
    __table_args__ = (
        UniqueConstraint("message_type", "document_no", name="uq_einvoice_uploads_document"),
        CheckConstraint(
            "state IN ('pending', 'exporting', 'exported', 'accepted', 'rejected')",
            name="einvoice_upload_state",
        ),
        CheckConstraint(
            "message_type IN ('F0401', 'F0501', 'G0401', 'G0501', 'E0402')",
            name="einvoice_upload_type",
        ),
        Index("ix_einvoice_uploads_state", "state", "due_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_type: Mapped[str] = mapped_column(String(5))
    document_no: Mapped[str] = mapped_column(String(16))  # invoice or allowance number
    invoice_number: Mapped[str] = mapped_column(String(10), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    due_from: Mapped[datetime]  # when the document was made: its upload deadline runs from here
    state: Mapped[str] = mapped_column(String(10), default="pending")
    file_name: Mapped[str | None] = mapped_column(String(64))
    attempt: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # retries
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    exported_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(400))


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, typed as a Table (for prebuilt Core statements)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
