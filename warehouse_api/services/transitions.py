"""Compare-and-set state changes, so two concurrent moves of one order cannot both win."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from warehouse_api.errors import InvalidTransition, NotFound
from warehouse_api.models import Base, table_of, utcnow

ModelT = TypeVar("ModelT", bound=Base)


def transition(
    session: Session,
    model: type[ModelT],
    entity_id: str,
    allowed_from: Collection[str],
    to: str,
    *,
    also: Sequence[ColumnElement[bool]] = (),
    **values: Any,
) -> ModelT:
    """`UPDATE ... SET status = to WHERE id = :id AND status IN allowed_from`; 1 row or an error.

    `also`: more conditions the row must meet in the same statement (a failed one is
    reported as an invalid transition from the current status)."""
    table = table_of(model)
    result = session.execute(
        table.update()
        .where(table.c.id == entity_id, table.c.status.in_(list(allowed_from)), *also)
        .values(status=to, updated_at=utcnow(), **values)
    )
    name = table.name.rstrip("s").replace("_", " ")
    if getattr(result, "rowcount", 0) != 1:
        current = session.scalar(select(table.c.status).where(table.c.id == entity_id))
        if current is None:
            raise NotFound(f"{table.name.rstrip('s')}_not_found", f"no {name} {entity_id}")
        raise InvalidTransition(name, current, to)
    entity = session.get(model, entity_id, populate_existing=True)
    assert entity is not None
    return entity
