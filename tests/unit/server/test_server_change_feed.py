"""The change feed's rules on a real (temporary) SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from warehouse_api.db import Database
from warehouse_api.models import Base
from warehouse_api.services.change_feed import (
    ensure_feed_state,
    purge_tombstones,
    read_changes,
    record_change,
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.from_url(f"sqlite:///{tmp_path / 'feed.db'}")
    # An empty feed: prepare_database would publish the default tenders into it.
    Base.metadata.create_all(database.engine)
    with database.write() as session:
        ensure_feed_state(session)
    yield database
    database.dispose()


def _page(db: Database, cursor: int = 0, store: int | None = None, everything: bool = False):  # type: ignore[no-untyped-def]
    with db.read() as session, session.begin():
        return read_changes(session, cursor, 100, store, everything)


def test_the_feed_keeps_only_the_latest_state_of_each_entity(db: Database) -> None:
    with db.write() as session:
        record_change(session, "product", 1, {"name": "舊名"})
        record_change(session, "product", 1, {"name": "新名"})  # same transaction: one change
    with db.write() as session:
        record_change(session, "product", 2, {"name": "二"})
    with db.write() as session:
        record_change(session, "product", 1, {"name": "最新"})  # moves to a higher seq

    changes = _page(db).changes
    assert [(c["id"], c["data"]["name"]) for c in changes] == [("2", "二"), ("1", "最新")]
    assert changes[0]["seq"] < changes[1]["seq"]


def test_rolled_back_changes_never_reach_the_feed(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as session:
        record_change(session, "product", 9, {"name": "x"})
        raise RuntimeError("the unit of work failed")
    with db.write() as session:
        record_change(session, "product", 10, {"name": "y"})
    assert [c["id"] for c in _page(db).changes] == ["10"]


def test_scoped_changes_are_seen_by_their_store_and_by_operators_only(db: Database) -> None:
    with db.write() as session:
        record_change(session, "product", 1, {"name": "all"})
        record_change(session, "sale", "s-1", {"total": 1}, scope_location_id=2)
        record_change(session, "sale", "s-2", {"total": 2}, scope_location_id=3)
        record_change(session, "reservation", "gb-1", {"kind": "group_buy"}, scope_location_id=-1)

    def ids(page) -> list[str]:  # type: ignore[no-untyped-def]
        return [c["id"] for c in page.changes]

    assert ids(_page(db, store=2)) == ["1", "s-1"]
    assert ids(_page(db, store=None)) == ["1"]
    assert ids(_page(db, everything=True)) == ["1", "s-1", "s-2", "gb-1"]


def test_a_delete_is_a_tombstone_with_no_data(db: Database) -> None:
    with db.write() as session:
        record_change(session, "staff", 5, {"name": "x"}, scope_location_id=2)
    with db.write() as session:
        record_change(session, "staff", 5, {"name": "x"}, scope_location_id=2, op="delete")
    [change] = _page(db, store=2).changes
    assert (change["op"], change["data"]) == ("delete", None)


def test_the_cursor_skips_other_stores_rows_once_nothing_more_is_visible(db: Database) -> None:
    with db.write() as session:
        record_change(session, "sale", "mine", {}, scope_location_id=2)
    with db.write() as session:
        record_change(session, "sale", "theirs", {}, scope_location_id=3)
    page = _page(db, store=2)
    assert [c["id"] for c in page.changes] == ["mine"]
    assert page.cursor == 2 and page.has_more is False
    assert _page(db, cursor=page.cursor, store=2).changes == []


def test_after_a_purge_stale_cursors_reset_but_a_rebuild_from_zero_pages_through(
    db: Database,
) -> None:
    from datetime import timedelta

    for i in range(1, 31):
        with db.write() as session:
            record_change(session, "product", i, {"name": f"p{i}"})
    stale = _page(db).cursor  # a till that saw everything so far
    for i in (3, 7):
        with db.write() as session:
            record_change(session, "product", i, None, op="delete")
    for i in range(31, 41):
        with db.write() as session:
            record_change(session, "product", i, {"name": f"p{i}"})
    with db.write() as session:
        assert purge_tombstones(session, timedelta(0), now=None) == 2

    with db.read() as session, session.begin():
        assert read_changes(session, stale, 100, None, False).reset  # it missed two deletes
        # A first sync in pages of 5 never meets a reset, and sees only live products.
        seen, cursor, pages = [], 0, 0
        while True:
            page = read_changes(session, cursor, 5, None, False, rebuilding=True)
            assert not page.reset
            seen += [c["id"] for c in page.changes]
            cursor, pages = page.cursor, pages + 1
            if not page.has_more:
                break
    assert pages > 2
    assert sorted(map(int, seen)) == [i for i in range(1, 41) if i not in (3, 7)]


def test_the_page_body_is_the_json_of_its_changes_whatever_the_ids_hold(db: Database) -> None:
    """to_json quotes entities and ids by hand (the json module's C escaper) and pastes
    the stored data: the body must parse to exactly what json.dumps would have said."""
    import json

    odd_ids = ['a"b', "back\\slash", "新竹店:7", "tab\there", "nl\nx", "\u2028", "plain-1"]
    with db.write() as session:
        for n, entity_id in enumerate(odd_ids):
            record_change(session, "product", entity_id, {"name": f"品{n}", "q": '"\\'})
        record_change(session, 'weird"entity', 1, None, op="delete")
    with db.read() as session, session.begin():
        page = read_changes(session, 0, 100, None, True)
    body = json.loads(page.to_json().decode("utf-8"))
    assert body == {
        "changes": page.changes,
        "cursor": page.cursor,
        "has_more": False,
        "reset": False,
    }
    assert [c["id"] for c in body["changes"]] == [*odd_ids, "1"]
    assert body["changes"][-1] == {
        "seq": page.cursor,
        "entity": 'weird"entity',
        "op": "delete",
        "id": "1",
        "data": None,
    }


class _Rows:
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.rows = rows

    def connection(self) -> _Rows:
        return self

    def execute(self, _statement: object, _params: object) -> _Rows:
        return self

    def all(self) -> list[tuple[object, ...]]:
        return list(self.rows)


def test_the_head_row_is_found_and_the_page_ordered_wherever_they_come() -> None:
    """One statement brings the page and the head (UNION ALL): whatever order the
    database returns them in, the page is oldest first and the cursor jumps to the head."""
    page_rows = [(5, "stock", "upsert", "1:2", "{}"), (7, "stock", "upsert", "1:3", "{}")]
    head = (12, None, None, "0", None)
    for order in ([*page_rows, head], [head, *page_rows], [page_rows[1], head, page_rows[0]]):
        page = read_changes(_Rows(order), 4, 100, None, True)  # type: ignore[arg-type]
        assert [row[0] for row in page.rows] == [5, 7]
        assert page.cursor == 12 and not page.has_more and not page.reset
    stale = read_changes(_Rows([(*head[:3], "6", *head[4:])]), 3, 100, None, True)  # type: ignore[arg-type]
    assert stale.reset and stale.cursor == 0


def test_a_statement_sent_with_the_commit_is_refused_inside_a_savepoint(db: Database) -> None:
    """send_with_commit's statement would survive the savepoint's rollback: refused."""
    from warehouse_api.services.change_feed import savepoint, send_with_commit

    with db.write() as session, savepoint(session), pytest.raises(RuntimeError):
        send_with_commit(session, "SELECT 1", {})
