"""One price, on the real server (SQLite and PostgreSQL): the report lists counter price
overrides per store and product with their reasons and what they gave away, and the
group-buy channel's prices that differ from the catalogue's, until a manager marks one
deliberate; bad input gets a clear error and changes nothing."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from server_testkit import Server, assert_problem, new_id, push, sale_op, set_available
from sqlalchemy import func, select, update

from warehouse_api.cli import main
from warehouse_api.models import Product, ReservationLine
from warehouse_api.planning_models import PriceDecision

CHEAP, DEAR, SAME, PLAIN = 11, 12, 13, 14  # demo product ids


def _price(server: Server, product_id: int) -> int:
    with server.db.read() as session:
        price = session.scalar(select(Product.price_cents).where(Product.id == product_id))
    assert price is not None
    return price


def _sale(product_id: int, qty: int, list_cents: int, unit_cents: int, **line: Any) -> Any:
    operation = sale_op(product_id, qty, price_cents=unit_cents)
    payload = operation["payload"]
    payload["created_at"] = datetime.now(UTC).isoformat()
    payload["lines"][0].update(list_price_cents=list_cents, **line)
    discount = line.get("discount_cents", 0)
    payload["lines"][0]["line_total_cents"] = unit_cents * qty - discount
    payload["total_cents"] = unit_cents * qty - discount
    payload["payments"][0].update(
        amount_cents=payload["total_cents"], tendered_cents=payload["total_cents"]
    )
    return operation


def _order(server: Server, lines: list[dict[str, Any]]) -> Any:
    with server.client(server.token("group_buy")) as client:
        return client.post(
            "/group-buy/orders", json={"lines": lines}, headers={"Idempotency-Key": new_id()}
        )


def _report(server: Server, token: str, days: int = 30) -> dict[str, Any]:
    with server.client(token) as client:
        response = client.get("/reports/prices", params={"days": days})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _mark(server: Server, token: str, **body: Any) -> Any:
    with server.client(token) as client:
        return client.post("/reports/prices/deliberate", json=body)


def test_overrides_are_listed_per_store_and_product_with_reasons_and_nt_given_away(
    server: Server,
) -> None:
    till = server.enroll("S001")
    listed = _price(server, PLAIN)
    results = push(
        server,
        till,
        _sale(PLAIN, 2, listed, listed - 500, override_reason="外盒破損"),
        _sale(PLAIN, 1, listed, listed - 300, override_reason="外盒破損"),
        _sale(PLAIN, 1, listed, listed - 100, override_reason="熟客"),
        _sale(CHEAP, 1, listed, listed + 200, override_reason="包裝加價"),  # raised
        _sale(SAME, 3, listed, listed),  # the list price: not an override
        _sale(DEAR, 2, listed, listed, discount_cents=300),  # a discount, not an override
    )
    assert [r["status"] for r in results] == ["applied"] * 6
    report = _report(server, server.token("operator"))
    by_product = {o["product_id"]: o for o in report["overrides"]}
    assert set(by_product) == {PLAIN, CHEAP}
    plain = by_product[PLAIN]
    assert (plain["location_code"], plain["lines"], plain["units"]) == ("S001", 3, 4)
    assert plain["given_away_cents"] == 500 * 2 + 300 + 100
    assert plain["reasons"] == {"外盒破損": 2, "熟客": 1}
    assert by_product[CHEAP]["given_away_cents"] == -200
    assert report["given_away_cents"] == 1400 - 200
    assert report["open_conflicts"] == [] and report["deliberate_conflicts"] == []


def test_channel_price_conflicts_both_ways_until_marked_deliberate(server: Server) -> None:
    wh01 = server.location_id("WH01")
    for product in (CHEAP, DEAR, SAME, PLAIN):
        set_available(server.db, wh01, product, 50)
    cheap, dear, same = _price(server, CHEAP), _price(server, DEAR), _price(server, SAME)
    placed = [
        _order(server, [{"product_id": CHEAP, "qty": 2, "unit_price_cents": cheap - 1000}]),
        _order(server, [{"product_id": CHEAP, "qty": 1, "unit_price_cents": cheap - 1000}]),
        _order(
            server,
            [
                {"product_id": DEAR, "qty": 1, "unit_price_cents": dear + 500},
                {"product_id": SAME, "qty": 1, "unit_price_cents": same},  # agrees: no conflict
                {"product_id": PLAIN, "qty": 1},  # no price sent: nothing to compare
            ],
        ),
    ]
    assert [r.status_code for r in placed] == [201, 201, 201], placed[-1].text
    with server.db.read() as session:
        stored = dict(
            session.execute(
                select(ReservationLine.product_id, ReservationLine.unit_price_cents).where(
                    ReservationLine.product_id.in_([DEAR, SAME, PLAIN])
                )
            ).all()
        )
    assert stored == {DEAR: dear + 500, SAME: same, PLAIN: None}

    operator = server.token("operator")
    report = _report(server, operator)
    open_ = {c["product_id"]: c for c in report["open_conflicts"]}
    assert set(open_) == {CHEAP, DEAR}
    assert (open_[CHEAP]["direction"], open_[CHEAP]["orders"], open_[CHEAP]["units"]) == (
        "cheaper_in_group_buy",
        2,
        3,
    )
    assert (open_[CHEAP]["store_price_cents"], open_[CHEAP]["channel_price_cents"]) == (
        cheap,
        cheap - 1000,
    )
    assert open_[DEAR]["direction"] == "cheaper_in_stores"

    marked = _mark(
        server, operator, product_id=CHEAP, channel_price_cents=cheap - 1000, note="  團購檔期價 "
    )
    assert marked.status_code == 200, marked.text
    assert marked.json()["note"] == "團購檔期價" and marked.json()["decided_by"] == "test-operator"
    again = _mark(
        server, operator, product_id=CHEAP, channel_price_cents=cheap - 1000, note="檔期到月底"
    )
    assert again.status_code == 200  # a second mark replaces the note
    report = _report(server, operator)
    assert [c["product_id"] for c in report["open_conflicts"]] == [DEAR]
    [deliberate] = report["deliberate_conflicts"]
    assert deliberate["product_id"] == CHEAP and deliberate["decision"]["note"] == "檔期到月底"

    # a new catalogue price is a new conflict: open again until someone decides on it
    with server.db.write() as session:
        session.execute(update(Product).where(Product.id == CHEAP).values(price_cents=cheap + 100))
    report = _report(server, operator)
    assert {c["product_id"] for c in report["open_conflicts"]} == {CHEAP, DEAR}
    assert report["deliberate_conflicts"] == []


def test_bad_input_gets_a_clear_error_and_changes_nothing(server: Server) -> None:
    wh01 = server.location_id("WH01")
    set_available(server.db, wh01, CHEAP, 50)
    cheap = _price(server, CHEAP)
    assert (
        _order(
            server, [{"product_id": CHEAP, "qty": 1, "unit_price_cents": cheap - 100}]
        ).status_code
        == 201
    )
    operator = server.token("operator")
    conflict = {"product_id": CHEAP, "channel_price_cents": cheap - 100}
    # a blank note (after trimming), a missing or too long one, a negative price
    assert_problem(_mark(server, operator, **conflict, note="   "), 422, "price_note_invalid")
    assert_problem(_mark(server, operator, **conflict), 422, "validation_error")
    assert_problem(_mark(server, operator, **conflict, note="x" * 201), 422, "validation_error")
    bad_price = {**conflict, "channel_price_cents": -1, "note": "n"}
    assert_problem(_mark(server, operator, **bad_price), 422, "validation_error")
    # no such product; no order at that price; the store's own price is no conflict
    assert_problem(
        _mark(server, operator, product_id=999_999, channel_price_cents=1, note="n"),
        404,
        "product_not_found",
    )
    for price in (cheap - 99, cheap):
        assert_problem(
            _mark(server, operator, product_id=CHEAP, channel_price_cents=price, note="n"),
            404,
            "price_conflict_not_found",
        )
    # only the warehouse's managers (operator, admin devices) read or decide
    till = server.enroll("S001")
    with server.client(till) as client:
        assert_problem(client.get("/reports/prices"), 403, "forbidden")
    assert_problem(_mark(server, till, **conflict, note="n"), 403, "forbidden")
    with server.client(operator) as client:
        for days in (0, 367):
            assert_problem(
                client.get("/reports/prices", params={"days": days}), 422, "validation_error"
            )
    # one product on two lines at two prices: refused whole, nothing held
    two_prices = _order(
        server,
        [
            {"product_id": CHEAP, "qty": 1, "unit_price_cents": 100},
            {"product_id": CHEAP, "qty": 1, "unit_price_cents": 200},
        ],
    )
    assert_problem(two_prices, 422, "validation_error")
    assert "different unit prices" in two_prices.text
    with server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(PriceDecision)) == 0
        assert session.scalar(select(func.count()).select_from(ReservationLine)) == 1


def test_two_managers_marking_at_once_leave_one_decision(server: Server) -> None:
    wh01 = server.location_id("WH01")
    set_available(server.db, wh01, DEAR, 50)
    dear = _price(server, DEAR)
    assert (
        _order(server, [{"product_id": DEAR, "qty": 1, "unit_price_cents": dear + 1}]).status_code
        == 201
    )
    tokens = [server.token("operator"), server.token("admin")]
    statuses: list[int] = []
    start = threading.Barrier(len(tokens) * 3)

    def mark(token: str, note: str) -> None:
        start.wait()
        response = _mark(server, token, product_id=DEAR, channel_price_cents=dear + 1, note=note)
        statuses.append(response.status_code)

    threads = [
        threading.Thread(target=mark, args=(token, f"note {i}"))
        for i, token in enumerate(tokens * 3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 6
    with server.db.read() as session:
        notes = session.scalars(select(PriceDecision.note)).all()
    assert len(notes) == 1 and notes[0].startswith("note ")


@pytest.mark.parametrize("as_json", [False, True])
def test_the_cli_prints_the_report(
    server: Server, as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    till = server.enroll("S002")
    listed = _price(server, PLAIN)
    push(server, till, _sale(PLAIN, 1, listed, listed - 1000, override_reason="客訴補償"))
    wh01 = server.location_id("WH01")
    set_available(server.db, wh01, CHEAP, 50)
    cheap = _price(server, CHEAP)
    assert (
        _order(
            server, [{"product_id": CHEAP, "qty": 4, "unit_price_cents": cheap - 200}]
        ).status_code
        == 201
    )
    capsys.readouterr()
    argv = ["report", "prices", "--db", server.db_url, "--days", "7"]
    assert main([*argv, "--json"] if as_json else argv) == 0
    out = capsys.readouterr().out
    if as_json:
        body = json.loads(out)
        assert body["given_away_cents"] == 1000
        assert body["open_conflicts"][0]["units"] == 4
    else:
        assert "Store price overrides: 1, NT$10 given away" in out
        assert "客訴補償 x1" in out
        assert "Channel price conflicts, open: 1" in out
        assert "(group-buy cheaper); 1 orders, 4 units" in out
    assert main([*argv[:-1], "0"]) == 2  # a period of 0 days: the error, exit 2
    assert "days must be 1 to 366" in capsys.readouterr().err
