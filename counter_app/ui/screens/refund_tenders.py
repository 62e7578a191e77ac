"""The refund per tender on the returns screen, before the cashier confirms: each tender
the sale was paid with and its part of the refund, a field for the refund's reference
on card and mobile parts (and a card's approval code), and "all in cash instead"
(a cashier's choice a supervisor approves: services/returns.py; not offered for a void,
which refunds each tender what it paid: ui/void_refund_dialog.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.core.money import Money
from counter_app.core.refunds import RefundPart
from counter_app.core.tenders import CASH_CODE, MAX_APPROVAL_CODE, MAX_REFERENCE, Tender, TenderKind


class RefundTendersPanel(QWidget):
    changed = Signal()  # "all in cash instead" was ticked or unticked

    def __init__(
        self,
        parent: QWidget | None = None,
        language: str | None = None,
        *,
        offers_cash_instead: bool = True,
    ) -> None:
        super().__init__(parent)
        self._language = language or QLocale().name()
        self._offers_cash_instead = offers_cash_instead
        self._typed: dict[str, tuple[str, str]] = {}
        self._fields: dict[str, tuple[QLineEdit, QLineEdit | None]] = {}
        self.to_cash = QCheckBox(self.tr("Refund all in cash instead"))
        self.to_cash.setObjectName("refundToCash")
        self.to_cash.toggled.connect(lambda _on: self.changed.emit())
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.to_cash)

    def show_parts(self, parts: Sequence[RefundPart], tenders: Mapping[str, Tender]) -> None:
        """One row per tender: its name, its part, and for card and mobile parts the
        reference (and approval code) fields; what was typed stays while the parts change."""
        self._remember()
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Still parented until Qt deletes it: hidden, and nameless so that
                # findChild no longer finds it.
                widget.hide()
                widget.setObjectName("")
                widget.deleteLater()
        self._fields = {}
        self.to_cash.setVisible(
            self._offers_cash_instead
            and (any(p.method != CASH_CODE for p in parts) or self.to_cash.isChecked())
        )
        for row, part in enumerate(parts):
            tender = tenders.get(part.method)
            name = tender.name(self._language) if tender is not None else part.method
            label = QLabel(
                self.tr("Back to %1: %2")
                .replace("%1", name)
                .replace("%2", Money(part.amount_cents).format())
            )
            label.setObjectName(f"refundPart_{part.method}")
            self._grid.addWidget(label, row, 0)
            if part.method == CASH_CODE:
                continue
            typed = self._typed.get(part.method, ("", ""))
            reference = QLineEdit(typed[0])
            reference.setObjectName(f"refundReference_{part.method}")
            reference.setMaxLength(MAX_REFERENCE)
            reference.setPlaceholderText(self.tr("Refund reference (never the card number)"))
            self._grid.addWidget(reference, row, 1)
            approval = None
            if tender is not None and tender.kind is TenderKind.CARD:
                approval = QLineEdit(typed[1])
                approval.setObjectName(f"refundApproval_{part.method}")
                approval.setMaxLength(MAX_APPROVAL_CODE)
                approval.setPlaceholderText(self.tr("Approval code"))
                self._grid.addWidget(approval, row, 2)
            self._fields[part.method] = (reference, approval)

    def references(self) -> dict[str, tuple[str, str]]:
        """Method -> (refund reference, approval code) as typed."""
        self._remember()
        return dict(self._typed)

    def cash_instead(self) -> bool:
        return self.to_cash.isChecked()

    def clear(self) -> None:
        self._typed = {}
        self._fields = {}
        self.to_cash.setChecked(False)
        self.show_parts([], {})

    def _remember(self) -> None:
        for method, (reference, approval) in self._fields.items():
            self._typed[method] = (reference.text(), approval.text() if approval else "")
