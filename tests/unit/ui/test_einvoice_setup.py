"""The till's e-invoice set-up: the seller's tax ID in settings, the AES key in the secret
store (never in a message), and the service built only when both are there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from counter_app.bootstrap import build_einvoicing, configure_einvoice
from counter_app.local.db import LocalDatabase
from counter_app.local.settings_store import SettingsStore
from counter_app.services.context import StoreContext

KEY = "5D1CB9C7D9F1C8A0E1D2C3B4A5968778"


def test_set_up_stores_the_key_apart_from_the_settings(tmp_path: Path) -> None:
    configure_einvoice(tmp_path, "04595257", KEY.lower(), use_keyring=False)
    settings = SettingsStore(tmp_path / "settings.json")
    assert settings.section("einvoice") == {"seller_id": "04595257"}
    assert KEY not in (tmp_path / "settings.json").read_text(encoding="utf-8")
    key_file = tmp_path / "einvoice_key"
    assert key_file.read_text(encoding="utf-8") == KEY
    assert key_file.stat().st_mode & 0o077 == 0  # only this user can read it
    db = LocalDatabase(tmp_path / "counter.db")
    service = build_einvoicing(
        tmp_path,
        settings,
        db,
        StoreContext(2, "S001", "台北信義店"),
        print_queue=Any,  # type: ignore[arg-type]
        use_keyring=False,
    )
    assert service is not None and service.settings.seller_id == "04595257"
    assert KEY not in repr(service.settings)
    db.dispose()


@pytest.mark.parametrize(
    ("seller", "key", "says"),
    [
        ("12345678", KEY, "tax ID"),
        ("04595257", KEY[:-2], "32 hexadecimal"),
        ("04595257", "zz" * 16, "hexadecimal"),
    ],
)
def test_a_bad_tax_id_or_key_is_refused_without_echoing_the_key(
    tmp_path: Path, seller: str, key: str, says: str
) -> None:
    with pytest.raises(ValueError) as refused:
        configure_einvoice(tmp_path, seller, key, use_keyring=False)
    assert says in str(refused.value) and key not in str(refused.value)
    assert not (tmp_path / "einvoice_key").exists()


def test_without_a_key_e_invoices_stay_off(tmp_path: Path) -> None:
    settings = SettingsStore(tmp_path / "settings.json")
    settings.save_section("einvoice", {"seller_id": "04595257"})
    db = LocalDatabase(tmp_path / "counter.db")
    assert (
        build_einvoicing(
            tmp_path,
            settings,
            db,
            StoreContext(2, "S001", "S"),
            print_queue=Any,  # type: ignore[arg-type]
            use_keyring=False,
        )
        is None
    )
    db.dispose()
