"""`warehouse-api`: serve, seed demo data, issue enrollment codes and tokens."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from warehouse_api.config import DEFAULT_DB_URL, Settings
from warehouse_api.db import Database
from warehouse_api.demo_data import DEFAULT_PRODUCTS, AlreadySeeded, seed_demo
from warehouse_api.errors import DomainError
from warehouse_api.schema import prepare_database
from warehouse_api.services.devices import (
    ROLES,
    issue_enrollment_code,
    issue_token,
    location_by_code,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warehouse-api", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument(
            "--db", default=DEFAULT_DB_URL, help=f"database URL (default {DEFAULT_DB_URL})"
        )
        return sub

    serve = with_db(commands.add_parser("serve", help="run the HTTP API"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    seed = with_db(commands.add_parser("seed", help="load the demo catalog into an empty database"))
    seed.add_argument("--demo", action="store_true", required=True, help="the demo catalog")
    seed.add_argument("--products", type=int, default=DEFAULT_PRODUCTS)
    seed.add_argument("--seed", type=int, default=None, help="random seed (default: fixed)")

    code = with_db(commands.add_parser("enrollment-code", help="print a one-time enrollment code"))
    code.add_argument("--store", required=True, help="store code, e.g. S001")

    token = with_db(commands.add_parser("token", help="issue a device token and print it"))
    token.add_argument("--role", required=True, choices=ROLES)
    token.add_argument("--location", default=None, help="location code (required for counter)")
    token.add_argument("--name", default=None, help="device name")
    sim = with_db(commands.add_parser("simulate", help="simulate group-buy traffic and fulfilment"))
    sim.add_argument("--rate", type=float, default=2.0, help="group-buy orders per second")
    sim.add_argument("--duration", type=float, default=None, help="seconds (default: until Ctrl-C)")
    sim.add_argument("--seed", type=int, default=None)
    einvoice = commands.add_parser("einvoice", help="e-invoice numbers (字軌)")
    einvoice_commands = einvoice.add_subparsers(dest="einvoice_command", required=True)
    numbers = with_db(
        einvoice_commands.add_parser(
            "import-numbers", help="import a period's allocation CSV as booklets of 50"
        )
    )
    numbers.add_argument("file", help="the MOF platform's CSV (docs/einvoice.md)")
    export = with_db(
        einvoice_commands.add_parser(
            "export",
            help="one round with the Turnkey folder: read its results, write pending MIG "
            "messages (docs/operations.md)",
        )
    )
    export.add_argument(
        "--turnkey-dir",
        type=Path,
        default=None,
        help="Turnkey's EINVTurnkey folder (default: WAREHOUSE_TURNKEY_DIR)",
    )
    blanks = with_db(
        einvoice_commands.add_parser(
            "report-blanks",
            help="queue a finished period's blank numbers for the platform (E0402 per track; "
            "`einvoice export` writes them)",
        )
    )
    blanks.add_argument("--period", required=True, help="ROC year + even month, e.g. 11512")
    _add_user_commands(commands, with_db)
    _planning_commands(commands, with_db)
    return parser


def _add_user_commands(commands: Any, with_db: Any) -> None:
    user = commands.add_parser("user", help="console accounts (operators and managers)")
    actions = user.add_subparsers(dest="user_command", required=True)
    create = with_db(actions.add_parser("create", help="create a console account"))
    create.add_argument("--role", required=True, choices=("operator", "manager"))
    create.add_argument("--name", required=True, help="the name to sign in with")
    create.add_argument(
        "--password-file",
        default=None,
        help="read the password from this file's first line (default: standard input)",
    )


def _planning_commands(commands: Any, with_db: Any) -> None:
    history = commands.add_parser("history", help="daily demand history (build, import)")
    actions = history.add_subparsers(dest="history_command", required=True)
    with_db(actions.add_parser("rebuild", help="recompute the whole history from the records"))
    with_db(actions.add_parser("refresh", help="bring the history up to date (incremental)"))
    load = with_db(actions.add_parser("import", help="load past daily quantities from CSV"))
    load.add_argument("file", type=Path, help="CSV: date,sku_or_barcode,location,qty[,on_hand]")
    catalog = commands.add_parser("catalog", help="catalog onboarding (商品編碼統一)")
    catalog_actions = catalog.add_subparsers(dest="catalog_command", required=True)
    onboard = with_db(
        catalog_actions.add_parser(
            "import", help="products, barcodes, prices and old codes from CSV or Excel"
        )
    )
    onboard.add_argument(
        "file", type=Path, help="CSV (UTF-8 or Big5) or .xlsx; see docs/console.md"
    )
    onboard.add_argument(
        "--dry-run", action="store_true", help="list the problems and changes; write nothing"
    )
    onboard.add_argument(
        "--allow-new-categories", action="store_true", help="accept categories no product has yet"
    )
    report = commands.add_parser("report", help="reports for managers")
    reports = report.add_subparsers(dest="report_command", required=True)
    prices = with_db(
        reports.add_parser(
            "prices", help="store price overrides and group-buy channel price conflicts"
        )
    )
    prices.add_argument("--days", type=int, default=30, help="the last N days (1-366)")
    prices.add_argument("--json", action="store_true", help="the API's JSON instead of text")
    forecast = with_db(
        commands.add_parser("forecast", help="nightly: forecasts, safety stock, idle stock")
    )
    forecast.add_argument("--lead-time-days", type=int, default=7)
    forecast.add_argument("--review-days", type=int, default=7)
    forecast.add_argument("--service-level", type=float, default=0.95)
    forecast.add_argument("--idle-days", type=int, default=60, help="no sale for this long: idle")
    forecast.add_argument(
        "--no-safety-stock", action="store_true", help="do not write stock.safety_stock"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return int(_COMMANDS[args.command](args) or 0)
    except DomainError as error:
        print(f"error: {error.detail}", file=sys.stderr)
        return 2


def _serve(args: argparse.Namespace) -> int:
    from warehouse_api.serving import serve

    db = Database.from_url(args.db)
    prepare_database(db)
    db.dispose()
    os.environ["WAREHOUSE_DB_URL"] = args.db
    # The app logs one line per request itself (warehouse_api.access: request id, route,
    # status, duration, device; JSON with WAREHOUSE_LOG_FORMAT=json; WAREHOUSE_ACCESS_LOG=0
    # turns it off), so uvicorn's own access log stays off.
    return serve(args.host, args.port, args.workers, access_log=False)


def _seed(args: argparse.Namespace) -> int:
    db = Database.from_url(args.db)
    try:
        kwargs = {"seed": args.seed} if args.seed is not None else {}
        seconds = seed_demo(db, products=args.products, **kwargs)
    except AlreadySeeded as error:
        print(f"not seeding: {error}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(f"seeded {args.products} products in {seconds:.1f} s")
    return 0


def _enrollment_code(args: argparse.Namespace) -> int:
    db = Database.from_url(args.db)
    prepare_database(db)
    ttl = timedelta(hours=Settings().enrollment_code_ttl_hours)
    with db.write() as session:
        code = issue_enrollment_code(session, args.store, ttl)
    print(code)
    return 0


def _token(args: argparse.Namespace) -> int:
    db = Database.from_url(args.db)
    prepare_database(db)
    with db.write() as session:
        location_id = location_by_code(session, args.location).id if args.location else None
        issued = issue_token(session, args.role, location_id, args.name or f"{args.role}-cli")
    print(issued.token)
    return 0


def _user(args: argparse.Namespace) -> int:
    from warehouse_api.console.accounts import create_user

    if args.password_file:
        with open(args.password_file, encoding="utf-8") as source:
            password = source.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("error: the passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    db = Database.from_url(args.db)
    try:
        prepare_database(db)
        with db.write() as session:
            user = create_user(session, args.name, args.role, password)
            print(f"created {user.role} {user.name} (id {user.id})")
    finally:
        db.dispose()
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from warehouse_api.simulate import simulate

    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        stats = simulate(db, args.rate, args.duration, args.seed)
    finally:
        db.dispose()
    print(stats)
    return 0


def _einvoice(args: argparse.Namespace) -> int:
    if args.einvoice_command == "export":
        return _einvoice_export(args)
    if args.einvoice_command == "report-blanks":
        return _einvoice_report_blanks(args)
    from warehouse_api.services.einvoice import import_numbers, parse_allocation_csv

    try:
        with open(args.file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    rows = parse_allocation_csv(text)
    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        with db.write() as session:
            result = import_numbers(session, rows)
    finally:
        db.dispose()
    for row in result.imported:
        print(f"imported {row.period} {row.track}{row.start_no:08d}-{row.end_no:08d}")
    for row in result.already_imported:
        print(f"already imported {row.period} {row.track}{row.start_no:08d}-{row.end_no:08d}")
    print(f"{result.booklets_created} booklets of up to 50 numbers created")
    return 0


def _einvoice_export(args: argparse.Namespace) -> int:
    from warehouse_api.services.einvoice_upload import exchange

    settings = Settings(db_url=args.db)
    if args.turnkey_dir is not None:
        settings = settings.model_copy(update={"turnkey_dir": args.turnkey_dir})
    if settings.turnkey_dir is None:
        print("error: give --turnkey-dir or set WAREHOUSE_TURNKEY_DIR", file=sys.stderr)
        return 2
    if not settings.turnkey_dir.is_dir():
        print(f"error: {settings.turnkey_dir} is not a folder", file=sys.stderr)
        return 2
    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        done = exchange(db, settings)
    finally:
        db.dispose()
    assert done is not None
    results, exported = done
    print(f"results read: {results.accepted} accepted, {results.rejected} rejected")
    for problem in results.unreadable:
        print(f"unreadable result file: {problem}", file=sys.stderr)
    for name in exported.exported:
        print(f"exported {name}")
    for name, why in exported.refused:
        print(f"refused {name}: {why}", file=sys.stderr)
    print(f"{len(exported.exported)} messages exported, {len(exported.refused)} refused")
    return 1 if exported.refused else 0


def _einvoice_report_blanks(args: argparse.Namespace) -> int:
    from warehouse_api.services.einvoice import normalise_period
    from warehouse_api.services.einvoice_blanks import queue_period

    try:
        period = normalise_period(args.period)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    settings = Settings(db_url=args.db)
    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        with db.write() as session:
            result = queue_period(session, period, settings.einvoice_seller_id)
    except DomainError as error:
        print(f"error: {error.detail}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    for document in result.queued:
        print(f"queued E0402 {document}")
    for document in result.already_queued:
        print(f"already queued E0402 {document}")
    print(f"{len(result.queued)} blank-number messages queued; `einvoice export` writes them")
    return 0


def _history(args: argparse.Namespace) -> int:
    from warehouse_api.services import demand_history

    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        if args.history_command == "import":
            try:
                rows = demand_history.read_import_rows(args.file)
            except (OSError, demand_history.ImportFileError) as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            with db.write() as session:
                report = demand_history.import_history(session, rows)
            for bad in report.bad:
                print(f"line {bad.line}: {bad.reason}", file=sys.stderr)
            print(
                f"read {report.rows_read} rows: {report.rows_written} imported, "
                f"{len(report.bad)} refused"
            )
            return 1 if report.bad else 0
        with db.write() as session:
            build = (
                demand_history.rebuild
                if args.history_command == "rebuild"
                else demand_history.refresh
            )
            stats = build(session)
        print(f"{args.history_command}: {stats.pairs} product-locations, {stats.rows} rows")
        return 0
    finally:
        db.dispose()


def _forecast(args: argparse.Namespace) -> int:
    from warehouse_api.services.forecasts import PlanningSettings
    from warehouse_api.services.nightly import run_nightly

    try:
        settings = PlanningSettings(args.lead_time_days, args.review_days, args.service_level)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        stats = run_nightly(
            db, settings, apply_safety=not args.no_safety_stock, idle_days=args.idle_days
        )
    finally:
        db.dispose()
    methods = ", ".join(f"{name} {count}" for name, count in sorted(stats.methods.items()))
    print(
        f"forecast {stats.series} series in {stats.seconds:.1f} s ({methods}); "
        f"safety stock changed on {stats.safety_stock_rows_changed} rows; "
        f"{stats.idle_suggestions} idle-stock suggestions"
    )
    return 0


def _catalog(args: argparse.Namespace) -> int:
    from warehouse_api.services import catalog_import

    try:
        data = args.file.read_bytes()
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    db = Database.from_url(args.db)
    prepare_database(db)
    options = {"allow_new_categories": args.allow_new_categories}
    try:
        if args.dry_run:
            with db.read() as session:
                plan = catalog_import.check(session, data, args.file.name, **options)
        else:
            with db.write() as session:
                plan = catalog_import.apply(session, data, args.file.name, **options)
    except catalog_import.CatalogFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except catalog_import.PlanNotClean as refused:
        plan = refused.plan
    finally:
        db.dispose()
    for problem in plan.problems:
        where = f"row {problem.row}" if problem.row else "file"
        value = f" [{problem.value}]" if problem.value else ""
        print(
            f"{where} {problem.column}: {problem.code}: {problem.message}{value}", file=sys.stderr
        )
    counts = plan.counts()
    verb = "would" if args.dry_run or plan.problems else "did"
    print(
        f"{plan.rows} rows, {len(plan.problems)} problems; {verb} create {counts['create']}, "
        f"update {counts['update']} ({counts['price_changes']} price changes), "
        f"add {counts['barcodes_added']} barcodes and {counts['aliases_added']} old codes"
        + ("" if not plan.problems else "; nothing was imported")
    )
    return 1 if plan.problems else 0


def _report(args: argparse.Namespace) -> int:
    from warehouse_api.api.prices import report_public
    from warehouse_api.services import price_report
    from warehouse_api.services.price_report_text import report_text

    db = Database.from_url(args.db)
    prepare_database(db)
    try:
        with db.read() as session:
            report = price_report.build(session, args.days)
    finally:
        db.dispose()
    print(report_public(report).model_dump_json(indent=2) if args.json else report_text(report))
    return 0


_COMMANDS = {
    "catalog": _catalog,
    "serve": _serve,
    "seed": _seed,
    "enrollment-code": _enrollment_code,
    "token": _token,
    "simulate": _simulate,
    "einvoice": _einvoice,
    "user": _user,
    "history": _history,
    "forecast": _forecast,
    "report": _report,
}

if __name__ == "__main__":
    sys.exit(main())
