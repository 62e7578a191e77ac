"""Python's cyclic garbage collector run on the GUI thread only.

A Qt object caught in a reference cycle is freed when the cyclic collector runs, and
the collector runs in whichever thread happens to allocate past its threshold: the
database thread, a network or printer thread. There the object's C++ destructor takes
Qt's connection lock and then waits for the GIL, while the GUI thread, holding the
GIL, waits for that lock to connect a signal: the till freezes for good. Seen in the
test suite (2026-12-03): the daily purge of dropship customers on the database thread
collected a closed screen's widgets while the GUI thread was building a table.

So once the application exists the automatic collector is off and `GuiThreadCollector`
collects on a timer in the GUI thread, the generations whose thresholds are passed,
as the automatic collector would. Objects without cycles are freed at once as always
(reference counting); only cycles wait, at most one interval.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_due() -> int:
    """Collect the generations whose thresholds are passed (the automatic collector's
    rule); the number of objects found unreachable."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    generation = -1
    for index in range(3):
        if counts[index] <= thresholds[index]:
            break
        generation = index
    return gc.collect(generation) if generation >= 0 else 0


class GuiThreadCollector(QObject):
    """Turns the automatic collector off and collects on the thread it lives in (create
    it on the GUI thread, parented to the application)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(collect_due)
        self._timer.start(interval_ms)
