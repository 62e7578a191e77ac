"""A document as ESC/POS bytes.

python-escpos composes the commands (into its `Dummy` printer) for styles,
barcodes, QR codes, raster images, cuts and the drawer. Text is encoded here:
python-escpos 3.1 `text()` sends any Chinese as GB18030, which Taiwan's Big5
printers print as garbage, so text never goes through `text()`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from PIL import Image

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
from counter_app.core.text_layout import CharWidth, char_width
from counter_app.devices.config import DrawerConfig, TextEncoding
from counter_app.devices.escpos_gateway import Dummy
from counter_app.devices.raster import (
    TextRasterizer,
    barcode_image,
    code39_image,
    code128_modules,
    fit_image,
    qr_image,
    qr_pair_image,
)
from counter_app.devices.target import RenderTarget

ESC_INIT = b"\x1b@"
KANJI_ON = b"\x1c&"  # FS &: two-byte character mode
KANJI_OFF = b"\x1c."  # FS .
REPLACEMENT = b"?"

_CODECS = {TextEncoding.BIG5: "cp950", TextEncoding.GB18030: "gb18030"}


def invisible(ch: str) -> bool:
    """Characters that print nothing and take no column: format characters (ZWJ,
    ZWNJ, BOM...), variation selectors, control characters. Never sent to a printer."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Cf", "Cc")
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
        or 0x180B <= cp <= 0x180D
    )


@functools.cache
def codec_char_width(encoding: TextEncoding) -> CharWidth:
    """The width rule of a printer in `encoding`: what it prints from one byte takes one
    column, a double-byte (or GB18030 four-byte) character two. `×`, `※`, `—`, `…`
    are one column in Unicode but two bytes, so two columns, in Big5. A character the
    code page lacks is printed as part of a raster line (`line_is_encodable`), at its
    Unicode width; invisible characters take none. Image mode uses the Unicode rule."""
    if encoding is TextEncoding.IMAGE:
        return char_width
    codec = _CODECS[encoding]

    @functools.lru_cache(maxsize=8192)
    def width(ch: str) -> int:
        if invisible(ch):
            return 0
        try:
            encoded = ch.encode(codec)
        except UnicodeEncodeError:
            return char_width(ch)
        return 1 if len(encoded) == 1 else 2

    return width


def line_is_encodable(text: str, encoding: TextEncoding) -> bool:
    """True when the printer can print every visible character of `text` from its code page."""
    codec = _CODECS[encoding]
    try:
        "".join(ch for ch in text if not invisible(ch)).encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def encode_line(text: str, encoding: TextEncoding) -> bytes:
    """Encode one line for a Big5 or GB18030 printer, Kanji mode around multibyte runs.
    Invisible characters are dropped. A character the code page lacks becomes '?'; the
    renderer never sends such a line as text (it prints it as a raster line instead)."""
    codec = _CODECS[encoding]
    out = bytearray()
    in_kanji = False
    for ch in text:
        if invisible(ch):
            continue
        try:
            encoded = ch.encode(codec)
        except UnicodeEncodeError:
            encoded = REPLACEMENT
        multibyte = len(encoded) > 1
        if multibyte and not in_kanji:
            out += KANJI_ON
            in_kanji = True
        elif not multibyte and in_kanji:
            out += KANJI_OFF
            in_kanji = False
        out += encoded
    if in_kanji:
        out += KANJI_OFF
    return bytes(out)


def drawer_kick(drawer: DrawerConfig, profile: str = "default") -> bytes:
    printer = Dummy(profile=profile)
    printer.cashdraw(list(drawer.command()))
    return printer.output


