"""The README's test command on a machine without the optional system libraries."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZBAR_TESTS = [
    "tests/unit/devices/test_preview_render.py",
    "tests/integration/devices/test_network_printing.py",
]

# Makes `import pyzbar` fail as it does when libzbar0 is not installed.
NO_ZBAR_PLUGIN = """
import sys

class _NoZbar:
    def find_spec(self, name, path=None, target=None):
        if name == "pyzbar" or name.startswith("pyzbar."):
            raise ImportError("Unable to find zbar shared library")
        return None

sys.meta_path.insert(0, _NoZbar())
"""


def test_barcode_decoding_tests_skip_with_a_reason_without_zbar(tmp_path: Path) -> None:
    (tmp_path / "no_zbar.py").write_text(NO_ZBAR_PLUGIN)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no_zbar",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rs",
            *ZBAR_TESTS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "error" not in out.split("short test summary")[-1].lower(), out
    assert "needs the zbar library (Debian: apt install libzbar0)" in out
    assert re.search(r"\d+ passed", out), "tests that need no decoding still run"


def test_readme_lists_every_system_package_ci_installs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    block = re.search(r"apt_packages=\((.*?)\)", ci, re.S)
    assert block is not None
    readme = (ROOT / "README.md").read_text()
    missing = [pkg for pkg in block.group(1).split() if pkg not in readme]
    assert missing == []
