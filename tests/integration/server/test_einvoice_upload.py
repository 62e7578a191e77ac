"""The upload of e-invoices through Turnkey's folders, on a real warehouse: each invoice,
void and allowance pushed by a till becomes one MIG message written once into Turnkey's
UpCast folder; Turnkey's ERR folder and the platform's ProcessResults set each one's
state; the deadline route flags what is late (SQLite, and PostgreSQL where marked)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, assert_problem, einvoice_issue, op, push, sale_op
from sqlalchemy import select, update

from warehouse_api.cli import main
from warehouse_api.models import EinvoiceUpload, SyncOp
from warehouse_api.services import mig
from warehouse_api.services.einvoice_upload import (
    RECLAIM_AFTER,
    SellerInfo,
    export_pending,
    message_dir,
    read_results,
)

PERIOD = "11512"
ALLOCATION = ["period,track,start,end,invoice_type", f"{PERIOD},AB,12345600,12345999,07"]
SELLER = SellerInfo("好鄰居商店股份有限公司", "臺北市中正區重慶南路一段2號")


def _setup(server: Server) -> tuple[str, int]:
    with server.client(server.token("admin")) as client:
        assert client.post("/admin/einvoice/numbers", json={"lines": ALLOCATION}).status_code == 201
    till = server.enroll("S001")
    with server.client(till) as client:
        booklet = client.post("/einvoice/booklets/claim", json={"period": PERIOD}).json()
    return till, booklet["booklets"][0]["start_no"]


def _invoice(sale: dict[str, Any], number: str, issued_at: str, **extra: Any) -> dict[str, Any]:
    return einvoice_issue(sale, number, PERIOD, issued_at, **extra)


def _issue_four(server: Server, till: str, first: int, issued_at: str) -> list[str]:
    """A printed B2C sale, a B2B sale with a tax ID, a carrier sale and a donated one."""
    kinds: list[dict[str, Any]] = [
        {},
        {"buyer_id": "12345676"},
        {"carrier_type": "3J0002", "carrier_id": "/ABC+123"},
        {"donation_code": "25885"},
    ]
    numbers = [f"AB{first + n:08d}" for n in range(len(kinds))]
    ops: list[dict[str, Any]] = []
    for n, extra in enumerate(kinds):
        sale = sale_op(21 + n, 3, price_cents=3500)  # NT$105 each
        ops += [sale, op("einvoice.issue", _invoice(sale, numbers[n], issued_at, **extra))]
    assert {r["status"] for r in push(server, till, *ops)} == {"applied"}
    return numbers


def _src(folder: Path, message_type: str) -> list[Path]:
    return sorted((message_dir(folder, message_type) / "SRC").glob("*"))


def _states(server: Server) -> dict[tuple[str, str], str]:
    with server.db.read() as session:
        return {
            (u.message_type, u.document_no): u.state
            for u in session.scalars(select(EinvoiceUpload))
        }


def _process_result(folder: Path, message_type: str, name: str, body: str) -> None:
    target = folder / "Unpack" / "B2SSTORAGE" / message_type / "ProcessResult" / "20261125" / "14"
    target.mkdir(parents=True, exist_ok=True)
    (target / name).write_text(body, encoding="utf-8")


def test_each_invoice_is_exported_once_as_a_valid_f0401(server: Server, tmp_path: Path) -> None:
    till, first = _setup(server)
    numbers = _issue_four(server, till, first, "2026-11-25T09:30:00+08:00")
    assert set(_states(server).values()) == {"pending"}

    result = export_pending(server.db, tmp_path, SELLER)
    files = _src(tmp_path, "F0401")
    assert [f.name for f in files] == [f"F0401_{n}.xml" for n in numbers]
    assert sorted(result.exported) == [f.name for f in files]
    for path in files:
        assert mig.validate(path.read_bytes()) == [], path.name
    b2b = files[1].read_text(encoding="utf-8")
    assert "<Identifier>12345676</Identifier>" in b2b
    assert "<SalesAmount>100</SalesAmount>" in b2b and "<TaxAmount>5</TaxAmount>" in b2b
    b2c = files[0].read_text(encoding="utf-8")
    assert "<SalesAmount>105</SalesAmount>" in b2c and "<TaxAmount>0</TaxAmount>" in b2c
    assert "<CarrierId1>/ABC+123</CarrierId1>" in files[2].read_text(encoding="utf-8")
    assert "<NPOBAN>25885</NPOBAN>" in files[3].read_text(encoding="utf-8")
    assert set(_states(server).values()) == {"exported"}
    assert not list((tmp_path / ".pos-staging").glob("*")), "no staging file is left behind"

    # Turnkey picks the files up (moves them to BAK); a second run writes nothing again.
    bak = message_dir(tmp_path, "F0401") / "BAK" / "20261125"
    bak.mkdir(parents=True)
    for path in files:
        path.rename(bak / path.name)
    again = export_pending(server.db, tmp_path, SELLER)
    assert again.exported == [] and _src(tmp_path, "F0401") == []


def test_results_set_the_state_and_a_void_waits_for_its_invoice(
    server: Server, tmp_path: Path
) -> None:
    till, first = _setup(server)
    numbers = _issue_four(server, till, first, "2026-11-25T09:30:00+08:00")
    void = {"number": numbers[0], "voided_at": "2026-11-26T10:00:00+08:00", "reason": "退貨"}
    assert push(server, till, op("einvoice.void", void))[0]["status"] == "applied"
    export_pending(server.db, tmp_path, SELLER)
    assert _src(tmp_path, "F0501") == [], "the void waits until the platform holds the invoice"

    _process_result(
        tmp_path,
        "F0401",
        "ProcessResult_1.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<ProcessResult xmlns="urn:GEINV:eInvoiceMessage:ProcessResult:4.1">
  <Result><InvoiceNumber>{numbers[0]}</InvoiceNumber><ResultCode>0</ResultCode>
    <ResultMessage>Success</ResultMessage></Result>
  <Result><InvoiceNumber>{numbers[1]}</InvoiceNumber><ResultCode>1</ResultCode>
    <ErrorCode>4003</ErrorCode><ErrorMessage>銷售對象統編錯誤</ErrorMessage></Result>
</ProcessResult>""",
    )
    _process_result(tmp_path, "F0401", "broken.xml", "<ProcessResult><Result>")
    read = read_results(server.db, tmp_path)
    assert (read.accepted, read.rejected, len(read.unreadable)) == (1, 1, 1)
    states = _states(server)
    assert states[("F0401", numbers[0])] == "accepted"
    assert states[("F0401", numbers[1])] == "rejected"
    with server.db.read() as session:
        rejected = session.scalars(
            select(EinvoiceUpload).where(EinvoiceUpload.document_no == numbers[1])
        ).one()
    assert rejected.reason == "platform 4003: 銷售對象統編錯誤"
    assert read_results(server.db, tmp_path).accepted == 0, "reading again changes nothing"

    export_pending(server.db, tmp_path, SELLER)
    [cancel] = _src(tmp_path, "F0501")
    assert cancel.name == f"F0501_{numbers[0]}.xml" and mig.validate(cancel.read_bytes()) == []
    assert "<CancelReason>退貨</CancelReason>" in cancel.read_text(encoding="utf-8")

    # Turnkey's own check refuses the file: it lands in ERR, never sent.
    err = message_dir(tmp_path, "F0501") / "ERR" / "20261126"
    err.mkdir(parents=True)
    cancel.rename(err / cancel.name)
    assert read_results(server.db, tmp_path).rejected == 1
    assert _states(server)[("F0501", numbers[0])] == "rejected"

    admin = server.token("admin")
    with server.client(admin) as client:
        listed = client.get("/admin/einvoice/uploads", params={"state": "rejected"}).json()
        assert {u["document_no"] for u in listed["uploads"]} == {numbers[0], numbers[1]}
        assert listed["counts"]["rejected"] == 2
        retried = client.post(f"/admin/einvoice/uploads/F0501/{numbers[0]}/retry")
        assert retried.status_code == 200 and retried.json()["state"] == "pending"
        again = client.post(f"/admin/einvoice/uploads/F0501/{numbers[0]}/retry")
        assert_problem(again, 409, "einvoice_upload_not_rejected")
        assert_problem(
            client.post("/admin/einvoice/uploads/F0501/AB00000000/retry"),
            404,
            "einvoice_upload_unknown",
        )
        assert_problem(
            client.post("/admin/einvoice/uploads/X0401/AB00000000/retry"), 422, "validation_error"
        )
    export_pending(server.db, tmp_path, SELLER)
    assert [p.name for p in _src(tmp_path, "F0501")] == [f"F0501_{numbers[0]}_2.xml"]
    assert read_results(server.db, tmp_path).rejected == 0, "the old ERR file is not the new one"


