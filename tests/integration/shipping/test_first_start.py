"""``counter-app`` on a till with no token opens the set-up wizard; what the wizard
saved (address, language) is what the counter then starts with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import counter_app.bootstrap as bootstrap
from counter_app.__main__ import main
from warehouse_api.embedded import ensure_demo, issue_enrollment_code, start_embedded


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db_url = f"sqlite:///{(tmp_path / 'warehouse.db').as_posix()}"
    ensure_demo(db_url)
    server = start_embedded(db_url)
    yield server.url, db_url
    server.stop()


def test_a_cancelled_wizard_leaves_the_till_unenrolled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        bootstrap, "run_setup_wizard", lambda *args, **kw: calls.append(args) or False
    )
    assert main(["--data-dir", str(tmp_path / "till"), "--log-dir", str(tmp_path)]) == 2
    assert calls == [(tmp_path / "till", "zh_TW", None)]  # default language, no address yet
    assert "set-up not finished" in capsys.readouterr().err
    assert not bootstrap.is_enrolled(tmp_path / "till", use_keyring=False)


def test_the_counter_starts_with_what_the_wizard_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warehouse: tuple[str, str]
) -> None:
    url, db_url = warehouse
    till = tmp_path / "till"

    def wizard(data_dir: Path, language: str, hint: str | None, **_kw: Any) -> bool:
        setup = bootstrap.TillSetup(data_dir, use_keyring=False)
        setup.save_language("en")  # what a user picking English does on the first page
        assert setup.check_address(url).ok
        setup.enroll(url, issue_enrollment_code(db_url, "S001"))
        return True

    started: list[tuple[str, str]] = []

    def run_enrolled(services: Any, language: str) -> int:
        started.append((services.client.base_url, language))
        services.close()
        return 0

    monkeypatch.setattr(bootstrap, "run_setup_wizard", wizard)
    monkeypatch.setattr(bootstrap, "run_enrolled_counter", run_enrolled)
    monkeypatch.setattr(
        bootstrap, "token_store_for", lambda d, _k: bootstrap.FileTokenStore(d / "device_token")
    )
    assert main(["--data-dir", str(till), "--log-dir", str(tmp_path)]) == 0
    assert started == [(url, "en")]
    # The next start needs no wizard; --lang overrides the setting for one start.
    assert main(["--data-dir", str(till), "--log-dir", str(tmp_path), "--lang", "zh_TW"]) == 0
    assert started[-1] == (url, "zh_TW")
