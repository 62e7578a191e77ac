"""``counter-app --self-check``: what a store's IT person runs first when a till misbehaves.

Prints the versions (app, Python, Qt, SQLite) and checks, without starting the window:

* the local database: SQLite's ``integrity_check`` and a schema this program knows;
* the configured receipt printer: its connection opens (network socket, USB device,
  serial port, CUPS queue, Windows printer or file);
* the scanner settings in settings.json: every value valid;
* the warehouse: ``GET /api/v1/health`` answers, and on https the TLS certificate
  verifies against the trust store the app uses and is not about to expire.

Every check gives ``ok``, ``warn`` or ``FAIL``; the exit status is 1 when any failed.
Nothing here writes to the database or sends anything to the printer.
"""

from __future__ import annotations

import contextlib
import os
import platform
import socket
import sqlite3
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from counter_app import __version__
from counter_app.core.setup import (
    AddressCheck,
    AddressProblem,
    AddressRefused,
    CertificateInfo,
    normalize_address,
)

CERT_WARN_DAYS = 30
"""A certificate that expires within this many days is reported (``warn``)."""


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class Check:
    name: str
    status: Status
    detail: str

    def line(self) -> str:
        return f"[{self.status.value:>4}] {self.name}: {self.detail}"


def versions() -> dict[str, str]:
    """The versions a support person asks for first."""
    result = {
        "counter-app": __version__,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "frozen": "yes" if getattr(sys, "frozen", False) else "no",
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        result["pyside6"] = PySide6.__version__
        result["qt"] = qVersion()
    except ImportError as exc:  # a broken bundle: say so instead of dying
        result["qt"] = f"not loadable ({exc})"
    return result


# --- the local database ---------------------------------------------------------------


def check_database(path: Path) -> Check:
    from counter_app.local.migrations import SCHEMA_VERSION

    name = "local database"
    if not path.exists():
        return Check(name, Status.OK, f"{path} does not exist yet (made on first start)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Check(name, Status.FAIL, f"{path}: {exc} (start with --recover-damaged-db)")
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:5])
        return Check(name, Status.FAIL, f"{path}: {detail} (start with --recover-damaged-db)")
    if version > SCHEMA_VERSION:
        return Check(
            name,
            Status.FAIL,
            f"{path}: schema version {version} is newer than this program's {SCHEMA_VERSION} "
            "(was a newer release installed before? install it again)",
        )
    note = (
        ""
        if version == SCHEMA_VERSION
        else f", migrates from {version} to {SCHEMA_VERSION} on start"
    )
    return Check(name, Status.OK, f"{path}: integrity ok, schema version {version}{note}")


# --- the receipt printer --------------------------------------------------------------


def check_printer(settings_section: dict[str, Any], data_dir: Path) -> Check:
    """Opens and closes the configured printer's connection; prints nothing."""
    from counter_app.devices.config import ConnectionKind, PrinterConfig
    from counter_app.devices.printer import open_connection

    name = "receipt printer"
    if not settings_section:
        path = data_dir / "receipts.escpos"
        return Check(name, Status.WARN, f"none set up: receipts go to the file {path}")
    try:
        config = PrinterConfig.from_dict(settings_section)
    except (TypeError, ValueError) as exc:
        return Check(name, Status.FAIL, f"settings invalid: {exc}")
    where = f"{config.kind.value} {config.address}".strip()
    if config.kind is ConnectionKind.NETWORK:
        # A plain socket: escpos' Network would send an init sequence on open.
        try:
            host, port = config.network_endpoint()
            with socket.create_connection((host, port), timeout=min(config.timeout_s, 5.0)):
                pass
        except (OSError, ValueError) as exc:
            return Check(name, Status.FAIL, f"{where}: not reachable ({exc})")
        return Check(name, Status.OK, f"{where}: reachable")
    try:
        connection = open_connection(config)
        connection.open()
    except Exception as exc:  # escpos raises its own, pyusb's, pyserial's and OSError
        hint = ""
        if config.kind is ConnectionKind.USB and sys.platform.startswith("linux"):
            hint = " (on Linux: is the udev rule installed? see docs/devices.md)"
        return Check(name, Status.FAIL, f"{where}: cannot open ({type(exc).__name__}: {exc}){hint}")
    with contextlib.suppress(Exception):  # closing a probe must not fail the check
        connection.close()
    return Check(name, Status.OK, f"{where}: opens")


# --- the scanner ----------------------------------------------------------------------


