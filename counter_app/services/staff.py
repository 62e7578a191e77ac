"""Sign-in with a PIN, offline (the hashes come down the change feed), and approvals.

An approval is how a guarded action learns who allowed it. ``approve`` checks a
PIN against this store's staff and the permission table and issues an
``Approval``; the service that performs the action redeems it with ``redeem``,
which accepts only approvals this service issued, for that action, not expired,
and (unless issued for a session) not used before. A caller cannot make one up:
the service keeps what it issued.

Every PIN check of the till counts wrong PINs: after ``MAX_PIN_FAILURES`` in a row
the PIN entry locks for ``PIN_LOCKOUT_S`` (doubling with each further lock-out, up
to an hour; a right PIN resets it), and every check refuses with ``pin_locked``
meanwhile. It slows guessing at the till; it cannot protect the cached hashes from
an offline brute force, which is why approvers' PINs are longer (docs/operations.md).

Supervisors and managers need PINs of ``MIN_APPROVER_PIN_LENGTH`` digits (the warehouse
refuses shorter ones). A member whose PIN predates the rule still signs in with it, but
with a cashier's rights, and their approvals are refused with ``pin_too_short`` until
the office sets them a new PIN (``POST /admin/staff/{id}/pin``): the till checks the
length of the PIN typed, which is the only place the length is known.

``sign_in`` and ``approve`` verify scrypt hashes (tens of milliseconds each): run
them on a worker thread, never on the database thread the scans use. They only
read, on the reader engine, so they never wait for a writer.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.core.pins import verify_pin
from counter_app.core.records import StaffRecord
from counter_app.services.context import StaffMember
from counter_app.services.permissions import Action, ApprovalRefused, may
from counter_app.services.ports import UnitOfWorkFactory

APPROVAL_TTL_S = 120.0  # an approval for one action: ask, then act
SESSION_TTL_S = 30 * 60.0  # an approval kept while a dialog stays open (device settings)
MAX_PIN_FAILURES = 5  # wrong PINs in a row before the till's PIN entry locks
PIN_LOCKOUT_S = 60.0  # the first lock-out; each further one doubles it
MAX_PIN_LOCKOUT_S = 3600.0
MIN_APPROVER_PIN_LENGTH = 6  # supervisors and managers (the warehouse's rule too)
APPROVER_ROLES = frozenset({"supervisor", "manager"})


@dataclass(frozen=True, slots=True)
class Approval:
    """Issued by ``StaffService.approve`` for a PIN it verified; redeemed by the acting service."""

    staff: StaffMember
    action: Action
    token: str
    expires_at: float  # on the service's monotonic clock
    single_use: bool = True


def _member(record: StaffRecord) -> StaffMember:
    return StaffMember(record.id, record.name, record.role)


def _short_approver_pin(record: StaffRecord, pin: str) -> bool:
    """A supervisor's or manager's PIN from before the 6-digit rule."""
    return record.role in APPROVER_ROLES and len(pin) < MIN_APPROVER_PIN_LENGTH


def _signed_in(record: StaffRecord, pin: str) -> StaffMember:
    """Who signs in: an approver with a short PIN gets a cashier's rights only."""
    member = _member(record)
    return (
        StaffMember(member.id, member.name, "cashier")
        if _short_approver_pin(record, pin)
        else member
    )


