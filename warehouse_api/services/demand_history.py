"""Daily demand per (product, location, channel, day), built from the recorded facts.

Sources: counter sales less returns (at the store), dropship orders (at the location
that ships them, the warehouse or a partner) and group-buy orders (channel
`group_buy`, filled by the warehouse). Cancelled orders do not count. Days are
Taiwan calendar days (UTC+8, no daylight saving). A day whose closing on_hand,
summed from the `stock_movements` ledger, is <= 0 is a stock-out day: its row exists
even with no sales and says `stockout`, so the forecasts read it as censored, not as
"nobody wanted it".

`rebuild` recomputes every system row; `refresh` recomputes only the (product,
location) pairs touched since the last refresh (a watermark with a safety margin
for transactions still committing) plus those out of stock now, whose stock-out
run grows by a day each day. Both are idempotent.

`import_history` loads a retailer's past daily quantities from CSV. The columns are
documented in docs/forecasting.md; bad rows are reported with their line number and
reason and nothing is guessed; rows upsert on (product, location, channel, day), so
importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from warehouse_api.models import (
    Barcode,
    DropshipLine,
    DropshipOrder,
    Location,
    Product,
    Reservation,
    ReservationLine,
    Return,
    ReturnLine,
    Sale,
    SaleLine,
    Stock,
    StockMovement,
    table_of,
    utcnow,
)
from warehouse_api.planning_models import DemandDay, DemandHistoryState
from warehouse_api.services.sql import dialect_name

TAIWAN = timezone(timedelta(hours=8), "Asia/Taipei")
GROUP_BUY_CODE = "GROUPBUY"
# A sale received just before a refresh may commit just after it started: look back.
REFRESH_MARGIN = timedelta(minutes=10)
_CHUNK = 500

demand_table = table_of(DemandDay)

Pair = tuple[int, int]  # (product_id, location_id)
Key = tuple[int, int, str, date]  # (product_id, location_id, channel, day)


def taiwan_day(moment: datetime) -> date:
    return moment.astimezone(TAIWAN).date()


def today_in_taiwan() -> date:
    return taiwan_day(utcnow())


@dataclass(frozen=True, slots=True)
class BuildStats:
    pairs: int
    rows: int


# --- building from the facts -------------------------------------------------------


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _demand_events(
    session: Session, product_ids: list[int]
) -> Iterator[tuple[int, int, str, datetime, int]]:
    """(product, location, channel, when, qty) of every demand fact of these products."""
    sales = (
        select(SaleLine.product_id, Sale.location_id, Sale.created_at, SaleLine.qty)
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.product_id.in_(product_ids))
    )
    for product_id, location_id, when, qty in session.execute(sales):
        yield product_id, location_id, "location", when, qty
    returns = (
        select(ReturnLine.product_id, Return.location_id, Return.created_at, ReturnLine.qty)
        .join(Return, Return.id == ReturnLine.return_id)
        .where(ReturnLine.product_id.in_(product_ids))
    )
    for product_id, location_id, when, qty in session.execute(returns):
        yield product_id, location_id, "location", when, -qty
    group_buy = (
        select(
            ReservationLine.product_id,
            Reservation.source_location_id,
            Reservation.created_at,
            ReservationLine.qty,
        )
        .join(Reservation, Reservation.id == ReservationLine.reservation_id)
        .where(
            Reservation.kind == "group_buy",
            Reservation.status != "cancelled",
            ReservationLine.product_id.in_(product_ids),
        )
    )
    for product_id, location_id, when, qty in session.execute(group_buy):
        yield product_id, location_id, "group_buy", when, qty
    dropship = (
        select(
            DropshipLine.product_id,
            DropshipOrder.source_location_id,
            DropshipOrder.created_at,
            DropshipLine.qty,
        )
        .join(DropshipOrder, DropshipOrder.id == DropshipLine.dropship_id)
        .where(DropshipOrder.status != "cancelled", DropshipLine.product_id.in_(product_ids))
    )
    for product_id, location_id, when, qty in session.execute(dropship):
        yield product_id, location_id, "location", when, qty


def _closing_on_hand(
    session: Session, product_ids: list[int]
) -> dict[Pair, list[tuple[date, int]]]:
    """Per pair, (day, on_hand at the end of that day) for each day with movements."""
    deltas: dict[Pair, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.execute(
        select(
            StockMovement.product_id,
            StockMovement.location_id,
            StockMovement.created_at,
            StockMovement.delta,
        ).where(StockMovement.product_id.in_(product_ids))
    )
    for product_id, location_id, when, delta in rows:
        deltas[(product_id, location_id)][taiwan_day(when)] += delta
    closing: dict[Pair, list[tuple[date, int]]] = {}
    for pair, by_day in deltas.items():
        running = 0
        series = []
        for day in sorted(by_day):
            running += by_day[day]
            series.append((day, running))
        closing[pair] = series
    return closing


def _rows_for_pairs(session: Session, pairs: set[Pair], until: date) -> list[dict[str, Any]]:
    product_ids = sorted({product_id for product_id, _ in pairs})
    demand: dict[Key, int] = defaultdict(int)
    closing: dict[Pair, list[tuple[date, int]]] = {}
    for chunk in _chunks(product_ids):
        for product_id, location_id, channel, when, qty in _demand_events(session, chunk):
            if (product_id, location_id) in pairs:
                demand[(product_id, location_id, channel, taiwan_day(when))] += qty
        for pair, series in _closing_on_hand(session, chunk).items():
            if pair in pairs:
                closing[pair] = series

    channels: dict[Pair, set[str]] = defaultdict(set)
    for product_id, location_id, channel, _day in demand:
        channels[(product_id, location_id)].add(channel)

    on_hand_at: dict[Pair, dict[date, int]] = {}
    stockout_days: dict[Pair, list[date]] = {}
    for pair, series in closing.items():
        by_day: dict[date, int] = {}
        empty: list[date] = []
        for index, (day, level) in enumerate(series):
            next_day = series[index + 1][0] if index + 1 < len(series) else until + timedelta(1)
            current = day
            while current < next_day and current <= until:
                by_day[current] = level
                if level <= 0:
                    empty.append(current)
                current += timedelta(1)
        on_hand_at[pair] = by_day
        stockout_days[pair] = empty

    keys: set[Key] = {key for key, qty in demand.items() if qty != 0}
    for pair, days in stockout_days.items():
        for channel in channels[pair] | {"location"}:
            keys.update((pair[0], pair[1], channel, day) for day in days)
    rows = []
    for key in keys:
        product_id, location_id, channel, day = key
        on_hand = on_hand_at.get((product_id, location_id), {}).get(day)
        rows.append(
            {
                "product_id": product_id,
                "location_id": location_id,
                "channel": channel,
                "day": day,
                "qty": demand.get(key, 0),
                "on_hand": on_hand,
                "stockout": on_hand is not None and on_hand <= 0,
                "source": "system",
            }
        )
    rows.sort(key=lambda row: (row["product_id"], row["location_id"], row["channel"], row["day"]))
    return rows


def _write_pairs(session: Session, pairs: set[Pair], rows: list[dict[str, Any]]) -> None:
    """Replace the system rows of these pairs; system facts override imported days."""
    ordered = sorted(pairs)
    for chunk in _chunks(ordered):
        session.execute(
            delete(DemandDay)
            .where(
                tuple_(DemandDay.product_id, DemandDay.location_id).in_(chunk),
                DemandDay.source == "system",
            )
            .execution_options(synchronize_session=False)
        )
    keys = [(r["product_id"], r["location_id"], r["channel"], r["day"]) for r in rows]
    for chunk in _chunks(keys):
        session.execute(
            delete(DemandDay)
            .where(
                tuple_(
                    DemandDay.product_id, DemandDay.location_id, DemandDay.channel, DemandDay.day
                ).in_(chunk)
            )
            .execution_options(synchronize_session=False)
        )
    for chunk in _chunks(rows, 5000):
        session.execute(demand_table.insert(), chunk)


def _state(session: Session) -> DemandHistoryState:
    state = session.get(DemandHistoryState, 1, with_for_update=True)
    if state is None:
        state = DemandHistoryState(id=1)
        session.add(state)
        session.flush()
    return state


def _all_pairs(session: Session) -> set[Pair]:
    pairs: set[Pair] = set()
    queries = [
        select(SaleLine.product_id, Sale.location_id).join(Sale).distinct(),
        select(ReturnLine.product_id, Return.location_id).join(Return).distinct(),
        select(ReservationLine.product_id, Reservation.source_location_id)
        .join(Reservation)
        .where(Reservation.kind == "group_buy")
        .distinct(),
        select(DropshipLine.product_id, DropshipOrder.source_location_id)
        .join(DropshipOrder)
        .distinct(),
        select(StockMovement.product_id, StockMovement.location_id).distinct(),
    ]
    for query in queries:
        pairs.update((int(p), int(loc)) for p, loc in session.execute(query))
    return pairs


def _pairs_touched_since(session: Session, since: datetime) -> set[Pair]:
    pairs: set[Pair] = set()
    queries = [
        select(SaleLine.product_id, Sale.location_id)
        .join(Sale)
        .where(Sale.received_at >= since)
        .distinct(),
        select(ReturnLine.product_id, Return.location_id)
        .join(Return)
        .where(Return.created_at >= since)
        .distinct(),
        select(ReservationLine.product_id, Reservation.source_location_id)
        .join(Reservation)
        .where(Reservation.kind == "group_buy", Reservation.updated_at >= since)
        .distinct(),
        select(DropshipLine.product_id, DropshipOrder.source_location_id)
        .join(DropshipOrder)
        .where(DropshipOrder.updated_at >= since)
        .distinct(),
        select(StockMovement.product_id, StockMovement.location_id)
        .where(StockMovement.created_at >= since)
        .distinct(),
        # out of stock now: the stock-out run gains today's row
        select(Stock.product_id, Stock.location_id).where(Stock.on_hand <= 0),
    ]
    for query in queries:
        pairs.update((int(p), int(loc)) for p, loc in session.execute(query))
    return pairs


def rebuild(session: Session, until: date | None = None) -> BuildStats:
    """Recompute every system row from the facts (imported rows stay)."""
    started = utcnow()
    until = until or today_in_taiwan()
    state = _state(session)
    session.execute(
        delete(DemandDay)
        .where(DemandDay.source == "system")
        .execution_options(synchronize_session=False)
    )
    pairs = _all_pairs(session)
    rows = _rows_for_pairs(session, pairs, until)
    _write_pairs(session, pairs, rows)
    state.refreshed_from = started - REFRESH_MARGIN
    state.rebuilt_at = started
    return BuildStats(len(pairs), len(rows))


def refresh(session: Session, until: date | None = None) -> BuildStats:
    """Bring the table up to date from the watermark (a full rebuild the first time)."""
    state = _state(session)
    if state.refreshed_from is None:
        return rebuild(session, until)
    started = utcnow()
    pairs = _pairs_touched_since(session, state.refreshed_from)
    rows = _rows_for_pairs(session, pairs, until or today_in_taiwan())
    _write_pairs(session, pairs, rows)
    state.refreshed_from = started - REFRESH_MARGIN
    return BuildStats(len(pairs), len(rows))


# --- importing a retailer's past ------------------------------------------------------

IMPORT_COLUMNS = ("date", "sku_or_barcode", "location", "qty")
OPTIONAL_COLUMNS = ("on_hand",)


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


@dataclass(slots=True)
class ImportReport:
    rows_read: int = 0
    rows_written: int = 0
    bad: list[BadRow] = field(default_factory=list)


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing columns, not UTF-8...)."""


