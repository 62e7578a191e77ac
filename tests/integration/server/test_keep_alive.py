"""A 500 answers with a clean problem and leaves the kept-alive connection usable.

The route's service is made to fail in a test-only way (monkeypatched inside the
in-process uvicorn server), then a second request travels on the same connection.
"""

from __future__ import annotations

import http.client
import json
import logging
from urllib.parse import urlsplit

import pytest
from server_testkit import Server

import warehouse_api.api.stock as stock_api


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("secret internals of a bug")


def test_a_500_is_a_clean_problem_and_the_connection_stays_open(
    server: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    token = server.token("counter", "S001")
    monkeypatch.setattr(stock_api, "live_stock", _explode)
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with caplog.at_level(logging.ERROR):
            connection.request("GET", "/api/v1/stock?product=100001", headers=headers)
            failed = connection.getresponse()
            body = failed.read().decode()
        sock = connection.sock
        assert failed.status == 500
        assert failed.getheader("content-type", "").startswith("application/problem+json")
        assert failed.getheader("connection", "").lower() != "close"
        problem = json.loads(body)
        assert problem["code"] == "internal_error"
        assert problem["status"] == 500
        assert "secret internals" not in body and "Traceback" not in body
        assert "secret internals of a bug" in caplog.text  # logged on the server

        monkeypatch.undo()
        connection.request("GET", "/api/v1/stock?product=100001", headers=headers)
        second = connection.getresponse()
        assert second.status == 200, second.read()
        assert json.loads(second.read())["product"]["sku"] == "100001"
        assert connection.sock is sock  # the same kept-alive connection, not a reconnect
    finally:
        connection.close()
