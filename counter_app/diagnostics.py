"""Logs on disk, and ``counter-app --export-diagnostics FILE.zip`` for support.

The log goes to ``counter-app.log`` in the platform's log folder (platformdirs'
``user_log_dir``: ``~/.local/state/counter-app/log`` on Linux,
``%LOCALAPPDATA%\\CounterWarehouse\\counter-app\\Logs`` on Windows), rotated at
``LOG_BYTES`` with ``LOG_BACKUPS`` old files kept, and to stderr as before.

The diagnostics archive holds what support asks for, and no secret: the versions,
the self-check's report, the database's integrity report and row counts, the settings
with every secret-looking value replaced, the logs, and the list of backups. The
device token file is never read.
"""

from __future__ import annotations

import io
import json
import logging
import logging.handlers
import re
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOG_NAME = "counter-app.log"
LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 5
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER_NAME = "counter-app"

SECRET_KEY = re.compile(r"token|secret|password|passwd|api[_-]?key|credential|enrol", re.IGNORECASE)
REDACTED = "<redacted>"
_URL_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)


def setup_logging(log_dir: Path | None, level: str = "INFO") -> Path | None:
    """stderr plus a rotating file in ``log_dir`` (None: stderr only). Returns the file."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    formatter = logging.Formatter(LOG_FORMAT)
    if not any(type(h) is logging.StreamHandler for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(formatter)
        stream.set_name(_HANDLER_NAME)
        root.addHandler(stream)
    if log_dir is None:
        return None
    path = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:  # a read-only home must not stop the till
        logging.getLogger(__name__).error("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(formatter)
    handler.set_name(_HANDLER_NAME)
    root.addHandler(handler)
    return path


def close_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (the end of ``main``)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()


def redact(value: Any, key: str = "") -> Any:
    """A copy of a settings value with secrets replaced (by key name, and passwords in URLs)."""
    if key and SECRET_KEY.search(key):
        return REDACTED
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return _URL_USERINFO.sub(lambda m: f"{m.group('scheme')}{REDACTED}@", value)
    return value


def integrity_report(db_path: Path) -> dict[str, Any]:
    """SQLite's full integrity_check, the schema version and the journal's row counts."""
    report: dict[str, Any] = {"path": str(db_path), "exists": db_path.exists()}
    if not db_path.exists():
        return report
    report["size_bytes"] = db_path.stat().st_size
    try:
        conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            report["integrity_check"] = [str(r[0]) for r in rows]
            report["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
            counts: dict[str, Any] = {}
            for table in (
                "sales",
                "sale_lines",
                "payments",
                "audit_log",
                "outbox",
                "products",
                "staff",
            ):
                try:
                    counts[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                except sqlite3.DatabaseError as exc:
                    counts[table] = f"unreadable: {exc}"
            report["rows"] = counts
            try:
                report["outbox_by_state"] = dict(
                    conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
                )
            except sqlite3.DatabaseError as exc:
                report["outbox_by_state"] = f"unreadable: {exc}"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        report["error"] = str(exc)
    return report


def export_diagnostics(
    target: Path, data_dir: Path, log_dir: Path | None, server_url: str | None
) -> Path:
    """Write the diagnostics archive to ``target`` (a .zip); returns its path."""
    from counter_app.local.backup import backup_dir_for, list_backups
    from counter_app.self_check import self_check, versions

    db_path = data_dir / "counter.db"
    check_output = io.StringIO()
    self_check(data_dir, server_url, out=check_output)
    settings_path = data_dir / "settings.json"
    try:
        settings: Any = redact(json.loads(settings_path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        settings = {}
    except (OSError, ValueError) as exc:
        settings = {"unreadable": str(exc)}
    backups = [
        {"day": day.isoformat(), "file": path.name, "bytes": path.stat().st_size}
        for day, path in list_backups(backup_dir_for(db_path))
    ]
    about = {
        "exported_at": datetime.now(UTC).isoformat(),
        "versions": versions(),
        "data_dir": str(data_dir),
        "log_dir": str(log_dir) if log_dir else None,
        "server": redact(server_url) if server_url else None,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.json", json.dumps(about, ensure_ascii=False, indent=2))
        archive.writestr("self-check.txt", check_output.getvalue())
        archive.writestr(
            "integrity.json", json.dumps(integrity_report(db_path), ensure_ascii=False, indent=2)
        )
        archive.writestr("settings.json", json.dumps(settings, ensure_ascii=False, indent=2))
        archive.writestr("backups.json", json.dumps(backups, indent=2))
        if log_dir is not None and log_dir.is_dir():
            for log_file in sorted(log_dir.glob(LOG_NAME + "*")):
                archive.write(log_file, f"logs/{log_file.name}")
    partial.replace(target)
    return target
