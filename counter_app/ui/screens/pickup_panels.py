"""The pickup desk's side panels (F8): handing over part of a pickup, and the call list
of released holds.

Like the desk itself they decide nothing: ``PickupDeskService`` refuses a hand-over of
more than is here, ``PickupFollowUps`` lists the holds to call about, shows a phone
(audited) and marks a call.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.money import Money
from counter_app.services.context import StaffMember
from counter_app.services.pickup_followups import CallListRow, PickupFollowUps
from counter_app.services.pickups import PickupEntry
from counter_app.ui.keyed_button import keyed_button
from counter_app.ui.local_time import local_time_text
from counter_app.ui.tables import fill_rows, read_only_table
from counter_app.ui.task_runner import TaskRunner

KEY = "  (F12)"  # the partial hand-over's button answers F12 whatever its words


class PartialHandoverPanel(QWidget):
    """The selected ready pickup, line by line: here, still to come, and how many the
    customer takes now (at most what is here)."""

    handover_requested = Signal(str, object)  # pickup code, {product_id: qty}

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("partial_handover_panel")
        self.entry: PickupEntry | None = None
        self.spins: dict[int, QSpinBox] = {}
        self.heading = QLabel()
        self.heading.setObjectName("partial_heading")
        self.heading.setWordWrap(True)
        self.grid = QGridLayout()
        # An order paid at pickup: what the quantities below cost at the desk.
        self.to_pay = QLabel()
        self.to_pay.setObjectName("partial_to_pay")
        self.to_pay.setStyleSheet("color: #0d47a1; font-size: 18px; font-weight: bold;")
        self.button = QPushButton(self.tr("Hand over these") + KEY)
        self.button.setObjectName("partial_handover_button")
        self.button.setShortcut(QKeySequence("F12"))
        self.button.clicked.connect(self._request)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.to_pay)
        layout.addWidget(self.button)
        self.show_entry(None)

    def show_entry(self, entry: PickupEntry | None) -> None:
        """A ready (or overdue) pickup to hand over in part; anything else clears the panel."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        ready = entry is not None and entry.status in ("ready", "overdue")
        self.entry = entry if ready else None
        self.button.setEnabled(False)
        if entry is None or not ready:
            self.heading.setText(self.tr("Select a ready pickup to hand over part of it"))
            self.button.setText(self.tr("Hand over these") + KEY)
            self.to_pay.setText("")
            return
        self.heading.setText(
            self.tr("Pickup %1: what the customer takes now").replace("%1", entry.pickup_code)
        )
        self.button.setText(
            (
                self.tr("Take payment and hand over")
                if entry.record.pays_at_pickup
                else self.tr("Hand over these")
            )
            + KEY
        )
        for column, title in enumerate(
            (self.tr("Item"), self.tr("Here"), self.tr("To come"), self.tr("Taking now"))
        ):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, state in enumerate(entry.record.line_states(), start=1):
            spin = QSpinBox()
            spin.setObjectName(f"take_now_{state.product_id}")
            spin.setRange(0, state.here)
            spin.setValue(state.here)
            spin.setEnabled(state.here > 0)
            spin.valueChanged.connect(lambda _v: self._update_button())
            self.spins[state.product_id] = spin
            self.grid.addWidget(QLabel(entry.name_of(state.product_id)), row, 0)
            self.grid.addWidget(QLabel(str(state.here)), row, 1)
            self.grid.addWidget(QLabel(str(state.qty - state.collected - state.here)), row, 2)
            self.grid.addWidget(spin, row, 3)
        self._update_button()

    def _update_button(self) -> None:
        self.button.setEnabled(any(spin.value() for spin in self.spins.values()))
        entry = self.entry
        if entry is None or not entry.record.pays_at_pickup:
            self.to_pay.setText("")
            return
        due = Money(entry.record.due_cents({pid: s.value() for pid, s in self.spins.items()}))
        self.to_pay.setText(self.tr("To pay %1").replace("%1", due.format()))

    def _request(self) -> None:
        if self.entry is None:
            return
        lines = {pid: spin.value() for pid, spin in self.spins.items() if spin.value()}
        if lines:
            self.handover_requested.emit(self.entry.pickup_code, lines)


class CallListPanel(QWidget):
    """Holds released because they passed their expiry: whom to call, about what, since
    when. The phone stays masked until staff open the row (``Show phone``)."""

    def __init__(
        self,
        followups: PickupFollowUps,
        tasks: TaskRunner,
        staff: Callable[[], StaffMember],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setObjectName("call_list_panel")
        self._followups = followups
        self._tasks = tasks
        self._staff = staff
        self._on_error = on_error  # the desk says it in words
        self.rows: list[CallListRow] = []
        self.revealed: dict[str, str] = {}  # reservation id -> the phone staff opened
        self.table = read_only_table(
            "call_list_table",
            [
                self.tr("Customer"),
                self.tr("Phone"),
                self.tr("Items"),
                self.tr("Hold expired"),
                self.tr("Called"),
            ],
            2,
        )
        self.show_phone_button = keyed_button(
            self.tr("Show phone"), "Ctrl+T", self.show_phone, "show_phone_button"
        )
        self.called_button = keyed_button(
            self.tr("Mark called"), "Ctrl+M", self.mark_called, "mark_called_button"
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_phone_button)
        buttons.addWidget(self.called_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self._tasks.db(self._followups.call_list, self._show_rows, self._failed, owner=self)

    def _show_rows(self, rows: list[CallListRow]) -> None:
        self.rows = rows
        fill_rows(
            self.table,
            [
                (
                    r.entry.record.customer_name or "",
                    self.revealed.get(r.reservation_id, r.entry.masked_phone),
                    "、".join(f"{line.name} ×{line.qty}" for line in r.entry.lines),
                    local_time_text(r.expired_at),
                    local_time_text(r.called_at) if r.called_at else "",
                )
                for r in rows
            ],
        )

    def _selected(self) -> CallListRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def show_phone(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        rid, staff = selected.reservation_id, self._staff()

        def shown(phone: str) -> None:
            self.revealed[rid] = phone
            self._show_rows(self.rows)

        self._tasks.db(
            lambda: self._followups.reveal_phone(rid, staff), shown, self._failed, owner=self
        )

    def mark_called(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        rid, staff = selected.reservation_id, self._staff()
        self._tasks.db(
            lambda: self._followups.mark_called(rid, staff),
            lambda _none: self.reload(),
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self._on_error(error)
