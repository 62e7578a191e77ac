"""Split payments: the arithmetic, the card-number refusal, the voucher rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.core.tenders import (
    CASH,
    DEFAULT_TENDERS,
    PaymentSplit,
    Tender,
    TenderedPayment,
    TenderError,
    TenderKind,
    check_payments,
    looks_like_card_number,
    luhn_ok,
    mask_reference,
    usable_tenders,
)

TENDERS = {t.code: t for t in DEFAULT_TENDERS}
CARD, LINEPAY, VOUCHER = TENDERS["card"], TENDERS["linepay"], TENDERS["voucher"]


def test_card_then_cash_with_change() -> None:
    split = PaymentSplit(125_000)
    split.add(CARD, 100_000, "TX-1", "AP1234")
    assert split.remaining_cents == 25_000 and not split.settled
    cash = split.add(CASH, 50_000)
    assert (cash.amount_cents, cash.tendered_cents, cash.change_cents) == (25_000, 50_000, 25_000)
    assert split.settled and split.change_cents == 25_000
    check_payments(125_000, split.payments)  # what the selling service checks


def test_partial_cash_first_gives_no_change_and_leaves_the_rest() -> None:
    split = PaymentSplit(10_000)
    split.add(CASH, 3_000)
    assert split.remaining_cents == 7_000 and split.change_cents == 0
    split.add(LINEPAY, 7_000, "LP-77")
    assert split.settled


def test_card_and_mobile_cannot_pay_more_than_is_left() -> None:
    split = PaymentSplit(10_000)
    with pytest.raises(TenderError) as refused:
        split.add(CARD, 10_100, "TX-1", "AP1")
    assert refused.value.code == "exceeds_remaining"
    with pytest.raises(TenderError) as refused:
        split.add(LINEPAY, 10_100, "LP-1")
    assert refused.value.code == "exceeds_remaining"
    assert split.payments == []  # nothing was taken


def test_what_each_missing_or_bad_entry_gets() -> None:
    split = PaymentSplit(10_000)
    cases = [
        ((CARD, 5_000, "", "AP1"), "reference_required"),
        ((CARD, 5_000, "TX-1", ""), "approval_required"),
        ((LINEPAY, 5_000, "", ""), "reference_required"),
        ((VOUCHER, 5_000, "", ""), "reference_required"),
        ((CASH, 0), "amount_not_positive"),
        ((CASH, -100), "amount_not_positive"),
        ((CARD, 5_000, "x" * 65, "AP1"), "reference_too_long"),
        ((CARD, 5_000, "TX-1", "A" * 33), "reference_too_long"),
        ((LINEPAY, 5_000, "LP\x07", ""), "reference_invalid"),
    ]
    for args, code in cases:
        with pytest.raises(TenderError) as refused:
            split.add(*args)  # type: ignore[arg-type]
        assert refused.value.code == code, args
    assert split.payments == []
    split.add(CASH, 10_000)
    with pytest.raises(TenderError) as refused:
        split.add(CASH, 100)
    assert refused.value.code == "nothing_due"


@pytest.mark.parametrize(
    "typed",
    [
        "4111111111111111",  # Visa test number
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "5500 0000 0000 0004",  # Mastercard test number
        "378282246310005",  # Amex, 15 digits
        "ref 4111111111111111 ok",
        "４１１１１１１１１１１１１１１１",  # full-width digits from an input method
    ],
)
def test_anything_that_looks_like_a_card_number_is_refused(typed: str) -> None:
    assert looks_like_card_number(typed)
    for reference, approval in ((typed, "AP1"), ("TX-1", typed)):
        split = PaymentSplit(10_000)
        with pytest.raises(TenderError) as refused:
            split.add(CARD, 10_000, reference, approval)
        assert refused.value.code == "card_number"


@pytest.mark.parametrize(
    "typed",
    [
        "4111111111111112",  # 16 digits, Luhn fails
        "411111111111",  # 12 digits
        "LP20261201000123",  # a LINE Pay reference: 14 digits after letters, Luhn fails
        "123456",
        "TX-889912",
    ],
)
def test_references_that_are_not_card_numbers_pass(typed: str) -> None:
    assert not looks_like_card_number(typed)


def test_luhn() -> None:
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")


def test_a_voucher_worth_more_than_is_left_is_taken_and_its_excess_forfeited() -> None:
    split = PaymentSplit(30_000)
    voucher = split.add(VOUCHER, 50_000, "V-000123")
    assert (voucher.amount_cents, voucher.tendered_cents, voucher.change_cents) == (
        30_000,
        50_000,
        0,
    )
    assert voucher.forfeited_cents == 20_000 and split.forfeited_cents == 20_000
    assert split.settled and split.change_cents == 0  # vouchers give no change
    check_payments(30_000, split.payments)


def test_a_smaller_voucher_then_cash() -> None:
    split = PaymentSplit(30_000)
    split.add(VOUCHER, 10_000, "V-1")
    split.add(CASH, 100_000)
    assert split.payments[-1].change_cents == 80_000 and split.forfeited_cents == 0


def test_esc_takes_back_the_last_payment() -> None:
    split = PaymentSplit(10_000)
    split.add(CARD, 4_000, "TX-1", "AP1")
    split.add(LINEPAY, 1_000, "LP-1")
    assert split.remove_last() is not None and split.remaining_cents == 6_000
    assert [p.tender.code for p in split.payments] == ["card"]
    split.remove_last()
    assert split.remove_last() is None and split.remaining_cents == 10_000


def test_check_payments_refuses_what_the_split_would_never_build() -> None:
    cases = [
        ([], "no_payment"),
        ([TenderedPayment(CASH, 9_000, 9_000)], "payments_do_not_match"),
        ([TenderedPayment(CARD, 10_000, 10_000, 100, "T", "A")], "payment_invalid"),
        ([TenderedPayment(CASH, 10_000, 12_000, 0)], "payment_invalid"),
        ([TenderedPayment(CARD, 10_000, 10_000, 0, "4111111111111111", "A")], "card_number"),
    ]
    for payments, code in cases:
        with pytest.raises(TenderError) as refused:
            check_payments(10_000, payments)
        assert refused.value.code == code


def test_a_till_that_never_synced_tenders_still_takes_cash() -> None:
    assert usable_tenders([]) == [CASH]
    disabled_cash = Tender("cash", "現金", "Cash", TenderKind.CASH, active=False)
    off = Tender("linepay", "LINE Pay", "LINE Pay", TenderKind.MOBILE, True, False, 20)
    assert usable_tenders([disabled_cash, off, CARD]) == [CASH, CARD]


def test_long_references_are_masked_on_paper() -> None:
    assert mask_reference("LP20261201000123") == "************0123"
    assert mask_reference("TX-8899") == "TX-8899"


@given(
    total=st.integers(1, 10**8),
    parts=st.lists(
        st.tuples(st.sampled_from(["card", "linepay", "voucher", "cash"]), st.integers(1, 10**8)),
        min_size=1,
        max_size=19,
    ),
)
def test_a_settled_split_always_adds_up_to_the_total(
    total: int, parts: list[tuple[str, int]]
) -> None:
    split = PaymentSplit(total)
    for code, given_cents in parts:
        tender = CASH if code == "cash" else TENDERS[code]
        try:
            split.add(tender, given_cents, "REF-1", "AP1")
        except TenderError as refused:
            assert refused.code in ("exceeds_remaining", "nothing_due")
    assert split.paid_cents <= total
    if split.remaining_cents == 0:
        check_payments(total, split.payments)
    assert all(p.change_cents == 0 for p in split.payments if p.tender.code != "cash")
