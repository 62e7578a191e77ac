from __future__ import annotations

from server_testkit import Server, ledger_balances, new_id, push_one
from sqlalchemy import func, select

from warehouse_api.models import DropshipOrder, Reservation, Transfer
from warehouse_api.simulate import simulate


def test_simulator_places_orders_and_moves_the_queues(server: Server) -> None:
    counter = server.enroll("S001")
    pickup = push_one(
        server,
        counter,
        "reservation.create",
        {"reservation_id": new_id(), "lines": [{"product_id": 2, "qty": 1}]},
    )
    dropship = push_one(
        server,
        counter,
        "dropship.create",
        {
            "dropship_id": new_id(),
            "lines": [{"product_id": 3, "qty": 1}],
            "customer_name": "林先生",
            "customer_phone": "0933000222",
            "address": "台中市西區公益路1號",
        },
    )
    assert pickup["status"] == dropship["status"] == "applied"

    stats = simulate(server.db, rate=20, duration_s=2.5, seed=1)

    assert stats.orders_placed + stats.orders_short >= 15  # 20/s for 2.5 s, on a busy machine
    assert stats.orders_placed > 0 and stats.group_buy_shipped > 0
    with server.db.read() as session:
        transfer = session.get(Transfer, pickup["result"]["transfer_id"])
        order = session.get(DropshipOrder, dropship["result"]["dropship_id"])
        placed = session.scalar(
            select(func.count()).select_from(Reservation).where(Reservation.kind == "group_buy")
        )
    assert transfer is not None and transfer.status == "shipped"
    assert (
        order is not None and order.status == "delivered"
    )  # pending -> accepted -> shipped -> delivered
    assert placed == stats.orders_placed
    assert ledger_balances(server)