def check_scanner(section: dict[str, Any]) -> Check:
    """The "scanner" settings: the wedge's timing and, if set, a serial port that opens."""
    from counter_app.devices.scanner_wedge import _TERMINATOR_KEYS, WedgeSettings

    name = "scanner settings"
    problems: list[str] = []
    known = {f.name: f for f in fields(WedgeSettings)}
    for key, value in section.items():
        if key in ("serial_port", "serial_baudrate"):
            continue
        if key not in known:
            problems.append(f"unknown setting {key!r}")
        elif key in ("max_gap_ms", "min_length"):
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                problems.append(f"{key} must be a positive whole number, not {value!r}")
        elif key == "terminators":
            if (
                not isinstance(value, list)
                or not value
                or any(t not in _TERMINATOR_KEYS for t in value)
            ):
                problems.append(
                    f"terminators must be a list of {sorted(_TERMINATOR_KEYS)}, not {value!r}"
                )
        elif not isinstance(value, str):
            problems.append(f"{key} must be text, not {value!r}")
    port = section.get("serial_port")
    serial_note = ""
    if port:
        baud = section.get("serial_baudrate", 9600)
        if not isinstance(baud, int) or isinstance(baud, bool) or baud <= 0:
            problems.append(f"serial_baudrate must be a positive whole number, not {baud!r}")
        else:
            import serial

            try:
                serial.Serial(str(port), baudrate=baud, timeout=0.1).close()
                serial_note = f"; serial scanner {port} opens"
            except (serial.SerialException, OSError, ValueError) as exc:
                problems.append(f"serial scanner {port}: cannot open ({exc})")
    if problems:
        return Check(name, Status.FAIL, "; ".join(problems))
    return Check(name, Status.OK, ("defaults" if not section else "valid") + serial_note)


# --- the warehouse --------------------------------------------------------------------


def _trust_store() -> str | None:
    """The CA file requests uses (REQUESTS_CA_BUNDLE, else certifi's), so this check
    judges the certificate as the sync client will."""
    env = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if env:
        return env
    try:
        import certifi

        return str(certifi.where())
    except ImportError:
        return None


def peer_certificate(host: str, port: int, timeout: float = 5.0) -> CertificateInfo:
    """The server's certificate, verified as the sync client verifies it. Raises
    OSError (socket.gaierror, ConnectionRefusedError, TimeoutError) or ssl errors."""
    context = ssl.create_default_context(cafile=_trust_store())
    with (
        socket.create_connection((host, port), timeout=timeout) as sock,
        context.wrap_socket(sock, server_hostname=host) as tls,
    ):
        cert = tls.getpeercert()
    not_after = datetime.fromtimestamp(ssl.cert_time_to_seconds(str(cert["notAfter"])), UTC)

    def name(field: str) -> str:
        rdns = cert.get(field, ())
        return ", ".join(f"{k}={v}" for rdn in rdns for k, v in rdn)  # type: ignore[misc]

    return CertificateInfo(
        subject=name("subject") or host,
        issuer=name("issuer"),
        not_after=not_after,
        days_left=(not_after - datetime.now(UTC)).days,
    )


def check_certificate(host: str, port: int, timeout: float = 5.0) -> Check:
    name = "warehouse TLS certificate"
    try:
        cert = peer_certificate(host, port, timeout)
    except ssl.SSLCertVerificationError as exc:
        return Check(name, Status.FAIL, f"{host}:{port}: does not verify ({exc.verify_message})")
    except (OSError, ssl.SSLError) as exc:
        return Check(name, Status.FAIL, f"{host}:{port}: TLS handshake failed ({exc})")
    detail = f"{cert.subject}, valid until {cert.not_after:%Y-%m-%d} ({cert.days_left} days)"
    if cert.days_left < CERT_WARN_DAYS:
        return Check(name, Status.WARN, f"{detail}: renew it soon")
    return Check(name, Status.OK, detail)


