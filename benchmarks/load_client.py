"""A light HTTP/1.1 load client: many keep-alive connections on one asyncio loop.

The load generator shares the machine's two cores with the server and PostgreSQL. A
hundred threads on `http.client` spent about 1 ms of CPU per request on themselves
(mostly handing the GIL around), more than a bare ASGI server spends answering it, so
the figures measured the client. One event loop writing requests straight to sockets
costs about 0.05 ms per request (measured against a bare ASGI app: 19,000 requests/s
on one uvicorn worker, 0.25 s of client CPU for 5,000 requests), which leaves the
cores to what is measured.

Only what the benchmarks need: JSON bodies, Content-Length responses (the API never
streams the routes driven here), one request in flight per connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

API = "/api/v1"


class LoadConnection:
    """One keep-alive connection: `await request(...)` -> (status, parsed JSON)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.auth = f"Authorization: Bearer {token}\r\n" if token else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        if self.writer is None:
            await self.connect()
        assert self.reader is not None and self.writer is not None
        payload = json.dumps(body).encode() if body is not None else b""
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
        head = (
            f"{method} {API}{path} HTTP/1.1\r\nHost: {self.host}\r\n{self.auth}{extra}"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        self.writer.write(head.encode("latin-1") + payload)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split(b" ", 2)[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
            elif name == b"transfer-encoding":
                raise ValueError("chunked answers are not supported by this client")
        data = await self.reader.readexactly(length) if length else b""
        if close:
            await self.close()
        return status, json.loads(data) if data else None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(ConnectionError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


def run(main: Callable[[], Awaitable[Any]]) -> Any:
    """Run `main` on uvloop where it is installed (it is, with uvicorn[standard])."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - the server extras bring it
        return asyncio.run(main())
    return uvloop.run(main())
