"""Console accounts without a browser: password storage, sessions, lock-out, cookies, the CLI,
the message catalogue. The service tests run on both backends (`db_url`)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from warehouse_api.app import create_app
from warehouse_api.cli import main
from warehouse_api.config import Settings
from warehouse_api.console import accounts, i18n
from warehouse_api.console.models import ConsoleSession, ConsoleUser
from warehouse_api.db import Database
from warehouse_api.errors import DomainError
from warehouse_api.models import utcnow

CONSOLE = Path(__file__).parents[3] / "warehouse_api" / "console"
HOUR = timedelta(hours=1)


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database.from_url(
        db_url, **({} if db_url.startswith("sqlite") else {"pool_size": 2})
    )
    yield database
    database.dispose()


def test_passwords_are_argon2_and_session_tokens_are_stored_hashed(db: Database) -> None:
    with db.write() as session:
        accounts.create_user(session, "mei", "manager", "a-long-password")
    with db.write() as session:
        result = accounts.sign_in(session, "mei", "a-long-password", HOUR)
    assert result.identity is not None and result.token is not None
    with db.read() as session:
        user = session.scalar(select(ConsoleUser).where(ConsoleUser.name == "mei"))
        stored = session.scalar(select(ConsoleSession))
        assert user.password_hash.startswith("$argon2id$")
        assert "a-long-password" not in user.password_hash
        assert stored.token_sha256 != result.token and result.token not in stored.token_sha256
        assert accounts.identify(session, result.token) == result.identity
        assert accounts.identify(session, result.token + "x") is None


def test_a_session_ends_at_sign_out_and_at_its_expiry(db: Database) -> None:
    with db.write() as session:
        accounts.create_user(session, "ali", "operator", "a-long-password")
        result = accounts.sign_in(session, "ali", "a-long-password", HOUR)
    assert result.identity is not None and result.token is not None
    with db.read() as session:
        assert accounts.identify(session, result.token, now=utcnow() + HOUR / 2) is not None
        assert accounts.identify(session, result.token, now=utcnow() + HOUR * 2) is None
    with db.write() as session:
        accounts.sign_out(session, result.identity)
    with db.read() as session:
        assert accounts.identify(session, result.token) is None


def test_five_failures_lock_for_fifteen_minutes_then_the_password_works_again(db: Database) -> None:
    with db.write() as session:
        accounts.create_user(session, "ali", "operator", "a-long-password")
    now = utcnow()
    for attempt in range(5):
        with db.write() as session:
            failed = accounts.sign_in(session, "ali", "wrong", HOUR, now=now)
        assert failed.identity is None
        assert (failed.locked_until is not None) == (attempt == 4)
    with db.write() as session:
        locked = accounts.sign_in(
            session, "ali", "a-long-password", HOUR, now=now + timedelta(minutes=14)
        )
    assert locked.identity is None and locked.locked_until is not None
    with db.write() as session:
        later = accounts.sign_in(
            session, "ali", "a-long-password", HOUR, now=now + timedelta(minutes=16)
        )
    assert later.identity is not None


def test_create_user_refuses_a_short_password_a_bad_role_and_a_taken_name(db: Database) -> None:
    with db.write() as session:
        accounts.create_user(session, "mei", "manager", "a-long-password")
    for name, role, password, code in (
        ("x", "manager", "short", "weak_password"),
        ("x", "admin", "a-long-password", "invalid_role"),
        ("mei", "operator", "a-long-password", "name_taken"),
    ):
        with pytest.raises(DomainError) as refused, db.write() as session:
            accounts.create_user(session, name, role, password)
        assert refused.value.code == code


def _sign_in(client: TestClient, name: str, password: str) -> None:
    page = client.get("/console/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    response = client.post(
        "/console/sign-in",
        data={"csrf_token": token.group(1), "name": name, "password": password},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def test_cookies_are_secure_httponly_samesite_strict_by_default(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    app = create_app(url, settings=Settings(db_url=url), run_background=False)
    with app.state.db.write() as session:
        accounts.create_user(session, "mei", "manager", "a-long-password")
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/console/sign-in")
        assert re.search(
            r"console_pre=[^;]+;.*HttpOnly.*SameSite=strict.*Secure",
            page.headers["set-cookie"],
            re.I,
        )
        _sign_in(client, "mei", "a-long-password")
        home = client.get("/console/")
    assert home.status_code == 200 and "今日工作" in home.text  # the session cookie came back
    [cookie] = [c for c in client.cookies.jar if c.name == "console_session"]
    assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")


def test_the_sign_in_form_needs_its_own_csrf_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    app = create_app(
        url, settings=Settings(db_url=url, console_cookie_secure=False), run_background=False
    )
    with app.state.db.write() as session:
        accounts.create_user(session, "mei", "manager", "a-long-password")
    with TestClient(app) as client:
        client.get("/console/sign-in")
        refused = client.post(
            "/console/sign-in", data={"name": "mei", "password": "a-long-password"}
        )
    assert refused.status_code == 403
    assert "console_session" not in client.cookies


def test_an_altered_packing_form_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    app = create_app(
        url, settings=Settings(db_url=url, console_cookie_secure=False), run_background=False
    )
    with app.state.db.write() as session:
        accounts.create_user(session, "ali", "operator", "a-long-password")
    with TestClient(app) as client:
        _sign_in(client, "ali", "a-long-password")
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/console/").text)
        assert token is not None
        response = client.post(
            "/console/pack/transfer/TR-none/ship",
            data={"csrf_token": token.group(1), "scanned": "1:x"},
        )
    assert response.status_code == 404  # no such transfer: nothing to ship
    # parse_scanned refuses what no page of ours produces
    from warehouse_api.console.work import parse_scanned

    for altered in ("1:x", "1:-3", "abc"):
        with pytest.raises(DomainError):
            parse_scanned(altered)


def test_cli_user_create_reads_the_password_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    secret = tmp_path / "password"
    secret.write_text("the-first-manager\n", encoding="utf-8")
    assert (
        main(
            [
                "user",
                "create",
                "--db",
                url,
                "--role",
                "manager",
                "--name",
                "陳經理",
                "--password-file",
                str(secret),
            ]
        )
        == 0
    )
    assert "created manager 陳經理" in capsys.readouterr().out
    assert (
        main(
            [
                "user",
                "create",
                "--db",
                url,
                "--role",
                "manager",
                "--name",
                "陳經理",
                "--password-file",
                str(secret),
            ]
        )
        == 2
    )
    short = tmp_path / "short"
    short.write_text("tiny\n", encoding="utf-8")
    assert (
        main(
            [
                "user",
                "create",
                "--db",
                url,
                "--role",
                "operator",
                "--name",
                "x",
                "--password-file",
                str(short),
            ]
        )
        == 2
    )
    db = Database.from_url(url)
    try:
        with db.write() as session:
            assert (
                accounts.sign_in(session, "陳經理", "the-first-manager", HOUR).identity is not None
            )
    finally:
        db.dispose()


def test_every_console_text_has_a_translation() -> None:
    texts: set[str] = set()
    call = re.compile(r"""\bt\((?:"([^"]+)"|'([^']+)')\)""")
    for template in (CONSOLE / "templates").glob("*.html"):
        texts |= {a or b for a, b in call.findall(template.read_text("utf-8"))}
    views = "".join(
        path.read_text("utf-8")
        for path in [CONSOLE / "views.py", *sorted(CONSOLE.glob("*_views.py"))]
    )
    texts |= set(re.findall(r'Refused\(\d+, "([^"]+)"\)', views))
    texts |= set(re.findall(r'done\([^,]+, "([^"]+)"', views))
    texts |= {
        "Wrong name or password.",
        "This account is locked for 15 minutes after 5 failed attempts.",
    }
    from warehouse_api.services.catalog_import import PROBLEM_CODES

    # Shown through t(variable): the catalog check's problem codes, statuses, actions.
    texts |= set(PROBLEM_CODES) | {"checked", "imported", "create", "update", "unchanged"}
    texts |= {"offer_group_buy", "dropship_only", "transfer", "wrong_item", "damaged", "lost"}
    texts |= {"cash", "card", "linepay", "jkopay", "easycard", "ipass", "applepay", "voucher"}
    assert len(texts) > 80
    missing = sorted(text for text in texts if text not in i18n.ZH_HANT)
    assert missing == []


