"""A supervisor voids an allowance (作廢折讓) at the till (real SQLite file): the allowance
stops reducing its invoice, its `einvoice.allowance_void` op is queued after it, the
audit log names the supervisor, the cashier and the reason; the return stays as it was.
What each refusal gets: a cashier's PIN, no reason, an unknown or already void one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.einvoice import Booklet
from counter_app.core.einvoice_codes import NO_BUYER
from counter_app.core.money import Money
from counter_app.core.pins import hash_pin
from counter_app.local.db import LocalDatabase
from counter_app.local.models import AuditEntry, OutboxOp, Staff
from counter_app.services.allowance_voids import AllowanceVoidError, AllowanceVoidService
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.einvoice import EinvoiceService, EinvoiceSettings
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.returns import ReturnChoice, ReturnsService
from counter_app.services.selling import TAIWAN, SellingService
from counter_app.services.staff import StaffService
from tests.shift_testkit import open_test_shift

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")
TEA = ProductInfo(10, "100010", "茶裏王 日式無糖綠茶 600ml", Money(2500))
SETTINGS = EinvoiceSettings(seller_id="04595257", aes_key_hex="0" * 32, numbers_ahead=10)
PINS = {"cashier": "1234", "supervisor": "246810"}


def sale_clock() -> datetime:
    return datetime(2026, 11, 25, 10, 30, tzinfo=TAIWAN)


def clock() -> datetime:
    """The return and its voids: the next period (a same-period return reissues instead)."""
    return datetime(2027, 1, 4, 10, 30, tzinfo=TAIWAN)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[LocalDatabase]:
    database = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(database, STORE.location_id)
    with database.unit_of_work() as session:
        for staff_id, name, role in ((3, "王小明", "cashier"), (4, "林主任", "supervisor")):
            pin_hash = hash_pin(PINS[role], b"salt-%d" % staff_id, n=2**4)
            session.add(Staff(id=staff_id, name=name, role=role, location_id=2, pin_hash=pin_hash))
    yield database
    database.dispose()


def _allowance(db: LocalDatabase) -> tuple[EinvoiceService, Any, str]:
    """A sale of 4 teas (NT$100) and a partial return of 2 in the next period: allowance
    -01."""
    invoicing = EinvoiceService(db, SETTINGS, clock)
    with db.transaction() as uow:
        uow.einvoices.add_booklets([Booklet(7, "11512", "AB", 12345600, 12345649, "07", 12345600)])
    cart = Cart()
    cart.add(TEA, 4)
    sold = SellingService(db, STORE, sale_clock, invoicing).complete_cash_sale(
        cart, CASHIER, cart.total, NO_BUYER
    )
    returns = ReturnsService(db, STORE, None, clock, invoicing=invoicing)
    line = returns.find(sold.receipt_no).lines[0]
    done = returns.complete(sold.receipt_no, [ReturnChoice(line.line_id, 2)], CASHIER)
    assert done.settlement is not None and done.settlement.allowance_no == "AB12345600-01"
    return invoicing, (sold, done), "AB12345600-01"


def test_a_supervisor_voids_an_allowance_and_it_no_longer_reduces_the_invoice(
    db: LocalDatabase,
) -> None:
    invoicing, (sold, done), allowance_no = _allowance(db)
    staff = StaffService(db, STORE.location_id)
    service = AllowanceVoidService(db, staff, clock)
    assert [a.allowance_no for a in service.allowances_of_return(sold.sale_id, done.return_id)] == [
        allowance_no
    ]
    voided = service.void(
        allowance_no, CASHIER, staff.approve(PINS["supervisor"], Action.VOID), " 退貨登錄錯誤 "
    )
    assert voided.voided_at == clock().isoformat()
    with db.read() as session:
        [last] = session.scalars(
            select(OutboxOp).where(OutboxOp.type == "einvoice.allowance_void")
        ).all()
        [audit] = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "einvoice.allowance_void")
        ).all()
    assert json.loads(last.payload) == {
        "allowance_no": allowance_no,
        "voided_at": clock().isoformat(),
        "reason": "退貨登錄錯誤",
    }
    assert last.entity_key == f"sale:{sold.sale_id}", "sent after the allowance it voids"
    assert audit.staff_id == 4
    assert json.loads(audit.detail) == {
        "allowance_no": allowance_no,
        "return_id": done.return_id,
        "cashier_id": 3,
        "reason": "退貨登錄錯誤",
    }
    # The rest of the sale coming back gets the next allowance: a voided allowance keeps
    # its number.
    returns = ReturnsService(db, STORE, None, clock, invoicing=invoicing)
    line = returns.find(sold.receipt_no).lines[0]
    rest = returns.complete(sold.receipt_no, [ReturnChoice(line.line_id, 2)], CASHIER)
    assert rest.settlement is not None and rest.settlement.kind == "allowance"
    assert rest.settlement.allowance_no == "AB12345600-02", "numbers are never reused"
    with db.snapshot() as uow:
        allowances = uow.einvoices.allowances_of("AB12345600")
    assert [(a.allowance_no, a.voided_at is not None) for a in allowances] == [
        ("AB12345600-01", True),
        ("AB12345600-02", False),
    ]


def test_what_each_bad_void_gets(db: LocalDatabase) -> None:
    _invoicing, _done, allowance_no = _allowance(db)
    staff = StaffService(db, STORE.location_id)
    service = AllowanceVoidService(db, staff, clock)
    with pytest.raises(ApprovalRefused) as refused:
        staff.approve(PINS["cashier"], Action.VOID)
    assert refused.value.code == "not_permitted"
    with pytest.raises(ApprovalRefused) as refused:
        service.void(allowance_no, CASHIER, staff.approve(PINS["supervisor"], Action.VOID), " ")
    assert refused.value.code == "reason_required"
    with pytest.raises(ApprovalRefused) as refused:  # an approval for something else
        service.void(
            allowance_no, CASHIER, staff.approve(PINS["supervisor"], Action.PRICE_OVERRIDE), "錯"
        )
    assert refused.value.code == "wrong_action"
    with pytest.raises(AllowanceVoidError) as unknown:
        service.void("AB12345600-09", CASHIER, staff.approve(PINS["supervisor"], Action.VOID), "錯")
    assert unknown.value.code == "not_found"
    service.void(allowance_no, CASHIER, staff.approve(PINS["supervisor"], Action.VOID), "錯")
    with pytest.raises(AllowanceVoidError) as again:
        service.void(allowance_no, CASHIER, staff.approve(PINS["supervisor"], Action.VOID), "錯")
    assert again.value.code == "already_void"
    with db.read() as session:
        voids = session.scalars(
            select(OutboxOp).where(OutboxOp.type == "einvoice.allowance_void")
        ).all()
    assert len(voids) == 1, "a refused void queues nothing"
