"""Find a font with Traditional Chinese glyphs for image-mode printing and previews."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import ImageFont

FONT_ENV = "COUNTER_APP_RECEIPT_FONT"

_LINUX_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKtc-Regular.otf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
_MAC_CANDIDATES = ("/System/Library/Fonts/PingFang.ttc", "/Library/Fonts/Arial Unicode.ttf")
_WINDOWS_NAMES = ("msjh.ttc", "msjh.ttf", "mingliu.ttc", "kaiu.ttf", "simsun.ttc")


def _bundled_fonts() -> list[Path]:
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    folder = root / "resources" / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttc", ".otf", ".ttf"))


def _fontconfig_match() -> list[Path]:
    if not shutil.which("fc-match"):
        return []
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK TC:lang=zh-tw"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(out)] if out else []


def candidate_paths() -> list[Path]:
    paths: list[Path] = []
    if os.environ.get(FONT_ENV):
        paths.append(Path(os.environ[FONT_ENV]))
    paths += _bundled_fonts()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        paths += [windir / name for name in _WINDOWS_NAMES]
    elif sys.platform == "darwin":
        paths += [Path(p) for p in _MAC_CANDIDATES]
    else:
        paths += _fontconfig_match() + [Path(p) for p in _LINUX_CANDIDATES]
    return paths


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> tuple[str, int] | None:
    """(path, index in a .ttc) of the first usable CJK font, preferring the TC face."""
    for path in candidate_paths():
        if not path.is_file():
            continue
        index = _traditional_face_index(path)
        if index is not None:
            return str(path), index
    return None


def _traditional_face_index(path: Path) -> int | None:
    first_ok: int | None = None
    first_tc: int | None = None
    for index in range(12 if path.suffix.lower() == ".ttc" else 1):
        try:
            font = ImageFont.truetype(str(path), 24, index=index)
        except OSError:
            break
        if font.getmask("臺").getbbox() is None:
            continue  # no glyph
        family = " ".join(font.getname() or ())
        if "Mono" in family and " TC" in family:
            return index  # half-width Latin is exactly one 12-dot column, like Font A
        if " TC" in family and first_tc is None:
            first_tc = index
        if first_ok is None:
            first_ok = index
    return first_tc if first_tc is not None else first_ok
