"""Tables of the till's cache (server figures) and journal (what happened here)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# --- cache: copies of server state, refreshed by the change puller ---------------


class Location(Base):
    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    # The feed re-pull this row was last written by; a finished re-pull after a reset
    # removes rows it did not see (see cache_writer.sweep_unseen).
    pull_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40), default="")
    price_cents: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)
    dropship_partner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The feed re-pull this row was last written by; a finished re-pull after a reset
    # removes rows it did not see (see cache_writer.sweep_unseen).
    pull_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Barcode(Base):
    __tablename__ = "barcodes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )


class Stock(Base):
    """The last figure the server sent, and when this till received it."""

    __tablename__ = "stock"
    location_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer)
    reserved: Mapped[int] = mapped_column(Integer, default=0)
    safety_stock: Mapped[int] = mapped_column(Integer, default=0)
    available: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(String(40))
    # The feed re-pull this row was last written by; a finished re-pull after a reset
    # removes rows it did not see (see cache_writer.sweep_unseen).
    pull_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    location_id: Mapped[int] = mapped_column(Integer)
    pin_hash: Mapped[str] = mapped_column(String(200))
    # The feed re-pull this row was last written by; a finished re-pull after a reset
    # removes rows it did not see (see cache_writer.sweep_unseen).
    pull_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SyncState(Base):
    """Small key/value facts: the pull cursor, this till's identity."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- journal: what happened at this till; never rewritten by the server ----------


class Reservation(Base):
    """A reservation for pickup at this store, mirrored from the change feed; the till
    writes only ``handed_over_at``/``handed_over_by`` (the feed never clears them)."""

    __tablename__ = "reservations"
    reservation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    pickup_code: Mapped[str | None] = mapped_column(String(16), index=True, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    store_location_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    lines_json: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    updated_at: Mapped[str] = mapped_column(String(40))
    customer_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    customer_phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    handed_over_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    handed_over_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # What this till handed over of each line and the warehouse has not acknowledged yet,
    # [[product_id, qty], ...] (local/pickup_mirror.py): the till's own column, which the
    # feed leaves alone.
    collected_here_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # A released hold: when and by whom the customer was called (the desk's call list).
    called_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    called_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Made at this till: 'due' until the coded pickup slip was sent to the printer once the
    # warehouse confirmed it, then 'printed' (never twice, across restarts); NULL: not ours.
    coded_slip: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # From the feed: 'at_pickup' for a group-buy order the customer pays at this desk
    # (NULL or 'online': paid before), and its lines' prices [[product_id, cents], ...].
    payment: Mapped[str | None] = mapped_column(String(16), nullable=True)
    prices_json: Mapped[str | None] = mapped_column(Text, nullable=True)


class DropshipOrder(Base):
    """A dropship order of this store: made here (with the customer's data, kept only as
    long as the order needs it) or learnt from the change feed (without)."""

    __tablename__ = "dropship_orders"
    dropship_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    source: Mapped[str] = mapped_column(String(16), default="warehouse")
    lines_json: Mapped[str] = mapped_column(Text)
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    customer_phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    delivery: Mapped[str] = mapped_column(String(8), default="home")
    sale_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receipt_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(50), nullable=True)
    tracking_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class FulfilmentAlert(Base):
    """A paid pickup or ship line the warehouse refused: open until a person resolves it."""

    __tablename__ = "fulfilment_alerts"
    alert_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(64), unique=True)  # one alert per refused op
    kind: Mapped[str] = mapped_column(String(8))
    order_id: Mapped[str] = mapped_column(String(64))
    raised_at: Mapped[str] = mapped_column(String(40))
    problem_code: Mapped[str] = mapped_column(String(64))
    problem_detail: Mapped[str] = mapped_column(Text, default="")
    lines_json: Mapped[str] = mapped_column(Text)
    customer_name: Mapped[str] = mapped_column(String(100), default="")
    customer_phone: Mapped[str] = mapped_column(String(32), default="")
    sale_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    receipt_no: Mapped[str | None] = mapped_column(String(40), nullable=True)
    address: Mapped[str | None] = mapped_column(String(300), nullable=True)
    delivery: Mapped[str | None] = mapped_column(String(8), nullable=True)
    resolved_at: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    resolution: Mapped[str | None] = mapped_column(String(16), nullable=True)
    resolved_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolution_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Sale(Base):
    __tablename__ = "sales"
    sale_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(32), unique=True)
    location_id: Mapped[int] = mapped_column(Integer)
    cashier_id: Mapped[int] = mapped_column(Integer)
    cashier_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[str] = mapped_column(String(40), index=True)
    total_cents: Mapped[int] = mapped_column(Integer)
    # "till": rung up here; "warehouse": another till's sale, copied from the warehouse's
    # answer when a return of it was taken here (its returns elsewhere are not here).
    origin: Mapped[str] = mapped_column(String(16), default="till", server_default=text("'till'"))