def test_an_allowance_becomes_a_g0401_with_the_returned_items(
    server: Server, tmp_path: Path
) -> None:
    till, first = _setup(server)
    sale = sale_op(21, 4, price_cents=2500)  # NT$100
    number = f"AB{first:08d}"
    issue = op("einvoice.issue", _invoice(sale, number, "2026-12-30T18:00:00+08:00"))
    returned = op(
        "return",
        {
            "return_id": "ret-jan",
            "sale_id": sale["payload"]["sale_id"],
            "refund_cents": 5000,
            "lines": [{"product_id": 21, "qty": 2, "disposition": "restock_here"}],
        },
    )
    allowance = op(
        "einvoice.allowance",
        {
            "allowance_no": f"{number}-01",
            "number": number,
            "return_id": "ret-jan",
            "issued_at": "2027-01-03T11:00:00+08:00",
            "sales_amount_cents": 4800,
            "tax_cents": 200,
            "total_cents": 5000,
        },
    )
    results = push(server, till, sale, issue, returned, allowance)
    assert [r["status"] for r in results] == ["applied"] * 4, results
    export_pending(server.db, tmp_path, SELLER)
    _process_result(
        tmp_path,
        "F0401",
        "r.xml",
        f"<ProcessResult><InvoiceNumber>{number}</InvoiceNumber><ResultCode>0</ResultCode>"
        "</ProcessResult>",
    )
    read_results(server.db, tmp_path)
    export_pending(server.db, tmp_path, SELLER)
    [path] = _src(tmp_path, "G0401")
    document = path.read_bytes()
    assert mig.validate(document) == []
    text = document.decode()
    assert f"<OriginalInvoiceNumber>{number}</OriginalInvoiceNumber>" in text
    assert "<OriginalInvoiceDate>20261230</OriginalInvoiceDate>" in text
    assert "<Quantity>2</Quantity><UnitPrice>24</UnitPrice><Amount>48</Amount>" in text
    assert "<TaxAmount>2</TaxAmount><TotalAmount>48</TotalAmount>" in text


