"""The WAL checkpointer: commits no longer copy the WAL back themselves below 40 MB,
a background task does it (PASSIVE: never waiting for readers or writers)."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from warehouse_api import sqlite_wal
from warehouse_api.db import SQLITE_WAL_AUTOCHECKPOINT_PAGES, Database
from warehouse_api.sqlite_wal import checkpoint, run_wal_checkpointer, wal_file


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'w.db'}")
    with database.write() as session:
        session.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)"))
    yield database
    database.dispose()


def _write(db: Database, rows: int) -> None:
    with db.write() as session:
        session.execute(text("INSERT INTO t (body) VALUES (:body)"), [{"body": "x" * 1000}] * rows)


def _run_for(seconds: float, coroutine: Coroutine[Any, Any, None]) -> None:
    async def main() -> None:
        task = asyncio.ensure_future(coroutine)
        await asyncio.sleep(seconds)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())


def test_every_connection_fsyncs_each_commit_and_raises_the_commits_own_threshold(
    db: Database,
) -> None:
    """synchronous=FULL (2): an op answered `applied` is on disk, so a power cut cannot
    take back what the till has already deleted from its outbox."""
    with db.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
        synchronous = connection.exec_driver_sql("PRAGMA synchronous").scalar()
        journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    assert pages == SQLITE_WAL_AUTOCHECKPOINT_PAGES == 10_000
    assert (synchronous, journal) == (2, "wal")


def test_a_commit_below_the_threshold_leaves_the_wal_to_the_checkpointer(db: Database) -> None:
    """5,000 rows of 1 kB: well past SQLite's default 1,000 pages, which a commit would
    have copied back itself; with the raised threshold the WAL keeps them."""
    path = wal_file(db)
    assert path is not None
    _write(db, 5_000)
    assert os.path.getsize(path) > 5_000_000
    done = checkpoint(db)
    assert (done.busy, done.copied_pages) == (False, done.wal_pages)
    assert done.wal_pages > 1_000


def test_the_checkpointer_copies_the_wal_back_once_it_passes_its_threshold(
    db: Database,
) -> None:
    path = wal_file(db)
    assert path is not None
    main_file = Path(path.removesuffix("-wal"))
    before = main_file.stat().st_size
    _write(db, 2_000)
    _run_for(0.5, run_wal_checkpointer(db, threshold_bytes=1_000_000, interval_s=0.02))
    assert main_file.stat().st_size > before + 2_000_000  # the rows are in the file now
    again = checkpoint(db)
    assert again.copied_pages == again.wal_pages  # nothing left behind
    # The next write starts the WAL over from its beginning: it does not grow on.
    size = os.path.getsize(path)
    _write(db, 10)
    assert os.path.getsize(path) <= size


def test_below_its_threshold_the_checkpointer_leaves_the_wal_alone(db: Database) -> None:
    path = wal_file(db)
    assert path is not None
    main_file = Path(path.removesuffix("-wal"))
    _write(db, 500)
    before = (main_file.stat().st_size, os.path.getsize(path))
    _run_for(0.2, run_wal_checkpointer(db, threshold_bytes=50_000_000, interval_s=0.02))
    assert (
        main_file.stat().st_size,
        os.path.getsize(path),
    ) == before  # the rows still only in the WAL
    assert before[1] > 500_000


def test_a_failed_round_is_logged_and_the_next_one_runs(
    db: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _write(db, 100)
    calls: list[int] = []

    def flaky(database: Database) -> sqlite_wal.Checkpoint:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return checkpoint(database)

    monkeypatch.setattr(sqlite_wal, "checkpoint", flaky)
    with caplog.at_level(logging.ERROR, logger="warehouse_api.sqlite_wal"):
        _run_for(0.3, run_wal_checkpointer(db, threshold_bytes=1, interval_s=0.02))
    assert len(calls) >= 2
    assert "WAL checkpoint failed" in caplog.text


def test_two_workers_checkpointing_at_once_both_return(db: Database, tmp_path: Path) -> None:
    """Each worker process runs a checkpointer; one that finds the other's under way
    answers busy (or finds nothing left), never an error."""
    other = Database.from_url(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        _write(db, 3_000)
        answers: list[sqlite_wal.Checkpoint] = []
        errors: list[BaseException] = []

        def run(database: Database) -> None:
            try:
                answers.append(checkpoint(database))
            except BaseException as error:
                errors.append(error)

        threads = [threading.Thread(target=run, args=(d,)) for d in (db, other, db, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert len(answers) == 4
    finally:
        other.dispose()


def test_postgresql_and_memory_databases_have_no_wal_to_watch() -> None:
    memory = Database.from_url("sqlite://")
    try:
        assert wal_file(memory) is None
        asyncio.run(run_wal_checkpointer(memory))  # returns at once
    finally:
        memory.dispose()
    assert wal_file(Database.from_url("postgresql+psycopg://u@127.0.0.1:1/none")) is None


def test_an_unchanged_wal_is_not_checkpointed_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite keeps the WAL file's size when it starts it over, so past the threshold
    the size alone would checkpoint every round: an idle server does nothing instead,
    and a write is checkpointed in the next round."""
    _write(db, 100)
    calls: list[int] = []

    def counted(database: Database) -> sqlite_wal.Checkpoint:
        calls.append(1)
        return checkpoint(database)

    monkeypatch.setattr(sqlite_wal, "checkpoint", counted)
    seen: list[int] = []

    async def main() -> None:
        task = asyncio.ensure_future(run_wal_checkpointer(db, threshold_bytes=1, interval_s=0.02))
        await asyncio.sleep(0.3)  # about 15 rounds
        seen.append(len(calls))
        await asyncio.to_thread(_write, db, 10)
        await asyncio.sleep(0.3)
        seen.append(len(calls))
        await asyncio.sleep(0.3)  # idle again
        seen.append(len(calls))
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    # One round may catch the write half done and the next one the rest.
    first, after_write, idle = seen
    assert first == 1
    assert 2 <= after_write <= 3
    assert idle == after_write
