"""Running a unit of work again when the database says a concurrent one got in the way."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from warehouse_api.db import Database
from warehouse_api.errors import InsufficientStock

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_ATTEMPTS = 4


def write_with_retry(db: Database, work: Callable[[Session], T]) -> T:
    """Run `work` in a write transaction; retry on a lost race (UNIQUE, deadlock), and once
    more after releasing expired holds when it runs short of stock."""
    from warehouse_api.services.reservations import release_expired_holds

    released = False
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with db.write() as session:
                return work(session)
        except InsufficientStock as error:
            product_id = error.extra.get("product_id")
            if released or product_id is None or not release_expired_holds(db, product_id):
                raise
            released = True
        except (IntegrityError, OperationalError) as error:
            if attempt == MAX_ATTEMPTS:
                raise
            log.info("retrying a unit of work after %s", type(error).__name__)
    raise AssertionError("unreachable")
