"""Carriers, donation codes and tax IDs, checked offline (published vectors where they exist)."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.core.codes import InvalidCode, InvalidReason, parse_scan
from counter_app.core.einvoice_codes import (
    BuyerError,
    BuyerProblem,
    CarrierCode,
    CarrierType,
    buyer_from_input,
    is_donation_code,
    is_valid_tax_id,
    parse_carrier,
)

BEFORE = date(2023, 3, 31)
AFTER = date(2023, 4, 1)


@pytest.mark.parametrize(
    ("tax_id", "old_rule", "new_rule"),
    [
        # Examples published with the rule (財政部財政資訊中心's page on the check logic) and
        # used by open validators; 04595252 is the usual example of a new-rule-only number.
        ("04595257", True, True),
        ("10458575", True, True),  # 7th digit 7: 2+8 = 10 counted as 0
        ("10458574", True, True),  # 7th digit 7: 10 counted as 1
        ("04595252", False, True),  # sum 35: divisible by 5 only, valid from 2023-04-01
        ("88117126", False, False),
        # The tw_ubn gem's examples, checked against the FIA's announcement of the new rule.
        ("22099131", True, True),
        ("47217677", True, True),
        ("22822281", True, True),
        ("22822280", False, False),
        ("47217977", False, False),
        ("11099131", False, False),
        ("12222539", False, False),
        ("0459525", False, False),  # 7 digits
        ("0459525A", False, False),
    ],
)
def test_tax_id_checksum_before_and_after_the_rule_change(
    tax_id: str, old_rule: bool, new_rule: bool
) -> None:
    assert is_valid_tax_id(tax_id, BEFORE) is old_rule
    assert is_valid_tax_id(tax_id, AFTER) is new_rule
    assert is_valid_tax_id(tax_id) is new_rule  # today's rule by default


def test_the_seventh_digit_seven_case_is_only_valid_by_counting_ten_as_one() -> None:
    # 1+0+4+1+8+1+(2+8)+4 = 29 with the 10 as is: only 29 + 1 = 30 passes.
    assert is_valid_tax_id("10458574", BEFORE)
    assert not is_valid_tax_id("10458584", BEFORE)  # 8 in 7th place: 8*4=32, 3+2 = 5, sum 24


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/ABC+123", CarrierCode(CarrierType.MOBILE, "/ABC+123")),
        ("/abc.-12", CarrierCode(CarrierType.MOBILE, "/ABC.-12")),  # typed in lower case
        ("AB12345678901234", CarrierCode(CarrierType.CITIZEN_CERTIFICATE, "AB12345678901234")),
        ("/ABC123", None),  # 6 characters
        ("/ABC1234X", None),
        ("/ABC_123", None),
        ("A112345678901234", None),
    ],
)
def test_carriers(text: str, expected: CarrierCode | None) -> None:
    assert parse_carrier(text) == expected


def test_donation_codes_are_three_to_seven_digits() -> None:
    assert is_donation_code("123") and is_donation_code("8585858")
    assert not is_donation_code("12") and not is_donation_code("12345678")
    assert not is_donation_code("12A")


def test_a_scanned_mobile_barcode_is_a_carrier_never_a_product_code() -> None:
    assert parse_scan("/ABC+123\r\n") == CarrierCode(CarrierType.MOBILE, "/ABC+123")
    broken = parse_scan("/ABC12")
    assert isinstance(broken, InvalidCode) and broken.reason == InvalidReason.BAD_CARRIER


def test_buyer_input_is_checked_and_combinations_refused() -> None:
    assert buyer_from_input(tax_id="04595257").buyer_id == "04595257"
    assert buyer_from_input(carrier="/abc+123").carrier == CarrierCode(
        CarrierType.MOBILE, "/ABC+123"
    )
    assert not buyer_from_input(donation_code="8585").prints_proof
    assert buyer_from_input().prints_proof
    cases = {
        BuyerProblem.BAD_TAX_ID: {"tax_id": "12345678"},
        BuyerProblem.BAD_CARRIER: {"carrier": "/AB"},
        BuyerProblem.BAD_DONATION_CODE: {"donation_code": "12"},
        BuyerProblem.CARRIER_WITH_TAX_ID: {"tax_id": "04595257", "carrier": "/ABC+123"},
        BuyerProblem.DONATION_WITH_CARRIER: {"donation_code": "8585", "carrier": "/ABC+123"},
    }
    for problem, given in cases.items():
        with pytest.raises(BuyerError) as caught:
            buyer_from_input(**given)
        assert caught.value.problem is problem
