"""services/token_cache.py on a clock of its own: what is remembered, and when it is not."""

from __future__ import annotations

from warehouse_api.services import token_cache
from warehouse_api.services.devices import GENERATION, AuthenticatedDevice
from warehouse_api.services.token_cache import TokenCache

TILL = AuthenticatedDevice(7, "till", "counter", 2, 1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_device_found_is_served_until_the_generation_moves() -> None:
    cache = TokenCache(1.0, Clock())
    cache.put("a" * 64, TILL, cache.generation())
    assert cache.get("a" * 64) == TILL
    GENERATION.bump()  # a revocation committed in this process
    assert cache.get("a" * 64) is None


def test_a_look_up_that_ran_across_a_revocation_is_not_remembered() -> None:
    cache = TokenCache(1.0, Clock())
    before = cache.generation()
    GENERATION.bump()
    cache.put("b" * 64, TILL, before)
    assert cache.get("b" * 64) is None


def test_moved_figures_forget_everything_same_figures_keep_it() -> None:
    clock = Clock()
    cache = TokenCache(1.0, clock)
    assert cache.recheck_due()
    cache.recheck((10, 1))
    cache.put("c" * 64, TILL, cache.generation())
    assert not cache.recheck_due()
    clock.now += 0.99
    assert not cache.recheck_due()
    clock.now += 0.01
    assert cache.recheck_due()
    cache.recheck((10, 1))  # nothing revoked, nothing added
    assert cache.get("c" * 64) == TILL
    clock.now += 1.0
    cache.recheck((10, 2))  # a revocation somewhere
    assert cache.get("c" * 64) is None
    cache.put("c" * 64, TILL, cache.generation())
    clock.now += 1.0
    cache.recheck((9, 2))  # a row deleted by hand
    assert cache.get("c" * 64) is None


def test_an_entry_is_kept_at_most_max_age(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    cache = TokenCache(1.0, clock)
    cache.put("d" * 64, TILL, cache.generation())
    clock.now += token_cache.MAX_AGE_S - 0.5
    assert cache.get("d" * 64) == TILL
    clock.now += 1.0
    assert cache.get("d" * 64) is None


def test_the_table_is_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(token_cache, "MAX_ENTRIES", 3)
    cache = TokenCache(1.0, Clock())
    for i in range(3):
        cache.put(f"{i}" * 64, TILL, cache.generation())
    cache.put("x" * 64, TILL, cache.generation())
    assert len(cache._entries) <= 3
    assert cache.get("x" * 64) == TILL


def test_zero_turns_it_off() -> None:
    assert not TokenCache(0).enabled
    assert TokenCache(0.5).enabled
