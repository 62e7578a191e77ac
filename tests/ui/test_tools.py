"""The Tools menu: rejected operations stay until a person acts; past receipts reprint."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import text

from counter_app.core.cart import Cart
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.local import outbox
from counter_app.local.models import AuditEntry, OutboxOp, Stock, WarehouseNegativeStock
from counter_app.ui.reprint_dialog import ReprintDialog
from counter_app.ui.stock_to_count_dialog import StockToCountDialog
from counter_app.ui.supervisor_prompt import SupervisorApprovalDialog
from counter_app.ui.sync_problems_dialog import SyncProblemsDialog
from counter_app.ui.task_runner import TaskRunner


@pytest.fixture
def tasks() -> Any:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def _queue_a_sale_the_server_rejects(services: Any) -> str:
    payload = {
        "sale_id": uuid7(),
        "receipt_no": "RS001-261125-9001",
        "cashier_id": 1,
        "created_at": "2026-11-25T10:00:00+08:00",
        "total_cents": 100,
        "lines": [
            {
                "line_id": uuid7(),
                "product_id": 99_999_999,
                "qty": 1,
                "unit_price_cents": 100,
                "line_total_cents": 100,
            }
        ],
        "payments": [
            {
                "payment_id": uuid7(),
                "method": "cash",
                "amount_cents": 100,
                "tendered_cents": 100,
                "change_cents": 0,
            }
        ],
    }
    with services.db.unit_of_work() as session:
        return outbox.enqueue(session, "sale", f"sale:{payload['sale_id']}", payload)


def test_a_rejected_op_is_listed_with_the_servers_reason_and_discarded_only_by_a_supervisor(
    qtbot: Any, demo_counter: Any, tasks: Any
) -> None:
    services = demo_counter.services
    op_id = _queue_a_sale_the_server_rejects(services)
    assert services.relay.drain().rejected == 1

    dialog = SyncProblemsDialog(services.sync_status, services.staff, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.ops[0].op_id == op_id
    assert dialog.table.item(0, 0).text() == "Sale"  # the operation in words, not "sale"
    reason = dialog.table.cellWidget(0, 2).text()
    assert "A product in it is not known to the warehouse." in reason  # in words, translated
    assert "<small" in reason and "unknown_product" in reason  # the server's own code, small

    # Retry: it goes back to the queue, and the server rejects it again.
    dialog.retry_button.click()
    qtbot.waitUntil(lambda: services.sync_status.status().failed == 0)
    services.relay.drain()
    assert services.sync_status.status().failed == 1

    def approve(pin: str, reason: str) -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, SupervisorApprovalDialog)
        prompt.findChild(QLineEdit, "supervisorPin").setText(pin)
        prompt.findChild(QLineEdit, "reason").setText(reason)
        prompt.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not prompt.isVisible() or prompt.error.text() != "")
        if prompt.isVisible():  # refused: a cashier's PIN is not enough
            prompt.reject()

    dialog.reload()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    QTimer.singleShot(50, lambda: approve("1234", "typo"))
    dialog.discard_button.click()
    assert services.sync_status.status().failed == 1

    QTimer.singleShot(50, lambda: approve("999999", "商品編號錯誤，已重新結帳"))
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert services.sync_status.status().failed == 0
    with services.db.read() as session:
        entry = session.query(AuditEntry).filter_by(action="outbox.discard").one()
    assert "商品編號錯誤" in entry.detail and op_id in entry.detail


def test_reprint_dialog_sends_a_past_receipt_to_the_printer_marked_reprint(
    qtbot: Any, demo_counter: Any, tasks: Any
) -> None:
    services = demo_counter.services
    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0])
    sale = services.selling.complete_cash_sale(
        cart, services.staff.first_with_role("cashier"), Money(100_000)
    )
    dialog = ReprintDialog(services.receipts, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 0).text() == sale.receipt_no
    dialog.print_button.click()
    qtbot.waitUntil(lambda: sale.receipt_no in dialog.message.text())
    receipt_file = demo_counter.data_dir / "counter" / "receipts.escpos"
    qtbot.waitUntil(
        lambda: receipt_file.exists() and "補印".encode("cp950") in receipt_file.read_bytes(),
        timeout=10_000,
    )
    assert sale.receipt_no.encode() in receipt_file.read_bytes()


def test_device_settings_need_a_managers_pin_and_their_drawer_test_is_audited(
    qtbot: Any, demo_counter: Any, tasks: Any
) -> None:
    from PySide6.QtGui import QAction

    from counter_app.bootstrap import build_counter
    from counter_app.ui.device_settings import DeviceSettingsDialog

    services = demo_counter.services
    window = build_counter(services, services.staff.first_with_role("cashier"), tasks).window
    qtbot.addWidget(window)
    [settings] = [
        a
        for a in window.findChildren(QAction)
        if a.text().startswith("Printer and scanner settings")
    ]
    manager_id = services.staff.first_with_role("manager").id
    seen: list[str] = []

    def answer(pin: str) -> None:
        prompt = QApplication.activeModalWidget()
        assert isinstance(prompt, SupervisorApprovalDialog)
        prompt.findChild(QLineEdit, "supervisorPin").setText(pin)
        prompt.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not prompt.isVisible() or prompt.error.text() != "", timeout=5000)
        if prompt.isVisible():  # refused
            seen.append(prompt.error.text())
            prompt.reject()

    QTimer.singleShot(50, lambda: answer("999999"))  # a supervisor: not enough
    settings.trigger()
    assert seen == ["Device settings need a manager's PIN"]

    # The manager's session grant is itself audited, then each drawer test.
    granted_then_drawer = [("approval.session", manager_id), ("drawer.open", manager_id)]

    def use_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DeviceSettingsDialog)
        dialog.drawer_button.click()
        qtbot.waitUntil(lambda: _audit_actions(services) == granted_then_drawer, timeout=5000)
        dialog.reject()

    def manager_then_dialog() -> None:
        answer("567890")
        QTimer.singleShot(50, use_the_dialog)

    QTimer.singleShot(50, manager_then_dialog)
    settings.trigger()
    assert _audit_actions(services) == granted_then_drawer
    assert "settings_test" in _audit_details(services)[1]


def _audit_actions(services: Any) -> list[tuple[str, int | None]]:
    with services.db.read() as session:
        return [(e.action, e.staff_id) for e in session.query(AuditEntry).order_by(AuditEntry.id)]


def _audit_details(services: Any) -> list[str]:
    with services.db.read() as session:
        return [e.detail for e in session.query(AuditEntry).order_by(AuditEntry.id)]


@pytest.fixture
def taipei_time(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The till's clock set to Taiwan, whatever the build machine's zone is."""
    monkeypatch.setenv("TZ", "Asia/Taipei")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_sync_problems_and_reprint_list_show_local_time(
    qtbot: Any, demo_counter: Any, tasks: Any, taipei_time: Any
) -> None:
    services = demo_counter.services
    op_id = _queue_a_sale_the_server_rejects(services)
    with services.db.unit_of_work() as session:  # queued at 01:30 UTC = 09:30 in Taipei
        session.get(OutboxOp, op_id).created_at = "2026-11-25T01:30:00.000+00:00"
    assert services.relay.drain().rejected == 1
    problems = SyncProblemsDialog(services.sync_status, services.staff, tasks)
    qtbot.addWidget(problems)
    qtbot.waitUntil(lambda: problems.table.rowCount() == 1)
    assert problems.table.item(0, 1).text() == "2026-11-25 09:30:00"

    cart = Cart()
    cart.add(services.catalog.search("茶", 1)[0])
    sale = services.selling.complete_cash_sale(
        cart, services.staff.first_with_role("cashier"), Money(100_000)
    )
    reprint = ReprintDialog(services.receipts, tasks)
    qtbot.addWidget(reprint)
    qtbot.waitUntil(lambda: reprint.table.rowCount() == 1)
    assert reprint.table.item(0, 1).text() == sale.created_at.astimezone().strftime(
        "%Y-%m-%d %H:%M:%S"
    )


