"""A new till enrolls, loads its catalogue and staff before sign-in, and staff sign in
with their PIN (checked off the GUI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import build_services
from counter_app.ui.first_sync import run_first_sync
from counter_app.ui.sign_in_dialog import SignInDialog
from counter_app.ui.task_runner import TaskRunner


@pytest.fixture
def new_till(tmp_path: Path, demo_counter: Any) -> Any:
    from warehouse_api.embedded import issue_enrollment_code

    code = issue_enrollment_code(demo_counter.warehouse_url, "S002")
    services = build_services(
        tmp_path / "till", demo_counter.server.url, enrollment_code=code, use_keyring=False
    )
    yield services
    services.close()


def test_first_sync_then_pin_sign_in(qtbot: Any, new_till: Any) -> None:
    tasks = TaskRunner()
    try:
        assert new_till.store.code == "S002"
        assert new_till.staff.first_with_role("cashier") is None  # nothing cached yet
        assert run_first_sync(new_till.puller, tasks) is True
        assert new_till.catalog.product_count() > 0

        dialog = SignInDialog(new_till.staff, tasks, new_till.store.name)
        qtbot.addWidget(dialog)
        dialog.pin.setText("0000")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: dialog.error.text() != "")
        assert dialog.member is None and dialog.pin.text() == ""
        dialog.pin.setText("1234")
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            dialog.buttons.accepted.emit()
        assert dialog.member is not None and dialog.member.role == "cashier"
    finally:
        tasks.shutdown()
