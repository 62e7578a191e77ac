"""The first-run set-up's rules: which warehouse addresses pass, what a test scan says."""

from __future__ import annotations

import pytest

from counter_app.core.setup import (
    AddressProblem,
    AddressRefused,
    check_test_scan,
    is_loopback,
    normalize_address,
)


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("warehouse.example.tw", "https://warehouse.example.tw"),
        ("  https://warehouse.example.tw/ ", "https://warehouse.example.tw"),
        ("HTTPS://wh.example.tw:8443/pos/", "https://wh.example.tw:8443/pos"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost:8000/", "http://localhost:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("https://wh.example.tw/?x=1#top", "https://wh.example.tw"),
    ],
)
def test_acceptable_addresses(typed: str, url: str) -> None:
    assert normalize_address(typed) == url


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", AddressProblem.EMPTY),
        ("   ", AddressProblem.EMPTY),
        ("http://192.168.1.5:8000", AddressProblem.PLAIN_HTTP),  # not encrypted on the LAN
        ("http://warehouse.example.tw", AddressProblem.PLAIN_HTTP),
        ("ftp://warehouse.example.tw", AddressProblem.NOT_HTTP),
        ("https://", AddressProblem.NO_HOST),
        ("https://wh.example.tw:port", AddressProblem.NO_HOST),
    ],
)
def test_refused_addresses_say_why(typed: str, problem: AddressProblem) -> None:
    with pytest.raises(AddressRefused) as refused:
        normalize_address(typed)
    assert refused.value.problem is problem


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.8.9.1") and is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("10.0.0.1") and not is_loopback("localhost.example.tw")


def test_a_scan_with_the_expected_prefix_and_suffix() -> None:
    check = check_test_scan("]E04006381333931#", "]E0", "#")
    assert (check.code, check.kind, check.ok) == ("4006381333931", "product", True)


def test_a_scan_missing_its_suffix_or_prefix_is_not_ok() -> None:
    no_suffix = check_test_scan("4006381333931", "", "#")
    assert no_suffix.prefix_ok and not no_suffix.suffix_ok and not no_suffix.ok
    no_prefix = check_test_scan("4006381333931", "*", "")
    assert not no_prefix.prefix_ok and no_prefix.code == "4006381333931"


def test_a_scan_that_is_no_known_code() -> None:
    check = check_test_scan("4006381333932", "", "")  # wrong check digit
    assert check.prefix_ok and check.suffix_ok and check.kind == "invalid" and not check.ok
