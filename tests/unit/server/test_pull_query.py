"""What the hot route takes from a pull's query string (`hot_routes._pull_query`): the
plainly given cursor, limit and rebuild flag; anything else is None, left to the route,
which answers it (a 422 naming the parameter, or what it makes of it)."""

from __future__ import annotations

import pytest

from warehouse_api.hot_routes import _pull_query


@pytest.mark.parametrize(
    ("raw", "taken"),
    [
        (b"", (0, None, False)),
        (b"cursor=17", (17, None, False)),
        (b"limit=5000&cursor=0", (0, 5000, False)),
        (b"cursor=4611686018427387904&limit=1", (2**62, 1, False)),
        (b"cursor=007&rebuild=true", (7, None, True)),
        (b"rebuild=1", (0, None, True)),
        (b"rebuild=0&limit=50", (0, 50, False)),
    ],
)
def test_plain_parameters_are_taken(raw: bytes, taken: tuple[int, int | None, bool]) -> None:
    assert _pull_query(raw) == taken


@pytest.mark.parametrize(
    "raw",
    [
        b"cursor=-1",  # negative: the route's 422
        b"cursor=4611686018427387905",  # over 2**62
        b"cursor=99999999999999999999",  # 20 digits
        b"limit=0",
        b"limit=5001",
        b"limit=",
        b"cursor=1e3",
        b"cursor=%31",  # percent-encoded digits: the route decodes them
        b"cursor=+1",
        b"cursor=\xd9\xa1",  # an Arabic-Indic digit: not ASCII
        b"rebuild=yes",  # the route's bool parsing decides
        b"cursor=1&cursor=2",  # repeated: the route decides which counts
        b"cursor",  # no value
        b"cursor=1&",  # an empty pair
        b"since=1",  # a parameter the route does not know
        b"cursor=1\x00",
    ],
)
def test_anything_else_is_left_to_the_route(raw: bytes) -> None:
    assert _pull_query(raw) is None
