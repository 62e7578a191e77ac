from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warehouse_api.app import create_app


def test_an_unexpected_error_is_a_logged_500_problem_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app("sqlite://", run_background=False)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with caplog.at_level(logging.ERROR), TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "internal_error"
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "secret internals" in caplog.text


def test_method_not_allowed_is_a_problem() -> None:
    app = create_app("sqlite://", run_background=False)
    with TestClient(app) as client:
        response = client.delete("/api/v1/health")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_a_write_that_cannot_get_the_database_is_a_503_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warehouse_api.db as db_module

    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT_MS", 50)
    app = create_app(f"sqlite:///{tmp_path}/busy.db", run_background=False)
    db = app.state.db
    with db.write(), TestClient(app) as client:  # hold the only write slot
        response = client.post(
            "/api/v1/devices/enroll", json={"code": "AAAA-BBBB", "device_name": "x"}
        )
    assert response.status_code == 503
    assert response.json()["code"] == "busy"
    assert response.headers["Retry-After"] == "5"


def test_a_problem_is_written_as_the_framework_would_write_it() -> None:
    """Plain JSON values are written straight; a datetime, a Decimal or a NaN goes the
    framework's way (`jsonable_encoder`, then JSONResponse): the same bytes, the same
    refusal of a NaN."""
    import datetime
    import math
    from decimal import Decimal

    from fastapi.encoders import jsonable_encoder
    from fastapi.responses import JSONResponse

    from warehouse_api.problems import problem_body, problem_response

    def framework(status: int, **extra: object) -> bytes:
        body = jsonable_encoder(problem_body(status, "c", "細節 detail", **extra))
        return bytes(JSONResponse(body, status_code=status).body)

    plain = {"available": 0, "skus": ["A-1", "珍珠奶茶"], "nested": {"n": 1.5, "ok": True}}
    assert problem_response(409, "c", "細節 detail", **plain).body == framework(409, **plain)
    odd = {"at": datetime.datetime(2026, 12, 3, 18, 0), "amount": Decimal("12.50"), "t": (1, 2)}
    assert problem_response(422, "c", "細節 detail", **odd).body == framework(422, **odd)
    with pytest.raises(ValueError):
        problem_response(500, "c", "細節 detail", ratio=math.nan)
    with pytest.raises(ValueError):
        framework(500, ratio=math.nan)
