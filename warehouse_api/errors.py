"""Domain errors: a stable machine code, a human detail and an HTTP status for the API."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    def __init__(self, code: str, detail: str, status: int = 409, **extra: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.status = status
        self.extra = extra

    def as_problem(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.detail, **self.extra}


class NotFound(DomainError):
    def __init__(self, code: str, detail: str, **extra: Any) -> None:
        super().__init__(code, detail, 404, **extra)


class InsufficientStock(DomainError):
    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__("insufficient_stock", detail, 409, **extra)


class InvalidTransition(DomainError):
    def __init__(self, entity: str, current: str, wanted: str) -> None:
        super().__init__(
            "invalid_transition",
            f"{entity} is {current}; it cannot become {wanted}",
            409,
            current_status=current,
        )
