"""``counter-app``: the store counter."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from counter_app import __version__
from counter_app.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("counter-app", "CounterWarehouse"))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="counter-app", description="Store counter (門市櫃台)")
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument("--demo", action="store_true", help="run with an embedded demo warehouse")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the local database lives")
    parser.add_argument("--server", help="warehouse API base URL, e.g. https://warehouse.example.tw")
    parser.add_argument("--enroll", metavar="CODE", help="one-time enrollment code from an admin")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="interface language")
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir = args.data_dir or default_data_dir()
    from counter_app.local.db import DatabaseDamaged

    if args.einvoice_setup:
        return setup_einvoice(data_dir, args.einvoice_setup)
    if args.recover_damaged_db:
        recover_if_damaged(data_dir / "demo" / "counter" if args.demo else data_dir)
    try:
        if args.demo:
            from counter_app.demo import run_demo

            return run_demo(data_dir / "demo", args.lang)
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
    from counter_app.bootstrap import NotEnrolled, build_services, run_enrolled_counter
    from counter_app.sync.client import WarehouseProblem, WarehouseUnreachable

    if not args.server:
        print("counter-app: --server URL is required (or use --demo)", file=sys.stderr)
        return 2
    try:
        services = build_services(data_dir, args.server, enrollment_code=args.enroll)
    except NotEnrolled as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return 2
    except (WarehouseProblem, WarehouseUnreachable) as exc:
        print(f"counter-app: enrollment failed: {exc}", file=sys.stderr)
        return 2
    return run_enrolled_counter(services, args.lang)


if __name__ == "__main__":
    sys.exit(main())
