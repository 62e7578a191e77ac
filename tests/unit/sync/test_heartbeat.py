"""The till's heartbeat report, read from its real local database: what waits, what
failed, how old the oldest waiting op is (never negative, never past the warehouse's
bound), the local schema version and the pull cursor; a heartbeat that gets no answer
or a refusal is not an error for the till."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from counter_app.local import outbox, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import SCHEMA_VERSION
from counter_app.sync.client import WarehouseProblem, WarehouseUnreachable
from counter_app.sync.heartbeat import MAX_AGE_S, HeartbeatSender, heartbeat_report
from counter_app.sync.puller import CURSOR_KEY


def _enqueue(db: LocalDatabase, n: int) -> list[str]:
    with db.unit_of_work() as session:
        return [outbox.enqueue(session, "sale", f"sale:{i}", {"i": i}) for i in range(n)]


def _oldest(db: LocalDatabase) -> datetime:
    with db.read() as session:
        made = outbox.stats(session).oldest_created_at
    assert made is not None
    return datetime.fromisoformat(made)


def test_an_empty_outbox_reports_nothing_waiting(db: LocalDatabase) -> None:
    report = heartbeat_report(db, "1.2.3")
    assert report == {
        "outbox_waiting": 0,
        "outbox_failed": 0,
        "oldest_waiting_age_s": None,
        "app_version": "1.2.3",
        "local_schema": SCHEMA_VERSION,
        "pull_cursor": None,
    }


def test_waiting_failed_age_and_cursor(db: LocalDatabase) -> None:
    first, *_ = _enqueue(db, 3)
    with db.unit_of_work() as session:
        outbox.mark_rejected(session, first, "unknown_product", "no product 99")
        sync_state.set_value(session, CURSOR_KEY, "4711")
    oldest = _oldest(db)
    report = heartbeat_report(db, now=oldest + timedelta(minutes=20, seconds=5))
    assert (report["outbox_waiting"], report["outbox_failed"]) == (2, 1)
    assert report["oldest_waiting_age_s"] == 1205
    assert report["pull_cursor"] == 4711


@pytest.mark.parametrize(
    ("shift", "age"),
    [(timedelta(hours=-2), 0), (timedelta(days=400), MAX_AGE_S)],
    ids=["clock-set-back", "clock-far-ahead"],
)
def test_a_wrong_clock_gives_an_age_the_warehouse_takes(
    db: LocalDatabase, shift: timedelta, age: int
) -> None:
    _enqueue(db, 1)
    assert heartbeat_report(db, now=_oldest(db) + shift)["oldest_waiting_age_s"] == age


class _Client:
    def __init__(self, error: Exception | None = None) -> None:
        self.sent: list[dict[str, Any]] = []
        self._error = error

    def heartbeat(self, report: dict[str, Any]) -> dict[str, Any]:
        self.sent.append(report)
        if self._error is not None:
            raise self._error
        return {}


def test_the_sender_sends_the_report(db: LocalDatabase) -> None:
    _enqueue(db, 2)
    client = _Client()
    sender = HeartbeatSender(db, client, "9.9.9")  # type: ignore[arg-type]
    assert sender.beat() is True
    [sent] = client.sent
    assert (sent["outbox_waiting"], sent["app_version"]) == (2, "9.9.9")


@pytest.mark.parametrize(
    "error",
    [WarehouseUnreachable("timed out"), WarehouseProblem(404, "not_found", "older warehouse")],
)
def test_no_answer_or_a_refusal_is_logged_not_raised(db: LocalDatabase, error: Exception) -> None:
    client = _Client(error)
    assert HeartbeatSender(db, client).beat() is False  # type: ignore[arg-type]
    assert len(client.sent) == 1
