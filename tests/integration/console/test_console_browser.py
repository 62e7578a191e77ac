"""The warehouse console in headless Chromium against the real server, on both backends."""

from __future__ import annotations

import re
import secrets
import uuid

import httpx
from console_testkit import MANAGER, OPERATOR, Console
from selenium.webdriver.support.select import Select
from server_testkit import new_id, push_one
from sqlalchemy import select

from warehouse_api.models import (
    AuditEntry,
    Barcode,
    Device,
    Location,
    Product,
    Reservation,
    Stock,
    Transfer,
)
from warehouse_api.services.locations import warehouse_id


def _stocked_products(console: Console, count: int) -> list[tuple[int, str]]:
    """(product id, its barcode) of products with warehouse stock to spare."""
    with console.server.db.read() as session:
        warehouse = warehouse_id(session)
        rows = session.execute(
            select(Product.id, Barcode.code)
            .join(Barcode, Barcode.product_id == Product.id)
            .join(Stock, Stock.product_id == Product.id)
            .where(Stock.location_id == warehouse, Stock.on_hand - Stock.reserved > 10)
            .order_by(Product.id)
            .limit(count)
        ).all()
    assert len(rows) == count
    return [(pid, code) for pid, code in rows]


def _pickup_transfer(console: Console, counter: str, lines: list[tuple[int, int]]) -> str:
    result = push_one(
        console.server,
        counter,
        "reservation.create",
        {"reservation_id": new_id(), "lines": [{"product_id": p, "qty": q} for p, q in lines]},
    )
    assert result["status"] == "applied", result
    transfer_id: str = result["result"]["transfer_id"]
    return transfer_id


def _audited(console: Console, action: str) -> list[AuditEntry]:
    with console.server.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_sign_in_in_chinese_switch_to_english_and_sign_out(console: Console) -> None:
    console.go("/transfers")
    assert console.driver.current_url.startswith(f"{console.base}/sign-in")
    assert "登入" in console.text()
    console.shot("sign_in")

    console.sign_in(MANAGER[0], "not-the-password")
    assert "帳號或密碼錯誤" in console.find("#sign-in-error").text
    console.sign_in(*MANAGER)
    assert console.driver.current_url == f"{console.base}/"
    assert "今日工作" in console.text()
    session_cookie = console.driver.get_cookie("console_session")
    assert session_cookie["httpOnly"] is True and session_cookie["sameSite"] == "Strict"
    console.shot("home")

    console.click("a.lang")
    assert "Today's work" in console.text()
    console.go("/stock")  # the choice sticks (cookie)
    assert "Name, SKU or barcode" in console.text()
    console.go("/stock?lang=zh-Hant")
    assert "品名、貨號或條碼" in console.text()

    console.sign_out()
    assert console.driver.current_url.startswith(f"{console.base}/sign-in")
    console.go("/")
    assert console.driver.current_url.startswith(f"{console.base}/sign-in")
    assert [e.detail["console_user"] for e in _audited(console, "console.sign_out")] == ["mei"]


def test_a_form_without_or_with_a_wrong_csrf_token_is_refused(console: Console) -> None:
    counter = console.server.enroll("S001")
    with console.server.db.read() as session:
        till = session.scalar(select(Device.id).where(Device.role == "counter"))
    console.sign_in(*MANAGER)
    console.go("/stores")
    # The browser's own form, its hidden token altered: 403, and the till keeps its token.
    console.driver.execute_script(
        "document.querySelector(arguments[0]).value = 'forged'",
        f"#device-{till} input[name=csrf_token]",
    )
    console.click(f"#device-{till} button.danger")
    assert "表單遭拒" in console.find("#refusal").text
    console.shot("csrf_refused")

    cookies = {"console_session": console.cookie("console_session") or ""}
    with console.http(cookies) as client:
        missing = client.post(f"/devices/{till}/revoke", data={})
        wrong = client.post(
            f"/devices/{till}/revoke", data={"csrf_token": secrets.token_urlsafe(32)}
        )
    assert (missing.status_code, wrong.status_code) == (403, 403)
    with console.server.db.read() as session:
        assert session.get(Device, till).revoked_at is None
    with console.server.client(counter) as api:
        assert api.get("/sync/pull", params={"cursor": 0, "limit": 1}).status_code == 200

    # With the session's token the same action goes through.
    console.go("/stores")
    console.click(f"#device-{till} button.danger")
    assert "權杖已撤銷" in console.text()
    with console.server.db.read() as session:
        assert session.get(Device, till).revoked_at is not None
    [entry] = _audited(console, "console.device.revoke")
    assert entry.detail["device_id"] == till and entry.detail["console_user"] == "mei"


