"""Applies pages of the server's change feed to the cache, in bulk."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from counter_app.local import search_index
from counter_app.local.fulfilment_repository import apply_dropship_change
from counter_app.local.models import Barcode, Location, Product, Staff, Stock, Tender

CACHED_TABLES = (Barcode, Stock, Staff, Product, Location, Tender)


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    entity: str
    op: str  # upsert | delete
    id: str
    data: dict[str, Any] | None


# (entity, op, id, data): what applying needs of a change, without an object per change.
_Item = tuple[str, str, str, dict[str, Any] | None]


def stock_key(entity_id: str) -> tuple[int, int]:
    """(location_id, product_id) of a stock change; its id is ``"<location>:<product>"``."""
    location, _, product = entity_id.partition(":")
    return int(location), int(product)


# Plain SQL through the DBAPI's executemany: the ORM's bulk upsert costs about 20 us a row
# in Python, which at 700,000 rows (a first sync of 200k products) is most of the sync.
# The till's own columns (handed_over_at/by) are left alone: the feed never un-hands a pickup.
_RESERVATION_UPSERT = (
    "INSERT INTO reservations (reservation_id, kind, pickup_code, status, store_location_id, "
    "lines_json, expires_at, updated_at, customer_name, customer_phone, payment, prices_json) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(reservation_id) DO UPDATE SET kind = excluded.kind, "
    "pickup_code = excluded.pickup_code, status = excluded.status, "
    "store_location_id = excluded.store_location_id, lines_json = excluded.lines_json, "
    "expires_at = excluded.expires_at, updated_at = excluded.updated_at, "
    "customer_name = COALESCE(excluded.customer_name, reservations.customer_name), "
    "customer_phone = COALESCE(excluded.customer_phone, reservations.customer_phone), "
    "payment = excluded.payment, prices_json = excluded.prices_json"
)

# Transfers to this store (the store's stock work); the till's own column
# (received_here_at) is left alone.
_TRANSFER_UPSERT = (
    "INSERT INTO store_transfers (transfer_id, status, from_location_id, to_location_id, "
    "reservation_id, carrier, tracking_no, reason, lines_json, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(transfer_id) DO UPDATE SET status = excluded.status, "
    "from_location_id = excluded.from_location_id, to_location_id = excluded.to_location_id, "
    "reservation_id = excluded.reservation_id, carrier = excluded.carrier, "
    "tracking_no = excluded.tracking_no, reason = excluded.reason, "
    "lines_json = excluded.lines_json, updated_at = excluded.updated_at"
)

_UPSERTS = {
    "locations": (
        "INSERT INTO locations (id, code, name, kind, pull_epoch) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, "
        "kind = excluded.kind, pull_epoch = excluded.pull_epoch"
    ),
    "products": (
        "INSERT INTO products (id, sku, name, category, price_cents, active, dropship_partner_id, "
        "pull_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "sku = excluded.sku, name = excluded.name, category = excluded.category, "
        "price_cents = excluded.price_cents, active = excluded.active, "
        "dropship_partner_id = excluded.dropship_partner_id, pull_epoch = excluded.pull_epoch"
    ),
    "barcodes": (
        "INSERT INTO barcodes (code, product_id) VALUES (?, ?) "
        "ON CONFLICT(code) DO UPDATE SET product_id = excluded.product_id"
    ),
    "stock": (
        "INSERT INTO stock (location_id, product_id, on_hand, reserved, safety_stock, available, "
        "received_at, pull_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(location_id, product_id) DO UPDATE "
        "SET on_hand = excluded.on_hand, reserved = excluded.reserved, "
        "safety_stock = excluded.safety_stock, available = excluded.available, "
        "received_at = excluded.received_at, pull_epoch = excluded.pull_epoch"
    ),
    "staff": (
        "INSERT INTO staff (id, name, role, location_id, pin_hash, pull_epoch) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "role = excluded.role, location_id = excluded.location_id, pin_hash = excluded.pin_hash, "
        "pull_epoch = excluded.pull_epoch"
    ),
    "tenders": (
        "INSERT INTO tenders (code, name_zh, name_en, kind, needs_reference, active, sort_order, "
        "pull_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET "
        "name_zh = excluded.name_zh, name_en = excluded.name_en, kind = excluded.kind, "
        "needs_reference = excluded.needs_reference, active = excluded.active, "
        "sort_order = excluded.sort_order, pull_epoch = excluded.pull_epoch"
    ),
}


def _executemany(session: Session, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        session.connection().exec_driver_sql(sql, rows)


def apply_changes(
    session: Session, changes: Iterable[Change], received_at: str, epoch: int = 0
) -> int:
    """Apply changes. Later changes of the same entity win; returns how many were applied."""
    return _apply(session, ((c.entity, c.op, c.id, c.data) for c in changes), received_at, epoch)


def apply_feed_page(
    session: Session, changes: Iterable[Mapping[str, Any]], received_at: str, epoch: int = 0
) -> int:
    """Apply a page as the client decoded it (dicts of ``seq, entity, op, id, data``);
    rows written are stamped with ``epoch``, the puller's current feed epoch."""
    items = ((c["entity"], c["op"], str(c["id"]), c.get("data")) for c in changes)
    return _apply(session, items, received_at, epoch)


