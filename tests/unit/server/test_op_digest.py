"""The claim digest: orjson where it writes the standard library's bytes, else the latter.

A stored claim's digest must equal a replay's, so these pin that the fast way gives the
very digest the standard way gives, for every op type and for any text."""

from __future__ import annotations

import hashlib
import json
import typing
from typing import Annotated, Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, PlainSerializer, field_serializer

from warehouse_api.schemas import PushOp, SalePayload
from warehouse_api.services.op_digest import canonical_digest, exact_in_orjson, standard_digest


def stdlib_canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1) | TEXT,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(TEXT, children, max_size=5),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_orjson_sorted_writes_the_standard_bytes_for_text_numbers_and_nesting(value: Any) -> None:
    assert orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == stdlib_canonical(value)


def test_every_control_character_and_escape_is_written_alike() -> None:
    every = "".join(chr(code) for code in range(0x00, 0xA0)) + '"\\/\u2028\u2029\ufeff😀中文'
    value = {every: [every], "b": every}
    assert orjson.dumps(value, option=orjson.OPT_SORT_KEYS) == stdlib_canonical(value)


def _payload_models() -> dict[str, type[BaseModel]]:
    union = typing.get_args(PushOp)[0]
    return {
        typing.get_args(op.model_fields["type"].annotation)[0]: op.model_fields[
            "payload"
        ].annotation
        for op in typing.get_args(union)
    }


def test_which_op_types_take_the_fast_way() -> None:
    """Free-form objects (a shift report, an audit detail) may hold floats: standard."""
    slow = sorted(name for name, model in _payload_models().items() if not exact_in_orjson(model))
    assert slow == ["audit", "shift.close"]


SALE = {
    "sale_id": "6f1c1c3e-2d7a-4a55-9a3e-2b8f0f3c9d10",
    "receipt_no": "RS001-261201-0001",
    "created_at": "2026-12-01T10:15:00+08:00",
    "total_cents": 9000,
    "lines": [
        {
            "line_id": "0b4a3f1e-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
            "product_id": 12,
            "qty": 2,
            "unit_price_cents": 4500,
            "line_total_cents": 9000,
            "override_reason": '店長核准 "VIP" \\ 折扣',
        }
    ],
    "payments": [
        {
            "payment_id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
            "method": "cash",
            "amount_cents": 9000,
            "tendered_cents": 10000,
            "change_cents": 1000,
        }
    ],
}


def test_a_sale_digest_is_the_one_claims_have_always_stored() -> None:
    payload = SalePayload.model_validate(SALE)
    expected = hashlib.sha256(
        stdlib_canonical({"type": "sale", "payload": payload.model_dump(mode="json")})
    ).hexdigest()
    assert canonical_digest("sale", payload) == expected
    # Pinned (the digest the code before orjson gave this sale): a change to the dump
    # or to the encoding shows here first.
    assert expected == "56b3e97a1bcd2ff6cf23ad735c6da4683be39eaadd37a395b05f4f256087b833"


class Whole(BaseModel):
    n: int
    tags: list[str] = []


class WithFloat(BaseModel):
    x: float


class WithObject(BaseModel):
    detail: dict[str, Any]


class WithSerializer(BaseModel):
    n: Annotated[int, PlainSerializer(lambda n: n / 3)]


class WithFieldSerializer(BaseModel):
    n: int

    @field_serializer("n")
    def _third(self, n: int) -> float:
        return n / 3


class Nested(BaseModel):
    inner: WithFloat | None = None


@pytest.mark.parametrize(
    ("model", "exact"),
    [
        (Whole, True),
        (WithFloat, False),
        (WithObject, False),
        (WithSerializer, False),
        (WithFieldSerializer, False),
        (Nested, False),
    ],
)
def test_a_model_that_could_dump_a_float_or_a_free_object_is_not_taken(
    model: type[BaseModel], exact: bool
) -> None:
    assert exact_in_orjson(model) is exact


@pytest.mark.parametrize(
    "payload",
    [
        Whole(n=2**70, tags=["beyond 64 bits: orjson refuses, the standard way decides"]),
        Whole(n=-(2**63), tags=["a", "b"]),
        WithFloat(x=1e16),  # orjson: 1e16, the standard library: 1e+16
        WithObject(detail={"ratio": 0.1, "big": 10**30, "nested": [1.5, {"z": None}]}),
        WithSerializer(n=10),
        WithFieldSerializer(n=10),
    ],
)
def test_the_digest_equals_the_standard_one_whichever_way_it_goes(payload: BaseModel) -> None:
    body = {"type": "t", "payload": payload.model_dump(mode="json")}
    assert canonical_digest("t", payload) == standard_digest(body)
    assert standard_digest(body) == hashlib.sha256(stdlib_canonical(body)).hexdigest()
