"""The rest of a short pickup, sent from the console (headless Chromium against the real
server, on both backends): a pickup whose transfer came in short is listed on the
transfers page with what is missing; "Send the rest" holds the missing units at the
warehouse and adds the follow-up transfer to the queue; bad sends change nothing."""

from __future__ import annotations

from console_testkit import OPERATOR, Console
from server_testkit import new_id, push_one
from sqlalchemy import select

from warehouse_api.models import AuditEntry, Transfer

RICE = 11


def _short_pickup(console: Console) -> str:
    """A pickup of 3 at S001 whose transfer was shipped whole and received 2."""
    server = console.server
    till = server.enroll("S001")
    created = push_one(
        server,
        till,
        "reservation.create",
        {
            "reservation_id": new_id(),
            "lines": [{"product_id": RICE, "qty": 3}],
            "customer_name": "陳小姐",
            "customer_phone": "0912345678",
        },
    )
    assert created["status"] == "applied", created
    reservation = created["result"]
    with server.client(server.token("operator")) as client:
        shipped = client.post(f"/operator/transfers/{reservation['transfer_id']}/ship", json={})
    assert shipped.status_code == 200, shipped.text
    received = push_one(
        server,
        till,
        "transfer.receive",
        {"transfer_id": reservation["transfer_id"], "lines": [{"product_id": RICE, "qty": 2}]},
    )
    assert received["status"] == "applied", received
    rid: str = reservation["reservation_id"]
    return rid


def _follow_ups(console: Console, rid: str) -> list[tuple[str, str, int]]:
    with console.server.db.read() as session:
        return [
            (t.id, t.status, sum(line.qty for line in t.lines))
            for t in session.scalars(
                select(Transfer).where(Transfer.reservation_id == rid).order_by(Transfer.id)
            )
            if t.id.endswith("-2")
        ]


def test_an_operator_sends_the_rest_of_a_short_pickup(console: Console) -> None:
    rid = _short_pickup(console)
    console.sign_in(*OPERATOR)
    console.go("/transfers")
    row = console.find(f"#short-{rid}")
    assert "陳小姐" in row.text and "× 1" in row.text
    console.shot("transfers_short_pickup")
    console.click(f"#short-{rid} button")
    assert "已建立補寄調撥單" in console.text()
    assert not console.find_all(f"#short-{rid}")  # the rest is on its way: no longer listed
    [(transfer_id, status, qty)] = _follow_ups(console, rid)
    assert (status, qty) == ("requested", 1)
    assert console.find_all(f"#transfer-{transfer_id}")  # waiting to be picked and shipped
    with console.server.db.read() as session:
        audited = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "console.pickup.send_rest")
        ).all()
    assert [a.detail["reservation_id"] for a in audited] == [rid]


def test_bad_sends_of_the_rest_are_refused_and_change_nothing(console: Console) -> None:
    rid = _short_pickup(console)
    client, token = console.http_signed_in(*OPERATOR)
    path = f"/pickups/{rid}/send-rest"
    try:
        no_token = client.post(path, data={})
        forged = client.post(path, data={"csrf_token": "forged"})
        missing = client.post("/pickups/no-such-pickup/send-rest", data={"csrf_token": token})
        long_id = client.post(f"/pickups/{'x' * 65}/send-rest", data={"csrf_token": token})
        before = _follow_ups(console, rid)
        first = client.post(path, data={"csrf_token": token}, follow_redirects=False)
        again = client.post(path, data={"csrf_token": token})
    finally:
        client.close()
    assert no_token.status_code == 403 and forged.status_code == 403
    assert missing.status_code == 404 and long_id.status_code == 404
    assert before == []
    assert first.status_code == 303
    assert again.status_code == 409  # pickup_rest_on_its_way: one follow-up at a time
    assert len(_follow_ups(console, rid)) == 1
