"""The one place that imports python-escpos.

python-escpos reads its printer database when `escpos.capabilities` is first
imported, from `ESCPOS_CAPABILITIES_FILE` if set, else from the copy inside
the package (through importlib.resources, which a frozen build may not
provide). We set the variable to our bundled copy first, so every module must
import escpos through here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def bundled_capabilities_file() -> Path:
    """`resources/printer_profiles/capabilities.json`, from a source tree or a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "printer_profiles" / "capabilities.json"


def _configure() -> None:
    if "ESCPOS_CAPABILITIES_FILE" in os.environ:
        return  # an operator's own profile database wins
    path = bundled_capabilities_file()
    if path.is_file():
        os.environ["ESCPOS_CAPABILITIES_FILE"] = str(path)


_configure()

from escpos import capabilities  # noqa: E402
from escpos.escpos import Escpos  # noqa: E402
from escpos.exceptions import DeviceNotFoundError, USBNotFoundError  # noqa: E402
from escpos.exceptions import Error as EscposError  # noqa: E402
from escpos.printer import Dummy  # noqa: E402

__all__ = [
    "DeviceNotFoundError",
    "Dummy",
    "Escpos",
    "EscposError",
    "USBNotFoundError",
    "capabilities",
    "profile_names",
    "profile_pixel_width",
    "profile_supports",
]


def profile_names() -> list[str]:
    """Profiles in the loaded database, `default` first."""
    names = sorted(capabilities.CAPABILITIES["profiles"], key=str.lower)
    return ["default", *[n for n in names if n != "default"]]


def profile_pixel_width(name: str) -> int | None:
    width = capabilities.CAPABILITIES["profiles"][name].get("media", {}).get("width", {})
    pixels = width.get("pixels")
    return pixels if isinstance(pixels, int) else None


def profile_supports(name: str, feature: str) -> bool:
    return bool(capabilities.CAPABILITIES["profiles"][name].get("features", {}).get(feature))
