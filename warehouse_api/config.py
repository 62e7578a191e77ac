"""Server settings, read from the environment (prefix `WAREHOUSE_`) or given in code."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_URL = "sqlite:///warehouse.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WAREHOUSE_", env_nested_delimiter="__")

    db_url: str = Field(default=DEFAULT_DB_URL, description="SQLAlchemy URL of the database")
    max_body_bytes: int = Field(default=1024 * 1024, description="largest request body accepted")
    max_ops_per_push: int = 500
    pull_default_limit: int = 1000
    pull_max_limit: int = 5000
    enrollment_code_ttl_hours: int = 24
    pickup_hold_hours: int = Field(default=72, description="how long a pickup hold lasts")
    tombstone_retention_days: int = 30
    idempotency_retention_days: int = Field(
        default=90,
        ge=30,
        description="days a claimed op_id and its stored result are kept (a replay within "
        "them answers duplicate; the protocol promises at least 30)",
    )
    customer_data_retention_days: int = Field(
        default=30, description="days a finished order keeps the customer's name, phone, address"
    )
    sweep_interval_seconds: float = 30.0
    token_recheck_seconds: float = Field(
        default=1.0,
        ge=0,
        description="device tokens found are remembered by each process, which asks the "
        "database this often whether any device was revoked since (a revoked token is "
        "refused within this on every worker, at once where it was revoked); 0: look the "
        "token up on every request",
    )
    hot_routes: bool = Field(
        default=True,
        description="serve POST /sync/push and POST /group-buy/orders outside the framework's "
        "routing (hot_routes.py), the orders judged together as they arrive; false: every "
        "request through FastAPI",
    )
    freeze_heap: bool = Field(
        default=False,
        description="once started (the app built, every router's route state warmed up), "
        "move everything alive into the garbage collector's permanent generation "
        "(gc.freeze), so its full collections walk only what requests leave behind; "
        "`warehouse-api serve` turns it on in each worker (not for an app sharing its "
        "process, as the embedded server and the tests do)",
    )
    opentelemetry: bool = Field(
        default=False,
        description="FastAPI's own OpenTelemetry instrumentation (traces, metrics, logs to "
        "the providers configured in the process); off, each request skips its checks "
        "for configured providers (the app's /metrics and logs do not depend on it)",
    )
    no_receipt_returns_per_phone: int = Field(
        default=3, ge=0, description="returns without a receipt one phone may make per period"
    )
    no_receipt_period_days: int = Field(
        default=30, ge=1, description="the period of the no-receipt returns limit, in days"
    )
    console_cookie_secure: bool = Field(
        default=True,
        description="send the console's cookies only over HTTPS (false only for http on loopback)",
    )
    console_session_hours: float = Field(default=10.0, gt=0, description="console sign-in lifetime")
    till_waiting_warn_minutes: float = Field(
        default=15.0,
        gt=0,
        description="the console flags a till whose oldest waiting operation is older than this",
    )
    turnkey_dir: Path | None = Field(
        default=None,
        description="the MOF Turnkey program's EINVTurnkey folder: MIG messages are written "
        "under its UpCast/B2SSTORAGE and its results read from UpCast ERR and Unpack "
        "ProcessResult (docs/operations.md); unset: no exchange",
    )
    einvoice_seller_name: str | None = Field(
        default=None, max_length=60, description="the seller's registered name (營業人名稱)"
    )
    einvoice_seller_id: str | None = Field(
        default=None,
        pattern=r"^[0-9]{8}$",
        description="the seller's tax ID (統一編號) for the E0402 blank-number report; unset: "
        "the one the period's invoices carry",
    )
    einvoice_seller_address: str | None = Field(
        default=None, max_length=100, description="the seller's registered address"
    )
    metrics_token: str | None = Field(
        default=None,
        description="a secret Prometheus sends as `Authorization: Bearer ...` for /metrics "
        "(an admin device token works too); unset: admin tokens only",
    )
    log_format: str = Field(
        default="text",
        pattern="^(text|json)$",
        description="`json`: one JSON object per line (request id, route, status, duration, "
        "device id); `text`: plain lines",
    )
