"""Build the counter app installer payload: ``python installer/build.py``.

Runs PyInstaller with ``counter_app.spec`` (one folder, windowed), checks that the
frozen program answers ``--version``, and packs the folder: a .zip on Windows
(feed it to ``windows/counter-app.iss`` with Inno Setup), a .tar.gz elsewhere.
Needs ``pip install -e ".[server,build]"``.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def main(argv: list[str] | None = None) -> int:
    # --no-archive: the folder only (CI packs it as a .deb instead of a .tar.gz)
    pack = "--no-archive" not in (sys.argv[1:] if argv is None else argv)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "installer" / "counter_app.spec"),
        ],
        check=True,
    )
    exe = (
        DIST
        / "counter-app"
        / ("counter-app.exe" if platform.system() == "Windows" else "counter-app")
    )
    version = subprocess.run(
        [str(exe), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"frozen build answers: {version}")
    if not pack:
        return 0
    fmt = "zip" if platform.system() == "Windows" else "gztar"
    name = f"{version.replace(' ', '-')}-{platform.system().lower()}-{platform.machine().lower()}"
    archive = shutil.make_archive(str(DIST / name), fmt, DIST, "counter-app")
    print(f"packed: {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
