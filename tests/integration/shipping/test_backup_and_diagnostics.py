"""Daily copies of the till database, restoring one without losing later sales, the log
file, and the diagnostics archive (no secrets in it)."""

from __future__ import annotations

import json
import logging
import logging.handlers
import sqlite3
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counter_app.__main__ import main
from counter_app.diagnostics import REDACTED, close_logging, redact, setup_logging
from counter_app.local import sync_state
from counter_app.local.backup import (
    BackupError,
    BackupScheduler,
    backup_dir_for,
    daily_backup,
    list_backups,
    restore_backup,
)
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, OutboxOp, Sale

from .conftest import ring_up


def _count(db: LocalDatabase, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_one_copy_a_day_and_only_the_newest_are_kept(till: LocalDatabase) -> None:
    ring_up(till, 2)
    for day in range(1, 6):
        made = daily_backup(till.path, keep=3, today=date(2026, 11, day))
        assert made == backup_dir_for(till.path) / f"counter-2026-11-0{day}.db"
    assert daily_backup(till.path, keep=3, today=date(2026, 11, 5)) is None  # already made today
    days = [d.day for d, _ in list_backups(backup_dir_for(till.path))]
    assert days == [3, 4, 5]
    copy = LocalDatabase(backup_dir_for(till.path) / "counter-2026-11-05.db")
    try:
        assert _count(copy, Sale) == 2  # a real, complete copy, taken while the till was open
    finally:
        copy.dispose()


def test_the_copy_is_consistent_while_the_till_writes(till: LocalDatabase) -> None:
    ring_up(till, 1)
    with till.unit_of_work() as session:  # an open write transaction during the backup
        session.add(AuditEntry(at="2026-11-25T01:00:00Z", staff_id=None, action="test", detail="x"))
        session.flush()
        made = daily_backup(till.path, today=date(2026, 11, 25))
    assert made is not None
    with sqlite3.connect(made) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM sales").fetchone() == (1,)


def test_restore_keeps_the_sales_made_after_the_backup(till: LocalDatabase) -> None:
    before = ring_up(till, 3)
    backup = daily_backup(till.path, today=date(2026, 11, 24))
    assert backup is not None
    after = ring_up(till, 2)  # sold after the backup, not yet sent
    with till.read() as session:
        counters = {key: sync_state.get_value(session, key) for key in ("store_id", "store_code")}
    path = till.path
    till.dispose()

    report = restore_backup(backup, path, now=datetime(2026, 11, 25, 3, 0, tzinfo=UTC))

    assert report.previous_copy == path.with_name("counter.db.before-restore-20261125T030000Z")
    assert report.previous_copy.exists()  # never deleted
    restored = LocalDatabase(path)
    try:
        with restored.read() as session:
            ids = set(session.scalars(select(Sale.sale_id)))
            assert ids == set(before) | set(after)
            assert _count(restored, OutboxOp) == 5
            for key, value in counters.items():
                assert sync_state.get_value(session, key) == value
    finally:
        restored.dispose()
    assert "carried over from it: " in report.summary()


def test_a_file_that_is_not_a_backup_changes_nothing(till: LocalDatabase, tmp_path: Path) -> None:
    ring_up(till, 1)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a usable till database"):
        restore_backup(junk, till.path)
    with pytest.raises(BackupError, match="no such file"):
        restore_backup(tmp_path / "missing.db", till.path)
    assert _count(till, Sale) == 1
    assert not list(till.path.parent.glob("*.before-restore-*"))


def test_restore_from_the_command_line(
    till: LocalDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    ring_up(till, 1)
    backup = daily_backup(till.path, today=date(2026, 11, 24))
    till.dispose()
    assert main(["--data-dir", str(till.path.parent), "--restore-backup", str(backup)]) == 0
    assert "restored " in capsys.readouterr().out
    assert (
        main(
            [
                "--data-dir",
                str(till.path.parent),
                "--restore-backup",
                str(till.path.parent / "nope.db"),
            ]
        )
        == 2
    )
    assert "nothing restored" in capsys.readouterr().err


def test_the_log_file_rotates(tmp_path: Path) -> None:
    root = logging.getLogger()
    try:
        path = setup_logging(tmp_path / "logs")
        assert path == tmp_path / "logs" / "counter-app.log"
        rotating = root.handlers[-1]
        assert isinstance(rotating, logging.handlers.RotatingFileHandler)
        rotating.maxBytes = 2000
        for n in range(200):
            logging.getLogger("counter_app.test").info("line %d %s", n, "x" * 40)
        rotating.flush()
        files = sorted(p.name for p in (tmp_path / "logs").iterdir())
        assert files[:2] == ["counter-app.log", "counter-app.log.1"]
        assert len(files) <= 6  # the current file and LOG_BACKUPS old ones
    finally:
        close_logging()
    assert not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers)


def test_redact_keeps_what_support_needs_and_drops_secrets() -> None:
    settings = {
        "printer": {"kind": "network", "address": "192.168.1.50:9100", "drawer": {"pin": 0}},
        "warehouse": {"url": "https://till:s3cret@warehouse.example.tw", "api_token": "abc"},
        "password": "x",
        "list": [{"Secret": 1}],
    }
    clean = redact(settings)
    assert clean["printer"] == settings["printer"]
    assert clean["warehouse"] == {
        "url": f"https://{REDACTED}@warehouse.example.tw",
        "api_token": REDACTED,
    }
    assert clean["password"] == REDACTED and clean["list"] == [{"Secret": REDACTED}]


def test_export_diagnostics(
    till: LocalDatabase, warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ring_up(till, 2)
    data_dir = till.path.parent
    daily_backup(till.path, today=date(2026, 11, 24))
    (data_dir / "device_token").write_text("TOKEN-SHOULD-NOT-LEAK", encoding="utf-8")
    (data_dir / "settings.json").write_text(
        json.dumps(
            {
                "printer": {"kind": "file", "address": str(data_dir / "receipts.escpos")},
                "warehouse": {"url": warehouse.url, "token": "TOKEN-SHOULD-NOT-LEAK"},  # type: ignore[attr-defined]
            }
        ),
        encoding="utf-8",
    )
    logs = data_dir / "logs"
    logs.mkdir()
    (logs / "counter-app.log").write_text(
        "2026-11-25 INFO counter_app: started\n", encoding="utf-8"
    )
    target = tmp_path / "out" / "diag.zip"

    assert main(["--data-dir", str(data_dir), "--export-diagnostics", str(target)]) == 0
    assert f"diagnostics written to {target}" in capsys.readouterr().out

    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {
            "about.json",
            "self-check.txt",
            "integrity.json",
            "settings.json",
            "backups.json",
            "logs/counter-app.log",
        } <= names
        everything = b"".join(archive.read(n) for n in names)
        assert b"TOKEN-SHOULD-NOT-LEAK" not in everything
        integrity = json.loads(archive.read("integrity.json"))
        assert integrity["integrity_check"] == ["ok"]
        assert integrity["rows"]["sales"] == 2 and integrity["outbox_by_state"] == {"ready": 2}
        about = json.loads(archive.read("about.json"))
        assert about["versions"]["counter-app"] and about["versions"]["sqlite"]
        assert "self-check: all good" in archive.read("self-check.txt").decode()
        assert json.loads(archive.read("backups.json"))[0]["file"] == "counter-2026-11-24.db"


def test_the_scheduler_backs_up_at_start_and_stops(till: LocalDatabase) -> None:
    ring_up(till, 1)
    scheduler = BackupScheduler(till.path, keep=3, interval_s=3600)
    scheduler.start()
    deadline = time.monotonic() + 30
    while not list_backups(backup_dir_for(till.path)):
        assert time.monotonic() < deadline, "no backup made at start"
        time.sleep(0.05)
    scheduler.stop()  # returns at once although the next round is an hour away
    assert scheduler._thread is not None and not scheduler._thread.is_alive()
