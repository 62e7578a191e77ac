"""Demand history, forecasts and idle stock against a real server, on both backends."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, assert_problem, new_id, push, push_one, sale_op, set_available
from sqlalchemy import select

from warehouse_api.cli import main
from warehouse_api.forecasting.engine import METHODS
from warehouse_api.models import Barcode, Product
from warehouse_api.planning_models import DemandDay
from warehouse_api.services.demand_history import today_in_taiwan
from warehouse_api.services.inventory import ensure_stock_row, read_level

SOLD = 13
OVERSOLD = 14
IDLE = 15


def _rows(server: Server) -> list[tuple[Any, ...]]:
    with server.db.read() as session:
        return [
            (r.product_id, r.location_id, r.channel, r.day, r.qty, r.on_hand, r.stockout, r.source)
            for r in session.scalars(
                select(DemandDay).order_by(
                    DemandDay.product_id, DemandDay.location_id, DemandDay.channel, DemandDay.day
                )
            )
        ]


def _sku_and_barcode(server: Server, product_id: int) -> tuple[str, str]:
    with server.db.read() as session:
        sku = session.scalar(select(Product.sku).where(Product.id == product_id))
        barcode = session.scalar(select(Barcode.code).where(Barcode.product_id == product_id))
    assert sku and barcode
    return sku, barcode


def test_history_rebuild_nets_returns_counts_group_buy_and_marks_stockouts(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    counter = server.enroll("S001")
    s001, wh01 = server.location_id("S001"), server.location_id("WH01")
    set_available(server.db, s001, OVERSOLD, 1)
    push(server, counter, sale_op(SOLD, 2), sale_op(OVERSOLD, 3))
    push_one(
        server,
        counter,
        "return",
        {
            "return_id": new_id(),
            "lines": [{"product_id": SOLD, "qty": 1, "disposition": "damaged"}],
        },
    )
    set_available(server.db, wh01, SOLD, 50)
    with server.client(server.token("group_buy")) as client:
        order = client.post(
            "/group-buy/orders",
            json={"lines": [{"product_id": SOLD, "qty": 3}], "customer_name": "團購客"},
            headers={"Idempotency-Key": new_id()},
        )
    assert order.status_code == 201, order.text

    assert main(["history", "rebuild", "--db", server.db_url]) == 0
    capsys.readouterr()
    today = today_in_taiwan()
    sale_day = date(2026, 11, 25)  # sale_op's created_at, in Taiwan
    rows = {(r[0], r[1], r[2], r[3]): r for r in _rows(server)}
    assert rows[(SOLD, s001, "location", sale_day)][4] == 2
    assert rows[(SOLD, s001, "location", today)][4] == -1  # the return, netted out
    assert rows[(SOLD, wh01, "group_buy", today)][4] == 3
    assert rows[(OVERSOLD, s001, "location", sale_day)][4] == 3
    oversold_today = rows[(OVERSOLD, s001, "location", today)]
    assert oversold_today[4] == 0 and oversold_today[6] is True  # empty shelf, not "no demand"
    assert oversold_today[5] == -2

    # rebuilding again, or refreshing, gives the same table
    before = _rows(server)
    assert main(["history", "rebuild", "--db", server.db_url]) == 0
    assert main(["history", "refresh", "--db", server.db_url]) == 0
    assert _rows(server) == before


def test_refresh_picks_up_a_new_sale(server: Server) -> None:
    counter = server.enroll("S002")
    s002 = server.location_id("S002")
    assert main(["history", "refresh", "--db", server.db_url]) == 0  # first time: a rebuild
    assert not [r for r in _rows(server) if r[1] == s002 and r[4] > 0]
    push(server, counter, sale_op(SOLD, 4))
    assert main(["history", "refresh", "--db", server.db_url]) == 0
    assert [(r[0], r[4]) for r in _rows(server) if r[1] == s002 and r[4] > 0] == [(SOLD, 4)]


def _write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_history_import_is_idempotent_and_lists_bad_rows(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sku, barcode = _sku_and_barcode(server, SOLD)
    future = (today_in_taiwan() + timedelta(days=3)).isoformat()
    path = _write_csv(
        tmp_path / "history.csv",
        [
            "date,sku_or_barcode,location,qty,on_hand",
            f"2025-01-02,{sku},S001,4,10",  # 2
            f"2025-01-03,{barcode},S001,5,",  # 3: by barcode, no on_hand
            f"2025-01-03,{sku},GROUPBUY,7,0",  # 4: the group-buy channel, shelf empty
            "2025-01-04,NO-SUCH-SKU,S001,1,",  # 5
            f"2025-02-30,{sku},S001,1,",  # 6
            f"{future},{sku},S001,1,",  # 7
            f"2025-01-05,{sku},S001,two,",  # 8
            f"2025-01-05,{sku},S999,1,",  # 9
            f"2025-01-02,{barcode},S001,9,",  # 10: same product, place and day as line 2
            f"2025-01-06,{sku},S001,1.5,",  # 11
            f"2025-01-06,{sku},S001,,",  # 12
        ],
    )
    assert main(["history", "import", str(path), "--db", server.db_url]) == 1
    captured = capsys.readouterr()
    assert "read 11 rows: 3 imported, 8 refused" in captured.out
    errors = captured.err.splitlines()
    assert [line.split(":")[0] for line in errors] == [
        f"line {n}" for n in (5, 6, 7, 8, 9, 10, 11, 12)
    ]
    assert "NO-SUCH-SKU" in errors[0]
    assert "repeats line 2" in errors[5]
    s001, wh01 = server.location_id("S001"), server.location_id("WH01")
    first = _rows(server)
    assert first == sorted(
        [
            (SOLD, s001, "location", date(2025, 1, 2), 4, 10, False, "import"),
            (SOLD, s001, "location", date(2025, 1, 3), 5, None, False, "import"),
            (SOLD, wh01, "group_buy", date(2025, 1, 3), 7, 0, True, "import"),
        ]
    )

    assert main(["history", "import", str(path), "--db", server.db_url]) == 1
    assert _rows(server) == first  # the same file twice changes nothing
    # a corrected figure replaces the imported one (an upsert on the natural key)
    fixed = _write_csv(
        tmp_path / "fixed.csv", ["date,sku_or_barcode,location,qty", f"2025-01-02,{sku},S001,6"]
    )
    assert main(["history", "import", str(fixed), "--db", server.db_url]) == 0
    assert [r[4] for r in _rows(server) if r[3] == date(2025, 1, 2)] == [6]


def test_history_import_refuses_a_file_without_the_columns(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write_csv(tmp_path / "bad.csv", ["day,sku,qty", "2025-01-01,X,1"])
    assert main(["history", "import", str(path), "--db", server.db_url]) == 2
    assert "missing column(s) date, sku_or_barcode, location" in capsys.readouterr().err
    assert _rows(server) == []


def _weekly_history(
    sku: str, location: str, days: int, base: int, wobble: bool = False
) -> list[str]:
    today = today_in_taiwan()
    lines = []
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        qty = base * 3 if day.weekday() >= 5 else base
        if wobble:  # -1, 0 or +1 in a three-day cycle the weekly methods cannot learn
            qty += day.toordinal() % 3 - 1
        lines.append(f"{day.isoformat()},{sku},{location},{qty}")
    return lines


def test_forecast_job_and_route(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sku, _ = _sku_and_barcode(server, SOLD)
    path = _write_csv(
        tmp_path / "weekly.csv",
        ["date,sku_or_barcode,location,qty", *_weekly_history(sku, "S001", 140, 3, wobble=True)],
    )
    assert main(["history", "import", str(path), "--db", server.db_url]) == 0
    s001 = server.location_id("S001")
    with server.db.write() as session:
        ensure_stock_row(session, s001, SOLD)
    assert main(["forecast", "--db", server.db_url]) == 0
    assert "forecast " in capsys.readouterr().out

    with server.client(server.token("operator")) as client:
        response = client.get(
            "/planning/forecasts", params={"location": "S001", "product_id": SOLD}
        )
        reorder = client.get("/planning/reorder", params={"location": "S001"})
        unknown = client.get("/planning/forecasts", params={"location": "NOPE"})
    assert response.status_code == 200, response.text
    [forecast] = response.json()
    assert forecast["method"] in METHODS
    assert len(forecast["daily"]) == 28
    first_day = date.fromisoformat(forecast["first_day"])
    assert first_day == today_in_taiwan()
    by_weekday = {(first_day + timedelta(i)).weekday(): v for i, v in enumerate(forecast["daily"])}
    assert by_weekday[5] > 2 * by_weekday[1]  # the weekly pattern is there to find
    assert forecast["mase"] is not None
    assert forecast["mase"] < forecast["mase_seasonal_naive"]
    assert forecast["safety_stock"] >= 0 and forecast["reorder_point"] >= 14
    # the safety stock reaches the stock row, and so the `available` other channels see
    with server.db.read() as session:
        stock_level = read_level(session, s001, SOLD)
    assert stock_level is not None
    assert stock_level.safety_stock == forecast["safety_stock"] > 0
    assert reorder.status_code == 200, reorder.text
    assert_problem(unknown, 404, "location_not_found")
    with server.client(server.enroll("S001")) as client:
        assert_problem(client.get("/planning/forecasts"), 403, "forbidden")


def test_an_idle_suggestion_becomes_a_transfer(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sku, _ = _sku_and_barcode(server, IDLE)
    s001, s002 = server.location_id("S001"), server.location_id("S002")
    old_day = (today_in_taiwan() - timedelta(days=150)).isoformat()
    path = _write_csv(
        tmp_path / "idle.csv",
        [
            "date,sku_or_barcode,location,qty,on_hand",
            *[f"{line}," for line in _weekly_history(sku, "S001", 120, 3)],
            f"{old_day},{sku},S002,0,200",  # S002 has held it for months, selling nothing
        ],
    )
    assert main(["history", "import", str(path), "--db", server.db_url]) == 0
    with server.db.write() as session:
        ensure_stock_row(session, s001, IDLE)
        ensure_stock_row(session, s002, IDLE)
    set_available(server.db, s002, IDLE, 600)
    set_available(server.db, s001, IDLE, 2)
    assert main(["forecast", "--db", server.db_url]) == 0
    capsys.readouterr()

    with server.client(server.token("operator")) as client:
        report = client.get("/planning/idle", params={"location": "S002"})
        assert report.status_code == 200, report.text
        mine = [s for s in report.json()["suggestions"] if s["product_id"] == IDLE]
        [suggestion] = [s for s in mine if s["action"] == "transfer"]
        assert suggestion["to_location_code"] == "S001"  # where it sells
        assert 200 <= suggestion["qty"] <= 400  # about 60 days of what S001 sells
        # what S001 does not need is offered to the group-buy channel, via the warehouse
        [rest] = [s for s in mine if s["action"] != "transfer"]
        assert (rest["action"], rest["to_location_code"]) == ("offer_group_buy", "WH01")
        assert suggestion["qty"] + rest["qty"] == suggestion["idle_qty"]
        made = client.post(f"/planning/idle-suggestions/{suggestion['suggestion_id']}/transfer")
        again = client.post(f"/planning/idle-suggestions/{suggestion['suggestion_id']}/transfer")
        missing = client.post("/planning/idle-suggestions/999999/transfer")
        assert made.status_code == 200, made.text
        transfer = made.json()
        assert again.json() == transfer
        assert (transfer["status"], transfer["from_location_id"], transfer["to_location_id"]) == (
            "requested",
            s002,
            s001,
        )
        assert transfer["lines"] == [
            {"product_id": IDLE, "qty": suggestion["qty"], "received_qty": None}
        ]
        assert_problem(missing, 404, "suggestion_not_found")
        # the existing transfer flow takes it from here
        shipped = client.post(f"/operator/transfers/{transfer['transfer_id']}/ship", json={})
        assert shipped.status_code == 200, shipped.text
        listed = client.get("/planning/idle", params={"location": "S002"}).json()
    [after] = [
        s for s in listed["suggestions"] if s["product_id"] == IDLE and s["action"] == "transfer"
    ]
    assert after["transfer_id"] == transfer["transfer_id"]


def test_idle_stock_moves_to_the_warehouse_when_the_group_buy_channel_sells_it(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # as right after a migration: the ledger starts today, the history is imported
    sells_in_group_buy, brand_new = 16, 17
    sku, _ = _sku_and_barcode(server, sells_in_group_buy)
    s003, wh01 = server.location_id("S003"), server.location_id("WH01")
    path = _write_csv(
        tmp_path / "group-buy.csv",
        ["date,sku_or_barcode,location,qty", *_weekly_history(sku, "GROUPBUY", 120, 3)],
    )
    assert main(["history", "import", str(path), "--db", server.db_url]) == 0
    with server.db.write() as session:
        for product in (sells_in_group_buy, brand_new):
            ensure_stock_row(session, s003, product)
            ensure_stock_row(session, wh01, product)
    set_available(server.db, s003, sells_in_group_buy, 150)
    set_available(server.db, wh01, sells_in_group_buy, 2)
    set_available(server.db, s003, brand_new, 100)  # just received, no history anywhere
    assert main(["forecast", "--db", server.db_url]) == 0
    capsys.readouterr()

    with server.client(server.token("operator")) as client:
        report = client.get("/planning/idle", params={"location": "S003"}).json()
    suggested = {
        (s["product_id"], s["action"], s["to_location_code"]) for s in report["suggestions"]
    }
    assert (sells_in_group_buy, "transfer", "WH01") in suggested
    assert not [s for s in report["suggestions"] if s["product_id"] == brand_new]


def test_a_store_reads_its_own_replenishment_and_a_products_demand(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The counter's planning routes: low stock against safety stock at its own store,
    its idle items, and one product's recent demand and forecast here and at the
    warehouse. Operators use the routes above; a counter sees only its own store."""
    sku, _ = _sku_and_barcode(server, SOLD)
    path = _write_csv(
        tmp_path / "weekly.csv",
        ["date,sku_or_barcode,location,qty", *_weekly_history(sku, "S001", 140, 3, wobble=True)],
    )
    assert main(["history", "import", str(path), "--db", server.db_url]) == 0
    s001 = server.location_id("S001")
    with server.db.write() as session:
        ensure_stock_row(session, s001, SOLD)
    set_available(server.db, s001, SOLD, 1)  # far below what a week sells
    assert main(["forecast", "--db", server.db_url]) == 0
    capsys.readouterr()
    with server.client(server.enroll("S001")) as client:
        report = client.get("/planning/store/replenishment")
        demand = client.get(f"/planning/store/products/{SOLD}/demand", params={"days": 14})
        missing = client.get("/planning/store/products/999999/demand")
        too_long = client.get(f"/planning/store/products/{SOLD}/demand", params={"days": 400})
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["location_code"] == "S001"
    [line] = [x for x in body["reorder"] if x["product_id"] == SOLD]
    assert line["on_hand"] == 1 and line["suggested_qty"] > 0 and line["source"] == "WH01"
    assert line["safety_stock"] > 0 and line["reorder_point"] > line["safety_stock"]
    assert demand.status_code == 200, demand.text
    store, warehouse = demand.json()["series"]
    assert (store["location_code"], warehouse["kind"]) == ("S001", "warehouse")
    assert 12 <= len(store["history"]) <= 14 and all(d["qty"] >= 2 for d in store["history"])
    assert len(store["forecast"]) == 28 and store["method"] in METHODS
    assert warehouse["forecast"] == [] or warehouse["method"] in METHODS
    assert_problem(missing, 404, "product_not_found")
    assert_problem(too_long, 422, "validation_error")
    with server.client(server.token("operator")) as client:
        assert_problem(client.get("/planning/store/replenishment"), 403, "forbidden")
