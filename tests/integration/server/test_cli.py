from __future__ import annotations

from pathlib import Path

import pytest

from warehouse_api.cli import main
from warehouse_api.db import Database
from warehouse_api.services.devices import authenticate, enroll_device


def test_seed_is_refused_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert main(["seed", "--db", url, "--demo", "--products", "30"]) == 0
    assert "seeded 30 products" in capsys.readouterr().out
    assert main(["seed", "--db", url, "--demo", "--products", "30"]) == 1
    assert "not seeding" in capsys.readouterr().err


def test_enrollment_code_and_token_commands_print_working_credentials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    main(["seed", "--db", url, "--demo", "--products", "10"])
    capsys.readouterr()

    assert main(["enrollment-code", "--db", url, "--store", "S002"]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["token", "--db", url, "--role", "operator"]) == 0
    token = capsys.readouterr().out.strip()
    assert main(["enrollment-code", "--db", url, "--store", "WH01"]) == 2  # not a store

    db = Database.from_url(url)
    try:
        with db.write() as session:
            issued = enroll_device(session, code, "till")
            assert issued.location is not None and issued.location.code == "S002"
        with db.read() as session:
            device = authenticate(session, token)
        assert device is not None and device.role == "operator"
    finally:
        db.dispose()
