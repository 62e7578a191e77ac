"""Managers' pages in a real browser: console accounts (create, deactivate ends the
sessions, set a password, lift a lock-out) and every store's shifts with their Z reports."""

from __future__ import annotations

import threading

import pytest
from console_testkit import MANAGER, OPERATOR, Console
from server_testkit import new_id, push_one
from sqlalchemy import select

from counter_app.core.ops import ShiftClosePayload, TenderTotalPayload
from warehouse_api.console import accounts
from warehouse_api.console.accounts import ConsoleIdentity
from warehouse_api.console.models import ConsoleUser
from warehouse_api.errors import DomainError
from warehouse_api.models import AuditEntry


def _user_id(console: Console, name: str) -> int:
    with console.server.db.read() as session:
        return int(session.scalars(select(ConsoleUser.id).where(ConsoleUser.name == name)).one())


def test_a_manager_creates_an_account_that_signs_in(console: Console) -> None:
    console.sign_in(*MANAGER)
    console.go("/users")
    console.find("#new-name").send_keys("阿明")
    console.find("#new-password").send_keys("warehouse-2026")
    console.find("#new-password-again").send_keys("warehouse-2026")
    console.click("#new-user button.primary")
    assert "帳號已建立" in console.text()
    console.shot("users")
    console.sign_out()
    console.sign_in("阿明", "warehouse-2026")
    assert "阿明 · 作業員" in console.text()
    with console.server.db.read() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "console.user.add" in actions


def test_deactivating_ends_the_sessions_and_a_new_password_lifts_the_lock(
    console: Console,
) -> None:
    operator, _csrf = console.http_signed_in(*OPERATOR)
    assert operator.get("/transfers").status_code == 200
    manager, csrf = console.http_signed_in(*MANAGER)
    ali = _user_id(console, OPERATOR[0])
    assert manager.post(f"/users/{ali}/deactivate", data={"csrf_token": csrf}).status_code == 303
    assert operator.get("/transfers", follow_redirects=False).status_code == 303  # to sign-in
    # Reactivated, locked out by five wrong passwords, then given a new password by a manager.
    assert manager.post(f"/users/{ali}/activate", data={"csrf_token": csrf}).status_code == 303
    with console.server.db.write() as session:
        for _ in range(accounts.MAX_FAILED_ATTEMPTS):
            accounts.sign_in(session, OPERATOR[0], "wrong-password!", accounts.LOCKOUT)
    differing = manager.post(
        f"/users/{ali}/password",
        data={"csrf_token": csrf, "password": "new-password-1", "password_again": "other-pass-1"},
    )
    assert differing.status_code == 422
    short = manager.post(
        f"/users/{ali}/password",
        data={"csrf_token": csrf, "password": "short", "password_again": "short"},
    )
    assert short.status_code == 422
    ok = manager.post(
        f"/users/{ali}/password",
        data={"csrf_token": csrf, "password": "new-password-1", "password_again": "new-password-1"},
    )
    assert ok.status_code == 303
    console.sign_in(OPERATOR[0], "new-password-1")
    assert "ali · 作業員" in console.text()
    # A manager cannot switch off their own account; an operator cannot reach the page.
    me = _user_id(console, MANAGER[0])
    assert manager.post(f"/users/{me}/deactivate", data={"csrf_token": csrf}).status_code == 409
    operator2, csrf2 = console.http_signed_in(OPERATOR[0], "new-password-1")
    assert operator2.get("/users").status_code == 403
    assert operator2.post(f"/users/{me}/deactivate", data={"csrf_token": csrf2}).status_code == 403


def test_two_managers_switching_each_other_off_at_once_leave_one(console: Console) -> None:
    with console.server.db.write() as session:
        second = accounts.create_user(session, "lin", "manager", "manager-pass-789")
        second_id = second.id
    first_id = _user_id(console, MANAGER[0])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def switch_off(by_id: int, by_name: str, target: int) -> None:
        identity = ConsoleIdentity(by_id, by_name, "manager", 0, "")
        barrier.wait()
        try:
            with console.server.db.write() as session:
                accounts.set_active(session, identity, target, False)
            outcomes.append("done")
        except DomainError as error:
            outcomes.append(error.code)

    threads = [
        threading.Thread(target=switch_off, args=(first_id, MANAGER[0], second_id)),
        threading.Thread(target=switch_off, args=(second_id, "lin", first_id)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    # PostgreSQL: each locks the active managers' rows in id order first; SQLite serialises
    # the writers. Either way the second sees the first's change.
    assert sorted(outcomes) == ["done", "last_manager"]
    with console.server.db.read() as session:
        active = session.scalars(
            select(ConsoleUser.name).where(
                ConsoleUser.role == "manager", ConsoleUser.active.is_(True)
            )
        ).all()
    assert len(active) == 1


def _shift(counted: int) -> ShiftClosePayload:
    return ShiftClosePayload(
        shift_id=new_id(),
        staff_id=1,
        opened_by=1,
        opened_at="2026-11-30T08:00:00+08:00",
        closed_at="2026-11-30T21:00:00+08:00",
        opening_cents=500_000,
        expected_opening_cents=500_000,
        cash_sales_cents=1_234_500,
        cash_refunds_cents=12_000,
        cash_in_cents=20_000,
        cash_out_cents=30_000,
        expected_cents=1_712_500,
        counted_cents=counted,
        difference_cents=counted - 1_712_500,
        sale_count=57,
        opening_count={1000: 4, 100: 10},
        closing_count={1000: 17, 100: 2},
        tenders=(TenderTotalPayload("cash", 50, 1_234_500, 1, 12_000),),
        unsynced_ops=0,
    )


@pytest.mark.parametrize("counted", [1_712_000])
def test_a_stores_shifts_and_z_report(console: Console, counted: int) -> None:
    till = console.server.enroll("S001")
    shift = _shift(counted)
    assert push_one(console.server, till, shift.op_type, shift.to_payload())["status"] == "applied"
    console.sign_in(*MANAGER)
    console.go("/shifts?store=S001")
    rows = console.find_all("#shifts tbody tr")
    assert len(rows) == 1 and "−NT$5" in rows[0].text
    console.shot("shifts")
    console.click("#shifts tbody tr a")
    assert console.find("#difference").text == "−NT$5"
    tenders = console.find("#tenders tbody").text
    assert "現金" in tenders and "NT$12,345" in tenders
    assert [r.text.split()[0] for r in console.find_all("#counts tbody tr")] == [
        "NT$1000",
        "NT$100",
    ]
    console.shot("z_report")
    console.go("/shifts?store=S002")
    assert console.find_all("#shifts") == []
