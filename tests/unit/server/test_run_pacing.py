"""`push._RunPacing`: how many ops of a push batch its run handler is offered at once."""

from __future__ import annotations

from warehouse_api.services.push import RUN_PROBE, _RunPacing


def _walk(clean: list[bool]) -> tuple[int, int]:
    """Drive the pacing over a batch where `clean[i]` says whether op i would be applied
    set-wise, as `_apply_batch` does; (ops read by run attempts, run attempts)."""
    pacing = _RunPacing(len(clean))
    index = read = attempts = 0
    while index < len(clean):
        offered = min(len(clean) - index, pacing.limit(index))
        if offered >= 2:
            attempts += 1
            read += offered
            applied = 0
            while applied < offered and clean[index + applied]:
                applied += 1
            pacing.tried(index, offered=offered, applied=applied)
            if applied:
                index += applied
                continue
        index += 1  # goes alone
    return read, attempts


def test_a_clean_batch_is_offered_whole_once() -> None:
    assert _walk([True] * 500) == (500, 1)


def test_ops_that_all_go_alone_cost_a_few_tries_not_a_reading_each() -> None:
    read, attempts = _walk([False] * 500)
    assert attempts <= 10  # 1, then after 1, 2, 4, ... ops alone
    assert read <= 500 + RUN_PROBE * attempts


def test_reads_stay_in_proportion_to_the_ops_whatever_the_mix() -> None:
    for clean in (
        [False] * 60 + [True] * 440,
        [True, False] * 250,
        [True] * 100 + [False] + [True] * 399,
        [i % 7 != 0 for i in range(500)],
    ):
        read, _attempts = _walk(clean)
        assert read <= 4 * len(clean), (read, clean[:10])


def test_a_clean_stretch_after_ops_that_went_alone_is_offered_again_soon() -> None:
    """After n ops that went alone, the clean rest is offered set-wise within n more."""
    pacing = _RunPacing(1000)
    index = 0
    for _ in range(100):  # 100 ops that go alone, one after another
        if pacing.limit(index) >= 2:
            pacing.tried(index, offered=min(pacing.limit(index), 1000 - index), applied=0)
        index += 1
    first_try = next(i for i in range(index, 1000) if pacing.limit(i) >= 2)
    assert first_try - index <= 100
