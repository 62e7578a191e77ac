"""Receipt documents: the right content in the right order, fitting the paper."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counter_app.core.money import Money
from counter_app.core.receipts import (
    DROPSHIP_COPY_LABELS,
    QR,
    Barcode,
    Columns,
    Cut,
    Document,
    DocumentKind,
    DropshipCopy,
    DropshipSlipData,
    ItemQty,
    Payment,
    PickupSlipData,
    PrinterTestPageData,
    ReturnReceiptData,
    SaleLine,
    SaleReceiptData,
    ShiftReportData,
    TestPageLabels,
    Text,
    dropship_slip,
    dropship_slips,
    local_time,
    mark_reprint,
    mask_phone,
    pickup_slip,
    printer_test_page,
    return_receipt,
    sale_receipt,
    shift_report,
)
from counter_app.core.text_layout import display_width

WHEN = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 09:30 in Taipei


def sale(**overrides: object) -> SaleReceiptData:
    values: dict[str, object] = dict(
        store_name="台北信義店",
        store_code="S001",
        receipt_no="RS001-261125-0042",
        cashier_name="王小明",
        created_at=WHEN,
        lines=[
            SaleLine("珍珠奶茶（大）", 2, Money.from_dollars(65), Money.from_dollars(130)),
            SaleLine("鳳梨酥禮盒", 1, Money.from_dollars(450), Money.from_dollars(450)),
        ],
        total=Money.from_dollars(580),
        payments=[
            Payment(
                "cash", Money.from_dollars(580), Money.from_dollars(1000), Money.from_dollars(420)
            )
        ],
    )
    values.update(overrides)
    return SaleReceiptData(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("columns", [32, 48])
def test_sale_receipt_content_and_fit(columns: int) -> None:
    doc = sale_receipt(sale())
    text = doc.plain_text(columns)
    for expected in [
        "台北信義店",
        "銷售收據",
        "RS001-261125-0042",
        "王小明",
        "2026-11-25 09:30",
        "珍珠奶茶（大）",
        "NT$130",
        "NT$580",
        "現金",
        "NT$1,000",
        "找零",
        "NT$420",
    ]:
        assert expected in text
    assert "補印" not in text
    for line in text.splitlines():
        assert display_width(line) <= columns
    assert Barcode("RS001-261125-0042") in doc.elements
    assert isinstance(doc.elements[-1], Cut)


def test_total_is_right_aligned_on_the_paper_edge() -> None:
    text = sale_receipt(sale()).plain_text(32)
    total_line = next(line for line in text.splitlines() if line.startswith("合計"))
    assert total_line.endswith("NT$580") and display_width(total_line) == 32


def test_reprint_and_pending_notes() -> None:
    doc = sale_receipt(sale(reprint=True, pending_notes=["離線交易，待同步"]))
    text = doc.plain_text(48)
    assert "補印" in text and "REPRINT" in text
    assert "※ 離線交易，待同步" in text


def test_pickup_slip_has_qr_and_code128_and_masked_phone() -> None:
    doc = pickup_slip(
        PickupSlipData(
            "台北信義店",
            "PU7K3M9Q2X",
            "陳小姐",
            "0912345678",
            [ItemQty("有機米 2kg", 2)],
            WHEN,
            pending=True,
        )
    )
    assert QR("PU7K3M9Q2X") in doc.elements and Barcode("PU7K3M9Q2X") in doc.elements
    text = doc.plain_text(32)
    assert "0912***678" in text and "0912345678" not in text
    assert "待確認" in text


DROPSHIP = DropshipSlipData(
    "台北信義店",
    "DS-0001",
    "林先生",
    "0987-654-321",
    "台北市信義區松高路 1 號 5 樓",
    [ItemQty("保溫瓶", 1)],
    WHEN,
    carrier="黑貓宅急便",
)


def test_the_parcel_copy_carries_what_the_courier_needs() -> None:
    text = dropship_slip(DROPSHIP, copy=DropshipCopy.PARCEL).plain_text(32)
    assert "電話：0987-654-321" in text, "the courier can call"
    assert (
        "台北市信義區松高路1號5樓" in text.replace("\n", "").replace(" ", "") and "林先生" in text
    )
    assert "包裹聯" in text and "黑貓宅急便" in text


@pytest.mark.parametrize("copy", [DropshipCopy.CUSTOMER, DropshipCopy.STORE])
def test_the_customer_and_store_copies_mask_the_phone(copy: DropshipCopy) -> None:
    text = dropship_slip(DROPSHIP, copy=copy).plain_text(48)
    assert "0987***321" in text and "654" not in text
    assert DROPSHIP_COPY_LABELS[copy] in text


def test_dropship_slips_are_three_labelled_copies_parcel_first() -> None:
    docs = dropship_slips(DROPSHIP)
    assert [d.plain_text(48).count("654") for d in docs] == [1, 0, 0]
    assert all(d.kind is DocumentKind.DROPSHIP_SLIP and d.reference == "DS-0001" for d in docs)
    assert all(Barcode("DS-0001") in d.elements for d in docs)


def test_mask_phone() -> None:
    assert mask_phone("0912345678") == "0912***678"
    assert mask_phone("02-2345-6789") == "0223***789"
    assert mask_phone("12345") == "***45"


def test_exchange_receipt_nets_amounts() -> None:
    data = ReturnReceiptData(
        "台北信義店",
        "XS001-261125-0003",
        "RS001-261125-0042",
        "王小明",
        WHEN,
        returned=[SaleLine("鳳梨酥禮盒", 1, Money.from_dollars(450), Money.from_dollars(450))],
        exchanged=[SaleLine("太陽餅禮盒", 1, Money.from_dollars(380), Money.from_dollars(380))],
    )
    text = return_receipt(data).plain_text(32)
    assert "換貨收據" in text and "原收據：RS001-261125-0042" in text
    refund = next(line for line in text.splitlines() if line.startswith("應退金額"))
    assert refund.endswith("NT$70")


@pytest.mark.parametrize("kind", ["X", "Z"])
def test_shift_reports(kind: str) -> None:
    data = ShiftReportData(
        kind,
        "台北信義店",
        "till-1",
        "王小明",
        WHEN,
        WHEN,
        12,  # type: ignore[arg-type]
        Money.from_dollars(5000),
        1,
        Money.from_dollars(450),
        [("cash", Money.from_dollars(3000)), ("card", Money.from_dollars(1550))],
        Money.from_dollars(2000),
        Money.from_dollars(4550),
        Money.from_dollars(4500) if kind == "Z" else None,
    )
    text = shift_report(data).plain_text(32)
    assert "淨銷售" in text and "NT$4,550" in text
    assert ("差額" in text) == (kind == "Z")
    if kind == "Z":
        assert "-NT$50" in text


def test_printer_test_page_exercises_every_element_kind() -> None:
    doc = printer_test_page(PrinterTestPageData("櫃台", 80, "big5", "TM-T88V", WHEN))
    kinds = {type(e) for e in doc.elements}
    assert {Text, Columns, Barcode, QR, Cut} <= kinds


def test_local_time_converts_utc_to_taipei() -> None:
    assert local_time(WHEN) == "2026-11-25 09:30"


def test_builders_name_their_documents_with_codes() -> None:
    doc = printer_test_page(PrinterTestPageData("櫃台", 80, "big5", "TM-T88V", WHEN))
    assert (doc.kind, doc.reprint) == (DocumentKind.TEST_PAGE, False)


def test_test_page_reads_in_the_labels_given() -> None:
    labels = TestPageLabels(
        title="Test page",
        heading="Print test",
        subtitle="TEST PAGE",
        printer="Printer: ",
        profile="Profile: ",
        paper="Paper: ",
        encoding="Encoding: ",
        time="Time: ",
        chinese_sample="Chinese: ",
        bold="Bold",
        center="Center",
        right="Right",
        alignment="Alignment",
    )
    doc = printer_test_page(
        PrinterTestPageData("Front", 80, "big5", "TM-T88V", WHEN, labels=labels)
    )
    text = doc.plain_text(48)
    assert doc.title == "Test page" and "Printer: Front" in text and "Paper: 80 mm" in text
    non_sample = text.replace("珍珠奶茶、鳳梨酥、臺灣", "")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in non_sample), "no Chinese but the sample"


def test_mark_reprint_marks_once_under_the_header() -> None:
    doc = printer_test_page(PrinterTestPageData("櫃台", 80, "big5", "TM-T88V", WHEN))
    marked = mark_reprint(doc)
    assert marked.reprint and mark_reprint(marked) == marked
    lines = marked.plain_text(48).splitlines()
    assert lines.index("*** 補印 REPRINT ***") == 2 and lines[3].startswith("---")


def test_document_is_immutable() -> None:
    doc = Document("x", (Text("a"),))
    with pytest.raises(AttributeError):
        doc.title = "y"  # type: ignore[misc]
