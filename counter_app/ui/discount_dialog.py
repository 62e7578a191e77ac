"""The discount dialog (% on the sale screen): a percent or an amount off the selected
line or the whole cart, or a new price for the line with a reason. It collects and
previews; whether the cashier may give it is the discount service's decision
(services/discounts.py), the arithmetic is core/discounts.py.

Keyboard: Ctrl+1 ... Ctrl+5 pick the kind (shown on each choice), Tab moves between the
fields, Enter confirms, Esc backs out; Ctrl+0 takes the discount off.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, DiscountError, PriceOverride
from counter_app.core.money import Money


class Mode(Enum):
    LINE_PERCENT = 1
    LINE_AMOUNT = 2
    LINE_PRICE = 3
    CART_PERCENT = 4
    CART_AMOUNT = 5

    @property
    def on_cart(self) -> bool:
        return self in (Mode.CART_PERCENT, Mode.CART_AMOUNT)


@dataclass(frozen=True, slots=True)
class DiscountChoice:
    """What the cashier asked for: on the line ``row`` or the cart (``row`` None); a
    discount, an override, or neither (take the discount or override off)."""

    row: int | None
    discount: Discount | None = None
    override: PriceOverride | None = None


class DiscountDialog(QDialog):
    def __init__(self, cart: Cart, row: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discountDialog")
        self.setWindowTitle(self.tr("Discount"))
        self.setMinimumWidth(520)
        self._cart = cart
        self._row = row
        self.choice: DiscountChoice | None = None
        line = cart.lines[row] if row is not None and 0 <= row < len(cart.lines) else None

        heading = QLabel()
        heading.setObjectName("discountHeading")
        heading.setWordWrap(True)
        font = QFont(heading.font())
        font.setPointSize(14)
        heading.setFont(font)
        if line is not None and line.unit_price == line.list_price:
            heading.setText(
                self.tr("%1 × %2 at %3")
                .replace("%1", line.product.name)
                .replace("%2", str(line.qty))
                .replace("%3", line.unit_price.format())
            )
        elif line is not None:
            heading.setText(
                self.tr("%1 × %2 at %3 (list price %4)")
                .replace("%1", line.product.name)
                .replace("%2", str(line.qty))
                .replace("%3", line.unit_price.format())
                .replace("%4", line.list_price.format())
            )
        else:
            heading.setText(self.tr("No line selected: a discount on the whole cart"))

        labels = {
            Mode.LINE_PERCENT: self.tr("Line: percent off (Ctrl+1)"),
            Mode.LINE_AMOUNT: self.tr("Line: NT$ off (Ctrl+2)"),
            Mode.LINE_PRICE: self.tr("Line: new unit price (Ctrl+3)"),
            Mode.CART_PERCENT: self.tr("Whole cart: percent off (Ctrl+4)"),
            Mode.CART_AMOUNT: self.tr("Whole cart: NT$ off (Ctrl+5)"),
        }
        self.group = QButtonGroup(self)
        self.mode_buttons: dict[Mode, QRadioButton] = {}
        modes = QGridLayout()
        for mode, text in labels.items():
            button = QRadioButton(text)
            button.setObjectName(f"mode{mode.value}")
            button.setMinimumHeight(36)
            button.setEnabled(line is not None or mode.on_cart)
            self.group.addButton(button, mode.value)
            self.mode_buttons[mode] = button
            modes.addWidget(
                button,
                (mode.value - 1) % 3 if not mode.on_cart else mode.value - 4,
                1 if mode.on_cart else 0,
            )
            QShortcut(QKeySequence(f"Ctrl+{mode.value}"), self, activated=button.click)

        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("discountValue")
        self.value_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_edit.setMaxLength(12)
        value_font = QFont(self.value_edit.font())
        value_font.setPointSize(18)
        self.value_edit.setFont(value_font)
        self.value_edit.setMinimumHeight(44)
        self.value_caption = QLabel()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("e.g. damaged box, price match"))
        self.reason_caption = QLabel(self.tr("Reason"))
        fields = QGridLayout()
        fields.addWidget(self.value_caption, 0, 0)
        fields.addWidget(self.value_edit, 0, 1)
        fields.addWidget(self.reason_caption, 1, 0)
        fields.addWidget(self.reason_edit, 1, 1)

        self.preview = QLabel("")
        self.preview.setObjectName("discountPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("QLabel { font-size: 16px; color: #1b5e20; }")
        self.message = QLabel("")
        self.message.setObjectName("discountMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel { color: #b00020; font-size: 15px; }")

        self.remove_button = QPushButton(self.tr("Take the discount off (Ctrl+0)"))
        self.remove_button.setObjectName("removeDiscount")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self._remove)
        QShortcut(QKeySequence("Ctrl+0"), self, activated=self._remove)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Apply (Enter)"))
        ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Back (Esc)"))
        cancel.setAutoDefault(False)
        for button in (ok, cancel, self.remove_button):
            button.setMinimumHeight(44)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(modes)
        layout.addLayout(fields)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.group.idToggled.connect(self._on_mode_toggled)
        self.value_edit.textChanged.connect(lambda _text: self._update_preview())
        self.reason_edit.textChanged.connect(lambda _text: self._update_preview())
        start = Mode.LINE_PERCENT if line is not None else Mode.CART_PERCENT
        self.mode_buttons[start].setChecked(True)
        self.value_edit.setFocus()

    # -- reading what was typed ---------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return Mode(self.group.checkedId())

    def set_mode(self, mode: Mode) -> None:
        self.mode_buttons[mode].setChecked(True)

    def _on_mode_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        mode = self.mode
        captions = {
            Mode.LINE_PERCENT: self.tr("Percent off"),
            Mode.CART_PERCENT: self.tr("Percent off"),
            Mode.LINE_AMOUNT: self.tr("NT$ off"),
            Mode.CART_AMOUNT: self.tr("NT$ off"),
            Mode.LINE_PRICE: self.tr("New unit price NT$"),
        }
        self.value_caption.setText(captions[mode])
        price = mode is Mode.LINE_PRICE
        self.reason_edit.setVisible(price)
        self.reason_caption.setVisible(price)
        self.value_edit.setFocus()
        self.value_edit.selectAll()
        self._update_preview()

    def _parsed(self) -> DiscountChoice:
        """What the fields say; DiscountError / ValueError with the reason when they do not."""
        text = self.value_edit.text().strip().replace("%", "")
        mode = self.mode
        if mode in (Mode.LINE_PERCENT, Mode.CART_PERCENT):
            if not (text.isascii() and text.isdigit()):
                raise DiscountError("bad_percent", "")
            discount = Discount.percent(int(text))
            return DiscountChoice(None if mode.on_cart else self._row, discount)
        amount = Money.parse(text)
        if mode is Mode.LINE_PRICE:
            return DiscountChoice(
                self._row, override=PriceOverride(amount.cents, self.reason_edit.text().strip())
            )
        return DiscountChoice(None if mode.on_cart else self._row, Discount.amount(amount.cents))

    def _trial(self, choice: DiscountChoice) -> Cart:
        trial = self._cart.copy()
        if choice.row is None:
            trial.discount = choice.discount
        else:
            line = trial.lines[choice.row]
            if choice.override is not None:
                line.override = choice.override
            else:
                line.discount = choice.discount
        return trial

    def _update_preview(self) -> None:
        self.message.setText("")
        if not self.value_edit.text().strip():
            self.preview.setText("")
            return
        try:
            choice = self._parsed()
        except (DiscountError, ValueError) as exc:
            self.preview.setText("")
            code = exc.code if isinstance(exc, DiscountError) else "bad_amount"
            if code != "reason_required":
                self.message.setText(self._problem_text(code))
                return
            # no reason yet: preview the price all the same
            choice = DiscountChoice(
                self._row, override=PriceOverride(Money.parse(self.value_edit.text()).cents, "-")
            )
        trial = self._trial(choice)
        before, after = self._cart.total, trial.total
        self.preview.setText(
            self.tr("Takes %1 off: the cart comes to %2 (was %3)")
            .replace("%1", (before - after).format())
            .replace("%2", after.format())
            .replace("%3", before.format())
        )

    def _problem_text(self, code: str) -> str:
        return {
            "bad_percent": self.tr("A percent is a whole number from 1 to 100"),
            "bad_amount": self.tr("An amount is a whole NT$ above 0"),
            "bad_price": self.tr("A price is a whole NT$ of 0 or more"),
            "reason_required": self.tr("A new price needs a reason"),
            "reason_too_long": self.tr("The reason is too long"),
        }.get(code, self.tr("That is not a discount"))

    # -- finishing ----------------------------------------------------------------------

    def _on_accept(self) -> None:
        try:
            choice = self._parsed()
        except DiscountError as exc:
            self.message.setText(self._problem_text(exc.code))
            (self.reason_edit if exc.code.startswith("reason") else self.value_edit).setFocus()
            return
        except ValueError:
            self.message.setText(self._problem_text("bad_amount"))
            self.value_edit.setFocus()
            return
        self.choice = choice
        self.accept()

    def _remove(self) -> None:
        mode = self.mode
        self.choice = DiscountChoice(None if mode.on_cart else self._row)
        self.accept()
