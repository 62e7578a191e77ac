"""One counter sale paying for a take line, a pickup line and a ship line: only the take
line moves the store's shelf; the reservation and the dropship order carry the sale's id,
its receipt number and what each line paid, and the change feed says so."""

from __future__ import annotations

from server_testkit import Server, ledger_balances, level, new_id, op, push, sale_op

from warehouse_api.models import DropshipOrder, Reservation, SaleLine

TAKE, PICKUP, SHIP = 17, 18, 19


def _mixed_sale(receipt_no: str) -> tuple[dict, dict[int, str]]:
    sale = sale_op(TAKE, 1, price_cents=1000, receipt_no=receipt_no)
    line_ids = {TAKE: sale["payload"]["lines"][0]["line_id"]}
    for product_id, fulfilment, price in ((PICKUP, "pickup", 2000), (SHIP, "ship", 3000)):
        line_ids[product_id] = new_id()
        sale["payload"]["lines"].append(
            {
                "line_id": line_ids[product_id],
                "product_id": product_id,
                "qty": 2,
                "unit_price_cents": price,
                "line_total_cents": 2 * price,
                "fulfilment": fulfilment,
            }
        )
    total = 1000 + 4000 + 6000
    sale["payload"]["total_cents"] = total
    sale["payload"]["payments"][0].update(amount_cents=total, tendered_cents=total)
    return sale, line_ids


def test_one_receipt_links_the_sale_the_reservation_and_the_dropship_order(
    server: Server,
) -> None:
    counter = server.enroll("S001")
    receipt_no = f"RS001-261201-{new_id()[:6]}"
    sale, line_ids = _mixed_sale(receipt_no)
    sale_id = sale["payload"]["sale_id"]
    store = {pid: level(server, "S001", pid) for pid in (TAKE, PICKUP, SHIP)}
    warehouse = {pid: level(server, "WH01", pid) for pid in (PICKUP, SHIP)}
    reservation_id, dropship_id = new_id(), new_id()
    link = {"sale_id": sale_id, "receipt_no": receipt_no}
    results = push(
        server,
        counter,
        sale,
        op(
            "reservation.create",
            {
                "reservation_id": reservation_id,
                "lines": [
                    {
                        "product_id": PICKUP,
                        "qty": 2,
                        "sale_line_id": line_ids[PICKUP],
                        "paid_cents": 4000,
                    }
                ],
                "customer_name": "王小明",
                "customer_phone": "0912345678",
                **link,
            },
        ),
        op(
            "dropship.create",
            {
                "dropship_id": dropship_id,
                "source": "warehouse",
                "lines": [
                    {
                        "product_id": SHIP,
                        "qty": 2,
                        "sale_line_id": line_ids[SHIP],
                        "paid_cents": 6000,
                    }
                ],
                "customer_name": "王小明",
                "customer_phone": "0912345678",
                "address": "7-ELEVEN 123456 松高門市",
                "delivery": "cvs",
                **link,
            },
        ),
    )
    assert [r["status"] for r in results] == ["applied"] * 3, results
    assert results[1]["result"]["receipt_no"] == receipt_no
    assert results[1]["result"]["lines"][0]["paid_cents"] == 4000
    assert results[2]["result"]["delivery"] == "cvs"

    # Only the take line left the shelf; the other two are held at the warehouse.
    assert level(server, "S001", TAKE)[0] == store[TAKE][0] - 1
    assert level(server, "S001", PICKUP) == store[PICKUP]
    assert level(server, "S001", SHIP) == store[SHIP]
    assert level(server, "WH01", PICKUP) == (warehouse[PICKUP][0], warehouse[PICKUP][1] + 2)
    assert level(server, "WH01", SHIP) == (warehouse[SHIP][0], warehouse[SHIP][1] + 2)

    with server.db.read() as session:
        reservation = session.get(Reservation, reservation_id)
        order = session.get(DropshipOrder, dropship_id)
        assert reservation is not None and order is not None
        assert (reservation.sale_id, reservation.receipt_no) == (sale_id, receipt_no)
        assert (order.sale_id, order.receipt_no, order.delivery) == (sale_id, receipt_no, "cvs")
        assert [(ln.sale_line_id, ln.paid_cents) for ln in reservation.lines] == [
            (line_ids[PICKUP], 4000)
        ]
        assert [(ln.sale_line_id, ln.paid_cents) for ln in order.lines] == [(line_ids[SHIP], 6000)]
        fulfilments = {
            line.product_id: line.fulfilment
            for line in session.query(SaleLine).filter(SaleLine.sale_id == sale_id)
        }
        assert fulfilments == {TAKE: "take", PICKUP: "pickup", SHIP: "ship"}
    assert ledger_balances(server)


def test_a_sale_line_without_fulfilment_is_taken_and_an_unknown_one_is_refused(
    server: Server,
) -> None:
    counter = server.enroll("S001")
    before = level(server, "S001", TAKE)
    [plain] = push(server, counter, sale_op(TAKE, 3))
    assert plain["status"] == "applied"
    assert level(server, "S001", TAKE)[0] == before[0] - 3
    bad = sale_op(TAKE, 1)
    bad["payload"]["lines"][0]["fulfilment"] = "teleport"
    with server.client(counter) as client:
        response = client.post("/sync/push", json={"ops": [bad]})
    assert response.status_code == 422  # the whole batch is refused for its shape
    assert level(server, "S001", TAKE)[0] == before[0] - 3
