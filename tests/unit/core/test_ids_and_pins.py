import uuid

from counter_app.core.ids import (
    PICKUP_ALPHABET,
    document_number,
    pickup_code,
    receipt_number,
    till_tag,
    uuid7,
)
from counter_app.core.pins import hash_pin, verify_pin


def test_uuid7_is_version_7_and_sorts_by_creation() -> None:
    ids = [uuid7() for _ in range(10_000)]  # many share a millisecond
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_receipt_number_and_pickup_code_formats() -> None:
    from datetime import date

    assert receipt_number("S001", date(2026, 11, 25), 42, till="2") == "RS001-2-261125-0042"
    assert document_number("T", "S001", "12", date(2026, 11, 25), 7) == "TS001-12-261125-0007"
    code = pickup_code()
    assert code.startswith("PU") and len(code) == 10
    assert all(c in PICKUP_ALPHABET for c in code[2:])


def test_pin_hash_round_trip_and_rejections() -> None:
    encoded = hash_pin("1234", b"0123456789abcdef", n=2**10)
    assert verify_pin("1234", encoded)
    assert not verify_pin("1235", encoded)
    assert not verify_pin("1234", "garbage")
    assert not verify_pin("1234", "md5$1$2$3$x$y")


def test_till_tags_cannot_collide_across_tills_or_forms() -> None:
    """Two tills of a store differ in the till part; a till enrolled before till numbers
    uses its chain-wide device id behind a D, which no till number can spell."""
    from datetime import date

    assert till_tag(2, 17) == "2"  # the till number wins once known
    assert till_tag(None, 17) == "D17"
    assert till_tag(None, None) == "0"
    day = date(2026, 12, 1)
    numbers = {
        receipt_number("S001", day, 1, till=tag)
        for tag in (
            till_tag(1, 5),
            till_tag(2, 6),
            till_tag(None, 1),
            till_tag(None, 2),
            till_tag(None, 5),
        )
    }
    assert len(numbers) == 5
