from __future__ import annotations

import sqlite3
from pathlib import Path

from counter_app.local import catalog_queries
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import SCHEMA_VERSION, STEPS


def test_a_version_1_file_is_brought_up_to_date_and_keeps_its_catalog(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE products (id INTEGER PRIMARY KEY, sku VARCHAR(40), name VARCHAR(200), "
        "category VARCHAR(40), price_cents INTEGER, active BOOLEAN, dropship_partner_id INTEGER);"
        "INSERT INTO products VALUES (7, '100007', '義美 原味小泡芙', '零食', 2200, 1, NULL);"
        "CREATE TABLE stock (location_id INTEGER, product_id INTEGER, on_hand INTEGER, "
        "reserved INTEGER, safety_stock INTEGER, available INTEGER, received_at VARCHAR(40), "
        "PRIMARY KEY (location_id, product_id));"
        "PRAGMA user_version=1;"
    )
    conn.close()
    db = LocalDatabase(path)
    try:
        with db.read() as s:
            assert [p.id for p in catalog_queries.search_products(s, "泡芙")] == [7]  # v3: pairs
            assert [p.id for p in catalog_queries.search_products(s, "小泡芙")] == [7]
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT pull_epoch FROM products").fetchall() == [(0,)]  # v4
        assert "pull_epoch" in [row[1] for row in conn.execute("PRAGMA table_info(stock)")]
    finally:
        conn.close()


DESK_STEP = [step.__name__ for step in STEPS].index("_desk_fulfilment_and_collected")


def test_the_desk_step_gives_old_sale_lines_take_now_and_reservations_a_collected_column(
    tmp_path: Path,
) -> None:
    """A file from before the journal kept fulfilment: its lines reprint as taken now."""
    path = tmp_path / "counter.db"
    LocalDatabase(path).dispose()
    conn = sqlite3.connect(path)
    conn.executescript(
        "ALTER TABLE sale_lines DROP COLUMN fulfilment;"
        "ALTER TABLE reservations DROP COLUMN collected_here_json;"
        "ALTER TABLE reservations DROP COLUMN called_at;"
        "ALTER TABLE reservations DROP COLUMN called_by;"
        "ALTER TABLE reservations DROP COLUMN coded_slip;"
        "INSERT INTO sale_lines (line_id, sale_id, position, product_id, sku, name, qty, "
        "unit_price_cents, line_total_cents) VALUES ('L1', 'S1', 0, 7, '100007', '泡芙', 1, 2200, 2200);"
        f"PRAGMA user_version={DESK_STEP};"  # the steps from the desk's on run again
    )
    conn.close()
    LocalDatabase(path).dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT fulfilment FROM sale_lines").fetchall() == [("take",)]
        columns = [row[1] for row in conn.execute("PRAGMA table_info(reservations)")]
        assert {"collected_here_json", "called_at", "called_by", "coded_slip"} <= set(columns)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


ORIGIN_STEP = [step.__name__ for step in STEPS].index("_reissue3_sale_origin")


def test_the_origin_step_tells_copies_of_other_tills_sales_from_this_tills_own(
    tmp_path: Path,
) -> None:
    """A sale copied from the warehouse for a return here had no cashier: it becomes a
    copy (its next return asks the warehouse again); this till's own sales stay its own."""
    path = tmp_path / "counter.db"
    LocalDatabase(path).dispose()
    conn = sqlite3.connect(path)
    conn.executescript(
        "ALTER TABLE sales DROP COLUMN origin;"
        "DROP TABLE einvoice_items; DROP TABLE einvoice_allowances_elsewhere;"
        "INSERT INTO sales (sale_id, receipt_no, location_id, cashier_id, cashier_name, "
        "created_at, total_cents) VALUES ('S1', 'R1', 1, 3, '王小明', '2026-11-25', 100),"
        " ('S2', 'R2', 1, 0, '', '2026-11-25', 200);"
        f"PRAGMA user_version={ORIGIN_STEP};"
    )
    conn.close()
    db = LocalDatabase(path)
    try:
        with db.snapshot() as uow:
            own, copy = uow.sales.by_receipt_no("R1"), uow.sales.by_receipt_no("R2")
            assert own is not None and copy is not None
            assert (own.origin, copy.origin) == ("till", "warehouse")
            assert uow.einvoices.allowances_elsewhere_of("AB12345678") == []
    finally:
        db.dispose()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
