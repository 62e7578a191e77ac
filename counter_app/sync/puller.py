"""The change puller: pages through the server's feed into the cache."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from counter_app.local import cache_writer, search_index, stock_deltas, sync_state
from counter_app.local.db import LocalDatabase
from counter_app.local.outbox import now_iso
from counter_app.sync.client import (
    PullPage,
    WarehouseClient,
    WarehouseProblem,
    WarehouseUnreachable,
)
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.pages_ahead import PagesAhead

log = logging.getLogger(__name__)

CURSOR_KEY = "pull_cursor"
LAST_PULL_KEY = "last_pull_at"
# Set while a pull from zero loads the catalog without trigram triggers; cleared by the
# page that reaches the head, in the same transaction that rebuilds the index.
BULK_LOAD_KEY = "search_rebuild_pending"
# A reset bumps the epoch and re-pulls from zero into the cache it has; the page that
# reaches the head sweeps the rows still stamped with an older epoch.
EPOCH_KEY = "pull_epoch"
REPULL_KEY = "repull_in_progress"
PAGE_SIZE = 5000
PULL_DEPTH = 2  # requests in flight while loading from zero


@dataclass(frozen=True, slots=True)
class PullOutcome:
    pages: int = 0
    changes: int = 0
    reset: bool = False
    unreachable: bool = False


class ChangePuller:
    def __init__(
        self,
        db: LocalDatabase,
        client: WarehouseClient,
        connectivity: ConnectivityMonitor,
        on_change: Callable[[int], None] = lambda _n: None,
        page_size: int = PAGE_SIZE,
        depth: int = PULL_DEPTH,
    ) -> None:
        self._db = db
        self._client = client
        self._connectivity = connectivity
        self._on_change = on_change
        self._page_size = page_size
        self._depth = max(1, depth)
        self._rebuilding = False

    def cursor(self) -> int:
        with self._db.read() as session:
            return int(sync_state.get_value(session, CURSOR_KEY, "0") or 0)

    def pull_until_current(self, max_pages: int = 10_000) -> PullOutcome:
        """Pull pages until has_more is false. Each page commits with its cursor (and the
        release of the local stock deltas its figures now include), so a crash resumes
        from the last committed page. A reset re-pulls from zero into the cache it has
        (lookups keep working meanwhile) and, at the head, sweeps what it did not see;
        the journal, the outbox and the local deltas are never touched.

        Pages are requested ahead while the current one is written, so a long pull
        costs about max(server, cache writes), not their sum; see ``PagesAhead``. A
        page fetched ahead and never applied is simply fetched again next time.
        """
        pages = changes = 0
        reset = False
        cursor = self.cursor()
        with self._db.read() as session:
            # Load without trigram triggers only into an empty catalog (or to finish such
            # a load): rows changed while triggers are off must never meet them later.
            bulk = sync_state.get_value(session, BULK_LOAD_KEY) == "1" or (
                cursor == 0 and cache_writer.count_products(session) == 0
            )
            # From an empty cache, or re-pulling after a reset (swept at the head), every
            # cursor of this round is below any purge point and that is fine.
            self._rebuilding = bulk or sync_state.get_value(session, REPULL_KEY) == "1"
        with ThreadPoolExecutor(self._depth, thread_name_prefix="pull-ahead") as pool:
            ahead = PagesAhead(pool, self._fetch, self._page_size)
            ahead.restart(cursor, self._depth if bulk else 1)
            while pages < max_pages:
                try:
                    start, generation, page = ahead.next()
                except (WarehouseUnreachable, WarehouseProblem) as exc:
                    ahead.abandon()
                    self._connectivity.report_failure(str(exc))
                    return PullOutcome(pages, changes, reset, unreachable=True)
                self._connectivity.report_success()
                if page.reset:
                    ahead.abandon()
                    if reset:
                        # Reset again while re-pulling from zero: clearing once more would
                        # only throw away what this round fetched. Stop; retry next round.
                        log.error("change feed reset again at cursor %s while re-pulling", cursor)
                        return PullOutcome(pages, changes, reset)
                    log.warning("change feed reset at cursor %s: re-pulling from zero", cursor)
                    with self._db.unit_of_work() as session:
                        # Keep the cache (the till keeps scanning during the re-pull); rows
                        # the re-pull does not rewrite are swept when it reaches the head.
                        sync_state.next_counter(session, EPOCH_KEY)
                        sync_state.set_value(session, REPULL_KEY, "1")
                        sync_state.set_value(session, CURSOR_KEY, "0")
                    cursor, reset = 0, True
                    self._rebuilding = True
                    ahead.restart(0, self._depth)
                    continue
                if start > cursor:  # a guess ran past a sparse stretch: no gaps, ask again
                    ahead.restart(cursor, self._depth if bulk else 1)
                    continue
                if page.has_more and page.cursor <= cursor:
                    continue  # a guess wholly inside pages already applied
                if page.has_more:
                    ahead.top_up(page.cursor)
                applied = self._apply(page, generation, bulk)
                cursor = page.cursor
                pages += 1
                changes += applied
                if applied:
                    self._on_change(applied)
                if not page.has_more:
                    break
            ahead.abandon()
        return PullOutcome(pages, changes, reset)

    def _fetch(self, cursor: int) -> tuple[int, PullPage]:
        with self._db.unit_of_work() as session:
            generation = stock_deltas.begin_fetch(session)  # committed before the request
        return generation, self._client.pull(cursor, self._page_size, rebuilding=self._rebuilding)

    def _apply(self, page: PullPage, generation: int, bulk: bool) -> int:
        received_at = now_iso()
        # Read only when an acknowledged local delta is waiting for a figure (rarely).
        stock_keys = (
            cache_writer.stock_key(str(c["id"])) for c in page.changes if c["entity"] == "stock"
        )
        with self._db.unit_of_work() as session:
            epoch = int(sync_state.get_value(session, EPOCH_KEY, "0") or 0)
            if bulk:
                search_index.suspend_trigram_triggers(session)
                sync_state.set_value(session, BULK_LOAD_KEY, "1")
            applied = cache_writer.apply_feed_page(session, page.changes, received_at, epoch)
            if not page.has_more and sync_state.get_value(session, REPULL_KEY) == "1":
                swept = cache_writer.sweep_unseen(session, epoch)
                sync_state.set_value(session, REPULL_KEY, "0")
                log.warning("re-pull after a reset finished; %s cached rows were gone", swept)
            if bulk and not page.has_more:
                search_index.rebuild_trigram_index(session)
                sync_state.set_value(session, BULK_LOAD_KEY, "0")
            stock_deltas.settle_with_page(session, generation, stock_keys, not page.has_more)
            sync_state.set_value(session, CURSOR_KEY, str(page.cursor))
            sync_state.set_value(session, LAST_PULL_KEY, received_at)
        return applied