def _network_problem(exc: BaseException) -> AddressProblem:
    """Sorts a connection failure into what the wizard can explain."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return AddressProblem.BAD_CERTIFICATE
    if isinstance(exc, ssl.SSLError):
        return AddressProblem.TLS
    if isinstance(exc, socket.gaierror):
        return AddressProblem.DNS
    if isinstance(exc, ConnectionRefusedError):
        return AddressProblem.REFUSED
    if isinstance(exc, TimeoutError | socket.timeout):
        return AddressProblem.TIMEOUT
    return AddressProblem.NETWORK


def probe_address(text: str, timeout: float = 5.0) -> AddressCheck:
    """The first-run wizard's connection test: the address is acceptable (https, or http
    to this machine), the name resolves, the port answers, the certificate verifies (its
    subject and expiry are returned), and ``/api/v1/health`` says ok."""
    import requests

    try:
        url = normalize_address(text)
    except AddressRefused as refused:
        return AddressCheck(text.strip(), refused.problem, str(refused))
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    started = time.monotonic()
    certificate = None
    try:
        if parts.scheme == "https":
            certificate = peer_certificate(host, port, timeout)
        else:
            with socket.create_connection((host, port), timeout=timeout):
                pass
    except ssl.SSLCertVerificationError as exc:
        return AddressCheck(url, AddressProblem.BAD_CERTIFICATE, str(exc.verify_message))
    except (OSError, ssl.SSLError) as exc:
        return AddressCheck(url, _network_problem(exc), f"{type(exc).__name__}: {exc}")
    health = f"{url}/api/v1/health"
    try:
        response = requests.get(health, timeout=timeout)
        body = response.json() if response.status_code == 200 else None
    except requests.exceptions.SSLError as exc:
        return AddressCheck(url, AddressProblem.BAD_CERTIFICATE, str(exc), certificate)
    except requests.exceptions.Timeout as exc:
        return AddressCheck(url, AddressProblem.TIMEOUT, str(exc), certificate)
    except requests.RequestException as exc:
        return AddressCheck(url, AddressProblem.NETWORK, str(exc), certificate)
    except ValueError:
        body = None
    elapsed_ms = (time.monotonic() - started) * 1000
    if not isinstance(body, dict) or body.get("status") != "ok":
        detail = f"{health}: HTTP {response.status_code}, not a warehouse's health answer"
        return AddressCheck(url, AddressProblem.NOT_WAREHOUSE, detail, certificate, elapsed_ms)
    return AddressCheck(url, None, f"{health}: answers", certificate, elapsed_ms)


def check_warehouse(url: str | None, timeout: float = 5.0) -> list[Check]:
    import requests

    name = "warehouse"
    if not url:
        return [Check(name, Status.FAIL, "no address: pass --server URL")]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [Check(name, Status.FAIL, f"{url!r} is not an http(s) address")]
    checks: list[Check] = []
    if parts.scheme == "https":
        checks.append(check_certificate(parts.hostname, parts.port or 443, timeout))
    else:
        checks.append(
            Check("warehouse TLS certificate", Status.WARN, "plain http: traffic is not encrypted")
        )
    health = f"{url.rstrip('/')}/api/v1/health"
    try:
        response = requests.get(health, timeout=timeout)
    except requests.exceptions.SSLError as exc:
        checks.append(Check(name, Status.FAIL, f"{health}: TLS error ({exc})"))
        return checks
    except requests.RequestException as exc:
        checks.append(Check(name, Status.FAIL, f"{health}: not reachable ({type(exc).__name__})"))
        return checks
    if response.status_code != 200:
        checks.append(Check(name, Status.FAIL, f"{health}: HTTP {response.status_code}"))
    else:
        elapsed_ms = response.elapsed.total_seconds() * 1000
        checks.append(Check(name, Status.OK, f"{health}: answers ({elapsed_ms:.0f} ms)"))
    return checks


# --- all of it ------------------------------------------------------------------------


def run_checks(data_dir: Path, server_url: str | None) -> list[Check]:
    from counter_app.local.settings_store import SettingsStore

    settings = SettingsStore(data_dir / "settings.json")
    steps: list[Callable[[], list[Check]]] = [
        lambda: [check_database(data_dir / "counter.db")],
        lambda: [check_printer(settings.section("printer"), data_dir)],
        lambda: [check_scanner(settings.section("scanner"))],
        lambda: check_warehouse(server_url),
    ]
    checks: list[Check] = []
    for step in steps:
        try:
            checks += step()
        except Exception as exc:  # one broken check must not hide the others
            checks.append(Check("self-check", Status.FAIL, f"{type(exc).__name__}: {exc}"))
    return checks


def self_check(data_dir: Path, server_url: str | None, out: TextIO | None = None) -> int:
    """Print versions and checks; 0 if nothing failed, 1 otherwise."""
    out = out or sys.stdout
    for key, value in versions().items():
        print(f"{key}: {value}", file=out)
    print(f"data folder: {data_dir}", file=out)
    checks = run_checks(data_dir, server_url)
    for check in checks:
        print(check.line(), file=out)
    failed = [c for c in checks if c.status is Status.FAIL]
    print(f"self-check: {len(failed)} problem(s)" if failed else "self-check: all good", file=out)
    return 1 if failed else 0
