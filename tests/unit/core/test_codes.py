"""parse_scan: every code kind a counter meets, and garbage that must not crash it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.core.codes import (
    EmbeddedPriceCode,
    EmbeddedRule,
    GS1Code,
    InvalidCode,
    InvalidReason,
    PickupCode,
    ProductCode,
    ReceiptCode,
    ScanRules,
    ScanTarget,
    ean13_check_digit,
    gtin_check_digit,
    parse_scan,
    route_scan,
)
from counter_app.core.ids import pickup_code, receipt_number


def with_check(payload: str) -> str:
    return payload + str(gtin_check_digit(payload))


@pytest.mark.parametrize(
    ("digits12", "check"),
    [("400638133393", 1), ("471000000001", None), ("590123412345", 7), ("000000000000", 0)],
)
def test_ean13_check_digit_known_values(digits12: str, check: int | None) -> None:
    if check is None:  # self-consistency for a Taiwan (471) prefix
        full = with_check(digits12)
        assert parse_scan(full) == ProductCode(full, "ean13", full)
    else:
        assert ean13_check_digit(digits12) == check


def test_ean13_check_digit_rejects_wrong_length() -> None:
    with pytest.raises(ValueError):
        ean13_check_digit("12345")


def test_ean13_valid_and_invalid() -> None:
    assert parse_scan("4006381333931") == ProductCode("4006381333931", "ean13", "4006381333931")
    bad = parse_scan("4006381333932")
    assert bad == InvalidCode("4006381333932", InvalidReason.BAD_CHECK_DIGIT)


def test_ean8() -> None:
    assert parse_scan("96385074") == ProductCode("96385074", "ean8", "96385074")
    assert parse_scan("96385075").reason == InvalidReason.BAD_CHECK_DIGIT  # type: ignore[union-attr]


def test_upca_keeps_both_forms() -> None:
    result = parse_scan("036000291452")
    assert isinstance(result, ProductCode)
    assert result.symbology == "upca"
    assert result.gtin == "0036000291452"
    assert result.scanned == "036000291452"
    assert result.lookup_keys == ("036000291452", "0036000291452")
    assert parse_scan("036000291453").reason == InvalidReason.BAD_CHECK_DIGIT  # type: ignore[union-attr]


def test_ean13_with_leading_zero_can_be_found_as_upca() -> None:
    result = parse_scan("0036000291452")
    assert isinstance(result, ProductCode)
    assert "036000291452" in result.lookup_keys


def test_symbology_prefix_and_whitespace_are_stripped() -> None:
    assert parse_scan("]E04006381333931\r\n") == ProductCode(
        "4006381333931", "ean13", "4006381333931"
    )


def test_gs1_128_with_fnc1_separator() -> None:
    result = parse_scan("]C10109501101530003172612311026A-01\x1d3103001250")
    assert isinstance(result, GS1Code)
    assert result.gtin == "09501101530003"
    assert result.expiry == date(2026, 12, 31)
    assert result.batch == "26A-01"
    assert result.weight_g == 1250
    assert "09501101530003" in result.lookup_keys and "9501101530003" in result.lookup_keys


def test_gs1_databar_prefix_and_price_ai() -> None:
    result = parse_scan("]e00109501101530003\x1d3922012345")
    assert isinstance(result, GS1Code)
    assert result.price_cents == 12345  # 392 2: two decimals, NT$123.45


def test_gs1_price_with_twd_currency() -> None:
    result = parse_scan("]C10109501101530003\x1d3930901123")
    assert isinstance(result, GS1Code) and result.price_cents == 12300


def test_gs1_configurable_separator() -> None:
    rules = ScanRules(gs1_separators=("\x1d", "~"))
    result = parse_scan("]C1010950110153000310LOT7~17261231", rules)
    assert isinstance(result, GS1Code)
    assert result.batch == "LOT7" and result.expiry == date(2026, 12, 31)


def test_gs1_without_prefix_and_hri_form() -> None:
    assert isinstance(parse_scan("0109501101530003172612313103001250"), GS1Code)
    hri = parse_scan("(01)09501101530003(17)261231")
    assert isinstance(hri, GS1Code) and hri.expiry == date(2026, 12, 31)


def test_gs1_bad_gtin_check_digit() -> None:
    result = parse_scan("]C1019501101530000331030012503922012345")
    assert result == InvalidCode(
        "]C1019501101530000331030012503922012345", InvalidReason.BAD_CHECK_DIGIT
    )


def test_gs1_without_gtin() -> None:
    result = parse_scan("]C100106141411234567896")  # SSCC only
    assert isinstance(result, InvalidCode)
    assert result.reason == InvalidReason.GS1_WITHOUT_GTIN


def test_embedded_price_code() -> None:
    code = with_check("211234500123")
    result = parse_scan(code)
    assert result == EmbeddedPriceCode("12345", code, price_cents=12300)


def test_embedded_weight_code() -> None:
    code = with_check("261234501250")
    assert parse_scan(code) == EmbeddedPriceCode("12345", code, weight_g=1250)


def test_embedded_bad_check_digit() -> None:
    code = with_check("211234500123")
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert parse_scan(wrong).reason == InvalidReason.BAD_CHECK_DIGIT  # type: ignore[union-attr]


def test_embedded_rules_table_is_configurable() -> None:
    rules = ScanRules(embedded=(EmbeddedRule("29PPPPWWWWWWC"),))
    code = with_check("291234012345")
    assert parse_scan(code, rules) == EmbeddedPriceCode("1234", code, weight_g=12345)
    other = with_check("211234500123")  # no rule for 21: an ordinary in-store product code
    assert parse_scan(other, rules) == ProductCode(other, "ean13", other)


@pytest.mark.parametrize(
    "pattern", ["21PPPPPVVVVV", "21PPPPPVVWWWC", "31PPPPPVVVVVC", "21VVVVVVVVVVC"]
)
def test_embedded_rule_rejects_bad_patterns(pattern: str) -> None:
    with pytest.raises(ValueError):
        EmbeddedRule(pattern)


def test_receipt_code_from_ids_module() -> None:
    no = receipt_number("S001", date(2026, 11, 25), 42, till="2")
    assert parse_scan(no) == ReceiptCode("RS001-2-261125-0042", "S001", date(2026, 11, 25), 42, "2")
    assert parse_scan(no.lower()) == parse_scan(no)  # caps lock on the till
    fallback = receipt_number("S001", date(2026, 11, 25), 42, till="D17")
    assert parse_scan(fallback) == ReceiptCode(fallback, "S001", date(2026, 11, 25), 42, "D17")


def test_receipts_printed_before_till_numbers_still_scan() -> None:
    assert parse_scan("RS001-261125-0042") == ReceiptCode(
        "RS001-261125-0042", "S001", date(2026, 11, 25), 42
    )


def test_receipt_code_bad_date() -> None:
    assert parse_scan("RS001-261325-0042").reason == InvalidReason.BAD_DATE  # type: ignore[union-attr]


def test_pickup_codes() -> None:
    for _ in range(50):
        code = pickup_code()
        assert parse_scan(code) == PickupCode(code)
    assert parse_scan("PU7K3M9QIO").reason == InvalidReason.BAD_PICKUP_CODE  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", InvalidReason.EMPTY),
        ("   \r\n", InvalidReason.EMPTY),
        ("1234", InvalidReason.TOO_SHORT),
        ("abc", InvalidReason.TOO_SHORT),
        ("hello world, this is typing", InvalidReason.UNKNOWN_FORMAT),
        ("123456789", InvalidReason.UNKNOWN_FORMAT),
        ("40063813\x0033931", InvalidReason.CONTROL_CHARS),
        ("\x1b[A4006381333931", InvalidReason.CONTROL_CHARS),
        ("4" * 5_000_000, InvalidReason.TOO_LONG),
        ("條碼條碼條碼條碼條碼", InvalidReason.UNKNOWN_FORMAT),
    ],
)
def test_garbage_gets_a_reason(text: str, reason: InvalidReason) -> None:
    result = parse_scan(text)
    assert isinstance(result, InvalidCode)
    assert result.reason == reason
    assert len(result.text) <= 512


def test_every_reason_is_a_code_the_ui_words() -> None:
    """core/codes.py reports codes only; ui/scan_messages.py words every one of them."""
    from counter_app.ui.scan_messages import invalid_scan_text

    for reason in InvalidReason:
        assert invalid_scan_text(reason) and invalid_scan_text(reason) != reason.value


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text: str) -> None:
    result = parse_scan(text)
    assert result.kind in {
        "product",
        "gs1",
        "embedded",
        "receipt",
        "pickup",
        "einvoice_carrier",
        "invalid",
    }


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A(\][A-Za-z][0-9])?[0-9\x1d()A-Z-]{0,60}\Z"))
def test_never_raises_on_code_like_text(text: str) -> None:
    parse_scan(text)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_ean13_with_computed_check_digit_is_accepted(payload: str) -> None:
    code = payload + str(ean13_check_digit(payload))
    assert not isinstance(parse_scan(code), InvalidCode)


def test_route_scan() -> None:
    assert route_scan(parse_scan("4006381333931")) == ScanTarget.SALE_PRODUCT
    assert route_scan(parse_scan(with_check("211234500123"))) == ScanTarget.SALE_PRODUCT
    assert route_scan(parse_scan("RS001-261125-0042")) == ScanTarget.RETURN_LOOKUP
    assert route_scan(parse_scan("PU7K3M9Q2X")) == ScanTarget.PICKUP_HANDOVER
    assert route_scan(parse_scan("junk")) == ScanTarget.REJECT
