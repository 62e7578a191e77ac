"""Printer problems, said as whose fault they are: codes only. The UI words them in
its own language (`counter_app.ui.device_messages`)."""

from __future__ import annotations

import socket
from enum import StrEnum


class PrinterProblem(StrEnum):
    OFFLINE = "offline"  # off, unplugged, unreachable: wait and retry
    PAPER_OUT = "paper_out"
    PERMISSION_DENIED = "permission_denied"  # Linux USB without a udev rule
    NOT_FOUND = "not_found"  # no such USB device / queue / port
    MISSING_DRIVER = "missing_driver"  # pyusb / pywin32 / pycups not installed
    BAD_CONFIG = "bad_config"


class PrinterError(Exception):
    """The environment kept a job from printing; the job can wait and retry.

    `partial`: the failure came after bytes of the job had started to go out, so part of
    it may be on paper (the queue then prints it again in full, marked as a reprint).
    `detail` is technical text for the log, not for the screen."""

    def __init__(self, problem: PrinterProblem, detail: str = "", *, partial: bool = False) -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail
        self.partial = partial


def classify(exc: BaseException) -> PrinterProblem:
    """Map an exception from a connection to what the cashier should do about it."""
    if isinstance(exc, PrinterError):
        return exc.problem
    text = " ".join(str(e) for e in _chain(exc)).lower()
    if (
        isinstance(exc, PermissionError)
        or "errno 13" in text
        or "access denied" in text
        or ("insufficient permissions" in text)
    ):
        return PrinterProblem.PERMISSION_DENIED
    chain = _chain(exc)
    if any(isinstance(e, ConnectionError | TimeoutError | socket.gaierror) for e in chain):
        return PrinterProblem.OFFLINE  # refused, reset, unreachable, no answer
    if (
        ("requires" in text and "library" in text)
        or "no backend available" in text
        or isinstance(exc, ImportError)
    ):
        return PrinterProblem.MISSING_DRIVER
    if "not found" in text or "no such file" in text or isinstance(exc, FileNotFoundError):
        return PrinterProblem.NOT_FOUND
    return PrinterProblem.OFFLINE


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen
