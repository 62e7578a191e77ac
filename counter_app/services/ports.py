"""What the services need from the world, as small interfaces (DESIGN section 2).

A service receives a ``UnitOfWorkFactory`` and asks it for a unit of work; the
unit of work hands out repositories (``uow.sales``, ``uow.staff``,
``uow.outbox``, ...). ``counter_app.local.db.LocalDatabase`` implements these on
the till's SQLite file; ``tests/unit/services/fakes.py`` implements them in
memory. The services import no SQL or HTTP library (an import-linter contract
holds this), only these protocols and the records of ``counter_app.core``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from counter_app.core.catalog import ProductInfo, StockFigure, StockToCount
from counter_app.core.einvoice import AllowanceRecord, Booklet, InvoiceRecord
from counter_app.core.einvoice_proof import ProofItem
from counter_app.core.ops import OutboundOp
from counter_app.core.records import (
    AlertRecord,
    CartVoidRecord,
    CashMovementRecord,
    Count,
    DropshipRecord,
    FailedOp,
    HeldCartRecord,
    NegativeStockWarning,
    NoReceiptReturnRecord,
    OrderReturnRecord,
    OutboxStats,
    ReservationRecord,
    ReturnRecord,
    SaleRecord,
    SaleSummary,
    ShiftRecord,
    StaffRecord,
    TenderRecord,
    TenderTotal,
)
from counter_app.core.stock_work import CountLineRecord, CountSessionRecord, TransferRecord


class CatalogRepository(Protocol):
    def find_by_barcode(self, code: str) -> ProductInfo | None: ...

    def find_by_sku(self, sku: str) -> ProductInfo | None: ...

    def search(self, query: str, limit: int) -> list[ProductInfo]: ...

    def stock(self, product_id: int) -> list[StockFigure]: ...

    def count(self) -> int: ...

    def on_shelf(self, location_id: int, product_id: int) -> int:
        """A store's stock of one product: the server figure plus unacknowledged local
        changes (0 when the cache has no figure). Works on the lookup connection too."""
        ...

    def below_zero(self, location_id: int) -> list[StockToCount]:
        """Products whose stock at this location is below zero, most negative first."""
        ...


class SaleRepository(Protocol):
    def add(self, sale: SaleRecord) -> None: ...

    def by_receipt_no(self, receipt_no: str) -> SaleRecord | None: ...

    def recent(self, limit: int) -> list[SaleSummary]: ...


class ReturnRepository(Protocol):
    """Returns taken at this till, per sale line how much came back."""

    def add(self, ret: ReturnRecord) -> None: ...

    def returned_qty(self, sale_id: str) -> dict[str, int]:
        """Per sale line id, the quantity already returned (lines never returned are absent)."""
        ...

    def refunded_cents(self, sale_id: str) -> int:
        """What the returns of this sale refunded so far."""
        ...

    def refunded_by_tender(self, sale_id: str) -> dict[str, int]:
        """What the returns of this sale refunded so far, per tender (method)."""
        ...

    def of_sale(self, sale_id: str) -> list[ReturnRecord]:
        """Every return this till took of the sale, with its lines."""
        ...

    def add_no_receipt(self, ret: NoReceiptReturnRecord) -> None:
        """A return without a receipt and its lines."""
        ...

    def add_order_return(self, ret: OrderReturnRecord) -> None:
        """A group-buy or dropship order's return taken at this till."""
        ...

    def no_receipt_count(self, customer_phone: str, since: str) -> int:
        """Returns without a receipt this till took for the phone since ``since`` (ISO)."""
        ...

    def lowest_paid_cents(self, location_id: int, product_id: int, since: str) -> int | None:
        """The lowest price one piece was paid at in this till's journal since ``since``
        (line total over quantity, floored); None when it was not sold."""
        ...

    def search_sales(
        self, location_id: int, day: str, amount_cents: int | None, limit: int
    ) -> list[SaleSummary]:
        """The journal's sales of one day (``YYYY-MM-DD``, the store's time), newest
        first; of that total only when ``amount_cents`` is given."""
        ...


class StaffRepository(Protocol):
    def of_location(self, location_id: int) -> list[StaffRecord]: ...

    def get(self, staff_id: int) -> StaffRecord | None: ...


class OutboxRepository(Protocol):
    def enqueue(self, op: OutboundOp) -> str:
        """Queue an operation in this unit of work; returns its op_id."""
        ...

    def stats(self) -> OutboxStats: ...

    def failed(self) -> list[FailedOp]: ...

    def retry(self, op_id: str) -> None: ...

    def discard(self, op_id: str, supervisor_id: int, reason: str) -> None:
        """Give up on a failed operation; writes the audit entry. ValueError if not failed."""
        ...

    def renumber(self, op_id: str, staff_id: int | None) -> str | None:
        """A sale refused as ``receipt_no_taken``: a new number, sent again as a new op;
        the old number still finds the sale. None if ``op_id`` is not such a sale."""
        ...