def _accept(folder: Path, message_type: str, tag: str, document_no: str) -> None:
    _process_result(
        folder,
        message_type,
        f"{document_no}.xml",
        f"<ProcessResult><{tag}>{document_no}</{tag}><ResultCode>0</ResultCode></ProcessResult>",
    )


def test_a_voided_allowance_owes_a_g0501_after_its_g0401_and_reduces_nothing(
    server: Server, tmp_path: Path
) -> None:
    till, first = _setup(server)
    number = _issue_four(server, till, first, "2026-11-25T09:30:00+08:00")[0]  # NT$105
    allowance_no = f"{number}-01"
    allowance = {
        "allowance_no": allowance_no,
        "number": number,
        "return_id": "ret-1",
        "issued_at": "2026-11-26T10:00:00+08:00",
        "sales_amount_cents": 4800,
        "tax_cents": 200,
        "total_cents": 5000,
    }
    void = {"allowance_no": allowance_no, "voided_at": "2026-11-26T10:20:00+08:00", "reason": "錯"}
    void_op = op("einvoice.allowance_void", void)
    results = push(server, till, op("einvoice.allowance", allowance), void_op)
    assert [r["status"] for r in results] == ["applied", "applied"], results
    # The same void again is the same answer; another void of it, or of an unknown one, or
    # from another store, is refused.
    assert push(server, till, void_op)[0]["status"] in ("applied", "duplicate")
    [again] = push(server, till, op("einvoice.allowance_void", {**void, "reason": "重複"}))
    assert (again["status"], again["problem"]["code"]) == ("rejected", "einvoice_allowance_voided")
    unknown = {**void, "allowance_no": f"{number}-09"}
    [missing] = push(server, till, op("einvoice.allowance_void", unknown))
    assert missing["problem"]["code"] == "einvoice_allowance_unknown"
    stranger = server.enroll("S002")
    [elsewhere] = push(server, stranger, op("einvoice.allowance_void", void))
    assert elsewhere["problem"]["code"] == "einvoice_allowance_unknown"
    # Voided, it reduces the invoice no more: an allowance of the whole NT$105 fits.
    whole = {**allowance, "allowance_no": f"{number}-02", "return_id": "ret-2"}
    whole.update(sales_amount_cents=10000, tax_cents=500, total_cents=10500)
    assert push(server, till, op("einvoice.allowance", whole))[0]["status"] == "applied"

    # The G0501 waits for the F0401, then for its G0401, to be accepted.
    export_pending(server.db, tmp_path, SELLER)
    assert _src(tmp_path, "G0401") == [] and _src(tmp_path, "G0501") == []
    _accept(tmp_path, "F0401", "InvoiceNumber", number)
    read_results(server.db, tmp_path)
    export_pending(server.db, tmp_path, SELLER)
    assert [p.name for p in _src(tmp_path, "G0401")] == [
        f"G0401_{number}-01.xml",
        f"G0401_{number}-02.xml",
    ]
    assert _src(tmp_path, "G0501") == [], "the platform does not hold the allowance yet"
    _accept(tmp_path, "G0401", "AllowanceNumber", allowance_no)
    read_results(server.db, tmp_path)
    export_pending(server.db, tmp_path, SELLER)
    [path] = _src(tmp_path, "G0501")
    assert path.name == f"G0501_{allowance_no}.xml"
    document = path.read_bytes()
    assert mig.validate(document) == []
    text = document.decode()
    assert f"<CancelAllowanceNumber>{allowance_no}</CancelAllowanceNumber>" in text
    assert "<AllowanceDate>20261126</AllowanceDate>" in text
    assert "<CancelDate>20261126</CancelDate><CancelTime>10:20:00</CancelTime>" in text
    assert "<CancelReason>錯</CancelReason>" in text


