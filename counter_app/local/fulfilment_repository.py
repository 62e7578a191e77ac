"""The till's dropship orders and its alerts for refused pickup / ship lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.core.records import AlertRecord, DropshipRecord, OrderLineRecord
from counter_app.local.models import DropshipOrder, FulfilmentAlert


def lines_to_json(lines: tuple[OrderLineRecord, ...]) -> str:
    return json.dumps(
        [[ln.product_id, ln.qty, ln.sale_line_id, ln.paid_cents] for ln in lines],
        ensure_ascii=False,
    )


def lines_from_json(text: str) -> tuple[OrderLineRecord, ...]:
    lines: list[OrderLineRecord] = []
    for item in json.loads(text or "[]"):
        if isinstance(item, dict):  # the warehouse's shape, from the feed or an op payload
            lines.append(
                OrderLineRecord(
                    int(item["product_id"]),
                    int(item["qty"]),
                    item.get("sale_line_id"),
                    item.get("paid_cents"),
                )
            )
        else:
            pid, qty, *rest = item
            sale_line_id = rest[0] if rest else None
            paid = rest[1] if len(rest) > 1 else None
            lines.append(OrderLineRecord(int(pid), int(qty), sale_line_id, paid))
    return tuple(lines)


def _dropship_record(row: DropshipOrder) -> DropshipRecord:
    return DropshipRecord(
        dropship_id=row.dropship_id,
        status=row.status,
        source=row.source,
        lines=lines_from_json(row.lines_json),
        customer_name=row.customer_name,
        customer_phone=row.customer_phone,
        address=row.address,
        delivery=row.delivery,
        created_at=row.created_at,
        updated_at=row.updated_at,
        sale_id=row.sale_id,
        receipt_no=row.receipt_no,
        carrier=row.carrier,
        tracking_no=row.tracking_no,
    )


class SqlDropshipRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: DropshipRecord) -> None:
        self._session.add(
            DropshipOrder(
                dropship_id=record.dropship_id,
                status=record.status,
                source=record.source,
                lines_json=lines_to_json(record.lines),
                customer_name=record.customer_name,
                customer_phone=record.customer_phone,
                address=record.address,
                delivery=record.delivery,
                sale_id=record.sale_id,
                receipt_no=record.receipt_no,
                carrier=record.carrier,
                tracking_no=record.tracking_no,
                created_at=record.created_at,
                updated_at=record.updated_at,
            )
        )
        self._session.flush()

    def all(self) -> list[DropshipRecord]:
        rows = self._session.scalars(
            select(DropshipOrder).order_by(DropshipOrder.created_at.desc())
        )
        return [_dropship_record(row) for row in rows]

    def get(self, dropship_id: str) -> DropshipRecord | None:
        row = self._session.get(DropshipOrder, dropship_id)
        return _dropship_record(row) if row is not None else None

    def set_status(self, dropship_id: str, status: str, at: str) -> None:
        row = self._session.get(DropshipOrder, dropship_id)
        if row is None:
            raise KeyError(dropship_id)
        row.status = status
        row.updated_at = at

    def forget_customers(self, statuses: Sequence[str], updated_before: datetime) -> int:
        rows = self._session.scalars(
            select(DropshipOrder).where(
                DropshipOrder.status.in_(list(statuses)), DropshipOrder.customer_phone != ""
            )
        )
        forgotten = 0
        for row in rows:
            if stamped_before(row.updated_at, updated_before):
                row.customer_name, row.customer_phone, row.address = "", "", ""
                forgotten += 1
        return forgotten


def stamped_before(stamp: str, cutoff: datetime) -> bool:
    """``stamp`` (ISO, with or without offset; UTC when without) is before ``cutoff``."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment < cutoff


