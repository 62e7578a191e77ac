"""Name search indexes.

* ``product_search``: an FTS5 trigram index over name and SKU, kept in step with
  ``products`` by triggers. It answers substring queries of three or more
  characters in any script (Chinese names have no spaces to tokenize on).
* ``product_grams``: one- and two-character queries, which trigrams cannot
  answer. Each product's name becomes its set of characters and adjacent
  character pairs, written as ASCII tokens (``6c34`` for 水, ``6c34x871c`` for
  水蜜) in a contentless FTS5 table with ``detail=none``: presence only, about
  8 MB for 200,000 names. A LIKE scan instead costs ~50 ms at 200k when the pair
  is rare or absent (it cannot stop early); this answers in well under 1 ms.
  The cache writer keeps it in step (it has the old names at hand, which a
  contentless table needs to delete an entry). Short queries match names only:
  one or two digits of a SKU find thousands of products and help nobody.

A first sync (or a re-pull after a reset) writes 200,000 products. Trigram
triggers cost about 35 us a row there, so the puller drops them for the bulk
load and rebuilds the index once at the end (``suspend_trigram_triggers`` /
``rebuild_trigram_index``), which takes about a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

_TRIGGERS = {
    "products_ai": """CREATE TRIGGER IF NOT EXISTS products_ai AFTER INSERT ON products BEGIN
        INSERT INTO product_search(rowid, name, sku) VALUES (new.id, new.name, new.sku);
    END""",
    "products_ad": """CREATE TRIGGER IF NOT EXISTS products_ad AFTER DELETE ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, sku)
        VALUES ('delete', old.id, old.name, old.sku);
    END""",
    "products_au": """CREATE TRIGGER IF NOT EXISTS products_au AFTER UPDATE OF name, sku ON products BEGIN
        INSERT INTO product_search(product_search, rowid, name, sku)
        VALUES ('delete', old.id, old.name, old.sku);
        INSERT INTO product_search(rowid, name, sku) VALUES (new.id, new.name, new.sku);
    END""",
}
_TABLES = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS product_search USING fts5(
        name, sku, content='products', content_rowid='id', tokenize='trigram')""",
    """CREATE VIRTUAL TABLE IF NOT EXISTS product_grams USING fts5(
        grams, content='', detail='none', columnsize=0, tokenize='ascii')""",
]
_GRAM_SQL = "INSERT INTO product_grams(rowid, grams) VALUES (?, ?)"
_UNGRAM_SQL = "INSERT INTO product_grams(product_grams, rowid, grams) VALUES ('delete', ?, ?)"


class _HexCache(dict[str, str]):
    def __missing__(self, char: str) -> str:
        value = self[char] = format(ord(char), "x")
        return value


_HEX = _HexCache()


def create_search_index(conn: Connection) -> None:
    for statement in [*_TABLES, *_TRIGGERS.values()]:
        conn.execute(text(statement))


def fts_phrase(query: str) -> str:
    """Quote a user's text as one FTS5 phrase so punctuation cannot break the syntax."""
    return '"' + query.replace('"', '""') + '"'


@lru_cache(maxsize=65_536)
def _word_grams(word: str) -> frozenset[str]:
    codes = [_HEX[char] for char in word]
    return frozenset(codes).union(map("x".join, pairwise(codes)))


def name_grams(name: str) -> str:
    """The tokens of a name in ``product_grams``: every character and adjacent pair.

    Pairs never span a space. Names share most of their words (brands, sizes,
    flavours), so the grams are computed per word, once: a first sync of 200k names
    spends ~0.3 s here instead of ~1.7 s.
    """
    return " ".join(frozenset().union(*map(_word_grams, name.lower().split())))


def short_query_token(query: str) -> str | None:
    """The ``product_grams`` token for a 1- or 2-character query; None if it has a space."""
    query = query.lower()
    if not 1 <= len(query) <= 2 or any(char.isspace() for char in query):
        return None
    return "x".join(_HEX[char] for char in query)


def _connection(bind: Session | Connection) -> Connection:
    return bind if isinstance(bind, Connection) else bind.connection()


def index_names(bind: Session | Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Add (product id, name) pairs to the short-query index."""
    batch = [(pid, name_grams(name)) for pid, name in rows]
    if batch:
        _connection(bind).exec_driver_sql(_GRAM_SQL, batch)


def unindex_names(bind: Session | Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Remove entries; a contentless table needs the exact tokens it was given."""
    batch = [(pid, name_grams(name)) for pid, name in rows]
    if batch:
        _connection(bind).exec_driver_sql(_UNGRAM_SQL, batch)


def forget_all_names(bind: Session | Connection) -> None:
    _connection(bind).execute(
        text("INSERT INTO product_grams(product_grams) VALUES ('delete-all')")
    )


def forget_everything(bind: Session | Connection) -> None:
    """Empty both indexes (the cache is being cleared)."""
    conn = _connection(bind)
    conn.execute(text("INSERT INTO product_search(product_search) VALUES ('delete-all')"))
    forget_all_names(conn)


def reindex_all_names(bind: Session | Connection) -> None:
    """Fill the short-query index from ``products`` (a schema upgrade)."""
    conn = _connection(bind)
    forget_all_names(conn)
    rows = [
        (int(row[0]), str(row[1])) for row in conn.execute(text("SELECT id, name FROM products"))
    ]
    index_names(conn, rows)


def suspend_trigram_triggers(session: Session) -> None:
    for name in _TRIGGERS:
        session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def restore_trigram_triggers(session: Session) -> None:
    for statement in _TRIGGERS.values():
        session.execute(text(statement))


def rebuild_trigram_index(session: Session) -> None:
    """Re-read every product into the trigram index and put the triggers back."""
    session.execute(text("INSERT INTO product_search(product_search) VALUES ('rebuild')"))
    restore_trigram_triggers(session)
