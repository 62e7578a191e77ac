"""What the services need from the world, as small interfaces (DESIGN section 2).

A service receives a ``UnitOfWorkFactory`` and asks it for a unit of work; the
unit of work hands out repositories (``uow.sales``, ``uow.staff``,
``uow.outbox``, ...). ``counter_app.local.db.LocalDatabase`` implements these on
the till's SQLite file; ``tests/unit/services/fakes.py`` implements them in
memory. The services import no SQL or HTTP library (an import-linter contract
holds this), only these protocols and the records of ``counter_app.core``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.einvoice import AllowanceRecord, Booklet, InvoiceRecord
from counter_app.core.ops import OutboundOp
from counter_app.core.records import (
    FailedOp,
    OutboxStats,
    SaleRecord,
    SaleSummary,
    StaffRecord,
)


class CatalogRepository(Protocol):
    def find_by_barcode(self, code: str) -> ProductInfo | None: ...

    def find_by_sku(self, sku: str) -> ProductInfo | None: ...

    def search(self, query: str, limit: int) -> list[ProductInfo]: ...

    def stock(self, product_id: int) -> list[StockFigure]: ...

    def count(self) -> int: ...


class SaleRepository(Protocol):
    def add(self, sale: SaleRecord) -> None: ...

    def by_receipt_no(self, receipt_no: str) -> SaleRecord | None: ...

    def recent(self, limit: int) -> list[SaleSummary]: ...


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


class SyncStateRepository(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def next_counter(self, key: str) -> int: ...


class AuditRepository(Protocol):
    def record(self, staff_id: int | None, action: str, detail: Mapping[str, Any]) -> None: ...


class StockDeltaRepository(Protocol):
    def add_pending(self, op_id: str, location_id: int, product_id: int, delta: int) -> None:
        """A local stock change the cached server figure does not include yet."""
        ...


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

    def of_sale(self, sale_id: str) -> InvoiceRecord | None: ...

    def mark_printed(self, number: str) -> int:
        """Count one more printed proof; answers how many were printed before."""
        ...

    def mark_voided(self, number: str, voided_at: str) -> None: ...

    def add_allowance(self, allowance: AllowanceRecord) -> None: ...

    def allowances_of(self, number: str) -> list[AllowanceRecord]: ...


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
    def audit(self) -> AuditRepository: ...

    @property
    def stock_deltas(self) -> StockDeltaRepository: ...

    @property
    def einvoices(self) -> EinvoiceRepository: ...


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


class BookletSource(Protocol):
    """The warehouse's e-invoice booklets; raises ``core.ops.WarehouseError`` when it cannot."""

    def claim_booklets(self, period: str, count: int) -> list[dict[str, Any]]: ...

    def return_booklets(self, items: list[dict[str, int]]) -> dict[str, Any]: ...
