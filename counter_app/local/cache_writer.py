"""Applies pages of the server's change feed to the cache, in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from counter_app.local.models import Barcode, Location, Product, Staff, Stock

CACHED_TABLES = (Barcode, Stock, Staff, Product, Location)


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    entity: str
    op: str  # upsert | delete
    id: str
    data: dict[str, Any] | None


def stock_key(change: Change) -> tuple[int, int]:
    """(location_id, product_id) of a stock change; the id is ``"<location>:<product>"``."""
    location, _, product = change.id.partition(":")
    return int(location), int(product)


def _upsert(session: Session, model: type, rows: list[dict[str, Any]], keys: list[str]) -> None:
    if not rows:
        return
    stmt = insert(model)
    columns = {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]
    update_cols = {c: stmt.excluded[c] for c in rows[0] if c in columns and c not in keys}
    session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=update_cols), rows)


def apply_changes(session: Session, changes: Iterable[Change], received_at: str) -> int:
    """Apply one page. Later changes of the same entity win; returns how many were applied."""
    latest: dict[tuple[str, str], Change] = {}
    for change in changes:
        latest[(change.entity, change.id)] = change
    locations, products, stock, staff = [], [], [], []
    barcodes: list[dict[str, Any]] = []
    deleted: dict[str, list[str]] = {}
    for change in latest.values():
        if change.op == "delete" or change.data is None:
            deleted.setdefault(change.entity, []).append(change.id)
            continue
        d = change.data
        if change.entity == "location":
            locations.append({"id": d["id"], "code": d["code"], "name": d["name"], "kind": d["kind"]})
        elif change.entity == "product":
            products.append(
                {
                    "id": d["id"],
                    "sku": d["sku"],
                    "name": d["name"],
                    "category": d.get("category") or "",
                    "price_cents": d["price_cents"],
                    "active": bool(d.get("active", True)),
                    "dropship_partner_id": d.get("dropship_partner_id"),
                }
            )
            barcodes.extend({"code": code, "product_id": d["id"]} for code in d.get("barcodes", []))
        elif change.entity == "stock":
            stock.append(
                {
                    "location_id": d["location_id"],
                    "product_id": d["product_id"],
                    "on_hand": d["on_hand"],
                    "reserved": d.get("reserved", 0),
                    "safety_stock": d.get("safety_stock", 0),
                    "available": d.get("available", d["on_hand"] - d.get("reserved", 0)),
                    "received_at": received_at,
                }
            )
        elif change.entity == "staff":
            staff.append(
                {
                    "id": d["id"],
                    "name": d["name"],
                    "role": d["role"],
                    "location_id": d["location_id"],
                    "pin_hash": d["pin_hash"],
                }
            )
        # Orders of this store (sale, reservation, dropship_order, transfer) are
        # mirrored by the screens that need them; the sale screen does not.
    _upsert(session, Location, locations, ["id"])
    _upsert(session, Product, products, ["id"])
    if products:
        # A product's barcode list is replaced whole: codes can move between products.
        ids = [p["id"] for p in products]
        session.execute(delete(Barcode).where(Barcode.product_id.in_(ids)))
        _upsert(session, Barcode, barcodes, ["code"])
    _upsert(session, Stock, stock, ["location_id", "product_id"])
    _upsert(session, Staff, staff, ["id"])
    _apply_deletes(session, deleted)
    return len(latest)


def _apply_deletes(session: Session, deleted: dict[str, list[str]]) -> None:
    if ids := deleted.get("product"):
        int_ids = [int(i) for i in ids]
        session.execute(delete(Barcode).where(Barcode.product_id.in_(int_ids)))
        session.execute(delete(Product).where(Product.id.in_(int_ids)))
    if ids := deleted.get("location"):
        session.execute(delete(Location).where(Location.id.in_([int(i) for i in ids])))
    if ids := deleted.get("staff"):
        session.execute(delete(Staff).where(Staff.id.in_([int(i) for i in ids])))
    for key in deleted.get("stock", []):
        loc, _, prod = key.partition(":")
        session.execute(
            delete(Stock).where(Stock.location_id == int(loc), Stock.product_id == int(prod))
        )


def clear_cache(session: Session) -> None:
    """Forget every server figure (a feed reset); the journal and outbox stay."""
    for model in CACHED_TABLES:
        session.execute(delete(model))