def _parse_int(text: str, name: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{name} {text.strip()!r} is not a whole number") from None


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"date {text.strip()!r} is not YYYY-MM-DD") from None


@dataclass(frozen=True, slots=True)
class _Lookups:
    product_by_sku: dict[str, int]
    product_by_barcode: dict[str, int]
    location_by_code: dict[str, int]
    warehouse_id: int | None


def _lookups(session: Session, codes: set[str], locations: set[str]) -> _Lookups:
    by_sku: dict[str, int] = {}
    by_barcode: dict[str, int] = {}
    code_list = sorted(codes)
    for chunk in _chunks(code_list):
        by_sku.update(
            (sku, pid)
            for sku, pid in session.execute(
                select(Product.sku, Product.id).where(Product.sku.in_(chunk))
            )
        )
        by_barcode.update(
            (code, pid)
            for code, pid in session.execute(
                select(Barcode.code, Barcode.product_id).where(Barcode.code.in_(chunk))
            )
        )
    by_code = {
        code: lid
        for code, lid in session.execute(
            select(Location.code, Location.id).where(Location.code.in_(sorted(locations)))
        )
    }
    warehouse = session.scalar(
        select(Location.id).where(Location.kind == "warehouse").order_by(Location.id).limit(1)
    )
    return _Lookups(by_sku, by_barcode, by_code, warehouse)


