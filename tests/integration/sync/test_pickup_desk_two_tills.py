"""A store has several tills: a pickup reserved at one is found at another.

The customer reserves at till 1 and comes back to till 2. The warehouse's feed brings the
reservation to every till of the store with the customer's name and phone, so till 2's
desk finds it by the phone's last digits or the name (the phone shown masked), as till 1's
does; before, only the till that took it knew who the customer was.
"""

from __future__ import annotations

from pathlib import Path

from counter_app.services.pickups import PickupDeskService

from .fault_proxy import FaultProxy
from .sync_testkit import (
    CounterUnderTest,
    Warehouse,
    drain_until_empty,
    enroll_counter,
    open_counter,
    sellable_products,
)


def test_a_reservation_taken_at_one_till_is_found_by_phone_at_another(
    warehouse: Warehouse, proxy: FaultProxy, counter: CounterUnderTest, tmp_path: Path
) -> None:
    till2_dir = tmp_path / "till2"
    enroll_counter(till2_dir, warehouse, proxy.url)
    till2 = open_counter(till2_dir, proxy.url)
    try:
        product = sellable_products(counter, 1)[0]
        desk1 = PickupDeskService(counter.db, counter.store)
        made = desk1.reserve(product.id, 1, "陳美玲", "0912-345-678", counter.cashier)
        drain_until_empty(counter)

        assert not till2.puller.pull_until_current().unreachable
        desk2 = PickupDeskService(till2.db, till2.store)
        by_phone = desk2.entries(query="5678")
        assert [e.record.reservation_id for e in by_phone] == [made.record.reservation_id]
        found = by_phone[0]
        assert found.record.customer_name == "陳美玲"
        assert found.record.customer_phone == "0912345678"
        assert found.masked_phone == "0912***678"
        assert found.pickup_code  # confirmed by the warehouse, with its code
        assert [e.pickup_code for e in desk2.entries(query="陳美玲")] == [found.pickup_code]
        assert desk2.entries(query="1111") == []  # other digits find nothing

        # Till 1's own copy keeps its name and phone after the feed brings the confirmation.
        assert not counter.puller.pull_until_current().unreachable
        mine = desk1.entries(query="5678")
        assert [e.pickup_code for e in mine] == [found.pickup_code]
        assert mine[0].record.customer_phone == "0912345678"
    finally:
        till2.close()
