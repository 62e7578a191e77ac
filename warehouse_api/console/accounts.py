"""Console accounts: argon2 passwords, sign-in with lock-out, server-side sessions, audit.

A session's cookie carries a random token; the table keeps only its SHA-256, so a
copy of the database signs nobody in. Each session has its own CSRF token, checked
on every POST. Five failed sign-ins in a row lock an account for 15 minutes.
"""

from __future__ import annotations

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse_api.console.models import CONSOLE_ROLES, ConsoleSession, ConsoleUser
from warehouse_api.errors import DomainError
from warehouse_api.models import AuditEntry, utcnow
from warehouse_api.security import sha256_hex

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class ConsoleIdentity:
    """Who is signed in, as the pages need it."""

    user_id: int
    name: str
    role: str
    session_id: int
    csrf_token: str

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


@dataclass(frozen=True, slots=True)
class SignInResult:
    identity: ConsoleIdentity | None
    token: str | None
    locked_until: datetime | None = None


def audit(session: Session, user: ConsoleIdentity | None, action: str, **detail: Any) -> None:
    """One row in the warehouse's audit table for a console action."""
    entry_id = str(uuid.uuid4())
    if user is not None:
        detail = {"console_user_id": user.user_id, "console_user": user.name, **detail}
    session.add(
        AuditEntry(
            id=entry_id,
            location_id=None,
            device_id=None,
            staff_id=None,
            action=f"console.{action}",
            detail=detail,
            created_at=utcnow(),
            op_id=f"console-{entry_id}",
        )
    )


def create_user(session: Session, name: str, role: str, password: str) -> ConsoleUser:
    name = name.strip()
    if role not in CONSOLE_ROLES:
        raise DomainError("invalid_role", f"role must be one of {', '.join(CONSOLE_ROLES)}", 422)
    if not name or len(name) > 100:
        raise DomainError("invalid_name", "a name has 1 to 100 characters", 422)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            "weak_password", f"a password has at least {MIN_PASSWORD_LENGTH} characters", 422
        )
    if session.scalar(select(ConsoleUser.id).where(ConsoleUser.name == name)) is not None:
        raise DomainError("name_taken", f"a console user named {name} exists already")
    user = ConsoleUser(
        name=name,
        role=role,
        password_hash=_hasher.hash(password),
        active=True,
        failed_attempts=0,
    )
    session.add(user)
    session.flush()
    audit(session, None, "user.create", user_id=user.id, name=name, role=role)
    return user


def sign_in(
    session: Session, name: str, password: str, lifetime: timedelta, now: datetime | None = None
) -> SignInResult:
    """Check the password; on success open a session and return its cookie token."""
    now = now or utcnow()
    user = session.scalar(
        select(ConsoleUser).where(ConsoleUser.name == name.strip()).with_for_update()
    )
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        audit(session, None, "sign_in.refused", name=name[:100], reason="unknown")
        return SignInResult(None, None)
    if user.locked_until is not None and user.locked_until > now:
        audit(session, None, "sign_in.refused", name=user.name, reason="locked")
        return SignInResult(None, None, user.locked_until)
    if not _verify(user.password_hash, password):
        user.failed_attempts += 1
        locked_until = None
        if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
            locked_until = now + LOCKOUT
            user.locked_until = locked_until
            user.failed_attempts = 0
            audit(session, None, "user.locked", name=user.name, until=locked_until.isoformat())
        audit(session, None, "sign_in.refused", name=user.name, reason="password")
        return SignInResult(None, None, locked_until)
    user.failed_attempts = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_sha256=sha256_hex(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.flush()
    identity = ConsoleIdentity(user.id, user.name, user.role, row.id, row.csrf_token)
    audit(session, identity, "sign_in")
    return SignInResult(identity, token)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def identify(session: Session, token: str, now: datetime | None = None) -> ConsoleIdentity | None:
    """The signed-in user behind a cookie token, or None (unknown, ended, expired, disabled)."""
    if not token:
        return None
    now = now or utcnow()
    row = session.execute(
        select(ConsoleSession, ConsoleUser)
        .join(ConsoleUser, ConsoleUser.id == ConsoleSession.user_id)
        .where(ConsoleSession.token_sha256 == sha256_hex(token))
    ).first()
    if row is None:
        return None
    console_session, user = row
    if console_session.ended_at is not None or console_session.expires_at <= now:
        return None
    if not user.active:
        return None
    return ConsoleIdentity(
        user.id, user.name, user.role, console_session.id, console_session.csrf_token
    )


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


def sign_out(session: Session, identity: ConsoleIdentity) -> None:
    row = session.get(ConsoleSession, identity.session_id)
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()
    audit(session, identity, "sign_out")


# ---- managing accounts from the console ------------------------------------------------


def _account(session: Session, user_id: int) -> ConsoleUser:
    user = session.get(ConsoleUser, user_id, with_for_update=True)
    if user is None:
        raise DomainError("user_not_found", f"no console user {user_id}", 404)
    return user


def _end_sessions(session: Session, user_id: int) -> None:
    now = utcnow()
    for row in session.scalars(
        select(ConsoleSession).where(
            ConsoleSession.user_id == user_id, ConsoleSession.ended_at.is_(None)
        )
    ):
        row.ended_at = now


def _lock_active_managers(session: Session) -> list[int]:
    """Lock every active manager's row, in id order (so two of these never deadlock), and
    return their ids: a deactivation racing another then sees the other's result."""
    return list(
        session.scalars(
            select(ConsoleUser.id)
            .where(ConsoleUser.role == "manager", ConsoleUser.active.is_(True))
            .order_by(ConsoleUser.id)
            .with_for_update()
        )
    )


def set_active(session: Session, by: ConsoleIdentity, user_id: int, active: bool) -> ConsoleUser:
    """Deactivate (its sessions end at once) or reactivate an account; never one's own, and
    never the last active manager (nobody could manage the console)."""
    managers = [] if active else _lock_active_managers(session)
    user = _account(session, user_id)
    if user.id == by.user_id:
        raise DomainError("own_account", "you cannot deactivate your own account", 409)
    if not active:
        if user.role == "manager" and user.active and [m for m in managers if m != user.id] == []:
            raise DomainError("last_manager", "the last active manager cannot be deactivated", 409)
        _end_sessions(session, user.id)
    user.active = active
    return user


def set_password(session: Session, user_id: int, password: str) -> ConsoleUser:
    """A new password set by a manager: the account's sessions end and any lock lifts."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            "weak_password", f"a password has at least {MIN_PASSWORD_LENGTH} characters", 422
        )
    user = _account(session, user_id)
    user.password_hash = _hasher.hash(password)
    user.failed_attempts = 0
    user.locked_until = None
    _end_sessions(session, user.id)
    return user


def unlock(session: Session, user_id: int) -> ConsoleUser:
    user = _account(session, user_id)
    user.failed_attempts = 0
    user.locked_until = None
    return user
