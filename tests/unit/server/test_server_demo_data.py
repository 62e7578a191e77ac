from __future__ import annotations

from collections import Counter

from warehouse_api.demo_data import (
    CATEGORIES,
    DEMO_MANAGER_PIN,
    DEMO_SUPERVISOR_PIN,
    STAFF_PER_STORE,
    ean13,
    generate_catalog,
    is_valid_ean13,
)
from warehouse_api.security import verify_pin
from warehouse_api.services.staff_pins import APPROVER_ROLES, MIN_APPROVER_PIN_LENGTH


def test_same_seed_same_catalog_and_other_seed_differs() -> None:
    first = generate_catalog(300, seed=7)
    second = generate_catalog(300, seed=7)
    other = generate_catalog(300, seed=8)
    assert first.products == second.products
    assert first.barcodes == second.barcodes
    assert first.stock == second.stock
    assert first.staff == second.staff
    assert first.products != other.products


def test_barcodes_are_unique_taiwan_ean13_with_valid_check_digits() -> None:
    catalog = generate_catalog(2000, seed=1)
    codes = [row["code"] for row in catalog.barcodes]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("471") and is_valid_ean13(code) for code in codes)
    assert 1.4 < len(codes) / 2000 < 1.6


def test_ean13_check_digit_matches_known_codes() -> None:
    assert ean13("471000012345") == "4710000123451"
    assert ean13("400638133393") == "4006381333931"
    assert not is_valid_ean13("4006381333932")


def test_names_are_varied_traditional_chinese_with_sensible_prices() -> None:
    catalog = generate_catalog(3000, seed=3)
    names = [product["name"] for product in catalog.products]
    assert len(set(names)) == len(names)
    assert set(Counter(p["category"] for p in catalog.products)) == set(CATEGORIES)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names)
    for product in catalog.products:
        assert product["price_cents"] % 100 == 0
        assert 500 <= product["price_cents"] <= 1_000_000


def test_each_store_has_the_demo_cashier_and_supervisor() -> None:
    catalog = generate_catalog(10, seed=3)
    by_store: dict[int, list[dict[str, object]]] = {}
    for staff in catalog.staff:
        by_store.setdefault(int(str(staff["location_id"])), []).append(staff)
    assert len(by_store) == 3
    for members in by_store.values():
        cashier = next(m for m in members if m["role"] == "cashier")
        supervisor = next(m for m in members if m["role"] == "supervisor")
        assert verify_pin("1234", str(cashier["pin_hash"]))
        manager = next(m for m in members if m["role"] == "manager")
        assert verify_pin(DEMO_SUPERVISOR_PIN, str(supervisor["pin_hash"]))
        assert verify_pin(DEMO_MANAGER_PIN, str(manager["pin_hash"]))
        assert not verify_pin("0000", str(cashier["pin_hash"]))


def test_the_demo_approvers_pins_follow_the_six_digit_rule() -> None:
    approvers = [pin for _name, role, pin in STAFF_PER_STORE if role in APPROVER_ROLES]
    assert len(approvers) == 2
    assert all(len(pin) >= MIN_APPROVER_PIN_LENGTH for pin in approvers)
