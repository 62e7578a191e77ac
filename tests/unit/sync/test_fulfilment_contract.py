"""The pickup, ship and dropship ops the counter queues are what the warehouse accepts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.core.cart import Cart
from counter_app.core.catalog import ProductInfo
from counter_app.core.fulfilment import Fulfilment
from counter_app.core.ids import uuid7
from counter_app.core.money import Money
from counter_app.local.db import LocalDatabase
from counter_app.local.models import OutboxOp
from counter_app.services.context import StaffMember, StoreContext
from counter_app.services.dropship import DropshipService
from counter_app.services.fulfilment import FulfilmentService
from counter_app.services.selling import TAIWAN, SellingService
from tests.shift_testkit import open_test_shift
from warehouse_api.schemas import PushRequest

STORE = StoreContext(2, "S001", "台北信義店")
CASHIER = StaffMember(3, "王小明", "cashier")


def test_a_mixed_checkout_and_a_dropship_cancel_go_out_as_the_warehouse_accepts_them(
    tmp_path: Path,
) -> None:
    db = LocalDatabase(tmp_path / "counter.db")
    open_test_shift(db, STORE.location_id)
    service = FulfilmentService()
    cart = Cart()
    for pid, mode, source in (
        (10, "take", "warehouse"),
        (11, "pickup", "warehouse"),
        (12, "ship", "partner"),
        (13, "ship", "warehouse"),
    ):
        index = cart.add(ProductInfo(pid, f"1000{pid}", f"商品{pid}", Money(2500)), 2)
        cart.set_fulfilment(index, Fulfilment(mode, source))  # type: ignore[arg-type]
    cart.customer = service.customer("陳小姐", "0912345678", service.home("110", "松高路1號"))
    SellingService(db, STORE, lambda: datetime.now(TAIWAN), fulfilment=service).complete_cash_sale(
        cart, CASHIER, cart.total
    )
    dropships = DropshipService(db)
    order = dropships.orders()[0]
    dropships.cancel(order.record.dropship_id, "客人取消")
    with db.read() as session:
        rows = session.scalars(select(OutboxOp).order_by(OutboxOp.op_id)).all()
        wire = [
            {
                "op_id": uuid7(),
                "type": r.type,
                "payload": json.loads(r.payload),
                "created_at": r.created_at,
            }
            for r in rows
        ]
    request = PushRequest.model_validate({"ops": wire})
    types = [op.type for op in request.ops]
    assert types.count("dropship.create") == 2  # the warehouse's and the partner's
    assert {"sale", "reservation.create", "dropship.cancel"} <= set(types)
    db.dispose()
