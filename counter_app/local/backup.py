"""A daily copy of the till's database, and the way back from one.

``daily_backup`` copies ``counter.db`` with SQLite's online backup API (a consistent
snapshot while the till keeps selling; WAL readers and the writer are not stopped)
to ``backups/counter-YYYY-MM-DD.db`` beside it, once a day, and keeps the newest
``keep`` copies. The copy is written under a temporary name, checked with
``quick_check`` and only then renamed, so a half-written copy never looks like a backup.

``restore_backup`` (``counter-app --restore-backup FILE``, with the app closed) puts a
copy back. It loses nothing: the current file is renamed ``counter.db.before-restore-
<UTC time>`` (never deleted), and its journal (sales, lines, payments, audit log),
unsent outbox operations and receipt counters are copied into the restored file, as
``--recover-damaged-db`` does, so sales made after the backup are still there and
still get sent.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_KEEP = 14
BACKUP_PATTERN = re.compile(r"^counter-(\d{4}-\d{2}-\d{2})\.db$")


class BackupError(RuntimeError):
    """A backup could not be made, or a file is not a usable backup."""


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _quick_check(path: Path) -> str | None:
    """None when SQLite's quick_check passes, else what it found."""
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            conn.execute("SELECT count(*) FROM sales").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy with the online backup API; ``target`` is replaced atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)  # in steps: the till's writer is never held up long
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    problem = _quick_check(partial)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy of {source} failed its check: {problem}")
    partial.replace(target)


def list_backups(backup_dir: Path) -> list[tuple[date, Path]]:
    """Backups in ``backup_dir``, oldest first."""
    if not backup_dir.is_dir():
        return []
    found = []
    for path in backup_dir.iterdir():
        match = BACKUP_PATTERN.match(path.name)
        if match:
            found.append((date.fromisoformat(match.group(1)), path))
    return sorted(found)


def daily_backup(db_path: Path, keep: int = DEFAULT_KEEP, today: date | None = None) -> Path | None:
    """Today's copy if there is none yet (returns its path; None when there was one or
    there is no database yet); then prunes to the newest ``keep`` copies."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    if not db_path.exists():
        return None
    backup_dir = backup_dir_for(db_path)
    day = today or datetime.now().astimezone().date()
    target = backup_dir / f"counter-{day.isoformat()}.db"
    made: Path | None = None
    if not target.exists():
        copy_database(db_path, target)
        log.info("backed up %s to %s", db_path, target)
        made = target
    backups = list_backups(backup_dir)
    for _day, old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
        log.info("removed old backup %s", old)
    return made


@dataclass
class BackupScheduler:
    """Calls ``daily_backup`` at start and then every ``interval_s`` (a no-op until the
    date changes), on a daemon thread, so a till left running for days still gets one a day."""

    db_path: Path
    keep: int = DEFAULT_KEEP
    interval_s: float = 3600.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                daily_backup(self.db_path, self.keep)
            except (OSError, sqlite3.Error, BackupError) as exc:
                log.error("daily backup of %s failed: %s", self.db_path, exc)
            self._stop.wait(self.interval_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


@dataclass
class RestoreReport:
    restored_from: Path
    previous_copy: Path | None
    carried_over: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"restored {self.restored_from}"]
        if self.previous_copy is not None:
            lines.append(f"the database it replaced is kept as {self.previous_copy}")
            carried = ", ".join(f"{t} {n}" for t, n in self.carried_over.items())
            lines.append(f"carried over from it: {carried or 'nothing'}")
        lines += [f"could not carry over {t}: {e}" for t, e in self.errors.items()]
        return "\n".join(lines)


def restore_backup(backup: Path, db_path: Path, now: datetime | None = None) -> RestoreReport:
    """Put ``backup`` in place of ``db_path`` (the app must be closed), keeping the journal,
    outbox and receipt counters of the database it replaces. Raises BackupError, changing
    nothing, when ``backup`` is missing or not a sound till database."""
    from counter_app.local.db import LocalDatabase
    from counter_app.local.salvage import (
        CACHE_STATE_KEYS,
        SALVAGED_TABLES,
        SalvageReport,
        _copy_table,
    )

    if not backup.is_file():
        raise BackupError(f"{backup}: no such file")
    problem = _quick_check(backup)
    if problem is not None:
        raise BackupError(f"{backup} is not a usable till database: {problem}")
    previous: Path | None = None
    if db_path.exists():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        previous = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
        for suffix in ("-wal", "-shm"):
            companion = db_path.with_name(db_path.name + suffix)
            if companion.exists():
                companion.replace(previous.with_name(previous.name + suffix))
        db_path.replace(previous)
    copy_database(backup, db_path)
    LocalDatabase(db_path).dispose()  # migrates an older backup to today's schema
    report = RestoreReport(backup, previous)
    if previous is None:
        return report
    salvage = SalvageReport(previous)
    target = sqlite3.connect(db_path, isolation_level=None)
    try:
        source = sqlite3.connect(f"file:{previous.as_posix()}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError as exc:
        target.close()
        report.errors["*"] = f"the replaced file cannot be opened: {exc}"
        return report
    try:
        target.execute("PRAGMA foreign_keys=OFF")
        target.execute("BEGIN IMMEDIATE")
        for table in SALVAGED_TABLES:
            if table != "sync_state":
                _copy_table(source, target, table, salvage)
        # The replaced file's identity and receipt counters are the newer ones: a receipt
        # number must never be issued twice. Its pull position belongs to its own cache.
        with contextlib.suppress(sqlite3.DatabaseError):
            placeholders = ", ".join("?" * len(CACHE_STATE_KEYS))
            rows = source.execute(
                f"SELECT key, value FROM sync_state WHERE key NOT IN ({placeholders})",
                CACHE_STATE_KEYS,
            ).fetchall()
            for key, value in rows:
                target.execute(
                    "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", (key, value)
                )
            salvage.rows["sync_state"] = len(rows)
        target.execute("COMMIT")
    finally:
        source.close()
        target.close()
    report.carried_over = salvage.rows
    report.errors.update(salvage.errors)
    log.warning("restored a backup:\n%s", report.summary())
    return report
