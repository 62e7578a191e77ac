"""The length rule for staff PINs, checked wherever a PIN is set (``admin.create_staff``,
``admin.change_pin``).

Every till caches its store's PIN hashes for offline sign-in, so a stolen till's hashes
can be brute-forced offline: a 4-digit PIN is 10^4 guesses, minutes on one core
(benchmarks/pin_bruteforce.py). Supervisors and managers approve money leaving the
drawer, so theirs are 6 digits at least (10^6 guesses, days). Cashiers may keep 4.
"""

from __future__ import annotations

from warehouse_api.errors import DomainError

MIN_APPROVER_PIN_LENGTH = 6
APPROVER_ROLES = frozenset({"supervisor", "manager"})


def check_pin_for_role(role: str, pin: str) -> None:
    """DomainError ``pin_too_short`` (422) for a supervisor's or manager's PIN under 6 digits."""
    if role in APPROVER_ROLES and len(pin) < MIN_APPROVER_PIN_LENGTH:
        raise DomainError(
            "pin_too_short",
            f"a {role}'s PIN needs at least {MIN_APPROVER_PIN_LENGTH} digits",
            422,
        )
