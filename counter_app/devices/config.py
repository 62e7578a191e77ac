"""Printer and cash-drawer settings as plain data (stored by the caller's config store)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from counter_app.core.text_layout import COLUMNS_BY_PAPER_MM


class ConnectionKind(StrEnum):
    NETWORK = "network"  # address "192.168.1.50" or "host:9100"
    USB = "usb"  # address "04b8:0202" (vendor:product, hex)
    SERIAL = "serial"  # address "COM3" or "/dev/ttyUSB0", optional "@19200"
    WIN32RAW = "win32raw"  # address = Windows printer name
    CUPS = "cups"  # address = CUPS queue name
    FILE = "file"  # address = device or file path, e.g. /dev/usb/lp0


class TextEncoding(StrEnum):
    BIG5 = "big5"  # Taiwan firmware: cp950 in Kanji mode
    GB18030 = "gb18030"  # mainland firmware
    IMAGE = "image"  # text drawn as a bitmap: works on any raster-capable printer


@dataclass(frozen=True, slots=True)
class DrawerConfig:
    """`ESC p m t1 t2`: m = 0 (connector pin 2) or 1 (pin 5); t1/t2 in 2 ms units.

    Default 100 ms on, 500 ms off: enough to release common solenoids (they
    need 50-200 ms), while the off time keeps the duty cycle at 1/6 so a
    solenoid kicked again and again does not overheat.
    """

    pin: int = 0
    on_ms: int = 100
    off_ms: int = 500

    def __post_init__(self) -> None:
        if self.pin not in (0, 1):
            raise ValueError("drawer pin must be 0 (connector pin 2) or 1 (pin 5)")
        if not 2 <= self.on_ms <= 510 or not 2 <= self.off_ms <= 510:
            raise ValueError("drawer pulse times must be 2-510 ms")
        if self.off_ms < self.on_ms:
            raise ValueError("drawer off time must be at least the on time")

    def command(self) -> tuple[int, int, int, int, int]:
        """Decimal sequence for python-escpos `cashdraw()`: ESC p m t1 t2."""
        return (27, 112, self.pin, self.on_ms // 2, self.off_ms // 2)


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    name: str = ""  # the UI shows "Receipt printer" in its language when empty
    kind: ConnectionKind = ConnectionKind.NETWORK
    address: str = ""
    profile: str = "default"
    paper_mm: int = 80
    encoding: TextEncoding = TextEncoding.BIG5
    drawer: DrawerConfig = field(default_factory=DrawerConfig)
    check_paper: bool = True  # ask the printer (DLE EOT 4) before sending a job
    timeout_s: float = 5.0

    def __post_init__(self) -> None:
        if self.paper_mm not in COLUMNS_BY_PAPER_MM:
            raise ValueError("paper width must be 58 or 80 mm")

    def network_endpoint(self) -> tuple[str, int]:
        host, _, port = self.address.strip().partition(":")
        return host, int(port) if port else 9100

    def usb_ids(self) -> tuple[int, int]:
        """`04b8:0202` -> (0x04B8, 0x0202)."""
        vendor, sep, product = self.address.strip().lower().replace("0x", "").partition(":")
        if not sep:
            raise ValueError("USB address must be vendor:product, e.g. 04b8:0202")
        return int(vendor, 16), int(product, 16)

    def serial_port(self) -> tuple[str, int]:
        port, _, baud = self.address.strip().partition("@")
        return port, int(baud) if baud else 9600

    def with_changes(self, **changes: Any) -> PrinterConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["encoding"] = self.encoding.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrinterConfig:
        values = dict(data)
        values["kind"] = ConnectionKind(values.get("kind", ConnectionKind.NETWORK))
        values["encoding"] = TextEncoding(values.get("encoding", TextEncoding.BIG5))
        values["drawer"] = DrawerConfig(**values.get("drawer", {}))
        return cls(**values)
