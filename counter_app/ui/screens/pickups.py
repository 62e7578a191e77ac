"""The pickup desk (F8): this store's reservations by status, searchable by pickup code,
name or the phone's last digits, and the hand-over by scanning the slip's code (the
scan router sends pickup codes here) or typing it: everything that is here, or part
of it from the side panel. A second tab lists released holds to call about
(``pickup_panels.py``).

The screen decides nothing: ``PickupDeskService`` refuses what cannot be handed over
and records what can; this screen says the refusals in words and prints the handover
slip the service lays out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.cart import CartError
from counter_app.core.codes import PickupCode, ScanResult
from counter_app.core.einvoice_codes import NO_BUYER, InvoiceBuyer
from counter_app.core.money import Money
from counter_app.core.tenders import CASH, Tender, TenderedPayment
from counter_app.services.context import StaffMember
from counter_app.services.pickup_followups import PickupFollowUps
from counter_app.services.pickups import (
    STATUSES,
    Handover,
    HandoverPlan,
    PaidHandover,
    PickupDeskService,
    PickupEntry,
    PickupError,
)
from counter_app.ui.keyed_button import keyed_button
from counter_app.ui.local_time import local_time_text
from counter_app.ui.screens.base import Screen
from counter_app.ui.screens.pickup_panels import CallListPanel, PartialHandoverPanel
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner
from counter_app.ui.tender_dialog import TenderDialog

log = logging.getLogger(__name__)

# What the payment step answers: the tenders taken and the e-invoice's buyer, or None
# when the cashier left it (nothing is recorded then).
Payment = tuple[Sequence[TenderedPayment], InvoiceBuyer]
AskPayment = Callable[[Money, Sequence[Tender], QWidget], Payment | None]


def ask_payment_with_dialog(
    total: Money, tenders: Sequence[Tender], parent: QWidget
) -> Payment | None:
    """The sale screen's payment step (any tenders, split) for what a hand-over costs."""
    dialog = TenderDialog(total, tenders, parent)
    if dialog.exec() != TenderDialog.DialogCode.Accepted:
        return None
    return dialog.payments, dialog.buyer


