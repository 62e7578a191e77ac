"""Issue 8.8: the status bar contradicted itself ("all synced" beside "1 failed",
"online" after the stock panel showed offline). One pure function decides it all."""

from __future__ import annotations

import itertools

import pytest

from counter_app.services.sync_status import SyncStatus
from counter_app.sync.connectivity import Connectivity
from counter_app.ui.status_bar import QueueShown, status_view

NOT_ONLINE = [Connectivity.UNKNOWN, Connectivity.DEGRADED, Connectivity.OFFLINE]


def _status(waiting: int, failed: int) -> SyncStatus:
    return SyncStatus(
        waiting=waiting, oldest_age_s=75.0 if waiting else None, failed=failed, last_pull_age_s=4.0
    )


@pytest.mark.parametrize(
    ("waiting", "failed", "connectivity", "queue"),
    [
        (0, 0, Connectivity.ONLINE, QueueShown.ALL_SYNCED),
        *[(0, 0, c, QueueShown.ALL_SYNCED) for c in NOT_ONLINE],  # nothing is held back
        (0, 1, Connectivity.ONLINE, QueueShown.NONE_WAITING),  # never "all synced" beside a failure
        *[(0, 1, c, QueueShown.NONE_WAITING) for c in NOT_ONLINE],
        (3, 0, Connectivity.ONLINE, QueueShown.SENDING),
        *[(3, 0, c, QueueShown.WAITING) for c in NOT_ONLINE],  # not "sending" when the link is down
        (3, 2, Connectivity.ONLINE, QueueShown.SENDING),
        *[(3, 2, c, QueueShown.WAITING) for c in NOT_ONLINE],
    ],
)
def test_each_combination_of_outbox_and_link_shows_one_consistent_story(
    waiting: int, failed: int, connectivity: Connectivity, queue: QueueShown
) -> None:
    view = status_view(_status(waiting, failed), connectivity)
    assert view.queue == queue
    assert view.connection == connectivity
    assert (view.waiting, view.failed) == (waiting, failed)
    assert view.oldest_age == ("1m" if waiting else "-")
    assert view.catalog_age == "4s"


def test_before_the_outbox_is_read_nothing_is_claimed() -> None:
    for connectivity in Connectivity:
        view = status_view(None, connectivity)
        assert (view.queue, view.failed, view.connection) == (QueueShown.UNKNOWN, 0, connectivity)


def test_all_synced_never_appears_with_anything_waiting_or_failed() -> None:
    for waiting, failed, connectivity in itertools.product((0, 1, 40), (0, 1, 3), Connectivity):
        view = status_view(_status(waiting, failed), connectivity)
        assert (view.queue == QueueShown.ALL_SYNCED) == (waiting == 0 and failed == 0)


def test_invoice_warnings_come_from_the_same_reading() -> None:
    quiet = status_view(_status(0, 0), Connectivity.ONLINE)
    assert (quiet.invoices_at_risk, quiet.numbers_low) == (False, False)
    late = SyncStatus(
        waiting=2,
        oldest_age_s=26 * 3600.0,
        failed=0,
        last_pull_age_s=4.0,
        oldest_invoice_age_s=26 * 3600.0,
        invoice_numbers_left=12,
        invoice_numbers_low=True,
    )
    view = status_view(late, Connectivity.OFFLINE)
    assert (view.invoices_at_risk, view.invoice_age, view.numbers_low, view.numbers_left) == (
        True,
        "1d",
        True,
        12,
    )
    not_yet = SyncStatus(1, 23 * 3600.0, 0, 4.0, oldest_invoice_age_s=23 * 3600.0)
    assert status_view(not_yet, Connectivity.OFFLINE).invoices_at_risk is False


def test_the_status_bar_shows_the_invoice_warnings() -> None:
    from counter_app.ui.app import ensure_application
    from counter_app.ui.status_bar import CounterStatusBar

    ensure_application("en")
    bar = CounterStatusBar("S001")
    bar.on_sync_status(SyncStatus(1, 90.0, 0, 4.0, invoice_numbers_left=500))
    assert bar.einvoice_label.text() == ""
    bar.on_sync_status(
        SyncStatus(
            3,
            25 * 3600.0,
            0,
            4.0,
            oldest_invoice_age_s=25 * 3600.0,
            invoice_numbers_left=12,
            invoice_numbers_low=True,
        )
    )
    text = bar.einvoice_label.text()
    assert "unsent for 1d" in text and "low: 12 left" in text
    assert "#b00020" in bar.einvoice_label.styleSheet()  # red: the deadline outranks the numbers
