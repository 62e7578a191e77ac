from __future__ import annotations

import logging

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
