"""``GET /metrics`` (Prometheus text format) and the structured request log."""

from __future__ import annotations

import json
import logging
import re

import pytest
from fastapi.testclient import TestClient
from server_testkit import Server, assert_problem, new_id, push, sale_op
from sqlalchemy import select

from warehouse_api.app import create_app
from warehouse_api.config import Settings
from warehouse_api.metrics import UNMATCHED_ROUTE, JsonFormatter
from warehouse_api.models import FeedState

SAMPLE = re.compile(
    r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? '
    r"(-?[0-9.e+]+|\+Inf|NaN)$"
)


def _samples(text: str) -> dict[str, float]:
    """Every sample line by its full name and labels; fails on a line Prometheus would refuse."""
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            continue
        assert SAMPLE.match(line), f"not Prometheus text format: {line!r}"
        key, _, value = line.rpartition(" ")
        samples[key] = float(value)
    return samples


def _find(samples: dict[str, float], name: str, **labels: object) -> float:
    hits = [
        v
        for k, v in samples.items()
        if k.split("{")[0] == name and all(f'{lk}="{lv}"' in k for lk, lv in labels.items())
    ]
    assert len(hits) == 1, f"{name} {labels}: {hits} in {sorted(samples)}"
    return hits[0]


def test_metrics_need_an_admin_token(server: Server) -> None:
    """No token: 401; a till's token: 403; an admin's: the figures."""
    with server.client() as anonymous:
        response = anonymous.get(f"{server.url}/metrics")
    assert_problem(response, 401, "unauthorized")
    till = server.enroll("S001")
    with server.client(till) as client:
        assert_problem(client.get(f"{server.url}/metrics"), 403, "forbidden")
    with server.client(server.token("admin")) as client:
        response = client.get(f"{server.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")


def test_metrics_count_requests_push_outcomes_and_till_lag(server: Server) -> None:
    till = server.enroll("S001")
    with server.client(till) as client:
        device_id = client.get("/devices/me").json()["id"]
        assert client.get("/sync/pull", params={"cursor": 0, "limit": 5}).status_code == 200
        assert client.get("/no/such/route").status_code == 404
    results = push(server, till, sale_op(1), sale_op(10**9, op_id=new_id()))
    assert [r["status"] for r in results] == ["applied", "rejected"], results
    with server.client(server.token("admin")) as admin:
        text = admin.get(f"{server.url}/metrics").text
    samples = _samples(text)
    with server.db.read() as session:
        last_seq = session.scalar(select(FeedState.last_seq))
    assert last_seq is not None

    pulls = _find(samples, "warehouse_http_requests_total", route="/api/v1/sync/pull", status="200")
    assert pulls == 1
    assert _find(samples, "warehouse_http_requests_total", route=UNMATCHED_ROUTE, status="404") == 1
    hist = "warehouse_http_request_duration_seconds"
    assert _find(samples, f"{hist}_count", route="/api/v1/sync/pull") == 1
    assert _find(samples, f"{hist}_bucket", route="/api/v1/sync/pull", le="+Inf") == 1
    assert _find(samples, f"{hist}_sum", route="/api/v1/sync/pull") > 0
    assert _find(samples, "warehouse_push_ops_total", status="applied") == 1
    assert _find(samples, "warehouse_push_ops_total", status="rejected") == 1
    assert _find(samples, "warehouse_feed_last_seq") == last_seq
    # The till pulled from 0: it was the whole feed behind when it asked.
    assert _find(samples, "warehouse_till_sync_lag_changes", device_id=device_id) == last_seq
    assert _find(samples, "warehouse_till_seconds_since_seen", device_id=device_id) < 60
    assert _find(samples, "warehouse_tills_enrolled") >= 1
    assert "warehouse_db_pool_connections{" in text
    # The pull and the push came from a device this worker knew: served in front of the
    # framework, counted and timed under their routes all the same.
    assert _find(samples, "warehouse_hot_route_requests_total", outcome="served") == 2
    assert _find(samples, "warehouse_hot_route_requests_total", outcome="passed") == 0
    assert _find(samples, "warehouse_hold_rounds_total") == 0  # no hold was asked for
    assert _find(samples, "warehouse_holds_refused_together_total") == 0


def test_a_scrape_token_set_in_the_settings_opens_metrics(server: Server) -> None:
    app = create_app(server.db_url, settings=Settings(metrics_token="scrape-secret-123"))
    with TestClient(app) as client:
        assert client.get("/metrics").status_code == 401
        wrong = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-124"})
        assert wrong.status_code == 401
        right = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-123"})
        assert right.status_code == 200
        assert "warehouse_feed_last_seq " in right.text


def test_each_request_logs_one_json_line_with_its_id_route_status_and_device(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    till = server.enroll("S001")
    app = create_app(server.db_url)
    with caplog.at_level(logging.INFO, logger="warehouse_api.access"), TestClient(app) as client:
        mine = client.get(
            "/api/v1/sync/pull",
            params={"cursor": 0, "limit": 1},
            headers={"Authorization": f"Bearer {till}", "X-Request-ID": "till-7.req-42"},
        )
        made_up = client.get("/api/v1/health", headers={"X-Request-ID": "bad id with spaces"})
        device_id = client.get(
            "/api/v1/devices/me", headers={"Authorization": f"Bearer {till}"}
        ).json()["id"]
    assert mine.headers["x-request-id"] == "till-7.req-42"  # the caller's id, echoed
    assert re.fullmatch(r"[0-9a-f]{32}", made_up.headers["x-request-id"])  # a new one
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == "warehouse_api.access"]
    entries = [json.loads(line) for line in lines]
    assert all("\n" not in line for line in lines)
    pull = next(e for e in entries if e["request_id"] == "till-7.req-42")
    assert pull["route"] == "/api/v1/sync/pull"
    assert pull["status"] == 200
    assert pull["device_id"] == device_id
    assert pull["duration_ms"] > 0
    assert pull["level"] == "INFO" and pull["time"].endswith("+00:00")
    health = next(e for e in entries if e["route"] == "/api/v1/health")
    assert health["device_id"] is None and health["request_id"] == made_up.headers["x-request-id"]


def test_the_log_format_setting_refuses_what_it_does_not_know() -> None:
    from pydantic import ValidationError

    from warehouse_api.metrics import configure_logging

    with pytest.raises(ValidationError):
        Settings(log_format="xml")
    with pytest.raises(ValueError, match="log format"):
        configure_logging("xml")


def test_the_served_app_takes_its_log_format_from_the_environment(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`warehouse-api serve` builds the app with app_from_env: WAREHOUSE_LOG_FORMAT=json
    puts the JSON formatter on the root logger; WAREHOUSE_ACCESS_LOG=0 quiets requests."""
    from warehouse_api.app import app_from_env

    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    monkeypatch.setenv("WAREHOUSE_DB_URL", server.db_url)
    monkeypatch.setenv("WAREHOUSE_LOG_FORMAT", "json")
    monkeypatch.setenv("WAREHOUSE_ACCESS_LOG", "0")
    try:
        app_from_env().state.db.dispose()
        assert [type(h.formatter) for h in root.handlers] == [JsonFormatter]
        assert not logging.getLogger("warehouse_api.access").isEnabledFor(logging.INFO)
        # uvicorn logs its own access line per request when this is true (httptools and
        # h11 protocols both ask it): the app's line is the only one.
        assert not logging.getLogger("uvicorn.access").hasHandlers()
        assert logging.getLogger("uvicorn.error").hasHandlers()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        logging.getLogger("warehouse_api.access").setLevel(logging.NOTSET)
