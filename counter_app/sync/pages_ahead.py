"""Pull requests in flight ahead of the page being written (see ``ChangePuller``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from counter_app.sync.client import PullPage


class PagesAhead:
    """Requests in flight, oldest first, each with the cursor it starts from.

    The next request starts where the last page ended. While loading from zero it
    also guesses further starts, ``page_size`` apart, so a server with several
    workers reads pages side by side. A guess is safe: a full page holds
    ``page_size`` distinct seqs above its start, so it reaches at least
    ``start + page_size``, where the next guess begins. Seqs skip numbers (the feed
    is compacted), so a guess may overlap pages already applied (re-applying the
    same rows is harmless) or, after a very sparse stretch, start past the cursor;
    the puller then drops the guesses and asks again from the cursor.
    """

    def __init__(
        self,
        pool: ThreadPoolExecutor,
        fetch: Callable[[int], tuple[int, PullPage]],
        page_size: int,
    ) -> None:
        self._pool = pool
        self._fetch = fetch
        self._page_size = page_size
        self._queue: deque[tuple[int, Future[tuple[int, PullPage]]]] = deque()
        self._depth = 1
        self._last_start = 0

    def _submit(self, start: int) -> None:
        self._queue.append((start, self._pool.submit(self._fetch, start)))
        self._last_start = start

    def restart(self, cursor: int, depth: int) -> None:
        self.abandon()
        self._depth = depth
        self._submit(cursor)
        self.top_up(cursor)

    def top_up(self, cursor: int) -> None:
        """The page just received ends at ``cursor``; keep ``depth`` requests in flight."""
        if not self._queue:
            self._submit(cursor)
        while len(self._queue) < self._depth:
            self._submit(self._last_start + self._page_size)

    def next(self) -> tuple[int, int, PullPage]:
        start, future = self._queue.popleft()
        generation, page = future.result()
        return start, generation, page

    def abandon(self) -> None:
        for _start, future in self._queue:
            future.cancel()
        self._queue.clear()