def _apply(session: Session, items: Iterable[_Item], received_at: str, epoch: int) -> int:
    latest: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {}
    for entity, op, entity_id, data in items:
        latest[(entity, entity_id)] = (op, data)
    locations: list[tuple[Any, ...]] = []
    products: list[tuple[Any, ...]] = []
    barcodes: list[tuple[Any, ...]] = []
    stock: list[tuple[Any, ...]] = []
    staff: list[tuple[Any, ...]] = []
    reservations: list[tuple[Any, ...]] = []
    tenders: list[tuple[Any, ...]] = []
    transfers: list[tuple[Any, ...]] = []
    deleted: dict[str, list[str]] = {}
    for (entity, entity_id), (op, d) in latest.items():
        if op == "delete" or d is None:
            deleted.setdefault(entity, []).append(entity_id)
            continue
        if entity == "stock":
            reserved = d.get("reserved", 0)
            stock.append(
                (
                    d["location_id"],
                    d["product_id"],
                    d["on_hand"],
                    reserved,
                    d.get("safety_stock", 0),
                    d.get("available", d["on_hand"] - reserved),
                    received_at,
                    epoch,
                )
            )
        elif entity == "product":
            products.append(
                (
                    d["id"],
                    d["sku"],
                    d["name"],
                    d.get("category") or "",
                    d["price_cents"],
                    bool(d.get("active", True)),
                    d.get("dropship_partner_id"),
                    epoch,
                )
            )
            barcodes.extend((code, d["id"]) for code in d.get("barcodes", []))
        elif entity == "location":
            locations.append((d["id"], d["code"], d["name"], d["kind"], epoch))
        elif entity == "staff":
            staff.append((d["id"], d["name"], d["role"], d["location_id"], d["pin_hash"], epoch))
        elif entity == "reservation":
            # The pickup desk's list (services/pickups.py); the feed sends this store's only,
            # with the customer's name and phone so every till of the store can search them.
            # [product, qty] or, from a warehouse with partial pickups, [.., arrived, collected].
            lines = [
                [int(line["product_id"]), int(line["qty"])]
                + (
                    [int(line["arrived_qty"]), int(line["collected_qty"])]
                    if "collected_qty" in line
                    else []
                )
                for line in d.get("lines", [])
            ]
            reservations.append(
                (
                    d["reservation_id"],
                    d.get("kind", "pickup"),
                    d.get("pickup_code"),
                    d["status"],
                    d.get("store_location_id"),
                    json.dumps(lines),
                    d.get("expires_at"),
                    d.get("updated_at", received_at),
                    d.get("customer_name"),
                    d.get("customer_phone"),
                    # Paid at pickup: what the desk collects, per unit of each line.
                    d.get("payment"),
                    json.dumps(
                        [
                            [int(line["product_id"]), int(line["unit_price_cents"])]
                            for line in d.get("lines", [])
                            if line.get("unit_price_cents") is not None
                        ]
                    ),
                )
            )
        elif entity == "tender":
            # The payment screen's list (services/tenders.py); disabled ones stay, inactive.
            tenders.append(
                (
                    d["code"],
                    d["name_zh"],
                    d["name_en"],
                    d["kind"],
                    bool(d.get("needs_reference", False)),
                    bool(d.get("active", True)),
                    int(d.get("sort_order", 0)),
                    epoch,
                )
            )
        elif entity == "dropship_order":
            # This store's dropship orders (services/dropship.py): status, carrier, tracking.
            apply_dropship_change(session, d)
        elif entity == "transfer":
            lines = [
                [int(line["product_id"]), int(line["qty"]), line.get("received_qty")]
                for line in d.get("lines", [])
            ]
            transfers.append(
                (
                    d["transfer_id"],
                    d["status"],
                    d.get("from_location_id"),
                    d.get("to_location_id"),
                    d.get("reservation_id"),
                    d.get("carrier"),
                    d.get("tracking_no"),
                    d.get("reason"),
                    json.dumps(lines),
                    d.get("updated_at", received_at),
                )
            )
        # Sales of this store are not mirrored: no screen needs them.
    _executemany(session, _UPSERTS["locations"], locations)
    if products:
        ids = [p[0] for p in products]
        search_index.unindex_names(session, _names_of(session, ids))
        # A product's barcode list is replaced whole: codes can move between products.
        _executemany(session, "DELETE FROM barcodes WHERE product_id = ?", [(i,) for i in ids])
        _executemany(session, _UPSERTS["products"], products)
        _executemany(session, _UPSERTS["barcodes"], barcodes)
        search_index.index_names(session, [(p[0], p[2]) for p in products])
    _executemany(session, _UPSERTS["stock"], stock)
    _executemany(session, _UPSERTS["staff"], staff)
    _executemany(session, _RESERVATION_UPSERT, reservations)
    _executemany(session, _UPSERTS["tenders"], tenders)
    _executemany(session, _TRANSFER_UPSERT, transfers)
    _apply_deletes(session, deleted)
    return len(latest)


