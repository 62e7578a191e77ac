"""Discount arithmetic: whole NT$, half-up percents, largest-remainder cart shares."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.core import cart_snapshot
from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import (
    Discount,
    DiscountError,
    LineTerms,
    PriceOverride,
    allocate,
    percent_off_cents,
    price_lines,
    within_percent,
)
from counter_app.core.money import Money
from counter_app.services.returns import line_refund_cents

TEA = ProductInfo(1, "100001", "綠茶", Money(3500))
RICE = ProductInfo(2, "100002", "米 2kg", Money(19900))
PEN = ProductInfo(3, "100003", "原子筆", Money(1000))


def test_percent_rounds_half_up_to_whole_dollars() -> None:
    assert percent_off_cents(15500, 10) == 1600  # 15.5 -> 16
    assert percent_off_cents(15400, 10) == 1500  # 15.4 -> 15
    assert percent_off_cents(3500, 100) == 3500
    assert percent_off_cents(150, 100) == 100  # never above the base's whole dollars


def test_amount_discount_is_cut_to_the_base() -> None:
    assert Discount.amount(5000).off_cents(3500) == 3500
    assert Discount.amount(1000).off_cents(3500) == 1000


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: Discount.percent(0), "bad_percent"),
        (lambda: Discount.percent(101), "bad_percent"),
        (lambda: Discount.amount(0), "bad_amount"),
        (lambda: Discount.amount(150), "bad_amount"),  # not a whole NT$
        (lambda: Discount.amount(-100), "bad_amount"),
        (lambda: PriceOverride(-100, "damaged box"), "bad_price"),
        (lambda: PriceOverride(1050, "damaged box"), "bad_price"),
        (lambda: PriceOverride(1000, "   "), "reason_required"),
        (lambda: PriceOverride(1000, "x" * 201), "reason_too_long"),
    ],
)
def test_bad_discounts_are_refused_with_their_code(make: object, code: str) -> None:
    with pytest.raises(DiscountError) as refused:
        make()  # type: ignore[operator]
    assert refused.value.code == code


def test_cart_discount_is_shared_in_proportion_and_sums_exactly() -> None:
    # NT$100 over NT$35, NT$199, NT$10 (total 244): exact shares 14.34, 81.56, 4.10
    assert allocate(10000, [3500, 19900, 1000]) == [1400, 8200, 400]
    # Three equal lines, NT$10: 3.33 each, the earliest line takes the leftover dollar
    assert allocate(1000, [1000, 1000, 1000]) == [400, 300, 300]


def test_line_and_cart_discounts_and_an_override_together() -> None:
    cart = Cart()
    cart.add(TEA, 2)  # 70
    cart.add(RICE)  # 199
    cart.add(PEN, 3)  # 30
    cart.lines[0].discount = Discount.percent(10)  # 7 off -> 63
    cart.lines[1].override = PriceOverride(15000, "damaged bag")  # 150
    cart.discount = Discount.amount(2400)  # 24 off 243
    pricing = cart.pricing()
    assert cart.subtotal == Money(24300)
    assert pricing.cart_discount_cents == 2400
    assert [line.cart_share_cents for line in pricing.lines] == [600, 1500, 300]
    assert cart.total == Money(21900)
    assert sum(line.paid_cents for line in pricing.lines) == 21900
    assert cart.saved == Money(7 * 100 + 4900 + 2400)  # line %, override, cart discount
    assert pricing.lines[1].unit_price_cents == 15000
    assert pricing.lines[1].list_price_cents == 19900


def test_limits_compare_the_percent_taken_off() -> None:
    assert within_percent(1000, 10000, 10)
    assert not within_percent(1100, 10000, 10)
    assert within_percent(0, 0, 0)


def test_a_cart_round_trips_through_its_snapshot() -> None:
    cart = Cart()
    cart.add(TEA, 2)
    cart.add(RICE)
    cart.lines[0].discount = Discount.amount(500)
    cart.lines[1].override = PriceOverride(15000, "damaged bag")
    cart.lines[1].extra["fulfilment"] = "ship"
    cart.discount = Discount.percent(5)
    back = cart_snapshot.from_data(cart_snapshot.to_data(cart))
    assert back == cart
    assert back.total == cart.total
    with pytest.raises(cart_snapshot.SnapshotError):
        cart_snapshot.from_data({"lines": [{"qty": 1}]})


weights = st.lists(st.integers(0, 5_000_000), min_size=1, max_size=30)


@given(weights=weights, fraction=st.floats(0, 1))
def test_allocation_sums_exactly_and_no_line_gets_more_than_it_has(
    weights: list[int], fraction: float
) -> None:
    capacity = sum(w // 100 for w in weights)
    total = int(capacity * fraction) * 100
    shares = allocate(total, weights)
    assert sum(shares) == total
    assert all(0 <= s <= w and s % 100 == 0 for s, w in zip(shares, weights, strict=True))


line_terms = st.builds(
    LineTerms,
    qty=st.integers(1, 50),
    list_price_cents=st.integers(0, 100_000).map(lambda d: d * 100),
    override=st.none() | st.integers(0, 100_000).map(lambda d: PriceOverride(d * 100, "r")),
    discount=st.none()
    | st.integers(1, 100).map(Discount.percent)
    | st.integers(1, 100_000).map(lambda d: Discount.amount(d * 100)),
)
cart_discounts = (
    st.none()
    | st.integers(1, 100).map(Discount.percent)
    | st.integers(1, 1_000_000).map(lambda d: Discount.amount(d * 100))
)


@given(terms=st.lists(line_terms, min_size=1, max_size=12), cart_discount=cart_discounts)
def test_every_line_is_paid_in_whole_dollars_and_never_below_zero(
    terms: list[LineTerms], cart_discount: Discount | None
) -> None:
    pricing = price_lines(terms, cart_discount)
    for line in pricing.lines:
        assert line.paid_cents % 100 == 0
        assert 0 <= line.paid_cents <= line.gross_cents
    assert pricing.total_cents == pricing.subtotal_cents - pricing.cart_discount_cents


@given(
    terms=st.lists(line_terms, min_size=1, max_size=6),
    cart_discount=cart_discounts,
    steps=st.lists(st.tuples(st.integers(0, 5), st.integers(1, 20)), max_size=20),
)
def test_partial_returns_of_discounted_lines_never_refund_more_than_was_paid(
    terms: list[LineTerms],
    cart_discount: Discount | None,
    steps: list[tuple[int, int]],
) -> None:
    pricing = price_lines(terms, cart_discount)
    returned = [0] * len(pricing.lines)
    refunded = [0] * len(pricing.lines)
    for index, take in steps:
        index %= len(pricing.lines)
        line = pricing.lines[index]
        take = min(take, line.qty - returned[index])
        if take == 0:
            continue
        refunded[index] += line_refund_cents(line.paid_cents, line.qty, returned[index], take)
        returned[index] += take
        assert refunded[index] <= line.paid_cents
    for line, qty, cents in zip(pricing.lines, returned, refunded, strict=True):
        if qty == line.qty:
            assert cents == line.paid_cents
    assert sum(refunded) <= pricing.total_cents


def test_the_receipt_shows_list_prices_overrides_discounts_and_the_total_saved() -> None:
    from datetime import datetime, timedelta, timezone

    from counter_app.core import receipts
    from counter_app.core.einvoice_proof import ProofItem, with_discount

    data = receipts.SaleReceiptData(
        store_name="台北信義店",
        store_code="S001",
        receipt_no="RS001-1-261125-0001",
        cashier_name="王小明",
        created_at=datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=8))),
        lines=[
            receipts.SaleLine("綠茶", 3, Money(2500), Money(6100), Money(2500), Money(1400)),
            receipts.SaleLine(
                "米 2kg", 1, Money(15000), Money(13600), Money(19900), Money(1400), "外盒破損"
            ),
            receipts.SaleLine("原子筆", 1, Money(1000), Money(1000)),  # no discount at all
        ],
        total=Money(20700),
        payments=[receipts.Payment("cash", Money(20700), Money(21000), Money(300))],
    )
    lines = [text for text, _style in receipts.text_lines(receipts.sale_receipt(data), 42)]
    body = "\n".join(lines)
    assert "NT$75" in body and "NT$199" in body  # list price x qty
    assert any("改價 NT$150" in line and "-NT$49" in line for line in lines)
    assert "原因：外盒破損" in body
    assert sum("折扣" in line and "-NT$14" in line for line in lines) == 2
    assert any("本次共節省" in line and "NT$77" in line for line in lines)
    # the amounts column adds up to the total: 75 - 14 + 199 - 49 - 14 + 10 = 207
    assert any("NT$207" in line for line in lines)
    # The e-invoice's items add up to its total through one 折扣 item
    items = with_discount([ProofItem("綠茶", 3, 25), ProofItem("米 2kg", 1, 199)], 197)
    assert items[-1] == ProofItem("折扣", 1, -77)
    assert sum(i.qty * i.unit_price for i in items) == 197
    assert with_discount([ProofItem("筆", 1, 10)], 10) == [ProofItem("筆", 1, 10)]
