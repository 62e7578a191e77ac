"""The till's SQLite file: engine settings chosen for a machine that can lose power.

* ``journal_mode=WAL``: readers (the GUI's lookups) never wait for the writer
  (the puller applying a page), and a crash leaves the main file intact.
* ``synchronous=FULL``: in WAL mode each commit is fsynced, so a sale the
  cashier saw complete survives a power cut. NORMAL would risk losing the last
  transactions; we write a few per minute, so the fsync costs nothing felt.
* ``foreign_keys=ON``, ``busy_timeout=5000``: integrity, and a writer waits for
  another instead of failing with "database is locked".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from counter_app.local.migrations import migrate
from counter_app.local.models import Base
from counter_app.local.repositories import SqlCatalogRepository, SqlUnitOfWork
from counter_app.local.search_index import create_search_index
from counter_app.local.sync_results import enqueue_new_audit_entries


class DatabaseDamaged(RuntimeError):
    """The local file failed its integrity check. Carries the file path."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy's "BEGIN" take the write lock at once: a reader that later
    # upgrades to a writer could otherwise fail with SQLITE_BUSY.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.execute("PRAGMA cache_size=-16000")  # 16 MB page cache per connection
    cur.close()


def _begin_immediate(conn: object) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


def _begin_deferred(conn: object) -> None:
    conn.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]


def open_engine(path: Path, *, writer: bool) -> Engine:
    """Writers take the lock at BEGIN (no SQLITE_BUSY on upgrade); readers never wait in WAL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # LIFO: one thread keeps getting the same connection back, and with it a warm page
    # cache; FIFO would rotate scans through four cold caches.
    engine = create_engine(f"sqlite:///{path}", pool_size=4, max_overflow=4, pool_use_lifo=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    return engine


def check_integrity(path: Path) -> None:
    """Raise DatabaseDamaged unless SQLite's quick_check passes. Missing file is fine."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(path, str(exc)) from exc
    if rows != [("ok",)]:
        raise DatabaseDamaged(path, "; ".join(str(r[0]) for r in rows[:5]))


def create_schema(engine: Engine) -> None:
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        create_search_index(conn)
        migrate(conn)


class LocalDatabase:
    """Owns the engine and hands out sessions; one per till."""

    def __init__(self, path: Path) -> None:
        self.path = path
        check_integrity(path)
        self.engine = open_engine(path, writer=True)
        self.read_engine = open_engine(path, writer=False)
        create_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every audit row gets its outbox op in the same transaction (see sync_results).
        event.listen(self._sessions, "before_flush", enqueue_new_audit_entries)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed if the block returns, rolled back if it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; it never blocks on, or blocks, the writer."""
        session = self._read_sessions()
        try:
            yield session
        finally:
            session.close()  # ends the read transaction; loaded objects stay readable

    # The services' view (``counter_app.services.ports.UnitOfWorkFactory``): repositories,
    # not sessions. The sessions above stay for the sync threads and the cache writer.

    @contextmanager
    def transaction(self) -> Iterator[SqlUnitOfWork]:
        """One writing unit of work: committed if the block returns, rolled back if it raises."""
        with self.unit_of_work() as session:
            yield SqlUnitOfWork(session)

    @contextmanager
    def snapshot(self) -> Iterator[SqlUnitOfWork]:
        """A read-only unit of work; it never blocks on, or blocks, the writer."""
        with self.read() as session:
            yield SqlUnitOfWork(session)

    @contextmanager
    def lookup(self) -> Iterator[SqlCatalogRepository]:
        """The scan's hot path: the catalog on a Core connection, no ORM session to set up."""
        with self.read_engine.connect() as conn:
            yield SqlCatalogRepository(conn)

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for hot read paths (a scan): no ORM session to set up."""
        with self.read_engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
