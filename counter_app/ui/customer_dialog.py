"""Who collects the pickup lines / receives the ship lines: name, phone, and for shipping a
home address with its postal code (the district shown as it is typed) or a
convenience-store pickup point. The checks are the service's (services/fulfilment.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.core.fulfilment import Customer
from counter_app.core.tw_address import (
    CVS_CHAINS,
    AddressError,
    HomeAddress,
    ShipTo,
    StorePickup,
)
from counter_app.services.fulfilment import FulfilmentError, FulfilmentService


class CustomerDialog(QDialog):
    def __init__(
        self,
        service: FulfilmentService,
        needs_ship_to: bool,
        customer: Customer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerDialog")
        self.setWindowTitle(self.tr("Customer for pickup and delivery"))
        self._service = service
        self._needs_ship_to = needs_ship_to
        self.customer: Customer | None = None
        self._build()
        self._connect_signals()
        if customer is not None:
            self._fill(customer)
        self._on_postal_changed(self.postal_code.text())

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setObjectName("customerName")
        self.name.setMaxLength(100)
        self.phone = QLineEdit()
        self.phone.setObjectName("customerPhone")
        self.phone.setPlaceholderText(self.tr("0912345678 or 02-2345-6789"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)

        self.home_radio = QRadioButton(self.tr("Home delivery"))
        self.cvs_radio = QRadioButton(self.tr("Convenience-store pickup"))
        self.home_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.home_radio)
        group.addButton(self.cvs_radio)
        kinds = QHBoxLayout()
        kinds.addWidget(self.home_radio)
        kinds.addWidget(self.cvs_radio)

        self.postal_code = QLineEdit()
        self.postal_code.setObjectName("postalCode")
        self.postal_code.setMaxLength(6)
        self.postal_code.setPlaceholderText(self.tr("3, 5 or 6 digits"))
        self.district = QLabel("")
        self.district.setObjectName("district")
        self.street = QLineEdit()
        self.street.setObjectName("street")
        self.street.setMaxLength(250)
        home = QWidget()
        home_form = QFormLayout(home)
        postal_row = QHBoxLayout()
        postal_row.addWidget(self.postal_code)
        postal_row.addWidget(self.district, 1)
        home_form.addRow(self.tr("Postal code"), postal_row)
        home_form.addRow(self.tr("Street address"), self.street)

        self.chain = QComboBox()
        self.chain.setObjectName("cvsChain")
        self.chain.addItems(list(CVS_CHAINS))
        self.store_no = QLineEdit()
        self.store_no.setObjectName("cvsStoreNo")
        self.store_no.setMaxLength(8)
        self.store_name = QLineEdit()
        self.store_name.setObjectName("cvsStoreName")
        self.store_name.setMaxLength(50)
        cvs = QWidget()
        cvs_form = QFormLayout(cvs)
        cvs_form.addRow(self.tr("Chain"), self.chain)
        cvs_form.addRow(self.tr("Store number"), self.store_no)
        cvs_form.addRow(self.tr("Store name"), self.store_name)

        self.ship_pages = QStackedWidget()
        self.ship_pages.addWidget(home)
        self.ship_pages.addWidget(cvs)
        self.ship_box = QWidget()
        ship_layout = QVBoxLayout(self.ship_box)
        ship_layout.setContentsMargins(0, 0, 0, 0)
        ship_layout.addWidget(QLabel(self.tr("Ship to")))
        ship_layout.addLayout(kinds)
        ship_layout.addWidget(self.ship_pages)
        self.ship_box.setVisible(self._needs_ship_to)

        self.error = QLabel("")
        self.error.setObjectName("customerError")
        self.error.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.ship_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.cvs_radio.toggled.connect(self.on_cvs_radio_toggled)
        self.postal_code.textChanged.connect(self._on_postal_changed)

    def _fill(self, customer: Customer) -> None:
        self.name.setText(customer.name)
        self.phone.setText(customer.phone)
        ship_to = customer.ship_to
        if isinstance(ship_to, HomeAddress):
            self.postal_code.setText(ship_to.postal_code)
            self.street.setText(ship_to.street)
        elif isinstance(ship_to, StorePickup):
            self.cvs_radio.setChecked(True)
            self.chain.setCurrentText(ship_to.chain)
            self.store_no.setText(ship_to.store_no)
            self.store_name.setText(ship_to.store_name)

    def on_cvs_radio_toggled(self, checked: bool) -> None:
        self.ship_pages.setCurrentIndex(1 if checked else 0)

    def _on_postal_changed(self, text: str) -> None:
        district = self._service.district_of(text)
        if district is not None:
            self.district.setText(f"{district.county}{district.name}")
            self.district.setStyleSheet("QLabel { color: #1b7f3b; font-weight: bold; }")
        elif len(text.strip()) >= 3:
            self.district.setText(self.tr("no such district"))
            self.district.setStyleSheet("QLabel { color: #b00020; }")
        else:
            self.district.setText("")

    def on_buttons_accepted(self) -> None:
        try:
            # Top to bottom, as the cashier filled it: name and phone first.
            self._service.customer(self.name.text(), self.phone.text())
            ship_to: ShipTo | None = None
            if self._needs_ship_to:
                if self.cvs_radio.isChecked():
                    ship_to = self._service.store_pickup(
                        self.chain.currentText(), self.store_no.text(), self.store_name.text()
                    )
                else:
                    ship_to = self._service.home(self.postal_code.text(), self.street.text())
            self.customer = self._service.customer(self.name.text(), self.phone.text(), ship_to)
        except (AddressError, FulfilmentError) as exc:
            self.error.setText(self.explain(exc.code))
            return
        self.accept()

    def explain(self, code: str) -> str:
        reasons = {
            "no_name": self.tr("Type the customer's name."),
            "bad_phone": self.tr(
                "The phone must be a mobile (09 and 8 digits) or a landline with its area code."
            ),
            "bad_postal_code": self.tr("A postal code has 3, 5 or 6 digits."),
            "unknown_district": self.tr("No postal district starts with these 3 digits."),
            "no_address": self.tr("Type the street address."),
            "address_too_long": self.tr("The address is too long."),
            "bad_cvs_chain": self.tr("Choose a convenience-store chain."),
            "bad_cvs_store_no": self.tr("A store number has 4 to 8 letters or digits."),
            "no_cvs_store_name": self.tr("Type the store's name."),
        }
        return reasons.get(code, code)
