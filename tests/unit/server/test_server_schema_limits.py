"""The input schemas never allow more than the columns behind them hold.

The limits are derived from the SQLAlchemy models: every string and integer field of
every input model is either mapped to the column(s) it lands in, or listed as not
stored with the reason. A new field that is in neither list fails the test, so the
schema and the tables cannot drift apart again (PostgreSQL would answer 500 where
SQLite stored the value).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import Strict
from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import InstrumentedAttribute

from warehouse_api import models as m
from warehouse_api import schemas
from warehouse_api.app import create_app
from warehouse_api.planning_models import PriceDecision
from warehouse_api.validation import (
    EARLIEST,
    LATEST,
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    check_free_json,
    parse_timestamp,
    unstorable_character,
)

Column = InstrumentedAttribute[Any]
Target = Column | tuple[Column, str]  # a column, or (column, prefix the service adds)

# BigInteger first: it is a subclass of Integer, and the first match gives the bounds.
INT_RANGES = {BigInteger: (-(2**63), 2**63 - 1), Integer: (-(2**31), 2**31 - 1)}

QTY_COLUMNS: list[Target] = [
    m.SaleLine.qty,
    m.ReservationLine.qty,
    m.ReservationLine.collected_qty,  # a partial pickup's hand-over adds its qty here
    m.TransferLine.qty,
    m.DropshipLine.qty,
    m.ReturnLine.qty,
    m.StockMovement.delta,
]

STORED_IN: dict[tuple[str, str], list[Target]] = {
    ("EnrollRequest", "device_name"): [m.Device.name],
    ("HeartbeatRequest", "outbox_waiting"): [m.DeviceHeartbeat.outbox_waiting],
    ("HeartbeatRequest", "outbox_failed"): [m.DeviceHeartbeat.outbox_failed],
    ("HeartbeatRequest", "app_version"): [m.DeviceHeartbeat.app_version],
    ("HeartbeatRequest", "local_schema"): [m.DeviceHeartbeat.local_schema],
    ("HeartbeatRequest", "pull_cursor"): [m.DeviceHeartbeat.pull_cursor],
    ("SaleLinePayload", "line_id"): [m.SaleLine.id],
    ("SaleLinePayload", "product_id"): [m.SaleLine.product_id],
    ("SaleLinePayload", "qty"): QTY_COLUMNS,
    ("SaleLinePayload", "unit_price_cents"): [m.SaleLine.unit_price_cents],
    ("SaleLinePayload", "line_total_cents"): [m.SaleLine.line_total_cents],
    ("SaleLinePayload", "list_price_cents"): [m.SaleLine.list_price_cents],
    ("SaleLinePayload", "discount_cents"): [m.SaleLine.discount_cents],
    ("SaleLinePayload", "override_reason"): [m.SaleLine.override_reason],
    ("PaymentPayload", "payment_id"): [m.Payment.id],
    ("PaymentPayload", "method"): [m.Payment.method],
    ("PaymentPayload", "amount_cents"): [m.Payment.amount_cents],
    ("PaymentPayload", "tendered_cents"): [m.Payment.tendered_cents],
    ("PaymentPayload", "change_cents"): [m.Payment.change_cents],
    ("PaymentPayload", "reference"): [m.Payment.reference],
    ("PaymentPayload", "approval_code"): [m.Payment.approval_code],
    ("TenderCreate", "code"): [m.Tender.code, m.Payment.method],
    ("TenderCreate", "name_zh"): [m.Tender.name_zh],
    ("TenderCreate", "name_en"): [m.Tender.name_en],
    ("TenderCreate", "sort_order"): [m.Tender.sort_order],
    ("SalePayload", "sale_id"): [m.Sale.id, (m.StockMovement.reference, "")],
    ("SalePayload", "receipt_no"): [m.Sale.receipt_no],
    ("SalePayload", "cashier_id"): [m.Sale.cashier_id],
    ("SalePayload", "total_cents"): [m.Sale.total_cents],
    ("SalePayload", "collects_order_id"): [m.Sale.collects_order_id],
    ("ItemLine", "product_id"): [m.ReservationLine.product_id, m.DropshipLine.product_id],
    ("ItemLine", "qty"): QTY_COLUMNS,
    ("LinkedItemLine", "product_id"): [m.ReservationLine.product_id, m.DropshipLine.product_id],
    ("LinkedItemLine", "qty"): QTY_COLUMNS,
    ("LinkedItemLine", "sale_line_id"): [
        m.ReservationLine.sale_line_id,
        m.DropshipLine.sale_line_id,
    ],
    ("LinkedItemLine", "paid_cents"): [m.ReservationLine.paid_cents, m.DropshipLine.paid_cents],
    ("GroupBuyLine", "product_id"): [m.ReservationLine.product_id],
    ("GroupBuyLine", "qty"): QTY_COLUMNS,
    ("GroupBuyLine", "unit_price_cents"): [m.ReservationLine.unit_price_cents],
    ("DeliberatePayload", "product_id"): [PriceDecision.product_id],
    ("DeliberatePayload", "channel_price_cents"): [PriceDecision.channel_price_cents],
    ("DeliberatePayload", "note"): [PriceDecision.note],
    ("ReturnLinePayload", "product_id"): [m.ReturnLine.product_id],
    ("ReturnLinePayload", "qty"): QTY_COLUMNS,
    ("ReturnLinePayload", "reason"): [m.ReturnLine.reason, m.OrderReturnLine.reason],
    ("OrderReturnPayload", "return_id"): [
        m.OrderReturn.id,
        m.StockMovement.reference,
        (m.Transfer.id, "TR-RET-"),
        (m.StockMovement.reference, "TR-RET-"),
    ],
    ("OrderReturnPayload", "order_id"): [m.OrderReturn.order_id],
    ("OrderReturnPayload", "refund_cents"): [m.OrderReturn.refund_cents],
    ("ReturnPayload", "return_id"): [
        m.Return.id,
        m.StockMovement.reference,
        (m.Transfer.id, "TR-RET-"),
        (m.StockMovement.reference, "TR-RET-"),
    ],
    ("ReturnPayload", "sale_id"): [m.Return.sale_id],
    ("ReturnPayload", "refund_cents"): [m.Return.refund_cents],
    ("ReturnPayload", "exchange_sale_id"): [m.Return.exchange_sale_id],
    ("RefundTenderPayload", "method"): [m.ReturnTender.method],
    ("RefundTenderPayload", "amount_cents"): [m.ReturnTender.amount_cents],
    ("RefundTenderPayload", "reference"): [m.ReturnTender.reference],
    ("RefundTenderPayload", "approval_code"): [m.ReturnTender.approval_code],
    ("NoReceiptInfo", "customer_phone"): [
        m.Return.customer_phone,
        m.NoReceiptPhone.customer_phone,
    ],
    ("NoReceiptInfo", "approved_by"): [m.Return.approved_by],
    ("ReservationCreatePayload", "reservation_id"): [
        m.Reservation.id,
        (m.Transfer.id, "TR-"),
        (m.StockMovement.reference, "TR-"),
    ],
    ("ReservationCreatePayload", "customer_name"): [m.Reservation.customer_name],
    ("ReservationCreatePayload", "customer_phone"): [m.Reservation.customer_phone],
    ("ReservationCreatePayload", "sale_id"): [m.Reservation.sale_id],
    ("ReservationCreatePayload", "receipt_no"): [m.Reservation.receipt_no],
    ("DropshipCreatePayload", "dropship_id"): [m.DropshipOrder.id, m.StockMovement.reference],
    ("DropshipCreatePayload", "customer_name"): [m.DropshipOrder.customer_name],
    ("DropshipCreatePayload", "customer_phone"): [m.DropshipOrder.customer_phone],
    ("DropshipCreatePayload", "address"): [m.DropshipOrder.address],
    ("DropshipCreatePayload", "sale_id"): [m.DropshipOrder.sale_id],
    ("DropshipCreatePayload", "receipt_no"): [m.DropshipOrder.receipt_no],
    ("CountLine", "product_id"): [m.Stock.product_id],
    ("CountLine", "expected_on_hand"): [m.Stock.on_hand],
    ("CountLine", "counted"): [m.Stock.on_hand, m.StockMovement.delta],
    ("StockCountPayload", "count_id"): [m.StockMovement.reference],
    ("ReceivedLine", "product_id"): [m.TransferLine.product_id],
    ("ReceivedLine", "qty"): [m.TransferLine.received_qty, m.Stock.on_hand, m.StockMovement.delta],
    ("TransferRequestPayload", "transfer_id"): [m.Transfer.id, m.StockMovement.reference],
    ("TransferRequestPayload", "reason"): [m.Transfer.reason],
    ("ShiftClosePayload", "shift_id"): [m.ShiftClose.id],
    ("ShiftClosePayload", "staff_id"): [m.ShiftClose.staff_id],
    ("ShiftClosePayload", "opened_by"): [m.ShiftClose.opened_by],
    ("ShiftClosePayload", "opening_cents"): [m.ShiftClose.opening_cents],
    ("ShiftClosePayload", "expected_opening_cents"): [m.ShiftClose.expected_opening_cents],
    ("ShiftClosePayload", "cash_sales_cents"): [m.ShiftClose.cash_sales_cents],
    ("ShiftClosePayload", "cash_refunds_cents"): [m.ShiftClose.cash_refunds_cents],
    ("ShiftClosePayload", "cash_in_cents"): [m.ShiftClose.cash_in_cents],
    ("ShiftClosePayload", "cash_out_cents"): [m.ShiftClose.cash_out_cents],
    ("ShiftClosePayload", "expected_cents"): [m.ShiftClose.expected_cents],
    ("ShiftClosePayload", "counted_cents"): [m.ShiftClose.counted_cents],
    ("ShiftClosePayload", "difference_cents"): [m.ShiftClose.difference_cents],
    ("ShiftClosePayload", "sale_count"): [m.ShiftClose.sale_count],
    ("ShiftClosePayload", "unsynced_ops"): [m.ShiftClose.unsynced_ops],
    ("AuditPayload", "audit_id"): [m.AuditEntry.id],
    ("AuditPayload", "staff_id"): [m.AuditEntry.staff_id],
    ("AuditPayload", "action"): [m.AuditEntry.action],
    ("GroupBuyOrderCreate", "order_id"): [
        m.Reservation.id,
        m.StockMovement.reference,
        (m.Transfer.id, "TR-"),
    ],
    ("GroupBuyOrderCreate", "customer_name"): [m.Reservation.customer_name],
    ("GroupBuyBatchOrder", "order_id"): [
        m.Reservation.id,
        m.StockMovement.reference,
        (m.Transfer.id, "TR-"),
    ],
    ("GroupBuyBatchOrder", "customer_name"): [m.Reservation.customer_name],
    ("GroupBuyOrderCreate", "customer_phone"): [m.Reservation.customer_phone],
    ("GroupBuyBatchOrder", "customer_phone"): [m.Reservation.customer_phone],
    # stored as "<device id>:<key>" (api/group_buy.py)
    ("GroupBuyBatchOrder", "idempotency_key"): [(m.Reservation.idempotency_key, f"{2**31 - 1}:")],
    ("ShipmentInfo", "carrier"): [m.Transfer.carrier, m.DropshipOrder.carrier],
    ("ShipmentInfo", "tracking_no"): [m.Transfer.tracking_no, m.DropshipOrder.tracking_no],
    ("OptionalShipmentInfo", "carrier"): [m.Transfer.carrier, m.DropshipOrder.carrier],
    ("OptionalShipmentInfo", "tracking_no"): [m.Transfer.tracking_no, m.DropshipOrder.tracking_no],
    ("GoodsReceipt", "reference"): [m.StockMovement.reference],
    ("LocationCreate", "code"): [m.Location.code],
    ("LocationCreate", "name"): [m.Location.name],
    ("ProductCreate", "sku"): [m.Product.sku],
    ("ProductCreate", "name"): [m.Product.name],
    ("ProductCreate", "category"): [m.Product.category],
    ("ProductCreate", "price_cents"): [m.Product.price_cents],
    ("ProductCreate", "barcodes"): [m.Barcode.code],
    ("ProductCreate", "dropship_partner_id"): [m.Product.dropship_partner_id],
    ("ProductUpdate", "name"): [m.Product.name],
    ("ProductUpdate", "category"): [m.Product.category],
    ("ProductUpdate", "dropship_partner_id"): [m.Product.dropship_partner_id],
    ("PriceUpdate", "price_cents"): [m.Product.price_cents],
    ("BarcodeCreate", "code"): [m.Barcode.code],
    ("SafetyStockUpdate", "safety_stock"): [m.Stock.safety_stock],
    ("StaffCreate", "name"): [m.Staff.name],
    ("TokenCreate", "name"): [m.Device.name],
    ("EinvoiceIssuePayload", "sale_id"): [m.Einvoice.sale_id],
    ("EinvoiceIssuePayload", "number"): [m.Einvoice.number],
    ("EinvoiceIssuePayload", "random_code"): [m.Einvoice.random_code],
    ("EinvoiceIssuePayload", "period"): [m.Einvoice.period],
    ("EinvoiceIssuePayload", "sales_amount_cents"): [m.Einvoice.sales_amount_cents],
    ("EinvoiceIssuePayload", "tax_cents"): [m.Einvoice.tax_cents],
    ("EinvoiceIssuePayload", "total_cents"): [m.Einvoice.total_cents],
    ("EinvoiceIssuePayload", "seller_id"): [m.Einvoice.seller_id],
    ("EinvoiceIssuePayload", "buyer_id"): [m.Einvoice.buyer_id],
    ("EinvoiceIssuePayload", "carrier_id"): [m.Einvoice.carrier_id],
    ("EinvoiceIssuePayload", "replaces"): [m.Einvoice.replaces],
    ("EinvoiceIssuePayload", "return_id"): [m.Einvoice.return_id],
    ("EinvoiceIssuePayload", "donation_code"): [m.Einvoice.donation_code],
    ("BookletClaim", "period"): [m.EinvoiceBooklet.period],
    ("BookletReturnItem", "next_unused_no"): [m.EinvoiceBooklet.blank_from],
    ("EinvoiceVoidPayload", "reason"): [m.Einvoice.void_reason],
    ("EinvoiceVoidPayload", "return_id"): [m.Einvoice.void_return_id],
    ("EinvoiceAllowancePayload", "allowance_no"): [m.EinvoiceAllowance.allowance_no],
    ("EinvoiceAllowancePayload", "number"): [m.EinvoiceAllowance.invoice_number],
    ("EinvoiceAllowancePayload", "return_id"): [m.EinvoiceAllowance.return_id],
    ("EinvoiceAllowancePayload", "sales_amount_cents"): [m.EinvoiceAllowance.sales_amount_cents],
    ("EinvoiceAllowancePayload", "tax_cents"): [m.EinvoiceAllowance.tax_cents],
    ("EinvoiceAllowancePayload", "total_cents"): [m.EinvoiceAllowance.total_cents],
    ("EinvoiceAllowanceVoidPayload", "allowance_no"): [m.EinvoiceAllowance.allowance_no],
    ("EinvoiceAllowanceVoidPayload", "reason"): [m.EinvoiceAllowance.void_reason],
}

NOT_STORED: dict[tuple[str, str], str] = {
    ("EnrollRequest", "code"): "hashed (sha256) before it is looked up",
    ("HeartbeatRequest", "oldest_waiting_age_s"): "stored as a time: received_at minus the age",
    ("StaffCreate", "pin"): "hashed before it is stored",
    ("StaffPinChange", "pin"): "hashed before it is stored",
    ("ReservationCancelPayload", "reservation_id"): "a look-up key",
    ("ReservationCancelPayload", "reason"): "not kept",
    ("DropshipCancelPayload", "dropship_id"): "a look-up key",
    ("DropshipCancelPayload", "reason"): "not kept",
    ("TransferReceivePayload", "transfer_id"): "a look-up key",
    ("PickupCompletePayload", "reservation_id"): "a look-up key",
    ("PickupCompletePayload", "pickup_code"): "a look-up key",
    ("PickupCompletePayload", "sale_id"): "a look-up key (the sale paying the hand-over)",
    ("GoodsReceipt", "location_code"): "a look-up key",
    ("GroupBuyOrderCreate", "pickup_store_code"): "a look-up key (the store of the order)",
    ("GroupBuyBatchOrder", "pickup_store_code"): "refused in a batch (store_pickup_not_batched)",
    ("StaffCreate", "location_code"): "a look-up key",
    ("EnrollmentCodeCreate", "store_code"): "a look-up key",
    ("TokenCreate", "location_code"): "a look-up key",
    ("EinvoiceNumbersImport", "lines"): "parsed into ranges; each cell is checked by the parser",
    ("BookletClaim", "count"): "how many booklets to hand over (1-20)",
    ("EinvoiceVoidPayload", "number"): "a look-up key",
    ("BookletReturnItem", "booklet_id"): "a look-up key",
}


def _input_models() -> list[type[schemas.StrictModel]]:
    found: list[type[schemas.StrictModel]] = []
    pending = list(schemas.StrictModel.__subclasses__())
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return found


def _non_null(prop: dict[str, Any]) -> dict[str, Any]:
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            return dict(branch)
    return prop


def _scalar_fields() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(model, field, JSON schema) of every free string or integer input field.

    Enums, constants, UUIDs and date-times are not free text; lists of strings count
    by their items.
    """
    for model in _input_models():
        for name, prop in model.model_json_schema().get("properties", {}).items():
            prop = _non_null(prop)
            if prop.get("type") == "array" and prop.get("items", {}).get("type") == "string":
                prop = prop["items"]
            if prop.get("type") == "integer" or (
                prop.get("type") == "string"
                and "enum" not in prop
                and "const" not in prop
                and prop.get("format") not in ("uuid", "date-time")
            ):
                yield model.__name__, name, prop


