"""``counter-app --self-check``: versions, and each check failing for its own reason."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.__main__ import main
from counter_app.local.db import LocalDatabase
from counter_app.self_check import Status, check_scanner, check_warehouse


def _settings(data_dir: Path, **sections: object) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(json.dumps(sections), encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["--self-check", *argv])
    return code, capsys.readouterr().out


def test_all_good_against_a_running_warehouse(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "till"
    LocalDatabase(data_dir / "counter.db").dispose()
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 0, out
    for key in ("counter-app: 0.", "python: 3.", "qt: 6.", "sqlite: 3."):
        assert key in out
    assert "[  ok] local database" in out and "integrity ok" in out
    assert "[  ok] warehouse:" in out and "/api/v1/health: answers" in out
    assert "[warn] receipt printer: none set up" in out  # a warning, not a failure
    assert out.rstrip().endswith("self-check: all good")


def test_a_stopped_warehouse_fails(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = warehouse.url  # type: ignore[attr-defined]
    warehouse.stop()  # type: ignore[attr-defined]
    code, out = _run(capsys, "--data-dir", str(tmp_path / "till"), "--server", url)
    assert code == 1
    assert "[FAIL] warehouse:" in out and "not reachable" in out
    assert "self-check: 1 problem(s)" in out


def test_the_address_remembered_from_the_last_start_is_used(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "till"
    _settings(data_dir, warehouse={"url": warehouse.url})  # type: ignore[attr-defined]
    code, out = _run(capsys, "--data-dir", str(data_dir))
    assert code == 0, out
    assert f"{warehouse.url}/api/v1/health: answers" in out  # type: ignore[attr-defined]


def test_no_warehouse_address_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, "--data-dir", str(tmp_path / "till"))
    assert code == 1
    assert "[FAIL] warehouse: no address" in out


def test_a_damaged_database_fails(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "till"
    data_dir.mkdir()
    (data_dir / "counter.db").write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8000)
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 1
    assert "[FAIL] local database" in out and "--recover-damaged-db" in out


def test_a_database_from_a_newer_release_fails(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    data_dir = tmp_path / "till"
    LocalDatabase(data_dir / "counter.db").dispose()
    with sqlite3.connect(data_dir / "counter.db") as conn:
        conn.execute("PRAGMA user_version=999")
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 1
    assert "schema version 999 is newer" in out


@pytest.fixture
def listening_port() -> Iterator[int]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_network_printer_that_answers_passes_and_one_that_does_not_fails(
    warehouse: object, listening_port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "till"
    _settings(data_dir, printer={"kind": "network", "address": f"127.0.0.1:{listening_port}"})
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 0, out
    assert f"[  ok] receipt printer: network 127.0.0.1:{listening_port}: reachable" in out

    _settings(data_dir, printer={"kind": "network", "address": f"127.0.0.1:{_closed_port()}"})
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 1
    assert "[FAIL] receipt printer: network 127.0.0.1:" in out and "not reachable" in out


def test_a_file_printer_in_a_missing_folder_fails(
    warehouse: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "till"
    _settings(data_dir, printer={"kind": "file", "address": str(tmp_path / "no-such-dir" / "lp0")})
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", warehouse.url)  # type: ignore[attr-defined]
    assert code == 1
    assert "[FAIL] receipt printer: file" in out and "cannot open" in out


def test_invalid_printer_settings_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "till"
    _settings(data_dir, printer={"kind": "bluetooth", "address": "x"})
    code, out = _run(capsys, "--data-dir", str(data_dir), "--server", "http://127.0.0.1:9")
    assert code == 1
    assert "[FAIL] receipt printer: settings invalid" in out


def test_scanner_settings() -> None:
    assert check_scanner({}).status is Status.OK
    assert (
        check_scanner({"max_gap_ms": 40, "terminators": ["enter"], "prefix": "]"}).status
        is Status.OK
    )
    bad = check_scanner({"max_gap_ms": -5, "terminators": ["space"], "colour": "red"})
    assert bad.status is Status.FAIL
    assert "max_gap_ms" in bad.detail and "terminators" in bad.detail and "'colour'" in bad.detail
    missing_port = check_scanner({"serial_port": "/dev/no-such-scanner"})
    assert missing_port.status is Status.FAIL and "cannot open" in missing_port.detail


# --- https: the certificate is checked as the sync client would check it --------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "10",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_warehouse(tmp_path: Path, self_signed: tuple[Path, Path]) -> Iterator[str]:
    import uvicorn

    from warehouse_api.app import create_app

    cert, key = self_signed
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(f"sqlite:///{(tmp_path / 'warehouse.db').as_posix()}")
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_certfile=str(cert),
            ssl_keyfile=str(key),
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, (
            "the https warehouse did not start"
        )
        time.sleep(0.02)
    yield f"https://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_an_untrusted_certificate_fails(
    https_warehouse: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    checks = check_warehouse(https_warehouse)
    tls = next(c for c in checks if c.name == "warehouse TLS certificate")
    assert tls.status is Status.FAIL and "does not verify" in tls.detail
    assert checks[-1].status is Status.FAIL


def test_a_trusted_certificate_passes_and_its_expiry_is_reported(
    https_warehouse: str, self_signed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(self_signed[0]))  # as an IT person would
    checks = check_warehouse(https_warehouse)
    tls = next(c for c in checks if c.name == "warehouse TLS certificate")
    # Valid for 10 days: it verifies, and the self-check says it must be renewed soon.
    assert (
        tls.status is Status.WARN
        and "renew it soon" in tls.detail
        and "commonName=127.0.0.1" in tls.detail
    )
    assert checks[-1].status is Status.OK and "answers" in checks[-1].detail


# --- the set-up wizard's connection test (probe_address) ------------------------------


def test_the_wizards_address_test_refuses_an_untrusted_certificate(
    https_warehouse: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.core.setup import AddressProblem
    from counter_app.self_check import probe_address

    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    check = probe_address(https_warehouse)
    assert check.problem is AddressProblem.BAD_CERTIFICATE and "self-signed" in check.detail


def test_the_wizards_address_test_shows_a_trusted_certificates_subject_and_expiry(
    https_warehouse: str, self_signed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from counter_app.self_check import probe_address

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(self_signed[0]))
    check = probe_address(https_warehouse.removeprefix("https://"))  # https is assumed
    assert check.ok, check.detail
    assert check.url == https_warehouse
    assert check.certificate is not None
    assert check.certificate.subject == "commonName=127.0.0.1"
    assert check.certificate.days_left in (9, 10)
