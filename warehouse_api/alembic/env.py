"""Alembic environment: uses the connection the app hands over, else WAREHOUSE_DB_URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from warehouse_api import planning_models  # noqa: F401  (the planning tables join Base)
from warehouse_api.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = os.environ.get("WAREHOUSE_DB_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set WAREHOUSE_DB_URL to the database to migrate")
    engine = create_engine(url)
    with engine.begin() as own_connection:
        context.configure(
            connection=own_connection, target_metadata=target_metadata, compare_type=True
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) mode is not supported; run against a database")
run_migrations()
