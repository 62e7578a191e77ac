"""Refunds to the original tenders on the till's real database: a discounted sale paid by
card, LINE Pay and cash, returned in two parts, each part split over the tenders with
the refund's references; cash instead; vouchers; the shift and the return receipt."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select, text

from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, DiscountKind
from counter_app.core.money import Money
from counter_app.core.receipts import Document
from counter_app.core.refunds import RefundPart
from counter_app.core.tenders import DEFAULT_TENDERS, PaymentSplit
from counter_app.local.cache_writer import Change, apply_changes
from counter_app.local.db import LocalDatabase
from counter_app.local.migrations import STEPS
from counter_app.local.models import OutboxOp, ReturnTender
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.exchanges import ExchangeService
from counter_app.services.returns import (
    RefundAs,
    ReturnChoice,
    ReturnError,
    ReturnsService,
)
from counter_app.services.selling import TAIWAN, CompletedSale, SellingService
from counter_app.services.shifts import ShiftService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift
from tests.unit.conftest import STORE_ID

STORE = StoreContext(STORE_ID, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
SUPERVISOR = StaffMember(4, "林主任", "supervisor")
TENDERS = {t.code: t for t in DEFAULT_TENDERS}
REFS = {"card": ("RF-778812", "A7"), "linepay": ("LP-REF-1", "")}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 9, 0, tzinfo=TAIWAN)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


class RecordingOutput:
    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.drawers: list[str] = []

    def submit(self, document: Document, *, title: str | None = None) -> str:
        self.documents.append(document)
        return str(len(self.documents))

    def open_drawer(self, reason: str, *, printer: Any = None) -> str:
        self.drawers.append(reason)
        return "d"


@pytest.fixture
def till(db: LocalDatabase) -> LocalDatabase:
    feed = [
        Change(
            200 + n,
            "tender",
            "upsert",
            t.code,
            {
                "code": t.code,
                "name_zh": t.name_zh,
                "name_en": t.name_en,
                "kind": t.kind.value,
                "needs_reference": t.needs_reference,
                "active": True,
                "sort_order": t.sort_order,
            },
        )
        for n, t in enumerate(DEFAULT_TENDERS)
    ]
    with db.unit_of_work() as session:
        apply_changes(session, feed, "2026-11-25T01:00:00+00:00")
    open_test_shift(db, STORE_ID, opening_cents=500_000)
    return db


def _products(db: LocalDatabase) -> list[Any]:
    with db.snapshot() as uow:
        found = [uow.catalog.find_by_sku(sku) for sku in ("100010", "100013")]
    assert all(found)
    return found


def _sell(db: LocalDatabase, paid: Sequence[tuple[str, int]], clock: Clock) -> CompletedSale:
    """Product A x4 and product B x1 with an NT$33 cart discount (NT$112 to pay), paid as ``paid`` says."""
    first, second = _products(db)
    cart = Cart()
    cart.add(first, 4)
    cart.add(second, 1)
    cart.discount = Discount(DiscountKind.AMOUNT, 3300)
    split = PaymentSplit(cart.total.cents)
    for code, cents in paid:
        amount = cents if cents else split.remaining_cents
        split.add(TENDERS[code], amount, f"{code.upper()}-SALE-1", "OK1")
    return SellingService(db, STORE, clock).complete_sale(cart, CASHIER, split.payments)


def _service(db: LocalDatabase, clock: Clock, **kw: Any) -> ReturnsService:
    return ReturnsService(db, STORE, StaffService(db, STORE_ID), clock, **kw)


def _choice(service: ReturnsService, receipt_no: str, index: int, qty: int) -> ReturnChoice:
    return ReturnChoice(service.find(receipt_no).lines[index].line_id, qty)


def _parts(done: Any) -> list[tuple[str, int, str | None]]:
    return [(p.method, p.amount_cents, p.reference) for p in done.tenders]


def test_two_partial_returns_go_back_to_each_tender_in_proportion(till: LocalDatabase) -> None:
    clock = Clock()
    sale = _sell(till, [("card", 6_000), ("linepay", 1_500), ("cash", 0)], clock)
    total = sale.total.cents
    assert total == sum(p.amount_cents for p in sale.payments)
    service = _service(till, clock, output=RecordingOutput())
    found = service.find(sale.receipt_no)
    paid = dict(found.paid)
    second = _choice(service, sale.receipt_no, 1, 1)
    preview = service.refund_split(found, [second])
    refund = sum(p.amount_cents for p in preview)
    # Each tender's share of what the line paid (its part of the cart discount off).
    assert refund == found.lines[1].line_total.cents
    for part in preview:
        assert part.amount_cents % 100 == 0
        assert abs(part.amount_cents - refund * paid[part.method] / total) < 100 * len(paid)
    # A card or mobile part needs its refund reference: refused, nothing written.
    with pytest.raises(ReturnError) as refused:
        service.complete(sale.receipt_no, [second], CASHIER)
    assert refused.value.code == "refund_reference_required"
    assert service.find(sale.receipt_no).refunded == Money(0)
    with pytest.raises(ReturnError) as refused:
        service.complete(
            sale.receipt_no,
            [second],
            CASHIER,
            refund_as=RefundAs(references={"card": ("RF-1", ""), "linepay": ("LP", "")}),
        )
    assert refused.value.code == "refund_approval_required"
    with pytest.raises(ReturnError) as refused:
        service.complete(
            sale.receipt_no,
            [second],
            CASHIER,
            refund_as=RefundAs(references={**REFS, "card": ("4111 1111 1111 1111", "A7")}),
        )
    assert refused.value.code == "card_number"
    first = service.complete(
        sale.receipt_no, [second], CASHIER, refund_as=RefundAs(references=REFS)
    )
    assert [(p.method, p.amount_cents) for p in first.tenders] == [
        (p.method, p.amount_cents) for p in sorted(preview, key=lambda p: p.method != "cash")
    ]
    assert ("card", first.tenders[1].amount_cents, "RF-778812") in _parts(first)
    # Everything else comes back: each tender gets exactly what it has left.
    rest = _choice(service, sale.receipt_no, 0, 4)
    last = service.complete(sale.receipt_no, [rest], CASHIER, refund_as=RefundAs(references=REFS))
    by_tender: dict[str, int] = {}
    for done in (first, last):
        for part in done.tenders:
            by_tender[part.method] = by_tender.get(part.method, 0) + part.amount_cents
    assert by_tender == paid
    assert first.refund.cents + last.refund.cents == total
    with till.snapshot() as uow:
        assert uow.returns.refunded_by_tender(sale.sale_id) == paid
        shift = uow.shifts.open_shift(STORE_ID)
        assert shift is not None
        totals = {t.method: t for t in uow.shifts.tender_totals(shift.shift_id)}
        stored = uow.returns.of_sale(sale.sale_id)
    assert stored[0].method == "split" and stored[0].tenders[1].approval_code == "A7"
    assert {m: (t.refunds_count, t.refunds_cents) for m, t in totals.items()} == {
        m: (2, cents) for m, cents in paid.items()
    }
    # Only cash moves the drawer: the cash sale in, the cash refunds out.
    report = ShiftService(till, STORE, StaffService(till, STORE_ID), None, terminal="T").report()
    assert report.expected_cents == 500_000
    printed = report.document("台北信義店", "T").plain_text(42)
    assert "信用卡退款" in printed and "LINE Pay退款" in printed
    with till.unit_of_work() as session:
        bodies = [
            json.loads(o.payload)
            for o in session.scalars(select(OutboxOp).where(OutboxOp.type == "return"))
        ]
    assert bodies[0]["tenders"][1] == {
        "method": "card",
        "amount_cents": first.tenders[1].amount_cents,
        "reference": "RF-778812",
        "approval_code": "A7",
    }
    assert sum(t["amount_cents"] for t in bodies[0]["tenders"]) == bodies[0]["refund_cents"]


def test_the_return_receipt_prints_each_tenders_refund_and_the_drawer_opens_for_cash(
    till: LocalDatabase,
) -> None:
    clock = Clock()
    sale = _sell(till, [("card", 6_000), ("cash", 0)], clock)
    output = RecordingOutput()
    service = _service(till, clock, output=output)
    done = service.complete(
        sale.receipt_no,
        [_choice(service, sale.receipt_no, 1, 1)],
        CASHIER,
        refund_as=RefundAs(references=REFS),
    )
    service.print_return(done)
    printed = "\n".join(str(e) for e in output.documents[-1].elements)
    assert "退回信用卡" in printed and "退回現金" in printed and "退款參考號" in printed
    assert output.drawers == [f"cash refund {done.return_no}"]
    # A card-only refund leaves the drawer shut.
    card_sale = _sell(till, [("card", 0)], clock)
    card = service.complete(
        card_sale.receipt_no,
        [_choice(service, card_sale.receipt_no, 0, 1)],
        CASHIER,
        refund_as=RefundAs(references=REFS),
    )
    service.print_return(card)
    assert card.cash == Money(0) and len(output.drawers) == 1
    printed = "\n".join(str(e) for e in output.documents[-1].elements)
    assert "應退金額（信用卡）" in printed


def test_cash_instead_is_a_supervisors_choice(till: LocalDatabase) -> None:
    clock = Clock()
    sale = _sell(till, [("card", 0)], clock)
    service = _service(till, clock)
    choice = _choice(service, sale.receipt_no, 0, 2)
    with pytest.raises(ReturnError) as refused:
        service.complete(sale.receipt_no, [choice], CASHIER, refund_as=RefundAs(to_cash=True))
    assert refused.value.code == "approval_required"
    done = service.complete(sale.receipt_no, [choice], SUPERVISOR, refund_as=RefundAs(to_cash=True))
    assert _parts(done) == [("cash", done.refund.cents, None)]
    # The card's room is untouched: a later default return still goes back to the card,
    # and the sale's total still bounds everything.
    rest = _choice(service, sale.receipt_no, 0, 2)
    later = service.complete(sale.receipt_no, [rest], CASHIER, refund_as=RefundAs(references=REFS))
    assert [p.method for p in later.tenders] == ["card"]
    # A cash sale refunded "in cash instead" needs nobody.
    cash_sale = _sell(till, [("cash", 0)], clock)
    plain = service.complete(
        cash_sale.receipt_no,
        [_choice(service, cash_sale.receipt_no, 0, 1)],
        CASHIER,
        refund_as=RefundAs(to_cash=True),
    )
    assert [p.method for p in plain.tenders] == ["cash"]


def test_a_voucher_part_refunds_in_cash_unless_the_store_issues_a_new_voucher(
    till: LocalDatabase,
) -> None:
    clock = Clock()
    sale = _sell(till, [("voucher", 5_000), ("cash", 0)], clock)
    line = _choice(_service(till, clock), sale.receipt_no, 0, 4)
    in_cash = _service(till, clock).refund_split(
        _service(till, clock).find(sale.receipt_no), [line]
    )
    assert [p.method for p in in_cash] == ["cash"]
    service = _service(till, clock, voucher_refund="voucher")
    found = service.find(sale.receipt_no)
    assert [p.method for p in service.refund_split(found, [line])] == ["cash", "voucher"]
    with pytest.raises(ValueError):  # a setting that is neither
        _service(till, clock, voucher_refund="points")
    with pytest.raises(ReturnError) as refused:
        service.complete(sale.receipt_no, [line], CASHIER)
    assert refused.value.code == "refund_reference_required"
    done = service.complete(
        sale.receipt_no,
        [line],
        CASHIER,
        refund_as=RefundAs(references={"voucher": ("NEW-VOUCHER-77", "")}),
    )
    assert done.tenders[-1] == RefundPart(
        "voucher", done.tenders[-1].amount_cents, "NEW-VOUCHER-77", None
    )


def test_a_void_still_refuses_a_sale_not_paid_in_cash(till: LocalDatabase) -> None:
    # services/voids.py asks for cash_only: a card sale is voided on its terminal.
    clock = Clock()
    sale = _sell(till, [("card", 0)], clock)
    service = _service(till, clock)
    with pytest.raises(ReturnError) as refused:
        service.complete(
            sale.receipt_no,
            [_choice(service, sale.receipt_no, 0, 1)],
            SUPERVISOR,
            refund_as=RefundAs(cash_only=True),
        )
    assert refused.value.code == "not_cash"


def test_the_schema_step_gives_each_earlier_return_its_one_tender_row(
    till: LocalDatabase,
) -> None:
    clock = Clock()
    sale = _sell(till, [("cash", 0)], clock)
    service = _service(till, clock)
    done = service.complete(sale.receipt_no, [_choice(service, sale.receipt_no, 0, 1)], CASHIER)
    with till.unit_of_work() as session:
        session.execute(delete(ReturnTender))  # as a file from before the step
        step = next(s for s in STEPS if s.__name__ == "_refund_tenders")  # wherever it stands
        step(session.connection())
        step(session.connection())  # twice: still one row
        rows = session.execute(
            text("SELECT return_id, method, amount_cents FROM return_tenders")
        ).all()
    assert [tuple(r) for r in rows] == [(done.return_id, "cash", done.refund.cents)]


def test_an_exchange_of_a_card_sale_gives_a_difference_back_in_cash_only_with_a_supervisor(
    till: LocalDatabase,
) -> None:
    clock = Clock()
    sale = _sell(till, [("card", 0)], clock)
    first, _ = _products(till)
    returns = _service(till, clock)
    exchanges = ExchangeService(till, STORE, returns, clock)
    back = [_choice(returns, sale.receipt_no, 1, 1)]  # the dearer line comes back
    with pytest.raises(ReturnError) as refused:
        exchanges.complete(sale.receipt_no, back, _one(first), CASHIER)
    assert refused.value.code == "approval_required"
    done = exchanges.complete(sale.receipt_no, back, _one(first), SUPERVISOR)
    assert done.quote.to_refund.cents > 0
    assert [p.method for p in done.returned.tenders] == ["cash"]  # the credit, in cash
    # Taking something dearer needs nobody: nothing goes back.
    dearer = _sell(till, [("card", 0)], clock)
    cheap = [_choice(returns, dearer.receipt_no, 0, 1)]
    swapped = exchanges.complete(dearer.receipt_no, cheap, _one(first, 2), CASHIER)
    assert swapped.quote.to_pay.cents > 0


def _one(product: Any, qty: int = 1) -> Cart:
    cart = Cart()
    cart.add(product, qty)
    return cart
