"""The sale screen's cart tools: discounts and price overrides (%), holding and recalling
carts (Ctrl+H, Ctrl+R), the cart written through to the database on every change and
put back on the screen at start, and voiding the cart (counted for the shift).

The screen owns the cart model and its buttons panel; this adds its buttons to the
panel and does the work through the services (services/discounts.py,
services/held_carts.py) on the task runner's database thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QPushButton

from counter_app.core.cart import Cart
from counter_app.core.discounts import Discount, DiscountKind, PriceOverride
from counter_app.services.discounts import (
    DiscountRefused,
    DiscountRequest,
    DiscountService,
    cart_discount_request,
    line_discount_request,
    override_request,
)
from counter_app.services.held_carts import CartKeeper, HeldCartError, HeldCartSummary
from counter_app.services.permissions import Action, ApprovalRefused
from counter_app.services.staff import Approval
from counter_app.ui.discount_dialog import DiscountChoice, DiscountDialog
from counter_app.ui.held_carts_dialog import HeldCartsDialog
from counter_app.ui.supervisor_prompt import refusal_text

if TYPE_CHECKING:
    from counter_app.ui.screens.sale import SaleScreen

log = logging.getLogger(__name__)

AskApproval = Callable[[str, Action, Callable[[Approval], None]], None]


class SaleCartTools(QObject):
    def __init__(
        self,
        screen: SaleScreen,
        keeper: CartKeeper | None,
        discounts: DiscountService | None,
        ask_approval: AskApproval | None,
        *,
        open_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec(),
    ) -> None:
        super().__init__(screen)
        self._screen = screen
        self._keeper = keeper
        self._discounts = discounts
        self._ask_approval = ask_approval
        self._open_dialog = open_dialog  # tests answer the dialogs themselves
        self.restoring = keeper is not None
        # The percent each NT$-amount discount took off when it was given (or approved):
        # a smaller quantity or cart must not turn it into a larger discount unasked.
        self._given_pct: dict[int | None, float] = {}  # product id, or None for the cart
        # The snapshot last written (None: not known, write the next one whatever it is).
        self._written: str | None = None
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(0)
        self._recheck_timer.timeout.connect(self._recheck_amounts)

        self.discount_button = QPushButton(self.tr("Discount (%)"))
        self.discount_button.setObjectName("discount")
        self.hold_button = QPushButton(self.tr("Hold (Ctrl+H)"))
        self.hold_button.setObjectName("holdCart")
        self.recall_button = QPushButton(self.tr("Held carts (Ctrl+R)"))
        self.recall_button.setObjectName("heldCarts")
        self.discount_button.setEnabled(discounts is not None)
        self.hold_button.setEnabled(keeper is not None)
        self.recall_button.setEnabled(keeper is not None)
        self.discount_button.clicked.connect(self.on_discount)
        self.hold_button.clicked.connect(self.on_hold)
        self.recall_button.clicked.connect(self.on_recall)
        for key, slot in {
            "%": self.on_discount,
            "Ctrl+H": self.on_hold,
            "Ctrl+R": self.on_recall,
        }.items():
            QShortcut(QKeySequence(key), screen, activated=slot)

        # % in the empty scan field asks for a discount (typed into a code, it is text).
        screen.scan_input.installEventFilter(self)
        model = screen.cart_model
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset):
            signal.connect(self._cart_changed)
        if keeper is not None:
            screen._tasks.db(keeper.load_open, self._on_restored, self._on_restore_failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._screen.scan_input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text() == "%"
            and not self._screen.scan_input.text()
        ):
            self.on_discount()
            return True
        return False

    @property
    def buttons(self) -> list[QPushButton]:
        return [self.discount_button, self.hold_button, self.recall_button]

    # -- write-through ------------------------------------------------------------------

    def _cart_changed(self, *_args: object) -> None:
        self._recheck_timer.start()  # after the screen's own message for the change
        self.save_now()

    def _amount_requests(self) -> list[tuple[int | None, int | None, DiscountRequest]]:
        """(key, row, request) of every NT$-amount discount in the cart now."""
        cart = self._screen.cart_model.cart
        if cart.discount is None and not any(line.discount for line in cart.lines):
            return []
        found: list[tuple[int | None, int | None, DiscountRequest]] = [
            (line.product.id, row, line_discount_request(cart, row, line.discount))
            for row, line in enumerate(cart.lines)
            if line.discount is not None and line.discount.kind is DiscountKind.AMOUNT
        ]
        if cart.discount is not None and cart.discount.kind is DiscountKind.AMOUNT:
            found.append((None, None, cart_discount_request(cart, cart.discount)))
        return found

    def _note_given(self) -> None:
        self._given_pct = {key: request.percent for key, _row, request in self._amount_requests()}

    def _recheck_amounts(self) -> None:
        """An amount discount that now takes a larger percent than when it was given
        (the quantity went down, lines came off) and is above the cashier's own limit is
        taken off; the cashier gives it again, with a supervisor if need be."""
        discounts = self._discounts
        if discounts is None:
            return
        model = self._screen.cart_model
        for key, row, request in self._amount_requests():
            given = self._given_pct.setdefault(key, request.percent)
            if request.percent <= given + 1e-9 or not discounts.needs_approval(
                self._screen.cashier, request
            ):
                continue
            del self._given_pct[key]
            if row is None:
                model.set_cart_discount(None)
                what = self.tr("cart")
            else:
                model.set_line_discount(row, None)
                what = model.cart.lines[row].product.name
            self._screen.show_problem(
                self.tr(
                    "%1: the NT$ discount came off (now above your limit); give it again"
                ).replace("%1", what)
            )

    def save_now(self) -> bool:
        """Write the cart as it is now, synchronously: the model's change signals call
        this, so a change is in the till's database before the screen reports it (a
        crash or a power cut loses nothing). A change the snapshot does not show (stock
        figures, the shelf count) writes nothing. It runs on this (the GUI) thread on
        the writer engine: an fsynced commit of a few ms (benchmarks/cart_write.py),
        which never waits for the database thread's queued look-ups. False: not
        written (the cashier is told why; the cart stays on the screen)."""
        keeper = self._keeper
        if keeper is None or self.restoring:
            return False
        cart = self._screen.cart_model.cart
        data = keeper.snapshot(cart)
        if data == self._written:
            return True
        try:
            keeper.save_open_data(data, self._screen.cashier)
        except Exception as error:  # a full disk, a locked file: said, never silent
            log.error("the open cart could not be written", exc_info=error)
            self._written = None
            problem = self.tr("The cart could not be saved: %1").replace("%1", str(error))
            # After the screen's own message for the change, which would hide it.
            QTimer.singleShot(0, self, lambda: self._screen.show_problem(problem))
            return False
        self._written = data
        return True

    def _on_restored(self, cart: Cart | None) -> None:
        self.restoring = False
        model = self._screen.cart_model
        if cart is None or cart.is_empty():
            self.save_now()  # scanned while the stored cart was being read: written now
            return
        self._given_pct.clear()
        if not model.cart.is_empty():  # scanned before the stored cart came back: keep both
            for line in cart.lines:
                model.add_product(line.product, line.qty)
            return
        model.replace_cart(cart)
        self._note_given()
        self._screen.show_info(
            self.tr("The cart that was open when the till stopped is back (%1 items)").replace(
                "%1", str(cart.item_count)
            )
        )

    def _on_restore_failed(self, error: BaseException) -> None:
        self.restoring = False
        log.error("the stored cart could not be read", exc_info=error)
        self._screen.show_problem(
            self.tr("The cart open before the restart could not be read back: %1").replace(
                "%1", str(error)
            )
        )

    # -- discounts ----------------------------------------------------------------------

    def on_discount(self) -> None:
        screen = self._screen
        screen._next_action()
        if self._discounts is None:
            return
        if screen.cart_model.cart.is_empty():
            screen.show_problem(self.tr("The cart is empty: scan something first"))
            return
        dialog = DiscountDialog(screen.cart_model.cart, screen._selected_row(), screen)
        if self._open_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.choice is None:
            screen.scan_input.setFocus()
            return
        self.give(dialog.choice)
        screen.scan_input.setFocus()

    def give(self, choice: DiscountChoice) -> None:
        """Apply the choice if the cashier may; else ask a supervisor first."""
        discounts, screen = self._discounts, self._screen
        if discounts is None:
            return
        request = self._request(choice)
        if request is None or not discounts.needs_approval(screen.cashier, request):
            self._apply(choice)
            return
        if self._ask_approval is None:
            screen.show_problem(self.tr("This discount needs a supervisor"))
            return
        prompt = (
            self.tr("A price override needs a supervisor: %1")
            if request.action is Action.PRICE_OVERRIDE
            else self.tr("A discount of %1 is above your limit: a supervisor approves it")
        ).replace("%1", f"{request.percent:.0f}%")
        cashier = screen.cashier
        self._ask_approval(
            prompt,
            request.action,
            lambda approval: screen._tasks.db(
                lambda: discounts.authorize(cashier, request, approval),
                lambda _approver: self._apply(choice),
                self._on_refused,
            ),
        )

    def _request(self, choice: DiscountChoice) -> DiscountRequest | None:
        cart = self._screen.cart_model.cart
        if choice.row is None:
            return cart_discount_request(cart, choice.discount) if choice.discount else None
        if choice.override is not None:
            return override_request(cart, choice.row, choice.override)
        return line_discount_request(cart, choice.row, choice.discount) if choice.discount else None

    def _apply(self, choice: DiscountChoice) -> None:
        model, screen = self._screen.cart_model, self._screen
        if choice.row is None:
            self._given_pct.pop(None, None)
            model.set_cart_discount(choice.discount)
            self._note_given()
            screen.show_info(self._said(choice.discount, None, self.tr("cart")))
            return
        if not 0 <= choice.row < len(model.cart.lines):
            return
        self._given_pct.pop(model.cart.lines[choice.row].product.id, None)
        if choice.override is None and choice.discount is None:
            model.set_line_override(choice.row, None)
            model.set_line_discount(choice.row, None)
        elif choice.override is not None:
            model.set_line_override(choice.row, choice.override)
        else:
            model.set_line_discount(choice.row, choice.discount)
        self._note_given()
        screen.show_info(
            self._said(choice.discount, choice.override, model.cart.lines[choice.row].product.name)
        )

    def _said(self, discount: Discount | None, override: PriceOverride | None, what: str) -> str:
        if override is not None:
            return (
                self.tr("%1: new price %2")
                .replace("%1", what)
                .replace("%2", f"NT${override.price_cents // 100:,}")
            )
        if discount is None:
            return self.tr("%1: discount taken off").replace("%1", what)
        return self.tr("%1: discount given").replace("%1", what)

    def _on_refused(self, error: BaseException) -> None:
        if isinstance(error, DiscountRefused) and error.code == "over_approver_limit":
            self._screen.show_problem(self.tr("That is above the approver's limit too"))
        elif isinstance(error, ApprovalRefused):
            self._screen.show_problem(refusal_text(error))
        else:
            log.error("discount refused", exc_info=error)
            self._screen.show_problem(str(error))

    # -- held carts ---------------------------------------------------------------------

    def on_hold(self) -> None:
        screen, keeper = self._screen, self._keeper
        screen._next_action()
        if keeper is None:
            return
        if screen.cart_model.cart.is_empty():
            screen.show_problem(self.tr("The cart is empty: there is nothing to hold"))
            return
        self.save_now()
        cart, cashier = screen.cart_model.cart.copy(), screen.cashier
        screen._tasks.db(lambda: keeper.hold(cart, cashier), self._on_held, self._on_hold_failed)

    def _on_held(self, held: HeldCartSummary) -> None:
        self._written = None  # the hold cleared the stored cart
        self._screen.cart_model.clear()
        self._screen.show_info(
            self.tr("Cart held (%1). Bring it back with Held carts (Ctrl+R)").replace(
                "%1", held.total.format()
            )
        )
        self._screen.scan_input.setFocus()

    def _on_hold_failed(self, error: BaseException) -> None:
        if isinstance(error, HeldCartError) and error.code == "too_many_held":
            self._screen.show_problem(self.tr("Too many carts are held: recall or void some first"))
        else:
            self._screen.show_problem(
                self.tr("The cart could not be held: %1").replace("%1", str(error))
            )

    def on_recall(self) -> None:
        screen, keeper = self._screen, self._keeper
        screen._next_action()
        if keeper is None:
            return
        if not screen.cart_model.cart.is_empty():
            screen.show_problem(
                self.tr("Finish or hold the cart on the screen before recalling another")
            )
            return
        screen._tasks.db(keeper.held, self._choose_held, self._on_recall_failed)

    def _choose_held(self, held: list[HeldCartSummary]) -> None:
        screen, keeper = self._screen, self._keeper
        dialog = HeldCartsDialog(held, screen)
        if (
            keeper is None
            or self._open_dialog(dialog) != QDialog.DialogCode.Accepted
            or dialog.chosen is None
        ):
            screen.scan_input.setFocus()
            return
        held_id, cashier = dialog.chosen.held_id, screen.cashier
        screen._tasks.db(
            lambda: keeper.recall(held_id, cashier), self._on_recalled, self._on_recall_failed
        )

    def _on_recalled(self, cart: Cart) -> None:
        self._written = None  # the recall wrote the stored cart
        model = self._screen.cart_model
        if not model.cart.is_empty():  # scanned meanwhile: the recalled lines join them
            for line in cart.lines:
                model.add_product(line.product, line.qty)
        else:
            self._given_pct.clear()
            model.replace_cart(cart)
            self._note_given()
        self._screen.show_info(
            self.tr("Cart recalled: %1 items, %2")
            .replace("%1", str(cart.item_count))
            .replace("%2", cart.total.format())
        )
        self._screen.scan_input.setFocus()

    def _on_recall_failed(self, error: BaseException) -> None:
        if isinstance(error, HeldCartError) and error.code == "not_held":
            self._screen.show_problem(self.tr("That cart was recalled already"))
        else:
            self._screen.show_problem(
                self.tr("The cart could not be recalled: %1").replace("%1", str(error))
            )

    # -- voiding the cart ---------------------------------------------------------------

    def record_void(self, cart: Cart) -> None:
        """The cashier confirmed voiding this cart: count it for the shift."""
        keeper = self._keeper
        if keeper is None or cart.is_empty():
            return
        self._written = None  # the void clears the stored cart
        copy, cashier = cart.copy(), self._screen.cashier
        self._screen._tasks.db(
            lambda: keeper.void(copy, cashier),
            None,
            lambda error: log.error("the void could not be counted", exc_info=error),
        )
