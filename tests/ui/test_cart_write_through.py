"""The open cart is written through on every change, before the screen reports it: a
counter killed with SIGKILL the moment a scan's line is in the cart has that line back
at the next start (a real subprocess, a real SQLite file), and each kind of change is in
the database before control returns to the screen."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from counter_app.bootstrap import build_counter
from counter_app.core import cart_snapshot
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, DiscountKind
from counter_app.demo import start_demo
from counter_app.ui.task_runner import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("cart_crash_child.py")


def test_a_counter_killed_right_after_a_scan_has_that_line_back_at_restart(
    qtbot: Any, tmp_path: Path
) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, str(CHILD), str(tmp_path)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-3000:]
    scanned = json.loads(child.stdout.strip().splitlines()[-1])

    services, server = start_demo(tmp_path)  # the same files: the till starts again
    tasks = TaskRunner()
    try:
        counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
        qtbot.addWidget(counter.window)
        screen = counter.sale_screen
        qtbot.waitUntil(lambda: not screen.cart_tools.restoring, timeout=10_000)
        lines = [(line.product.name, line.qty) for line in screen.cart_model.cart.lines]
        assert lines == [(scanned["name"], 1)]
        assert "is back (1 items)" in screen.message.text()
    finally:
        tasks.shutdown()
        services.close()  # type: ignore[attr-defined]
        server.stop()  # type: ignore[attr-defined]


def _products(demo_counter: Any, count: int) -> list[ProductInfo]:
    with demo_counter.services.db.read() as session:
        codes = session.execute(
            text(
                "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id"
                " WHERE p.active AND p.price_cents >= 10000 ORDER BY b.code LIMIT :n"
            ),
            {"n": count},
        ).scalars()
        found = [demo_counter.services.catalog.find_by_code(code) for code in codes]
    return [product for product in found if product is not None]


def test_every_kind_of_change_is_stored_before_the_screen_goes_on(
    qtbot: Any, demo_counter: Any
) -> None:
    services = demo_counter.services
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(counter.window)
    screen, model = counter.sale_screen, counter.sale_screen.cart_model
    qtbot.waitUntil(lambda: not screen.cart_tools.restoring)
    keeper = screen.cart_tools._keeper
    tea, chips = _products(demo_counter, 2)

    def stored() -> Any:
        cart = keeper.load_open()  # a fresh read of the file: no event loop turn between
        return None if cart is None else cart_snapshot.to_data(cart)

    def on_screen() -> Any:
        return cart_snapshot.to_data(model.cart)

    try:
        screen._add(tea)  # a scan's line
        assert stored() == on_screen() and len(model.cart.lines) == 1
        screen._add(tea)  # the same product again: its quantity
        assert stored() == on_screen() and model.cart.lines[0].qty == 2
        screen._add(chips)
        assert screen._set_qty(1, 3)  # a typed quantity
        assert stored() == on_screen() and model.cart.lines[1].qty == 3
        model.set_line_discount(0, Discount(DiscountKind.PERCENT, 5))
        assert stored() == on_screen() and stored()["lines"][0]["discount"] is not None
        model.set_cart_discount(Discount(DiscountKind.PERCENT, 3))
        assert stored() == on_screen()
        screen.table.selectRow(1)
        screen.on_fulfil_button_clicked()  # take -> pickup
        assert model.cart.lines[1].fulfilment.mode == "pickup" and stored() == on_screen()
        screen.on_remove_button_clicked()  # a line voided
        assert stored() == on_screen() and len(model.cart.lines) == 1
        screen.clear_cart()
        assert stored() is None
    finally:
        tasks.shutdown()


def test_a_cart_that_cannot_be_written_is_said_and_stays_on_the_screen(
    qtbot: Any, demo_counter: Any, monkeypatch: Any
) -> None:
    services = demo_counter.services
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    qtbot.addWidget(counter.window)
    screen = counter.sale_screen
    qtbot.waitUntil(lambda: not screen.cart_tools.restoring)
    keeper = screen.cart_tools._keeper
    [tea] = _products(demo_counter, 1)

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    try:
        monkeypatch.setattr(keeper, "save_open_data", disk_full)
        screen._add(tea)
        assert [line.product.id for line in screen.cart_model.cart.lines] == [tea.id]
        qtbot.waitUntil(lambda: "could not be saved" in screen.message.text())
        assert "No space left" in screen.message.text()
        monkeypatch.undo()
        screen._add(tea)  # the next change writes the whole cart again
        stored = keeper.load_open()
        assert stored is not None and stored.lines[0].qty == 2
    finally:
        tasks.shutdown()
