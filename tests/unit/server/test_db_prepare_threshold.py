"""WAREHOUSE_DB_PREPARE_THRESHOLD: what each value hands psycopg.connect, and a clear
error for one that is neither `none` nor a whole number (no engine is built with it)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from warehouse_api.db import make_engine

URL = "postgresql+psycopg://postgres@127.0.0.1:1/none"


class _Captured(Exception):
    pass


def _connect_kwargs() -> dict[str, Any]:
    """What the engine would pass psycopg.connect (caught before any connection)."""
    engine = make_engine(URL)
    captured: dict[str, Any] = {}

    @event.listens_for(engine, "do_connect")
    def _capture(_dialect: Any, _record: Any, _args: Any, kwargs: dict[str, Any]) -> None:
        captured.update(kwargs)
        raise _Captured

    try:
        with pytest.raises(_Captured):
            engine.connect()
    finally:
        engine.dispose()
    return captured


@pytest.mark.parametrize(
    ("value", "expected"), [("none", None), (" None ", None), ("0", 0), ("12", 12)]
)
def test_the_setting_reaches_psycopg(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    monkeypatch.setenv("WAREHOUSE_DB_PREPARE_THRESHOLD", value)
    assert _connect_kwargs()["prepare_threshold"] == expected


def test_unset_leaves_psycopgs_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAREHOUSE_DB_PREPARE_THRESHOLD", raising=False)
    assert "prepare_threshold" not in _connect_kwargs()


@pytest.mark.parametrize("value", ["off", "-1", "1.5"])
def test_a_bad_value_is_refused_in_words(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("WAREHOUSE_DB_PREPARE_THRESHOLD", value)
    with pytest.raises(ValueError, match="WAREHOUSE_DB_PREPARE_THRESHOLD must be none or"):
        make_engine(URL)
