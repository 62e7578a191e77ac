"""Stock rules: on_hand, reserved, safety_stock per (location, product), and the ledger.

Every change of on_hand writes one `stock_movements` row in the same transaction, so
`on_hand == sum(delta)` always holds (`check_ledger`). Holds use one conditional
UPDATE whose WHERE clause is the availability rule; the CHECK constraints on the
table are the last guard. Multi-line holds take rows in product-id order so two
orders touching the same products cannot deadlock on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, bindparam, case, false, func, literal_column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.errors import InsufficientStock
from warehouse_api.models import Location, Product, Stock, StockMovement, table_of, utcnow
from warehouse_api.services.feed_data import publish_stock
from warehouse_api.services.sql import dialect_name, execute_rows, in_list

stock_table = table_of(Stock)
movements_table = table_of(StockMovement)


@dataclass(frozen=True, slots=True)
class StockLevel:
    location_id: int
    product_id: int
    on_hand: int
    reserved: int
    safety_stock: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved - self.safety_stock


def _statements(session: Session) -> _Statements:
    dialect = dialect_name(session)
    cached = _STATEMENTS.get(dialect)
    if cached is None:
        cached = _STATEMENTS[dialect] = _Statements(dialect)
    return cached


class _Statements:
    """The hot statements, built once per dialect: building SQL per call costs more
    than running it on SQLite."""

    def __init__(self, dialect: str) -> None:
        c = stock_table.c
        row = (c.location_id == bindparam("p_location")) & (c.product_id == bindparam("p_product"))
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        self.ensure_row = (
            insert(stock_table)
            .values(  # constants as SQL: the two ids are its only parameters (execute_rows)
                location_id=bindparam("p_location"),
                product_id=bindparam("p_product"),
                on_hand=literal_column("0"),
                reserved=literal_column("0"),
                safety_stock=literal_column("0"),
                needs_count=false(),
            )
            .on_conflict_do_nothing(index_elements=["location_id", "product_id"])
        )
        on_hand_delta = bindparam("p_on_hand_delta", type_=Integer)
        reserved_delta = bindparam("p_reserved_delta", type_=Integer)
        new_on_hand = c.on_hand + on_hand_delta
        wanted_reserved = c.reserved + reserved_delta
        squeezed = (new_on_hand < 0) | ((wanted_reserved > new_on_hand) & (wanted_reserved > 0))
        self.adjust = (
            stock_table.update()
            .where(row)
            .values(
                on_hand=new_on_hand,
                reserved=case(
                    (wanted_reserved <= 0, 0),
                    (wanted_reserved <= new_on_hand, wanted_reserved),
                    (new_on_hand > 0, new_on_hand),
                    else_=0,
                ),
                needs_count=case((squeezed, True), else_=c.needs_count),
            )
            .returning(c.on_hand, c.reserved, c.safety_stock)
        )
        qty = bindparam("p_qty", type_=Integer)
        self.hold = (
            stock_table.update()
            .where(row, c.on_hand - c.reserved - c.safety_stock >= qty)
            .values(reserved=c.reserved + qty)
            .returning(c.on_hand, c.reserved, c.safety_stock)
        )
        self.movement = movements_table.insert()
        rows_of = select(c.product_id, c.on_hand, c.reserved, c.safety_stock, c.needs_count).where(
            c.location_id == bindparam("p_location"), in_list(c.product_id, "p_products", dialect)
        )
        self.rows_of = rows_of.order_by(c.product_id)
        self.hold_rows_of = rows_of.order_by(c.product_id).with_for_update()


_STATEMENTS: dict[str, _Statements] = {}


def ensure_stock_row(session: Session, location_id: int, product_id: int) -> None:
    session.execute(
        _statements(session).ensure_row, {"p_location": location_id, "p_product": product_id}
    )


def _level(location_id: int, product_id: int, row: tuple[int, int, int]) -> StockLevel:
    return StockLevel(location_id, product_id, row[0], row[1], row[2])


def adjust_stock(
    session: Session,
    location_id: int,
    product_id: int,
    *,
    on_hand_delta: int = 0,
    reserved_delta: int = 0,
    reason: str,
    reference: str | None,
    device_id: int | None,
    ledger: list[dict[str, Any]] | None = None,
) -> StockLevel:
    """Apply a fact to one stock row, writing the ledger row for any on_hand change.

    Facts (sales, receipts, shipments) always apply. If on_hand falls below what is
    reserved, the reservation figure shrinks to fit (never below 0) and the row is
    flagged for a count; it is never silently clamped without that flag. Given a
    `ledger` list, the movement is appended there for one `write_ledger` call later
    in the same transaction (fewer round trips for multi-line sales).
    """
    statements = _statements(session)
    params = {
        "p_location": location_id,
        "p_product": product_id,
        "p_on_hand_delta": on_hand_delta,
        "p_reserved_delta": reserved_delta,
    }
    row = session.execute(statements.adjust, params).one_or_none()
    if row is None:  # first movement of this product here: create the row, then apply
        session.execute(statements.ensure_row, params)
        row = session.execute(statements.adjust, params).one()
    if on_hand_delta:
        movement = {
            "location_id": location_id,
            "product_id": product_id,
            "delta": on_hand_delta,
            "reason": reason,
            "reference": reference,
            "device_id": device_id,
            "created_at": utcnow(),
        }
        if ledger is not None:
            ledger.append(movement)
        else:
            session.execute(statements.movement, movement)
    level = _level(location_id, product_id, tuple(row))
    publish_stock(
        session, location_id, product_id, level.on_hand, level.reserved, level.safety_stock
    )
    return level


def write_ledger(session: Session, movements: list[dict[str, Any]]) -> None:
    """Insert movements collected by `adjust_stock(..., ledger=...)`, in one statement."""
    if movements:
        session.execute(_statements(session).movement, movements)


LEDGER_COLUMNS = (
    "location_id",
    "product_id",
    "delta",
    "reason",
    "reference",
    "device_id",
    "created_at",
)
_INSERT_MOVEMENT = movements_table.insert()


def write_ledger_rows(session: Session, movements: Sequence[tuple[Any, ...]]) -> None:
    """Insert movements given as tuples of `LEDGER_COLUMNS` (many at once: a run of sales)."""
    execute_rows(session, _INSERT_MOVEMENT, LEDGER_COLUMNS, movements)


def hold_stock(
    session: Session, location_id: int, quantities: Mapping[int, int]
) -> list[StockLevel]:
    """Reserve every line or none: `reserved += q` only where `available >= q`.

    Raises InsufficientStock naming the first product that falls short.
    """
    statement = _statements(session).hold
    levels = []
    for product_id in sorted(quantities):
        qty = quantities[product_id]
        row = session.execute(
            statement, {"p_location": location_id, "p_product": product_id, "p_qty": qty}
        ).one_or_none()
        if row is None:
            raise _shortfall(session, location_id, product_id, qty)
        level = _level(location_id, product_id, tuple(row))
        publish_stock(
            session, location_id, product_id, level.on_hand, level.reserved, level.safety_stock
        )
        levels.append(level)
    return levels


def take_held_stock(
    session: Session,
    location_id: int,
    quantities: Mapping[int, int],
    *,
    reason: str,
    reference: str,
    device_id: int | None,
) -> None:
    """Held units leave the building (shipped, handed over): on hand and reserved both
    fall, in product-id order like every other multi-row change."""
    for product_id in sorted(quantities):
        qty = quantities[product_id]
        adjust_stock(
            session,
            location_id,
            product_id,
            on_hand_delta=-qty,
            reserved_delta=-qty,
            reason=reason,
            reference=reference,
            device_id=device_id,
        )


def release_stock(session: Session, location_id: int, quantities: Mapping[int, int]) -> None:
    """Give held units back (a cancelled or expired hold)."""
    for product_id in sorted(quantities):
        adjust_stock(
            session,
            location_id,
            product_id,
            reserved_delta=-quantities[product_id],
            reason="release",
            reference=None,
            device_id=None,
        )


_AVAILABLE = select(
    stock_table.c.product_id,
    stock_table.c.on_hand - stock_table.c.reserved - stock_table.c.safety_stock,
).where(
    stock_table.c.location_id == bindparam("p_location"),
    stock_table.c.product_id.in_(bindparam("p_products", expanding=True)),
)


def refuse_if_short(session: Session, location_id: int, quantities: Mapping[int, int]) -> None:
    """Raise InsufficientStock, before anything is written, when the committed figures
    already show a product short.

    A flash sale refuses many more orders than it takes: after the last unit this makes
    a refusal one read instead of inserting the order, failing the hold and rolling
    back. It never grants: `hold_stock`'s conditional UPDATE stays the only judge of a
    success. A figure that rises meanwhile (a hold cancelled a moment later) only means
    the refused order came first."""
    available: dict[int, int] = {
        row[0]: row[1]
        for row in session.execute(
            _AVAILABLE, {"p_location": location_id, "p_products": sorted(quantities)}
        )
    }
    for product_id in sorted(quantities):
        if available.get(product_id, 0) < quantities[product_id]:
            raise _shortfall(session, location_id, product_id, quantities[product_id])


def _shortfall(
    session: Session, location_id: int, product_id: int, wanted: int
) -> InsufficientStock:
    c = stock_table.c
    row = session.execute(
        select(
            select(Location.code).where(Location.id == location_id).scalar_subquery(),
            select(Product.sku).where(Product.id == product_id).scalar_subquery(),
            select(c.on_hand - c.reserved - c.safety_stock)
            .where(c.location_id == location_id, c.product_id == product_id)
            .scalar_subquery(),
        )
    ).one()
    return insufficient_stock(location_id, product_id, wanted, row[0], row[1], row[2])


def insufficient_stock(
    location_id: int,
    product_id: int,
    wanted: int,
    location_code: str | None,
    sku: str | None,
    available: int | None,
) -> InsufficientStock:
    """The refusal for `wanted` units of a product, from figures already read."""
    code = location_code or str(location_id)
    shown_sku = sku or str(product_id)
    shown = max(available, 0) if available is not None else 0
    return InsufficientStock(
        f"{code} has {shown} of SKU {shown_sku} available, {wanted} requested",
        location_id=location_id,
        product_id=product_id,
        available=shown,
        requested=wanted,
    )


def read_level(session: Session, location_id: int, product_id: int) -> StockLevel | None:
    c = stock_table.c
    row = session.execute(
        select(c.on_hand, c.reserved, c.safety_stock).where(
            c.location_id == location_id, c.product_id == product_id
        )
    ).one_or_none()
    return _level(location_id, product_id, tuple(row)) if row else None


def lock_levels(
    session: Session, location_id: int, product_ids: Collection[int]
) -> dict[int, StockLevel]:
    """Create any missing rows, then read and lock them (`FOR UPDATE`) in product-id order.

    Until the transaction ends no other writer can change these rows, so a decision
    made on the figures read here (a count's compare-and-set) still holds when
    applied. SQLite writers are already serialised (`BEGIN IMMEDIATE`).
    """
    ordered = sorted(product_ids)
    for product_id in ordered:
        ensure_stock_row(session, location_id, product_id)
    c = stock_table.c
    rows = session.execute(
        select(c.product_id, c.on_hand, c.reserved, c.safety_stock)
        .where(c.location_id == location_id, c.product_id.in_(ordered))
        .order_by(c.product_id)
        .with_for_update()
    ).all()
    return {row[0]: _level(location_id, row[0], (row[1], row[2], row[3])) for row in rows}


@dataclass(slots=True)
class HeldRow:
    """A stock row read under its lock, changed in Python, written back by `store_rows`."""

    product_id: int
    on_hand: int
    reserved: int
    safety_stock: int
    needs_count: bool

    def apply(self, on_hand_delta: int, reserved_delta: int = 0) -> None:
        """The rule of `adjust_stock`'s UPDATE, step for step: facts always apply; a
        reservation squeezed by on_hand shrinks to fit and the row is flagged for a count."""
        new_on_hand = self.on_hand + on_hand_delta
        wanted = self.reserved + reserved_delta
        if new_on_hand < 0 or (wanted > new_on_hand and wanted > 0):
            self.needs_count = True
        if wanted <= 0:
            self.reserved = 0
        elif wanted <= new_on_hand:
            self.reserved = wanted
        else:
            self.reserved = max(new_on_hand, 0)
        self.on_hand = new_on_hand


def hold_rows(
    session: Session, location_id: int, product_ids: Collection[int]
) -> dict[int, HeldRow]:
    """Create missing rows (one statement), then read and lock them in product-id order.

    For many changes to few rows in one transaction (a batch of sales): apply them in
    Python with `HeldRow.apply` and write each row once with `store_rows`."""
    ordered = sorted(product_ids)
    if not ordered:  # e.g. a run of sales with no take lines (pickup, ship, collect only)
        return {}
    statements = _statements(session)
    execute_rows(
        session,
        statements.ensure_row,
        ("p_location", "p_product"),
        [(location_id, product_id) for product_id in ordered],
    )
    return _held_rows(session, statements.hold_rows_of, location_id, ordered)


def _held_rows(
    session: Session, query: Select[Any], location_id: int, ordered: list[int]
) -> dict[int, HeldRow]:
    if not ordered:
        return {}
    return {
        row[0]: HeldRow(row[0], row[1], row[2], row[3], bool(row[4]))
        for row in session.execute(query, {"p_location": location_id, "p_products": ordered})
    }


def read_rows(
    session: Session, location_id: int, product_ids: Collection[int]
) -> dict[int, HeldRow]:
    """The rows `hold_rows` would lock, read without a lock (and without creating any):
    for a decision that refuses only, never one that grants."""
    return _held_rows(session, _statements(session).rows_of, location_id, sorted(product_ids))


_STORE_ROW = (
    stock_table.update()
    .where(
        stock_table.c.location_id == bindparam("p_location"),
        stock_table.c.product_id == bindparam("p_product"),
    )
    .values(
        on_hand=bindparam("p_on_hand", type_=Integer),
        reserved=bindparam("p_reserved", type_=Integer),
        needs_count=bindparam("p_needs_count"),
    )
)
_STORE_ROW_KEYS = ("p_on_hand", "p_reserved", "p_needs_count", "p_location", "p_product")


def store_rows(session: Session, location_id: int, rows: Collection[HeldRow]) -> None:
    """Write rows taken with `hold_rows` back (one statement) and publish their figures."""
    if not rows:
        return
    execute_rows(
        session,
        _STORE_ROW,
        _STORE_ROW_KEYS,
        [(row.on_hand, row.reserved, row.needs_count, location_id, row.product_id) for row in rows],
    )
    for row in rows:
        publish_stock(
            session, location_id, row.product_id, row.on_hand, row.reserved, row.safety_stock
        )


@dataclass(frozen=True, slots=True)
class LedgerMismatch:
    location_id: int
    product_id: int
    on_hand: int
    ledger_sum: int


def check_ledger(session: Session) -> list[LedgerMismatch]:
    """Every (location, product) whose on_hand differs from the sum of its movements."""
    sums = (
        select(
            StockMovement.location_id,
            StockMovement.product_id,
            func.sum(StockMovement.delta).label("total"),
        )
        .group_by(StockMovement.location_id, StockMovement.product_id)
        .subquery()
    )
    rows = session.execute(
        select(Stock.location_id, Stock.product_id, Stock.on_hand, func.coalesce(sums.c.total, 0))
        .outerjoin(
            sums,
            (sums.c.location_id == Stock.location_id) & (sums.c.product_id == Stock.product_id),
        )
        .where(Stock.on_hand != func.coalesce(sums.c.total, 0))
    ).all()
    orphan_rows = session.execute(
        select(sums.c.location_id, sums.c.product_id, sums.c.total)
        .outerjoin(
            Stock,
            (sums.c.location_id == Stock.location_id) & (sums.c.product_id == Stock.product_id),
        )
        .where(Stock.location_id.is_(None), sums.c.total != 0)
    ).all()
    mismatches = [LedgerMismatch(r[0], r[1], r[2], int(r[3])) for r in rows]
    mismatches += [LedgerMismatch(r[0], r[1], 0, int(r[2])) for r in orphan_rows]
    return mismatches
