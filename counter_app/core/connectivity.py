"""How well the warehouse answers, as the till last saw it (the status bar shows it)."""

from __future__ import annotations

from enum import StrEnum


class Connectivity(StrEnum):
    UNKNOWN = "unknown"  # nothing tried yet
    ONLINE = "online"  # the last call succeeded
    DEGRADED = "degraded"  # a call or two failed after a success: maybe a blip
    OFFLINE = "offline"  # several calls in a row failed
