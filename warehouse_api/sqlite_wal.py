"""Copying SQLite's write-ahead log back into the database off the request path.

SQLite in WAL mode appends each commit to `<db>-wal`; a checkpoint copies those pages
into the database file and fsyncs both. By default the commit that takes the WAL past
1,000 pages runs the checkpoint itself, so every few hundred sales one till's push
waits for the copy and two fsyncs (the tail of the push latency). Here the commits'
own threshold is raised (`db.SQLITE_WAL_AUTOCHECKPOINT_PAGES`) and a background task
checkpoints in PASSIVE mode whenever the WAL is past `WAL_CHECKPOINT_BYTES` and was
written since its last checkpoint. PASSIVE never waits for a reader or a writer (it
copies what it can; the next round copies the rest), so it never holds up a request.
Measured in docs/server.md, "Production settings (SQLite)".
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass

from warehouse_api.db import Database, is_sqlite

log = logging.getLogger(__name__)

WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024  # about SQLite's own 1,000-page threshold
WAL_CHECK_INTERVAL_S = 0.25


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What `PRAGMA wal_checkpoint(PASSIVE)` answered."""

    busy: bool
    wal_pages: int
    copied_pages: int


def wal_file(db: Database) -> str | None:
    """The WAL's path for a file-backed SQLite database, else None (PostgreSQL, memory)."""
    if not is_sqlite(db.engine):
        return None
    database = db.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return f"{database}-wal"


def _wal_state(path: str) -> tuple[int, int] | None:
    """The WAL file's size and modification time (None: no file)."""
    try:
        status = os.stat(path)
    except OSError:  # not created yet
        return None
    return status.st_size, status.st_mtime_ns


def checkpoint(db: Database) -> Checkpoint:
    """One PASSIVE checkpoint on a pooled connection, outside any transaction."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        try:
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            busy, wal_pages, copied = cursor.fetchone() or (1, -1, -1)
        finally:
            cursor.close()
    finally:
        raw.close()
    return Checkpoint(bool(busy), int(wal_pages), int(copied))


async def run_wal_checkpointer(
    db: Database, *, threshold_bytes: int | None = None, interval_s: float | None = None
) -> None:
    """Checkpoint whenever the WAL is past `threshold_bytes` (default
    WAL_CHECKPOINT_BYTES) and was written since the last checkpoint, looking every
    `interval_s`; runs until cancelled. SQLite keeps the file's size when it starts the
    WAL over, so once it has grown past the threshold this means: at most every
    `interval_s`, and only after a write (an idle server does nothing). Returns at once
    where there is no WAL (PostgreSQL, an in-memory database). A failed round is logged
    and the next one tries again (the commits' own threshold still bounds the WAL
    meanwhile). With several workers each runs one: a checkpoint that finds another
    one under way answers `busy` and is simply tried again later."""
    path = wal_file(db)
    if path is None:
        return
    threshold = WAL_CHECKPOINT_BYTES if threshold_bytes is None else threshold_bytes
    interval = WAL_CHECK_INTERVAL_S if interval_s is None else interval_s
    checkpointed: tuple[int, int] | None = None
    while True:
        await asyncio.sleep(interval)
        state = _wal_state(path)
        if state is None or state[0] < threshold or state == checkpointed:
            continue
        try:
            await asyncio.to_thread(checkpoint, db)
            checkpointed = state
        except Exception:
            log.exception("WAL checkpoint failed")
