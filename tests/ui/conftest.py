"""The counter's window as the UI tests drive it: the demo's services (a warehouse on
loopback and an enrolled till), signed in as the demo cashier, shown, its background
tasks stopped after the test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from counter_app.bootstrap import CounterApp, build_counter
from counter_app.ui.task_runner import TaskRunner


@pytest.fixture
def counter(qtbot: Any, qapp: Any, demo_counter: Any) -> Iterator[CounterApp]:
    services = demo_counter.services
    tasks = TaskRunner()
    built = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(built.window)
    built.window.show()
    yield built
    tasks.shutdown()
