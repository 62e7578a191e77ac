"""Runs the relay and the puller on their own threads, never on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay

log = logging.getLogger(__name__)


class _Loop:
    """Calls ``step`` now, then every ``interval_s`` or when woken, until stopped."""

    def __init__(self, name: str, step: Callable[[], object], interval_s: float) -> None:
        self._step = step
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._step()
            except Exception:  # a bug: log it with context and keep the till syncing
                log.exception("%s step failed", self._thread.name)
            self._wake.wait(self._interval_s)
            self._wake.clear()


class BackgroundSync:
    def __init__(
        self,
        relay: OutboxRelay,
        puller: ChangePuller,
        push_interval_s: float = 2.0,
        pull_interval_s: float = 5.0,
        extra_steps: Sequence[tuple[str, Callable[[], object], float]] = (),
    ) -> None:
        self.relay = relay
        self.puller = puller
        self._push = _Loop("outbox-relay", relay.drain, push_interval_s)
        self._pull = _Loop("change-puller", puller.pull_until_current, pull_interval_s)
        # Other periodic sync work, each on its own thread: (name, step, interval in s),
        # e.g. topping up e-invoice booklets.
        self._extra = [_Loop(name, step, interval) for name, step, interval in extra_steps]

    def start(self) -> None:
        self.relay.recover()
        self._push.start()
        self._pull.start()
        for loop in self._extra:
            loop.start()

    def push_soon(self) -> None:
        """Called after a sale is committed locally."""
        self._push.wake()

    def pull_soon(self) -> None:
        self._pull.wake()

    def stop(self) -> None:
        self._push.stop()
        self._pull.stop()
        for loop in self._extra:
            loop.stop()
