"""Before a supervisor voids a sale paid (in part) by card, mobile payment or voucher: what
each tender gets back, and the reference of each card or mobile cancellation (a card's
approval code too), typed from the terminal; the returns screen's panel
(ui/screens/refund_tenders.py), without "all in cash instead". OK checks what was typed
as the returns service will (core/refunds.with_references) and stays open on a mistake."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from counter_app.core.money import Money
from counter_app.core.refunds import with_references
from counter_app.core.tenders import TenderError
from counter_app.services.returns import ReturnError
from counter_app.services.voids import VoidPlan
from counter_app.ui.screens.refund_tenders import RefundTendersPanel
from counter_app.ui.screens.returns import return_error_text


class VoidRefundDialog(QDialog):
    def __init__(self, plan: VoidPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voidRefundDialog")
        self.setWindowTitle(self.tr("Void a sale"))
        self._plan = plan
        total = Money(sum(p.amount_cents for p in plan.parts))
        intro = QLabel(
            self.tr(
                "Sale %1: %2 goes back to the tenders that paid it. Cancel each card or "
                "mobile payment on its terminal and type the cancellation's reference."
            )
            .replace("%1", plan.sale.receipt_no)
            .replace("%2", total.format())
        )
        intro.setWordWrap(True)
        self.panel = RefundTendersPanel(self, offers_cash_instead=False)
        self.panel.setObjectName("voidRefundTenders")
        self.panel.show_parts(plan.parts, plan.tenders)
        self.error = QLabel("")
        self.error.setObjectName("voidRefundError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.panel)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def references(self) -> dict[str, tuple[str, str]]:
        """Method -> (cancellation reference, approval code) as typed."""
        return self.panel.references()

    def _on_accept(self) -> None:
        kinds = {code: t.kind for code, t in self._plan.tenders.items()}
        try:
            with_references(self._plan.parts, kinds, self.references())
        except TenderError as error:
            self.error.setText(return_error_text(ReturnError(error.code, str(error))))
            return
        self.accept()
