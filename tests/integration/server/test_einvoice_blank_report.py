"""A finished period's blank numbers reported to the platform as E0402 messages, on a real
warehouse (SQLite and PostgreSQL): queued per track only once nothing can change them,
written once into Turnkey's platform folder as valid MIG messages, read back."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, assert_problem, einvoice_issue, op, push, sale_op
from sqlalchemy import select

from warehouse_api.cli import main
from warehouse_api.models import EinvoiceUpload
from warehouse_api.services import mig
from warehouse_api.services.einvoice_blanks import queue_period
from warehouse_api.services.einvoice_upload import (
    SellerInfo,
    export_pending,
    message_dir,
    read_results,
)

PERIOD = "11510"  # September-October 2026: over by the time these tests run
ALLOCATION = [
    "period,track,start,end,invoice_type",
    f"{PERIOD},AB,12345600,12345699,07",  # two booklets
    f"{PERIOD},CD,00000000,00000049,07",  # one, never claimed
]
SELLER = SellerInfo("好鄰居商店股份有限公司", "臺北市中正區重慶南路一段2號")
REPORT = "/admin/einvoice/blank-numbers/report"


def _issue(server: Server, till: str, *numbers: int) -> None:
    ops: list[dict[str, Any]] = []
    for number in numbers:
        sale = sale_op(21, 1)
        issue = einvoice_issue(sale, f"AB{number:08d}", PERIOD, "2026-10-30T10:00:00+08:00")
        ops += [sale, op("einvoice.issue", issue)]
    assert {r["status"] for r in push(server, till, *ops)} == {"applied"}


def _settled_period(server: Server) -> str:
    """AB12345600-603 issued; the till gives back the rest (604 on); CD never claimed."""
    with server.client(server.token("admin")) as client:
        assert client.post("/admin/einvoice/numbers", json={"lines": ALLOCATION}).status_code == 201
    till = server.enroll("S001")
    with server.client(till) as client:
        claimed = client.post("/einvoice/booklets/claim", json={"period": PERIOD, "count": 1})
        [booklet] = claimed.json()["booklets"]
    _issue(server, till, 12345600, 12345601, 12345602, 12345603)
    with server.client(till) as client:
        back = {"booklets": [{"booklet_id": booklet["booklet_id"], "next_unused_no": 12345604}]}
        assert client.post("/einvoice/booklets/return", json=back).status_code == 200
    return till


def test_a_finished_period_becomes_one_valid_e0402_per_track(
    server: Server, tmp_path: Path
) -> None:
    _settled_period(server)
    with server.client(server.token("admin")) as client:
        first = client.post(REPORT, params={"period": PERIOD})
        again = client.post(REPORT, params={"period": PERIOD})
    assert first.status_code == 200, first.text
    assert first.json() == {
        "period": PERIOD,
        "queued": ["11510AB", "11510CD"],
        "already_queued": [],
    }
    assert again.json()["queued"] == [] and again.json()["already_queued"] == ["11510AB", "11510CD"]

    result = export_pending(server.db, tmp_path, SELLER)
    blank_files = sorted(name for name in result.exported if name.startswith("E0402"))
    assert blank_files == ["E0402_11510AB.xml", "E0402_11510CD.xml"]
    src = tmp_path / "UpCast" / "B2PMESSAGE" / "E0402" / "SRC"
    assert message_dir(tmp_path, "E0402") / "SRC" == src
    ab = (src / "E0402_11510AB.xml").read_bytes()
    cd = (src / "E0402_11510CD.xml").read_bytes()
    assert mig.validate(ab) == [] and mig.validate(cd) == []
    # The rest of the used booklet and the whole untouched second one: one range.
    assert ab.count(b"<BranchTrackBlankItem>") == 1
    assert b"<InvoiceBeginNo>12345604</InvoiceBeginNo><InvoiceEndNo>12345699</InvoiceEndNo>" in ab
    assert b"<HeadBan>04595257</HeadBan><BranchBan>04595257</BranchBan>" in ab
    assert b"<YearMonth>11510</YearMonth><InvoiceTrack>AB</InvoiceTrack>" in ab
    assert b"<InvoiceBeginNo>00000000</InvoiceBeginNo><InvoiceEndNo>00000049</InvoiceEndNo>" in cd

    # The platform's answers come back under Unpack/B2PMESSAGE: one accepted, one refused.
    answers = tmp_path / "Unpack" / "B2PMESSAGE" / "E0402" / "ProcessResult" / "20261105"
    answers.mkdir(parents=True)
    (answers / "r.xml").write_text(
        "<ProcessResult>"
        "<Result><YearMonth>11510</YearMonth><InvoiceTrack>AB</InvoiceTrack>"
        "<ResultCode>0</ResultCode></Result>"
        "<Result><YearMonth>11510</YearMonth><InvoiceTrack>CD</InvoiceTrack>"
        "<ResultCode>1</ResultCode><ErrorCode>E402</ErrorCode>"
        "<ErrorMessage>上傳明細區間重疊</ErrorMessage></Result>"
        "</ProcessResult>",
        encoding="utf-8",
    )
    read = read_results(server.db, tmp_path)
    assert (read.accepted, read.rejected) == (1, 1)
    with server.db.read() as session:
        rows = {u.document_no: u for u in session.scalars(select(EinvoiceUpload))}
    assert rows["11510AB"].state == "accepted"
    assert rows["11510CD"].state == "rejected"
    assert rows["11510CD"].reason == "platform E402: 上傳明細區間重疊"
    assert rows["11510AB"].invoice_number == "AB12345604" and rows["11510AB"].location_id is None
    assert rows["11510AB"].due_from == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)


def test_a_period_is_reported_only_once_nothing_can_change_its_blanks(server: Server) -> None:
    admin = server.token("admin")
    with server.client(admin) as client:
        assert client.post("/admin/einvoice/numbers", json={"lines": ALLOCATION}).status_code == 201
        assert_problem(
            client.post(REPORT, params={"period": "11508"}), 404, "einvoice_period_unknown"
        )
        current = client.post(REPORT, params={"period": "11512"})
        assert_problem(current, 409, "einvoice_period_open")
        assert_problem(client.post(REPORT, params={"period": "11511"}), 422, "validation_error")
    till = server.enroll("S001")
    with server.client(till) as client:
        [booklet] = client.post(
            "/einvoice/booklets/claim", json={"period": PERIOD, "count": 1}
        ).json()["booklets"]
    _issue(server, till, 12345600, 12345601)
    with server.client(admin) as client:
        held = assert_problem(
            client.post(REPORT, params={"period": PERIOD}), 409, "einvoice_booklets_still_held"
        )
    assert held["devices"] == [server_device_id(server, till)]

    # The till used 600-603 but only 600 and 601 have arrived: 602, 603 are not blank.
    with server.client(till) as client:
        back = {"booklets": [{"booklet_id": booklet["booklet_id"], "next_unused_no": 12345604}]}
        assert client.post("/einvoice/booklets/return", json=back).status_code == 200
    with server.client(admin) as client:
        missing = assert_problem(
            client.post(REPORT, params={"period": PERIOD}), 409, "einvoice_invoices_missing"
        )
    assert missing["numbers"] == ["AB12345602", "AB12345603"]
    with server.db.read() as session:
        assert (
            session.scalars(
                select(EinvoiceUpload).where(EinvoiceUpload.message_type == "E0402")
            ).all()
            == []
        )
    _issue(server, till, 12345602, 12345603)
    with server.client(admin) as client:
        assert client.post(REPORT, params={"period": PERIOD}).json()["queued"] == [
            "11510AB",
            "11510CD",
        ]
    with server.client(till) as client:
        assert client.post(REPORT, params={"period": PERIOD}).status_code == 403


def server_device_id(server: Server, token: str) -> int:
    with server.client(token) as client:
        me = client.get("/devices/me")
    assert me.status_code == 200, me.text
    return int(me.json()["id"])


def test_two_admins_racing_queue_each_track_once(server: Server) -> None:
    _settled_period(server)
    now = datetime(2026, 11, 2, tzinfo=UTC)

    def queue(_: int) -> list[str]:
        with server.db.write() as session:
            return queue_period(session, PERIOD, None, now).queued

    with ThreadPoolExecutor(2) as pool:
        queued = [doc for docs in pool.map(queue, range(2)) for doc in docs]
    assert sorted(queued) == ["11510AB", "11510CD"]
    with server.db.read() as session:
        kinds = session.scalars(
            select(EinvoiceUpload.document_no).where(EinvoiceUpload.message_type == "E0402")
        )
        assert sorted(kinds) == ["11510AB", "11510CD"]


def test_the_seller_tax_id_is_the_setting_or_the_invoices_one(
    server: Server, tmp_path: Path
) -> None:
    _settled_period(server)
    now = datetime(2026, 11, 2, tzinfo=UTC)
    with server.db.write() as session:
        queue_period(session, PERIOD, "12345676", now)
    export_pending(server.db, tmp_path, SellerInfo(SELLER.name, SELLER.address, "12345676"))
    ab = (message_dir(tmp_path, "E0402") / "SRC" / "E0402_11510AB.xml").read_bytes()
    assert b"<HeadBan>12345676</HeadBan><BranchBan>12345676</BranchBan>" in ab


def test_the_cli_queues_a_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["einvoice", "report-blanks", "--db", url, "--period", "115/9"]) == 2
    assert "even month" in capsys.readouterr().err
    assert main(["einvoice", "report-blanks", "--db", url, "--period", "115/9-10"]) == 1
    assert "no numbers were imported for period 11510" in capsys.readouterr().err
    csv = tmp_path / "numbers.csv"
    csv.write_text("\n".join(ALLOCATION), encoding="utf-8")
    assert main(["einvoice", "import-numbers", "--db", url, str(csv)]) == 0
    capsys.readouterr()
    # No invoice names the seller and none is configured: the tax ID is unknown.
    assert main(["einvoice", "report-blanks", "--db", url, "--period", PERIOD]) == 1
    assert "WAREHOUSE_EINVOICE_SELLER_ID" in capsys.readouterr().err
