"""The refund split over the original tenders (core/refunds.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.core.discounts import allocate
from counter_app.core.refunds import (
    RefundPart,
    moved_to_cash,
    settle_parts,
    split_refund,
    tender_rooms,
    with_cash_credit,
    with_references,
)
from counter_app.core.tenders import TenderError, TenderKind
from counter_app.services.returns import line_refund_cents

KINDS = {
    "cash": TenderKind.CASH,
    "card": TenderKind.CARD,
    "linepay": TenderKind.MOBILE,
    "voucher": TenderKind.VOUCHER,
}


def test_a_refund_follows_the_tenders_in_whole_dollars() -> None:
    rooms = tender_rooms([("card", 60_000), ("cash", 40_000)], {})
    assert split_refund(25_000, rooms) == [RefundPart("card", 15_000), RefundPart("cash", 10_000)]
    # NT$100 over thirds floors to 33 each: the NT$1 left over goes to the tender with
    # the most room left, the first paid on a tie.
    parts = split_refund(10_000, {"card": 30_000, "linepay": 30_000, "cash": 30_000})
    assert [p.amount_cents for p in parts] == [3_400, 3_300, 3_300]


def test_the_leftover_never_passes_a_tenders_room() -> None:
    parts = split_refund(10_100, {"card": 100, "cash": 10_000})
    assert parts == [RefundPart("card", 100), RefundPart("cash", 10_000)]


def test_earlier_refunds_shrink_a_tenders_room() -> None:
    rooms = tender_rooms([("card", 50_000), ("cash", 50_000), ("card", 10_000)], {"card": 60_000})
    assert rooms == {"card": 0, "cash": 50_000}
    assert split_refund(20_000, rooms) == [RefundPart("cash", 20_000)]


def test_more_than_the_rooms_hold_is_refused() -> None:
    with pytest.raises(TenderError) as caught:
        split_refund(10_100, {"card": 10_000})
    assert caught.value.code == "refund_exceeds_paid"
    with pytest.raises(TenderError):
        split_refund(-100, {"card": 10_000})
    assert split_refund(0, {"card": 10_000}) == []


def test_cash_instead_and_vouchers() -> None:
    parts = [RefundPart("card", 300), RefundPart("voucher", 200), RefundPart("cash", 100)]
    assert settle_parts(parts, KINDS) == [RefundPart("cash", 300), RefundPart("card", 300)]
    assert settle_parts(parts, KINDS, voucher_as="voucher") == [
        RefundPart("cash", 100),
        RefundPart("card", 300),
        RefundPart("voucher", 200),
    ]
    assert settle_parts(parts, KINDS, to_cash=True) == [RefundPart("cash", 600)]
    # A tender this till does not know is refunded in cash.
    assert settle_parts([RefundPart("gone", 500)], KINDS) == [RefundPart("cash", 500)]
    assert moved_to_cash(settle_parts(parts, KINDS)) == 300
    with pytest.raises(ValueError):
        settle_parts(parts, KINDS, voucher_as="points")


def test_an_exchanges_credit_joins_the_cash_part_first() -> None:
    split = [RefundPart("card", 30000), RefundPart("cash", 10000)]
    assert with_cash_credit(0, split) == split
    assert with_cash_credit(50000, split) == [RefundPart("cash", 60000), RefundPart("card", 30000)]
    assert with_cash_credit(50000, []) == [RefundPart("cash", 50000)]


def test_card_and_mobile_refunds_take_their_reference() -> None:
    parts = [RefundPart("cash", 100), RefundPart("card", 300), RefundPart("linepay", 200)]
    done = with_references(parts, KINDS, {"card": (" R-1 ", "A9"), "linepay": ("LP-7", "ignored")})
    assert done == [
        RefundPart("cash", 100),
        RefundPart("card", 300, "R-1", "A9"),
        RefundPart("linepay", 200, "LP-7", None),
    ]
    for refs, code in (
        ({"linepay": ("LP", "")}, "refund_reference_required"),
        ({"card": ("R", ""), "linepay": ("LP", "")}, "refund_approval_required"),
        ({"card": ("4111 1111 1111 1111", "A"), "linepay": ("LP", "")}, "card_number"),
        ({"card": ("R" * 65, "A"), "linepay": ("LP", "")}, "reference_too_long"),
    ):
        with pytest.raises(TenderError) as caught:
            with_references(parts, KINDS, refs)
        assert caught.value.code == code


@st.composite
def discounted_split_sales(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[tuple[str, int]]]:
    """Lines (qty, what the line paid after a cart discount) and the tenders that paid."""
    lines = draw(
        st.lists(
            st.tuples(st.integers(1, 6), st.integers(1, 5_000).map(lambda d: d * 100)),
            min_size=1,
            max_size=5,
        )
    )
    gross = [qty * unit for qty, unit in lines]
    discount = draw(st.integers(0, sum(gross) // 100 - 1)) * 100
    shares = allocate(discount, gross)
    paid_lines = [(qty, g - s) for (qty, _), g, s in zip(lines, gross, shares, strict=True)]
    total = sum(p for _, p in paid_lines)
    methods = draw(st.lists(st.sampled_from(list(KINDS)), min_size=1, max_size=4, unique=True))
    cuts = sorted(
        draw(st.lists(st.integers(0, total), min_size=len(methods) - 1, max_size=len(methods) - 1))
    )
    bounds = [0, *cuts, total]
    payments = [(m, bounds[i + 1] - bounds[i]) for i, m in enumerate(methods)]
    return paid_lines, payments


@settings(max_examples=300, deadline=None)
@given(sale=discounted_split_sales(), data=st.data())
def test_any_sequence_of_partial_returns_stays_within_what_was_paid(
    sale: tuple[list[tuple[int, int]], list[tuple[str, int]]], data: st.DataObject
) -> None:
    lines, payments = sale
    total = sum(p for _, p in lines)
    returned = [0] * len(lines)
    refunded: dict[str, int] = {}
    refunded_total = 0
    cash_instead = False
    while any(r < q for r, (q, _) in zip(returned, lines, strict=True)):
        takes = [data.draw(st.integers(0, qty - returned[i])) for i, (qty, _) in enumerate(lines)]
        if not any(takes):  # a return takes back at least one piece
            takes[next(i for i, (q, _) in enumerate(lines) if returned[i] < q)] = 1
        refund = 0
        for i, ((qty, paid), take) in enumerate(zip(lines, takes, strict=True)):
            refund += line_refund_cents(paid, qty, returned[i], take)
            returned[i] += take
        to_cash = data.draw(st.booleans())
        cash_instead = cash_instead or to_cash
        refund = min(refund, total - refunded_total)
        parts = split_refund(refund, tender_rooms(payments, refunded))
        parts = settle_parts(parts, KINDS, to_cash=to_cash, voucher_as="voucher")
        assert sum(p.amount_cents for p in parts) == refund
        for part in parts:
            refunded[part.method] = refunded.get(part.method, 0) + part.amount_cents
        refunded_total += refund
        assert refunded_total <= total
        for method, cents in payments:
            # Cash may stand in for the other tenders; alone, it never passes its own.
            if method != "cash" or not cash_instead:
                assert refunded.get(method, 0) <= cents
    # Everything came back: the whole sale is refunded, to the cent.
    assert refunded_total == total
    assert sum(refunded.values()) == total
    if not cash_instead:
        assert refunded == {m: c for m, c in payments if c}
