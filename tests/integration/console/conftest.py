"""The console in a real browser: headless Chromium (Debian's) driven by Selenium, against
the real warehouse server on loopback, once per backend (SQLite file, PostgreSQL).

Without /usr/bin/chromium, /usr/bin/chromedriver or selenium these tests skip, saying
why, except under CI (CI_REQUIRE_BROWSER=1), where they fail.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SERVER_TESTS = Path(__file__).parent.parent / "server"
sys.path.insert(0, str(SERVER_TESTS))
sys.path.insert(0, str(Path(__file__).parent))

from console_testkit import MANAGER, OPERATOR, Console  # noqa: E402
from server_testkit import Server  # noqa: E402

from warehouse_api.console.accounts import create_user  # noqa: E402
from warehouse_api.db import Database  # noqa: E402
from warehouse_api.embedded import start_embedded  # noqa: E402

# The server tests' database fixtures (a seeded SQLite copy or a fresh PostgreSQL schema),
# loaded under another module name so both conftests can exist.
_spec = importlib.util.spec_from_file_location("server_conftest", SERVER_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_server_conftest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_server_conftest)
demo_catalog = _server_conftest.demo_catalog
sqlite_template = _server_conftest.sqlite_template
pg_schema_url = _server_conftest.pg_schema_url
db_url = _server_conftest.db_url

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def _browser_missing(reason: str) -> None:
    if os.environ.get("CI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"headless Chromium is required (CI_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"no browser for the console tests: {reason}")


@pytest.fixture(scope="session")
def chromium_driver() -> Iterator[Any]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        _browser_missing(
            f"{CHROMIUM} or {CHROMEDRIVER} is absent (apt-get install chromium chromium-driver)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _browser_missing("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=zh-TW",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _clear_cookies(driver: Any) -> None:
    # Cookies are per host, not per port: each test's server on 127.0.0.1 starts clean.
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture
def console(
    db_url: str, chromium_driver: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Console]:
    """A fresh demo warehouse with a manager (mei) and an operator (ali), and the browser."""
    # The test server speaks plain HTTP on loopback: cookies without the Secure flag.
    monkeypatch.setenv("WAREHOUSE_CONSOLE_COOKIE_SECURE", "false")
    db = Database.from_url(db_url, **({} if db_url.startswith("sqlite") else {"pool_size": 2}))
    embedded = start_embedded(db_url)
    with db.write() as session:
        create_user(session, MANAGER[0], "manager", MANAGER[1])
        create_user(session, OPERATOR[0], "operator", OPERATOR[1])
    _clear_cookies(chromium_driver)
    try:
        yield Console(Server(embedded.url, db_url, db, embedded), chromium_driver, tmp_path)
    finally:
        chromium_driver.get("about:blank")
        _clear_cookies(chromium_driver)
        embedded.stop()
        db.dispose()
