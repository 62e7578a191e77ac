"""Building the printing side from configuration (called by the composition root)."""

from __future__ import annotations

from counter_app.devices.config import PrinterConfig
from counter_app.devices.print_queue import PrintQueue
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.devices.raster import TextRasterizer


def build_receipt_printer(
    config: PrinterConfig, rasterizer: TextRasterizer | None = None
) -> EscposReceiptPrinter:
    return EscposReceiptPrinter(config, rasterizer=rasterizer)


def build_print_queue(config: PrinterConfig) -> PrintQueue:
    """A started queue printing to the configured receipt printer; `stop()` it at exit."""
    return PrintQueue(build_receipt_printer(config)).start()