class EscposRenderer:
    """Renders documents for one `RenderTarget`. `rasterizer` is needed for image mode
    and for barcodes/QR the printer cannot draw itself."""

    def __init__(self, target: RenderTarget, rasterizer: TextRasterizer | None = None) -> None:
        self.target = target
        self._rasterizer = rasterizer
        self.width_of: CharWidth = codec_char_width(target.encoding)

    def _raster(self) -> TextRasterizer:
        if self._rasterizer is None:
            self._rasterizer = TextRasterizer()
        return self._rasterizer

    def _printer(self) -> Dummy:
        printer = Dummy(profile=self.target.profile)
        # Tell python-escpos the printable width we render for (profiles such as
        # `default` say "Unknown"), on this instance only: its image() checks it.
        profile = printer.profile
        media = dict(profile.profile_data.get("media", {}))
        media["width"] = {**media.get("width", {}), "pixels": self.target.canvas.width_px}
        profile.profile_data = {**profile.profile_data, "media": media}
        return printer

    def render(self, document: Document) -> bytes:
        printer = self._printer()
        printer._raw(ESC_INIT)
        pending_lines: list[tuple[str, LineStyle]] = []
        for element in document.elements:
            if isinstance(element, Text | Columns | Separator):
                pending_lines += layout_element(element, self.target.columns, self.width_of)
                continue
            self._flush_text(printer, pending_lines)
            pending_lines = []
            self._render_other(printer, element)
        self._flush_text(printer, pending_lines)
        return printer.output

    # -- text ----------------------------------------------------------------

    def _flush_text(self, printer: Dummy, lines: list[tuple[str, LineStyle]]) -> None:
        if not lines:
            return
        if self.target.encoding is TextEncoding.IMAGE:
            self._raster_lines(printer, lines)
            return
        # A line with a character the code page lacks (堃, 𠮷, emoji) is printed as a
        # raster line, drawn on the same column grid, instead of with '?'.
        missing: list[tuple[str, LineStyle]] = []
        for text, style in lines:
            if not line_is_encodable(text, self.target.encoding):
                missing.append((text, style))
                continue
            self._raster_lines(printer, missing)
            missing = []
            printer.set(
                align=style.align,
                bold=style.bold,
                normal_textsize=not style.double,
                double_width=style.double,
                double_height=style.double,
            )
            printer._raw(encode_line(text, self.target.encoding) + b"\n")
        self._raster_lines(printer, missing)
        printer.set(align="left", bold=False, normal_textsize=True)

    def _raster_lines(self, printer: Dummy, lines: list[tuple[str, LineStyle]]) -> None:
        if not lines:
            return
        printer.set(align="left", bold=False, normal_textsize=True)
        image = self._raster().render_lines(lines, self.target.canvas, self.width_of)
        printer.image(image, impl="bitImageRaster")

    # -- barcodes, QR, images, paper ----------------------------------------

    def _render_other(self, printer: Dummy, element: object) -> None:
        width = self.target.canvas.width_px
        if isinstance(element, Barcode):
            self._barcode(printer, element.data)
        elif isinstance(element, QR):
            if self.target.native_qr:
                printer.set(align="center")
                printer.qr(element.data, native=True, size=6, ec=1)  # ec 1 = M
                printer.set(align="left")
            else:
                printer.image(qr_image(element.data, width), impl="bitImageRaster")
        elif isinstance(element, Code39):
            printer.image(code39_image(element.data, width), impl="bitImageRaster")
        elif isinstance(element, QRPair):
            printer.image(qr_pair_image(element.left, element.right, width), impl="bitImageRaster")
        elif isinstance(element, ImageElement):
            path = Path(element.source)
            if path.is_file():
                with Image.open(path) as img:
                    printer.image(fit_image(img, width), impl="bitImageRaster")
        elif isinstance(element, Feed):
            printer.print_and_feed(element.lines)
        elif isinstance(element, Cut):
            printer.cut(mode="PART" if element.partial else "FULL")

    def _barcode(self, printer: Dummy, data: str) -> None:
        width = self.target.canvas.width_px
        code_b_modules = (len(data) + 3) * 11 + 2  # start, data, check, stop; all code set B
        if self.target.native_code128 and data.isascii() and code_b_modules * 2 <= width:
            module = 3 if code_b_modules * 3 <= width else 2
            printer.barcode(
                "{B" + data,
                "CODE128",
                height=80,
                width=module,
                pos="BELOW",
                font="A",
                align_ct=True,
                function_type="B",
            )
            printer.set(align="left")
            return
        # Too wide for hardware Code 128 at two dots per module (58 mm paper), or no
        # hardware support: draw it with the compact code sets python-barcode picks.
        if len(code128_modules(data)) > width:
            raise ValueError(f"barcode {data!r} does not fit {width} dots")
        printer.image(barcode_image(data, width), impl="bitImageRaster")
        self._flush_text(printer, [(data, LineStyle(align="center"))])


def render_all(renderer: EscposRenderer, documents: Iterable[Document]) -> bytes:
    return b"".join(renderer.render(doc) for doc in documents)
