"""Creating or upgrading the schema of a database."""

from __future__ import annotations

from warehouse_api.db import Database
from warehouse_api.models import Base
from warehouse_api.services.change_feed import ensure_feed_state


def prepare_database(db: Database) -> None:
    """Bring the schema up to date and make sure the feed's state row exists."""
    Base.metadata.create_all(db.engine)
    with db.write() as session:
        ensure_feed_state(session)
