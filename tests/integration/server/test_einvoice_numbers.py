"""E-invoice numbers on a real warehouse: import, booklets handed to racing tills, returns,
blank numbers, and invoices pushed after their sales (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, assert_problem, op, push, sale_op
from sqlalchemy import select

from warehouse_api.cli import main
from warehouse_api.models import Einvoice, EinvoiceAllowance

PERIOD = "11512"
ALLOCATION = (
    "period,track,start,end,invoice_type\n"
    f"{PERIOD},AB,12345600,12345999,07\n"  # 400 numbers: 8 booklets
    "115/11-12,CD,00000000,00000099,07\n"  # another track, the period written as on the form
)
BOOKLETS = 10


def _import(server: Server, admin: str, csv: str) -> Any:
    with server.client(admin) as client:
        return client.post("/admin/einvoice/numbers", json={"lines": csv.splitlines()})


def _claim(server: Server, token: str, count: int = 1) -> Any:
    with server.client(token) as client:
        return client.post("/einvoice/booklets/claim", json={"period": PERIOD, "count": count})


def test_import_splits_into_booklets_and_a_second_import_changes_nothing(server: Server) -> None:
    admin = server.token("admin")
    response = _import(server, admin, ALLOCATION)
    assert response.status_code == 201, response.text
    assert response.json()["booklets_created"] == BOOKLETS
    again = _import(server, admin, ALLOCATION).json()
    assert again["booklets_created"] == 0 and len(again["already_imported"]) == 2
    overlapping = f"period,track,start,end,invoice_type\n{PERIOD},AB,12345950,12346049,07\n"
    assert_problem(_import(server, admin, overlapping), 409, "einvoice_range_overlap")
    bad = "period,track,start,end,invoice_type\n11511,AB,1,2,07\n"  # an odd month
    body = assert_problem(_import(server, admin, bad), 422, "einvoice_csv_invalid")
    assert "line 2" in body["detail"]
    till = server.enroll("S001")
    with server.client(till) as client:
        assert (
            client.post(
                "/admin/einvoice/numbers", json={"lines": ALLOCATION.splitlines()}
            ).status_code
            == 403
        )


def test_tills_racing_for_booklets_never_share_one(server: Server) -> None:
    admin = server.token("admin")
    assert _import(server, admin, ALLOCATION).status_code == 201
    tills = [server.enroll(code) for code in ("S001", "S002", "S003") for _ in range(2)]

    def claim_until_none(token: str) -> list[int]:
        got: list[int] = []
        while True:
            response = _claim(server, token, count=1)
            if response.status_code == 409:
                assert response.json()["code"] == "einvoice_numbers_exhausted"
                return got
            assert response.status_code == 200, response.text
            got += [b["booklet_id"] for b in response.json()["booklets"]]

    with ThreadPoolExecutor(len(tills)) as pool:
        handed = [b for got in pool.map(claim_until_none, tills) for b in got]
    counts = Counter(handed)
    assert len(counts) == BOOKLETS, "every booklet was handed out"
    assert max(counts.values()) == 1, "no booklet was handed to two tills"


def test_a_till_returns_what_it_did_not_use_and_blanks_are_reported(server: Server) -> None:
    admin = server.token("admin")
    _import(server, admin, ALLOCATION)
    till = server.enroll("S001")
    first, second = _claim(server, till, count=2).json()["booklets"]
    assert (first["track"], first["start_no"], first["end_no"]) == ("AB", 12345600, 12345649)

    # One invoice issued from the first booklet, pushed after its sale.
    sale = sale_op(21, 2)
    number = f"AB{first['start_no']:08d}"
    invoice = op("einvoice.issue", _invoice(sale, number))
    results = push(server, till, sale, invoice)
    assert [r["status"] for r in results] == ["applied", "applied"], results
    assert push(server, till, invoice)[0]["status"] == "duplicate"

    other_till = server.enroll("S002")
    other_sale = sale_op(21)
    stolen = op("einvoice.issue", _invoice(other_sale, f"AB{first['start_no'] + 1:08d}"))
    _, rejected = push(server, other_till, other_sale, stolen)
    assert rejected["status"] == "rejected"
    assert rejected["problem"]["code"] == "einvoice_number_not_held"

    with server.client(till) as client:
        used_too_far = client.post(
            "/einvoice/booklets/return",
            json={
                "booklets": [
                    {"booklet_id": first["booklet_id"], "next_unused_no": first["start_no"]}
                ]
            },
        )
        assert_problem(used_too_far, 409, "einvoice_number_used")
        response = client.post(
            "/einvoice/booklets/return",
            json={
                "booklets": [
                    {"booklet_id": first["booklet_id"], "next_unused_no": first["start_no"] + 1},
                    {"booklet_id": second["booklet_id"], "next_unused_no": second["start_no"]},
                ]
            },
        )
    assert response.status_code == 200, response.text
    assert response.json()["blank_numbers"] == 49
    # The untouched booklet goes back to the pool: the next claim gets it again.
    assert _claim(server, other_till).json()["booklets"][0]["booklet_id"] == second["booklet_id"]
    late_sale = sale_op(21)
    late_number = f"AB{first['start_no'] + 2:08d}"
    _, late = push(server, till, late_sale, op("einvoice.issue", _invoice(late_sale, late_number)))
    assert late["status"] == "rejected" and late["problem"]["code"] == "einvoice_number_not_held"

    with server.client(admin) as client:
        blanks = client.get("/admin/einvoice/blank-numbers", params={"period": PERIOD}).json()
    assert blanks["total"] == 500 - 1  # every number of the allocation but the one issued
    assert blanks["ranges"][0] == {
        "track": "AB",
        "first_no": 12345601,
        "last_no": 12345999,
        "count": 399,
    }


def test_an_invoice_whose_amounts_do_not_match_its_sale_is_rejected(server: Server) -> None:
    _import(server, server.token("admin"), ALLOCATION)
    till = server.enroll("S001")
    booklet = _claim(server, till).json()["booklets"][0]
    sale = sale_op(21, 1)
    payload = _invoice(sale, f"AB{booklet['start_no']:08d}")
    payload["total_cents"] += 100
    payload["sales_amount_cents"] += 100
    results = push(server, till, sale, op("einvoice.issue", payload))
    assert results[1]["status"] == "rejected"
    assert results[1]["problem"]["code"] == "einvoice_amounts_do_not_add_up"


def _invoice(sale: dict[str, Any], number: str) -> dict[str, Any]:
    total = sale["payload"]["total_cents"]
    tax = total - round(total / 1.05)
    return {
        "sale_id": sale["payload"]["sale_id"],
        "number": number,
        "random_code": "0427",
        "period": PERIOD,
        "issued_at": "2026-11-25T09:30:00+08:00",
        "sales_amount_cents": total - tax,
        "tax_cents": tax,
        "total_cents": total,
        "seller_id": "04595257",
    }


def test_the_cli_imports_a_csv_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    path = tmp_path / "allocation.csv"
    path.write_text(
        "\ufeff期別,字軌,起號,迄號,發票類別\n11512,XY,00000100,00000199,07\n", encoding="utf-8"
    )
    assert main(["einvoice", "import-numbers", "--db", url, str(path)]) == 0
    assert "2 booklets" in capsys.readouterr().out
    assert main(["einvoice", "import-numbers", "--db", url, str(path)]) == 0
    assert "already imported" in capsys.readouterr().out
    path.write_text("period,track\n11512,XY\n", encoding="utf-8")
    assert main(["einvoice", "import-numbers", "--db", url, str(path)]) == 2
    assert "lacks the column" in capsys.readouterr().err


def test_a_return_across_a_period_boundary_is_an_allowance_linked_to_the_invoice(
    server: Server,
) -> None:
    _import(server, server.token("admin"), ALLOCATION)
    till = server.enroll("S001")
    booklet = _claim(server, till).json()["booklets"][0]
    sales = [sale_op(21, 4, price_cents=2500) for _ in range(2)]  # NT$100 each
    numbers = [f"AB{booklet['start_no'] + n:08d}" for n in range(2)]
    ops = [
        o
        for s, n in zip(sales, numbers, strict=True)
        for o in (s, op("einvoice.issue", _invoice(s, n)))
    ]
    assert {r["status"] for r in push(server, till, *ops)} == {"applied"}

    # In the period (Nov-Dec 2026): the first invoice is voided.
    void = {
        "number": numbers[0],
        "voided_at": "2026-12-31T20:00:00+08:00",
        "reason": "return",
        "return_id": "ret-1",
    }
    [voided] = push(server, till, op("einvoice.void", void))
    assert voided["status"] == "applied", voided
    # After it (January 2027): a void is refused, an allowance is taken, linked to the invoice.
    late_void = {**void, "number": numbers[1], "voided_at": "2027-01-02T11:00:00+08:00"}
    [refused] = push(server, till, op("einvoice.void", late_void))
    assert refused["problem"]["code"] == "einvoice_period_closed"

    def allowance(no: str, total: int) -> dict[str, Any]:
        tax = total - round(total / 1.05)
        return {
            "allowance_no": no,
            "number": numbers[1],
            "return_id": "ret-2",
            "issued_at": "2027-01-02T11:00:00+08:00",
            "sales_amount_cents": total - tax,
            "tax_cents": tax,
            "total_cents": total,
        }

    first = op("einvoice.allowance", allowance(f"{numbers[1]}-01", 4000))
    assert push(server, till, first)[0]["status"] == "applied"
    assert push(server, till, first)[0]["status"] == "duplicate"
    [too_much] = push(server, till, op("einvoice.allowance", allowance(f"{numbers[1]}-02", 6100)))
    assert too_much["problem"]["code"] == "einvoice_allowance_too_large"
    [on_void] = push(
        server, till, op("einvoice.allowance", {**allowance("X-1", 100), "number": numbers[0]})
    )
    assert on_void["problem"]["code"] == "einvoice_voided"

    with server.db.read() as session:
        stored = session.scalars(select(EinvoiceAllowance)).one()
        void_row = session.scalar(select(Einvoice).where(Einvoice.number == numbers[0]))
    assert (stored.invoice_number, stored.return_id, stored.total_cents) == (
        numbers[1],
        "ret-2",
        4000,
    )
    assert void_row is not None and void_row.void_return_id == "ret-1"


def test_the_period_report_counts_per_till(server: Server) -> None:
    admin = server.token("admin")
    _import(server, admin, ALLOCATION)
    till = server.enroll("S001")
    booklet = _claim(server, till, count=2).json()["booklets"][0]
    sales = [sale_op(21, 4, price_cents=2500) for _ in range(3)]
    numbers = [f"AB{booklet['start_no'] + n:08d}" for n in range(3)]
    ops = [
        o
        for s, n in zip(sales, numbers, strict=True)
        for o in (s, op("einvoice.issue", _invoice(s, n)))
    ]
    push(server, till, *ops)
    push(
        server,
        till,
        op(
            "einvoice.void",
            {"number": numbers[0], "voided_at": "2026-11-26T10:00:00+08:00", "reason": "return"},
        ),
    )
    push(
        server,
        till,
        op(
            "einvoice.allowance",
            {
                "allowance_no": f"{numbers[1]}-01",
                "number": numbers[1],
                "return_id": "r1",
                "issued_at": "2026-11-26T10:00:00+08:00",
                "sales_amount_cents": 1900,
                "tax_cents": 100,
                "total_cents": 2000,
            },
        ),
    )
    with server.client(admin) as client:
        report = client.get("/admin/einvoice/report", params={"period": PERIOD}).json()
    [row] = report["tills"]
    assert (row["booklets"], row["issued"], row["voided"], row["allowances"]) == (2, 3, 1, 1)
    assert (row["allowance_cents"], row["issued_cents"]) == (2000, 20000)
    assert row["blank_numbers"] == 2 * 50 - 3  # its two booklets, three numbers issued
    assert report["blank_numbers"] == 500 - 3
