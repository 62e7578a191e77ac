"""Regenerate docs/screenshots/console_stores_einvoice.png (not a test):

    PYTHONPATH=. python tests/ui/make_console_einvoice_screenshot.py

The console's Stores & devices page with a till holding invoice numbers that has been
silent for 30 hours, one silent for 50, and an invoice not accepted after 50 hours; drawn
by headless Chromium from the page the console serves (its stylesheet inlined).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from warehouse_api.app import create_app
from warehouse_api.config import Settings
from warehouse_api.console import accounts
from warehouse_api.models import (
    Device,
    EinvoiceBooklet,
    EinvoiceRange,
    EinvoiceUpload,
    Location,
    SyncOp,
    utcnow,
)

OUT = Path("docs/screenshots/console_stores_einvoice.png")
CSS = Path("warehouse_api/console/static/console.css")
HOUR = timedelta(hours=1)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'w.db'}"
        app = create_app(
            url, settings=Settings(db_url=url, console_cookie_secure=False), run_background=False
        )
        now = utcnow()
        with app.state.db.write() as session:
            accounts.create_user(session, "mei", "manager", "a-long-password")
            store = Location(code="S001", name="台北信義店", kind="store")
            session.add(store)
            session.flush()
            tills = [
                Device(
                    name=f"S001-{n}",
                    token_sha256=str(n) * 64,
                    role="counter",
                    location_id=store.id,
                    created_at=now - 90 * 24 * HOUR,
                )
                for n in (1, 2, 3)
            ]
            session.add_all(tills)
            session.flush()
            allocation = EinvoiceRange(
                period="11512",
                track="AB",
                start_no=0,
                end_no=149,
                invoice_type="07",
                imported_at=now,
            )
            session.add(allocation)
            session.flush()
            for n, (till, silent_hours) in enumerate(zip(tills, (30, 1, 50), strict=True)):
                session.add(
                    EinvoiceBooklet(
                        range_id=allocation.id,
                        period="11512",
                        track="AB",
                        start_no=n * 50,
                        end_no=n * 50 + 49,
                        invoice_type="07",
                        status="claimed",
                        device_id=till.id,
                        location_id=store.id,
                        claimed_at=now - 60 * HOUR,
                    )
                )
                session.add(
                    SyncOp(
                        op_id=f"o{n}",
                        device_id=till.id,
                        type="sale",
                        body_sha256="0" * 64,
                        result={},
                        created_at=now - silent_hours * HOUR,
                    )
                )
            session.add(
                EinvoiceUpload(
                    message_type="F0401",
                    document_no="AB00000101",
                    invoice_number="AB00000101",
                    location_id=store.id,
                    device_id=tills[2].id,
                    due_from=now - 50 * HOUR,
                    state="exported",
                )
            )
        with TestClient(app) as client:
            page = client.get("/console/sign-in")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token is not None
            client.post(
                "/console/sign-in",
                data={"csrf_token": token.group(1), "name": "mei", "password": "a-long-password"},
            )
            html = client.get("/console/stores").text
        html = html.replace(
            '<link rel="stylesheet" href="/console/static/console.css">',
            f"<style>{CSS.read_text(encoding='utf-8')}</style>",
        )
        page_file = Path(tmp) / "stores.html"
        page_file.write_text(html, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1280,620",
                f"--screenshot={OUT.resolve()}",
                page_file.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )


if __name__ == "__main__":
    main()