def test_the_stores_page_flags_silent_tills_and_late_invoices(tmp_path: Path) -> None:
    """A till holding invoice numbers that pushed nothing for 30 hours is at risk of the
    48-hour upload deadline; an invoice the platform has not accepted after 50 is past it."""
    from warehouse_api.models import (
        Device,
        EinvoiceBooklet,
        EinvoiceRange,
        EinvoiceUpload,
        Location,
        SyncOp,
    )

    url = f"sqlite:///{tmp_path / 'w.db'}"
    app = create_app(
        url, settings=Settings(db_url=url, console_cookie_secure=False), run_background=False
    )
    now = utcnow()
    with app.state.db.write() as session:
        accounts.create_user(session, "mei", "manager", "a-long-password")
        store = Location(code="S001", name="台北信義店", kind="store")
        session.add(store)
        session.flush()
        silent = Device(name="S001-1", token_sha256="a" * 64, role="counter", location_id=store.id)
        busy = Device(name="S001-2", token_sha256="b" * 64, role="counter", location_id=store.id)
        session.add_all([silent, busy])
        session.flush()
        allocation = EinvoiceRange(
            period="11512", track="AB", start_no=0, end_no=99, invoice_type="07", imported_at=now
        )
        session.add(allocation)
        session.flush()
        for device, start in ((silent, 0), (busy, 50)):
            session.add(
                EinvoiceBooklet(
                    range_id=allocation.id,
                    period="11512",
                    track="AB",
                    start_no=start,
                    end_no=start + 49,
                    invoice_type="07",
                    status="claimed",
                    device_id=device.id,
                    location_id=store.id,
                    claimed_at=now - 40 * HOUR,
                )
            )
        session.add_all(
            [
                SyncOp(
                    op_id="o1",
                    device_id=silent.id,
                    type="sale",
                    body_sha256="0" * 64,
                    result={},
                    created_at=now - 30 * HOUR,
                ),
                SyncOp(
                    op_id="o2",
                    device_id=busy.id,
                    type="sale",
                    body_sha256="0" * 64,
                    result={},
                    created_at=now - HOUR,
                ),
                EinvoiceUpload(
                    message_type="F0401",
                    document_no="AB00000001",
                    invoice_number="AB00000001",
                    location_id=store.id,
                    device_id=silent.id,
                    due_from=now - 50 * HOUR,
                    state="exported",
                ),
            ]
        )
        ids = (silent.id, busy.id)
    with TestClient(app) as client:
        _sign_in(client, "mei", "a-long-password")
        page = client.get("/console/stores").text
    assert "超過 24 小時仍未經平台接收的電子發票：1" in page.replace(": ", "：")
    silent_row = page[page.index(f'id="device-{ids[0]}"') :]
    silent_row = silent_row[: silent_row.index("</tr>")]
    assert "恐逾期" in silent_row and "已 30 小時未上傳" in silent_row
    busy_row = page[page.index(f'id="device-{ids[1]}"') :]
    assert "恐逾期" not in busy_row[: busy_row.index("</tr>")]
