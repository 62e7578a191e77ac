"""Charts as inline SVG, drawn on the server: no script, no front-end library, and the
page's Content-Security-Policy stays as strict as it is (SVG attributes, not styles).

Each chart also carries its figures as text (<title> per bar, and the table beside it on
the page), so a screen reader and a test read the same numbers the eye sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup, escape

BAR_COLOUR = "#0b6e4f"
CHANNEL_COLOUR = "#b45309"
AXIS_COLOUR = "#9ca3af"


def horizontal_bars(
    items: Sequence[tuple[str, int, bool]],
    label: Callable[[int], str],
    *,
    width: int = 640,
    row: int = 30,
    caption: str = "",
) -> Markup:
    """One bar per (name, value, highlighted); the value written at the bar's end."""
    name_width, value_width = 150, 110
    span = width - name_width - value_width
    top = max((value for _, value, _ in items), default=0) or 1
    height = row * len(items) + 8
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(caption)}">'
    ]
    for index, (name, value, highlighted) in enumerate(items):
        y = 4 + index * row
        length = round(span * max(value, 0) / top)
        colour = CHANNEL_COLOUR if highlighted else BAR_COLOUR
        parts.append(
            f"<g><title>{escape(name)}: {escape(label(value))}</title>"
            f'<text x="{name_width - 8}" y="{y + row / 2 + 5:.0f}" text-anchor="end" '
            f'font-size="14">{escape(name)}</text>'
            f'<rect x="{name_width}" y="{y + 4}" width="{length}" height="{row - 10}" '
            f'fill="{colour}" rx="3"></rect>'
            f'<text x="{name_width + length + 6}" y="{y + row / 2 + 5:.0f}" font-size="13">'
            f"{escape(label(value))}</text></g>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns_by_day(
    days: Sequence[tuple[date, int]],
    label: Callable[[int], str],
    *,
    width: int = 640,
    height: int = 180,
    caption: str = "",
) -> Markup:
    """One column per day; the first of each week labelled under the axis."""
    left, bottom, top_pad = 8, 22, 18
    plot_h = height - bottom - top_pad
    top = max((value for _, value in days), default=0) or 1
    step = (width - 2 * left) / max(len(days), 1)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(caption)}">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
        f'stroke="{AXIS_COLOUR}"></line>',
        f'<text x="{width - left}" y="12" text-anchor="end" font-size="12" '
        f'fill="#4b5563">{escape(label(top))}</text>',
    ]
    for index, (day, value) in enumerate(days):
        bar_h = round(plot_h * max(value, 0) / top)
        x = left + index * step
        parts.append(
            f"<g><title>{day.isoformat()}: {escape(label(value))}</title>"
            f'<rect x="{x + 1:.1f}" y="{height - bottom - bar_h}" width="{step - 2:.1f}" '
            f'height="{bar_h}" fill="{BAR_COLOUR}"></rect></g>'
        )
        if index % 7 == 0:
            parts.append(
                f'<text x="{x + 1:.1f}" y="{height - 6}" font-size="12" fill="#4b5563">'
                f"{day.month}/{day.day}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
