"""Drawing receipt parts as 1-bit bitmaps at printer resolution.

Used by image-mode printing (text as raster) and by the on-screen preview.
Text is laid on the printer's own grid: one column is 12 dots wide and a CJK
character takes two, so the bitmap lines up exactly like Font A would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import barcode as python_barcode
import qrcode
from PIL import Image, ImageDraw, ImageFont

from counter_app.core.receipts import LineStyle
from counter_app.core.text_layout import CharWidth, char_width, display_width
from counter_app.devices.fonts import find_cjk_font

CELL_W = 12
CELL_H = 24
LINE_H = 30  # Font A line pitch is about 30 dots (ESC 2 default)
QR_BOX_DOTS = 6
BARCODE_HEIGHT = 80


class FontMissingError(RuntimeError):
    """No font with CJK glyphs was found; image mode and preview need one."""


@dataclass(frozen=True, slots=True)
class Canvas:
    """Printable area: `width_px` dots across, `columns` Font A columns centred in it."""

    width_px: int
    columns: int

    @property
    def margin(self) -> int:
        return max((self.width_px - self.columns * CELL_W) // 2, 0)


def to_1bit(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    return gray.point(lambda v: 255 if v > 127 else 0, mode="1")


# Tall Latin capitals, descenders and CJK: the probe for where a font puts ink
# relative to its baseline, so no line is cut at the top or the bottom.
_INK_PROBE = "ÅÉÇgjpqy_|()國謝堃，"


class TextRasterizer:
    def __init__(self, font: tuple[str, int] | None = None) -> None:
        font = font or find_cjk_font()
        if font is None:
            raise FontMissingError("no CJK font found; set COUNTER_APP_RECEIPT_FONT")
        path, index = font
        self._fonts = {
            scale: ImageFont.truetype(path, CELL_H * scale, index=index) for scale in (1, 2)
        }
        # Baseline offset from a line's top, and how far ink may reach below the line's
        # box (0 unless the font's ink is taller than a line), per scale.
        self._baseline: dict[int, int] = {}
        self._overhang: dict[int, int] = {}
        for scale, face in self._fonts.items():
            box = face.getbbox(_INK_PROBE, anchor="ls")
            top, bottom = math.floor(box[1]), math.ceil(box[3])
            line_h = LINE_H * scale
            baseline = max((line_h - (bottom - top)) // 2, 0) - top
            self._baseline[scale] = baseline
            self._overhang[scale] = max(baseline + bottom - line_h, 0)

    def line_height(self, style: LineStyle) -> int:
        return LINE_H * (2 if style.double else 1)

    def render_lines(
        self, lines: list[tuple[str, LineStyle]], canvas: Canvas, width_of: CharWidth = char_width
    ) -> Image.Image:
        """The lines as one 1-bit block, each on the printer's column grid, measured
        with `width_of` (the same rule the lines were laid out with). The block is
        tall enough for every glyph's full ink, descenders of the last line included."""
        heights = [self.line_height(style) for _, style in lines]
        bottom_ink = self._overhang[2 if lines and lines[-1][1].double else 1]
        image = Image.new("L", (canvas.width_px, max(sum(heights) + bottom_ink, 1)), 255)
        draw = ImageDraw.Draw(image)
        y = 0
        for (text, style), height in zip(lines, heights, strict=True):
            self._draw_line(draw, text, style, canvas, y, width_of)
            y += height
        return to_1bit(image)

    def _draw_line(
        self,
        draw: ImageDraw.ImageDraw,
        text: str,
        style: LineStyle,
        canvas: Canvas,
        y: int,
        width_of: CharWidth,
    ) -> None:
        scale = 2 if style.double else 1
        cell = CELL_W * scale
        area = canvas.columns * CELL_W
        used = display_width(text, width_of) * cell
        offset = {"left": 0, "center": (area - used) // 2, "right": area - used}[style.align]
        x = canvas.margin + max(offset, 0)
        font = self._fonts[scale]
        baseline = y + self._baseline[scale]
        for ch in text:
            w = width_of(ch) * cell
            if w == 0 or ch == " ":
                x += w
                continue
            glyph_w = draw.textlength(ch, font=font)
            if glyph_w > w:  # a proportional font's wide Latin letter: squeeze it into its cell
                self._draw_squeezed(
                    draw, ch, font, x, y, w, LINE_H * scale, self._baseline[scale], style.bold
                )
            else:
                gx = x + (w - glyph_w) / 2  # centre the glyph in its cells
                draw.text((gx, baseline), ch, font=font, fill=0, anchor="ls")
                if style.bold:  # emphasised like the printer does it: again, one dot right
                    draw.text((gx + 1, baseline), ch, font=font, fill=0, anchor="ls")
            x += w

    @staticmethod
    def _draw_squeezed(
        draw: ImageDraw.ImageDraw,
        ch: str,
        font: ImageFont.FreeTypeFont,
        x: int,
        top: int,
        width: int,
        height: int,
        baseline: int,
        bold: bool,
    ) -> None:
        natural = int(draw.textlength(ch, font=font)) + 2
        glyph = Image.new("L", (natural, height), 0)
        gdraw = ImageDraw.Draw(glyph)
        gdraw.text((1, baseline), ch, font=font, fill=255, anchor="ls")
        if bold:
            gdraw.text((2, baseline), ch, font=font, fill=255, anchor="ls")
        mask = glyph.resize((width, height))
        draw.bitmap((x, top), mask, fill=0)


def code128_modules(data: str) -> str:
    """The bar pattern ('1' = dark module) python-barcode builds for Code 128."""
    return "".join(python_barcode.get("code128", data).build())


def barcode_image(data: str, width_px: int, height: int = BARCODE_HEIGHT) -> Image.Image:
    """Code 128 as a bitmap centred on the paper, with the widest modules that fit."""
    modules = code128_modules(data)
    quiet = 10
    module = max(1, min(3, width_px // (len(modules) + 2 * quiet)))
    image = Image.new("1", (width_px, height), 1)
    draw = ImageDraw.Draw(image)
    x = (width_px - len(modules) * module) // 2
    for bit in modules:
        if bit == "1":
            draw.rectangle([x, 0, x + module - 1, height - 1], fill=0)
        x += module
    return image


def qr_image(data: str, width_px: int, box: int = QR_BOX_DOTS) -> Image.Image:
    """QR code (error correction M) centred on the paper."""
    code = qrcode.QRCode(border=2, box_size=box, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * box
    while size > width_px and box > 1:
        box -= 1
        size = len(matrix) * box
    image = Image.new("1", (width_px, size), 1)
    draw = ImageDraw.Draw(image)
    x0 = (width_px - size) // 2
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                draw.rectangle(
                    [x0 + c * box, r * box, x0 + (c + 1) * box - 1, (r + 1) * box - 1], fill=0
                )
    return image


def code39_image(data: str, width_px: int, height: int = BARCODE_HEIGHT) -> Image.Image:
    """Code 39 (no check character) centred on the paper, with the widest modules that
    fit: one dot per narrow module on 58 mm paper for the e-invoice's 19 characters."""
    modules = python_barcode.get_barcode_class("code39")(data, add_checksum=False).build()[0]
    quiet = 10
    if len(modules) + 2 * quiet > width_px:
        raise ValueError(f"Code 39 {data!r} does not fit {width_px} dots")
    module = max(1, min(3, width_px // (len(modules) + 2 * quiet)))
    image = Image.new("1", (width_px, height), 1)
    draw = ImageDraw.Draw(image)
    x = (width_px - len(modules) * module) // 2
    for bit in modules:
        if bit == "1":
            draw.rectangle([x, 0, x + module - 1, height - 1], fill=0)
        x += module
    return image


def _qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def qr_pair_image(left: str, right: str, width_px: int) -> Image.Image:
    """Two QR codes side by side, each in its half of the paper, with the same module size
    (the e-invoice proof's pair)."""
    matrices = [_qr_matrix(left), _qr_matrix(right)]
    half = width_px // 2
    box = max(1, min(QR_BOX_DOTS, min(half // len(m) for m in matrices)))
    height = max(len(m) for m in matrices) * box
    image = Image.new("1", (width_px, height), 1)
    draw = ImageDraw.Draw(image)
    for index, matrix in enumerate(matrices):
        x0 = index * half + (half - len(matrix) * box) // 2
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    draw.rectangle(
                        [x0 + c * box, r * box, x0 + (c + 1) * box - 1, (r + 1) * box - 1], fill=0
                    )
    return image


def fit_image(source: Image.Image, width_px: int) -> Image.Image:
    """Scale a logo down to the paper width and centre it, 1-bit."""
    image = source.convert("L")
    if image.width > width_px:
        ratio = width_px / image.width
        image = image.resize((width_px, max(int(image.height * ratio), 1)))
    canvas = Image.new("L", (width_px, image.height), 255)
    canvas.paste(image, ((width_px - image.width) // 2, 0))
    return to_1bit(canvas)
