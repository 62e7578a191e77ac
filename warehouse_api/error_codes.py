"""Every stable error `code` the API can answer with, and what it means.

Published in the OpenAPI document (the `Problem` schema) so clients can rely on
them; a unit test checks that every code raised in the package is listed here.
"""

from __future__ import annotations

ERROR_CODES: dict[str, str] = {
    # request and transport
    "bad_request": "400: the request could not be understood",
    "unauthorized": "401: no device token, a malformed one, or an unknown or revoked one",
    "forbidden": "403: this device's role may not do this",
    "not_found": "404: no such route",
    "method_not_allowed": "405: the route exists, the method does not",
    "payload_too_large": "413: the body is over 1 MiB (Content-Length or streamed size)",
    "validation_error": "422: the body, query or path does not match the schema; see errors[]",
    "http_error": "any other HTTP error status",
    "internal_error": "500: a bug on the server; it was logged, retry later",
    "busy": "503: the database stayed busy past the timeout; retry after Retry-After seconds",
    # enrollment and devices
    "enrollment_code_invalid": "400: the enrollment code is not known",
    "enrollment_code_used": "409: the enrollment code was already used",
    "enrollment_code_expired": "410: the enrollment code has expired",
    "device_not_found": "404: no such device",
    "invalid_role": "422: not one of counter, group_buy, operator, admin",
    "location_required": "422: a counter token belongs to one store",
    # idempotency
    "idempotency_key_reused": "409: op_id, Idempotency-Key or a business id reused with another body",
    "receipt_no_taken": "409: the receipt number belongs to another sale",
    # inventory
    "insufficient_stock": "409: not enough available stock; has product_id, available, requested",
    "count_conflict": "409: on hand moved since the count began; `current` has the figures",
    "invalid_transition": "409: the order is not in a state that allows this; has current_status",
    "no_warehouse": "409: no warehouse location is set up",
    "no_dropship_partner": "422: the products do not all ship from one dropship partner",
    "unknown_product": "422: a product id in the request does not exist; has product_ids",
    "unknown_staff": "422: the cashier or staff id does not exist",
    # lookups
    "product_not_found": "404: no product with that SKU, barcode or id",
    "barcode_not_found": "404: no such barcode",
    "location_not_found": "404: no location with that code",
    "staff_not_found": "404: no such staff member",
    "staff_inactive": "409: the staff member is deactivated (a new PIN would bring them back)",
    "pin_too_short": "422: a supervisor's or manager's PIN needs 6 digits at least",
    "reservation_not_found": "404: no such reservation visible to this device",
    "transfer_not_found": "404: no such transfer visible to this device",
    "dropship_order_not_found": "404: no such dropship order visible to this device",
    "order_not_found": "404: no such group-buy order for this channel",
    "sale_not_found": "404: no sale with that receipt number",
    # back office
    "sku_taken": "409: another product has this SKU",
    "barcode_taken": "409: another product has this barcode",
    "location_code_taken": "409: another location has this code",
    "not_a_store": "422: the location is not a store (counters, their tokens and codes, staff)",
    "not_a_partner": "422: the location is not a dropship partner",
    "count_duplicate_product": "422: a stock count names one product on two lines",
    # tenders and payments (services/tenders.py, services/sales.py)
    "tender_not_found": "404: no tender with that code",
    "tender_code_taken": "409: a tender with this code exists",
    "tender_required": "409: cash is always offered and cannot be disabled",
    "payment_total_mismatch": "422: the sale's payments do not add up to its total; has total_cents, paid_cents",
    "card_number_in_reference": "422: a payment's reference or approval code holds a card number (13-19 digits passing Luhn); it is never stored",
    "receive_duplicate_product": "422: a transfer receipt names one product on two lines",
    # partial pickups (services/pickup_handover.py)
    "pickup_exceeds_held": "409: a hand-over asks more of a product than is at the store for the pickup (arrived, not yet collected); has product_id, requested, held",
    "pickup_nothing_held": "409: nothing of the pickup is at the store waiting to be collected",
    "pickup_duplicate_product": "422: a hand-over names one product on two lines",
    "pickup_rest_on_its_way": "409: a follow-up transfer of this pickup is already requested or shipped; has transfer_id",
    "pickup_nothing_to_send": "409: everything of the pickup reached the store; there is no rest to send",
    # returns against a sale (services/returns.py)
    "return_sale_unknown": "422: the return names a sale the warehouse does not know",
    "return_product_not_sold": "409: a product of the return is not on the sale; has product_id",
    "return_exceeds_sold": "409: more would come back than sold minus earlier returns; has product_id, sold, returned, asked",
    "order_return_unknown": "422: the returned order is not a group-buy or dropship order the warehouse knows",
    "order_not_returnable": "409: the order has not reached the customer (or was cancelled); has current_status",
    "refund_not_pending": "409: the channel cannot refund this return: it was paid at the counter or refunded already; has refund_state",
    "refund_exceeds_tender": "409: the refund gives a tender more than the sale paid with it net of earlier refunds (cash excepted); has method, paid, refunded, asked",
    "refund_exceeds_paid": "409: the return refunds more than the sale's total net of earlier refunds; has total, refunded, asked",
    "no_receipt_limit_reached": "409: this phone already had its no-receipt returns for the period; has limit, period_days, used",
    "no_receipt_approver_invalid": "422: the approver of a no-receipt return is not an active supervisor or manager of this store",
    # e-invoices (docs/einvoice.md)
    "einvoice_csv_invalid": "422: the allocation CSV is malformed; has line where one is at fault",
    "einvoice_range_overlap": "409: an allocated range overlaps another; nothing was imported",
    "einvoice_numbers_exhausted": "409: no booklet of the period is left to hand out; has period",
    "einvoice_booklet_not_held": "409: this till does not hold that booklet (or returned it)",
    "einvoice_number_out_of_booklet": "422: the number is not one of the booklet's",
    "einvoice_number_used": "409: an invoice was issued from the numbers being returned",
    "einvoice_number_taken": "409: the invoice number belongs to another sale",
    "einvoice_number_not_held": "409: the invoice number is not one this till holds",
    "einvoice_sale_unknown": "422: the invoice's sale is not known at this store",
    "einvoice_sale_invoiced": "409: the sale already has an invoice",
    "einvoice_replacement_invalid": (
        "409: a replacement invoice must follow the void of its sale's invoice by the same"
        " return, in the same period, for the invoice's total less the return's refund"
    ),
    "einvoice_seller_unset": "409: the seller's name and address for the MIG messages are not set",
    "einvoice_upload_unknown": "404: no such MIG message is owed to the platform",
    "einvoice_upload_not_rejected": "409: only a rejected MIG message is written again",
    "einvoice_amounts_do_not_add_up": "422: sales amount + tax differ from the total, or the total from the sale's",
    "einvoice_unknown": "422: no such invoice at this store",
    "einvoice_voided": "409: the invoice is void",
    "einvoice_period_closed": "409: the invoice's period is over: give an allowance, not a void",
    "einvoice_has_allowance": "409: an invoice with an allowance cannot be voided",
    "einvoice_allowance_too_large": "409: allowances would exceed the invoice's total",
    "einvoice_allowance_unknown": "422: no such allowance at this store",
    "einvoice_allowance_voided": "409: the allowance is already void",
    "einvoice_period_open": "409: the period is not over: its blank numbers are reported after it",
    "einvoice_period_unknown": "404: no numbers were imported for the period",
    "einvoice_booklets_still_held": "409: tills still hold booklets of the period; has devices",
    "einvoice_invoices_missing": "409: numbers tills used whose invoices have not arrived; has numbers",
    "einvoice_seller_id_unset": "409: the seller's tax ID for the E0402 is neither set nor the period's invoices' one",
    # the console's pages (/console/) and `warehouse-api user create`; not JSON answers
    "invalid_name": "422: a console user's name has 1 to 100 characters",
    "weak_password": "422: a console password has fewer than 10 characters",
    "name_taken": "409: a console user has this name already",
    "unknown_carrier": "422: not one of the console's carriers",
    "bad_tracking_no": "422: the tracking number does not have the carrier's format",
    "tracking_required": "422: a dropship order ships with a carrier and a tracking number",
    "bad_pack_state": "422: the packing form was altered",
    "unknown_kind": "404: not a kind of shipment (transfer, dropship, group_buy)",
    "user_not_found": "404: no such console account",
    "own_account": "409: a manager cannot deactivate their own console account",
    "last_manager": "409: the last active console manager cannot be deactivated",
    # dropship partners
    "not_from_warehouse": "409: only a dropship order from the warehouse can pass to a partner",
    "not_shipped": "409: a delivery problem is reported on a shipped or delivered order",
    "invalid_problem": "422: a delivery problem is wrong_item, damaged or lost",
    "invalid_terms": "422: a partner's cost is NT$0 or more and its lead time 0-365 days",
    # planning
    "suggestion_not_found": "404: no such idle-stock suggestion",
    "not_a_transfer": "409: the idle-stock suggestion moves no stock between locations",
    "nothing_to_move": "409: the source no longer has free stock of the suggested product",
    "same_location": "422: a transfer needs two different locations",
    # one price (services/price_report.py)
    "invalid_period": "422: a report's period is 1 to 366 days",
    "price_note_invalid": "422: marking a price conflict deliberate needs a note of 1-200 characters",
    "price_conflict_not_found": "404: the group-buy channel has no order of that product at that price differing from the store price",
    # group-buy orders collected at a store (services/group_buy_pickup.py)
    "pickup_store_unknown": "422: pickup_store_code names no store",
    "store_pickup_not_batched": "422: POST /group-buy/orders:batch takes orders shipped to the customer; one collected at a store is placed alone",
    "pay_at_pickup_needs_store": "422: a group-buy order paid at pickup (payment at_pickup) needs pickup_store_code",
    "pay_at_pickup_needs_prices": "422: a group-buy order paid at pickup needs unit_price_cents on every line (the amount due); product_ids lists the lines without",
    # paid at pickup: the hand-over and the sale that paid it (services/pickup_payment.py)
    "pickup_unpaid": "409: the order is paid at pickup and this hand-over costs amount_due_cents: pickup.complete must name the store sale that paid it (sale_id)",
    "pickup_sale_unknown": "409: pickup.complete names a sale this store has not recorded (the paying sale is pushed before its hand-over)",
    "pickup_sale_used": "409: the sale named by pickup.complete already paid another hand-over",
    "pickup_payment_mismatch": "422: the sale's collect lines do not name the order or are not exactly what the hand-over takes at the order's prices (amount_due_cents, paid_cents, handed_over, sale_collects)",
    "pickup_payment_not_due": "422: pickup.complete names a sale for an order paid before its pickup",
    "order_for_store_pickup": "409: the group-buy order is collected at a store: it travels by its transfer, and is not shipped to the customer or sent to another store",
}


def describe_codes() -> str:
    return "\n".join(f"* `{code}`: {meaning}" for code, meaning in ERROR_CODES.items())
