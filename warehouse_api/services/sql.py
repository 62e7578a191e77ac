"""Small dialect helpers shared by the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def dialect_name(session: Session) -> str:
    return session.get_bind().dialect.name


def dialect_insert(session: Session) -> Any:
    """The dialect's `insert` (it has `on_conflict_do_update` / `_do_nothing`)."""
    return postgresql.insert if dialect_name(session) == "postgresql" else sqlite.insert
