"""The rules of a till's first-run set-up, free of I/O: which warehouse addresses are
acceptable, what a connection test found, what an enrollment refusal means, and what a
test scan says about the scanner's prefix and suffix settings.

The checks themselves (sockets, TLS, HTTP) live in ``counter_app.self_check``; the
wizard (``ui/setup_wizard.py``) shows these results in words.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from counter_app.core.codes import ScanRules, parse_scan

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class AddressProblem(StrEnum):
    """Why an address was refused or its test failed (the wizard words each)."""

    EMPTY = "empty"
    NOT_HTTP = "not_http"  # ftp://, a typo'd scheme
    NO_HOST = "no_host"
    PLAIN_HTTP = "plain_http"  # http:// to anything but this machine
    DNS = "dns"  # the name does not resolve
    REFUSED = "refused"  # nothing listens on that port
    TIMEOUT = "timeout"  # no answer in time (firewall, wrong address)
    BAD_CERTIFICATE = "bad_certificate"  # does not verify: self-signed, expired, wrong name
    TLS = "tls"  # the handshake failed otherwise (not TLS on that port...)
    NOT_WAREHOUSE = "not_warehouse"  # something answered, but not a warehouse's health route
    NETWORK = "network"  # any other network error


class AddressRefused(ValueError):
    def __init__(self, problem: AddressProblem, address: str) -> None:
        super().__init__(f"{problem.value}: {address!r}")
        self.problem = problem
        self.address = address


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_address(text: str) -> str:
    """The warehouse's base URL as typed, checked: ``https://`` is assumed when no scheme
    is given; plain ``http://`` only to this machine (the demo, a test); no trailing
    slash, query or fragment. Raises AddressRefused."""
    text = text.strip()
    if not text:
        raise AddressRefused(AddressProblem.EMPTY, text)
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused(AddressProblem.NOT_HTTP, text)
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise AddressRefused(AddressProblem.NO_HOST, text) from None
    if not host:
        raise AddressRefused(AddressProblem.NO_HOST, text)
    if scheme == "http" and not is_loopback(host):
        raise AddressRefused(AddressProblem.PLAIN_HTTP, text)
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    subject: str  # "CN=warehouse.example.tw, O=..."
    issuer: str
    not_after: datetime
    days_left: int


@dataclass(frozen=True, slots=True)
class AddressCheck:
    """What a connection test found. ``problem`` None means the warehouse answered."""

    url: str
    problem: AddressProblem | None
    detail: str  # technical detail for the log and the support person
    certificate: CertificateInfo | None = None
    elapsed_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem is None


class EnrollmentProblem(StrEnum):
    INVALID = "invalid"  # no such code (a typo)
    USED = "used"  # already exchanged by another till
    EXPIRED = "expired"
    UNREACHABLE = "unreachable"  # the warehouse did not answer: try again
    REFUSED = "refused"  # any other refusal by the warehouse


ENROLLMENT_CODES = {
    "enrollment_code_invalid": EnrollmentProblem.INVALID,
    "enrollment_code_used": EnrollmentProblem.USED,
    "enrollment_code_expired": EnrollmentProblem.EXPIRED,
}


class EnrollmentRefused(Exception):
    def __init__(self, problem: EnrollmentProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Enrolled:
    store_code: str
    store_name: str
    device_id: int
    till_no: int | None


@dataclass(frozen=True, slots=True)
class ScanCheck:
    """A test scan read as raw keys (the scanner's prefix and suffix included)."""

    raw: str
    code: str  # what the till will use: the raw text without prefix and suffix
    kind: str  # parse_scan's kind of ``code``: product, gs1, receipt... or invalid
    prefix_ok: bool
    suffix_ok: bool

    @property
    def ok(self) -> bool:
        return self.prefix_ok and self.suffix_ok and self.kind != "invalid"


def check_test_scan(
    raw: str, prefix: str, suffix: str, rules: ScanRules | None = None
) -> ScanCheck:
    """Does the scan carry the prefix and suffix the settings expect? Without a prefix
    set, any first character is fine (and likewise the suffix)."""
    prefix_ok = raw.startswith(prefix)
    body = raw[len(prefix) :] if prefix_ok else raw
    suffix_ok = body.endswith(suffix)
    if suffix and suffix_ok:
        body = body[: len(body) - len(suffix)]
    code = body.strip()
    kind = parse_scan(code, rules or ScanRules()).kind if code else "invalid"
    return ScanCheck(raw, code, kind, prefix_ok, suffix_ok)
