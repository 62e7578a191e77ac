"""Build FastAPI's per-route state when a worker starts, not on its first requests.

FastAPI (0.16x) builds each included router's route state (dependency graphs, the
pydantic adapters of every parameter and body) lazily, on the first request whose path
is matched against that router. Measured here: about 0.5 s of CPU per worker process,
paid by whichever requests arrive first after a start or a restart, in a flash sale
the first few hundred buyers' orders (7% of the server's CPU over a 5,000-order race
with 4 workers). A request for a path no route has walks every router once; sent at
start-up straight to the router (no middleware: it is not counted or logged), it pays
that cost before the worker takes traffic.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.types import Message, Scope

UNMATCHED_PATH = "/\x00route-warm-up"  # no route has it: every router is walked


async def warm_routes(app: FastAPI) -> None:
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": UNMATCHED_PATH,
        "raw_path": UNMATCHED_PATH.encode("latin-1"),
        "root_path": "",
        "query_string": b"",
        "headers": [],
        "client": None,
        "server": None,
    }

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Message) -> None:
        return None  # the 404 goes nowhere

    await app.router(scope, receive, send)
