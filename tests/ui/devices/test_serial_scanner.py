"""A serial scanner on pyserial's loopback port emits each code once."""

from __future__ import annotations

from typing import Any

import serial
from pytestqt.qtbot import QtBot

from counter_app.devices.serial_scanner import SerialScanner


def test_codes_terminated_by_cr_or_crlf_are_emitted(qtbot: QtBot) -> None:
    loop = serial.serial_for_url("loop://", timeout=0.05)

    def factory(port: str, baud: int) -> Any:
        assert (port, baud) == ("loop://", 9600)
        return loop

    scanner = SerialScanner("loop://", serial_factory=factory)
    codes: list[str] = []
    scanner.scanned.connect(codes.append)
    scanner.start()
    try:
        loop.write(b"4711234567890\r\nRS001-261125-0042\r")
        loop.write(b"PU7K3M9Q2X\n")
        qtbot.waitUntil(lambda: len(codes) == 3, timeout=2000)
    finally:
        scanner.stop()
    assert codes == ["4711234567890", "RS001-261125-0042", "PU7K3M9Q2X"]


def test_unopenable_port_reports_status(qtbot: QtBot) -> None:
    scanner = SerialScanner("/dev/does-not-exist-scanner")
    with qtbot.waitSignal(scanner.status_changed, timeout=2000) as blocker:
        scanner.start()
    scanner.stop()
    assert blocker.args[0] == "open_failed"  # a code; the UI words it, the OS error is logged
