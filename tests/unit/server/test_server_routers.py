"""Routers return response models (or a prepared Response), never hand-built dicts."""

from __future__ import annotations

import typing

import pytest
from fastapi import Response
from fastapi.routing import APIRoute
from pydantic import BaseModel

from warehouse_api.api import (
    admin,
    devices,
    einvoice,
    group_buy,
    health,
    operator,
    orders,
    stock,
    sync,
)

ROUTERS = (admin, devices, einvoice, group_buy, health, operator, orders, stock, sync)
ENDPOINTS = [
    route.endpoint
    for module in ROUTERS
    for route in module.router.routes
    if isinstance(route, APIRoute)
]


def _is_response_model(annotation: object) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, (BaseModel, Response))
    origin = typing.get_origin(annotation)
    return origin is list and all(_is_response_model(a) for a in typing.get_args(annotation))


def test_there_are_routes_to_check() -> None:
    assert len(ENDPOINTS) > 30


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.__name__)
def test_every_route_returns_a_response_model(endpoint: typing.Callable[..., object]) -> None:
    returned = typing.get_type_hints(endpoint)["return"]
    assert _is_response_model(returned), f"{endpoint.__name__} returns {returned}"