def test_a_forged_session_cookie_is_refused(console: Console) -> None:
    console.go("/sign-in")
    console.driver.add_cookie(
        {"name": "console_session", "value": secrets.token_urlsafe(32), "path": "/console"}
    )
    console.go("/stock")
    assert console.driver.current_url.startswith(f"{console.base}/sign-in")
    with console.http({"console_session": secrets.token_urlsafe(32)}) as client:
        assert client.get("/stores", follow_redirects=False).status_code == 303
        refused = client.post("/stores/S001/enrollment-code", data={"csrf_token": "x"})
    assert refused.status_code == 403
    assert _audited(console, "console.enrollment_code.issue") == []


def test_an_operator_is_refused_the_manager_pages(console: Console) -> None:
    console.sign_in(*OPERATOR)
    nav = console.find("header nav").text
    assert "調撥" in nav and "門市與裝置" not in nav
    for path in ("/stores", "/audit"):
        console.go(path)
        assert "此頁面僅限主管使用" in console.find("#refusal").text, path
    console.shot("operator_refused")
    client, token = console.http_signed_in(*OPERATOR)
    try:
        assert client.get("/stores").status_code == 403
        enrol = client.post("/stores/S001/enrollment-code", data={"csrf_token": token})
        price = client.post("/stock/1/price", data={"csrf_token": token, "price": "1"})
        safety = client.post(
            "/stock/1/safety-stock",
            data={"csrf_token": token, "location_code": "S001", "safety_stock": "9"},
        )
    finally:
        client.close()
    assert (enrol.status_code, price.status_code, safety.status_code) == (403, 403, 403)
    with console.server.db.read() as session:
        assert session.get(Product, 1).price_cents != 100
    # The operator's product page has no price form.
    console.go("/stock/1")
    assert console.find_all("#price") == []


def test_pick_pack_ship_a_transfer_ends_in_the_stores_feed(console: Console) -> None:
    counter = console.server.enroll("S001")
    (p1, code1), (p2, code2), (_p3, stranger) = _stocked_products(console, 3)
    transfer_id = _pickup_transfer(console, counter, [(p1, 2), (p2, 1)])

    console.sign_in(*OPERATOR)
    console.go("/transfers")
    assert console.find(f"[id='transfer-{transfer_id}']")
    console.shot("transfers")
    console.go(f"/pick/transfer/{transfer_id}")
    assert len(console.find_all("table.pick tbody tr")) == 2
    console.shot("pick_list")

    console.go(f"/pack/transfer/{transfer_id}")

    def scan(code: str) -> None:
        console.enter("#scan", code)

    scan(code1)
    assert "已裝箱" in console.find("#pack-ok").text
    scan(stranger)  # not on this transfer: caught, not counted
    assert "刷錯商品" in console.find("#pack-error").text
    console.shot("pack_wrong_item")
    scan("0000000000000")
    assert "查無此條碼" in console.find("#pack-error").text
    # Ship with one item still missing: refused, nothing shipped.
    console.find("#tracking").send_keys("123456789012")
    console.click("#ship")
    assert "尚有商品未裝箱" in console.find("#pack-error").text
    with console.server.db.read() as session:
        assert session.get(Transfer, transfer_id).status == "requested"
    scan(code1)
    scan(code2)
    scan(code2)  # one too many
    assert "數量過多" in console.find("#pack-error").text
    console.shot("pack")
    console.shot("pack_tablet", width=800)
    # A T-cat tracking number has 12 digits: a short one is refused.
    console.find("#tracking").send_keys("12345")
    console.click("#ship")
    assert (
        "12 digits" in console.find("#pack-error").text
        or "123456789012" in console.find("#pack-error").text
    )
    console.find("#tracking").clear()
    console.find("#tracking").send_keys("620012345678")
    console.click("#ship")
    assert console.driver.current_url.startswith(f"{console.base}/transfers?done=Shipped")
    assert console.find_all(f"[id='transfer-{transfer_id}']") == []

    with console.server.client(counter) as api:
        changes = api.get("/sync/pull", params={"cursor": 0, "limit": 5000}).json()["changes"]
    [seen] = [c["data"] for c in changes if c["entity"] == "transfer" and c["id"] == transfer_id]
    assert seen["status"] == "shipped"
    assert (seen["carrier"], seen["tracking_no"]) == ("tcat", "620012345678")
    [entry] = _audited(console, "console.transfer.ship")
    assert entry.detail["console_user"] == "ali" and entry.detail["shipment_id"] == transfer_id
    assert any(
        e.detail.get("problem") == "wrong_item"
        for e in _audited(console, "console.pack.refused_scan")
    )


