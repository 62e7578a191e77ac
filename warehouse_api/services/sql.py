"""Small dialect helpers shared by the services."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, TextClause, bindparam, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session


def dialect_name(session: Session) -> str:
    return session.get_bind().dialect.name


def insert_together(
    session: Session, inserts: Sequence[tuple[Table, Sequence[dict[str, Any]]]]
) -> None:
    """Insert rows into several tables in as few round trips as the dialect allows.

    PostgreSQL: ONE statement, each table's rows a data-modifying CTE (`WITH a AS
    (INSERT ...), b AS (INSERT ...) SELECT 1`): a sale's row, its lines, payments and
    ledger rows in one round trip instead of four. Foreign keys between them hold (they
    are checked at the end of the statement, which sees every row it inserted); a
    violation fails the statement as it would have failed its INSERT. SQLite: one
    statement per table (local calls; no round trip to save).
    """
    batches = [(table, list(rows)) for table, rows in inserts if rows]
    if not batches:
        return
    if len(batches) == 1 or dialect_name(session) != "postgresql":
        for table, rows in batches:
            session.execute(table.insert(), rows)
        return
    shape = tuple((table, len(rows), tuple(rows[0])) for table, rows in batches)
    statement = _inserted_together(shape)
    if statement is None:  # a client-side default to fill: SQLAlchemy's inserts do that
        for table, rows in batches:
            session.execute(table.insert(), rows)
        return
    params = {
        f"t{t}r{r}_{column}": value
        for t, (_table, rows) in enumerate(batches)
        for r, row in enumerate(rows)
        for column, value in row.items()
    }
    session.execute(statement, params)


@functools.lru_cache(maxsize=512)
def _inserted_together(
    shape: tuple[tuple[Table, int, tuple[str, ...]], ...],
) -> TextClause | None:
    """The statement for one shape (tables, row counts, columns), built once. A text
    statement with typed parameters, which SQLAlchemy compiles once and caches (a
    multi-row INSERT in a CTE is compiled again on every call, which cost more CPU
    than the round trips it saves). Parameters are named t<table>r<row>_<column>.
    None when a column the rows leave out has a default computed in Python (a text
    statement would store NULL or the server's default instead)."""
    quote = postgresql.dialect().identifier_preparer.quote  # type: ignore[no-untyped-call]
    ctes = []
    parameters = []
    for t, (table, count, columns) in enumerate(shape):
        if any(column.default is not None and column.name not in columns for column in table.c):
            return None
        rows = []
        for r in range(count):
            names = [f"t{t}r{r}_{column}" for column in columns]
            rows.append("(" + ", ".join(f":{name}" for name in names) + ")")
            parameters += [
                bindparam(name, type_=table.c[column].type)
                for name, column in zip(names, columns, strict=True)
            ]
        into = f"{quote(table.name)} ({', '.join(quote(column) for column in columns)})"
        ctes.append(f"ins_{t} AS (INSERT INTO {into} VALUES {', '.join(rows)})")
    return text(f"WITH {', '.join(ctes)} SELECT 1").bindparams(*parameters)
