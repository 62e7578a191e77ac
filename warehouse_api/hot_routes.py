"""The three routes every till and a flash sale lean on, served without the framework's
per-request machinery: `POST /sync/push`, `GET /sync/pull` and `POST /group-buy/orders`.

Through FastAPI a request pays for routing, dependency solving, a thread hand-off per
sync dependency and one for the endpoint, and its exception layers: measured here
0.35-0.45 ms of server CPU for `GET /health` against 0.08 ms for uvicorn alone, and
1.2 ms for a refused order, most of it not the order's own work. A flash sale is
80% refusals, and every till pushes every few seconds and pulls every few more.

This ASGI middleware sits inside the others (request ids and metrics, the body
limit, the text check on paths, the catch-all 500), so those hold for these routes
too, and serves a request itself only when it is the common, well-formed case:

* the device's token is in this worker's token cache (`TokenCache`), or looked up here
  once for all the requests carrying it at that moment, and its role may use the route
  (when the cache's recheck for revocations is due, the first request asks and the
  others wait for the answer);
* a push or an order: `Content-Type: application/json`, no query string, a body that
  parses and validates against the route's own model (`PushRequest`,
  `GroupBuyOrderCreate`); an order also an Idempotency-Key that is valid, and shipped
  to the customer and paid online (a store pickup takes the route's own way);
* a pull: `cursor`, `limit` and `rebuild` given plainly, each at most once, within the
  route's bounds (`_pull_query`). A pull with a token no device holds is answered the
  route's 401 here (the route checks the token before its parameters), so an unknown
  token costs one read, not two.

Anything else goes on to FastAPI with the body it read, and the route answers it as
before: an unknown or revoked token on a push or an order, a bad body (422 with the
field), a missing key, a pickup order, a pull parameter out of bounds. The answers
served here are the routes' own: the push calls `apply_ops` and `push_answer` (a
store's pickup pushed alone judged, and applied when clear, with the holds that
arrived with it: `HoldCoalescer`), an order goes through `HoldCoalescer` (judged with the orders that
arrived with it, by the batch service) and `order_answer`, a pull is `pull_page`; a
domain failure or a busy database is the problem document the exception handlers give
(`problems.answer_for`). Requests are counted and logged under the route's template.

Their database work runs in **the tills' lanes** (`Lane`, `till_threads`: two worker
threads for the writes and two for the reads, per process), apart from the threads
FastAPI runs every other route in: a slow console report or forecast does not hold up
a worker's tills, and a push does not wait behind a pull being built.
`WAREHOUSE_HOT_ROUTES=0` (Settings.hot_routes) sends everything through FastAPI.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Literal, TypeVar

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warehouse_api.api import group_buy, sync
from warehouse_api.api.deps import look_up_device, unknown_token
from warehouse_api.api.group_buy import GROUP_BUY_ROLES, order_answer, place_lone_order
from warehouse_api.api.sync import MAX_CURSOR, MAX_PAGE, pull_page, push_answer
from warehouse_api.db import Database, DatabaseBusy, worker_threads
from warehouse_api.errors import DomainError
from warehouse_api.hold_coalescer import HoldCoalescer, PushedOutcome
from warehouse_api.problems import ProblemError, answer_for
from warehouse_api.schemas import (
    GroupBuyOrderCreate,
    IdempotencyKeyHeader,
    PushOp,
    PushRequest,
    ReservationCreateOp,
)
from warehouse_api.security import sha256_hex
from warehouse_api.services.devices import AuthenticatedDevice
from warehouse_api.services.group_buy_batch import BatchOutcome, batch_order
from warehouse_api.services.operations import PrecheckVerdict
from warehouse_api.services.push import apply_ops
from warehouse_api.services.reservations import HoldAsked, quantities
from warehouse_api.services.token_cache import TokenCache, revocation_figures

_idempotency_key: TypeAdapter[str] = TypeAdapter(IdempotencyKeyHeader)
T = TypeVar("T")


class Lane(Enum):
    """The tills' two lanes of worker threads (`till_threads` each): the pushes' and
    orders' writes, and the reads (pulls, token look-ups), so a push never waits for a
    pull of thousands of changes to be built, nor a pull for a transaction."""

    WRITE = "write"
    READ = "read"


class Token(Enum):
    UNKNOWN = "unknown"  # no device holds the token, or it is revoked


TILL_THREADS = 2  # per lane, per worker process: docs/server.md, "Request threads per worker"


def till_threads(db: Database) -> int:
    """Worker threads in each of the tills' lanes (`Lane`: writes, reads), apart from
    the framework's (`app.request_threads`, for every other route): a slow console
    report, forecast or catalog import on the framework's threads does not hold up a
    worker's tills, and a push does not wait for a pull to be built.

    Two, as the one shared pool had: measured on this machine (4 workers on PostgreSQL,
    2026-12-03, interleaved runs of 25 s of 200 tills) one write thread gave a push p95
    of 94-259 ms and two 97-162 ms, against 130-173 ms for the shared pool; the flash
    sale's one-order-per-request race 1,087-1,287 orders/s with one and 1,128-1,278
    with two. Fewer where the connection pool holds fewer; WAREHOUSE_TILL_THREADS
    overrides."""
    return worker_threads(db.engine, TILL_THREADS, "WAREHOUSE_TILL_THREADS")


@dataclass(slots=True)
class HotRouteCounts:
    """Per worker: requests of these routes served here, passed on to FastAPI, and the
    order rounds judged (tests and the benchmark read them: `app.state.hot_routes`)."""

    served: int = 0
    passed: int = 0
    order_rounds: int = 0
    largest_round: int = 0
    refused_together: int = 0


def _route(router: APIRouter, path: str, method: str) -> APIRoute:
    [route] = [
        route
        for route in router.routes
        if isinstance(route, APIRoute) and route.path == path and method in (route.methods or ())
    ]
    return route


PUSH_ROUTE = _route(sync.router, "/sync/push", "POST")
ORDER_ROUTE = _route(group_buy.router, "/group-buy/orders", "POST")
PULL_ROUTE = _route(sync.router, "/sync/pull", "GET")


class HotRoutes:
    """`owner`: the FastAPI app whose state (database, settings, token cache, metrics)
    this reads; `prefix`: where the sync and group-buy routers are included."""

    def __init__(self, app: ASGIApp, owner: FastAPI, prefix: str) -> None:
        self.app = app
        self.owner = owner
        self.push_path = prefix + PUSH_ROUTE.path
        self.pull_path = prefix + PULL_ROUTE.path
        self.order_path = prefix + ORDER_ROUTE.path
        self._coalescer: HoldCoalescer | None = None
        self._recheck: asyncio.Future[None] | None = None
        self._lookups: dict[str, asyncio.Future[AuthenticatedDevice | None]] = {}
        self._lanes: dict[Lane, anyio.CapacityLimiter] = {}
        self.counts: HotRouteCounts = owner.state.hot_routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = self._route_of(scope)
        if route is None:
            await self.app(scope, receive, send)
            return
        if route is PULL_ROUTE:
            await self._serve_pull(scope, receive, send)
            return
        headers = _headers(scope)
        is_order = route is ORDER_ROUTE
        device = (
            await self._device(headers.get(b"authorization"), GROUP_BUY_ROLES if is_order else None)
            if await self._tokens_rechecked()
            else None
        )
        if device is None or not _is_json(headers.get(b"content-type")):
            self.counts.passed += 1
            await self.app(scope, receive, send)
            return
        body = await _whole_body(receive)
        if body is None:
            return  # the client went away
        if is_order:
            response = await self._order(device, headers.get(b"idempotency-key"), body)
        else:
            response = await self._push(device, body)
        if response is None:
            self.counts.passed += 1
            await self.app(scope, _replay(body, receive), send)
            return
        await self._answer(scope, receive, send, route, device, response)

    def _route_of(self, scope: Scope) -> APIRoute | None:
        """The hot route the request is for, or None (everything else is FastAPI's)."""
        if scope["type"] != "http" or not self.owner.state.settings.hot_routes:
            return None
        method, path = scope["method"], scope["path"]
        if method == "GET" and path == self.pull_path:
            return PULL_ROUTE
        if method != "POST" or scope.get("query_string"):
            return None
        if path == self.push_path:
            return PUSH_ROUTE
        if path == self.order_path:
            return ORDER_ROUTE
        return None

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        route: APIRoute,
        device: AuthenticatedDevice | None,
        response: Response,
    ) -> None:
        self.counts.served += 1
        scope["route"] = route  # the metrics' label
        if device is not None:
            self.owner.state.metrics.saw_device(device.id, device.role, device.location_id)
            scope.setdefault("state", {})["device_id"] = device.id
        await response(scope, receive, send)

    async def _serve_pull(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`GET /sync/pull` with plainly given parameters: the route's own page, read in
        the tills' read lane; a token no device holds: the route's 401. Anything else (a
        parameter FastAPI would refuse with 422, one it does not know, no bearer token,
        a failed look-up) is the route's."""
        query = _pull_query(scope.get("query_string", b""))
        device = (
            await self._holder(_headers(scope).get(b"authorization"))
            if query is not None and await self._tokens_rechecked()
            else None
        )
        if device is Token.UNKNOWN:
            # The route's answer: its token dependency runs before its parameters are
            # checked, and the one read was made here.
            await self._answer(scope, receive, send, PULL_ROUTE, None, answer_for(unknown_token()))
            return
        if query is None or device is None:
            self.counts.passed += 1
            await self.app(scope, receive, send)
            return
        state = self.owner.state
        try:
            response = await self._in_lane(
                Lane.READ, pull_page, state.db, state.settings, state.metrics, device, *query
            )
        except DatabaseBusy as error:
            response = answer_for(error)
        await self._answer(scope, receive, send, PULL_ROUTE, device, response)

    def _lane(self, lane: Lane) -> anyio.CapacityLimiter:
        """The worker threads of one of the tills' lanes, apart from the framework's
        (see `till_threads`)."""
        limiter = self._lanes.get(lane)
        if limiter is None:
            limiter = self._lanes[lane] = anyio.CapacityLimiter(till_threads(self.owner.state.db))
        return limiter

    async def _in_lane(self, lane: Lane, func: Callable[..., T], *args: object) -> T:
        return await anyio.to_thread.run_sync(func, *args, limiter=self._lane(lane))

    async def _device(
        self, authorization: bytes | None, roles: tuple[str, ...] | None
    ) -> AuthenticatedDevice | None:
        """The device holding the request's bearer token, if its role is one of `roles`
        (None: any); else None (FastAPI's dependencies then give the precise 401 or 403)."""
        device = await self._holder(authorization)
        if not isinstance(device, AuthenticatedDevice):
            return None
        if roles is not None and device.role not in roles:
            return None
        return device

    async def _holder(
        self, authorization: bytes | None
    ) -> AuthenticatedDevice | Literal[Token.UNKNOWN] | None:
        """The device holding the request's bearer token; UNKNOWN when no device holds it
        (or it is revoked); None when there is no bearer token or the look-up failed."""
        if authorization is None:
            return None
        # As FastAPI's HTTPBearer reads it: the scheme up to the first space, the rest
        # stripped (`fastapi.security.utils.get_authorization_scheme_param`).
        scheme, _, token = authorization.decode("latin-1").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None
        token_sha256 = sha256_hex(token)
        tokens: TokenCache = self.owner.state.tokens
        return tokens.get(token_sha256) or await self._looked_up(token_sha256)

    async def _looked_up(
        self, token_sha256: str
    ) -> AuthenticatedDevice | Literal[Token.UNKNOWN] | None:
        """A token this worker does not remember, looked up once however many requests
        carry it at that moment: the first asks (one read in a worker thread) and the
        others wait for its answer. When every till's token is forgotten at once (a
        device issued or revoked moves the figures `TokenCache` rechecks) or a flash
        sale's clients start together, each token costs one read per worker, not one
        request through FastAPI per request. UNKNOWN: no device holds it, or it is
        revoked; None: the read failed (FastAPI's dependency then looks it up and
        answers)."""
        pending = self._lookups.get(token_sha256)
        if pending is None:
            pending = asyncio.ensure_future(self._look_up(token_sha256))
            self._lookups[token_sha256] = pending
        try:
            device = await asyncio.shield(pending)
        except Exception:  # the database busy or gone
            return None
        return Token.UNKNOWN if device is None else device

    async def _look_up(self, token_sha256: str) -> AuthenticatedDevice | None:
        try:
            device: AuthenticatedDevice | None = await self._in_lane(
                Lane.READ,
                look_up_device,
                self.owner.state.tokens,
                self.owner.state.db,
                token_sha256,
            )
            return device
        finally:
            self._lookups.pop(token_sha256, None)

    async def _tokens_rechecked(self) -> bool:
        """The token cache asked within its interval whether any device was revoked.

        When the interval is up, the first request to see it asks (one read in a worker
        thread) and the requests arriving meanwhile wait for that answer, as FastAPI's
        token dependency would make them; before, each of them went to FastAPI until
        one of them got through the thread queue. False: remembering is off, or the read
        failed (FastAPI then looks the token up and gives the precise answer)."""
        tokens = self.owner.state.tokens
        if not tokens.enabled:
            return False
        if not tokens.recheck_due():
            return True
        if self._recheck is None:
            self._recheck = asyncio.ensure_future(self._recheck_tokens(tokens))
        try:
            await asyncio.shield(self._recheck)
        except Exception:  # the database busy or gone: FastAPI's way answers it
            return False
        return True

    async def _recheck_tokens(self, tokens: TokenCache) -> None:
        try:
            tokens.recheck(
                await self._in_lane(Lane.READ, self.owner.state.db.lookup, revocation_figures)
            )
        finally:
            self._recheck = None

    async def _push(self, device: AuthenticatedDevice, body: bytes) -> Response | None:
        request = _validated(PushRequest, body)
        if request is None:
            return None
        ops = list(request.ops)
        db: Database = self.owner.state.db
        try:
            verdict = await self._pushed_hold(device, ops)
            if not isinstance(verdict, PrecheckVerdict):  # applied in its round
                results = [verdict]
            elif verdict.refusal is not None:
                refused = {"op_id": str(ops[0].op_id), "status": "rejected"}
                results = [{**refused, "problem": verdict.refusal.as_problem()}]
            else:
                results = await self._in_lane(
                    Lane.WRITE,
                    functools.partial(
                        apply_ops,
                        db,
                        self.owner.state.settings,
                        device,
                        ops,
                        prechecked=verdict.clear,
                    ),
                )
        except (ProblemError, DomainError, DatabaseBusy) as error:
            return answer_for(error)
        self.owner.state.metrics.count_push_results(results)
        return push_answer(results)

    async def _pushed_hold(self, device: AuthenticatedDevice, ops: list[PushOp]) -> PushedOutcome:
        """A store's pickup pushed alone (`reservation.create`, one op) is judged, and
        applied when clear, with the holds that arrive with it (`HoldCoalescer.push`);
        any other push is not."""
        if len(ops) != 1 or not isinstance(ops[0], ReservationCreateOp):
            return PrecheckVerdict()
        if device.role != "counter" or device.location_id is None:
            return PrecheckVerdict()  # the handler refuses it with the precise problem
        payload = ops[0].payload
        hold = HoldAsked(
            quantities(payload.lines), order_id=payload.reservation_id, op_id=str(ops[0].op_id)
        )
        return await self._holds().push(device, hold, ops[0])

    def _holds(self) -> HoldCoalescer:
        if self._coalescer is None:
            state = self.owner.state
            self._coalescer = HoldCoalescer(
                state.db, state.settings, self.counts, self._lane(Lane.WRITE)
            )
        return self._coalescer

    async def _order(
        self, device: AuthenticatedDevice, key_header: bytes | None, body: bytes
    ) -> Response | None:
        if key_header is None:
            return None
        try:
            key = _idempotency_key.validate_python(key_header.decode("latin-1"))
        except ValidationError:
            return None
        order = _validated(GroupBuyOrderCreate, body)
        if order is None or order.pickup_store_code is not None or order.payment != "online":
            return None
        db: Database = self.owner.state.db
        settings = self.owner.state.settings

        def alone() -> BatchOutcome:
            try:
                replayed, public = place_lone_order(db, settings, device, order, key)
            except DomainError as refused:
                return BatchOutcome(refused.status, problem=refused)
            return BatchOutcome(200 if replayed else 201, order=public.model_dump(mode="json"))

        try:
            outcome = await self._holds().place(device, batch_order(device, key, order), alone)
        except (DomainError, DatabaseBusy) as error:
            return answer_for(error)
        return order_answer(outcome)


M = TypeVar("M", PushRequest, GroupBuyOrderCreate)


def _validated(model: type[M], body: bytes) -> M | None:
    """The body as FastAPI reads it (`json.loads`, then the model in Python mode), or None
    when it would refuse it: FastAPI then gives the precise 400 or 422."""
    try:
        data = json.loads(body)
        return model.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, ValidationError):
        return None


