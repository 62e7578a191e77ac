"""Schema steps for tills that already have a database file.

``create_all`` makes missing tables but never alters existing ones; each step
here brings a file from one ``PRAGMA user_version`` to the next, inside the
caller's transaction. A new file gets every table from ``create_all`` first, so
each step checks before it changes anything.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

from counter_app.local.models import Base


def _columns(conn: Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))}


def _v2_acked_generation(conn: Connection) -> None:
    # Acked stock deltas wait for a later pull instead of vanishing at the ack.
    if "acked_gen" not in _columns(conn, "pending_stock_deltas"):
        conn.execute(text("ALTER TABLE pending_stock_deltas ADD COLUMN acked_gen INTEGER"))


def _v3_short_query_index(conn: Connection) -> None:
    # One- and two-character name search moved from a LIKE scan to product_grams.
    from counter_app.local.search_index import create_search_index, reindex_all_names

    create_search_index(conn)
    reindex_all_names(conn)
    # And the trigram index from the table, in case the file predates it (~1 s at 200k).
    conn.execute(text("INSERT INTO product_search(product_search) VALUES ('rebuild')"))


def _v4_pull_epoch(conn: Connection) -> None:
    # A reset re-pulls into the cache it has and sweeps what it did not see.
    for table in ("locations", "products", "stock", "staff"):
        if "pull_epoch" not in _columns(conn, table):
            conn.execute(
                text(f"ALTER TABLE {table} ADD COLUMN pull_epoch INTEGER NOT NULL DEFAULT 0")
            )


def _payment_references(conn: Connection) -> None:
    have = _columns(conn, "payments")
    if "reference" not in have:
        conn.execute(text("ALTER TABLE payments ADD COLUMN reference VARCHAR(64)"))
    if "approval_code" not in have:
        conn.execute(text("ALTER TABLE payments ADD COLUMN approval_code VARCHAR(32)"))


def _v7_discounts(conn: Connection) -> None:
    # Sale lines keep the list price, the discount and an override's reason; the open
    # cart, held carts and voided carts are new tables, made by create_all.
    have = _columns(conn, "sale_lines")
    for name, kind in (
        ("list_price_cents", "INTEGER"),
        ("discount_cents", "INTEGER NOT NULL DEFAULT 0"),
        ("override_reason", "VARCHAR(200)"),
    ):
        if name not in have:
            conn.execute(text(f"ALTER TABLE sale_lines ADD COLUMN {name} {kind}"))


def _einv2_allowance_voids(conn: Connection) -> None:
    # An allowance may be voided (作廢折讓, G0501): it no longer reduces its invoice.
    if "voided_at" not in _columns(conn, "einvoice_allowances"):
        conn.execute(text("ALTER TABLE einvoice_allowances ADD COLUMN voided_at VARCHAR(40)"))


def _refund_tenders(conn: Connection) -> None:
    # return_tenders is made by create_all; each earlier return was refunded in its one
    # method (cash): it gets that one row, so the shift reads refunds from one table.
    conn.execute(
        text(
            "INSERT INTO return_tenders (return_id, position, method, amount_cents)"
            " SELECT return_id, 0, method, refund_cents FROM returns"
            " WHERE return_id NOT IN (SELECT return_id FROM return_tenders)"
        )
    )


def _desk_fulfilment_and_collected(conn: Connection) -> None:
    # The journal keeps each sale line's fulfilment (a reprint shows the original's
    # sections; lines sold before it are taken now), and a reservation what this till
    # handed over of each line not yet acknowledged (partial pickups), when its released
    # hold's customer was called, and whether its coded slip is due or printed.
    if "fulfilment" not in _columns(conn, "sale_lines"):
        conn.execute(
            text("ALTER TABLE sale_lines ADD COLUMN fulfilment VARCHAR(8) NOT NULL DEFAULT 'take'")
        )
    have = _columns(conn, "reservations")
    for name, kind in (
        ("collected_here_json", "TEXT"),
        ("called_at", "VARCHAR(40)"),  # a released hold's customer was called (the call list)
        ("called_by", "INTEGER"),
        ("coded_slip", "VARCHAR(8)"),  # due | printed: the coded slip printed once confirmed
    ):
        if name not in have:
            conn.execute(text(f"ALTER TABLE reservations ADD COLUMN {name} {kind}"))


def _reissue_live_invoice(conn: Connection) -> None:
    # (reissue) One LIVE invoice per sale instead of one invoice: a same-period return
    # voids the invoice and issues a replacement for the same sale. SQLite cannot drop the
    # old UNIQUE(sale_id), so the table is rebuilt inside the caller's transaction: the
    # rows are set aside, the table made again from the model, the rows put back. The
    # allowances' foreign key to einvoices is checked at commit (defer_foreign_keys), when
    # every number is back.
    old = _columns(conn, "einvoices")
    if "replaces" in old:
        return  # a new file: create_all made the table as the model has it
    conn.execute(text("PRAGMA defer_foreign_keys=ON"))
    conn.execute(text("CREATE TEMP TABLE einvoices_before_reissue AS SELECT * FROM einvoices"))
    conn.execute(text("DROP TABLE einvoices"))
    Base.metadata.tables["einvoices"].create(conn)
    kept = ", ".join(sorted(old & _columns(conn, "einvoices")))
    conn.execute(
        text(f"INSERT INTO einvoices ({kept}) SELECT {kept} FROM einvoices_before_reissue")
    )
    conn.execute(text("DROP TABLE einvoices_before_reissue"))


def _invoice_shifts(conn: Connection) -> None:
    # (reissue2) Each invoice names the shift it was issued in and the shift it was voided
    # in, so the Z report's register counts a replacement in the return's shift and a void
    # in the void's. Earlier rows: a sale's own invoice is its sale's shift's, a
    # replacement its return's; a void is its return's (the replacement's return, else the
    # return of the sale made at the moment of the void). einvoice_voids_elsewhere (another
    # till's invoices voided here) is a new table, made by create_all.
    have = _columns(conn, "einvoices")
    for name in ("shift_id", "void_shift_id"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE einvoices ADD COLUMN {name} VARCHAR(36)"))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_einvoices_{name} ON einvoices ({name})"))
    conn.execute(
        text(
            "UPDATE einvoices SET shift_id = CASE WHEN return_id IS NULL"
            " THEN (SELECT s.shift_id FROM shift_sales s WHERE s.sale_id = einvoices.sale_id)"
            " ELSE (SELECT r.shift_id FROM returns r WHERE r.return_id = einvoices.return_id)"
            " END WHERE shift_id IS NULL"
        )
    )
    conn.execute(
        text(
            "UPDATE einvoices SET void_shift_id = COALESCE("
            " (SELECT r.shift_id FROM einvoices e JOIN returns r ON r.return_id = e.return_id"
            "  WHERE e.replaces = einvoices.number),"
            " (SELECT r.shift_id FROM returns r WHERE r.sale_id = einvoices.sale_id"
            "  AND r.created_at = einvoices.voided_at ORDER BY r.return_id LIMIT 1))"
            " WHERE voided_at IS NOT NULL AND void_shift_id IS NULL"
        )
    )


def _pay_at_pickup(conn: Connection) -> None:
    # (payatpickup) The desk's mirror keeps whether a group-buy order is paid at pickup and
    # its lines' prices, so the desk knows what to collect, offline too.
    have = _columns(conn, "reservations")
    for name, kind in (("payment", "VARCHAR(16)"), ("prices_json", "TEXT")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE reservations ADD COLUMN {name} {kind}"))


def _reissue3_sale_origin(conn: Connection) -> None:
    # (reissue3) A sale copied from the warehouse for a return here (another till's) is
    # told from this till's own: its later returns ask the warehouse again. The copies
    # are the rows with no cashier (services/returns.py wrote them so). The tables of
    # allowances on other tills' invoices and of replacements' items: create_all.
    if "origin" not in _columns(conn, "sales"):
        conn.execute(
            text("ALTER TABLE sales ADD COLUMN origin VARCHAR(16) NOT NULL DEFAULT 'till'")
        )
        conn.execute(
            text("UPDATE sales SET origin = 'warehouse' WHERE cashier_id = 0 AND cashier_name = ''")
        )


STEPS: list[Callable[[Connection], None]] = [
    lambda _conn: None,  # v1: the first schema, made by create_all
    _v2_acked_generation,
    _v3_short_query_index,
    _v4_pull_epoch,
    lambda _conn: None,  # v5: shifts, shift_sales, cash_movements: new tables, made by create_all
    # v6: reservations (the pickup desk's mirror) and returns: new tables, made by create_all
    lambda _conn: None,
    # (tenders) the tenders table is made by create_all; payments gain their reference and
    # approval code (split payments, card and mobile tenders).
    _payment_references,
    _v7_discounts,  # discounts on sale lines; open_carts, held_carts, cart_voids
    _einv2_allowance_voids,  # (einv2) an allowance may be voided
    _refund_tenders,  # (refunds) return_tenders: each return's refund per tender
    _desk_fulfilment_and_collected,  # (desk) sale line fulfilment; partial pickups at the till
    _reissue_live_invoice,  # (reissue) one live invoice per sale; replacements link back
    _invoice_shifts,  # (reissue2) the shift of each invoice's issue and of its void
    _pay_at_pickup,  # (payatpickup) reservations: paid at pickup, and the lines' prices
    _reissue3_sale_origin,  # (reissue3) copies of other tills' sales; their allowances here
]
SCHEMA_VERSION = len(STEPS)


def migrate(conn: Connection) -> None:
    version = int(conn.execute(text("PRAGMA user_version")).scalar_one())
    for number in range(version + 1, SCHEMA_VERSION + 1):
        STEPS[number - 1](conn)
    if version < SCHEMA_VERSION:
        conn.execute(text(f"PRAGMA user_version={SCHEMA_VERSION}"))
