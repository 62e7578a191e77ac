"""What the warehouse accepts as text, time and free-form JSON, checked before any database.

PostgreSQL refuses NUL in text, UTF-8 cannot carry a lone surrogate, and a control
character has no business in a name, a code or an address, so these are refused with
422 `validation_error` (error type `invalid_text`) on both backends: in bodies by
`StrictModel` (schemas.py, every string of every input model), in the path and the
query string by `RefuseUnstorableText` (one ASGI middleware for every route).

Times must be ISO-8601 strings with an offset and fall within `EARLIEST`..`LATEST`
once in UTC; free-form JSON (a shift report, an audit detail) is bounded in depth and
size, holds only finite numbers and storable text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from pydantic_core import PydanticCustomError
from starlette.types import ASGIApp, Receive, Scope, Send

from warehouse_api.problems import problem_response

# Every C0 and C1 control character, DEL and the surrogate halves (a lone one cannot be
# encoded as UTF-8). Tab, newline and carriage return are allowed in free-form JSON only.
_UNSTORABLE_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_UNSTORABLE_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
find_unstorable_in_line = _UNSTORABLE_IN_A_LINE.search
"""The first character `check_text` refuses in a string, as a match, or None: for a hot
path that checks a string in one call (`StrictModel`) and leaves the error to
`check_text`."""

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

MAX_JSON_DEPTH = 16
"""Nesting levels of free-form JSON, the outer object included."""
MAX_JSON_BYTES = 64 * 1024
"""Size of free-form JSON once encoded (compact, UTF-8)."""


def unstorable_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of `text` the warehouse refuses, as `U+XXXX`, or None."""
    pattern = _UNSTORABLE_IN_FREE_TEXT if multiline else _UNSTORABLE_IN_A_LINE
    found = pattern.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def _invalid_text(where: str, character: str) -> PydanticCustomError:
    return PydanticCustomError(
        "invalid_text",
        "{where}contains a control character or a lone surrogate ({character}); "
        "NUL, control characters and unpaired surrogates are refused",
        {"where": f"{where} " if where else "", "character": character},
    )


def check_text(value: Any) -> Any:
    """Refuse unstorable characters in a string, or in any string of a list of strings."""
    if isinstance(value, str):
        bad = unstorable_character(value)
        if bad is not None:
            raise _invalid_text("", bad)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            bad = unstorable_character(item) if isinstance(item, str) else None
            if bad is not None:
                raise _invalid_text(f"item {index}", bad)
    return value


def check_free_json(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Bound a free-form JSON object: depth, encoded size, finite numbers, storable text."""
    _walk_free_json(value, 1)
    size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
    if size > MAX_JSON_BYTES:
        raise PydanticCustomError(
            "json_too_large",
            "free-form JSON is limited to {limit} bytes encoded, this is {size}",
            {"limit": MAX_JSON_BYTES, "size": size},
        )
    return value


def _walk_free_json(node: Any, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise PydanticCustomError(
            "json_too_deep",
            "free-form JSON may nest at most {limit} levels",
            {"limit": MAX_JSON_DEPTH},
        )
    if isinstance(node, dict):
        for key, item in node.items():
            _check_free_text(key)
            if isinstance(item, dict | list):
                _walk_free_json(item, depth + 1)
            else:
                _check_free_scalar(item)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict | list):
                _walk_free_json(item, depth + 1)
            else:
                _check_free_scalar(item)


def _check_free_scalar(value: Any) -> None:
    if isinstance(value, str):
        _check_free_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "finite_number", "free-form JSON numbers must be finite (no NaN or Infinity)"
        )


def _check_free_text(text: str) -> None:
    bad = unstorable_character(text, multiline=True)
    if bad is not None:
        raise _invalid_text("", bad)


def parse_timestamp(value: Any) -> datetime:
    """An ISO-8601 string with an offset, within EARLIEST..LATEST in UTC; nothing else.

    Numbers (seconds since 1970) and naive times are refused: the contract says when
    and where, and a number says neither unambiguously.
    """
    if isinstance(value, datetime):  # already parsed (a model built in Python)
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "datetime_format",
                "must be an ISO-8601 date and time with an offset, e.g. 2026-11-25T09:30:00+08:00",
            ) from None
    else:
        raise PydanticCustomError(
            "datetime_type", "must be an ISO-8601 string with an offset, not a number"
        )
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise PydanticCustomError("timezone_aware", "must carry an offset (e.g. +08:00 or Z)")
    # Compare before converting: at the edges of the calendar the conversion overflows.
    if not EARLIEST.year - 1 <= parsed.year <= LATEST.year or not (
        EARLIEST <= parsed.astimezone(UTC) < LATEST
    ):
        raise PydanticCustomError(
            "datetime_range",
            "must fall between {earliest} and {latest} (UTC)",
            {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        )
    return parsed


class RefuseUnstorableText:
    """ASGI middleware: 422 problem+json when the path or the query string holds NUL, a
    control character or a lone surrogate, for every route, before any route runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            error = _path_or_query_error(scope)
            if error is not None:
                loc, character = error
                where = ".".join(loc)
                message = (
                    f"contains a control character or a lone surrogate ({character}); "
                    "NUL, control characters and unpaired surrogates are refused"
                )
                response = problem_response(
                    422,
                    "validation_error",
                    f"{where}: {message}",
                    errors=[{"loc": loc, "msg": message, "type": "invalid_text"}],
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _path_or_query_error(scope: Scope) -> tuple[list[str], str] | None:
    bad = unstorable_character(scope.get("path", ""))
    if bad is not None:
        return ["path"], bad
    query = scope.get("query_string", b"").decode("latin-1")
    if query:
        for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
            bad = unstorable_character(name) or unstorable_character(value)
            if bad is not None:
                return ["query", name], bad
    return None
