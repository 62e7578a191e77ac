"""A partial pickup from the till to the real warehouse on loopback, on SQLite and
PostgreSQL: a reservation made at the till is confirmed (its coded slip prints by
itself), shipped, received two short of three; the till hands over what is here in two
goes, the first while the warehouse is out of reach; the warehouse moves only what was
handed over and refuses a second till's hand-over of a unit already collected; the
missing unit follows on a second transfer and completes the pickup."""

from __future__ import annotations

import json
from pathlib import Path

from server_testkit import Server, ledger_balances, level
from sqlalchemy import select
from test_pickup_desk_handover import Printed
from till_testkit import enrolled_till

from counter_app.local import outbox
from counter_app.local.models import OutboxOp
from counter_app.local.models import Reservation as LocalReservation
from counter_app.local.models import Stock as LocalStock
from counter_app.services.pickup_followups import PickupFollowUps
from counter_app.services.pickups import PickupDeskService
from warehouse_api.models import Reservation as ServerReservation


def test_a_short_transfer_is_handed_over_in_parts_online_and_offline(
    server: Server, tmp_path: Path
) -> None:
    till = enrolled_till(server, tmp_path / "a")
    other = enrolled_till(server, tmp_path / "b")
    try:
        with till.db.read() as session:
            product_id = session.scalars(
                select(LocalStock.product_id).order_by(LocalStock.product_id)
            ).first()
        assert product_id is not None
        store_before = level(server, "S001", product_id)
        printed = Printed()
        desk = PickupDeskService(till.db, till.store, printed)
        followups = PickupFollowUps(till.db, till.store, desk, printed)
        rid = desk.reserve(
            product_id, 3, "陳小姐", "0912-345-678", till.cashier
        ).record.reservation_id
        assert followups.print_confirmed_slips() == []  # pending: no code yet
        till.sync()
        [entry] = desk.entries()
        code = entry.pickup_code
        assert followups.print_confirmed_slips() == ["1"]  # confirmed: the coded slip, once
        assert code in printed.texts[0] and followups.print_confirmed_slips() == []

        with server.client(server.token("operator")) as client:
            shipped = client.post(f"/operator/transfers/TR-{rid}/ship", json={})
        assert shipped.status_code == 200, shipped.text
        till.sync()
        transfer = f"TR-{rid}"
        till.queue(
            "transfer.receive",
            f"transfer:{transfer}",
            {"transfer_id": transfer, "lines": [{"product_id": product_id, "qty": 2}]},
        )
        till.sync()
        [ready] = desk.entries("ready")
        assert [i.qty for i in ready.here()] == [2] and [i.qty for i in ready.to_come()] == [1]

        # From the till's cache, nothing sent yet (as offline): handed over in part.
        first = desk.hand_over(code, till.cashier, {product_id: 1})
        assert first.entry.status == "ready" and [i.qty for i in first.still_to_come] == [2]
        desk.print_handover(first, till.cashier)
        assert "【尚待取貨（到店後通知）】" in printed.texts[-1]
        # ... and syncs later.
        till.sync()
        with server.db.read() as session:
            line = session.get(ServerReservation, rid).lines[0]  # type: ignore[union-attr]
            assert (line.arrived_qty, line.collected_qty) == (2, 1)
        assert level(server, "S001", product_id) == (store_before[0] + 1, store_before[1] + 1)
        [after_feed] = desk.entries("ready")
        assert [i.qty for i in after_feed.here()] == [1]  # counted once, not twice

        # The other till, its feed current, hands over the last unit; this till, not
        # pulled since, hands it over too: the warehouse refuses the second.
        other.sync()
        other_desk = PickupDeskService(other.db, other.store)
        other_desk.hand_over(code, other.cashier, {product_id: 1})
        desk.hand_over(code, till.cashier, {product_id: 1})
        assert other.relay.drain().applied == 1
        outcome = till.relay.drain()
        assert outcome.applied == 0 and outcome.rejected == 1
        with till.db.read() as session:
            refused = session.scalars(
                select(OutboxOp).where(OutboxOp.problem_code.is_not(None))
            ).all()
            assert [op.problem_code for op in refused] == ["pickup_exceeds_held"]
            # Nothing pending at this till: its first hand-over was acknowledged (the
            # warehouse's figures count it), the refused one no longer counts.
            mirrored = session.get(LocalReservation, rid)
            assert mirrored is not None and json.loads(mirrored.collected_here_json) == []
        # A person resolves the sync problem (F10): the unit went out at the other till, so
        # the refused hand-over is discarded; the pickup's later ops may go again.
        with till.db.unit_of_work() as session:
            outbox.discard_failed(
                session, refused[0].op_id, till.cashier.id, "handed over at till B"
            )
        till.sync()
        [current] = desk.entries("ready")  # the feed: two collected, one still to come
        assert current.here() == () and [i.qty for i in current.to_come()] == [1]
        assert level(server, "S001", product_id) == store_before  # two handed over, two left
        with server.db.read() as session:
            found = session.get(ServerReservation, rid)
            assert found is not None and found.status == "ready"  # one still to come
        # The warehouse sends the missing unit after it; received at the store, the
        # customer collects it and the pickup is done.
        with server.client(server.token("operator")) as client:
            rest = client.post(f"/operator/reservations/{rid}/send-rest").json()["transfer_id"]
            assert client.post(f"/operator/transfers/{rest}/ship", json={}).status_code == 200
        till.queue("transfer.receive", f"transfer:{rest}", {"transfer_id": rest})
        till.sync()
        [arrived] = desk.entries("ready")
        assert [i.qty for i in arrived.here()] == [1] and arrived.to_come() == ()
        assert desk.hand_over(code, till.cashier).entry.status == "picked_up"
        till.sync()
        assert [e.pickup_code for e in desk.entries("picked_up")] == [code]
        with server.db.read() as session:
            done = session.get(ServerReservation, rid)
            assert done is not None and done.status == "picked_up"
        assert ledger_balances(server)
    finally:
        till.close()
        other.close()