class SaleLine(Base):
    __tablename__ = "sale_lines"
    line_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    line_total_cents: Mapped[int] = mapped_column(Integer)
    # Discounts (core/discounts.py): NULL list price on lines sold before they existed.
    list_price_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    override_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # How the line is fulfilled (take | pickup | ship): a reprint shows the original's sections.
    fulfilment: Mapped[str] = mapped_column(
        String(8), default="take", server_default=text("'take'")
    )


class Payment(Base):
    __tablename__ = "payments"
    payment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Integer)
    tendered_cents: Mapped[int] = mapped_column(Integer)
    change_cents: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approval_code: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Tender(Base):
    """A tender as the warehouse configures it (entity ``tender`` of the feed)."""

    __tablename__ = "tenders"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    needs_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    pull_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PendingStockDelta(Base):
    """A local change to store stock the cached server figure does not include yet.

    Shown on top of the last server figure so the cashier sees stock fall as
    they sell offline. The ack does not remove it: it records the pull
    generation (``acked_gen``) current at the ack, and the row goes only when a
    stock figure fetched in a later generation arrives (see ``stock_deltas``).
    """

    __tablename__ = "pending_stock_deltas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(ForeignKey("outbox.op_id"), index=True)
    location_id: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(Integer)
    delta: Mapped[int] = mapped_column(Integer)
    acked_gen: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (Index("ix_pending_loc_product", "location_id", "product_id"),)


