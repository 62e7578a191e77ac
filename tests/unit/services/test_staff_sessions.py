"""Signing in by name and PIN, unlocking a locked screen, and the PIN entry's lock-out."""

from __future__ import annotations

import pytest

from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.staff import MAX_PIN_FAILURES, PIN_LOCKOUT_S, StaffService
from tests.unit.services.fakes import FakeDatabase

CASHIER = StaffMember(3, "王小明", "cashier")
OTHER_CASHIER = StaffMember(5, "李小華", "cashier")


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db() -> FakeDatabase:
    fake = FakeDatabase()
    fake.add_staff(2, 3, "王小明", "cashier", "1234")
    fake.add_staff(2, 4, "林主任", "supervisor", "246810")
    fake.add_staff(2, 5, "李小華", "cashier", "5555")
    fake.add_staff(9, 6, "別店主任", "supervisor", "999999")
    return fake


def test_sign_in_by_name_needs_that_persons_pin(db: FakeDatabase) -> None:
    staff = StaffService(db, 2)
    assert [m.name for m in staff.staff_here()] == ["王小明", "林主任", "李小華"]
    assert staff.sign_in_as(3, "1234") == CASHIER
    assert staff.sign_in_as(3, "5555") is None  # 李小華's PIN is not 王小明's
    assert staff.sign_in_as(6, "999999") is None  # another store's supervisor


def test_a_locked_screen_opens_with_the_same_cashiers_pin_or_a_supervisors_which_is_audited(
    db: FakeDatabase,
) -> None:
    staff = StaffService(db, 2)
    assert staff.unlock(CASHIER, "1234") == CASHIER
    assert db.state.audit == []
    with pytest.raises(ApprovalRefused) as other:
        staff.unlock(CASHIER, "5555")  # another cashier may not
    assert other.value.code == "not_permitted"
    with pytest.raises(ApprovalRefused) as wrong:
        staff.unlock(CASHIER, "0000")
    assert wrong.value.code == "wrong_pin"
    assert staff.unlock(CASHIER, "246810").name == "林主任"
    assert db.state.audit == [(4, "screen.unlock", {"locked_by": 3})]


def test_repeated_wrong_pins_lock_the_pin_entry_for_longer_each_time(db: FakeDatabase) -> None:
    ticks = Ticks()
    staff = StaffService(db, 2, clock=ticks)
    for _ in range(MAX_PIN_FAILURES - 1):
        assert staff.sign_in("0000") is None
    assert staff.pin_locked_for() == 0
    assert staff.sign_in("0001") is None  # the fifth: locked
    assert staff.pin_locked_for() == PIN_LOCKOUT_S
    for attempt in (
        lambda: staff.sign_in("1234"),
        lambda: staff.approve("246810", Action.VOID),
        lambda: staff.unlock(CASHIER, "1234"),
        lambda: staff.sign_in_as(3, "1234"),
    ):
        with pytest.raises(ApprovalRefused) as locked:
            attempt()  # even the right PIN waits: nothing is checked while locked
        assert locked.value.code == "pin_locked" and locked.value.retry_after_s == PIN_LOCKOUT_S

    ticks.now += PIN_LOCKOUT_S
    for _ in range(MAX_PIN_FAILURES):
        staff.sign_in("0000")
    assert staff.pin_locked_for() == 2 * PIN_LOCKOUT_S  # the second lock-out is longer

    ticks.now += 2 * PIN_LOCKOUT_S
    assert staff.sign_in("1234") == CASHIER  # a right PIN resets the count and the growth
    for _ in range(MAX_PIN_FAILURES):
        staff.sign_in("0000")
    assert staff.pin_locked_for() == PIN_LOCKOUT_S


@pytest.fixture
def old_pins() -> FakeDatabase:
    """Approvers whose cached hashes come from PINs set before the 6-digit rule."""
    fake = FakeDatabase()
    fake.add_staff(2, 3, "王小明", "cashier", "1234")
    fake.add_staff(2, 4, "老主任", "supervisor", "9999")
    fake.add_staff(2, 5, "老店長", "manager", "56789")
    fake.add_staff(2, 7, "新主任", "supervisor", "246810")
    return fake


@pytest.mark.parametrize(("pin", "staff_id"), [("9999", 4), ("56789", 5)])
def test_an_approvers_short_pin_signs_in_with_a_cashiers_rights_and_approves_nothing(
    old_pins: FakeDatabase, pin: str, staff_id: int
) -> None:
    staff = StaffService(old_pins, 2)
    member = staff.sign_in(pin)  # sign-in keeps working: nobody is locked out of the till
    assert member is not None and (member.id, member.role) == (staff_id, "cashier")
    signed_in = staff.sign_in_as(staff_id, pin)
    assert signed_in is not None and signed_in.role == "cashier"
    for action in (Action.VOID, Action.DISCOUNT_OVER_LIMIT, Action.DEVICE_SETTINGS):
        with pytest.raises(ApprovalRefused) as refused:
            staff.approve(pin, action)
        assert refused.value.code == "pin_too_short" and refused.value.action is action
    with pytest.raises(ApprovalRefused) as unlock:
        staff.unlock(CASHIER, pin)  # a cashier's screen: not theirs to open
    assert unlock.value.code == "pin_too_short"
    own = StaffMember(staff_id, member.name, "cashier")
    assert staff.unlock(own, pin) == own  # their own locked screen opens
    assert old_pins.state.audit == []
    assert staff.pin_locked_for() == 0  # a right PIN, however short, is not a wrong one


def test_an_approver_with_six_digits_approves_as_before(old_pins: FakeDatabase) -> None:
    staff = StaffService(old_pins, 2)
    member = staff.sign_in("246810")
    assert member is not None and member.role == "supervisor"
    assert staff.approve("246810", Action.VOID).staff.name == "新主任"
    assert staff.unlock(CASHIER, "246810").name == "新主任"
