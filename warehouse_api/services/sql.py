"""Small dialect helpers shared by the services."""

from __future__ import annotations

from sqlalchemy.orm import Session


def dialect_name(session: Session) -> str:
    return session.get_bind().dialect.name
