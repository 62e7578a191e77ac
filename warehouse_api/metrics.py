"""Request metrics for ``GET /metrics`` (Prometheus text format 0.0.4) and one structured
log line per request.

Counted in this process: requests by route template and status, their latency in a
histogram, push operations by outcome, and per till the time it was last seen and how
far behind the change feed its last pull started. Read from the database when scraped:
the feed's last sequence number, the tills enrolled; from the engine: the connection
pool. With several workers each process counts its own requests (every series carries
``worker="<pid>"``) and a scrape through the load balancer reaches one of them; the
figures read from the database are the same whichever answers (docs/operations.md).

The log line (logger ``warehouse_api.access``) carries the request id (the caller's
``X-Request-ID`` if it is a sane one, else a new one, echoed in the response), method,
route template, status, duration and the calling device's id. ``WAREHOUSE_LOG_FORMAT=json``
writes every log record as one JSON object per line (``configure_logging``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("warehouse_api.access")

LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
REQUEST_ID_HEADER = "x-request-id"
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
UNMATCHED_ROUTE = "<unmatched>"  # 404s for made-up paths must not create a series each


@dataclass
class _Histogram:
    buckets: list[int] = field(default_factory=lambda: [0] * len(LATENCY_BUCKETS_S))
    total: float = 0.0
    count: int = 0

    def observe(self, seconds: float) -> None:
        for i, bound in enumerate(LATENCY_BUCKETS_S):
            if seconds <= bound:
                self.buckets[i] += 1
        self.total += seconds
        self.count += 1


@dataclass(frozen=True)
class TillSeen:
    at: float  # unix time
    location_id: int | None


class Metrics:
    """Thread-safe counters of one process (FastAPI runs sync routes on a thread pool)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = {}
        self.latency: dict[tuple[str, str], _Histogram] = {}
        self.push_ops: dict[str, int] = {"applied": 0, "duplicate": 0, "rejected": 0}
        self.till_seen: dict[int, TillSeen] = {}
        self.till_pull_cursor: dict[int, int] = {}

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            key = (method, route, status)
            self.requests[key] = self.requests.get(key, 0) + 1
            self.latency.setdefault((method, route), _Histogram()).observe(seconds)

    def count_push_results(self, results: Iterable[Mapping[str, Any]]) -> None:
        with self._lock:
            for result in results:
                status = str(result.get("status", "rejected"))
                self.push_ops[status] = self.push_ops.get(status, 0) + 1

    def saw_device(self, device_id: int, role: str, location_id: int | None) -> None:
        if role != "counter":
            return
        with self._lock:
            self.till_seen[device_id] = TillSeen(time.time(), location_id)

    def pulled_from(self, device_id: int, role: str, cursor: int) -> None:
        if role != "counter":
            return
        with self._lock:
            self.till_pull_cursor[device_id] = cursor

    def snapshot(self) -> Metrics:
        copy = Metrics()
        with self._lock:
            copy.requests = dict(self.requests)
            copy.latency = {
                k: _Histogram(list(h.buckets), h.total, h.count) for k, h in self.latency.items()
            }
            copy.push_ops = dict(self.push_ops)
            copy.till_seen = dict(self.till_seen)
            copy.till_pull_cursor = dict(self.till_pull_cursor)
        return copy


# --- the text format ------------------------------------------------------------------


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(labels: Mapping[str, object]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items())
    return "{" + inner + "}"