class StaffService:
    def __init__(
        self,
        db: UnitOfWorkFactory,
        location_id: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._location_id = location_id
        self._clock = clock
        self._issued: dict[str, Approval] = {}
        self._lock = threading.Lock()  # approve runs on a worker, redeem on the database thread
        self._failures = 0
        self._lockouts = 0
        self._locked_until = 0.0

    def sign_in(self, pin: str) -> StaffMember | None:
        """The staff member of this store whose PIN this is, or None. Slow: see the module
        doc. ApprovalRefused ``pin_locked`` while the PIN entry is locked."""
        record = self._check(pin)
        return None if record is None else _signed_in(record, pin)

    def _check(self, pin: str) -> StaffRecord | None:
        """The staff record this PIN belongs to (counting wrong PINs), or None."""
        self._refuse_if_locked()
        for record in self._staff_here():
            if verify_pin(pin, record.pin_hash):
                self._pin_right()
                return record
        self._pin_wrong()
        return None

    def sign_in_as(self, staff_id: int, pin: str) -> StaffMember | None:
        """Sign in with a name (picked from ``staff_here``) and that person's PIN."""
        self._refuse_if_locked()
        record = next((r for r in self._staff_here() if r.id == staff_id), None)
        if record is not None and verify_pin(pin, record.pin_hash):
            self._pin_right()
            return _signed_in(record, pin)
        self._pin_wrong()
        return None

    def staff_here(self) -> list[StaffMember]:
        """This store's staff, for the sign-in list (no hashes)."""
        return [_member(r) for r in self._staff_here()]

    def unlock(self, locked_by: StaffMember, pin: str) -> StaffMember:
        """Unlock a screen ``locked_by``'s session locked: their own PIN, or a PIN of
        someone allowed ``Action.UNLOCK_ANY`` (audited). Returns who unlocked it;
        ApprovalRefused ``wrong_pin``, ``not_permitted``, ``pin_too_short``, ``pin_locked``."""
        record = self._check(pin)
        if record is None:
            raise ApprovalRefused("wrong_pin", Action.UNLOCK_ANY)
        member = _signed_in(record, pin)
        if member.id == locked_by.id:
            return member
        if _short_approver_pin(record, pin):
            raise ApprovalRefused("pin_too_short", Action.UNLOCK_ANY)
        if not may(member.role, Action.UNLOCK_ANY):
            raise ApprovalRefused("not_permitted", Action.UNLOCK_ANY)
        with self._db.transaction() as uow:
            uow.audit.record(member.id, "screen.unlock", {"locked_by": locked_by.id})
        return member

    def pin_locked_for(self) -> float:
        """Seconds until the PIN entry takes PINs again (0: it does now)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def _refuse_if_locked(self) -> None:
        remaining = self.pin_locked_for()
        if remaining > 0:
            raise ApprovalRefused("pin_locked", retry_after_s=remaining)

    def _pin_right(self) -> None:
        with self._lock:
            self._failures = 0
            self._lockouts = 0

    def _pin_wrong(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= MAX_PIN_FAILURES:
                self._failures = 0
                self._lockouts += 1
                delay = min(PIN_LOCKOUT_S * 2 ** (self._lockouts - 1), MAX_PIN_LOCKOUT_S)
                self._locked_until = self._clock() + delay

    def by_id(self, staff_id: int) -> StaffMember | None:
        with self._db.snapshot() as uow:
            record = uow.staff.get(staff_id)
        return _member(record) if record else None

    def first_with_role(self, role: str) -> StaffMember | None:
        return next((_member(r) for r in self._staff_here() if r.role == role), None)

    # -- approvals -------------------------------------------------------------

    def approve(self, pin: str, action: Action, *, session: bool = False) -> Approval:
        """Check the PIN belongs to someone of this store allowed ``action``; raises
        ``ApprovalRefused`` (``wrong_pin``, ``not_permitted``, ``pin_too_short``: an
        approver's PIN from before the 6-digit rule, ``pin_locked``). ``session``: the
        approval stays valid for repeated use until ``release``d or expired (a settings
        dialog)."""
        record = self._check(pin)
        if record is None:
            raise ApprovalRefused("wrong_pin", action)
        if _short_approver_pin(record, pin):
            raise ApprovalRefused("pin_too_short", action)
        member = _member(record)
        if not may(member.role, action):
            raise ApprovalRefused("not_permitted", action)
        ttl = SESSION_TTL_S if session else APPROVAL_TTL_S
        if session:
            # A session approval is used many times without a redeem of its own: the
            # grant itself is the audit row (a single-use one is audited where redeemed).
            with self._db.transaction() as uow:
                uow.audit.record(member.id, "approval.session", {"action": action.value})
        approval = Approval(
            member, action, secrets.token_urlsafe(16), self._clock() + ttl, not session
        )
        with self._lock:
            now = self._clock()
            for token in [t for t, a in self._issued.items() if a.expires_at <= now]:
                del self._issued[token]
            self._issued[approval.token] = approval
        return approval

    def authorize_device_settings(self, pin: str) -> Approval:
        """Printer, drawer and scanner settings are a manager's (the permission table)."""
        return self.approve(pin, Action.DEVICE_SETTINGS, session=True)

    def redeem(self, approval: Approval, action: Action) -> StaffMember:
        """The staff member who approved ``action``; raises ``ApprovalRefused`` unless
        ``approval`` is one this service issued for it and it is still good."""
        with self._lock:
            issued = self._issued.get(approval.token)
            if issued is None or issued != approval:
                raise ApprovalRefused("not_issued", action)
            if issued.action is not action:
                raise ApprovalRefused("wrong_action", action)
            if issued.expires_at <= self._clock():
                del self._issued[approval.token]
                raise ApprovalRefused("expired", action)
            if issued.single_use:
                del self._issued[approval.token]
        return issued.staff

    def release(self, approval: Approval) -> None:
        """End a session approval (the dialog it opened has closed)."""
        with self._lock:
            self._issued.pop(approval.token, None)

    def _staff_here(self) -> list[StaffRecord]:
        with self._db.snapshot() as uow:
            return uow.staff.of_location(self._location_id)
