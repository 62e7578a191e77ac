"""Raster text: the last line of a block keeps its full glyphs (descenders included)."""

from __future__ import annotations

import pytest
from PIL import Image

from counter_app.core.receipts import LineStyle
from counter_app.devices.raster import Canvas, TextRasterizer

CANVAS = Canvas(384, 32)


@pytest.fixture(scope="module")
def rasterizer() -> TextRasterizer:
    return TextRasterizer()


def ink(image: Image.Image) -> int:
    return image.convert("L").histogram()[0]


@pytest.mark.parametrize("double", [False, True])
@pytest.mark.parametrize("text", ["謝謝光臨 gjpqy", "RS001-261125-0042", "主管簽名：", "Ågjy_(|)"])
def test_the_last_line_is_not_clipped(rasterizer: TextRasterizer, text: str, double: bool) -> None:
    style = LineStyle(align="center", double=double)
    alone = rasterizer.render_lines([(text, style)], CANVAS)
    followed = rasterizer.render_lines([(text, style), ("", LineStyle())], CANVAS)
    # With room below, the line has all its ink; alone (last in its block) it must too.
    assert ink(alone) == ink(followed) > 0
    # and it covers at least the font's line pitch
    assert alone.height >= rasterizer.line_height(style)


def test_nothing_is_clipped_at_the_top(rasterizer: TextRasterizer) -> None:
    line = ("ÅÉ國", LineStyle())
    alone = rasterizer.render_lines([line], CANVAS)
    below_a_line = rasterizer.render_lines([("", LineStyle()), line], CANVAS)
    assert ink(alone) == ink(below_a_line) > 0
