from __future__ import annotations

import threading
import time

from counter_app.sync.background import BackgroundSync


class _Recorder:
    def __init__(self, fail_first: bool = False) -> None:
        self.threads: list[str] = []
        self.called = threading.Event()
        self._fail_first = fail_first

    def step(self) -> None:
        self.threads.append(threading.current_thread().name)
        self.called.set()
        if self._fail_first and len(self.threads) == 1:
            raise RuntimeError("a bug in one step")

    def recover(self) -> int:
        return 0


class _Relay(_Recorder):
    def drain(self) -> None:
        self.step()


class _Puller(_Recorder):
    def pull_until_current(self) -> None:
        self.step()


def test_sync_runs_off_the_callers_thread_and_survives_a_failing_step() -> None:
    relay, puller = _Relay(fail_first=True), _Puller()
    background = BackgroundSync(relay, puller, push_interval_s=30, pull_interval_s=30)  # type: ignore[arg-type]
    background.start()
    try:
        assert relay.called.wait(5) and puller.called.wait(5)
        relay.called.clear()
        started = time.monotonic()
        background.push_soon()  # a sale was just committed: no 30 s wait
        assert relay.called.wait(5)
        assert time.monotonic() - started < 5
    finally:
        background.stop()
    caller = threading.current_thread().name
    assert caller not in relay.threads + puller.threads
    assert relay.threads == ["outbox-relay", "outbox-relay"]  # the loop outlived the bug