def test_ship_a_wave_of_group_buy_orders(console: Console) -> None:
    channel = console.server.token("group_buy")
    (p1, _), (p2, _) = _stocked_products(console, 2)
    order_ids = []
    with httpx.Client(
        base_url=f"{console.server.url}/api/v1", headers={"Authorization": f"Bearer {channel}"}
    ) as api:
        for index in range(3):
            response = api.post(
                "/group-buy/orders",
                headers={"Idempotency-Key": str(uuid.uuid4())},
                json={
                    "lines": [{"product_id": p1, "qty": 1}, {"product_id": p2, "qty": index + 1}],
                    "customer_name": f"團購客{index}",
                },
            )
            assert response.status_code == 201, response.text
            order_ids.append(response.json()["reservation_id"])

    console.sign_in(*OPERATOR)
    console.go("/group-buy")
    for order_id in order_ids:
        console.find(f"input[value='{order_id}']").click()
    console.shot("group_buy")
    console.click("#ship-wave")
    assert "3 / 3" in console.find("#wave-result").text
    with console.server.db.read() as session:
        statuses = {session.get(Reservation, oid).status for oid in order_ids}
    assert statuses == {"shipped"}
    assert len(_audited(console, "console.group_buy.ship")) == 3


def test_stock_search_product_ledger_and_manager_price(console: Console) -> None:
    ((pid, barcode),) = _stocked_products(console, 1)
    console.sign_in(*MANAGER)
    console.go("/stock")
    console.enter("#q", barcode)
    rows = console.find_all("table.list tbody tr")
    assert len(rows) == 1
    console.shot("stock_search")
    console.click("table.list tbody tr a")
    assert console.find_all("#levels tbody tr")
    console.find("#price").clear()
    console.find("#price").send_keys("88")
    console.click("form.price button")
    assert "售價已儲存" in console.text()
    with console.server.db.read() as session:
        assert session.get(Product, pid).price_cents == 8800
        warehouse = session.get(Location, warehouse_id(session))
    console.find(f"#safety-{warehouse.code}").clear()
    console.find(f"#safety-{warehouse.code}").send_keys("4")
    console.click(f"form.safety:has(#safety-{warehouse.code}) button")
    assert "安全庫存已儲存" in console.text()
    with console.server.db.read() as session:
        row = session.get(Stock, (warehouse.id, pid))
        assert row.safety_stock == 4
    assert [e.detail["safety_stock"] for e in _audited(console, "console.safety_stock.set")] == [4]
    console.shot("product")
    console.go("/stock/attention")
    console.shot("attention")
    console.go("/audit")
    assert "console.price.set" in console.text()
    console.shot("audit")


def test_manager_issues_an_enrollment_code_a_till_can_use(console: Console) -> None:
    console.sign_in(*MANAGER)
    console.go("/stores")
    console.click("#store-S002 form button")
    code = console.find("#enrollment-code").text
    console.shot("enrollment_code")
    with console.server.client() as api:
        enrolled = api.post("/devices/enroll", json={"code": code, "device_name": "板橋 till 1"})
    assert enrolled.status_code == 200, enrolled.text
    console.go("/stores")
    assert "板橋 till 1" in console.find("#store-S002").text
    console.shot("stores")


