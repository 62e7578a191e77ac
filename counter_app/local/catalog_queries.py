"""Read-side queries on the cached catalog: scan lookup, name search, stock figures."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Row, text
from sqlalchemy.orm import Session

from counter_app.core.catalog import ProductInfo, StockFigure
from counter_app.core.money import Money
from counter_app.local.search_index import fts_phrase, short_query_token

_PRODUCT_COLUMNS = "p.id, p.sku, p.name, p.price_cents, p.category"
RANK_WINDOW = 500


def _product(row: Row[int, str, str, int, str]) -> ProductInfo:
    return ProductInfo(id=row[0], sku=row[1], name=row[2], price=Money(row[3]), category=row[4])


def find_by_barcode(session: Session | Connection, code: str) -> ProductInfo | None:
    row = session.execute(
        text(
            f"SELECT {_PRODUCT_COLUMNS} FROM barcodes b JOIN products p ON p.id = b.product_id "
            "WHERE b.code = :code AND p.active"
        ),
        {"code": code},
    ).first()
    return _product(row) if row else None


def find_by_sku(session: Session | Connection, sku: str) -> ProductInfo | None:
    row = session.execute(
        text(f"SELECT {_PRODUCT_COLUMNS} FROM products p WHERE p.sku = :sku AND p.active"),
        {"sku": sku},
    ).first()
    return _product(row) if row else None


def search_products(session: Session, query: str, limit: int = 50) -> list[ProductInfo]:
    """Substring search on name and SKU, any script.

    Three or more characters use the trigram index (name and SKU); one or two
    use the character/pair index (names only), see ``search_index``.
    """
    query = query.strip()
    if not query:
        return []
    if len(query) >= 3:
        # bm25 ranks only the first RANK_WINDOW matches: ranking all of them costs
        # ~85 ms (p95) at 200k products for a common trigram, the window ~3 ms.
        rows = session.execute(
            text(
                f"SELECT {_PRODUCT_COLUMNS} FROM (SELECT rowid AS id, rank FROM product_search "
                "  WHERE product_search MATCH :q LIMIT :window) m "
                "JOIN products p ON p.id = m.id WHERE p.active ORDER BY m.rank LIMIT :limit"
            ),
            {"q": fts_phrase(query), "window": max(RANK_WINDOW, limit), "limit": limit},
        ).all()
    elif (token := short_query_token(query)) is not None:
        rows = session.execute(
            text(
                f"SELECT {_PRODUCT_COLUMNS} FROM product_grams g JOIN products p ON p.id = g.rowid "
                "WHERE product_grams MATCH :token AND p.active LIMIT :limit"
            ),
            {"token": fts_phrase(token), "limit": limit},
        ).all()
    else:
        rows = []
    return [_product(r) for r in rows]


def stock_figures(
    session: Session, product_id: int, now: datetime | None = None
) -> list[StockFigure]:
    """Every location's cached figure for a product, with local unacknowledged changes applied."""
    now = now or datetime.now(UTC)
    rows = session.execute(
        text(
            "SELECT l.id, l.code, l.name, l.kind, s.on_hand, s.reserved, s.available, s.received_at, "
            "  COALESCE((SELECT SUM(d.delta) FROM pending_stock_deltas d "
            "            WHERE d.location_id = l.id AND d.product_id = :pid), 0) "
            "FROM locations l LEFT JOIN stock s ON s.location_id = l.id AND s.product_id = :pid "
            "ORDER BY CASE l.kind WHEN 'store' THEN 0 WHEN 'warehouse' THEN 1 ELSE 2 END, l.code"
        ),
        {"pid": product_id},
    ).all()
    figures = []
    for loc_id, code, name, kind, on_hand, reserved, available, received_at, pending in rows:
        age = None
        if received_at:
            age = max(0.0, (now - datetime.fromisoformat(received_at)).total_seconds())
        figures.append(
            StockFigure(
                location_id=loc_id,
                location_code=code,
                location_name=name,
                location_kind=kind,
                on_hand=(on_hand or 0) + pending,
                reserved=reserved or 0,
                available=(available or 0) + pending,
                pending_local=pending,
                age_s=age,
            )
        )
    return figures


def count_products(session: Session) -> int:
    return int(session.execute(text("SELECT COUNT(*) FROM products")).scalar_one())
