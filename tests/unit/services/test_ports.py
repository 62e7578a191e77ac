"""Both implementations of the services' ports fit them: the till's SQLite file and the
in-memory fakes. mypy (CI, ``[tool.mypy] files``) checks the assignments below; the
tests check the two behave alike where the services depend on it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from counter_app.core.ops import AuditPayload
from counter_app.local.db import LocalDatabase
from tests.unit.services.fakes import FakeDatabase

if TYPE_CHECKING:
    from counter_app.services.ports import UnitOfWorkFactory

    def _sqlite_fits(db: LocalDatabase) -> UnitOfWorkFactory:
        return db

    def _fake_fits(db: FakeDatabase) -> UnitOfWorkFactory:
        return db


@pytest.mark.parametrize("kind", ["sqlite", "fake"])
def test_a_unit_of_work_that_raises_writes_nothing_and_one_that_returns_commits(
    tmp_path: Path, kind: str
) -> None:
    db = LocalDatabase(tmp_path / "counter.db") if kind == "sqlite" else FakeDatabase()
    audit = AuditPayload("a1", 4, "drawer.open", "2026-11-25T10:30:00+08:00", {"reason": "x"})
    with pytest.raises(RuntimeError), db.transaction() as uow:
        uow.sync_state.set("k", "v")
        uow.outbox.enqueue(audit)
        raise RuntimeError("power cut")
    with db.snapshot() as uow:
        assert uow.sync_state.get("k") is None and uow.outbox.stats().waiting == 0
    with db.transaction() as uow:
        assert uow.sync_state.next_counter("k") == 1
        op_id = uow.outbox.enqueue(audit)
    with db.snapshot() as uow:
        assert uow.sync_state.get("k") == "1" and uow.outbox.stats().waiting == 1
    assert op_id
    if isinstance(db, LocalDatabase):
        db.dispose()