def _column_and_prefix(target: Target) -> tuple[Column, str]:
    return target if isinstance(target, tuple) else (target, "")


def test_every_input_field_is_mapped_to_its_columns_or_declared_not_stored() -> None:
    fields = {(model, name) for model, name, _ in _scalar_fields()}
    unmapped = fields - STORED_IN.keys() - NOT_STORED.keys()
    assert not unmapped, f"map these fields to their columns in STORED_IN: {sorted(unmapped)}"
    stale = (STORED_IN.keys() | NOT_STORED.keys()) - fields
    assert not stale, f"these fields no longer exist: {sorted(stale)}"


@pytest.mark.parametrize(
    ("model", "name", "prop"),
    [pytest.param(*field, id=".".join(field[:2])) for field in _scalar_fields()],
)
def test_no_input_field_allows_more_than_its_column_holds(
    model: str, name: str, prop: dict[str, Any]
) -> None:
    for target in STORED_IN.get((model, name), []):
        column, prefix = _column_and_prefix(target)
        column_type = column.property.columns[0].type
        if prop["type"] == "string":
            assert isinstance(column_type, String) and column_type.length is not None
            assert "maxLength" in prop, f"{model}.{name} needs a max_length"
            assert len(prefix) + prop["maxLength"] <= column_type.length, (
                f"{model}.{name}: {prefix!r} + {prop['maxLength']} characters do not fit "
                f"{column} ({column_type.length})"
            )
        else:
            low, high = next(
                bounds for kind, bounds in INT_RANGES.items() if isinstance(column_type, kind)
            )
            minimum = prop.get("minimum", prop.get("exclusiveMinimum"))
            maximum = prop.get("maximum", prop.get("exclusiveMaximum"))
            assert minimum is not None and maximum is not None, f"{model}.{name} needs bounds"
            assert low <= minimum and maximum <= high, (
                f"{model}.{name}: {minimum}..{maximum} does not fit {column} ({low}..{high})"
            )


