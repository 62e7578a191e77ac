"""Small dialect helpers shared by the services."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn

from sqlalchemy import JSON, DateTime, Table, TextClause, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert, UpdateBase
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
    PostgreSQL: a plain INSERT of COPY_FROM_ROWS rows or more goes as `COPY ... FROM
    STDIN` (`_copy_rows`); anything else through SQLAlchemy's executemany, as for any
    statement (psycopg pipelines it).
    For statements built once (module constants): each is compiled and kept per object.
    """
    if not rows:
        return
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        if len(rows) >= COPY_FROM_ROWS and _plain_insert(statement):
            _copy_rows(session, statement, keys, rows, bind.dialect)
            return
        session.execute(statement, [dict(zip(keys, row, strict=True)) for row in rows])
        return
    sql, processors = _driver_statement(statement, keys, bind.dialect)
    rows = _processed(
        rows,
        [
            (index, _once_per_value(process) if takes_datetimes else process)
            for index, process, takes_datetimes in processors
        ],
    )
    session.flush()  # as session.execute would (autoflush)
    session.connection().exec_driver_sql(sql, rows)


Processor = Callable[[Any], Any]


def _processed(
    rows: Sequence[tuple[Any, ...]], processors: Sequence[tuple[int, Processor]]
) -> Sequence[tuple[Any, ...]]:
    """The rows with each (index, processor) applied to its column: column by column, so
    zip and map loop in C and only the processors run in Python."""
    if not processors:
        return rows
    columns: list[Iterable[Any]] = list(zip(*rows, strict=True))
    for index, process in processors:
        columns[index] = map(process, columns[index])
    return list(zip(*columns, strict=True))


def raise_driver_error(
    connection: Connection, error: BaseException, statement: str, parameters: Any
) -> NoReturn:
    """Re-raise `error`, raised by the driver on `connection`'s DBAPI connection outside
    SQLAlchemy, as SQLAlchemy would have raised it (a deadlock victim an
    OperationalError the push loop retries, a violation an IntegrityError), dropping a
    connection that died from the pool; anything else unchanged."""
    dialect = connection.dialect
    if not isinstance(error, dialect.loaded_dbapi.Error):
        raise error
    invalidated = dialect.is_disconnect(error, connection.connection.driver_connection, None)
    if invalidated:
        connection.invalidate(error)
    raise DBAPIError.instance(
        statement,
        parameters,
        error,
        dialect.loaded_dbapi.Error,
        connection_invalidated=invalidated,
        dialect=dialect,
    ) from error


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


COPY_FROM_ROWS = 20
"""Rows from which a plain INSERT goes as COPY on PostgreSQL. COPY costs a round trip
more than a pipelined executemany (the server answers COPY before the rows go), and
from a few dozen rows on it saves far more: each row of an executemany is a statement
PostgreSQL parses, plans and runs (and psycopg adapts in Python), where COPY streams
them into the table. The drain's push of 500 sales writes 500 to 1,500 rows per table."""


def _plain_insert(statement: UpdateBase) -> bool:
    """An INSERT of the given columns' values only: no ON CONFLICT, RETURNING, values
    of its own or SELECT (what COPY does the same as one INSERT per row)."""
    return (
        isinstance(statement, Insert)
        and statement._post_values_clause is None
        and not statement._returning
        and not statement._values
        and not statement._multi_values
        and statement.select is None
    )


_COPY_STATEMENTS: dict[
    tuple[int, tuple[str, ...]], tuple[UpdateBase, str, list[tuple[int, Processor]]]
] = {}


def _copy_rows(
    session: Session,
    statement: UpdateBase,
    keys: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    dialect: Dialect,
) -> None:
    """PostgreSQL: the rows of a plain INSERT through `COPY table (keys) FROM STDIN`, in
    the session's transaction (and savepoint), each value through its column type's
    bind processor as SQLAlchemy would store it (JSON: encoded by the engine's
    serializer). Constraints, foreign keys and defaults hold as for INSERT; a column
    the rows leave out gets its server default, so one with a default computed in
    Python is refused (as `execute_rows` refuses it on SQLite). An error comes out as
    SQLAlchemy's (a UNIQUE violation an IntegrityError), the transaction then failed
    as after a failed INSERT."""
    sql, processors = _copy_statement(statement, keys, dialect)
    rows = _processed(rows, processors)
    session.flush()  # as session.execute would (autoflush)
    connection = session.connection()
    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
    except Exception as error:
        raise_driver_error(connection, error, sql, None)


def _copy_statement(
    statement: UpdateBase, keys: tuple[str, ...], dialect: Dialect
) -> tuple[str, list[tuple[int, Processor]]]:
    cache_key = (id(statement), keys)
    cached = _COPY_STATEMENTS.get(cache_key)
    if cached is not None and cached[0] is statement:
        return cached[1], cached[2]
    table = statement.table
    left_out = [c.name for c in table.c if c.default is not None and c.name not in keys]
    if left_out:
        raise ValueError(
            "execute_rows: the rows leave out columns with a default computed in Python: "
            + ", ".join(left_out)
        )
    quote = dialect.identifier_preparer.quote
    processors: list[tuple[int, Processor]] = []
    for index, key in enumerate(keys):
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.append((index, process))
    columns = ", ".join(quote(key) for key in keys)
    sql = f"COPY {dialect.identifier_preparer.format_table(table)} ({columns}) FROM STDIN"
    _COPY_STATEMENTS[cache_key] = (statement, sql, processors)
    return sql, processors
