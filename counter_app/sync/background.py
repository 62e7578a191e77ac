"""Runs the relay and the puller on their own threads, never on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from counter_app.sync.connectivity import Connectivity, ConnectivityMonitor
from counter_app.sync.puller import ChangePuller
from counter_app.sync.relay import OutboxRelay

log = logging.getLogger(__name__)


class _Loop:
    """Calls ``step`` now, then every ``interval_s`` or when woken, until stopped."""

    def __init__(
        self,
        name: str,
        step: Callable[[], object],
        interval_s: float,
        next_wait: Callable[[float], float] | None = None,
    ) -> None:
        self._step = step
        self._interval_s = interval_s
        self._next_wait = next_wait
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
            wait = self._interval_s
            if self._next_wait is not None:
                try:
                    wait = self._next_wait(self._interval_s)
                except Exception:
                    log.exception("%s next_wait failed", self._thread.name)
            self._wake.wait(wait)
            self._wake.clear()


class BackgroundSync:
    def __init__(
        self,
        relay: OutboxRelay,
        puller: ChangePuller,
        push_interval_s: float = 2.0,
        pull_interval_s: float = 5.0,
        connectivity: ConnectivityMonitor | None = None,
    ) -> None:
        self._connectivity = connectivity
        self.relay = relay
        self.puller = puller
        retry_in = getattr(relay, "seconds_until_retry", None)  # test doubles may lack it
        self._push = _Loop("outbox-relay", relay.drain, push_interval_s, retry_in)
        self._pull = _Loop("change-puller", puller.pull_until_current, pull_interval_s)

    def start(self) -> None:
        self.relay.recover()
        if self._connectivity is not None:
            # The link is back (any call got through): push what waits now, not at the
            # relay's next tick, so the till learns of its acks promptly after an outage.
            self._connectivity.subscribe(self._on_connectivity)
        self._push.start()
        self._pull.start()

    def _on_connectivity(self, state: Connectivity) -> None:
        if state == Connectivity.ONLINE:
            self._push.wake()

    def push_soon(self) -> None:
        """Called after a sale is committed locally."""
        self._push.wake()

    def pull_soon(self) -> None:
        self._pull.wake()

    def stop(self) -> None:
        self._push.stop()
        self._pull.stop()
