"""Product lookups and live stock figures across locations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.errors import NotFound
from warehouse_api.models import Barcode, Location, Product, Stock, utcnow
from warehouse_api.services.feed_data import product_data


def find_product(session: Session, sku_or_barcode: str) -> Product:
    key = sku_or_barcode.strip()
    product = session.scalar(select(Product).where(Product.sku == key))
    if product is None:
        product = session.scalar(
            select(Product)
            .join(Barcode, Barcode.product_id == Product.id)
            .where(Barcode.code == key)
        )
    if product is None:
        raise NotFound("product_not_found", f"no product with SKU or barcode {key!r}")
    return product


def product_public(product: Product) -> dict[str, Any]:
    return product_data(product, [barcode.code for barcode in product.barcodes])


def stock_levels(session: Session, product_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Location, Stock)
        .join(Stock, Stock.location_id == Location.id)
        .where(Stock.product_id == product_id)
        .order_by(Location.code)
    ).all()
    return [
        {
            "location_id": location.id,
            "location_code": location.code,
            "location_name": location.name,
            "kind": location.kind,
            "on_hand": stock.on_hand,
            "reserved": stock.reserved,
            "available": stock.available,
        }
        for location, stock in rows
    ]


def live_stock(session: Session, sku_or_barcode: str) -> dict[str, Any]:
    product = find_product(session, sku_or_barcode)
    as_of: datetime = utcnow()
    return {
        "product": product_public(product),
        "levels": stock_levels(session, product.id),
        "as_of": as_of,
    }
