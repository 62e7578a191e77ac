"""A document drawn as the paper would come out, for the settings dialog and tests."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

from counter_app.core.receipts import (
    QR,
    Barcode,
    Code39,
    Columns,
    Cut,
    Document,
    Feed,
    LineStyle,
    QRPair,
    Separator,
    Text,
    layout_element,
)
from counter_app.core.receipts import Image as ImageElement
from counter_app.devices.escpos_render import codec_char_width
from counter_app.devices.raster import (
    LINE_H,
    TextRasterizer,
    barcode_image,
    code39_image,
    fit_image,
    qr_image,
    qr_pair_image,
)
from counter_app.devices.target import RenderTarget


def render_preview(
    document: Document, target: RenderTarget, rasterizer: TextRasterizer
) -> Image.Image:
    """The whole document as one grayscale image `target.canvas.width_px` wide."""
    width = target.canvas.width_px
    width_of = codec_char_width(target.encoding)  # laid out as the printer lays it out
    parts: list[Image.Image] = [Image.new("1", (width, 16), 1)]
    for element in document.elements:
        if isinstance(element, Text | Columns | Separator):
            lines = layout_element(element, target.columns, width_of)
            parts.append(rasterizer.render_lines(lines, target.canvas, width_of))
        elif isinstance(element, Barcode):
            parts.append(barcode_image(element.data, width))
            parts.append(
                rasterizer.render_lines([(element.data, LineStyle(align="center"))], target.canvas)
            )
        elif isinstance(element, QR):
            parts.append(qr_image(element.data, width))
        elif isinstance(element, Code39):
            parts.append(code39_image(element.data, width))
        elif isinstance(element, QRPair):
            parts.append(qr_pair_image(element.left, element.right, width))
        elif isinstance(element, ImageElement):
            parts.append(_logo(element.source, width))
        elif isinstance(element, Feed):
            parts.append(Image.new("1", (width, LINE_H * element.lines), 1))
        elif isinstance(element, Cut):
            parts.append(_cut_mark(width))
    height = sum(p.height for p in parts)
    page = Image.new("L", (width, height), 255)
    y = 0
    for part in parts:
        page.paste(part.convert("L"), (0, y))
        y += part.height
    return page


def _logo(source: str, width: int) -> Image.Image:
    path = Path(source)
    if path.is_file():
        with Image.open(path) as img:
            return fit_image(img, width)
    box = Image.new("1", (width, 60), 1)
    draw = ImageDraw.Draw(box)
    draw.rectangle([width // 4, 4, 3 * width // 4, 55], outline=0)
    draw.text((width // 2 - 12, 24), "LOGO", fill=0)
    return box


def _cut_mark(width: int) -> Image.Image:
    mark = Image.new("1", (width, 24), 1)
    draw = ImageDraw.Draw(mark)
    for x in range(0, width, 12):
        draw.line([x, 12, x + 6, 12], fill=0)
    return mark
