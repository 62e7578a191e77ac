"""Engine and session factories for SQLite (embedded) and PostgreSQL (production).

SQLite: WAL with every commit fsynced, a busy timeout and foreign keys on every
connection; write transactions start with `BEGIN IMMEDIATE` so two writers never
deadlock while upgrading a read lock. PostgreSQL: `postgresql+psycopg://...`.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000
"""A commit copies the WAL back into the database once it holds this many pages (40 MB
at 4 KiB; SQLite's default is 1,000). The server's background checkpointer
(`sqlite_wal.run_wal_checkpointer`) keeps the WAL well below it, so a till's push does
not pay for the copy and its fsync; this stays as the net where no checkpointer runs."""
PG_POOL_SIZE = 8  # connections kept per worker process
PG_MAX_OVERFLOW = 4  # opened beyond that under a burst, closed when returned
_BEGIN_OPTION = "sqlite_begin"
T = TypeVar("T")


def json_encoder(*, sort_keys: bool = False, allow_nan: bool = True) -> Callable[[Any], str]:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=...,
    allow_nan=...)` as a function, its encoder built once. `json.dumps` with options builds a JSONEncoder
    and the C encoder inside it on every call, which cost as much as encoding a small
    row (a push batch encodes thousands: feed rows, claims, body hashes). Without the
    circular-reference check (the values are trees built here; a cycle would fail with
    RecursionError instead of ValueError); the same text otherwise."""
    encoder = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys, allow_nan=allow_nan
    )
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has the C accelerator
        return encoder.encode
    chunks = make(
        None,  # no circular-reference markers
        encoder.default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # no indent
        ":",
        ",",
        sort_keys,
        False,  # skipkeys
        allow_nan,
    )

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


# Chinese text stays UTF-8 (half the bytes of ASCII escapes) in rows and in the feed.
_compact = json_encoder()


