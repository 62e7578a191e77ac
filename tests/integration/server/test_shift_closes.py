"""The warehouse keeps every store's closed shifts with the Z report's figures and lists
them to managers (``GET /operator/shifts``)."""

from __future__ import annotations

from server_testkit import Server, assert_problem, new_id, push_one

from counter_app.core.ops import ShiftClosePayload, TenderTotalPayload


def _shift(staff_id: int, counted: int, closed_at: str) -> ShiftClosePayload:
    return ShiftClosePayload(
        shift_id=new_id(),
        staff_id=staff_id,
        opened_by=staff_id,
        opened_at="2026-11-25T08:00:00+08:00",
        closed_at=closed_at,
        opening_cents=500_000,
        expected_opening_cents=510_000,
        cash_sales_cents=1_234_500,
        cash_refunds_cents=0,
        cash_in_cents=20_000,
        cash_out_cents=30_000,
        expected_cents=1_724_500,
        counted_cents=counted,
        difference_cents=counted - 1_724_500,
        sale_count=57,
        opening_count={1000: 5},
        closing_count={1000: 17, 100: 2},
        tenders=(TenderTotalPayload("cash", 57, 1_234_500),),
        unsynced_ops=2,
    )


def test_a_stores_shift_close_keeps_its_figures_and_managers_list_them(server: Server) -> None:
    s001, s002 = server.enroll("S001"), server.enroll("S002")
    first = _shift(1, 1_720_000, "2026-11-25T21:00:00+08:00")
    later = _shift(1, 1_724_500, "2026-11-26T21:00:00+08:00")
    other = _shift(5, 100_000, "2026-11-25T22:00:00+08:00")
    for token, shift in ((s001, first), (s001, later), (s002, other)):
        assert push_one(server, token, shift.op_type, shift.to_payload())["status"] == "applied"
    again = push_one(server, s001, first.op_type, first.to_payload())
    assert again["status"] == "duplicate"

    with server.client(server.token("operator")) as client:
        listed = client.get("/operator/shifts").json()
        only_s001 = client.get("/operator/shifts", params={"store": "S001"}).json()
        unknown = client.get("/operator/shifts", params={"store": "NOPE"})
    assert [s["shift_id"] for s in listed] == [later.shift_id, other.shift_id, first.shift_id]
    assert [s["shift_id"] for s in only_s001] == [later.shift_id, first.shift_id]
    assert_problem(unknown, 404, "location_not_found")
    row = only_s001[1]
    assert (
        row
        | {
            "location_code": "S001",
            "staff_id": 1,
            "opened_by": 1,
            "opening_cents": 500_000,
            "expected_opening_cents": 510_000,
            "cash_sales_cents": 1_234_500,
            "cash_in_cents": 20_000,
            "cash_out_cents": 30_000,
            "expected_cents": 1_724_500,
            "counted_cents": 1_720_000,
            "difference_cents": -4_500,
            "sale_count": 57,
            "unsynced_ops": 2,
        }
        == row
    )
    assert row["report"]["closing_count"] == {"100": 2, "1000": 17}
    assert row["report"]["tenders"][0]["method"] == "cash"

    with server.client(s001) as client:  # a till is not a manager
        assert_problem(client.get("/operator/shifts"), 403, "forbidden")


def test_a_shift_figure_beyond_the_column_is_refused_not_stored(server: Server) -> None:
    s001 = server.enroll("S001")
    shift = _shift(1, 0, "2026-11-25T21:00:00+08:00").to_payload() | {"difference_cents": 2**31}
    with server.client(s001) as client:
        response = client.post(
            "/sync/push",
            json={"ops": [{"op_id": new_id(), "type": "shift.close", "payload": shift}]},
        )
    assert_problem(response, 422, "validation_error")
