"""Online / degraded / offline, decided from what the relay and the puller see."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from counter_app.core.connectivity import Connectivity

__all__ = ["Connectivity", "ConnectivityMonitor"]

FAILURES_UNTIL_OFFLINE = 3


Listener = Callable[[Connectivity], None]


class ConnectivityMonitor:
    """Thread-safe; listeners are called on the reporting thread, outside the lock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._state = Connectivity.UNKNOWN
        self._failures = 0
        self._clock = clock
        self.last_success_at: float | None = None
        self.last_error: str = ""
        # How many calls ever reached the warehouse: the relay compares it to decide
        # that the link is back (the puller or a stock look-up got through).
        self.successes = 0
        self._listeners: list[Listener] = []

    @property
    def state(self) -> Connectivity:
        return self._state

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def report_success(self) -> None:
        with self._lock:
            self._failures = 0
            self.successes += 1
            self.last_success_at = self._clock()
            self.last_error = ""
            changed = self._set(Connectivity.ONLINE)
        self._notify(changed)

    def report_failure(self, error: str) -> None:
        with self._lock:
            self._failures += 1
            self.last_error = error
            offline = self._failures >= FAILURES_UNTIL_OFFLINE or self._state in (
                Connectivity.UNKNOWN,
                Connectivity.OFFLINE,
            )
            changed = self._set(Connectivity.OFFLINE if offline else Connectivity.DEGRADED)
        self._notify(changed)

    def _set(self, state: Connectivity) -> Connectivity | None:
        if state == self._state:
            return None
        self._state = state
        return state

    def _notify(self, changed: Connectivity | None) -> None:
        if changed is None:
            return
        for listener in list(self._listeners):
            listener(changed)