def test_stock_to_count_lists_this_stores_products_below_zero(
    qtbot: Any, demo_counter: Any, tasks: Any
) -> None:
    services = demo_counter.services
    store = services.selling.location_id
    with services.db.read() as session:
        stocked = (
            session.query(Stock)
            .filter(Stock.location_id == store, Stock.on_hand >= 20)
            .order_by(Stock.product_id)
            .limit(2)
            .all()
        )
        counted_low, plenty = stocked[0].product_id, stocked[1].product_id
        held = {row.product_id for row in session.query(Stock).filter(Stock.location_id == store)}
    none_here = next(p for p in services.catalog.search("茶", 50) if p.id not in held)
    with services.db.unit_of_work() as session:  # the warehouse's last figure: already short
        session.get(Stock, (store, counted_low)).on_hand = -2
    cart = Cart()
    cart.add(none_here, 3)  # sold though the records say none are here: never refused
    cart.add(_product(services, plenty), 1)  # plenty on the shelf: not listed
    services.selling.complete_cash_sale(
        cart, services.staff.first_with_role("cashier"), Money(10_000_000)
    )

    dialog = StockToCountDialog(services.catalog, store, tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.items) == 2)
    listed = [(i.product.id, i.on_hand, i.pending_local) for i in dialog.items]
    assert listed == [(none_here.id, -3, -3), (counted_low, -2, 0)]
    assert dialog.table.item(0, 1).text() == none_here.name
    assert dialog.table.item(0, 2).text() == "-3"
    assert dialog.table.item(0, 4).text() == "never"
    assert dialog.table.item(1, 4).text()[:2] == "20"  # the date of the warehouse's figure


def _product(services: Any, product_id: int) -> Any:
    with services.db.read() as session:
        sku = session.execute(
            text("SELECT sku FROM products WHERE id = :i"), {"i": product_id}
        ).scalar_one()
    return services.catalog.find_by_code(sku)


def test_stock_to_count_shows_what_the_warehouse_reported_below_zero(
    qtbot: Any, demo_counter: Any, tasks: Any
) -> None:
    """The warehouse's ``negative_stock`` answer, kept by the relay, reaches the manager."""
    services = demo_counter.services
    store = services.selling.location_id
    product = services.catalog.search("茶", 1)[0]
    with services.db.unit_of_work() as session:
        session.add(
            WarehouseNegativeStock(
                location_id=store,
                product_id=product.id,
                on_hand=-4,
                reported_at="2026-11-25T01:30:00+00:00",
                receipt_no="RS001-1-261125-0007",
            )
        )
    dialog = StockToCountDialog(
        services.catalog,
        store,
        tasks,
        warehouse_reports=services.stock_to_count.negative_at_warehouse,
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.reported) == 1)
    assert dialog.reported_table.item(0, 1).text() == product.name
    assert dialog.reported_table.item(0, 2).text() == "-4"
    assert dialog.reported_table.item(0, 3).text() == "RS001-1-261125-0007"
