"""What a document is rendered for: paper, columns, encoding and the printer's abilities."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.devices.config import PrinterConfig, TextEncoding
from counter_app.devices.escpos_gateway import profile_pixel_width, profile_supports
from counter_app.devices.raster import CELL_W, Canvas

PAPER_PIXELS: dict[int, int] = {58: 384, 80: 576}  # 203 dpi printable width


@dataclass(frozen=True, slots=True)
class RenderTarget:
    canvas: Canvas
    encoding: TextEncoding
    profile: str
    native_qr: bool
    native_code128: bool

    @classmethod
    def from_config(cls, config: PrinterConfig) -> RenderTarget:
        width = PAPER_PIXELS[config.paper_mm]
        profile_width = profile_pixel_width(config.profile)
        if profile_width:
            width = min(width, profile_width)
        # Image mode means "trust only raster": barcodes and QR are drawn too.
        raster_only = config.encoding is TextEncoding.IMAGE
        return cls(
            canvas=Canvas(width, width // CELL_W),
            encoding=config.encoding,
            profile=config.profile,
            native_qr=not raster_only and profile_supports(config.profile, "qrCode"),
            native_code128=not raster_only and profile_supports(config.profile, "barcodeB"),
        )

    @property
    def columns(self) -> int:
        return self.canvas.columns
