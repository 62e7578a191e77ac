"""``counter-app``: the store counter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.ui.i18n import LANGUAGES


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app", "CounterWarehouse"))


def default_log_dir(data_dir: Path | None) -> Path:
    """Beside the data when --data-dir is given, else the platform's log folder."""
    if data_dir is not None:
        return data_dir / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir("counter-app", "CounterWarehouse"))


def server_url(args: argparse.Namespace, data_dir: Path) -> str | None:
    """--server, else the address remembered from the last start that had one."""
    if args.server:
        return str(args.server)
    from counter_app.local.settings_store import SettingsStore

    url = SettingsStore(data_dir / "settings.json").section("warehouse").get("url")
    return url if isinstance(url, str) and url else None


def interface_language(args: argparse.Namespace, data_dir: Path) -> str:
    """--lang, else the language chosen in the set-up wizard (settings.json), else zh_TW."""
    if args.lang:
        return str(args.lang)
    from counter_app.local.settings_store import SettingsStore
    from counter_app.ui.i18n import language_setting

    return language_setting(SettingsStore(data_dir / "settings.json").section("ui"))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="counter-app", description="Store counter (門市櫃台)")
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument("--demo", action="store_true", help="run with an embedded demo warehouse")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="where the local database lives"
    )
    parser.add_argument(
        "--server", help="warehouse API base URL, e.g. https://warehouse.example.tw"
    )
    parser.add_argument("--enroll", metavar="CODE", help="one-time enrollment code from an admin")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="interface language for this start (default: the one chosen at set-up, else zh_TW)",
    )
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument(
        "--recover-damaged-db",
        action="store_true",
        help="if the local database is damaged: keep it aside, start a new one, "
        "and copy unsent operations and the sales journal over",
    )
    parser.add_argument(
        "--einvoice-setup",
        metavar="SELLER_TAX_ID",
        help="store the seller's tax ID and the e-invoice QR AES key (read from standard "
        "input, never from the command line), then exit (docs/einvoice.md)",
    )
    parser.add_argument("--log-dir", type=Path, default=None, help="where the log files go")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="print versions, check the database, printer, scanner settings and warehouse; "
        "exit 1 on a problem",
    )
    parser.add_argument(
        "--export-diagnostics",
        metavar="FILE.zip",
        type=Path,
        help="write logs, settings (without secrets), versions and an integrity report to a zip",
    )
    parser.add_argument(
        "--restore-backup",
        metavar="FILE",
        type=Path,
        help="put a backup of the local database back (the app must be closed); "
        "sales made since are kept",
    )
    parser.add_argument(
        "--keep-backups", type=int, default=14, metavar="N", help="daily database copies to keep"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    log_dir = args.log_dir or default_log_dir(args.data_dir)
    from counter_app.diagnostics import close_logging, setup_logging

    setup_logging(None if args.self_check else log_dir, args.log_level)
    try:
        return _main(args, log_dir)
    finally:
        close_logging()


def _main(args: argparse.Namespace, log_dir: Path) -> int:
    data_dir = args.data_dir or default_data_dir()
    from counter_app.local.db import DatabaseDamaged

    counter_dir = data_dir / "demo" / "counter" if args.demo else data_dir
    if args.self_check:
        from counter_app.self_check import self_check

        return self_check(counter_dir, server_url(args, counter_dir))
    if args.export_diagnostics:
        from counter_app.diagnostics import export_diagnostics

        path = export_diagnostics(
            args.export_diagnostics, counter_dir, log_dir, server_url(args, counter_dir)
        )
        print(f"diagnostics written to {path}")
        return 0
    if args.restore_backup:
        return restore(args.restore_backup, counter_dir / "counter.db")

    if args.einvoice_setup:
        return setup_einvoice(counter_dir, args.einvoice_setup)
    if args.recover_damaged_db:
        recover_if_damaged(counter_dir)
    try:
        if args.demo:
            from counter_app.demo import run_demo

            return run_demo(data_dir / "demo", interface_language(args, counter_dir))
        return run_counter(args, data_dir)
    except DatabaseDamaged as exc:
        print(
            f"The local database is damaged: {exc.detail}\n"
            f"File: {exc.path}\n"
            "Start the app again with --recover-damaged-db: it keeps that file aside, "
            "creates a new one, copies the unsent sales over and re-syncs the catalog.",
            file=sys.stderr,
        )
        return 3


def setup_einvoice(data_dir: Path, seller_id: str) -> int:
    from counter_app.bootstrap import configure_einvoice

    key = sys.stdin.readline().strip()
    try:
        configure_einvoice(data_dir, seller_id, key)
    except ValueError as exc:
        print(f"counter-app: e-invoice set-up refused: {exc}", file=sys.stderr)
        return 2
    print(f"e-invoice set up for seller {seller_id.strip()}; the key is in the secret store")
    return 0


def restore(backup: Path, db_path: Path) -> int:
    from counter_app.local.backup import BackupError, restore_backup

    try:
        report = restore_backup(backup, db_path)
    except BackupError as exc:
        print(f"counter-app: nothing restored: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def recover_if_damaged(counter_dir: Path) -> None:
    from counter_app.local.db import DatabaseDamaged, check_integrity
    from counter_app.local.salvage import recover_damaged_database

    path = counter_dir / "counter.db"
    try:
        check_integrity(path)
    except DatabaseDamaged:
        print(recover_damaged_database(path).summary(), file=sys.stderr)
        return
    print(f"{path}: not damaged, nothing to recover", file=sys.stderr)


def run_counter(args: argparse.Namespace, data_dir: Path) -> int:
    from counter_app.bootstrap import (
        NotEnrolled,
        build_services,
        is_enrolled,
        run_enrolled_counter,
        run_setup_wizard,
    )
    from counter_app.local.backup import BackupScheduler
    from counter_app.sync.client import WarehouseProblem, WarehouseUnreachable

    url = server_url(args, data_dir)
    if not args.enroll and not is_enrolled(data_dir):
        # First start: the set-up wizard asks for the language, the address, the code,
        # the printer and tests the scanner (docs/user-guide.md, "Setting up a till").
        if not run_setup_wizard(data_dir, interface_language(args, data_dir), url):
            print("counter-app: set-up not finished; start again to continue", file=sys.stderr)
            return 2
        url = server_url(argparse.Namespace(server=None), data_dir)
    if not url:
        print("counter-app: --server URL is required (or use --demo)", file=sys.stderr)
        return 2
    try:
        services = build_services(data_dir, url, enrollment_code=args.enroll)
    except NotEnrolled as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return 2
    except (WarehouseProblem, WarehouseUnreachable) as exc:
        print(f"counter-app: enrollment failed: {exc}", file=sys.stderr)
        return 2
    services.settings.save_section("warehouse", {"url": url})  # the next start needs no --server
    backups = BackupScheduler(services.db.path, keep=args.keep_backups)
    backups.start()
    try:
        return run_enrolled_counter(services, interface_language(args, data_dir))
    finally:
        backups.stop()


if __name__ == "__main__":
    sys.exit(main())
