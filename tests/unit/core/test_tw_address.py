"""Taiwan contact details checked offline: what each bad input gets."""

from __future__ import annotations

import pytest

from counter_app.core.tw_address import (
    AddressError,
    check_postal_code,
    home_address,
    mask_phone,
    normalise_phone,
    parse_districts,
    store_pickup,
)
from counter_app.resources import resource_path

DISTRICTS = parse_districts(
    resource_path("postal", "tw_postal_districts.tsv").read_text(encoding="utf-8")
)


def test_the_shipped_table_holds_every_district() -> None:
    assert 360 <= len(DISTRICTS) <= 380
    assert DISTRICTS["100"].label == "100 臺北市中正區"
    assert DISTRICTS["110"].label == "110 臺北市信義區"
    assert DISTRICTS["830"].label == "830 高雄市鳳山區"
    assert DISTRICTS["983"].county == "花蓮縣"
    assert DISTRICTS["209"].county == "連江縣"
    assert "101" not in DISTRICTS and "999" not in DISTRICTS


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0912345678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+886 912 345 678", "0912345678"),
        ("(02) 2345-6789", "0223456789"),
        ("04-2234-5678", "0422345678"),
        ("037-123456", "037123456"),
        ("082-312345", "082312345"),
    ],
)
def test_mobiles_and_landlines_with_area_codes_are_accepted(typed: str, digits: str) -> None:
    assert normalise_phone(typed) == digits


@pytest.mark.parametrize(
    "typed",
    ["", "912345678", "091234567", "09123456789", "0123456789", "0912abc678", "2345-6789", "099"],
)
def test_anything_else_is_a_bad_phone(typed: str) -> None:
    with pytest.raises(AddressError) as error:
        normalise_phone(typed)
    assert error.value.code == "bad_phone"


def test_phones_are_masked_on_paper() -> None:
    assert mask_phone("0912345678") == "0912***678"
    assert mask_phone("0223456789") == "0223***789"
    assert mask_phone("037123456") == "0371**456"


@pytest.mark.parametrize("code", ["110", "11049", "110208", " 100 "])
def test_postal_codes_of_3_5_or_6_digits_name_their_district(code: str) -> None:
    assert check_postal_code(code, DISTRICTS).county in ("臺北市",)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("11", "bad_postal_code"),
        ("1104", "bad_postal_code"),
        ("1102089", "bad_postal_code"),
        ("11O", "bad_postal_code"),
        ("101", "unknown_district"),
        ("99912", "unknown_district"),
    ],
)
def test_bad_postal_codes_say_why(code: str, reason: str) -> None:
    with pytest.raises(AddressError) as error:
        check_postal_code(code, DISTRICTS)
    assert error.value.code == reason


def test_a_home_address_reads_postal_code_county_district_street() -> None:
    address = home_address("11049", "松高路 1號 5樓", DISTRICTS)
    assert address.text == "11049 臺北市信義區松高路 1號 5樓"
    typed_in_full = home_address("110", "臺北市信義區松高路1號", DISTRICTS)
    assert typed_in_full.text == "110 臺北市信義區松高路1號"
    with pytest.raises(AddressError) as error:
        home_address("110", "   ", DISTRICTS)
    assert error.value.code == "no_address"
    with pytest.raises(AddressError) as error:
        home_address("110", "路" * 400, DISTRICTS)
    assert error.value.code == "address_too_long"


def test_convenience_store_pickup_points() -> None:
    assert store_pickup("7-11", "123456", "松高門市").text == "7-ELEVEN 123456 松高門市"
    assert store_pickup("全家", "f01234", " 信義 旗艦店 ").text == "全家 F01234 信義 旗艦店"
    for chain, number, name, reason in [
        ("家樂福", "123456", "x", "bad_cvs_chain"),
        ("OK", "12", "x", "bad_cvs_store_no"),
        ("萊爾富", "1234-56", "x", "bad_cvs_store_no"),
        ("萊爾富", "123456", "  ", "no_cvs_store_name"),
    ]:
        with pytest.raises(AddressError) as error:
            store_pickup(chain, number, name)
        assert error.value.code == reason