class OutboxOp(Base):
    """An operation waiting to reach the warehouse, written with its business rows."""

    __tablename__ = "outbox"
    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(80), index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16), index=True)  # see sync.outbox.OpState
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(default=0.0)
    problem_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    problem_detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)
    finished_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class AuditEntry(Base):
    """Supervisor actions and other things a manager may ask about later."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(40))
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)


class ReceiptAlias(Base):
    """A receipt number a customer may hold that the till later replaced: the warehouse
    refused it as taken (two tills numbered alike before till numbers), so the sale was
    sent again under a new number. Looking the old number up still finds the sale."""

    __tablename__ = "receipt_aliases"
    old_receipt_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(36), index=True)
    receipt_no: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))


class WarehouseNegativeStock(Base):
    """The warehouse's ``negative_stock`` answer to a sale this till pushed: the figure
    it then held for this store, below zero. The store manager counts these."""

    __tablename__ = "warehouse_negative_stock"
    location_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on_hand: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[str] = mapped_column(String(40))  # UTC, when the ack arrived
    receipt_no: Mapped[str] = mapped_column(String(40))  # the sale whose ack reported it


class Shift(Base):
    """A shift at this till: open (``closed_at`` NULL) or closed. At most one is open: the
    partial unique index below. It is in the journal, so it survives a crash or power cut."""

    __tablename__ = "shifts"
    shift_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[str] = mapped_column(String(40), index=True)
    opened_by: Mapped[int] = mapped_column(Integer)
    opened_by_name: Mapped[str] = mapped_column(String(100))
    opening_count: Mapped[str] = mapped_column(Text)  # JSON {"denomination": pieces}
    opening_cents: Mapped[int] = mapped_column(Integer)
    expected_opening_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    closed_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closing_count: Mapped[str | None] = mapped_column(Text, nullable=True)
    counted_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expected_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index(
            "ux_shifts_one_open",
            "location_id",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
        ),
    )


class ShiftSale(Base):
    """Which shift a sale was rung up in (written with the sale, in its transaction)."""

    __tablename__ = "shift_sales"
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)


class CashMovement(Base):
    """Cash put into or taken out of the drawer without a sale, with the reason."""

    __tablename__ = "cash_movements"
    movement_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    at: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8))  # in | out
    amount_cents: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[int] = mapped_column(Integer)


class SaleReturn(Base):
    """A return taken at this till against a sale, and its refund (paid from the shift)."""

    __tablename__ = "returns"
    return_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_no: Mapped[str] = mapped_column(String(32), unique=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"), index=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    location_id: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    refund_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))


class ReturnLine(Base):
    """How many of a sale line came back in a return, where they went, what they refunded."""

    __tablename__ = "return_lines"
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id"), primary_key=True)
    sale_line_id: Mapped[str] = mapped_column(
        ForeignKey("sale_lines.line_id"), primary_key=True, index=True
    )
    product_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    refund_cents: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(20))


class ReturnTender(Base):
    """What one tender refunded in a return (cash moves the shift's expected cash)."""

    __tablename__ = "return_tenders"
    return_id: Mapped[str] = mapped_column(ForeignKey("returns.return_id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    approval_code: Mapped[str | None] = mapped_column(String(32), nullable=True)


class NoReceiptReturn(Base):
    """A return taken without a receipt (a supervisor approved it), refunded from the shift."""

    __tablename__ = "no_receipt_returns"
    return_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_no: Mapped[str] = mapped_column(String(32), unique=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    location_id: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[int] = mapped_column(Integer)
    customer_phone: Mapped[str] = mapped_column(String(32), index=True)
    price_basis: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(40))
    refund_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))


class NoReceiptReturnLine(Base):
    __tablename__ = "no_receipt_return_lines"
    return_id: Mapped[str] = mapped_column(
        ForeignKey("no_receipt_returns.return_id"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer)
    qty: Mapped[int] = mapped_column(Integer)
    unit_refund_cents: Mapped[int] = mapped_column(Integer)
    refund_cents: Mapped[int] = mapped_column(Integer)
    disposition: Mapped[str] = mapped_column(String(20))


class LocalOrderReturn(Base):
    """A group-buy or dropship order returned at this till; a refund paid here counts
    in the shift's cash refunds (the lines travel in the op; the warehouse keeps them)."""

    __tablename__ = "order_returns"
    return_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    return_no: Mapped[str] = mapped_column(String(32), unique=True)
    shift_id: Mapped[str] = mapped_column(ForeignKey("shifts.shift_id"), index=True)
    location_id: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[int] = mapped_column(Integer)
    order_kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    refund_mode: Mapped[str] = mapped_column(String(16))
    refund_cents: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[str] = mapped_column(String(40))


# --- e-invoices: numbers this till holds and the invoices it issued --------------------


class EinvoiceBooklet(Base):
    """A booklet of invoice numbers the warehouse handed this till (its id is the
    warehouse's). ``status``: active, returning (to be given back), returned."""

    __tablename__ = "einvoice_booklets"
    booklet_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    period: Mapped[str] = mapped_column(String(5), index=True)
    track: Mapped[str] = mapped_column(String(2))
    start_no: Mapped[int] = mapped_column(Integer)
    end_no: Mapped[int] = mapped_column(Integer)
    invoice_type: Mapped[str] = mapped_column(String(2))
    next_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="active")


class Einvoice(Base):
    """An invoice issued with a sale, in the sale's transaction, or a replacement (重開)
    issued by a same-period return for what the customer kept: one LIVE invoice per sale
    (the partial unique index), the voided ones kept with their links."""

    __tablename__ = "einvoices"
    __table_args__ = (
        Index(
            "uq_einvoices_live_sale",
            "sale_id",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
        ),
    )
    number: Mapped[str] = mapped_column(String(10), primary_key=True)
    sale_id: Mapped[str] = mapped_column(ForeignKey("sales.sale_id"))
    booklet_id: Mapped[int] = mapped_column(ForeignKey("einvoice_booklets.booklet_id"))
    period: Mapped[str] = mapped_column(String(5))
    random_code: Mapped[str] = mapped_column(String(4))
    issued_at: Mapped[str] = mapped_column(String(40))
    sales_amount_cents: Mapped[int] = mapped_column(Integer)
    tax_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    seller_id: Mapped[str] = mapped_column(String(8))
    buyer_id: Mapped[str | None] = mapped_column(String(8), nullable=True)
    carrier_type: Mapped[str | None] = mapped_column(String(6), nullable=True)
    carrier_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    donation_code: Mapped[str | None] = mapped_column(String(7), nullable=True)
    printed: Mapped[int] = mapped_column(Integer, default=0)
    voided_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    replaces: Mapped[str | None] = mapped_column(String(10), nullable=True)
    return_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The shift it was issued in and the shift it was voided in (the Z report's register).
    shift_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    void_shift_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)


class EinvoiceVoidElsewhere(Base):
    """Another till's invoice that a return at this till voided (that till's sale of this
    store, found on the warehouse): the void counts on this till's register, in the shift
    it happened in. The invoice itself stays the other till's."""

    __tablename__ = "einvoice_voids_elsewhere"
    number: Mapped[str] = mapped_column(String(10), primary_key=True)
    sale_id: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(5))
    issued_at: Mapped[str] = mapped_column(String(40))
    total_cents: Mapped[int] = mapped_column(Integer)
    seller_id: Mapped[str] = mapped_column(String(8))
    voided_at: Mapped[str] = mapped_column(String(40))
    void_shift_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    return_id: Mapped[str] = mapped_column(String(64))