def test_an_exporter_that_died_mid_way_is_finished_without_a_duplicate(
    server: Server, tmp_path: Path
) -> None:
    till, first = _setup(server)
    numbers = _issue_four(server, till, first, "2026-11-25T09:30:00+08:00")
    claimed_long_ago = datetime.now(UTC) - RECLAIM_AFTER - timedelta(minutes=1)
    with server.db.write() as session:
        session.execute(
            update(EinvoiceUpload)
            .where(EinvoiceUpload.document_no.in_(numbers[:2]))
            .values(state="exporting", exported_at=claimed_long_ago)
        )
    # The first had reached Turnkey (its file is in BAK), the second had not been written.
    bak = message_dir(tmp_path, "F0401") / "BAK"
    bak.mkdir(parents=True)
    (bak / f"F0401_{numbers[0]}.xml").write_bytes(b"<Invoice/>")
    result = export_pending(server.db, tmp_path, SELLER)
    assert result.recovered == 2
    assert sorted(result.exported) == [f"F0401_{n}.xml" for n in numbers[1:]]
    assert set(_states(server).values()) == {"exported"}


def test_the_deadline_route_flags_late_invoices_and_silent_tills(
    server: Server, tmp_path: Path
) -> None:
    till, first = _setup(server)
    now = datetime.now(UTC)
    late = (now - timedelta(hours=30)).isoformat()
    very_late = (now - timedelta(hours=50)).isoformat()
    fresh = (now - timedelta(hours=2)).isoformat()
    sales = [sale_op(21, 1) for _ in range(3)]
    numbers = [f"AB{first + n:08d}" for n in range(3)]
    ops: list[dict[str, Any]] = []
    for sale, number, when in zip(sales, numbers, (late, very_late, fresh), strict=True):
        ops += [sale, op("einvoice.issue", _invoice(sale, number, when))]
    push(server, till, *ops)
    operator = server.token("operator")
    with server.client(operator) as client:
        report = client.get("/admin/einvoice/upload-deadlines").json()
    assert (report["at_risk_after_hours"], report["deadline_hours"]) == (24, 48)
    flagged = {d["document_no"]: d for d in report["documents"]}
    assert set(flagged) == {numbers[0], numbers[1]}
    assert flagged[numbers[0]]["overdue"] is False and flagged[numbers[1]]["overdue"] is True
    assert flagged[numbers[1]]["state"] == "pending" and flagged[numbers[1]]["hours"] >= 50
    assert report["tills"] == [], "the till pushed just now"

    # Accepted invoices are off the list; a till silent for 30 hours is on it.
    export_pending(server.db, tmp_path, SELLER)
    _process_result(
        tmp_path,
        "F0401",
        "ok.xml",
        f"<ProcessResult><InvoiceNumber>{numbers[1]}</InvoiceNumber><ResultCode>0</ResultCode>"
        "</ProcessResult>",
    )
    read_results(server.db, tmp_path)
    with server.db.write() as session:
        session.execute(update(SyncOp).values(created_at=now - timedelta(hours=30)))
    with server.client(operator) as client:
        report = client.get("/admin/einvoice/upload-deadlines").json()
    assert [d["document_no"] for d in report["documents"]] == [numbers[0]]
    assert report["documents"][0]["state"] == "exported"
    [silent] = report["tills"]
    assert silent["overdue"] is False and 29 < silent["hours"] < 31
    with server.client(till) as client:
        assert client.get("/admin/einvoice/upload-deadlines").status_code == 403


