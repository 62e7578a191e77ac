"""Device enrollment, tokens and authentication."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, event, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from warehouse_api.errors import DomainError, NotFound
from warehouse_api.models import Device, EnrollmentCode, Location, utcnow
from warehouse_api.security import (
    new_device_token,
    new_enrollment_code,
    normalize_enrollment_code,
    sha256_hex,
)

ROLES = ("counter", "group_buy", "operator", "admin")
TILL_NO_ATTEMPTS = 8  # concurrent enrollments at one store, each retry sees the others' rows


@dataclass(frozen=True, slots=True)
class AuthenticatedDevice:
    id: int
    name: str
    role: str
    location_id: int | None
    till_no: int | None = None


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    device_id: int
    location: Location | None
    till_no: int | None = None


def location_by_code(session: Session, code: str) -> Location:
    location = session.scalar(select(Location).where(Location.code == code))
    if location is None:
        raise NotFound("location_not_found", f"no location with code {code}")
    return location


def issue_enrollment_code(session: Session, store_code: str, ttl: timedelta) -> str:
    location = location_by_code(session, store_code)
    if location.kind != "store":
        raise DomainError("not_a_store", f"{store_code} is a {location.kind}, not a store", 422)
    code = new_enrollment_code()
    session.add(
        EnrollmentCode(
            code_sha256=sha256_hex(normalize_enrollment_code(code)),
            location_id=location.id,
            expires_at=utcnow() + ttl,
        )
    )
    return code


def enroll_device(session: Session, code: str, device_name: str) -> IssuedToken:
    """Trade a one-time enrollment code for a counter token at the code's store."""
    digest = sha256_hex(normalize_enrollment_code(code))
    enrollment = _redeem(session, digest)
    issued = issue_token(session, "counter", enrollment.location_id, device_name)
    enrollment.device_id = issued.device_id
    return issued


def _redeem(session: Session, digest: str) -> EnrollmentCode:
    """Mark the code used in one conditional UPDATE, so it works exactly once.

    A read-then-write would let concurrent redemptions all see it unused (PostgreSQL,
    READ COMMITTED); here a second UPDATE waits for the first and then matches no row.
    """
    now = utcnow()
    claimed = session.scalar(
        update(EnrollmentCode)
        .where(
            EnrollmentCode.code_sha256 == digest,
            EnrollmentCode.used_at.is_(None),
            EnrollmentCode.expires_at > now,
        )
        .values(used_at=now)
        .returning(EnrollmentCode.id)
        .execution_options(synchronize_session=False)
    )
    enrollment = session.scalar(select(EnrollmentCode).where(EnrollmentCode.code_sha256 == digest))
    if claimed is not None and enrollment is not None:
        return enrollment
    if enrollment is None:
        raise DomainError("enrollment_code_invalid", "this enrollment code is not known", 400)
    if enrollment.used_at is not None:
        raise DomainError("enrollment_code_used", "this enrollment code was already used", 409)
    raise DomainError("enrollment_code_expired", "this enrollment code has expired", 410)


def issue_token(
    session: Session, role: str, location_id: int | None, device_name: str
) -> IssuedToken:
    if role not in ROLES:
        raise DomainError("invalid_role", f"role must be one of {', '.join(ROLES)}", 422)
    if role == "counter" and location_id is None:
        raise DomainError("location_required", "a counter token belongs to one store", 422)
    location = session.get(Location, location_id) if location_id is not None else None
    if role == "counter" and location is not None and location.kind != "store":
        # A till at the warehouse would sell stock held for group-buy orders.
        raise DomainError(
            "not_a_store",
            f"a counter belongs to a store; {location.code} is a {location.kind}",
            422,
        )
    token = new_device_token()
    device = Device(
        name=device_name, token_sha256=sha256_hex(token), role=role, location_id=location_id
    )
    if role == "counter" and location_id is not None:
        _add_with_till_no(session, device, location_id)
    else:
        session.add(device)
        session.flush()
    return IssuedToken(token, device.id, location, device.till_no)


def _add_with_till_no(session: Session, device: Device, location_id: int) -> None:
    """Give a counter the next short number of its store: one more than any till the
    store ever had, so a number is never reused (a revoked till's receipts keep theirs).
    Two enrollments at once may pick the same number; the UNIQUE (location_id, till_no)
    index lets one in and the other retries in a savepoint with a fresh maximum."""
    for attempt in range(1, TILL_NO_ATTEMPTS + 1):
        highest = session.scalar(
            select(func.max(Device.till_no)).where(Device.location_id == location_id)
        )
        device.till_no = (highest or 0) + 1
        try:
            with session.begin_nested():
                session.add(device)
                session.flush()
            return
        except IntegrityError:
            if attempt == TILL_NO_ATTEMPTS:
                raise


_DEVICE_BY_TOKEN = select(
    Device.id, Device.name, Device.role, Device.location_id, Device.till_no
).where(Device.token_sha256 == bindparam("p_token_sha256"), Device.revoked_at.is_(None))


def authenticate(session: Session, token: str) -> AuthenticatedDevice | None:
    """The device holding `token`, unless unknown or revoked."""
    return device_by_token_sha256(session, sha256_hex(token))


def device_by_token_sha256(session: Session, token_sha256: str) -> AuthenticatedDevice | None:
    """One SELECT of five columns, no ORM object (the routes remember what it finds for a
    while: `services.token_cache`)."""
    row = session.execute(_DEVICE_BY_TOKEN, {"p_token_sha256": token_sha256}).first()
    if row is None:
        return None
    return AuthenticatedDevice(row.id, row.name, row.role, row.location_id, row.till_no)


class _Generation:
    """A number that moves whenever this process revokes a device or sees that another
    did; tokens remembered by `services.token_cache` carry the number they were looked up
    under and are forgotten when it moves."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.value += 1


GENERATION = _Generation()


def _revoked(_session: Session) -> None:
    GENERATION.bump()


def revoke_device(session: Session, device_id: int) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound("device_not_found", f"no device {device_id}")
    if device.revoked_at is None:
        device.revoked_at = utcnow()
        # Remembered tokens are forgotten now (a look-up running meanwhile may still read
        # the row unrevoked) and again when the revocation commits: in this process the
        # token is refused from the commit on; other processes see it on their next
        # recheck (services/token_cache.py).
        GENERATION.bump()
        event.listen(session, "after_commit", _revoked, once=True)
    return device