def _resolve_product(lookups: _Lookups, code: str) -> int:
    by_sku = lookups.product_by_sku.get(code)
    by_barcode = lookups.product_by_barcode.get(code)
    if by_sku is not None and by_barcode is not None and by_sku != by_barcode:
        raise ValueError(f"{code!r} is the SKU of one product and a barcode of another")
    found = by_sku if by_sku is not None else by_barcode
    if found is None:
        raise ValueError(f"no product with SKU or barcode {code!r}")
    return found


def _resolve_location(lookups: _Lookups, code: str) -> tuple[int, str]:
    if code == GROUP_BUY_CODE:
        if lookups.warehouse_id is None:
            raise ValueError("GROUPBUY needs a warehouse location, and there is none")
        return lookups.warehouse_id, "group_buy"
    found = lookups.location_by_code.get(code)
    if found is None:
        raise ValueError(f"no location with code {code!r} (a store code or {GROUP_BUY_CODE})")
    return found, "location"


def read_import_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of every data row; the header is line 1."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            missing = [name for name in IMPORT_COLUMNS if name not in header]
            if missing:
                raise ImportFileError(
                    f"{path}: missing column(s) {', '.join(missing)}; the header must name "
                    f"{', '.join(IMPORT_COLUMNS)} (and optionally on_hand)"
                )
            rows = []
            for row in reader:
                clean = {(k or "").strip(): (v or "") for k, v in row.items() if k is not None}
                if None in row:
                    clean["__extra__"] = "yes"
                rows.append((reader.line_num, clean))
            return rows
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path}: not UTF-8 text ({error.reason})") from None


