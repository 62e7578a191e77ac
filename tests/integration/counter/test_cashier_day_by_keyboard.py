"""Issue #10's acceptance walk: a cashier's day by keyboard alone, on the real window, with
the real warehouse on loopback, then the warehouse's records read back over its JSON routes
and compared with what the screens and the Z report said.

Sign in (name + PIN), open the shift with a counted float, scan products (a scanner is a
fast burst of key presses ending in Enter), a line discount above the cashier's limit (a
supervisor's PIN) and a cart discount, pay card + cash (reference and approval code),
hold a cart and recall it, lock and unlock, cash out with a reason, the X report, close
with a count by denomination.

Nothing here calls a widget: every step is a key press to the widget that has the focus
(``QApplication.focusWidget()``), typed at a person's pace, or a scanner's burst. What the
test reads is what the cashier reads (labels, tables, the status bar). A step that
keyboard alone cannot do fails here.

Three variants: online in Traditional Chinese; with the warehouse stopped mid-day (the
sales wait, the close needs a supervisor) and started again; online in English, where no
visible widget may show Chinese other than the demo data's names.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select, text

from counter_app.bootstrap import CounterApp, CounterServices, build_counter
from counter_app.core.money import Money
from counter_app.demo import DEMO_STORE, start_demo
from counter_app.local import models
from counter_app.services.shifts import DENOMINATIONS
from counter_app.ui import i18n
from counter_app.ui.sign_in_dialog import ask_for_staff
from counter_app.ui.task_runner import TaskRunner
from tests.ui.test_english_everywhere import CJK, Untranslated
from warehouse_api.db import Database
from warehouse_api.demo_data import DEMO_CASHIER_PIN, DEMO_SUPERVISOR_PIN
from warehouse_api.embedded import start_embedded
from warehouse_api.services.devices import issue_token

PERSON_MS = 75  # a person's keys: slower than the scanner detector's 50 ms (+20 ms slack)
KEY = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
RECEIPT = re.compile(r"R[A-Z0-9]{1,12}-(?:\d{1,3}-)?\d{6}-\d{4,6}")


def tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def money(text_: str) -> int:
    """Cents of a figure as a screen shows it (NT$1,234 or -NT$50)."""
    match = re.search(r"(-?)NT\$([\d,]+)(?:\.(\d\d))?", text_)
    assert match, f"no amount in {text_!r}"
    cents = int(match.group(2).replace(",", "")) * 100 + int(match.group(3) or 0)
    return -cents if match.group(1) else cents


class Hands:
    """A cashier at the keyboard (and a scanner on the same USB port): key events to the
    focused widget, nothing else."""

    def __init__(self, qtbot: Any, tasks: TaskRunner, language_check: Callable[[str], None]):
        self.qtbot = qtbot
        self.tasks = tasks
        self.check_language = language_check

    def focused(self) -> QWidget:
        if QApplication.focusWidget() is None:  # a window being activated again
            with contextlib.suppress(AssertionError):
                self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=1500)
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, key: KEY, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(self.focused(), key, modifier)
        self.settle()

    def type(self, chars: str) -> None:
        """Typed by a person: one key at a time, each a moment after the last."""
        for char in chars:
            QTest.keyClick(self.focused(), char, Qt.KeyboardModifier.NoModifier, PERSON_MS)
        self.qtbot.wait(PERSON_MS)  # the last key reaches the field (the detector held it)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: the code's keys in one fast burst, then Enter."""
        target = self.focused()
        QTest.keyClicks(target, code)
        QTest.keyClick(target, KEY.Key_Return)
        self.settle()

    def settle(self) -> None:
        self.qtbot.wait(30)
        self.qtbot.waitUntil(lambda: self.tasks.pending == 0, timeout=10_000)
        self.qtbot.wait(30)

    def in_dialog(
        self, press: Callable[[], None], inside: Callable[[QDialog], None], name: str = ""
    ) -> None:
        """``press`` opens a modal dialog (at once, or once a background task answers; it
        may block in the dialog's own event loop): ``inside`` works it by keyboard, and
        must close it. A dialog left open fails the step."""
        state: dict[str, Any] = {"done": False, "error": None}

        def drive() -> None:
            modal = QApplication.activeModalWidget()
            if (
                not isinstance(modal, QDialog)
                or not modal.isVisible()
                or (name and modal.objectName() != name and type(modal).__name__ != name)
            ):
                QTimer.singleShot(15, drive)
                return
            try:
                # The window system activates it a moment after it shows.
                with contextlib.suppress(AssertionError):
                    self.qtbot.waitUntil(
                        lambda: modal.isAncestorOf(QApplication.focusWidget()), timeout=1500
                    )
                assert modal.isAncestorOf(self.focused()), (
                    f"{type(modal).__name__} opened without the keyboard focus"
                    f" (it is on {type(self.focused()).__name__})"
                )
                self.check_language(type(modal).__name__)
                inside(modal)
                self.qtbot.waitUntil(lambda: not modal.isVisible(), timeout=5000)
            except BaseException as error:
                state["error"] = error
                modal.done(QDialog.DialogCode.Rejected)  # never left blocking the walk
            finally:
                state["done"] = True

        QTimer.singleShot(0, drive)
        press()
        self.qtbot.waitUntil(lambda: state["done"], timeout=20_000)
        if state["error"] is not None:
            raise state["error"]
        self.settle()