def compact_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`."""
    return _compact(value)


def make_engine(db_url: str, **kwargs: Any) -> Engine:
    kwargs.setdefault("json_serializer", compact_json)
    if db_url.startswith("sqlite"):
        if db_url not in ("sqlite://", "sqlite:///:memory:"):
            kwargs.setdefault("pool_size", 10)
            kwargs.setdefault("max_overflow", 40)
        engine = create_engine(db_url, connect_args={"check_same_thread": False}, **kwargs)
        _configure_sqlite(engine)
        return engine
    # Per worker process. PostgreSQL's max_connections (100 by default) is shared by
    # every worker of every server: workers x (pool_size + max_overflow) must stay
    # below it. More connections than the database has cores only queue inside
    # PostgreSQL (a hot row is updated one transaction at a time anyway), so requests
    # beyond the pool wait for a connection here instead (docs/server.md, "Production").
    kwargs.setdefault("pool_size", _env_int("WAREHOUSE_DB_POOL_SIZE", PG_POOL_SIZE))
    kwargs.setdefault("max_overflow", _env_int("WAREHOUSE_DB_MAX_OVERFLOW", PG_MAX_OVERFLOW))
    kwargs.setdefault("pool_timeout", 30)
    # No ping per checkout: it is one more round trip on every request (two where a
    # request checks its token first). A connection that died while pooled (a
    # PostgreSQL restart) fails its first statement instead; SQLAlchemy then drops
    # every pooled connection older than the failure, write units of work run again
    # (`write_with_retry`, the push loop), and `Database.lookup` retries once.
    # WAREHOUSE_DB_PRE_PING=1 turns the ping back on.
    kwargs.setdefault("pool_pre_ping", os.environ.get("WAREHOUSE_DB_PRE_PING", "0") == "1")
    kwargs.setdefault("pool_recycle", 1800)  # idle-connection reapers in firewalls
    # psycopg prepares a statement on the server from its 5th run on a connection. A
    # pooler in transaction mode (PgBouncer before 1.21) hands the next transaction
    # another server connection, where that statement was never prepared:
    # WAREHOUSE_DB_PREPARE_THRESHOLD=none turns preparing off (docs/server.md).
    threshold = _prepare_threshold(os.environ.get("WAREHOUSE_DB_PREPARE_THRESHOLD"))
    if threshold is not _DEFAULT:
        kwargs.setdefault("connect_args", {})["prepare_threshold"] = threshold
    return create_engine(db_url, **kwargs)


_DEFAULT = object()


def _prepare_threshold(value: str | None) -> object:
    """WAREHOUSE_DB_PREPARE_THRESHOLD: unset (psycopg's default), `none` (never prepare:
    behind a transaction-mode pooler) or a whole number of runs before preparing."""
    if value is None or value == "":
        return _DEFAULT
    if value.strip().lower() == "none":
        return None
    try:
        runs = int(value)
    except ValueError:
        runs = -1
    if runs < 0:
        raise ValueError(
            f"WAREHOUSE_DB_PREPARE_THRESHOLD must be none or a whole number, not {value!r}"
        )
    return runs


def pool_capacity(engine: Engine) -> int | None:
    """How many connections the engine's pool hands out at most (None: no bound)."""
    pool = engine.pool
    size, overflow = getattr(pool, "size", None), getattr(pool, "_max_overflow", None)
    if not callable(size) or not isinstance(overflow, int) or overflow < 0:
        return None
    return int(size()) + overflow


def worker_threads(engine: Engine, wanted: int, override: str) -> int:
    """`wanted` worker threads, or fewer where the engine's pool holds fewer connections
    (each thread uses at most one at a time); the environment variable `override`, when
    set, over both (app.request_threads, hot_routes.till_threads)."""
    configured = os.environ.get(override)
    if configured:
        return int(configured)
    capacity = pool_capacity(engine)
    return wanted if capacity is None else min(wanted, capacity)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to us (pysqlite would otherwise emit a plain BEGIN).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # FULL: each commit's WAL frames are fsynced before the commit returns. A till
        # deletes an op from its outbox once the answer says applied; with NORMAL a
        # power cut could take back commits made since the last checkpoint, and those
        # sales would be gone from both sides. Measured: no cost on the benchmarks
        # (docs/server.md, "Production settings (SQLite)").
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class DatabaseBusy(Exception):
    """No write slot within the busy timeout: the API answers 503 `busy`, retry later."""


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Database:
    """Owns the engine and hands out read and write sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite allows one writer at a time. Within this process, queue writers on a
        # lock instead of SQLite's busy handler, which sleeps in growing steps and gives
        # long latency tails; other processes still meet `busy_timeout`.
        self._write_lock = threading.Lock() if is_sqlite(engine) else None
        self._read = sessionmaker(engine, expire_on_commit=False)
        # Single-statement look-ups (a device token, a pre-check that never grants):
        # on PostgreSQL in autocommit, so no BEGIN and no ROLLBACK round trip around
        # the one SELECT. SQLite reads are local calls, the plain read session is fine.
        lookup_bind = (
            engine if is_sqlite(engine) else engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._lookup = sessionmaker(lookup_bind, expire_on_commit=False)
        write_bind = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._write = sessionmaker(write_bind, expire_on_commit=False)

    @classmethod
    def from_url(cls, db_url: str, **kwargs: Any) -> Database:
        return cls(make_engine(db_url, **kwargs))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    def lookup(self, work: Callable[[Session], T]) -> T:
        """Run read-only `work` outside any transaction (PostgreSQL: autocommit, each
        statement sees what is committed when it starts). A connection found dead (the
        database restarted while it sat in the pool) is dropped and `work` runs once
        more on a new one."""
        for attempt in (1, 2):
            try:
                with self._lookup() as session:
                    return work(session)
            except DBAPIError as error:
                if attempt == 2 or not error.connection_invalidated:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends cleanly, rolls back otherwise."""
        if self._write_lock is None:
            with self._write() as session, session.begin():
                yield session
            return
        if not self._write_lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise DatabaseBusy("another write has held the database for too long")
        try:
            with self._write() as session, session.begin():
                yield session
        finally:
            self._write_lock.release()

    def dispose(self) -> None:
        self.engine.dispose()
