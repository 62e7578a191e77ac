"""Taiwan customer contact data, checked offline: phone numbers, postal codes with their
district, convenience-store pickup points, and the masked phone printed on paper.

Phones: a mobile is ``09`` + 8 digits; a landline is its area code (02-08, 082 Kinmen,
0836 Matsu, 089 Taitung...) + 6 to 8 digits, 9 or 10 digits in all. Postal codes are 3, 5
or 6 digits whose first 3 name a real district (the table in
``resources/postal/tw_postal_districts.tsv``, parsed by :func:`parse_districts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"09\d{8}")
_LANDLINE = re.compile(r"0[2-8]\d{7,8}")
_POSTAL = re.compile(r"\d{3}(?:\d{2}|\d{3})?")

# The chains a dropship order may name for store pickup (超商取貨), as customers write them.
CVS_CHAINS = ("7-ELEVEN", "全家", "萊爾富", "OK")
_CVS_STORE_NO = re.compile(r"[0-9A-Z]{4,8}")


class AddressError(ValueError):
    """A contact detail refused; ``code`` names the reason for the screen:
    ``bad_phone``, ``bad_postal_code``, ``unknown_district``, ``no_address``,
    ``address_too_long``, ``bad_cvs_chain``, ``bad_cvs_store_no``, ``no_cvs_store_name``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class District:
    code: str  # 3 digits
    county: str  # 臺北市
    name: str  # 信義區

    @property
    def label(self) -> str:
        return f"{self.code} {self.county}{self.name}"


def parse_districts(text: str) -> dict[str, District]:
    """The district table: one ``code<TAB>county<TAB>district`` per line, ``#`` comments."""
    table: dict[str, District] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        code, county, name = line.split("\t")
        if not re.fullmatch(r"\d{3}", code) or code in table:
            raise ValueError(f"bad or repeated postal code in the district table: {code!r}")
        table[code] = District(code, county, name)
    return table


def normalise_phone(text: str) -> str:
    """The digits of a Taiwan mobile or landline number (spaces, dashes, brackets and a
    +886 prefix allowed); ``AddressError('bad_phone')`` otherwise."""
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+886"):
        digits = "0" + digits[4:]
    if _MOBILE.fullmatch(digits) or (_LANDLINE.fullmatch(digits) and not digits.startswith("09")):
        return digits
    raise AddressError("bad_phone", f"not a Taiwan phone number: {text!r}")


def mask_phone(phone: str) -> str:
    """What paper and screens that need no phone show: ``0912***678``."""
    digits = _SEPARATORS.sub("", phone)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:4]}{'*' * (len(digits) - 7)}{digits[-3:]}"


def check_postal_code(code: str, districts: Mapping[str, District]) -> District:
    """The district of a 3-, 5- or 6-digit postal code; refused when the shape is wrong
    (``bad_postal_code``) or its first 3 digits are no district (``unknown_district``)."""
    code = code.strip()
    if not _POSTAL.fullmatch(code):
        raise AddressError("bad_postal_code", f"a postal code has 3, 5 or 6 digits: {code!r}")
    district = districts.get(code[:3])
    if district is None:
        raise AddressError("unknown_district", f"no postal district {code[:3]}")
    return district


@dataclass(frozen=True, slots=True)
class HomeAddress:
    postal_code: str
    district: District
    street: str  # the rest of the address after county and district
    delivery = "home"

    @property
    def text(self) -> str:
        street = self.street
        prefix = f"{self.district.county}{self.district.name}"
        if street.startswith(prefix):
            street = street[len(prefix) :]
        return f"{self.postal_code} {prefix}{street}"


@dataclass(frozen=True, slots=True)
class StorePickup:
    chain: str
    store_no: str
    store_name: str
    delivery = "cvs"

    @property
    def text(self) -> str:
        return f"{self.chain} {self.store_no} {self.store_name}"


@dataclass(frozen=True, slots=True)
class KeptAddress:
    """A destination checked when an earlier order was made, kept as the text it was sent
    as (``delivery``: home | cvs), e.g. to send a refused order again."""

    text: str
    delivery: str


ShipTo = HomeAddress | StorePickup | KeptAddress
MAX_ADDRESS = 300  # the warehouse's column


def home_address(postal_code: str, street: str, districts: Mapping[str, District]) -> HomeAddress:
    district = check_postal_code(postal_code, districts)
    street = " ".join(street.split())
    if not street:
        raise AddressError("no_address", "the address is empty")
    address = HomeAddress(postal_code.strip(), district, street)
    if len(address.text) > MAX_ADDRESS:
        raise AddressError("address_too_long", f"an address holds at most {MAX_ADDRESS} characters")
    return address


def store_pickup(chain: str, store_no: str, store_name: str) -> StorePickup:
    wanted = chain.strip().upper().replace("7-11", "7-ELEVEN").replace("OK MART", "OK")
    found = next((c for c in CVS_CHAINS if c.upper() == wanted), None)
    if found is None:
        raise AddressError("bad_cvs_chain", f"not a pickup chain: {chain!r}")
    number = store_no.strip().upper()
    if not _CVS_STORE_NO.fullmatch(number):
        raise AddressError(
            "bad_cvs_store_no", f"a store number has 4 to 8 letters or digits: {store_no!r}"
        )
    name = " ".join(store_name.split())
    if not name or len(name) > 50:
        raise AddressError("no_cvs_store_name", "the store's name is missing or too long")
    return StorePickup(found, number, name)


def districts_of(county: str, districts: Iterable[District]) -> list[District]:
    return [d for d in districts if d.county == county]
