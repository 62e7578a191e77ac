"""Client-generated identifiers: UUIDv7 (time-ordered), receipt numbers, pickup codes."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from datetime import date

PICKUP_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0


def uuid7() -> str:
    """A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b
    return str(uuid.UUID(int=value))


def receipt_number(store_code: str, day: date, sequence: int) -> str:
    """`R<store>-<YYMMDD>-<NNNN>`: unique per store and day, readable over the phone."""
    return f"R{store_code}-{day:%y%m%d}-{sequence:04d}"


def pickup_code() -> str:
    """`PU` + 8 characters a person can read out without confusing 0/O or 1/I."""
    return "PU" + "".join(secrets.choice(PICKUP_ALPHABET) for _ in range(8))
