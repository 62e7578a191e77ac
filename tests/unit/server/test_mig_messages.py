"""MIG 4.1 messages (F0401, F0501, G0401, G0501): built, checked by the validator, read
back; and every kind of bad message named by the rule it breaks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from warehouse_api.services import mig

TW = timezone(timedelta(hours=8))
ISSUED = datetime(2026, 11, 25, 9, 30, 5, tzinfo=TW)
SELLER = mig.Party("04595257", "好鄰居商店股份有限公司", "臺北市中正區重慶南路一段2號")
CONSUMER = mig.Party(mig.B2C_BUYER, "消費者")


def _values(document: bytes, message_type: str) -> dict[str, str]:
    """Every leaf as path -> text (first occurrence), namespaces dropped."""
    ns = "{" + mig.namespace(message_type) + "}"
    root = ET.fromstring(document)
    out: dict[str, str] = {}

    def walk(node: ET.Element, path: str) -> None:
        for child in node:
            here = f"{path}/{child.tag.replace(ns, '')}"
            if len(child):
                walk(child, here)
            else:
                out.setdefault(here, child.text or "")

    walk(root, "")
    return out


def _b2c(**changes: object) -> mig.InvoiceMessage:
    message = mig.InvoiceMessage(
        number="AB12345678",
        issued_at=ISSUED,
        seller=SELLER,
        buyer=CONSUMER,
        random_number="0427",
        items=[
            mig.InvoiceItem("綠茶 600ml", Decimal(2), Decimal(25), Decimal(50)),
            mig.InvoiceItem("御飯糰", Decimal(1), Decimal(39), Decimal(39)),
        ],
        sales_amount=Decimal(89),
        tax_amount=Decimal(0),
        total_amount=Decimal(89),
    )
    return replace(message, **changes)  # type: ignore[arg-type]


def test_a_printed_b2c_invoice_has_its_fields_in_mig_order_and_adds_up() -> None:
    document = mig.build_f0401(_b2c())
    assert mig.validate(document) == []
    assert mig.message_type_of(document) == "F0401"
    root = ET.fromstring(document)
    assert root.tag == "{urn:GEINV:eInvoiceMessage:F0401:4.1}Invoice"
    main = [child.tag.split("}")[1] for child in root[0]]
    assert main == [
        "InvoiceNumber",
        "InvoiceDate",
        "InvoiceTime",
        "Seller",
        "Buyer",
        "InvoiceType",
        "DonateMark",
        "PrintMark",
        "RandomNumber",
    ]
    values = _values(document, "F0401")
    assert values["/Main/InvoiceDate"] == "20261125"
    assert values["/Main/InvoiceTime"] == "09:30:05"
    assert values["/Main/Buyer/Identifier"] == "0000000000"
    assert (values["/Main/PrintMark"], values["/Main/DonateMark"]) == ("Y", "0")
    assert values["/Details/ProductItem/Description"] == "綠茶 600ml"
    assert values["/Details/ProductItem/SequenceNumber"] == "1"
    assert [values[f"/Amount/{tag}"] for tag in ("SalesAmount", "TaxAmount", "TotalAmount")] == [
        "89",
        "0",
        "89",
    ]
    assert (values["/Amount/TaxType"], values["/Amount/TaxRate"]) == ("1", "0.05")


def test_a_b2b_invoice_splits_the_tax() -> None:
    buyer = mig.Party("12345676", "12345676")
    message = _b2c(
        buyer=buyer,
        items=[mig.InvoiceItem("影印紙 A4", Decimal(4), Decimal(250), Decimal(1000))],
        sales_amount=Decimal(1000),
        tax_amount=Decimal(50),
        total_amount=Decimal(1050),
    )
    values = _values(mig.build_f0401(message), "F0401")
    assert values["/Main/Buyer/Identifier"] == "12345676"
    assert values["/Main/PrintMark"] == "Y"
    assert (values["/Amount/SalesAmount"], values["/Amount/TaxAmount"]) == ("1000", "50")
    assert values["/Amount/TotalAmount"] == "1050"
    wrong_tax = replace(message, tax_amount=Decimal(60), total_amount=Decimal(1060))
    with pytest.raises(mig.MigError, match=r"TaxAmount 60 is not 0.05 of SalesAmount 1000"):
        mig.build_f0401(wrong_tax)


def test_a_carrier_invoice_is_not_printed_and_names_its_carrier_twice() -> None:
    message = _b2c(carrier_type="3J0002", carrier_id="/ABC+123")
    values = _values(mig.build_f0401(message), "F0401")
    assert values["/Main/PrintMark"] == "N"
    assert values["/Main/CarrierType"] == "3J0002"
    assert values["/Main/CarrierId1"] == values["/Main/CarrierId2"] == "/ABC+123"


def test_a_donated_invoice_names_the_charity_and_is_not_printed() -> None:
    values = _values(mig.build_f0401(_b2c(donation_code="25885")), "F0401")
    assert (values["/Main/DonateMark"], values["/Main/NPOBAN"]) == ("1", "25885")
    assert values["/Main/PrintMark"] == "N"


def test_void_allowance_and_allowance_void_messages() -> None:
    cancel = mig.build_f0501(
        mig.CancelInvoiceMessage(
            "AB12345678", ISSUED, mig.B2C_BUYER, "04595257", ISSUED + timedelta(hours=3), "退貨"
        )
    )
    values = _values(cancel, "F0501")
    assert list(values) == [
        "/CancelInvoiceNumber",
        "/InvoiceDate",
        "/BuyerId",
        "/SellerId",
        "/CancelDate",
        "/CancelTime",
        "/CancelReason",
    ]
    assert values["/CancelTime"] == "12:30:05"

    later = datetime(2027, 1, 3, 15, 0, tzinfo=TW)
    allowance = mig.build_g0401(
        mig.AllowanceMessage(
            number="AB12345678-01",
            issued_at=later,
            seller=SELLER,
            buyer=CONSUMER,
            items=[
                mig.AllowanceItem(
                    ISSUED,
                    "AB12345678",
                    "1",
                    "綠茶 600ml",
                    Decimal(1),
                    Decimal(24),
                    Decimal(24),
                    Decimal(1),
                    "1",
                ),
                mig.AllowanceItem(
                    ISSUED,
                    "AB12345678",
                    "2",
                    "御飯糰",
                    Decimal(1),
                    Decimal(37),
                    Decimal(37),
                    Decimal(2),
                    "2",
                ),
            ],
            tax_amount=Decimal(3),
            total_amount=Decimal(61),  # before tax
        )
    )
    values = _values(allowance, "G0401")
    assert values["/Main/AllowanceDate"] == "20270103"
    assert values["/Main/AllowanceType"] == "2"
    assert values["/Details/ProductItem/OriginalInvoiceNumber"] == "AB12345678"
    assert values["/Details/ProductItem/OriginalInvoiceDate"] == "20261125"
    assert (values["/Amount/TaxAmount"], values["/Amount/TotalAmount"]) == ("3", "61")

    cancel_allowance = mig.build_g0501(
        mig.CancelAllowanceMessage(
            "AB12345678-01", later, mig.B2C_BUYER, "04595257", later + timedelta(days=1), "開錯"
        )
    )
    assert mig.validate(cancel_allowance) == []
    assert _values(cancel_allowance, "G0501")["/AllowanceType"] == "2"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"number": "ab12345678"}, "is not an invoice number"),
        ({"random_number": "42"}, "is not a random number"),
        ({"seller": mig.Party("4595257", "x", "y")}, "is not a tax ID"),
        ({"seller": mig.Party("04595257", "x" * 61, "y")}, "Name: length 61"),
        ({"seller": mig.Party("04595257", "x")}, "Seller/Address: missing"),
        ({"buyer": mig.Party("000000000", "消費者")}, "or 0000000000"),
        ({"total_amount": Decimal(90)}, "TotalAmount is 90"),
        ({"tax_amount": Decimal(4), "total_amount": Decimal(93)}, "B2C invoice's amounts"),
        ({"sales_amount": Decimal(88), "total_amount": Decimal(88)}, "the items add up to 89"),
        ({"donation_code": "12"}, "is not a donation code"),
        ({"carrier_type": "3J0002", "carrier_id": "/" + "A" * 400}, "CarrierId1: length 401"),
        (
            {"items": [mig.InvoiceItem("茶", Decimal(3), Decimal(25), Decimal(89))]},
            "Quantity x UnitPrice differs from Amount",
        ),
        (
            {"items": [mig.InvoiceItem("茶", Decimal(1), Decimal("89.12345678"), Decimal(89))]},
            "more than 7 decimal places",
        ),
        ({"items": []}, "ProductItem: missing"),
    ],
)
def test_a_bad_invoice_is_refused_naming_the_rule(change: dict[str, object], problem: str) -> None:
    with pytest.raises(mig.MigError) as refused:
        mig.build_f0401(_b2c(**change))  # type: ignore[arg-type]
    assert any(problem in text for text in refused.value.problems), refused.value.problems


def _edit(document: bytes, old: bytes, new: bytes) -> bytes:
    assert old in document
    return document.replace(old, new, 1)


def test_the_validator_checks_order_presence_and_the_cross_field_rules() -> None:
    good = mig.build_f0401(_b2c())
    ns = mig.namespace("F0401").encode()
    # Two elements swapped: order matters in the MIG (an XSD sequence).
    swapped = _edit(
        good,
        b"<InvoiceDate>20261125</InvoiceDate><InvoiceTime>09:30:05</InvoiceTime>",
        b"<InvoiceTime>09:30:05</InvoiceTime><InvoiceDate>20261125</InvoiceDate>",
    )
    assert any("out of order" in p for p in mig.validate(swapped))
    assert any(
        "not a real date" in p
        for p in mig.validate(_edit(good, b"20261125</InvoiceDate>", b"20261131</InvoiceDate>"))
    )
    assert any(
        "not a time" in p
        for p in mig.validate(_edit(good, b"09:30:05</InvoiceTime>", b"9:30</InvoiceTime>"))
    )
    unknown = _edit(good, b"<DonateMark>", b"<Favourite>1</Favourite><DonateMark>")
    assert any("Favourite: not allowed here" in p for p in mig.validate(unknown))
    not_printed = _edit(good, b"<PrintMark>Y</PrintMark>", b"<PrintMark>N</PrintMark>")
    assert any("printed, kept in a carrier, or donated" in p for p in mig.validate(not_printed))
    no_npoban = _edit(good, b"<DonateMark>0</DonateMark>", b"<DonateMark>1</DonateMark>")
    assert any("needs the NPOBAN" in p for p in mig.validate(no_npoban))
    other_version = good.replace(ns, ns.replace(b":4.1", b":3.2"))
    assert "not a MIG 4.1" in mig.validate(other_version)[0]
    assert "not well-formed" in mig.validate(b"<Invoice>")[0]


def test_an_allowance_whose_items_do_not_add_up_is_refused() -> None:
    item = mig.AllowanceItem(
        ISSUED, "AB12345678", "1", "綠茶", Decimal(1), Decimal(24), Decimal(24), Decimal(1), "1"
    )
    message = mig.AllowanceMessage(
        "AB12345678-01", ISSUED, SELLER, CONSUMER, [item], Decimal(1), Decimal(25)
    )
    with pytest.raises(mig.MigError, match="TotalAmount is not that"):
        mig.build_g0401(message)
    with pytest.raises(mig.MigError, match="Tax is not 5% of Amount"):
        mig.build_g0401(
            replace(
                message,
                items=[replace(item, tax=Decimal(9))],
                tax_amount=Decimal(9),
                total_amount=Decimal(24),
            )
        )
    with pytest.raises(mig.MigError, match="CancelReason: length 21"):
        mig.build_f0501(
            mig.CancelInvoiceMessage(
                "AB12345678", ISSUED, mig.B2C_BUYER, "04595257", ISSUED, "x" * 21
            )
        )