@dataclass
class Day:
    """What the screens said during the walk, to compare with the warehouse."""

    sales: list[dict[str, Any]] = field(default_factory=list)
    x_report: dict[str, int] = field(default_factory=dict)
    z_report: dict[str, int] = field(default_factory=dict)
    z_tenders: dict[str, int] = field(default_factory=dict)
    shift_closed_message: str = ""


@dataclass
class Walk:
    services: CounterServices
    server: Any
    warehouse_url: str
    data_dir: Path
    qtbot: Any
    language: str
    untranslated: Untranslated | None
    tasks: TaskRunner = field(default_factory=TaskRunner)
    counter: CounterApp | None = None
    hands: Hands | None = None
    day: Day = field(default_factory=Day)
    language_checks: int = 0

    @property
    def app(self) -> CounterApp:
        assert self.counter is not None
        return self.counter

    def check_language(self, where: str) -> None:
        if self.untranslated is None:
            return
        self.language_checks += 1
        roots = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for root in roots:
            self.untranslated.check(where, root)


# --- the warehouse ---------------------------------------------------------------------


def _operator_get(walk: Walk, path: str, **params: object) -> Any:
    db = Database.from_url(walk.warehouse_url)
    try:
        with db.write() as session:
            token = issue_token(session, "operator", None, "acceptance-walk").token
    finally:
        db.dispose()
    with httpx.Client(
        base_url=f"{walk.server.url}/api/v1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ) as client:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# --- fixtures --------------------------------------------------------------------------


def _speak(qapp: QApplication, language: str | None) -> None:
    """Speak ``language`` (None: no catalogue, the source strings, as the other tests)."""
    while i18n._installed:
        qapp.removeTranslator(i18n._installed.pop())
    if language is not None:
        i18n.install_translator(qapp, language)


@pytest.fixture
def walk_setup(tmp_path: Path, qapp: QApplication, qtbot: Any) -> Iterator[Callable[[str], Walk]]:
    made: list[Walk] = []
    locale = QLocale()

    def make(language: str) -> Walk:
        _speak(qapp, language)
        services, server = start_demo(tmp_path / "demo")  # enrolled, catalog pulled, no shift
        walk = Walk(
            services,
            server,
            f"sqlite:///{(tmp_path / 'demo' / 'warehouse.db').as_posix()}",
            tmp_path / "demo",
            qtbot,
            language,
            None,
        )
        if language == "en":
            with services.db.read() as session:
                names = {
                    *session.scalars(select(models.Product.name)),
                    *session.scalars(select(models.Staff.name)),
                    *session.scalars(select(models.Location.name)),
                }
            walk.untranslated = Untranslated({*names, services.store.name})
        made.append(walk)
        return walk

    yield make
    for walk in made:
        if walk.counter is not None:
            walk.counter.stop_scanners(qapp)
            walk.counter.window.close()
        walk.tasks.shutdown()
        walk.services.close()
        walk.server.stop()
    _speak(qapp, None)
    QLocale.setDefault(locale)


def _products(services: CounterServices, count: int) -> list[tuple[str, str, int]]:
    """(EAN-13, name, price cents) of products this store has plenty of (no shelf warning),
    priced NT$100 or more so a discount is a round sum."""
    with services.db.read() as session:
        rows = session.execute(
            text(
                "SELECT b.code, p.name, p.price_cents FROM barcodes b "
                "JOIN products p ON p.id = b.product_id "
                "JOIN stock s ON s.product_id = p.id AND s.location_id = :store "
                "AND s.on_hand >= 30 "
                "WHERE p.active AND length(b.code) = 13 AND p.price_cents >= 10000 "
                "AND p.price_cents % 100 = 0 ORDER BY b.code LIMIT :n"
            ),
            {"store": services.store.location_id, "n": count},
        ).all()
    assert len(rows) == count
    return [(r[0], r[1], r[2]) for r in rows]


# --- the steps -------------------------------------------------------------------------


def sign_in(walk: Walk, pin: str) -> None:
    """The sign-in before the window (bootstrap.run_enrolled_counter): the name picked
    with the arrow keys, the PIN typed, Enter."""
    services = walk.services
    cashier = services.staff.first_with_role("cashier")
    assert cashier is not None
    hands = Hands(walk.qtbot, walk.tasks, walk.check_language)
    chosen: list[Any] = []

    def inside(dialog: QDialog) -> None:
        hands.press(KEY.Key_Backtab)  # from the PIN up to the names
        names = dialog.findChild(QWidget, "staffName")
        assert names is not None and names.hasFocus()
        for _ in range(10):
            if names.currentText() == cashier.name:  # type: ignore[attr-defined]
                break
            hands.press(KEY.Key_Down)
        assert names.currentText() == cashier.name  # type: ignore[attr-defined]
        hands.press(KEY.Key_Tab)
        hands.type(pin)
        hands.press(KEY.Key_Return)

    hands.in_dialog(
        lambda: chosen.append(ask_for_staff(services.staff, walk.tasks, services.store.name)),
        inside,
    )
    assert chosen and chosen[0] is not None and chosen[0].id == cashier.id
    walk.counter = build_counter(services, chosen[0], walk.tasks)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    walk.counter.start_scanners(app)
    walk.counter.watch_idle(app)
    services.background.start()
    walk.counter.window.show()
    walk.qtbot.addWidget(walk.counter.window)
    walk.qtbot.waitExposed(walk.counter.window)
    walk.counter.window.activateWindow()
    walk.hands = Hands(walk.qtbot, walk.tasks, walk.check_language)
    walk.hands.settle()
    assert walk.counter.window.current_screen() is walk.counter.sale_screen
    assert walk.hands.focused() is walk.counter.sale_screen.scan_input
    walk.check_language("sale screen at start")


def count_pieces(walk: Walk, pieces: dict[int, int]) -> None:
    """Type the pieces of each denomination, top (NT$2,000) to bottom, Tab between."""
    hands, screen = walk.hands, walk.app.shift_screen
    assert hands is not None
    assert hands.focused() is screen.count_panel.spins[max(DENOMINATIONS)]
    for denomination in sorted(DENOMINATIONS, reverse=True):
        spin = screen.count_panel.spins[denomination]
        assert hands.focused() is spin or spin.isAncestorOf(hands.focused())
        if pieces.get(denomination):
            hands.press(KEY.Key_A, CTRL)  # over whatever the field holds
            hands.type(str(pieces[denomination]))
        if denomination != min(DENOMINATIONS):
            hands.press(KEY.Key_Tab)
    assert screen.count_panel.count() == {d: n for d, n in pieces.items() if n}


def open_shift(walk: Walk, pieces: dict[int, int]) -> int:
    hands, window, screen = walk.hands, walk.app.window, walk.app.shift_screen
    assert hands is not None
    hands.press(KEY.Key_F6)
    assert window.current_screen() is screen
    walk.check_language("shift screen, closed")
    count_pieces(walk, pieces)
    counted = money(screen.count_panel.total_label.text())
    hands.press(KEY.Key_O, CTRL)
    walk.qtbot.waitUntil(lambda: screen.shift is not None, timeout=5000)
    hands.settle()
    assert money(screen.message.text()) == counted
    walk.check_language("shift screen, opened")
    return counted


def screen_lines(walk: Walk) -> list[tuple[str, int, int, int]]:
    """(SKU, qty, unit price, amount) of each cart line, as the table shows them."""
    model = walk.app.sale_screen.cart_model
    rows = []
    for row in range(model.rowCount()):
        tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
        rows.append(
            (
                str(tip).split(" · ")[0],
                int(model.data(model.index(row, 2))),
                money(model.data(model.index(row, 1))),
                money(model.data(model.index(row, 3))),
            )
        )
    return rows


def discount(walk: Walk, mode_key: KEY, value: str, supervisor: bool = False) -> None:
    """% in the empty scan field, the kind by its Ctrl+digit, the value, Enter."""
    hands = walk.hands
    assert hands is not None

    def inside(_dialog: QDialog) -> None:
        hands.press(mode_key, CTRL)
        hands.type(value)
        hands.press(KEY.Key_Return)

    hands.in_dialog(lambda: hands.press(KEY.Key_Percent), inside, "discountDialog")
    if supervisor:  # above the cashier's 10 %: the supervisor's PIN, Enter

        def approve(_dialog: QDialog) -> None:
            hands.type(DEMO_SUPERVISOR_PIN)
            hands.press(KEY.Key_Return)

        hands.in_dialog(lambda: None, approve, "SupervisorApprovalDialog")
    sale = walk.app.sale_screen
    assert hands.focused() is sale.scan_input, "the focus did not come back to the scan field"


def backs_out(walk: Walk, press: Callable[[], None], name: str, back_to: QWidget) -> None:
    """A dialog opened and left with Esc: nothing changes, the keys are back on ``back_to``."""
    hands = walk.hands
    assert hands is not None
    lines = screen_lines(walk)
    hands.in_dialog(press, lambda _dialog: hands.press(KEY.Key_Escape), name)
    assert screen_lines(walk) == lines
    assert hands.focused() is back_to, f"after Esc in {name} the keys are on {hands.focused()}"


def pay(walk: Walk, parts: list[tuple[KEY, str, str, str]]) -> dict[str, Any]:
    """F12, then each part: its tender's key, the amount, Tab, reference, Tab, approval
    code, Enter. Returns what the screens said of the sale."""
    hands, sale = walk.hands, walk.app.sale_screen
    assert hands is not None
    said: dict[str, Any] = {
        "lines": screen_lines(walk),
        "total": money(sale.total_label.text()),
        "saved": money(sale.saved_label.text().splitlines()[-1]) if sale.saved_label.text() else 0,
        "payments": [],
    }

    def inside(dialog: QDialog) -> None:
        assert money(dialog.findChild(QWidget, "remaining").text()) == said["total"]  # type: ignore[attr-defined]
        for tender_key, amount, reference, approval in parts:
            hands.press(tender_key)
            hands.press(KEY.Key_A, CTRL)
            hands.type(amount)
            if reference:
                hands.press(KEY.Key_Tab)
                hands.type(reference)
            if approval:
                hands.press(KEY.Key_Tab)
                hands.type(approval)
            paid = dialog.findChild(QWidget, "payments")
            before = paid.count()  # type: ignore[attr-defined]
            hands.press(KEY.Key_Return)
            if dialog.isVisible():
                assert paid.count() == before + 1, dialog.findChild(QWidget, "message").text()  # type: ignore[attr-defined]
                said["payments"].append(paid.item(before).text())  # type: ignore[attr-defined]
            else:
                said["payments"].append(f"{amount} {reference} {approval}")

    hands.in_dialog(lambda: hands.press(KEY.Key_F12), inside, "tenderDialog")
    walk.qtbot.waitUntil(lambda: RECEIPT.search(sale.message.text()) is not None, timeout=5000)
    hands.settle()
    match = RECEIPT.search(sale.message.text())
    assert match is not None
    said["receipt_no"] = match.group(0)
    said["change"] = money(sale.last_sale_label.text())
    assert hands.focused() is sale.scan_input
    walk.check_language("sale screen after a sale")
    walk.day.sales.append(said)
    return said


def hold_and_recall(walk: Walk, held_code: str, other_code: str) -> None:
    """A customer not ready: Ctrl+H, the next customer's sale, Ctrl+R and Enter."""
    hands, sale = walk.hands, walk.app.sale_screen
    assert hands is not None
    hands.scan(held_code)
    hands.scan(held_code)
    held_lines = screen_lines(walk)
    assert held_lines and held_lines[0][1] == 2
    hands.press(KEY.Key_H, CTRL)
    walk.qtbot.waitUntil(lambda: sale.cart_model.rowCount() == 0, timeout=5000)
    hands.scan(other_code)
    total = money(sale.total_label.text())
    pay(walk, [(KEY.Key_F1, str(total // 100), "", "")])  # exact cash
    hands.in_dialog(
        lambda: hands.press(KEY.Key_R, CTRL),
        lambda _dialog: hands.press(KEY.Key_Return),
        "heldCartsDialog",
    )
    walk.qtbot.waitUntil(lambda: sale.cart_model.rowCount() == 1, timeout=5000)
    assert screen_lines(walk) == held_lines
    assert hands.focused() is sale.scan_input


def lock_and_unlock(walk: Walk, code: str) -> None:
    """Ctrl+L; a scan while locked stays out of the cart; Esc does not unlock; the PIN does."""
    hands, sale = walk.hands, walk.app.sale_screen
    assert hands is not None
    lines_before = screen_lines(walk)

    def inside(dialog: QDialog) -> None:
        hands.scan(code)
        hands.press(KEY.Key_Escape)
        assert dialog.isVisible(), "Esc unlocked the counter"
        hands.type(DEMO_CASHIER_PIN)
        hands.press(KEY.Key_Return)

    hands.in_dialog(lambda: hands.press(KEY.Key_L, CTRL), inside, "lockDialog")
    assert not walk.app.locked
    assert screen_lines(walk) == lines_before, "a scan reached the cart behind the lock"
    assert hands.focused() is sale.scan_input, "the focus did not come back after unlocking"


def cash_out(walk: Walk, dollars: int, reason: str) -> None:
    hands, screen = walk.hands, walk.app.shift_screen
    assert hands is not None
    hands.press(KEY.Key_F6)

    def inside(_dialog: QDialog) -> None:
        hands.press(KEY.Key_A, CTRL)
        hands.type(str(dollars))
        hands.press(KEY.Key_Tab)
        hands.type(reason)
        hands.press(KEY.Key_Return)

    top = screen.count_panel.spins[max(DENOMINATIONS)]
    backs_out(walk, lambda: hands.press(KEY.Key_U, CTRL), "CashMovementDialog", top)
    hands.in_dialog(lambda: hands.press(KEY.Key_U, CTRL), inside, "CashMovementDialog")
    walk.qtbot.waitUntil(lambda: money(screen.message.text() or "NT$0") == dollars * 100)
    assert hands.focused() in screen.count_panel.spins.values() or any(
        s.isAncestorOf(hands.focused()) for s in screen.count_panel.spins.values()
    ), "the focus did not come back to the count after the dialog"


def figures(walk: Walk) -> dict[str, int]:
    screen = walk.app.shift_screen
    names = {
        "opening": "Opening float",
        "cash_sales": "Cash sales",
        "cash_refunds": "Cash refunds",
        "cash_in": "Cash in",
        "cash_out": "Cash out",
        "expected": "Expected in the drawer",
        "counted": "Counted",
        "difference": "Difference",
    }
    found = {}
    for key, source in names.items():
        value = screen.figure(tr("ShiftScreen", source))
        if value is not None:
            found[key] = money(value)
    return found


def tender_rows(walk: Walk) -> dict[str, tuple[int, int]]:
    """{label: (sales, sum)} of the report's tender lines, as the screen shows them."""
    screen = walk.app.shift_screen
    pattern = re.escape(tr("ShiftScreen", "%1: %2 sales"))
    line = re.compile(pattern.replace("%1", "(.+?)").replace("%2", r"(\d+)") + "$")
    rows = {}
    for row in range(screen.figures.rowCount()):
        label = screen.figures.item(row, 0).text()
        match = line.match(label)
        if match:
            rows[match.group(1)] = (int(match.group(2)), money(screen.figures.item(row, 1).text()))
    return rows


def x_report(walk: Walk) -> None:
    hands = walk.hands
    assert hands is not None
    hands.press(KEY.Key_R, CTRL)
    title = tr("ShiftScreen", "X report (so far)")
    walk.qtbot.waitUntil(lambda: walk.app.shift_screen.report_title.text() == title)
    walk.day.x_report = figures(walk)
    walk.check_language("X report")


def close_shift(walk: Walk, short_by_dollars: int, supervisor: bool) -> None:
    """Count the drawer to what the screen expects, less ``short_by_dollars``, Ctrl+K."""
    hands, screen = walk.hands, walk.app.shift_screen
    assert hands is not None
    expected = money(screen.count_panel.expected_label.text()) // 100 - short_by_dollars
    pieces: dict[int, int] = {}
    for denomination in sorted(DENOMINATIONS, reverse=True):
        pieces[denomination], expected = divmod(expected, denomination)
    hands.press(KEY.Key_F1)
    hands.press(KEY.Key_F6)  # back: the focus starts at the top of the count again
    count_pieces(walk, pieces)
    if supervisor:

        def approve(_dialog: QDialog) -> None:
            hands.type(DEMO_SUPERVISOR_PIN)
            hands.press(KEY.Key_Return)

        hands.in_dialog(lambda: hands.press(KEY.Key_K, CTRL), approve, "SupervisorApprovalDialog")
    else:
        hands.press(KEY.Key_K, CTRL)
    title = tr("ShiftScreen", "Z report (closed)")
    walk.qtbot.waitUntil(lambda: screen.report_title.text() == title, timeout=5000)
    hands.settle()
    walk.day.z_report = figures(walk)
    walk.day.z_tenders = {label: total for label, (_n, total) in tender_rows(walk).items()}
    walk.day.shift_closed_message = screen.message.text()
    assert walk.day.z_report["difference"] == -short_by_dollars * 100
    walk.check_language("Z report")


def the_day(walk: Walk, *, offline_from_sale: int | None = None) -> None:
    """The walk itself; ``offline_from_sale``: the warehouse stops before that sale."""
    a, b, c, d = _products(walk.services, 4)
    sign_in(walk, DEMO_CASHIER_PIN)
    hands, sale = walk.hands, walk.app.sale_screen
    assert hands is not None
    opening = open_shift(walk, {1000: 1, 100: 5, 50: 4, 10: 10})
    assert opening == 180_000
    hands.press(KEY.Key_F1)
    assert hands.focused() is sale.scan_input

    def maybe_stop(index: int) -> None:
        if offline_from_sale == index:
            walk.server.stop()

    # Sale 1: three products (one twice), a line discount above the cashier's limit, a
    # cart discount, card + cash.
    maybe_stop(0)
    for code in (a[0], b[0], b[0], c[0]):
        hands.scan(code)
    assert [line[1] for line in screen_lines(walk)] == [1, 2, 1]
    hands.press(KEY.Key_Up)  # the line of b, above c's
    back = sale.scan_input
    backs_out(walk, lambda: hands.press(KEY.Key_Percent), "discountDialog", back)
    backs_out(walk, lambda: hands.press(KEY.Key_F12), "tenderDialog", back)
    discount(walk, KEY.Key_1, "20", supervisor=True)
    discount(walk, KEY.Key_5, "50")
    total = money(sale.total_label.text())
    card = total // 100 - 300
    pay(
        walk,
        [(KEY.Key_F2, str(card), "TX-889912", "A1B2C3"), (KEY.Key_F1, "1000", "", "")],
    )
    # Sale 2 (and a third in between): a held cart recalled, paid in cash.
    maybe_stop(1)
    hold_and_recall(walk, d[0], a[0])
    if offline_from_sale is not None:  # the status bar says so, and the sales wait
        offline = tr("CounterStatusBar", "● Offline: sales are kept and sent later")
        status = walk.app.window.status
        walk.qtbot.waitUntil(lambda: status.connection_label.text() == offline, timeout=15_000)
    lock_and_unlock(walk, c[0])
    total = money(sale.total_label.text())
    pay(walk, [(KEY.Key_F1, str(total // 100 + 100), "", "")])
    cash_out(walk, 200, "courier")
    x_report(walk)
    close_shift(walk, short_by_dollars=1, supervisor=offline_from_sale is not None)


# --- the printed Z report --------------------------------------------------------------

PRINTED = {  # the printed report's labels (Chinese in either language)
    "opening": "開班零用金",
    "cash_sales": "現金銷售",
    "cash_refunds": "現金退款",
    "cash_in": "存入現金",
    "cash_out": "取出現金",
    "expected": "應有現金",
    "counted": "實點現金",
    "difference": "差額",
}


def printed_z_report(walk: Walk) -> dict[str, Any]:
    """The Z report as the printer got it (the till prints to receipts.escpos until a
    printer is set up): its figures, its tender lines and its count by denomination."""
    path = walk.data_dir / "counter" / "receipts.escpos"
    walk.qtbot.waitUntil(lambda: path.exists() and "關帳".encode("cp950") in path.read_bytes())
    printed = path.read_bytes().decode("cp950", errors="replace")
    z = printed[printed.rindex("關帳") :]
    lines = [
        re.sub(r"[\x00-\x1f]", "", line) for line in z.split("\n")
    ]  # FS is a line end to splitlines
    found: dict[str, Any] = {"tenders": {}, "pieces": {}}
    for line in lines:
        for key, label in PRINTED.items():
            if re.search(rf"&{label}\.", line):
                found[key] = money(line[line.index(label) :])
        tender = re.search(r"&([^&.]+)\. (\d+) &筆\.\s+(NT\$[\d,]+)", line)
        if tender:
            found["tenders"][tender.group(1)] = (int(tender.group(2)), money(tender.group(3)))
        piece = re.search(r"NT\$([\d,]+)\s+x(\d+)", line)
        if piece:
            found["pieces"][int(piece.group(1).replace(",", ""))] = int(piece.group(2))
    return found


# --- comparing with the warehouse ------------------------------------------------------


def compare_with_the_warehouse(walk: Walk) -> None:
    services, day = walk.services, walk.day
    walk.qtbot.waitUntil(lambda: services.sync_status.status().waiting == 0, timeout=20_000)
    status_text = walk.app.window.status.waiting_label.text()
    walk.qtbot.waitUntil(
        lambda: walk.app.window.status.waiting_label.text() == tr("CounterStatusBar", "All synced"),
        timeout=10_000,
    )
    del status_text
    sales = {
        s["receipt_no"]: s
        for s in _operator_get(walk, "/operator/sales", store=DEMO_STORE, limit=50)
    }
    assert set(sales) == {s["receipt_no"] for s in day.sales}
    products = {}
    with services.db.read() as session:
        for product in session.scalars(select(models.Product)):
            products[product.id] = product.sku
    cashier = services.staff.first_with_role("cashier")
    assert cashier is not None
    for said in day.sales:
        record = sales[said["receipt_no"]]
        assert record["total_cents"] == said["total"], said["receipt_no"]
        assert record["cashier_id"] == cashier.id
        # Each line: the SKU, quantity and unit price on the screen; the warehouse's list
        # price, discount and paid add up; what the lines paid is the total shown.
        shown = sorted((sku, qty, unit) for sku, qty, unit, _amount in said["lines"])
        kept = sorted(
            (products[line["product_id"]], line["qty"], line["unit_price_cents"])
            for line in record["lines"]
        )
        assert kept == shown
        for line in record["lines"]:
            assert line["list_price_cents"] == line["unit_price_cents"]  # no override
            paid = line["list_price_cents"] * line["qty"] - line["discount_cents"]
            assert paid == line["line_total_cents"]
        assert sum(line["line_total_cents"] for line in record["lines"]) == said["total"]
        assert sum(line["discount_cents"] for line in record["lines"]) == said["saved"]
        # Payments: what the tender dialog listed, and the change the screen showed.
        paid_in = sum(p["amount_cents"] for p in record["payments"])
        assert paid_in == said["total"]
        change = sum(p["change_cents"] or 0 for p in record["payments"])
        assert change == said["change"]
        for payment, line_shown in zip(
            sorted(record["payments"], key=lambda p: p["method"] != "card"),
            sorted(said["payments"], key=lambda t: "A1B2C3" not in t),
            strict=True,
        ):
            assert Money(payment["amount_cents"]).format() in line_shown or (
                str(payment["tendered_cents"] // 100) in line_shown
            )
            if payment["method"] == "card":
                assert payment["reference"] == "TX-889912"
                assert payment["approval_code"] == "A1B2C3"
                assert payment["reference"][-4:] in line_shown and "A1B2C3" in line_shown

    # The shift: the Z report's figures as the screen showed them.
    [shift] = [
        s
        for s in _operator_get(walk, "/operator/shifts", store=DEMO_STORE)
        if s["counted_cents"] == day.z_report["counted"]
    ]
    z = day.z_report
    assert (
        shift["opening_cents"],
        shift["cash_sales_cents"],
        shift["cash_refunds_cents"],
        shift["cash_in_cents"],
        shift["cash_out_cents"],
        shift["expected_cents"],
        shift["counted_cents"],
        shift["difference_cents"],
    ) == (
        z["opening"],
        z["cash_sales"],
        -z["cash_refunds"],
        z["cash_in"],
        -z["cash_out"],
        z["expected"],
        z["counted"],
        z["difference"],
    )
    assert shift["sale_count"] == len(day.sales)
    # The printed Z report says the same as the screen and the warehouse.
    printed = printed_z_report(walk)
    assert {k: printed[k] for k in PRINTED} == {
        "opening": shift["opening_cents"],
        "cash_sales": shift["cash_sales_cents"],
        "cash_refunds": shift["cash_refunds_cents"],
        "cash_in": shift["cash_in_cents"],
        "cash_out": -shift["cash_out_cents"],
        "expected": shift["expected_cents"],
        "counted": shift["counted_cents"],
        "difference": shift["difference_cents"],
    }
    assert {int(d): n for d, n in shift["report"]["closing_count"].items()} == printed["pieces"]
    assert printed["tenders"].pop("銷售合計") == (
        len(day.sales),
        sum(s["total"] for s in day.sales),
    )
    assert sorted(printed["tenders"].values()) == sorted(
        (t["sales_count"], t["sales_cents"]) for t in shift["report"]["tenders"] if t["sales_count"]
    )
    assert shift["staff_id"] == cashier.id
    assert sorted(t["sales_cents"] for t in shift["report"]["tenders"] if t["sales_cents"]) == (
        sorted(v for v in day.z_tenders.values() if v)
    )
    cash_sales = sum(
        p["amount_cents"] for s in sales.values() for p in s["payments"] if p["method"] == "cash"
    )
    assert cash_sales == z["cash_sales"]
    assert z["expected"] == z["opening"] + z["cash_sales"] + z["cash_in"] + z["cash_out"]
    # Audited: the supervisor's approval of the line discount (and, offline, of the close).
    audit = _operator_get(walk, "/operator/audit", store=DEMO_STORE)
    actions = sorted(e["action"] for e in audit)
    expected_actions = ["line_discount"]
    if walk.day.z_report and shift["unsynced_ops"]:
        expected_actions.append("shift.close_unsynced")
    assert actions == sorted(expected_actions)
    supervisor = services.staff.first_with_role("supervisor")
    assert supervisor is not None
    assert {e["staff_id"] for e in audit} == {supervisor.id}
    [given] = [e for e in audit if e["action"] == "line_discount"]
    assert given["detail"]["cashier_id"] == cashier.id


# --- the variants ----------------------------------------------------------------------


def test_a_cashiers_day_by_keyboard_online(walk_setup: Callable[[str], Walk]) -> None:
    walk = walk_setup("zh_TW")
    the_day(walk)
    assert walk.day.z_report["cash_out"] == -20_000
    compare_with_the_warehouse(walk)


def test_a_cashiers_day_by_keyboard_with_the_warehouse_stopped_mid_day(
    walk_setup: Callable[[str], Walk],
) -> None:
    walk = walk_setup("zh_TW")
    the_day(walk, offline_from_sale=1)
    assert walk.services.sync_status.status().waiting > 0  # kept to send later
    assert walk.day.z_report  # closed offline, with a supervisor
    port = walk.server.port
    walk.server = start_embedded(walk.warehouse_url, port=port)
    walk.services.background.push_soon()
    compare_with_the_warehouse(walk)


def test_a_cashiers_day_by_keyboard_in_english(walk_setup: Callable[[str], Walk]) -> None:
    walk = walk_setup("en")
    the_day(walk)
    compare_with_the_warehouse(walk)
    assert walk.untranslated is not None
    assert walk.untranslated.found == []
    assert walk.language_checks >= 15  # every screen and dialog of the walk was read
    assert not CJK.search(walk.day.shift_closed_message)
