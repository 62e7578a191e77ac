"""This store's own stock as the till knows it: the last server figure plus the local
changes the warehouse has not acknowledged yet (the same sum the stock panel shows)."""

from __future__ import annotations

from sqlalchemy import Connection, Row, text
from sqlalchemy.orm import Session

_PENDING = "SELECT COALESCE(SUM(delta), 0) FROM pending_stock_deltas WHERE location_id = :loc AND product_id = :pid"


def on_shelf(session: Session | Connection, location_id: int, product_id: int) -> int:
    """Stock of one product at one location; a product the cache has no figure for counts 0."""
    return int(
        session.execute(
            text(
                "SELECT COALESCE((SELECT on_hand FROM stock WHERE location_id = :loc AND product_id = :pid), 0) "
                f"+ ({_PENDING})"
            ),
            {"loc": location_id, "pid": product_id},
        ).scalar_one()
    )


def below_zero(
    session: Session | Connection, location_id: int
) -> list[Row[int, str, str, int, str, int, int, str | None]]:
    """Products whose stock at this location is below zero, most negative first:
    (id, sku, name, price_cents, category, server on_hand, pending local delta, received_at)."""
    return list(
        session.execute(
            text(
                "WITH pend AS (SELECT product_id, SUM(delta) AS pending FROM pending_stock_deltas "
                "              WHERE location_id = :loc GROUP BY product_id), "
                "cand AS (SELECT product_id FROM stock WHERE location_id = :loc AND on_hand < 0 "
                "         UNION SELECT product_id FROM pend) "
                "SELECT p.id, p.sku, p.name, p.price_cents, p.category, COALESCE(s.on_hand, 0), "
                "       COALESCE(pend.pending, 0), s.received_at "
                "FROM cand JOIN products p ON p.id = cand.product_id "
                "LEFT JOIN stock s ON s.location_id = :loc AND s.product_id = p.id "
                "LEFT JOIN pend ON pend.product_id = p.id "
                "WHERE COALESCE(s.on_hand, 0) + COALESCE(pend.pending, 0) < 0 "
                "ORDER BY COALESCE(s.on_hand, 0) + COALESCE(pend.pending, 0), p.sku"
            ),
            {"loc": location_id},
        ).all()
    )
