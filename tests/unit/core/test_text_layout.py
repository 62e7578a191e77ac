"""Column layout: CJK is two columns, totals line up at the right edge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.core.text_layout import (
    COLUMNS_BY_PAPER_MM,
    display_width,
    pad,
    three_columns,
    truncate,
    two_columns,
    wrap,
)


def test_widths() -> None:
    assert display_width("abc") == 3
    assert display_width("珍珠奶茶") == 8
    assert display_width("ＡＢ") == 4  # fullwidth
    assert display_width("e\u0301") == 1  # combining accent
    assert display_width("NT$1,250") == 8
    assert COLUMNS_BY_PAPER_MM == {58: 32, 80: 48}


def test_truncate_never_splits_wide_char() -> None:
    assert truncate("珍珠奶茶", 5) == "珍珠"
    assert truncate("珍珠奶茶", 8) == "珍珠奶茶"
    assert truncate("abcdef", 4, ellipsis="..") == "ab.."


def test_pad() -> None:
    assert pad("茶", 4, "right") == "  茶"
    assert pad("茶", 4, "center") == " 茶 "
    assert pad("珍珠奶茶", 5) == "珍珠 "


def test_wrap_cjk_and_words() -> None:
    assert wrap("珍珠奶茶大杯", 8) == ["珍珠奶茶", "大杯"]
    assert wrap("hello big world", 9) == ["hello big", "world"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("", 5) == [""]
    assert wrap("茶", 1) == ["茶"]  # cannot fit; keep the char rather than loop forever


def test_two_columns_right_aligns_amount() -> None:
    line = two_columns("合計", "NT$1,250", 32)
    assert line == ["合計" + " " * 20 + "NT$1,250"]
    assert display_width(line[0]) == 32


def test_two_columns_long_left_wraps() -> None:
    lines = two_columns("有機冷壓初榨橄欖油禮盒組附贈精美提袋一份", "NT$1,250", 32)
    assert all(display_width(x) <= 32 for x in lines)
    assert lines[-1].endswith("NT$1,250")
    assert "".join(x.replace(" ", "").replace("NT$1,250", "") for x in lines) == (
        "有機冷壓初榨橄欖油禮盒組附贈精美提袋一份"
    )


def test_three_columns_item_row() -> None:
    lines = three_columns("珍珠奶茶（大）", "x2", "NT$130", 32)
    assert len(lines) == 1
    assert display_width(lines[0]) == 32
    assert lines[0].endswith("NT$130")
    long = three_columns("有機冷壓初榨橄欖油禮盒組附贈精美提袋", "x12", "NT$12,345", 32)
    assert long[0].endswith("NT$12,345") and len(long) > 1
    assert all(display_width(x) <= 32 for x in long)


@given(st.text(max_size=60), st.integers(min_value=1, max_value=60))
def test_wrap_lines_fit(text: str, width: int) -> None:
    for line in wrap(text, width):
        assert display_width(line) <= max(width, 2)


@given(st.text(max_size=40), st.sampled_from([32, 48]))
def test_two_columns_fit(left: str, width: int) -> None:
    for line in two_columns(left, "NT$99,999", width):
        assert display_width(line) <= width


def test_wrap_rejects_zero_width() -> None:
    with pytest.raises(ValueError):
        wrap("x", 0)


def big5_width(ch: str) -> int:
    """A printer's rule: what its code page sends as two bytes takes two columns."""
    try:
        return 1 if len(ch.encode("cp950")) == 1 else 2
    except UnicodeEncodeError:
        return 1


def test_layout_follows_the_printers_width_rule() -> None:
    # × is one column in Unicode but two on a Big5 printer
    assert display_width("紅茶×2") == 6 and display_width("紅茶×2", big5_width) == 7
    [row] = two_columns("紅茶×2", "NT$159", 16, big5_width)
    assert display_width(row, big5_width) == 16 and row.endswith("NT$159")
    [first, *_] = three_columns("※限定※冬季暖暖包十入", "x1", "NT$99", 32, big5_width)
    assert display_width(first, big5_width) == 32 and first.endswith("NT$99")
    assert all(
        display_width(line, big5_width) <= 10 for line in wrap("咖啡—拿鐵…熱", 10, big5_width)
    )
