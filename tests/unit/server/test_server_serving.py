"""A worker loads the app before it serves and moves the start-up heap out of the
garbage collector's way (`gc.freeze`), again once the app has started."""

from __future__ import annotations

import gc
from typing import Any

import pytest
import uvicorn

from warehouse_api.app import create_app
from warehouse_api.config import Settings
from warehouse_api.serving import _loaded_and_frozen


async def tiny_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An ASGI app that does nothing: the test only loads it."""


def test_a_worker_loads_its_app_then_freezes_the_heap_it_started_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WAREHOUSE_FREEZE_HEAP", "0")  # restored after the test
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    config = uvicorn.Config(f"{__name__}:tiny_app", lifespan="off")
    try:
        server = _loaded_and_frozen(config)
        assert server.config is config and config.loaded  # run() will not load it again
        assert gc.get_freeze_count() > 0
        assert Settings().freeze_heap  # the app it loads freezes again once started
    finally:
        gc.unfreeze()


def test_an_app_freezes_its_heap_after_the_warm_up_only_when_told(tmp_path: Any) -> None:
    """`freeze_heap` (set by `warehouse-api serve`): the route state the warm-up built is
    frozen with the rest; off (an app sharing its process: tests, the counter's
    embedded server) nothing is."""
    from fastapi.testclient import TestClient

    gc.unfreeze()
    try:
        for freeze in (False, True):
            app = create_app(
                f"sqlite:///{tmp_path}/w{int(freeze)}.db",
                settings=Settings(freeze_heap=freeze),
                run_background=False,
            )
            with TestClient(app) as client:
                assert client.get("/api/v1/health").status_code == 200
                assert (gc.get_freeze_count() > 0) is freeze
    finally:
        gc.unfreeze()
