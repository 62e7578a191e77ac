import uuid

from counter_app.core.ids import PICKUP_ALPHABET, pickup_code, receipt_number, uuid7
from counter_app.core.pins import hash_pin, verify_pin


def test_uuid7_is_version_7_and_sorts_by_creation() -> None:
    ids = [uuid7() for _ in range(10_000)]  # many share a millisecond
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_receipt_number_and_pickup_code_formats() -> None:
    from datetime import date

    assert receipt_number("S001", date(2026, 11, 25), 42) == "RS001-261125-0042"
    code = pickup_code()
    assert code.startswith("PU") and len(code) == 10
    assert all(c in PICKUP_ALPHABET for c in code[2:])


def test_pin_hash_round_trip_and_rejections() -> None:
    encoded = hash_pin("1234", b"0123456789abcdef", n=2**10)
    assert verify_pin("1234", encoded)
    assert not verify_pin("1235", encoded)
    assert not verify_pin("1234", "garbage")
    assert not verify_pin("1234", "md5$1$2$3$x$y")
