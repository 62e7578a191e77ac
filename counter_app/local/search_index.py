"""Name search: an FTS5 trigram index kept in step with ``products`` by triggers.

Trigram FTS answers substring queries of three or more characters in any
script (Chinese names have no spaces to tokenize on). One- and two-character
queries cannot use it, so they fall back to a bounded LIKE scan.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(
        name, sku, content='products', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER IF NOT EXISTS products_ai AFTER INSERT ON products BEGIN
        INSERT INTO product_search(rowid, name, sku) VALUES (new.id, new.name, new.sku);
    END""",
    """CREATE TRIGGER IF NOT EXISTS products_ad AFTER DELETE ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, sku)
        VALUES ('delete', old.id, old.name, old.sku);
    END""",
    """CREATE TRIGGER IF NOT EXISTS products_au AFTER UPDATE OF name, sku ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, sku)
        VALUES ('delete', old.id, old.name, old.sku);
        INSERT INTO product_search(rowid, name, sku) VALUES (new.id, new.name, new.sku);
    END""",
]


def create_search_index(conn: Connection) -> None:
    for statement in _DDL:
        conn.execute(text(statement))


def fts_phrase(query: str) -> str:
    """Quote a user's text as one FTS5 phrase so punctuation cannot break the syntax."""
    return '"' + query.replace('"', '""') + '"'
