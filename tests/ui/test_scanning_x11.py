"""A keyboard-wedge scanner through a real X server: xdotool types as a scanner does
(Shift pressed and released around capitals by the X server's keymap, `-`, keys a few
milliseconds apart, Enter last) into the real counter window, with the window system's
own timestamps and Qt's own shortcut machinery."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs an X server and a key sender: Xvfb and xdotool (Debian: apt install xvfb xdotool)",
)

CHILD = Path(__file__).with_name("x11_counter_child.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def display() -> Iterator[str]:
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        if not ready:
            pytest.skip("Xvfb did not start within 20 s")
        number = os.read(read_end, 16).decode().strip()
        yield f":{number}"
    finally:
        os.close(read_end)
        xvfb.terminate()
        xvfb.wait(10)


class Counter:
    """The child process running the real counter window on the X display."""

    def __init__(self, display: str, data_dir: Path) -> None:
        self.display = display
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir)],
            cwd=ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.ready = self.read(timeout=90)

    def read(self, timeout: float = 20) -> dict[str, Any]:
        assert self.proc.stdout is not None
        while True:
            ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
            assert ready, "the counter did not answer"
            line = self.proc.stdout.readline()
            assert line, "the counter exited"
            if line.startswith("{"):
                return dict(json.loads(line))

    def ask(self, command: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    def wait_for(self, check: Any, timeout_s: float = 10) -> dict[str, Any]:
        import time

        deadline = time.monotonic() + timeout_s
        while True:
            state = self.ask("state")
            if check(state) or time.monotonic() > deadline:
                return state
            time.sleep(0.1)

    def keys(self, text: str, delay_ms: int) -> None:
        """xdotool types the text with `delay_ms` between keys. A trailing newline becomes
        the Return key a scanner ends with (xdotool types "\\r" as Return, "\\n" as Linefeed)."""
        text = text[:-1] + "\r" if text.endswith("\n") else text
        subprocess.run(
            ["xdotool", "type", "--delay", str(delay_ms), "--", text],
            env={**os.environ, "DISPLAY": self.display},
            check=True,
            timeout=30,
        )

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def counter(display: str, tmp_path: Path) -> Iterator[Counter]:
    c = Counter(display, tmp_path / "demo")
    yield c
    c.close()


def test_scans_with_capitals_and_dashes_through_x_whatever_has_focus(counter: Counter) -> None:
    barcode = counter.ready["barcode"]
    assert counter.ask("focus field")["focus"] == "scanInput"
    counter.keys(barcode + "\n", delay_ms=8)
    state = counter.wait_for(lambda s: s["lines"] and s["lines"][0][1] == 1)
    assert [qty for _, qty in state["lines"]] == [1] and state["field"] == ""

    for focus, expected_focus in (
        ("table", "cartTable"),
        ("button", "clearCart"),
        ("field", "scanInput"),
    ):
        assert counter.ask(f"focus {focus}")["focus"] == expected_focus
        # Receipt and pickup codes bring the returns (F7) and pickup (F8) screens to the
        # front (tests/ui/test_scanning.py); a code of no known format, with capitals and
        # punctuation, stays on the sale screen, where the catalog says it is unknown.
        for code in ("ZX-42/A+B.C",):
            counter.keys(code + "\n", delay_ms=8)
            state = counter.wait_for(lambda s, code=code: code in s["message"])
            assert code in state["message"], (focus, state)
        counter.keys(barcode + "\n", delay_ms=8)
        state = counter.wait_for(lambda s: s["lines"][0][1] > 1)
        assert state["lines"][0][1] == 2, (
            f"scan on {focus}: no '-' shortcut, one more of the product: {state}"
        )
        assert state["field"] == "" and state["focus"] == expected_focus
        # Back to one: a person presses '-' (the table's shortcut, the scan field's key).
        if focus != "button":
            counter.keys("-", delay_ms=150)
            state = counter.wait_for(lambda s: s["lines"][0][1] == 1)
            assert state["lines"][0][1] == 1 and state["field"] == "", (focus, state)
        else:
            assert counter.ask("focus field")["focus"] == "scanInput"
            counter.keys("-", delay_ms=150)
            assert counter.wait_for(lambda s: s["lines"][0][1] == 1)["lines"][0][1] == 1
            assert counter.ask("focus button")["focus"] == "clearCart"


def test_closing_the_window_from_the_title_bar_with_a_cart_asks_first(counter: Counter) -> None:
    counter.ask("focus field")
    counter.keys(counter.ready["barcode"] + "\n", delay_ms=8)
    counter.wait_for(lambda s: len(s["lines"]) == 1)

    state = counter.ask("wm_close")
    assert state["question"] and "not paid for" in state["question"], state
    state = counter.ask("answer no")
    assert state["visible"] and len(state["lines"]) == 1 and state["question"] is None

    state = counter.ask("wm_close")
    assert state["question"]
    assert counter.proc.stdin is not None
    counter.proc.stdin.write("answer yes\n")
    counter.proc.stdin.flush()
    assert counter.proc.wait(30) == 0, "the till closes once the cashier says yes"