def _names_of(session: Session, product_ids: list[int]) -> list[tuple[int, str]]:
    """(id, name) of the products among ``product_ids`` that are in the cache now."""
    found: list[tuple[int, str]] = []
    for start in range(0, len(product_ids), 500):
        chunk = product_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = session.connection().exec_driver_sql(
            f"SELECT id, name FROM products WHERE id IN ({marks})", tuple(chunk)
        )
        found.extend((int(row[0]), str(row[1])) for row in rows)
    return found


def _apply_deletes(session: Session, deleted: dict[str, list[str]]) -> None:
    if ids := deleted.get("product"):
        int_ids = [int(i) for i in ids]
        search_index.unindex_names(session, _names_of(session, int_ids))
        session.execute(delete(Barcode).where(Barcode.product_id.in_(int_ids)))
        session.execute(delete(Product).where(Product.id.in_(int_ids)))
    if ids := deleted.get("location"):
        session.execute(delete(Location).where(Location.id.in_([int(i) for i in ids])))
    if ids := deleted.get("staff"):
        session.execute(delete(Staff).where(Staff.id.in_([int(i) for i in ids])))
    if codes := deleted.get("tender"):
        session.execute(delete(Tender).where(Tender.code.in_(codes)))
    for key in deleted.get("stock", []):
        loc, _, prod = key.partition(":")
        session.execute(
            delete(Stock).where(Stock.location_id == int(loc), Stock.product_id == int(prod))
        )


def count_products(session: Session) -> int:
    return int(session.connection().exec_driver_sql("SELECT count(*) FROM products").scalar_one())


def sweep_unseen(session: Session, epoch: int) -> int:
    """After a re-pull from zero reached the head: drop every cached row it did not
    write (its ``pull_epoch`` is older), i.e. entities whose tombstones the server has
    forgotten. Returns the number of rows removed."""
    gone = [
        int(row[0])
        for row in session.connection().exec_driver_sql(
            "SELECT id FROM products WHERE pull_epoch < ?", (epoch,)
        )
    ]
    removed = len(gone)
    for start in range(0, len(gone), 500):
        _apply_deletes(session, {"product": [str(i) for i in gone[start : start + 500]]})
    for table in ("stock", "staff", "locations", "tenders"):
        result = session.connection().exec_driver_sql(
            f"DELETE FROM {table} WHERE pull_epoch < ?", (epoch,)
        )
        removed += int(result.rowcount or 0)
    return removed


def clear_cache(session: Session) -> None:
    """Forget every server figure (a feed reset); the journal and outbox stay."""
    # Empty the search indexes wholesale, without the per-row delete triggers: rows
    # loaded during an unfinished bulk load were never indexed, and deleting an entry
    # that is not in an external-content FTS5 index damages the index.
    search_index.suspend_trigram_triggers(session)
    search_index.forget_everything(session)
    for model in CACHED_TABLES:
        session.execute(delete(model))
    search_index.restore_trigram_triggers(session)
