"""What the framework costs a worker, paid once or not at all: the routes' state built at
start-up (warehouse_api/route_warmup.py), so no included router builds it on a request;
FastAPI's native OpenTelemetry off unless asked for (Settings.opentelemetry); two request
threads per worker, so they do not wait on each other for the GIL (app.request_threads).

These read FastAPI's own (private) bookkeeping on purpose: it is what the warm-up exists
to fill, and a FastAPI that changes it should fail here, not silently make every
worker's first requests slow again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from warehouse_api.app import create_app
from warehouse_api.config import Settings


def _included_routers(app: Any) -> list[Any]:
    return [route for route in app.router.routes if hasattr(route, "effective_candidates")]


def test_every_included_router_is_built_before_the_first_request(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'warm.db'}", run_background=False)
    routers = _included_routers(app)
    if not routers:
        pytest.skip("this FastAPI builds its route state when a router is included")
    assert len(routers) >= 10  # the API's routers, the console's
    assert all(router._effective_candidates_version is None for router in routers)
    with TestClient(app):  # the lifespan runs: the worker starts
        built = [
            router._effective_candidates_version == router.original_router._get_routes_version()
            for router in routers
        ]
    assert all(built)
    app.state.db.dispose()


def test_the_warm_up_is_neither_counted_nor_answered(tmp_path: Path) -> None:
    """It goes to the router, past the middleware: no request counted in /metrics."""
    app = create_app(f"sqlite:///{tmp_path / 'warm.db'}", run_background=False)
    with TestClient(app) as client:
        metrics = client.get("/metrics").text
    assert "route-warm-up" not in metrics and "404" not in metrics
    app.state.db.dispose()


def test_fastapi_s_own_telemetry_is_off_unless_asked_for(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'telemetry.db'}"
    off = create_app(url, run_background=False)
    on = create_app(url, settings=Settings(opentelemetry=True), run_background=False)
    for app in (off, on):
        if not hasattr(app, "_telemetry"):
            pytest.skip("this FastAPI has no native telemetry")
        app.state.db.dispose()
    assert (off._telemetry["tracing"], off._telemetry["metrics"]) == (False, False)
    assert not off._native_telemetry.enabled()  # nothing asked per request
    assert (on._telemetry["tracing"], on._telemetry["metrics"]) == (True, True)


def test_request_threads_are_two_per_worker_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two threads (docs/server.md, "Request threads per worker"), fewer where the pool
    holds fewer connections, WAREHOUSE_THREADS over both; and the running app uses it."""
    from warehouse_api.app import REQUEST_THREADS, request_threads
    from warehouse_api.db import Database

    monkeypatch.delenv("WAREHOUSE_THREADS", raising=False)
    db = Database.from_url(f"sqlite:///{tmp_path / 'threads.db'}")
    small = Database.from_url(f"sqlite:///{tmp_path / 'small.db'}", pool_size=1, max_overflow=0)
    try:
        assert request_threads(db) == REQUEST_THREADS == 2
        assert request_threads(small) == 1
        monkeypatch.setenv("WAREHOUSE_THREADS", "6")
        assert request_threads(db) == 6
    finally:
        db.dispose()
        small.dispose()

    import anyio.to_thread

    monkeypatch.delenv("WAREHOUSE_THREADS")
    app = create_app(f"sqlite:///{tmp_path / 'app.db'}", run_background=False)

    @app.get("/threads-now")
    async def threads_now() -> int:
        return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

    with TestClient(app) as client:
        assert client.get("/threads-now").json() == 2
    app.state.db.dispose()
