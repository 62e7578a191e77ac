"""Fixed-width text layout for receipt printers.

A thermal printer's Font A cell is 12x24 dots; a CJK character takes two
cells. So width is counted in columns. The default rule (`char_width`) is
Unicode's: East Asian Wide/Fullwidth = 2, combining marks and other
zero-width characters = 0, everything else = 1. A printer with a double-byte
code page prints what *it* encodes in two bytes as two columns, whatever
Unicode says (`×`, `※`, `—`, `…` are one column in Unicode but two in Big5),
so every function takes `width_of`, the width rule of the printer the text is
laid out for (see `counter_app.devices.escpos_render.codec_char_width`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Literal

COLUMNS_BY_PAPER_MM: dict[int, int] = {58: 32, 80: 48}
"""Font A columns per paper width (384 and 576 printable dots)."""

Align = Literal["left", "center", "right"]
CharWidth = Callable[[str], int]
"""Columns one character takes on the paper (0, 1 or 2)."""


def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str, width_of: CharWidth = char_width) -> int:
    return sum(width_of(ch) for ch in text)


def truncate(text: str, width: int, ellipsis: str = "", width_of: CharWidth = char_width) -> str:
    """Cut `text` to at most `width` columns; never splits a wide character."""
    if display_width(text, width_of) <= width:
        return text
    room = width - display_width(ellipsis, width_of)
    if room < 0:
        return ""
    out: list[str] = []
    used = 0
    for ch in text:
        w = width_of(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, width: int, align: Align = "left", width_of: CharWidth = char_width) -> str:
    """Fit `text` into exactly `width` columns (truncating if needed)."""
    text = truncate(text, width, width_of=width_of)
    gap = width - display_width(text, width_of)
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def wrap(text: str, width: int, width_of: CharWidth = char_width) -> list[str]:
    """Wrap to lines of at most `width` columns. CJK breaks anywhere; Latin
    words stay whole when they fit on a line. Always returns at least one line."""
    if width <= 0:
        raise ValueError("width must be positive")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, width_of))
    return lines


def _tokens(text: str, width_of: CharWidth) -> list[str]:
    """Split into breakable pieces: runs of narrow non-space chars, single wide chars, spaces."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or width_of(ch) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _wrap_paragraph(text: str, width: int, width_of: CharWidth) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _tokens(text, width_of):
        tw = display_width(token, width_of)
        if display_width(line, width_of) + tw <= width:
            line += token
            continue
        if token == " ":
            lines.append(line)
            line = ""
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        while tw > width:  # a word longer than the line: hard-break it
            head = truncate(token, width, width_of=width_of)
            if not head:  # a wide char cannot fit a 1-column line
                head = token[0]
            lines.append(head)
            token = token[len(head) :]
            tw = display_width(token, width_of)
        line = token
    if line or not lines:
        lines.append(line.rstrip())
    return lines


def two_columns(left: str, right: str, width: int, width_of: CharWidth = char_width) -> list[str]:
    """`left` flush left, `right` flush right. If they don't fit on one line,
    the left text wraps and `right` ends the last line (or gets its own)."""
    rw = display_width(right, width_of)
    if rw >= width:
        return [*wrap(left, width, width_of), pad(right, width, "right", width_of)]
    one_line_room = width - rw - 1
    if display_width(left, width_of) <= one_line_room:
        return [pad(left, width - rw, width_of=width_of) + right]
    wrapped = wrap(left, width, width_of)
    last = wrapped[-1]
    if display_width(last, width_of) <= one_line_room:
        return [*wrapped[:-1], pad(last, width - rw, width_of=width_of) + right]
    return [*wrapped, pad(right, width, "right", width_of)]


def item_columns(width: int) -> tuple[int, int, int]:
    """Widths of (name, qty, amount) columns for a receipt item row."""
    amount = 12 if width >= 40 else 10
    qty = 6 if width >= 40 else 4
    return width - qty - amount, qty, amount


def three_columns(
    name: str, middle: str, right: str, width: int, width_of: CharWidth = char_width
) -> list[str]:
    """An item row: name (wrapping), middle and right right-aligned on the name's first line.
    A name that leaves no room for the numbers goes on its own lines first."""
    name_w, mid_w, right_w = item_columns(width)
    mid_w = max(mid_w, display_width(middle, width_of) + 1)
    right_w = max(right_w, display_width(right, width_of) + 1)
    name_w = width - mid_w - right_w
    numbers = pad(middle, mid_w, "right", width_of) + pad(right, right_w, "right", width_of)
    if name_w <= 0:
        return [*wrap(name, width, width_of), pad(numbers.strip(), width, "right", width_of)]
    name_lines = wrap(name, name_w, width_of)
    first = pad(name_lines[0], name_w, width_of=width_of) + numbers
    return [first, *name_lines[1:]]
