"""Serial (RS-232 / USB-CDC) scanners, emitting the same `scanned(str)` as the wedge.

PySide6-Essentials does not ship QtSerialPort (it is in PySide6-Addons), so
this reads the port with pyserial on a background thread and emits a Qt
signal, which Qt delivers to GUI-thread receivers as a queued call.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import serial
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

SerialFactory = Callable[[str, int], Any]
REOPEN_DELAY_S = 2.0
MAX_CODE_LENGTH = 512


def open_serial(port: str, baudrate: int) -> serial.SerialBase:
    """`port` may be a device ('COM3', '/dev/ttyACM0') or a pyserial URL ('loop://')."""
    return serial.serial_for_url(port, baudrate=baudrate, timeout=0.2)


class SerialScanner(QObject):
    scanned = Signal(str)
    # A code: "connected", "open_failed" or "disconnected" (the UI words it); the detail
    # (the OS error) goes to the log, never to the screen.
    status_changed = Signal(str)

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        terminators: bytes = b"\r\n",
        serial_factory: SerialFactory = open_serial,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.port = port
        self.baudrate = baudrate
        self._terminators = set(terminators)
        self._factory = serial_factory
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run, name=f"scanner-{self.port}", daemon=True
            )
            self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                port = self._factory(self.port, self.baudrate)
            except (serial.SerialException, OSError) as exc:
                log.warning("serial scanner %s cannot be opened: %s", self.port, exc)
                self.status_changed.emit("open_failed")
                self._stop.wait(REOPEN_DELAY_S)
                continue
            self.status_changed.emit("connected")
            try:
                self._read(port)
            except (serial.SerialException, OSError) as exc:
                log.warning("serial scanner %s disconnected: %s", self.port, exc)
                self.status_changed.emit("disconnected")
                self._stop.wait(REOPEN_DELAY_S)
            finally:
                port.close()

    def _read(self, port: Any) -> None:
        buffer = bytearray()
        while not self._stop.is_set():
            chunk = port.read(256)
            for byte in chunk:
                if byte in self._terminators:
                    if buffer:
                        self.scanned.emit(buffer.decode("latin-1"))
                    buffer.clear()
                elif len(buffer) < MAX_CODE_LENGTH:
                    buffer.append(byte)
