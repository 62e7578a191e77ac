"""Client-generated identifiers: UUIDv7 (time-ordered), receipt numbers, pickup codes."""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid
from datetime import date

PICKUP_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0


class _Uuid7Generator:
    """UUIDv7 with a 12-bit counter in ``rand_a`` (RFC 9562, method 1), so ids made
    in the same millisecond still sort in creation order: the outbox relies on it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = 0
        self._counter = 0

    def __call__(self) -> str:
        with self._lock:
            ms = time.time_ns() // 1_000_000
            if ms > self._last_ms:
                self._last_ms = ms
                self._counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave headroom
            else:
                self._counter += 1
                if self._counter > 0xFFF:  # 4096 ids in one ms: borrow the next ms
                    self._last_ms += 1
                    self._counter = 0
            ms, counter = self._last_ms, self._counter
        rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76  # version
        value |= counter << 64  # rand_a used as a counter
        value |= 0b10 << 62  # variant
        value |= rand_b
        return str(uuid.UUID(int=value))


uuid7 = _Uuid7Generator()


# The first letter of every number a till issues says what it numbers.
RECEIPT_PREFIX = "R"
RETURN_PREFIX = "T"  # 退貨
DROPSHIP_PREFIX = "D"
PICKUP_SLIP_PREFIX = "K"  # 取貨單 ("PU" is taken by the warehouse's pickup codes)
NEVER_ENROLLED_TILL = "0"  # real till numbers start at 1


def till_tag(till_no: int | None, device_id: int | None) -> str:
    """The till part of a number: its short number in the store (``2``), assigned at
    enrollment. A till enrolled before till numbers existed uses ``D<device id>`` until it
    learns its number: device ids are unique across the chain and the ``D`` keeps the two
    forms apart. A till never enrolled cannot push, so its numbers never meet another's."""
    if till_no is not None and till_no > 0:
        return str(till_no)
    if device_id is not None and device_id > 0:
        return f"D{device_id}"
    return NEVER_ENROLLED_TILL


def document_number(prefix: str, store_code: str, till: str, day: date, sequence: int) -> str:
    """`<prefix><store>-<till>-<YYMMDD>-<NNNN>`, e.g. ``RS001-2-261201-0042``: unique across
    the chain without asking the network (store, till, day and that till's counter),
    and short enough to read over the phone."""
    return f"{prefix}{store_code}-{till}-{day:%y%m%d}-{sequence:04d}"


def receipt_number(store_code: str, day: date, sequence: int, *, till: str) -> str:
    """`R<store>-<till>-<YYMMDD>-<NNNN>`; see ``document_number``."""
    return document_number(RECEIPT_PREFIX, store_code, till, day, sequence)


def pickup_code() -> str:
    """`PU` + 8 characters a person can read out without confusing 0/O or 1/I."""
    return "PU" + "".join(secrets.choice(PICKUP_ALPHABET) for _ in range(8))
