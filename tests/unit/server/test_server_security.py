from __future__ import annotations

import base64
import hashlib

from warehouse_api.security import hash_pin, verify_pin


def test_pin_hash_has_the_format_the_counter_verifies() -> None:
    pin_hash = hash_pin("1234")
    scheme, n, r, p, salt_b64, hash_b64 = pin_hash.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    salt = base64.b64decode(salt_b64)
    assert len(salt) == 16
    expected = hashlib.scrypt(b"1234", salt=salt, n=2**14, r=8, p=1, dklen=32)
    assert base64.b64decode(hash_b64) == expected


def test_verify_pin_accepts_the_right_pin_only() -> None:
    pin_hash = hash_pin("9999")
    assert verify_pin("9999", pin_hash)
    assert not verify_pin("9998", pin_hash)
    assert not verify_pin("9999", "garbage")
    assert not verify_pin("9999", "bcrypt$1$2$3$AAAA$AAAA")


def test_salts_differ_between_hashes() -> None:
    assert hash_pin("1234") != hash_pin("1234")
