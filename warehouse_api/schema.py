"""Creating or upgrading the schema of a database.

PostgreSQL: Alembic migrations (`warehouse_api/alembic/`), run under an advisory
lock so several workers starting together migrate once. SQLite (the embedded,
single-machine mode): `create_all` from the models, which starts in milliseconds;
a SQLite file made by an older version is not migrated in place.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection

from warehouse_api import planning_models  # noqa: F401  (the planning tables join Base)
from warehouse_api.console import models as _console_models  # noqa: F401  (its tables)
from warehouse_api.db import Database
from warehouse_api.models import Base
from warehouse_api.services.change_feed import ensure_feed_state
from warehouse_api.services.tenders import ensure_tenders

ALEMBIC_DIR = Path(__file__).parent / "alembic"
MIGRATION_LOCK_KEY = 727_001


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(Path(__file__).parent / "alembic.ini"))
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def prepare_database(db: Database) -> None:
    """Bring the schema up to date and make sure the feed's state row exists."""
    if db.dialect == "postgresql":
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            command.upgrade(alembic_config(connection), "head")
    else:
        Base.metadata.create_all(db.engine)
    with db.write() as session:
        ensure_feed_state(session)
    with db.write() as session:
        ensure_tenders(session)  # the default tenders, in the feed for every till