_DIGITS = re.compile(rb"[0-9]{1,19}")
_FLAGS = {b"true": True, b"false": False, b"1": True, b"0": False}


def _pull_query(raw: bytes) -> tuple[int, int | None, bool] | None:
    """A pull's cursor, limit and rebuild flag when given plainly (each at most once, in
    ASCII digits or true/false/1/0, within the route's bounds); None for anything else,
    which the route then answers (422 naming the parameter, or what it makes of it)."""
    given: dict[bytes, bytes] = {}
    for pair in raw.split(b"&") if raw else ():
        name, equals, value = pair.partition(b"=")
        if not equals or name in given or name not in (b"cursor", b"limit", b"rebuild"):
            return None
        given[name] = value
    cursor = given.get(b"cursor", b"0")
    limit = given.get(b"limit")
    if not _DIGITS.fullmatch(cursor) or int(cursor) > MAX_CURSOR:
        return None
    if limit is not None and (not _DIGITS.fullmatch(limit) or not 1 <= int(limit) <= MAX_PAGE):
        return None
    rebuild = _FLAGS.get(given.get(b"rebuild", b"false"))
    if rebuild is None:
        return None
    return int(cursor), None if limit is None else int(limit), rebuild


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by lower-case name (the first of a repeated one, as
    Starlette's `Headers.get` reads them)."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        found.setdefault(bytes(name).lower(), bytes(value))
    return found


def _is_json(content_type: bytes | None) -> bool:
    if content_type is None:
        return False
    media_type = content_type.split(b";", 1)[0].strip().lower()
    return media_type == b"application/json"


async def _whole_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` giving the body already read, then what the connection sends."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replayed
