"""A worker loads the app before it serves and moves the start-up heap out of the
garbage collector's way (`gc.freeze`)."""

from __future__ import annotations

import gc
from typing import Any

import uvicorn

from warehouse_api.serving import _loaded_and_frozen


async def tiny_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An ASGI app that does nothing: the test only loads it."""


def test_a_worker_loads_its_app_then_freezes_the_heap_it_started_with() -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    config = uvicorn.Config(f"{__name__}:tiny_app", lifespan="off")
    try:
        server = _loaded_and_frozen(config)
        assert server.config is config and config.loaded  # run() will not load it again
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