class PickupsScreen(Screen):
    name = "pickups"
    key = "F8"
    # A hand-over paid at the desk: its sale, printed and settled like any (bootstrap).
    sale_completed = Signal(object)  # CompletedSale
    shift_required = Signal()

    def __init__(
        self,
        desk: PickupDeskService,
        tasks: TaskRunner,
        cashier: StaffMember,
        followups: PickupFollowUps | None = None,
        load_tenders: Callable[[], list[Tender]] | None = None,
        ask_payment: AskPayment | None = None,
    ) -> None:
        super().__init__()
        self._desk = desk
        self._tasks = tasks
        self.cashier = cashier
        self._busy = False
        self.entries: list[PickupEntry] = []
        self._load_tenders = load_tenders  # services/tenders.TenderService.usable
        self._ask_payment = ask_payment or ask_payment_with_dialog

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("pickup_status_filter")
        self.status_filter.addItem(self.tr("All"), None)
        for status in STATUSES:
            self.status_filter.addItem(self.status_text(status), status)
        self.status_filter.setCurrentIndex(STATUSES.index("ready") + 1)  # the desk's work
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.search = QLineEdit()
        self.search.setObjectName("pickup_search")
        self.search.setPlaceholderText(
            self.tr(
                "Search: pickup code or its last digits, name, order number, phone's last digits"
            )
        )
        self.search.textChanged.connect(lambda _t: self.reload())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Status")))
        top.addWidget(self.status_filter)
        top.addWidget(self.search, 1)

        self.table = read_only_table(
            "pickup_table",
            [
                self.tr("Pickup code"),
                self.tr("Status"),
                self.tr("Items"),
                self.tr("Customer"),
                self.tr("Hold until"),
                self.tr("Order"),
                self.tr("To pay"),
            ],
            2,
        )
        # A group-buy order's number in full (blank for a counter's own reservation).
        # Every column as wide as its words; the items take what is left. Column 6, paid at
        # pickup: what taking everything here costs now (blank when paid before).
        for column in (0, 1, 3, 4, 5, 6):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.currentCellChanged.connect(lambda *_a: self._selected_changed())
        self.partial = PartialHandoverPanel()
        self.partial.handover_requested.connect(self.hand_over)
        pickups_tab = QWidget()
        pickups_row = QHBoxLayout(pickups_tab)
        pickups_row.setContentsMargins(0, 0, 0, 0)
        pickups_row.addWidget(self.table, 2)
        pickups_row.addWidget(self.partial, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("pickup_tabs")
        self.tabs.addTab(pickups_tab, self.tr("Pickups"))
        self.call_list: CallListPanel | None = None
        if followups is not None:
            self.call_list = CallListPanel(
                followups, tasks, lambda: self.cashier, self._call_list_failed
            )
            self.tabs.addTab(self.call_list, self.tr("Expired holds to call"))

        self.code_input = QLineEdit()
        self.code_input.setObjectName("pickup_code_input")
        self.code_input.setPlaceholderText(self.tr("Scan or type the pickup code, then Enter"))
        big = QFont()
        big.setPointSize(16)
        self.code_input.setFont(big)
        self.code_input.returnPressed.connect(self._typed)
        self.hand_over_button = QPushButton(self.tr("Hand over") + "  (Enter)")
        self.hand_over_button.setObjectName("hand_over_button")
        self.hand_over_button.clicked.connect(self._typed)
        self.slip_button = keyed_button(
            self.tr("Print pickup slip"), "Ctrl+P", self.print_slip, "pickup_slip_button"
        )
        entry = QHBoxLayout()
        entry.addWidget(self.code_input, 1)
        entry.addWidget(self.hand_over_button)
        entry.addWidget(self.slip_button)

        self.message = QLabel()
        self.message.setObjectName("pickup_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(entry)
        layout.addWidget(self.message)

    # --- Screen -------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Pickups")

    def on_show(self) -> None:
        self.reload()
        self.code_input.setFocus()

    def on_scan(self, result: ScanResult, text: str) -> None:
        if isinstance(result, PickupCode):
            self.hand_over(result.code)
        else:
            self.show_problem(self.tr("%1 is not a pickup code").replace("%1", text[:40]))

    def show_problem(self, text: str) -> None:
        self._show(text, "#b00020")

    def set_cashier(self, cashier: StaffMember) -> None:
        self.cashier = cashier

    # --- words --------------------------------------------------------------------

    def status_text(self, status: str) -> str:
        words = {
            "pending": self.tr("Pending confirmation"),
            "confirmed": self.tr("Confirmed"),
            "in_transit": self.tr("In transit"),
            "ready": self.tr("Ready"),
            "overdue": self.tr("Overdue"),
            "picked_up": self.tr("Picked up"),
            "expired": self.tr("Expired"),
            "cancelled": self.tr("Cancelled"),
        }
        return words.get(status, status)

    def order_text(self, entry: PickupEntry) -> str:
        """A group-buy order's channel number with the group-buy mark; blank for a
        counter's own reservation."""
        if entry.channel_order is None:
            return ""
        return self.tr("Group-buy %1").replace("%1", entry.channel_order)

    def to_pay_text(self, entry: PickupEntry) -> str:
        """An order paid at pickup: what taking everything here now costs; "Paid" once
        nothing of it is left to pay; blank for one paid before."""
        if not entry.record.pays_at_pickup:
            return ""
        if entry.to_pay.cents:
            return self.tr("To pay %1").replace("%1", entry.to_pay.format())
        if entry.status == "picked_up":
            return self.tr("Paid at the store")
        return self.tr("Pay at pickup")

    def refusal_text(self, error: PickupError) -> str:
        code = error.pickup_code
        match error.code:
            case "unknown_code":
                return self.tr("Pickup code %1 is not known at this store").replace(
                    "%1", code or "—"
                )
            case "not_ready":
                return (
                    self.tr("Pickup %1 is not ready yet (%2): its goods have not arrived")
                    .replace("%1", code)
                    .replace("%2", self.status_text(error.status))
                )
            case "already_picked_up":
                return self.tr("Pickup %1 was already handed over").replace("%1", code)
            case "closed":
                return (
                    self.tr("Pickup %1 cannot be handed over: it is %2")
                    .replace("%1", code)
                    .replace("%2", self.status_text(error.status))
                )
            case "bad_phone":
                return self.tr(
                    "Enter a Taiwan phone number: 09 and 8 digits, or a landline with its area code"
                )
            case "bad_qty":
                return self.tr("Enter a quantity from 1 to 999")
            case "no_name":
                return self.tr("Enter the customer's name")
            case "exceeds_held":
                return self.tr("Pickup %1: that is more than is here for the customer").replace(
                    "%1", code
                )
            case "nothing_here":
                return self.tr("Pickup %1: nothing of it is here yet").replace("%1", code)
            case "not_on_call_list":
                return self.tr("This reservation's hold was not released")
            case "no_code_yet":
                return self.tr(
                    "No pickup code yet: the warehouse has not confirmed this reservation"
                )
            case "payment_due":
                return self.tr("Pickup %1 is paid at pickup: take the payment first").replace(
                    "%1", code
                )
            case "payment_not_due":
                return self.tr("Pickup %1 has nothing to pay").replace("%1", code)
            case "no_selling":
                return self.tr("This till cannot take payments at the pickup desk")
        return str(error)

    # --- actions ------------------------------------------------------------------

    def reload(self) -> None:
        status = self.status_filter.currentData()
        query = self.search.text()
        self._tasks.db(
            lambda: self._desk.entries(status, query),
            self._show_entries,
            self._on_failed,
            owner=self,
        )
        if self.call_list is not None:
            self.call_list.reload()

    def _show_entries(self, entries: list[PickupEntry]) -> None:
        self.entries = entries
        fill_rows(
            self.table,
            [
                (
                    e.pickup_code,
                    self.status_text(e.status),
                    "、".join(f"{line.name} ×{line.qty}" for line in e.lines),
                    e.record.customer_name or "",
                    local_time_text(e.record.expires_at) if e.record.expires_at else "",
                    self.order_text(e),
                    self.to_pay_text(e),
                )
                for e in entries
            ],
        )
        self._selected_changed()

    def _selected_changed(self) -> None:
        row = self.table.currentRow()
        self.partial.show_entry(self.entries[row] if 0 <= row < len(self.entries) else None)

    def print_slip(self) -> None:
        """The pickup slip of the selected reservation (a reprint for the customer)."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return
        rid = self.entries[row].record.reservation_id
        self._tasks.db(
            lambda: self._desk.print_pickup_slip(rid),
            lambda _job: self._show(self.tr("Pickup slip sent to the printer"), "#1b7f3b"),
            self._refused,
            owner=self,
        )

    def _typed(self) -> None:
        code = self.code_input.text().strip()
        if code:
            self.hand_over(code)

    def hand_over(self, code: str, lines: dict[int, int] | None = None) -> None:
        """Hand over the pickup with this code (scanned or typed: all that is here; from
        the side panel: ``lines``) and print its slip. An order paid at pickup asks for
        the payment first (the tender dialog) and records its sale with the hand-over."""
        if self._busy:
            return
        self._busy = True
        self._tasks.db(
            lambda: self._desk.plan(code, lines),
            lambda plan: self._planned(code, lines, plan),
            self._refused,
            owner=self,
        )

    def _planned(self, code: str, lines: dict[int, int] | None, plan: HandoverPlan) -> None:
        if not plan.due.cents:
            self._record(code, lines)
            return
        if self._load_tenders is None:
            self._pay(code, lines, plan, [CASH])
            return
        load = self._load_tenders
        self._tasks.db(
            load,
            lambda tenders: self._pay(code, lines, plan, list(tenders) or [CASH]),
            lambda _error: self._pay(code, lines, plan, [CASH]),
            owner=self,
        )

    def _pay(
        self, code: str, lines: dict[int, int] | None, plan: HandoverPlan, tenders: list[Tender]
    ) -> None:
        self._show(
            self.tr("Pickup %1: to pay %2")
            .replace("%1", plan.entry.pickup_code)
            .replace("%2", plan.due.format()),
            "#0d47a1",
        )
        paid = self._ask_payment(plan.due, tenders, self)
        if paid is None:
            self._busy = False
            self._show(
                self.tr("Pickup %1 not handed over: no payment taken").replace(
                    "%1", plan.entry.pickup_code
                ),
                "#b00020",
            )
            self.code_input.setFocus()
            return
        payments, buyer = tuple(paid[0]), paid[1] or NO_BUYER
        cashier = self.cashier
        taken = dict(plan.taken)

        def work() -> tuple[PaidHandover, str | None]:
            done = self._desk.hand_over_paid(code, cashier, payments, taken, buyer)
            try:
                job = self._desk.print_handover(done.handover, cashier, done.sale)
            except Exception:  # recorded; a print problem must not hide it
                log.exception("handover slip for %s not printed", done.handover.entry.pickup_code)
                job = None
            return done, job

        self._tasks.db(work, self._paid_and_handed_over, self._refused, owner=self)

    def _record(self, code: str, lines: dict[int, int] | None) -> None:
        cashier = self.cashier

        def work() -> tuple[Handover, str | None]:
            handover = self._desk.hand_over(code, cashier, lines)
            try:
                job = self._desk.print_handover(handover, cashier)
            except Exception:  # the hand-over is recorded; a print problem must not hide it
                log.exception("handover slip for %s not printed", handover.entry.pickup_code)
                job = None
            return handover, job

        self._tasks.db(work, self._handed_over, self._refused, owner=self)

    def _paid_and_handed_over(self, done: tuple[PaidHandover, str | None]) -> None:
        paid, job = done
        sale = paid.sale
        self._handed_over((paid.handover, job))
        self._show(
            self.message.text()
            + " "
            + self.tr("Paid %1, receipt %2. Change due: %3")
            .replace("%1", sale.total.format())
            .replace("%2", sale.receipt_no)
            .replace("%3", sale.change.format()),
            "#1b7f3b",
        )
        self.sale_completed.emit(sale)  # the receipt, the drawer, the e-invoice proof

    def _handed_over(self, done: tuple[Handover, str | None]) -> None:
        self._busy = False
        handover, _job = done
        self.code_input.clear()
        items = "、".join(f"{line.name} ×{line.qty}" for line in handover.handed)
        text = (
            self.tr("Handed over %1: %2")
            .replace("%1", handover.entry.pickup_code)
            .replace("%2", items)
        )
        later = handover.still_to_come
        if later:
            text += " " + self.tr("Still to come: %1").replace(
                "%1", "、".join(f"{line.name} ×{line.qty}" for line in later)
            )
        self._show(text, "#1b7f3b")
        self.reload()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, PickupError):
            self.show_problem(self.refusal_text(error))
        elif isinstance(error, CartError) and error.code == "no_open_shift":
            self.show_problem(
                self.tr(
                    "No shift is open: open one (F6) before taking a payment. Nothing was handed over."
                )
            )
            self.shift_required.emit()
        elif isinstance(error, CartError):
            log.error("pickup payment refused: %s", error)
            self.show_problem(
                self.tr("The payment was not recorded (%1): nothing was handed over.").replace(
                    "%1", str(error)
                )
            )
        else:
            log.error("pickup hand-over failed", exc_info=error)
            self.show_problem(
                self.tr("The hand-over could not be recorded: %1").replace("%1", str(error))
            )
        self.code_input.selectAll()

    def _call_list_failed(self, error: BaseException) -> None:
        if isinstance(error, PickupError):
            self.show_problem(self.refusal_text(error))
            return
        log.error("call list action failed", exc_info=error)
        self.show_problem(
            self.tr("The call list could not be updated: %1").replace("%1", str(error))
        )

    def _on_failed(self, error: BaseException) -> None:
        log.error("pickup list failed", exc_info=error)
        self.show_problem(
            self.tr("The pickup list could not be read: %1").replace("%1", str(error))
        )

    def _show(self, text: str, color: str) -> None:
        self.message.setStyleSheet(f"color: {color}; font-size: 15px;")
        self.message.setText(text)