def test_the_idempotency_key_fits_its_column_with_the_device_prefix() -> None:
    spec = create_app("sqlite://", prepare_schema=False, run_background=False).openapi()
    [header] = [
        param
        for param in spec["paths"]["/api/v1/group-buy/orders"]["post"]["parameters"]
        if param["name"] == "Idempotency-Key"
    ]
    stored_as = f"{2**31 - 1}:"  # "<device id>:<key>", see api/group_buy.py
    column_type = m.Reservation.idempotency_key.property.columns[0].type
    assert isinstance(column_type, String) and column_type.length is not None
    assert len(stored_as) + header["schema"]["maxLength"] <= column_type.length


def test_every_request_body_is_a_strict_model() -> None:
    spec = create_app("sqlite://", prepare_schema=False, run_background=False).openapi()
    strict = {model.__name__ for model in _input_models()}
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody")
            if body is None:
                continue
            ref = body["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[-1] in strict, f"{method.upper()} {path}"


def test_input_models_coerce_nothing() -> None:
    for model in _input_models():
        assert model.model_config.get("strict") is True, model.__name__
        for name, field in model.model_fields.items():
            if any(isinstance(item, Strict) and not item.strict for item in field.metadata):
                assert name == "op_id", f"{model.__name__}.{name} opts out of strict types"


# ----- the rules themselves -----


@pytest.mark.parametrize("text", ["\x00", "a\tb", "a\nb", "\x1b[2J", "\x7f", "\x9b", "\ud83d"])
def test_control_characters_and_lone_surrogates_are_unstorable(text: str) -> None:
    assert unstorable_character(text) is not None


@pytest.mark.parametrize("text", ["游錫堃", "𠮷野家", "RS001-261125-0001", "👨‍👩‍👧", "Café ½"])
def test_ordinary_text_is_storable(text: str) -> None:
    assert unstorable_character(text) is None


def test_free_form_text_may_hold_tabs_and_newlines_but_not_nul() -> None:
    assert unstorable_character("a\tb\r\nc", multiline=True) is None
    assert unstorable_character("a\x00b", multiline=True) == "U+0000"


@pytest.mark.parametrize(
    "value",
    [0, 1764000000, "1764000000", "2026-11-25T09:30:00", "9999-12-31T23:59:59-14:00", "soon"],
)
def test_timestamps_must_be_iso_with_an_offset_inside_the_window(value: Any) -> None:
    with pytest.raises(ValueError):  # PydanticCustomError is a ValueError
        parse_timestamp(value)


def test_the_timestamp_window_is_inclusive_at_the_start_and_open_at_the_end() -> None:
    assert parse_timestamp(EARLIEST.isoformat()) == EARLIEST
    with pytest.raises(ValueError):
        parse_timestamp(LATEST.isoformat())


def test_free_form_json_bounds() -> None:
    node: dict[str, Any] = {}
    for _ in range(MAX_JSON_DEPTH - 1):
        node = {"n": node}
    check_free_json(node)
    with pytest.raises(ValueError):
        check_free_json({"n": node})
    with pytest.raises(ValueError):
        check_free_json({"n": [node]})
    with pytest.raises(ValueError):
        check_free_json({"x": "y" * MAX_JSON_BYTES})
    with pytest.raises(ValueError):
        check_free_json({"x": float("nan")})


def test_every_documented_422_is_a_problem() -> None:
    """A control character in any path is a 422 problem+json, so every route says so."""
    spec = create_app("sqlite://", prepare_schema=False, run_background=False).openapi()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            response = operation["responses"].get("422")
            if operation.get("parameters") or operation.get("requestBody"):
                assert response is not None, f"{method.upper()} {path}"
            if response is not None:
                assert "application/problem+json" in response["content"], path
    assert "HTTPValidationError" not in spec["components"]["schemas"]
