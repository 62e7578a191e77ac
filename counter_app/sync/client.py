"""The warehouse API client. Every call has a timeout; errors say whose fault they are."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from counter_app.core.ops import WarehouseDown, WarehouseError

CONNECT_TIMEOUT_S = 3.0
READ_TIMEOUT_S = 15.0


class WarehouseUnreachable(WarehouseDown):
    """The network or the server is down or slow: retry later. Nothing was decided."""


class WarehouseProblem(WarehouseError):
    """The server answered with a problem document: a decision, not a network fault."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Enrollment:
    token: str
    device_id: int
    location: dict[str, Any]
    till_no: int | None = None  # None only from a warehouse older than till numbers


@dataclass(frozen=True, slots=True)
class PullPage:
    changes: list[dict[str, Any]]
    cursor: int
    has_more: bool
    reset: bool


class WarehouseClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        verify_tls: bool = True,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._http = requests.Session()
        self._http.verify = verify_tls
        self._http.headers["User-Agent"] = "counter-app/0.1"
        if token:
            self.set_token(token)

    def set_token(self, token: str) -> None:
        self._http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        url = f"{self.base_url}/api/v1{path}"
        try:
            response = self._http.request(method, url, timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise WarehouseUnreachable(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500 or response.status_code in (408, 429):
            raise WarehouseUnreachable(f"{method} {path}: HTTP {response.status_code}")
        try:
            # JSON on the wire is UTF-8 (RFC 8259). Decoding it ourselves is twice as fast
            # as response.json() on a 1 MB page, and a problem+json body (no charset in
            # its content type) is not run through requests' charset guessing.
            body = json.loads(response.content.decode("utf-8"))
        except ValueError as exc:
            raise WarehouseUnreachable(
                f"{method} {path}: HTTP {response.status_code} with a body that is not JSON"
            ) from exc
        if response.status_code >= 400:
            raise WarehouseProblem(
                response.status_code,
                str(body.get("code", "http_error")) if isinstance(body, dict) else "http_error",
                str(body.get("detail", "")) if isinstance(body, dict) else str(body),
            )
        return body

    def health(self) -> bool:
        return bool(self._request("GET", "/health").get("status") == "ok")

    def enroll(self, code: str, device_name: str) -> Enrollment:
        body = self._request(
            "POST", "/devices/enroll", json={"code": code, "device_name": device_name}
        )
        till_no = body.get("till_no")
        return Enrollment(
            token=body["token"],
            device_id=body["device_id"],
            location=body["location"],
            till_no=int(till_no) if till_no is not None else None,
        )

    def me(self) -> dict[str, Any]:
        """This device as the warehouse knows it: id, role, till_no, location."""
        body: dict[str, Any] = self._request("GET", "/devices/me")
        return body

    def pull(self, cursor: int, limit: int = 2000, *, rebuilding: bool = False) -> PullPage:
        """``rebuilding``: this round started from zero and drops what it does not
        bring, so the server must not answer it with a reset (see protocol.md)."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if rebuilding:
            params["rebuild"] = "true"
        body = self._request("GET", "/sync/pull", params=params)
        return PullPage(
            changes=body["changes"],
            cursor=int(body["cursor"]),
            has_more=bool(body["has_more"]),
            reset=bool(body.get("reset", False)),
        )

    def push(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        body = self._request("POST", "/sync/push", json={"ops": ops})
        results: list[dict[str, Any]] = body["results"]
        if len(results) != len(ops):
            raise WarehouseUnreachable(f"push: {len(ops)} ops sent, {len(results)} results back")
        return results

    def heartbeat(self, report: dict[str, Any]) -> dict[str, Any]:
        """This till's outbox counts and versions; the warehouse keeps the latest."""
        body: dict[str, Any] = self._request("POST", "/devices/heartbeat", json=report)
        return body

    def claim_booklets(self, period: str, count: int) -> list[dict[str, Any]]:
        """E-invoice booklets handed to this till (``einvoice_numbers_exhausted`` if none)."""
        body = self._request(
            "POST", "/einvoice/booklets/claim", json={"period": period, "count": count}
        )
        booklets: list[dict[str, Any]] = body["booklets"]
        return booklets

    def return_booklets(self, items: list[dict[str, int]]) -> dict[str, Any]:
        body: dict[str, Any] = self._request(
            "POST", "/einvoice/booklets/return", json={"booklets": items}
        )
        return body

    def stock(self, product: str) -> dict[str, Any]:
        figures: dict[str, Any] = self._request("GET", "/stock", params={"product": product})
        return figures

    def sale_by_receipt(self, receipt_no: str) -> dict[str, Any]:
        """Any store's sale by its receipt number, with what was returned of each line."""
        body: dict[str, Any] = self._request(
            "GET", f"/sales/by-receipt/{quote(receipt_no, safe='')}"
        )
        return body

    def search_sales(
        self, day: str, amount_cents: int | None, phone_suffix: str | None
    ) -> list[dict[str, Any]]:
        """This store's sales of ``day`` (YYYY-MM-DD), by amount and phone digits."""
        params: dict[str, Any] = {"day": day}
        if amount_cents is not None:
            params["amount_cents"] = amount_cents
        if phone_suffix:
            params["phone_suffix"] = phone_suffix
        sales: list[dict[str, Any]] = self._request("GET", "/sales/search", params=params)["sales"]
        return sales

    def no_receipt_usage(self, phone: str) -> dict[str, Any]:
        """{used, limit, period_days}: the phone's returns without a receipt in the period."""
        body: dict[str, Any] = self._request(
            "GET", "/returns/no-receipt/usage", params={"phone": phone}
        )
        return body

    def order_for_return(self, order_kind: str, order_id: str) -> dict[str, Any]:
        """A group-buy or dropship order with its lines, prices and earlier returns."""
        body: dict[str, Any] = self._request(
            "GET", f"/returns/orders/{order_kind}/{quote(order_id, safe='')}"
        )
        return body

    def store_replenishment(self) -> dict[str, Any]:
        """This store's low-stock lines and idle-stock suggestions (planning routes)."""
        body: dict[str, Any] = self._request("GET", "/planning/store/replenishment")
        return body

    def product_demand(self, product_id: int, days: int = 28) -> dict[str, Any]:
        """A product's recent daily demand and forecast here and at the warehouse."""
        body: dict[str, Any] = self._request(
            "GET", f"/planning/store/products/{product_id}/demand", params={"days": days}
        )
        return body