def apply_dropship_change(session: Session, data: dict[str, Any]) -> None:
    """A ``dropship_order`` change from the feed: status, carrier and tracking number of an
    order this till knows; an order of this store made at another till is added without
    customer data (the feed does not carry it)."""
    dropship_id = str(data["dropship_id"])
    row = session.get(DropshipOrder, dropship_id)
    updated_at = str(data.get("updated_at") or "")
    if row is None:
        session.add(
            DropshipOrder(
                dropship_id=dropship_id,
                status=str(data.get("status", "pending")),
                source="warehouse",
                lines_json=json.dumps(data.get("lines") or []),
                customer_name="",
                customer_phone="",
                address="",
                delivery=str(data.get("delivery") or "home"),
                sale_id=data.get("sale_id"),
                receipt_no=data.get("receipt_no"),
                carrier=data.get("carrier"),
                tracking_no=data.get("tracking_no"),
                created_at=updated_at,
                updated_at=updated_at,
            )
        )
        return
    row.status = str(data.get("status", row.status))
    row.carrier = data.get("carrier") or row.carrier
    row.tracking_no = data.get("tracking_no") or row.tracking_no
    row.updated_at = updated_at or row.updated_at


def _alert_record(row: FulfilmentAlert) -> AlertRecord:
    return AlertRecord(
        alert_id=row.alert_id,
        kind=row.kind,
        order_id=row.order_id,
        op_id=row.op_id,
        raised_at=row.raised_at,
        problem_code=row.problem_code,
        problem_detail=row.problem_detail,
        lines=lines_from_json(row.lines_json),
        customer_name=row.customer_name,
        customer_phone=row.customer_phone,
        sale_id=row.sale_id,
        receipt_no=row.receipt_no,
        address=row.address,
        delivery=row.delivery,
        resolved_at=row.resolved_at,
        resolution=row.resolution,
        resolved_by=row.resolved_by,
        resolution_ref=row.resolution_ref,
    )


class SqlAlertRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def open_alerts(self) -> list[AlertRecord]:
        rows = self._session.scalars(
            select(FulfilmentAlert)
            .where(FulfilmentAlert.resolved_at.is_(None))
            .order_by(FulfilmentAlert.raised_at)
        )
        return [_alert_record(row) for row in rows]

    def get(self, alert_id: str) -> AlertRecord | None:
        row = self._session.get(FulfilmentAlert, alert_id)
        return _alert_record(row) if row is not None else None

    def resolve(
        self, alert_id: str, resolution: str, staff_id: int | None, at: str, ref: str | None
    ) -> bool:
        """Mark it resolved; False when someone resolved it first (nothing changed)."""
        row = self._session.get(FulfilmentAlert, alert_id)
        if row is None or row.resolved_at is not None:
            return False
        row.resolved_at = at
        row.resolution = resolution
        row.resolved_by = staff_id
        row.resolution_ref = ref
        return True


ORDER_OP_TYPES = ("reservation.create", "dropship.create")


def raise_alert_for_refused_order(
    session: Session, op_id: str, op_type: str, payload: dict[str, Any], code: str, detail: str
) -> str | None:
    """The warehouse refused a pickup reservation or a dropship order (``insufficient_stock``,
    ``no_dropship_partner``...): the till's copy shows ``rejected`` and an alert stays open
    until a person resolves it. Same transaction as the rejection; one alert per op."""
    if op_type not in ORDER_OP_TYPES:
        return None
    if session.scalar(select(FulfilmentAlert.alert_id).where(FulfilmentAlert.op_id == op_id)):
        return None
    from counter_app.core.ids import uuid7  # local: core ids, no cycle
    from counter_app.local.models import Reservation
    from counter_app.local.outbox import now_iso

    now = now_iso()
    if op_type == "reservation.create":
        kind, order_id = "pickup", str(payload["reservation_id"])
        reservation = session.get(Reservation, order_id)
        if reservation is not None:
            reservation.status = "rejected"
            reservation.updated_at = now
    else:
        kind, order_id = "ship", str(payload["dropship_id"])
        order = session.get(DropshipOrder, order_id)
        if order is not None:
            order.status = "rejected"
            order.updated_at = now
    alert_id = uuid7()
    session.add(
        FulfilmentAlert(
            alert_id=alert_id,
            op_id=op_id,
            kind=kind,
            order_id=order_id,
            raised_at=now,
            problem_code=code,
            problem_detail=detail,
            lines_json=json.dumps(payload.get("lines") or [], ensure_ascii=False),
            customer_name=str(payload.get("customer_name") or ""),
            customer_phone=str(payload.get("customer_phone") or ""),
            sale_id=payload.get("sale_id"),
            receipt_no=payload.get("receipt_no"),
            address=payload.get("address"),
            delivery=payload.get("delivery"),
        )
    )
    return alert_id