def test_an_invoice_with_a_buyer_tax_id_has_seven_days_and_its_void_too(server: Server) -> None:
    till, first = _setup(server)
    now = datetime.now(UTC)
    ages = {"b2c_30h": 30, "b2b_30h": 30, "b2b_6d12h": 156, "b2b_8d": 192, "b2b_void": 200}
    numbers = {kind: f"AB{first + n:08d}" for n, kind in enumerate(ages)}
    ops: list[dict[str, Any]] = []
    for kind, hours in ages.items():
        sale = sale_op(21, 1)
        buyer = {} if kind.startswith("b2c") else {"buyer_id": "12345676"}
        when = (now - timedelta(hours=hours)).isoformat()
        ops += [sale, op("einvoice.issue", _invoice(sale, numbers[kind], when, **buyer))]
    void_at = (now - timedelta(hours=150)).isoformat()
    void = {"number": numbers["b2b_void"], "voided_at": void_at, "reason": "退貨"}
    assert {r["status"] for r in push(server, till, *ops, op("einvoice.void", void))} == {"applied"}
    with server.client(server.token("operator")) as client:
        report = client.get("/admin/einvoice/upload-deadlines").json()
    flagged = {(d["message_type"], d["document_no"]): d for d in report["documents"]}
    at = {key: (d["deadline_hours"], d["overdue"]) for key, d in flagged.items()}
    assert at == {
        ("F0401", numbers["b2c_30h"]): (48, False),  # B2C: a day or less of 48 hours left
        ("F0401", numbers["b2b_6d12h"]): (168, False),  # B2B: half a day of 7 days left
        ("F0401", numbers["b2b_8d"]): (168, True),
        ("F0401", numbers["b2b_void"]): (168, True),
        ("F0501", numbers["b2b_void"]): (168, False),  # the void has its invoice's 7 days
    }, "a B2B invoice 30 hours old is not at risk"


def test_the_cli_exports_and_needs_a_folder_and_the_seller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    folder = tmp_path / "EINVTurnkey"
    monkeypatch.delenv("WAREHOUSE_TURNKEY_DIR", raising=False)
    assert main(["einvoice", "export", "--db", url]) == 2
    assert "--turnkey-dir" in capsys.readouterr().err
    assert main(["einvoice", "export", "--db", url, "--turnkey-dir", str(folder)]) == 2
    assert "is not a folder" in capsys.readouterr().err
    folder.mkdir()
    monkeypatch.delenv("WAREHOUSE_EINVOICE_SELLER_NAME", raising=False)
    assert main(["einvoice", "export", "--db", url, "--turnkey-dir", str(folder)]) == 2
    assert "WAREHOUSE_EINVOICE_SELLER_NAME" in capsys.readouterr().err
    monkeypatch.setenv("WAREHOUSE_EINVOICE_SELLER_NAME", SELLER.name)
    monkeypatch.setenv("WAREHOUSE_EINVOICE_SELLER_ADDRESS", SELLER.address)
    assert main(["einvoice", "export", "--db", url, "--turnkey-dir", str(folder)]) == 0
    assert "0 messages exported" in capsys.readouterr().out


def test_two_exporters_racing_write_each_message_once(server: Server, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    till, first = _setup(server)
    numbers: list[str] = []
    for n in range(3):
        numbers += _issue_four(server, till, first + 4 * n, "2026-11-25T09:30:00+08:00")
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: export_pending(server.db, tmp_path, SELLER), range(2)))
    written = [name for result in results for name in result.exported]
    assert sorted(written) == sorted(f"F0401_{n}.xml" for n in numbers), "each once, none twice"
    assert len(_src(tmp_path, "F0401")) == len(numbers)


def test_the_sweeper_round_exports_when_a_folder_is_set(server: Server, tmp_path: Path) -> None:
    from warehouse_api.config import Settings
    from warehouse_api.services.sweeper import turnkey_round

    till, first = _setup(server)
    _issue_four(server, till, first, "2026-11-25T09:30:00+08:00")
    settings = Settings(
        db_url=server.db_url,
        turnkey_dir=tmp_path,
        einvoice_seller_name=SELLER.name,
        einvoice_seller_address=SELLER.address,
    )
    turnkey_round(server.db, settings)
    assert len(_src(tmp_path, "F0401")) == 4