def test_five_failed_sign_ins_lock_the_account_for_fifteen_minutes(console: Console) -> None:
    for _ in range(5):
        console.sign_in(OPERATOR[0], "wrong-wrong-wrong")
    console.sign_in(*OPERATOR)  # the right password, but locked
    assert "鎖定 15 分鐘" in console.find("#sign-in-error").text
    assert console.driver.current_url.startswith(f"{console.base}/sign-in")
    assert len(_audited(console, "console.user.locked")) == 1
    # Another account is not affected.
    console.sign_in(*MANAGER)
    assert "今日工作" in console.text()


def test_control_characters_in_forms_are_refused_not_stored(console: Console) -> None:
    """PostgreSQL cannot hold NUL: a form field with one gets an answer, never a 500."""
    counter = console.server.enroll("S001")
    ((pid, _),) = _stocked_products(console, 1)
    transfer_id = _pickup_transfer(console, counter, [(pid, 1)])
    with console.http() as client:
        page = client.get("/sign-in")
        pre = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert pre is not None
        refused = client.post(
            "/sign-in", data={"csrf_token": pre.group(1), "name": "mei\x00", "password": "x"}
        )
    assert refused.status_code == 401
    client, token = console.http_signed_in(*OPERATOR)
    try:
        scan = client.post(
            f"/pack/transfer/{transfer_id}/scan", data={"csrf_token": token, "code": "12\x003"}
        )
        wave = client.post("/group-buy/ship", data={"csrf_token": token, "order_id": "a\x00"})
        # A notice is shown only for texts of ours, not whatever a link says.
        planted = client.get("/transfers", params={"done": "Call 0900-000-000 now"})
    finally:
        client.close()
    assert scan.status_code == 422 and "查無此條碼" in scan.text
    assert wave.status_code == 422
    assert planted.status_code == 200 and "0900-000-000" not in planted.text


def test_accept_pack_and_ship_a_dropship_order_from_the_warehouse(console: Console) -> None:
    counter = console.server.enroll("S001")
    ((pid, code),) = _stocked_products(console, 1)
    dropship_id = new_id()
    result = push_one(
        console.server,
        counter,
        "dropship.create",
        {
            "dropship_id": dropship_id,
            "lines": [{"product_id": pid, "qty": 1}],
            "customer_name": "林小姐",
            "customer_phone": "0912345678",
            "address": "台北市信義區市府路 1 號",
        },
    )
    assert result["status"] == "applied", result
    console.sign_in(*OPERATOR)
    console.go("/dropship")
    console.shot("dropship")
    # Pending: not packable until accepted, and the pack page says so.
    console.go(f"/pack/dropship/{dropship_id}")
    assert console.find_all("#scan") == []
    console.go("/dropship")
    console.click(f"[id='dropship-{dropship_id}'] button.primary")
    assert "已接單" in console.find(f"[id='dropship-{dropship_id}']").text
    console.click(f"[id='dropship-{dropship_id}'] a.primary")
    console.enter("#scan", code)
    Select(console.find("#carrier")).select_by_value("hct")
    console.find("#tracking").send_keys("123456789012")  # HCT numbers have 10 digits
    console.click("#ship")
    assert "1234567890" in console.find("#pack-error").text
    # The page comes back with the carrier and the number as they were, to correct.
    assert Select(console.find("#carrier")).first_selected_option.get_attribute("value") == "hct"
    assert console.find("#tracking").get_attribute("value") == "123456789012"
    console.find("#tracking").clear()
    console.find("#tracking").send_keys("6543210987")
    console.click("#ship")
    assert console.driver.current_url.startswith(f"{console.base}/dropship?done=Shipped")
    with console.server.client(counter) as api:
        changes = api.get("/sync/pull", params={"cursor": 0, "limit": 5000}).json()["changes"]
    [seen] = [
        c["data"] for c in changes if c["entity"] == "dropship_order" and c["id"] == dropship_id
    ]
    assert (seen["status"], seen["carrier"], seen["tracking_no"]) == (
        "shipped",
        "hct",
        "6543210987",
    )
    assert len(_audited(console, "console.dropship.accept")) == 1
