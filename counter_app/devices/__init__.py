"""Printers (python-escpos behind `ReceiptPrinter`), receipt rendering, cash drawer, scanners.

Import submodules directly; this package imports nothing on its own so that
`counter_app.devices.escpos_gateway` can configure python-escpos first.
"""
