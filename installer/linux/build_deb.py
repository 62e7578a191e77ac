"""Build the Linux package: ``python installer/linux/build_deb.py`` (after ``installer/build.py``).

Turns the PyInstaller folder ``dist/counter-app`` into ``dist/counter-app_<version>_<arch>.deb``
with ``dpkg-deb``:

* ``/opt/counter-app/``: the frozen program and everything it bundles;
* ``/usr/bin/counter-app``: a symlink to it, so a terminal finds ``counter-app --self-check``;
* ``/usr/share/applications/counter-app.desktop`` and the icon in the hicolor theme;
* ``/usr/lib/udev/rules.d/70-counter-app-receipt-printers.rules``: USB receipt printers
  usable without root (see counter_app/devices/usb_permissions.py);
* ``Depends``: the X11/xcb, EGL and font libraries Qt's xcb platform loads from the system,
  libusb for USB printers, and fonts-noto-cjk for Chinese on screen and on image-mode receipts.

The till's data is in each user's home (platformdirs), so neither removing nor purging
the package touches sales that may not have been sent yet.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PACKAGE = "counter-app"

DEPENDS = [
    "libc6 (>= 2.31)",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0 | libglib2.0-0t64",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libusb-1.0-0",
    "fonts-noto-cjk",
]
RECOMMENDS = ["libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "cups-client"]

POSTINST = """#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
    if command -v udevadm >/dev/null 2>&1 && [ -d /run/udev ]; then
        udevadm control --reload-rules || true
        udevadm trigger --subsystem-match=usb --action=change || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
    fi
fi
exit 0
"""

POSTRM = """#!/bin/sh
set -e
# The till's data (~/.local/share/counter-app: database, backups, settings) is kept on
# remove and on purge: it may hold sales the warehouse has not received yet.
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    if command -v udevadm >/dev/null 2>&1 && [ -d /run/udev ]; then
        udevadm control --reload-rules || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q /usr/share/applications || true
    fi
fi
exit 0
"""


def app_version() -> str:
    sys.path.insert(0, str(ROOT))
    from counter_app import __version__

    return str(__version__)


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def installed_size_kib(folder: Path) -> int:
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        // 1024
    )


def build(bundle: Path, out_dir: Path, compression: str = "xz") -> Path:
    executable = bundle / PACKAGE
    if not executable.is_file():
        raise SystemExit(f"{executable} not found: run `python installer/build.py` first")
    version, arch = app_version(), architecture()
    stage = ROOT / "build" / "deb" / f"{PACKAGE}_{version}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / "opt" / PACKAGE, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/opt/{PACKAGE}/{PACKAGE}", stage / "usr" / "bin" / PACKAGE)
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy2(HERE / "counter-app.desktop", applications / "counter-app.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / "counter-app.png", icons / "counter-app.png")
    rules = stage / "usr" / "lib" / "udev" / "rules.d"
    rules.mkdir(parents=True)
    shutil.copy2(HERE / "70-counter-app-receipt-printers.rules", rules)
    docs = stage / "usr" / "share" / "doc" / PACKAGE
    docs.mkdir(parents=True)
    (docs / "copyright").write_text(
        "counter-app: proprietary, CounterWarehouse.\n", encoding="utf-8"
    )

    control = stage / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: CounterWarehouse <it@counterwarehouse.invalid>\n"
        f"Installed-Size: {installed_size_kib(stage)}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        "Description: Store counter (門市櫃台) for CounterWarehouse shops\n"
        " The till: selling with barcode scanners, receipt printers and cash drawers,\n"
        " offline-first with a local SQLite cache that syncs with the warehouse API.\n"
        " Run `counter-app --self-check` to check the database, printer and warehouse.\n",
        encoding="utf-8",
    )
    for name, text in (("postinst", POSTINST), ("postrm", POSTRM)):
        script = control / name
        script.write_text(text, encoding="utf-8")
        script.chmod(0o755)
    for path in [stage, *stage.rglob("*")]:  # a clean umask whatever the build machine's
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    level = "-z6" if compression == "xz" else "-z1"  # gzip -1: CI's quick build, same contents
    subprocess.run(
        [
            "dpkg-deb",
            "--root-owner-group",
            f"-Z{compression}",
            level,
            "--build",
            str(stage),
            str(target),
        ],
        check=True,
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument(
        "--compression", choices=("xz", "gzip"), default="xz", help="gzip: faster, larger (CI)"
    )
    args = parser.parse_args(argv)
    target = build(args.bundle, args.out, args.compression)
    size_mb = target.stat().st_size / 1e6
    print(f"built {target} ({size_mb:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
