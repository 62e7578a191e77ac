"""The way out of a damaged till database: keep the file, start a new one, save what we can.

The cache (products, stock, staff) is only a copy of the server's and comes
back with a pull from zero. What exists nowhere else is this till's journal
(sales, lines, payments, audit log), its unsent outbox operations, and its
identity and receipt counters in ``sync_state``. So:

1. The damaged file, with its ``-wal`` and ``-shm`` companions, is renamed to
   ``<name>.damaged-<UTC timestamp>`` in the same folder. Nothing is deleted: it
   is evidence and support may get more out of it with ``sqlite3 .recover``.
2. A new empty database is created in its place.
3. Each irreplaceable table is read from the damaged copy row by row in rowid
   order. A read error skips ahead and tries again, so a bad page costs the
   rows on it, not the table. Rows go into the new file with ``INSERT OR
   IGNORE``, foreign keys off (a line whose sale row was lost is still worth
   keeping), and ops that were in flight go back to ``ready``: pushes are
   idempotent, so sending one twice is harmless.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from counter_app.local.db import LocalDatabase

log = logging.getLogger(__name__)

# Journal tables in dependency order; the cache tables are left to the re-pull.
SALVAGED_TABLES = (
    "sync_state",
    "outbox",
    "sales",
    "sale_lines",
    "payments",
    "audit_log",
    "pending_stock_deltas",
    "shifts",
    "shift_sales",
    "cash_movements",
)
# Facts about the old cache: a new, empty cache must start from zero.
CACHE_STATE_KEYS = ("pull_cursor", "last_pull_at", "pull_generation")
_MAX_SKIPS = 64


@dataclass
class SalvageReport:
    damaged_copy: Path
    rows: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    unsent_ops: int = 0

    def summary(self) -> str:
        saved = ", ".join(f"{table} {count}" for table, count in self.rows.items())
        lines = [
            f"damaged file kept as {self.damaged_copy}",
            f"saved: {saved}",
            f"operations still to send: {self.unsent_ops}",
        ]
        lines += [f"could not fully read {table}: {error}" for table, error in self.errors.items()]
        return "\n".join(lines)


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename the file and its WAL/SHM companions; returns the new main file's path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def _rows(
    conn: sqlite3.Connection, table: str, errors: dict[str, str]
) -> Iterator[tuple[Any, ...]]:
    """Every readable row of ``table`` (all columns, rowid first), skipping unreadable pages."""
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError as exc:
        errors[table] = str(exc)
        top = None
    after, skips = 0, 0
    while skips <= _MAX_SKIPS:
        try:
            for row in conn.execute(
                f"SELECT rowid, * FROM {table} WHERE rowid > ? ORDER BY rowid", (after,)
            ):
                after = row[0]
                yield row
            return
        except sqlite3.DatabaseError as exc:
            errors.setdefault(table, str(exc))
            skips += 1
            step = 2 ** min(skips, 20)
            after += step
            if top is not None and after > top:
                return


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, report: SalvageReport
) -> None:
    try:
        source_cols = _columns(source, table)
    except sqlite3.DatabaseError as exc:
        report.errors[table] = str(exc)
        return
    columns = [c for c in _columns(target, table) if c in source_cols]
    if not columns:
        report.errors.setdefault(table, "table not found in the damaged file")
        return
    positions = [source_cols.index(c) + 1 for c in columns]  # +1: rowid comes first
    sql = f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    saved = 0
    for row in _rows(source, table, report.errors):
        values = dict(zip(columns, (row[p] for p in positions), strict=True))
        if table == "sync_state" and values.get("key") in CACHE_STATE_KEYS:
            continue
        if table == "outbox" and values.get("state") == "in_flight":
            values["state"] = "ready"
        if table == "pending_stock_deltas" and values.get("acked_gen") is not None:
            continue  # the server has it; the pull from zero brings a figure that includes it
        try:
            saved += target.execute(sql, list(values.values())).rowcount
        except sqlite3.DatabaseError as exc:
            report.errors.setdefault(table, f"row {row[0]}: {exc}")
    report.rows[table] = saved


def recover_damaged_database(path: Path, now: datetime | None = None) -> SalvageReport:
    """Move ``path`` aside, create a fresh database there, copy the journal and outbox over."""
    damaged = move_aside(path, now)
    report = SalvageReport(damaged)
    LocalDatabase(path).dispose()  # the new file, with today's schema
    target = sqlite3.connect(path, isolation_level=None)
    try:
        target.execute("PRAGMA foreign_keys=OFF")
        source: sqlite3.Connection | None = None
        try:
            source = sqlite3.connect(f"file:{damaged.as_posix()}?mode=ro", uri=True, timeout=5)
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            report.errors["*"] = f"the damaged file cannot be opened at all: {exc}"
            if source is not None:
                source.close()
            source = None
        if source is not None:
            try:
                target.execute("BEGIN IMMEDIATE")
                for table in SALVAGED_TABLES:
                    _copy_table(source, target, table, report)
                target.execute("COMMIT")
            finally:
                source.close()
        with contextlib.suppress(sqlite3.DatabaseError):
            report.unsent_ops = target.execute(
                "SELECT count(*) FROM outbox WHERE state IN ('ready', 'failed')"
            ).fetchone()[0]
    finally:
        target.close()
    log.warning("recovered a damaged database:\n%s", report.summary())
    return report
