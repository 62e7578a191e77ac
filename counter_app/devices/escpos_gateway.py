"""The one place that imports python-escpos.

python-escpos reads its printer database when `escpos.capabilities` is first
imported, from `ESCPOS_CAPABILITIES_FILE` if set, else from the copy inside
the package (through importlib.resources, which a frozen build may not
provide). We set the variable to our bundled copy first, so every module must
import escpos through here.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import platformdirs


def bundled_capabilities_file() -> Path:
    """`resources/printer_profiles/capabilities.json`, from a source tree or a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "printer_profiles" / "capabilities.json"


def _configure() -> None:
    if "ESCPOS_CAPABILITIES_FILE" not in os.environ:  # an operator's own database wins
        path = bundled_capabilities_file()
        if path.is_file():
            os.environ["ESCPOS_CAPABILITIES_FILE"] = str(path)
    # python-escpos caches the parsed database as a pickle, by default in a new temp
    # dir on every start (never removed). Keep it in our cache dir, one folder per
    # source file: the pickle is reused whenever it is newer than the file it names.
    source = os.environ.get("ESCPOS_CAPABILITIES_FILE")
    if source and "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]
        cache = Path(platformdirs.user_cache_dir("counter-app", appauthor=False)) / "escpos" / key
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError:
            return  # read-only home: python-escpos falls back to a temp dir
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(cache)


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