class SyncStateRepository(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def next_counter(self, key: str) -> int: ...

    def next_document_number(self, prefix: str, store_code: str, day: date) -> str:
        """The next number of a kind (receipt, return, ...) for this till and day, unique
        across the chain's tills (``core.ids.document_number``)."""
        ...


class StockWarningRepository(Protocol):
    def negative_at(self, location_id: int) -> list[NegativeStockWarning]:
        """Every ``negative_stock`` warning the warehouse gave for this store."""
        ...


class AuditRepository(Protocol):
    def record(self, staff_id: int | None, action: str, detail: Mapping[str, Any]) -> None: ...


class StockDeltaRepository(Protocol):
    def add_pending(self, op_id: str, location_id: int, product_id: int, delta: int) -> None:
        """A local stock change the cached server figure does not include yet."""
        ...


class ShiftRepository(Protocol):
    """This till's shifts, their cash movements and which sales were rung up in them."""

    def open_shift(self, location_id: int) -> ShiftRecord | None: ...

    def last_closed(self, location_id: int) -> ShiftRecord | None: ...

    def get(self, shift_id: str) -> ShiftRecord | None: ...

    def add(self, shift: ShiftRecord) -> None:
        """A new open shift; ValueError if the store already has one open."""
        ...

    def close(
        self,
        shift_id: str,
        closed_at: str,
        closed_by: int,
        closing_count: Count,
        counted_cents: int,
        expected_cents: int,
    ) -> None: ...

    def add_movement(self, movement: CashMovementRecord) -> None: ...

    def movements(self, shift_id: str) -> list[CashMovementRecord]: ...

    def attach_sale(self, shift_id: str, sale_id: str) -> None: ...

    def tender_totals(self, shift_id: str) -> list[TenderTotal]:
        """Per tender (payment method), the shift's sales and refunds, by method name."""
        ...

    def sale_count(self, shift_id: str) -> int: ...


class EinvoiceRepository(Protocol):
    """Invoice numbers this till holds and the invoices it issued."""

    def add_booklets(self, booklets: Iterable[Booklet]) -> None: ...

    def take_number(self, period: str) -> tuple[Booklet, str] | None:
        """The next unused number of ``period``, now taken; None when none is left."""
        ...

    def remaining(self, period: str) -> int: ...

    def held(self) -> list[Booklet]: ...

    def set_status(self, booklet_ids: Iterable[int], status: str) -> None: ...

    def with_status(self, status: str) -> list[Booklet]: ...

    def add(self, invoice: InvoiceRecord) -> None: ...

    def of_sale(self, sale_id: str) -> InvoiceRecord | None:
        """The sale's live invoice (a replacement after a same-period return), else the
        last one voided."""
        ...

    def replacement_of(self, number: str) -> InvoiceRecord | None:
        """The invoice issued in place of ``number`` (重開), if any."""
        ...

    def all_of_sale(self, sale_id: str) -> list[InvoiceRecord]:
        """Every invoice of the sale this till issued, live and voided, oldest first."""
        ...

    def voided_elsewhere_of_sale(self, sale_id: str) -> set[str]:
        """The numbers of other tills' invoices of the sale that returns here voided."""
        ...

    def add_allowance_elsewhere(self, sale_id: str, allowance: AllowanceRecord) -> None:
        """An allowance given here on another till's invoice (of the sale ``sale_id``)."""
        ...

    def allowances_elsewhere_of(self, number: str) -> list[AllowanceRecord]: ...

    def set_items(self, number: str, items: Iterable[ProofItem]) -> None:
        """The goods the invoice covers as its proof lists them (a replacement's)."""
        ...

    def items_of(self, number: str) -> list[ProofItem]:
        """The stored goods of the invoice; [] when none were stored."""
        ...

    def by_number(self, number: str) -> InvoiceRecord | None: ...

    def of_shift(self, shift_id: str) -> list[InvoiceRecord]:
        """The invoices issued in a shift and those voided in it (its Z report's
        register), by issue time."""
        ...

    def mark_printed(self, number: str) -> int:
        """Count one more printed proof; answers how many were printed before."""
        ...

    def add_void_elsewhere(self, invoice: InvoiceRecord) -> None:
        """Another till's invoice voided here (``voided_at``, ``void_shift_id``,
        ``return_id`` set): it counts on this till's register as a void."""
        ...

    def mark_voided(self, number: str, voided_at: str, shift_id: str | None = None) -> None:
        """Void the invoice (作廢) at ``voided_at``, in the shift ``shift_id``."""
        ...

    def add_allowance(self, allowance: AllowanceRecord) -> None: ...

    def allowances_of(self, number: str) -> list[AllowanceRecord]: ...

    def mark_allowance_voided(self, allowance_no: str, voided_at: str) -> None: ...


class ReservationRepository(Protocol):
    """This store's reservations as the change feed brought them (the pickup desk)."""

    def all(self) -> list[ReservationRecord]: ...

    def by_code(self, pickup_code: str) -> ReservationRecord | None: ...

    def mark_handed_over(self, reservation_id: str, staff_id: int | None, at: str) -> None: ...

    def add_collected(self, reservation_id: str, handed: dict[int, int]) -> None:
        """Count a hand-over (part of a pickup) in what this till handed over of each line."""

    def mark_called(self, reservation_id: str, staff_id: int | None, at: str) -> None:
        """Staff called the customer of a released hold."""

    def slips_due(self) -> list[ReservationRecord]:
        """Made at this till and confirmed since: the coded pickup slip is due."""

    def mark_slip_printed(self, reservation_id: str) -> bool:
        """True for the one caller that marks the coded slip printed."""

    def add_pending(self, record: ReservationRecord) -> None:
        """A reservation made at this till, before the warehouse applied it."""
        ...

    def product_names(self, product_ids: Iterable[int]) -> dict[int, str]:
        """Names of the cached products among ``product_ids`` (for the desk and its slips)."""
        ...

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        """Blank the name and phone of reservations in ``statuses`` last changed before
        ``updated_before``; returns how many were blanked."""

    def products(self, product_ids: Iterable[int]) -> dict[int, ProductInfo]:
        """The cached products among ``product_ids`` (a hand-over paid at the desk)."""
        ...


class TenderRepository(Protocol):
    """The tenders the warehouse configured, as the change feed brought them."""

    def all(self) -> list[TenderRecord]: ...


class CartRepository(Protocol):
    """The open cart, held carts and voided carts (services/held_carts.py)."""

    def save_open(self, location_id: int, cashier_id: int | None, at: str, data: str) -> None: ...

    def open_cart(self, location_id: int) -> str | None: ...

    def clear_open(self, location_id: int) -> None: ...

    def hold(self, record: HeldCartRecord) -> None: ...

    def held(self, location_id: int) -> list[HeldCartRecord]:
        """Oldest first."""
        ...

    def take_held(self, held_id: str, location_id: int) -> HeldCartRecord | None:
        """The held cart, deleted in this transaction; None if it is not (any longer) held."""
        ...

    def add_void(self, record: CartVoidRecord) -> None: ...

    def voids_in_shift(self, shift_id: str) -> tuple[int, int]:
        """(carts voided, their total in cents)."""


class DropshipRepository(Protocol):
    """This store's dropship orders (services/dropship.py)."""

    def add(self, record: DropshipRecord) -> None: ...

    def all(self) -> list[DropshipRecord]: ...

    def get(self, dropship_id: str) -> DropshipRecord | None: ...

    def set_status(self, dropship_id: str, status: str, at: str) -> None: ...

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        """Blank name, phone and address of orders in ``statuses`` last updated before
        ``updated_before``; returns how many."""
        ...


class AlertRepository(Protocol):
    """Paid pickup / ship lines the warehouse refused, until a person resolves them."""

    def open_alerts(self) -> list[AlertRecord]: ...

    def get(self, alert_id: str) -> AlertRecord | None: ...

    def resolve(
        self, alert_id: str, resolution: str, staff_id: int | None, at: str, ref: str | None
    ) -> bool:
        """False when it was resolved already (nothing changed)."""
        ...


class TransferRepository(Protocol):
    """Transfers to this store (the feed's, and requests queued here) and receipt scans."""

    def all(self) -> list[TransferRecord]: ...

    def get(self, transfer_id: str) -> TransferRecord | None: ...

    def add_pending(self, record: TransferRecord) -> None: ...

    def mark_received_here(self, transfer_id: str, at: str) -> None: ...

    def scans(self, transfer_id: str) -> dict[int, int]: ...

    def set_scan(self, transfer_id: str, product_id: int, counted: int) -> None: ...

    def clear_scans(self, transfer_id: str) -> None: ...

    def in_transit_to(self, location_id: int) -> dict[int, int]: ...


class CountRepository(Protocol):
    """Scan-to-count sessions and their lines."""

    def open_session(self) -> CountSessionRecord | None: ...

    def get(self, session_id: str) -> CountSessionRecord | None: ...

    def recent(self, limit: int = 20) -> list[CountSessionRecord]: ...

    def add(self, record: CountSessionRecord, lines: Iterable[CountLineRecord]) -> None: ...

    def lines(self, session_id: str) -> list[CountLineRecord]: ...

    def line(self, session_id: str, product_id: int) -> CountLineRecord | None: ...

    def put_line(self, session_id: str, line: CountLineRecord) -> None: ...

    def set_status(
        self,
        session_id: str,
        status: str,
        submitted_at: str | None = None,
        op_id: str | None = None,
    ) -> None: ...

    def op_outcome(self, op_id: str) -> tuple[str, str | None, str | None]: ...

    def products_in_scope(self, location_id: int, category: str | None) -> list[ProductInfo]: ...

    def categories(self) -> list[str]: ...

    def product(self, product_id: int) -> ProductInfo | None: ...

    def pending_changes(self, location_id: int, product_id: int) -> list[tuple[str, int]]: ...

    def queued_count_deltas(self, product_id: int) -> list[int]: ...


class UnitOfWork(Protocol):
    """One transaction's repositories. Written together or not at all."""

    @property
    def catalog(self) -> CatalogRepository: ...

    @property
    def sales(self) -> SaleRepository: ...

    @property
    def staff(self) -> StaffRepository: ...

    @property
    def outbox(self) -> OutboxRepository: ...

    @property
    def sync_state(self) -> SyncStateRepository: ...

    @property
    def stock_warnings(self) -> StockWarningRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def stock_deltas(self) -> StockDeltaRepository: ...

    @property
    def shifts(self) -> ShiftRepository: ...

    @property
    def einvoices(self) -> EinvoiceRepository: ...

    @property
    def reservations(self) -> ReservationRepository: ...

    @property
    def returns(self) -> ReturnRepository: ...

    @property
    def tenders(self) -> TenderRepository: ...
    @property
    def carts(self) -> CartRepository: ...

    @property
    def dropships(self) -> DropshipRepository: ...

    @property
    def alerts(self) -> AlertRepository: ...

    @property
    def transfers(self) -> TransferRepository: ...

    @property
    def counts(self) -> CountRepository: ...


class UnitOfWorkFactory(Protocol):
    def transaction(self) -> AbstractContextManager[UnitOfWork]:
        """One writing transaction: committed if the block returns, rolled back if it raises."""
        ...

    def snapshot(self) -> AbstractContextManager[UnitOfWork]:
        """A read-only view; it never waits for, or holds up, a writer."""
        ...

    def lookup(self) -> AbstractContextManager[CatalogRepository]:
        """The scan's hot path: the catalog alone, with nothing else to set up."""
        ...


class LiveStockSource(Protocol):
    """The warehouse's live stock figures; raises ``core.ops.WarehouseError`` when it cannot."""

    def stock(self, sku: str) -> dict[str, Any]: ...

    def close(self) -> None: ...


class ReturnsWarehouse(Protocol):
    """What the returns desk asks the warehouse (``counter_app.sync.client``); raises
    ``core.ops.WarehouseDown`` when it cannot be reached, ``WarehouseError`` (with a
    ``code``) when it refuses."""

    def sale_by_receipt(self, receipt_no: str) -> dict[str, Any]: ...

    def search_sales(
        self, day: str, amount_cents: int | None, phone_suffix: str | None
    ) -> list[dict[str, Any]]: ...

    def no_receipt_usage(self, phone: str) -> dict[str, Any]: ...

    def order_for_return(self, order_kind: str, order_id: str) -> dict[str, Any]: ...


class ConnectivityReporter(Protocol):
    """Where a service reports whether the warehouse answered (the status bar listens)."""

    def report_success(self) -> None: ...

    def report_failure(self, error: str) -> None: ...


class BookletSource(Protocol):
    """The warehouse's e-invoice booklets; raises ``core.ops.WarehouseError`` when it cannot."""

    def claim_booklets(self, period: str, count: int) -> list[dict[str, Any]]: ...

    def return_booklets(self, items: list[dict[str, int]]) -> dict[str, Any]: ...


class PlanningSource(Protocol):
    """The warehouse's planning figures for this store; raises ``core.ops.WarehouseError``."""

    def store_replenishment(self) -> dict[str, Any]: ...

    def close(self) -> None: ...


class DemandSource(Protocol):
    """A product's demand history and forecast; raises ``core.ops.WarehouseError``."""

    def product_demand(self, product_id: int, days: int = 28) -> dict[str, Any]: ...