def import_history(
    session: Session, rows: Iterable[tuple[int, dict[str, str]]], today: date | None = None
) -> ImportReport:
    """Upsert the good rows; list every bad one with its reason. Nothing is guessed."""
    today = today or today_in_taiwan()
    report = ImportReport()
    materialised = list(rows)
    report.rows_read = len(materialised)
    lookups = _lookups(
        session,
        {row.get("sku_or_barcode", "").strip() for _, row in materialised},
        {row.get("location", "").strip() for _, row in materialised},
    )
    parsed: dict[Key, tuple[int, int, int | None]] = {}  # key -> (line, qty, on_hand)
    for line, row in materialised:
        try:
            if "__extra__" in row:
                raise ValueError("more fields than the header names")
            for name in IMPORT_COLUMNS:
                if not row.get(name, "").strip():
                    raise ValueError(f"{name} is empty")
            day = _parse_date(row["date"])
            if day > today:
                raise ValueError(f"date {day} is in the future")
            product_id = _resolve_product(lookups, row["sku_or_barcode"].strip())
            location_id, channel = _resolve_location(lookups, row["location"].strip())
            qty = _parse_int(row["qty"], "qty")
            on_hand_text = row.get("on_hand", "").strip()
            on_hand = _parse_int(on_hand_text, "on_hand") if on_hand_text else None
        except ValueError as error:
            report.bad.append(BadRow(line, str(error)))
            continue
        key = (product_id, location_id, channel, day)
        if key in parsed:
            report.bad.append(
                BadRow(line, f"repeats line {parsed[key][0]} (same product, location and date)")
            )
            continue
        parsed[key] = (line, qty, on_hand)

    keys = sorted(parsed)
    recorded: set[Key] = set()
    for chunk in _chunks(keys):
        recorded.update(
            (p, loc, ch, d)
            for p, loc, ch, d in session.execute(
                select(
                    DemandDay.product_id, DemandDay.location_id, DemandDay.channel, DemandDay.day
                ).where(
                    tuple_(
                        DemandDay.product_id,
                        DemandDay.location_id,
                        DemandDay.channel,
                        DemandDay.day,
                    ).in_(chunk),
                    DemandDay.source == "system",
                )
            )
        )
    values = []
    for key in keys:
        line, qty, on_hand = parsed[key]
        if key in recorded:
            report.bad.append(
                BadRow(line, "this day already has demand recorded by the system; not replaced")
            )
            continue
        values.append(
            {
                "product_id": key[0],
                "location_id": key[1],
                "channel": key[2],
                "day": key[3],
                "qty": qty,
                "on_hand": on_hand,
                "stockout": on_hand is not None and on_hand <= 0,
                "source": "import",
            }
        )
    insert = postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
    for chunk in _chunks(values, 2000):
        statement = insert(demand_table).values(chunk)
        statement = statement.on_conflict_do_update(
            index_elements=["product_id", "location_id", "channel", "day"],
            set_={
                "qty": statement.excluded.qty,
                "on_hand": statement.excluded.on_hand,
                "stockout": statement.excluded.stockout,
            },
            where=and_(demand_table.c.source == "import"),
        )
        session.execute(statement)
    report.rows_written = len(values)
    report.bad.sort(key=lambda bad: bad.line)
    return report


def load_series_rows(
    session: Session, since: date
) -> Iterator[tuple[int, int, str, date, int, bool]]:
    """Every demand row from `since` on, ordered by series then day (for the forecasts)."""
    query = (
        select(
            DemandDay.product_id,
            DemandDay.location_id,
            DemandDay.channel,
            DemandDay.day,
            DemandDay.qty,
            DemandDay.stockout,
        )
        .where(DemandDay.day >= since)
        .order_by(DemandDay.product_id, DemandDay.location_id, DemandDay.channel, DemandDay.day)
        .execution_options(yield_per=20_000)
    )
    for row in session.execute(query):
        yield int(row[0]), int(row[1]), str(row[2]), row[3], int(row[4]), bool(row[5])


__all__ = [
    "GROUP_BUY_CODE",
    "IMPORT_COLUMNS",
    "TAIWAN",
    "BadRow",
    "BuildStats",
    "ImportFileError",
    "ImportReport",
    "import_history",
    "load_series_rows",
    "read_import_rows",
    "rebuild",
    "refresh",
    "taiwan_day",
    "today_in_taiwan",
]
