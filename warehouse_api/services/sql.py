"""Small dialect helpers shared by the services."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import JSON, DateTime, Table, TextClause, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator


def dialect_name(session: Session) -> str:
    return session.get_bind().dialect.name


def in_list(column: ColumnElement[Any], name: str, dialect: str) -> ColumnElement[bool]:
    """`column IN (...)` for a list given as ONE parameter `name` (a Python list).

    SQLite: the list travels as one JSON array, read by `json_each`, so the statement is
    compiled once whatever the list's length and its parameter is one string. An
    expanding IN renders a placeholder and a parameter per value on every call, which
    cost more than SQLite's look-ups for the 1,500 line ids of a push batch. PostgreSQL:
    the expanding IN. Build the statement once per dialect (`functools.cache`)."""
    if dialect == "sqlite":
        values = func.json_each(bindparam(name, type_=JSON)).table_valued("value")
        return column.in_(select(values.c.value))
    return column.in_(bindparam(name, expanding=True))


def column_values(obj: Any, table: Table) -> dict[str, Any]:
    """An ORM object built in Python and never added to a session, as a row of `table`
    for a Core insert: every column's value, the autoincrement key left to the database.
    Column defaults are not applied here: the caller sets every value."""
    generated = table.autoincrement_column
    return {
        column.key: getattr(obj, column.key) for column in table.columns if column is not generated
    }


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


def execute_rows(
    session: Session, statement: UpdateBase, keys: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Run an INSERT, upsert or UPDATE once per row, each row a tuple of values for `keys`
    (an INSERT's column names, else the statement's bind parameter names) in the order
    the compiled statement takes them (a mismatch is refused the first time).

    SQLite: the driver's executemany on the statement compiled once, each value passed
    through its column type's own bind processor (what is stored is exactly what
    SQLAlchemy would store), a datetime repeated from one row to the next converted
    once. SQLAlchemy's own executemany builds a parameter dict per row and walks every
    bind of it in Python, which cost more than SQLite's work for a push batch. A DBAPI
    error comes out as SQLAlchemy's (a UNIQUE violation is an IntegrityError).
    PostgreSQL: SQLAlchemy's executemany, as for any statement (psycopg pipelines it).
    For statements built once (module constants): each is compiled and kept per object.
    """
    if not rows:
        return
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        session.execute(statement, [dict(zip(keys, row, strict=True)) for row in rows])
        return
    sql, processors = _driver_statement(statement, keys, bind.dialect)
    if processors:  # column by column: zip and map loop in C, only the processors in Python
        columns: list[Iterable[Any]] = list(zip(*rows, strict=True))
        for index, process, takes_datetimes in processors:
            columns[index] = map(
                _once_per_value(process) if takes_datetimes else process, columns[index]
            )
        rows = list(zip(*columns, strict=True))
    session.flush()  # as session.execute would (autoflush)
    session.connection().exec_driver_sql(sql, rows)


Processor = Callable[[Any], Any]


_DRIVER_STATEMENTS: dict[
    tuple[int, tuple[str, ...], str], tuple[UpdateBase, str, list[tuple[int, Processor, bool]]]
] = {}


def _driver_statement(
    statement: UpdateBase, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, list[tuple[int, Processor, bool]]]:
    """The statement's SQL for the driver and the bind processors of the values that
    need one: (index in the row, processor, whether it takes datetimes); built once per
    statement object (kept with its entry, so its id cannot be reused meanwhile)."""
    cache_key = (id(statement), keys, dialect.name)
    cached = _DRIVER_STATEMENTS.get(cache_key)
    if cached is not None and cached[0] is statement:
        return cached[1], cached[2]
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    prefetch = [*compiled.insert_prefetch, *compiled.update_prefetch]
    if prefetch:
        raise ValueError(
            "execute_rows: the rows leave out columns with a default computed in Python: "
            + ", ".join(column.name for column in prefetch)
        )
    names = list(compiled.positiontup or [])
    if names != list(keys):
        raise ValueError(f"execute_rows: the statement takes {names}, the rows give {list(keys)}")
    processors: list[tuple[int, Processor, bool]] = []
    for index, name in enumerate(names):
        type_ = compiled.binds[name].type
        process = type_.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            continue
        impl = type_.impl_instance if isinstance(type_, TypeDecorator) else type_
        processors.append((index, process, isinstance(impl, DateTime)))
    _DRIVER_STATEMENTS[cache_key] = (statement, compiled.string, processors)
    return compiled.string, processors


def _once_per_value(process: Processor) -> Processor:
    """`process`, remembering its last answer (one call's rows only): the same datetime
    in every row of a batch (a received-at, a claim's time) is formatted once."""
    last: tuple[Any, Any] = (object(), None)

    def remembered(value: Any) -> Any:
        nonlocal last
        if value is not last[0]:
            last = (value, process(value))
        return last[1]

    return remembered