class EinvoiceAllowanceElsewhere(Base):
    """An allowance this till gave on another till's invoice (a return here of that
    till's sale, after the period): kept so the next return here numbers and limits its
    allowance by it before the warehouse has counted it."""

    __tablename__ = "einvoice_allowances_elsewhere"
    allowance_no: Mapped[str] = mapped_column(String(16), primary_key=True)
    number: Mapped[str] = mapped_column(String(10), index=True)
    sale_id: Mapped[str] = mapped_column(String(64))
    return_id: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[str] = mapped_column(String(40))
    sales_amount_cents: Mapped[int] = mapped_column(Integer)
    tax_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    voided_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class EinvoiceItem(Base):
    """The goods a replacement (重開) covers as its proof lists them, stored when it is
    issued: a reprint prints these, whatever returns elsewhere the journal misses."""

    __tablename__ = "einvoice_items"
    number: Mapped[str] = mapped_column(ForeignKey("einvoices.number"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    qty: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)  # dollars; the 折扣 item's is negative


class EinvoiceAllowance(Base):
    """An allowance (折讓) against one of this till's invoices: a later or partial return."""

    __tablename__ = "einvoice_allowances"
    allowance_no: Mapped[str] = mapped_column(String(16), primary_key=True)
    number: Mapped[str] = mapped_column(ForeignKey("einvoices.number"), index=True)
    return_id: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[str] = mapped_column(String(40))
    sales_amount_cents: Mapped[int] = mapped_column(Integer)
    tax_cents: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)
    voided_at: Mapped[str | None] = mapped_column(String(40), nullable=True)  # 作廢折讓


# --- the cart being built, and carts parked for later (services/held_carts.py) ---------


class OpenCart(Base):
    """The cart on the sale screen, written through on every change: a crash or a power
    cut loses nothing, and the next start puts it back. One row per store of this till."""

    __tablename__ = "open_carts"
    location_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cashier_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[str] = mapped_column(String(40))
    data: Mapped[str] = mapped_column(Text)  # core/cart_snapshot.py, as JSON


class HeldCart(Base):
    """A cart parked to serve the next customer; recalled from a list, deleted when it is
    recalled (it becomes the open cart, and goes when that sale completes)."""

    __tablename__ = "held_carts"
    held_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[int] = mapped_column(Integer, index=True)
    cashier_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cashier_name: Mapped[str] = mapped_column(String(100))
    held_at: Mapped[str] = mapped_column(String(40))
    total_cents: Mapped[int] = mapped_column(Integer)
    line_count: Mapped[int] = mapped_column(Integer)
    item_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)  # core/cart_snapshot.py, as JSON


class CartVoid(Base):
    """A cart the cashier voided (dropped after confirming), counted per shift."""

    __tablename__ = "cart_voids"
    void_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[int] = mapped_column(Integer)
    shift_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[str] = mapped_column(String(40))
    line_count: Mapped[int] = mapped_column(Integer)
    total_cents: Mapped[int] = mapped_column(Integer)


# --- the store's stock work: transfers to this store, scan counts --------------------


class StoreTransfer(Base):
    """A transfer to this store, mirrored from the change feed, or a request this till
    queued (``status`` ``pending`` until the feed brings it back ``requested``)."""

    __tablename__ = "store_transfers"
    transfer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    from_location_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_location_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reservation_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    carrier: Mapped[str | None] = mapped_column(String(50), nullable=True)
    tracking_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    lines_json: Mapped[str] = mapped_column(Text)  # [[product_id, qty, received_qty|null]]
    updated_at: Mapped[str] = mapped_column(String(40))
    # Set by this till when it queued the receipt (the feed says "received" later).
    received_here_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class TransferScan(Base):
    """What the store has scanned so far of a shipped transfer (survives a restart)."""

    __tablename__ = "transfer_scans"
    transfer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counted: Mapped[int] = mapped_column(Integer)


class CountSession(Base):
    """A scan-to-count session at this store (survives a restart)."""

    __tablename__ = "count_sessions"
    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))  # store | category | flagged
    category: Mapped[str] = mapped_column(String(40), default="")
    blind: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # counting | submitted | closed
    staff_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[str] = mapped_column(String(40))
    submitted_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    op_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class CountSessionLine(Base):
    """One product of a count: the figure the till expected when the line was set up
    (what the count is made against), the first count and any recount."""

    __tablename__ = "count_session_lines"
    session_id: Mapped[str] = mapped_column(
        ForeignKey("count_sessions.session_id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    expected: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int] = mapped_column(Integer, default=0)
    scanned: Mapped[bool] = mapped_column(default=False)
    recount_asked: Mapped[bool] = mapped_column(default=False)
    recounted: Mapped[int | None] = mapped_column(Integer, nullable=True)
