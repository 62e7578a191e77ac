"""The E0402 message (BranchTrackBlank, 空白未使用字軌號碼): built in MIG order, and every
kind of bad one named by the rule it breaks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warehouse_api.services import mig

BLANKS = mig.BlankTrackMessage(
    head_ban="04595257",
    branch_ban="04595257",
    invoice_type="07",
    year_month="11510",
    track="AB",
    ranges=[(12345604, 12345699), (12345750, 12345799)],
)
NS = "urn:GEINV:eInvoiceMessage:E0402:4.1"


def test_an_e0402_lists_the_blank_ranges_of_one_track_in_mig_order() -> None:
    document = mig.build_e0402(BLANKS)
    assert mig.validate(document) == []
    assert mig.message_type_of(document) == "E0402"
    text = document.decode()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<BranchTrackBlank xmlns="')
    main = (
        "<Main><HeadBan>04595257</HeadBan><BranchBan>04595257</BranchBan>"
        "<InvoiceType>07</InvoiceType><YearMonth>11510</YearMonth>"
        "<InvoiceTrack>AB</InvoiceTrack></Main>"
    )
    assert main in text
    assert (
        "<BranchTrackBlankItem><InvoiceBeginNo>12345604</InvoiceBeginNo>"
        "<InvoiceEndNo>12345699</InvoiceEndNo></BranchTrackBlankItem>"
    ) in text
    assert text.count("<BranchTrackBlankItem>") == 2


def test_numbers_keep_their_leading_zeros() -> None:
    document = mig.build_e0402(replace(BLANKS, ranges=[(0, 49)]))
    assert b"<InvoiceBeginNo>00000000</InvoiceBeginNo><InvoiceEndNo>00000049</InvoiceEndNo>" in (
        document
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"ranges": [(12345699, 12345604)]}, "InvoiceEndNo is before InvoiceBeginNo"),
        ({"ranges": [(100, 149), (149, 199)]}, "BranchTrackBlankItem 1 and 2 overlap"),
        ({"ranges": [(150, 199), (100, 160)]}, "BranchTrackBlankItem 2 and 1 overlap"),
        ({"ranges": [(5, 5), (5, 5)]}, "overlap"),
        ({"ranges": [(1, 100), (5, 10), (50, 60)]}, "BranchTrackBlankItem 1 and 3 overlap"),
        ({"ranges": []}, "BranchTrackBlankItem: missing"),
        ({"ranges": [(123456789, 123456789)]}, "is not an invoice number's 8 digits"),
        ({"year_month": "11511"}, "is not a period (ROC year, even month)"),
        ({"year_month": "202412"}, "is not a period"),
        ({"track": "ab"}, "is not a track (2 capital letters)"),
        ({"invoice_type": "09"}, "'09' is not one of 07, 08"),
        ({"head_ban": "4595257"}, "HeadBan: '4595257' is not a tax ID"),
        ({"branch_ban": ""}, "BranchBan: '' is not a tax ID"),
    ],
)
def test_a_bad_e0402_is_refused_naming_the_rule(change: dict[str, object], problem: str) -> None:
    with pytest.raises(mig.MigError) as refused:
        mig.build_e0402(replace(BLANKS, **change))  # type: ignore[arg-type]
    assert refused.value.message_type == "E0402"
    assert any(problem in p for p in refused.value.problems), refused.value.problems


def test_the_validator_checks_the_e0402_tree() -> None:
    good = mig.build_e0402(BLANKS).decode()
    missing_track = good.replace("<InvoiceTrack>AB</InvoiceTrack>", "")
    assert "/BranchTrackBlank/Main/InvoiceTrack: missing (or out of order)" in mig.validate(
        missing_track.encode()
    )
    swapped = good.replace(
        "<InvoiceType>07</InvoiceType><YearMonth>11510</YearMonth>",
        "<YearMonth>11510</YearMonth><InvoiceType>07</InvoiceType>",
    )
    assert any("out of order" in p for p in mig.validate(swapped.encode()))
    wrong_root = good.replace("BranchTrackBlank", "BranchTrack")
    assert any("root element 'BranchTrack'" in p for p in mig.validate(wrong_root.encode()))
    foreign = good.replace(NS, "urn:GEINV:eInvoiceMessage:E0401:4.1")
    assert mig.validate(foreign.encode())[0].startswith("root")