def _number(value: float) -> str:
    if value == float("inf"):
        return "+Inf"
    return repr(float(value)) if isinstance(value, float) else str(value)


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def family(self, name: str, kind: str, help_text: str) -> None:
        self.lines.append(f"# HELP {name} {help_text}")
        self.lines.append(f"# TYPE {name} {kind}")

    def sample(self, name: str, labels: Mapping[str, object], value: float) -> None:
        self.lines.append(f"{name}{_labels(labels)} {_number(value)}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


@dataclass(frozen=True)
class DatabaseFigures:
    feed_last_seq: int
    tills_enrolled: int
    till_location: Mapping[int, int | None]  # device id -> store, active counters
    pool: Mapping[str, int]  # size, checked_in, checked_out, overflow (what the pool tells)


def render(
    metrics: Metrics,
    db: DatabaseFigures,
    now: float | None = None,
    hot: Mapping[str, int] | None = None,
) -> str:
    """Everything as Prometheus text format 0.0.4. `hot`: this worker's hot-route counts
    (hot_routes.HotRouteCounts: served, passed, order_rounds, largest_round,
    refused_together)."""
    now = time.time() if now is None else now
    snap = metrics.snapshot()
    worker = {"worker": os.getpid()}
    out = _Writer()
    out.family("warehouse_http_requests_total", "counter", "HTTP requests by route and status")
    for (method, route, status), n in sorted(snap.requests.items()):
        out.sample(
            "warehouse_http_requests_total",
            {"method": method, "route": route, "status": status, **worker},
            n,
        )
    name = "warehouse_http_request_duration_seconds"
    out.family(name, "histogram", "Time from request to response, by route")
    for (method, route), hist in sorted(snap.latency.items()):
        labels = {"method": method, "route": route, **worker}
        for bound, n in zip(LATENCY_BUCKETS_S, hist.buckets, strict=True):
            out.sample(f"{name}_bucket", {**labels, "le": bound}, n)
        out.sample(f"{name}_bucket", {**labels, "le": "+Inf"}, hist.count)
        out.sample(f"{name}_sum", labels, hist.total)
        out.sample(f"{name}_count", labels, hist.count)
    out.family("warehouse_push_ops_total", "counter", "Pushed operations by outcome")
    for outcome, n in sorted(snap.push_ops.items()):
        out.sample("warehouse_push_ops_total", {"status": outcome, **worker}, n)
    out.family("warehouse_feed_last_seq", "gauge", "Sequence number of the newest change")
    out.sample("warehouse_feed_last_seq", {}, db.feed_last_seq)
    out.family("warehouse_tills_enrolled", "gauge", "Counter devices not revoked")
    out.sample("warehouse_tills_enrolled", {}, db.tills_enrolled)
    out.family(
        "warehouse_till_last_seen_timestamp_seconds",
        "gauge",
        "When a till last called this worker (unix time)",
    )
    out.family(
        "warehouse_till_seconds_since_seen", "gauge", "Seconds since a till last called this worker"
    )
    out.family(
        "warehouse_till_sync_lag_changes",
        "gauge",
        "Changes a till had yet to pull: newest sequence minus the cursor of its last pull",
    )
    for device_id, seen in sorted(snap.till_seen.items()):
        if device_id not in db.till_location:
            continue  # revoked since: no longer a till to watch
        labels = {"device_id": device_id, "location_id": seen.location_id or "", **worker}
        out.sample("warehouse_till_last_seen_timestamp_seconds", labels, round(seen.at, 3))
        out.sample("warehouse_till_seconds_since_seen", labels, round(max(0.0, now - seen.at), 3))
        cursor = snap.till_pull_cursor.get(device_id)
        if cursor is not None:
            lag = max(0, db.feed_last_seq - cursor)
            out.sample("warehouse_till_sync_lag_changes", labels, lag)
    if hot is not None:
        _render_hot_routes(out, hot, worker)
    out.family("warehouse_db_pool_connections", "gauge", "Database connection pool of this worker")
    for state, n in sorted(db.pool.items()):
        out.sample("warehouse_db_pool_connections", {"state": state, **worker}, n)
    return out.text()


def _render_hot_routes(out: _Writer, hot: Mapping[str, int], worker: Mapping[str, int]) -> None:
    name = "warehouse_hot_route_requests_total"
    out.family(
        name,
        "counter",
        "POST /sync/push and /group-buy/orders served in front of the framework, or passed "
        "on to it (a first request with a token, a body it does not take)",
    )
    for outcome in ("served", "passed"):
        out.sample(name, {"outcome": outcome, **worker}, hot[outcome])
    out.family("warehouse_hold_rounds_total", "counter", "Rounds of holds judged together")
    out.sample("warehouse_hold_rounds_total", worker, hot["order_rounds"])
    out.family("warehouse_hold_round_largest", "gauge", "The most holds judged in one round")
    out.sample("warehouse_hold_round_largest", worker, hot["largest_round"])
    name = "warehouse_holds_refused_together_total"
    out.family(name, "counter", "Holds refused by their round's one read of the stock")
    out.sample(name, worker, hot["refused_together"])


# --- the middleware -------------------------------------------------------------------


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    template = getattr(route, "path", None)
    regex = getattr(route, "path_regex", None)
    path = str(scope.get("path", ""))
    if isinstance(template, str) and regex is not None:
        # The route knows its path inside its router; the prefix it was included under
        # (/api/v1) is what comes before the part it matches.
        for at in [i for i, c in enumerate(path) if c == "/"]:
            if regex.match(path[at:]):
                return path[:at] + template
        return template
    if path.startswith("/console"):
        return "/console"  # the console's mounted app: one series, not one per page
    return UNMATCHED_ROUTE


class RequestMetrics:
    """Pure ASGI (no BaseHTTPMiddleware: it would copy every body): times each request,
    counts it under its route template, gives it a request id and logs one line."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, REQUEST_ID_HEADER)
        request_id = given if given and _SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = _route_template(scope)
            method = str(scope.get("method", ""))
            self.metrics.observe_request(method, route, status, seconds)
            if access_log.isEnabledFor(logging.INFO):
                self._log(request_id, method, route, status, seconds, scope)

    @staticmethod
    def _log(
        request_id: str, method: str, route: str, status: int, seconds: float, scope: Scope
    ) -> None:
        state = scope.get("state", {})
        access_log.info(
            "%s %s %s %.1f ms device=%s request=%s",
            method,
            route,
            status,
            seconds * 1000,
            state.get("device_id") or "-",
            request_id,
            extra={
                "request_id": request_id,
                "method": method,
                "route": route,
                "path": scope.get("path", ""),
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
                "device_id": state.get("device_id"),
            },
        )


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode()
    for key, value in scope.get("headers", ()):
        if key.lower() == wanted:
            return bytes(value).decode("latin-1")
    return None


# --- structured logs ------------------------------------------------------------------

_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


LOG_FORMATS = ("text", "json")


def configure_logging(log_format: str, level: int = logging.INFO) -> None:
    """Route every record (ours, uvicorn's, SQLAlchemy's) to stderr in the chosen format."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # The app logs one line per request itself (RequestMetrics, `warehouse_api.access`).
    # uvicorn writes its own access line whenever its logger has a handler, parents
    # included (`hasHandlers()`, checked per connection), so it must not reach the root
    # handler: before, every request was logged twice, and WAREHOUSE_ACCESS_LOG=0 still
    # left uvicorn's line on, a formatted record and a write to stderr per request.
    uvicorn_access = logging.getLogger("uvicorn.access")
    uvicorn_access.handlers.clear()
    uvicorn_access.propagate = False
