"""A partial return within the invoice's period, on a real warehouse on loopback (SQLite
and PostgreSQL): the till voids the invoice and issues a replacement (重開) with the next
number it holds; the warehouse keeps both linked to the return and owes an F0501 for the
void and an F0401 for the replacement, which lists only what the customer kept; the
printed proof of the replacement scans with zbar. What each bad replacement gets."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from server_testkit import Server, einvoice_issue, op, push, sale_op
from sqlalchemy import select, update
from test_einvoice_return_elsewhere import Till, _sell, tills

from counter_app.devices.config import PrinterConfig, TextEncoding
from counter_app.devices.escpos_render import EscposRenderer
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget
from counter_app.local.models import OutboxOp
from counter_app.sync.connectivity import ConnectivityMonitor
from counter_app.sync.relay import OutboxRelay
from tests.integration.devices.escpos_stream import raster_images, stack
from warehouse_api.models import Einvoice, EinvoiceUpload
from warehouse_api.services import mig
from warehouse_api.services.einvoice_upload import SellerInfo, export_pending, message_dir

__all__ = ["tills"]  # the fixture, shared with the other-till return tests

SELLER = SellerInfo("好鄰居商店股份有限公司", "臺北市中正區重慶南路一段2號")


def _decode(document: Any) -> set[tuple[str, str]]:
    try:
        from pyzbar.pyzbar import decode
    except ImportError as missing:  # pyzbar installed but the zbar library is not
        pytest.skip(f"zbar is not installed ({missing})")
    target = RenderTarget.from_config(
        PrinterConfig(paper_mm=58, encoding=TextEncoding.IMAGE, profile="default")
    )
    image = stack(raster_images(EscposRenderer(target, TextRasterizer()).render(document)))
    return {(d.type, d.data.decode("utf-8")) for d in decode(image.convert("L"))}


def test_a_partial_return_in_the_period_voids_and_reissues_on_the_warehouse(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    seller = tills["seller"]
    receipt_no, number = _sell(seller, 3)  # NT$90
    done = seller.take_back(receipt_no, 1)
    settled = done.settlement
    assert settled is not None and (settled.kind, settled.number) == ("reissue", number)
    new = settled.replacement
    assert new is not None and new.number != number and new.total_cents == 6000
    seller.sync()

    with server.db.read() as session:
        old_row = session.scalars(select(Einvoice).where(Einvoice.number == number)).one()
        new_row = session.scalars(select(Einvoice).where(Einvoice.number == new.number)).one()
        owed = session.execute(
            select(EinvoiceUpload.message_type, EinvoiceUpload.document_no)
        ).all()
    assert old_row.voided_at is not None and old_row.void_return_id == done.return_id
    assert (new_row.replaces, new_row.return_id, new_row.sale_id) == (
        number,
        done.return_id,
        old_row.sale_id,
    )
    assert (new_row.total_cents, new_row.random_code, new_row.voided_at) == (
        6000,
        new.random_code,
        None,
    )
    assert sorted(owed) == [("F0401", number), ("F0401", new.number), ("F0501", number)]

    # The messages: both F0401s, the replacement's for the two teas kept; the F0501 once
    # the platform holds the invoice it voids.
    export_pending(server.db, tmp_path, SELLER)
    f0401 = message_dir(tmp_path, "F0401") / "SRC"
    replacement = (f0401 / f"F0401_{new.number}.xml").read_bytes()
    assert mig.validate(replacement) == []
    text = replacement.decode("utf-8")
    assert f"<MainRemark>作廢重開 原發票 {number}</MainRemark>" in text
    assert "<Quantity>2</Quantity>" in text and "<SalesAmount>60</SalesAmount>" in text
    assert f"<RandomNumber>{new.random_code}</RandomNumber>" in text
    assert mig.validate((f0401 / f"F0401_{number}.xml").read_bytes()) == []
    with server.db.write() as session:
        session.execute(
            update(EinvoiceUpload)
            .where(EinvoiceUpload.message_type == "F0401", EinvoiceUpload.document_no == number)
            .values(state="accepted")
        )
    export_pending(server.db, tmp_path, SELLER)
    void = (message_dir(tmp_path, "F0501") / "SRC" / f"F0501_{number}.xml").read_bytes()
    assert mig.validate(void) == [] and f"<CancelInvoiceNumber>{number}<" in void.decode()

    # The proof printed after the return receipt is the replacement's, and it scans.
    proof = seller.output.documents[-1]
    assert proof.kind.value == "einvoice_proof"
    found = _decode(proof)
    assert ("CODE39", f"11512{new.number}{new.random_code}") in found
    [left] = [data for kind, data in found if kind == "QRCODE" and not data.startswith("**")]
    assert left[0:10] == new.number and left[17:21] == new.random_code
    assert int(left[29:37], 16) == 60  # the total of what was kept
    assert left.split(":")[5:8] == ["茶", "2", "30"]


def _queued(till: Till, op_type: str) -> OutboxOp:
    with till.db.read() as session:
        return session.scalars(
            select(OutboxOp).where(OutboxOp.type == op_type).order_by(OutboxOp.op_id.desc())
        ).first()


def _tamper(till: Till, op_id: str, **changes: Any) -> None:
    with till.db.unit_of_work() as session:
        row = session.get(OutboxOp, op_id)
        assert row is not None
        row.payload = json.dumps({**json.loads(row.payload), **changes})


def _drain(till: Till) -> dict[str, str]:
    """Push what the till queued; the code each refused op got, by its type."""
    OutboxRelay(till.db, till.client, ConnectivityMonitor()).drain()
    with till.db.read() as session:
        refused = session.scalars(select(OutboxOp).where(OutboxOp.problem_code.is_not(None)))
        return {op.type: op.problem_code or "" for op in refused}


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("total is not the invoice's less the refund", "einvoice_replacement_invalid"),
        ("no return named", "einvoice_replacement_invalid"),
        ("the invoice it replaces was not voided", "einvoice_replacement_invalid"),
        ("replaces another sale's invoice", "einvoice_replacement_invalid"),
    ],
)
def test_what_each_bad_replacement_gets(
    server: Server, tills: dict[str, Till], case: str, code: str
) -> None:
    seller = tills["seller"]
    _, other_number = _sell(seller, 1)
    receipt_no, number = _sell(seller, 3)
    seller.take_back(receipt_no, 1)
    issue, void = _queued(seller, "einvoice.issue"), _queued(seller, "einvoice.void")
    if case.startswith("total"):
        _tamper(seller, issue.op_id, total_cents=5000, sales_amount_cents=4800, tax_cents=200)
    elif case.startswith("no return"):
        _tamper(seller, issue.op_id, return_id=None)
    elif case.startswith("the invoice"):
        with seller.db.unit_of_work() as session:
            session.delete(session.get(OutboxOp, void.op_id))
    else:
        _tamper(seller, issue.op_id, replaces=other_number)
    assert _drain(seller).get("einvoice.issue") == code
    with server.db.read() as session:
        live = session.scalars(
            select(Einvoice.number).where(Einvoice.number.in_([number, other_number]))
        ).all()
        replacements = session.scalars(select(Einvoice).where(Einvoice.replaces.is_not(None)))
        assert list(replacements) == []  # nothing of the bad replacement was kept
    assert sorted(live) == sorted([number, other_number])  # both sales' invoices stand


def test_two_invoices_racing_for_one_sale_leave_one_live(server: Server) -> None:
    """The partial unique index, not a check-then-write: eight pushes of different numbers
    for one sale at once; one is applied, the others get einvoice_sale_invoiced."""
    with server.client(server.token("admin")) as admin:
        lines = ["period,track,start,end,invoice_type", "11512,AB,12345600,12345699,07"]
        assert admin.post("/admin/einvoice/numbers", json={"lines": lines}).status_code == 201
    till = server.enroll("S001")
    with server.client(till) as client:
        start = client.post("/einvoice/booklets/claim", json={"period": "11512"}).json()
    first = start["booklets"][0]["start_no"]
    sale = sale_op(21, 2, price_cents=3000)
    assert push(server, till, sale)[0]["status"] == "applied"
    issued_at = "2026-11-25T09:30:00+08:00"
    ops = [
        op("einvoice.issue", einvoice_issue(sale, f"AB{first + n:08d}", "11512", issued_at))
        for n in range(8)
    ]
    barrier = threading.Barrier(len(ops))

    def one(issue: dict[str, Any]) -> dict[str, Any]:
        barrier.wait()
        [result] = push(server, till, issue)
        return result

    with ThreadPoolExecutor(max_workers=len(ops)) as pool:
        results = list(pool.map(one, ops))
    statuses = sorted(r["status"] for r in results)
    assert statuses == ["applied"] + ["rejected"] * 7, results
    assert {r["problem"]["code"] for r in results if r["status"] == "rejected"} == {
        "einvoice_sale_invoiced"
    }
    with server.db.read() as session:
        live = session.scalars(
            select(Einvoice).where(Einvoice.sale_id == sale["payload"]["sale_id"])
        ).all()
    assert len(live) == 1 and live[0].voided_at is None
    # Voided, the sale takes no second invoice of its own: only a replacement by a return.
    void = {"number": live[0].number, "voided_at": issued_at, "reason": "退貨"}
    assert push(server, till, op("einvoice.void", void))[0]["status"] == "applied"
    fresh = einvoice_issue(sale, f"AB{first + 8:08d}", "11512", issued_at)
    [again] = push(server, till, op("einvoice.issue", fresh))
    assert (again["status"], again["problem"]["code"]) == ("rejected", "einvoice_sale_invoiced")


def test_a_second_partial_return_replaces_the_replacement(
    server: Server, tills: dict[str, Till], tmp_path: Path
) -> None:
    seller = tills["seller"]
    receipt_no, number = _sell(seller, 3)  # NT$90
    first = seller.take_back(receipt_no, 1).settlement
    second = seller.take_back(receipt_no, 1).settlement  # before any sync
    assert first is not None and first.replacement is not None
    assert second is not None and second.replacement is not None
    assert (second.kind, second.number) == ("reissue", first.replacement.number)
    seller.sync()
    with server.db.read() as session:
        chain = session.execute(
            select(Einvoice.number, Einvoice.replaces, Einvoice.voided_at.is_(None))
            .where(
                Einvoice.number.in_([number, first.replacement.number, second.replacement.number])
            )
            .order_by(Einvoice.number)
        ).all()
    assert [tuple(row) for row in chain] == [
        (number, None, False),
        (first.replacement.number, number, False),
        (second.replacement.number, first.replacement.number, True),  # the one live
    ]
    export_pending(server.db, tmp_path, SELLER)
    last = message_dir(tmp_path, "F0401") / "SRC" / f"F0401_{second.replacement.number}.xml"
    text = last.read_text(encoding="utf-8")
    assert mig.validate(last.read_bytes()) == []
    assert "<Quantity>1</Quantity>" in text and "<SalesAmount>30</SalesAmount>" in text
    assert f"原發票 {first.replacement.number}<" in text
