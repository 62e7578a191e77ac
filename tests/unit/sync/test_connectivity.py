from __future__ import annotations

from counter_app.sync.connectivity import FAILURES_UNTIL_OFFLINE, Connectivity, ConnectivityMonitor


def test_a_blip_after_success_is_degraded_then_offline_after_repeated_failures() -> None:
    seen: list[Connectivity] = []
    monitor = ConnectivityMonitor(clock=lambda: 100.0)
    monitor.subscribe(seen.append)
    monitor.report_success()
    monitor.report_failure("timeout")
    assert monitor.state == Connectivity.DEGRADED
    for _ in range(FAILURES_UNTIL_OFFLINE - 1):
        monitor.report_failure("timeout")
    assert monitor.state == Connectivity.OFFLINE
    assert monitor.last_error == "timeout" and monitor.last_success_at == 100.0
    monitor.report_success()
    # Listeners hear each change once, not every report.
    assert seen == [
        Connectivity.ONLINE,
        Connectivity.DEGRADED,
        Connectivity.OFFLINE,
        Connectivity.ONLINE,
    ]
    assert monitor.last_error == ""


def test_a_first_failure_is_offline_not_degraded() -> None:
    monitor = ConnectivityMonitor()
    assert monitor.state == Connectivity.UNKNOWN
    monitor.report_failure("connection refused")
    assert monitor.state == Connectivity.OFFLINE
