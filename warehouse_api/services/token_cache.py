"""Device tokens remembered between requests, so a request does not pay a look-up each time.

Every request with a device token used to read its `devices` row (one statement on a
pooled connection: 0.3-0.4 ms of the server's CPU, a tenth of a pushed sale). A till
sends a request every few seconds with the same token, so the process keeps what the
look-up found, keyed by the token's SHA-256, and asks the database instead, at most once
per `recheck_seconds` (default 1 s), whether any device was revoked since: one
`SELECT count(*), count(revoked_at) FROM devices` (a few hundred rows) per process per
interval, not one per request. When those figures move, everything remembered is
forgotten and the next request of every device looks itself up again.

How soon a revocation bites:

* in the process that revoked (the admin route, the console): at once, its commit
  moves this process's generation;
* in any other worker or server on the same database: at the first request after that
  process's next recheck, so within `recheck_seconds` of the commit (plus the time of a
  request already past its token check);
* a revocation written by hand in the database (`UPDATE devices SET revoked_at = ...`)
  counts the same way; a deleted devices row changes the count too.

Only devices found are remembered (an unknown token is looked up every time: nothing to
fill memory with), for at most `MAX_AGE_S` each, `MAX_ENTRIES` in all. A device's role,
store and till number never change after it is issued; revocation is the only change.
`recheck_seconds = 0` turns this off: every request looks its token up, as before.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse_api.models import Device
from warehouse_api.services.devices import GENERATION, AuthenticatedDevice

MAX_AGE_S = 300.0
MAX_ENTRIES = 20_000

_REVOCATION_FIGURES = select(func.count(), func.count(Device.revoked_at)).select_from(Device)


def revocation_figures(session: Session) -> tuple[int, int]:
    """(devices, revoked devices): both only grow while no row is deleted, and a
    revocation changes the second (`revoke_device` sets `revoked_at` once)."""
    total, revoked = session.execute(_REVOCATION_FIGURES).one()
    return int(total), int(revoked)


@dataclass(frozen=True, slots=True)
class _Entry:
    device: AuthenticatedDevice
    generation: int
    until: float


class TokenCache:
    def __init__(self, recheck_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        self._figures: tuple[int, int] | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.recheck_seconds > 0

    def recheck_due(self) -> bool:
        return self._clock() - self._checked_at >= self.recheck_seconds

    def recheck(self, figures: tuple[int, int]) -> None:
        """The devices' figures just read from the database: forget everything if they
        moved since the last look."""
        with self._lock:
            self._checked_at = self._clock()
            if self._figures is not None and figures != self._figures:
                GENERATION.bump()
                self._entries.clear()
            self._figures = figures

    def generation(self) -> int:
        """Read before a look-up: what it finds is remembered under this number."""
        return GENERATION.value

    def get(self, token_sha256: str) -> AuthenticatedDevice | None:
        entry = self._entries.get(token_sha256)
        if entry is None:
            return None
        if entry.generation != GENERATION.value or entry.until < self._clock():
            self._entries.pop(token_sha256, None)
            return None
        return entry.device

    def put(self, token_sha256: str, device: AuthenticatedDevice, generation: int) -> None:
        if generation != GENERATION.value:
            return  # a revocation was seen while this look-up ran: it may be stale
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[token_sha256] = _Entry(device, generation, self._clock() + MAX_AGE_S)
