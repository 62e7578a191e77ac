"""The cyclic garbage collector runs on the GUI thread only (counter_app/ui/gui_thread_gc.py):
a cycle holding a Qt object, left behind while a worker thread allocates well past the
collector's thresholds, is freed on the GUI thread by the collector's timer, never on
the worker (where a Qt destructor waiting for the GIL froze the till)."""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject

from counter_app.ui.gui_thread_gc import GuiThreadCollector, collect_due


class _Node:
    me: Any = None
    widget: QObject | None = None


def test_cycles_are_freed_on_the_gui_thread_not_on_a_worker(qtbot: Any, qapp: Any) -> None:
    gc.enable()  # as before the application exists
    collector = GuiThreadCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        freed_on: list[str] = []
        node = _Node()
        node.me = node
        node.widget = QObject()
        weakref.finalize(node, lambda: freed_on.append(threading.current_thread().name))
        del node

        def churn() -> None:
            for _ in range(50_000):
                cycle: list[Any] = []
                cycle.append(cycle)

        worker = threading.Thread(target=churn, name="db_0")
        worker.start()
        worker.join()
        assert freed_on == []  # the worker allocated past every threshold and freed nothing
        qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
        assert freed_on == [threading.current_thread().name] == ["MainThread"]
    finally:
        collector.deleteLater()


def test_collect_due_follows_the_thresholds() -> None:
    gc.disable()
    gc.collect()
    assert collect_due() == 0  # nothing past the first threshold yet
    for _ in range(gc.get_threshold()[0] + 10):
        cycle: list[Any] = []
        cycle.append(cycle)
    assert collect_due() > 0
