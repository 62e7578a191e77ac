"""A browser at the console of a running server, and the test accounts."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from server_testkit import Server

MANAGER = ("mei", "manager-pass-123")
OPERATOR = ("ali", "operator-pass-456")
SCREENSHOTS = os.environ.get("CONSOLE_SCREENSHOTS_DIR")  # e.g. docs/screenshots


@dataclass
class Console:
    """The running server, its database and a browser pointed at its console."""

    server: Server
    driver: Any
    shots: Path

    @property
    def base(self) -> str:
        return f"{self.server.url}/console"

    def go(self, path: str) -> None:
        self.driver.get(f"{self.base}{path}")

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def _then_wait_for_the_next_page(self, action: Any) -> None:
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        old = self.find("html")

        def replaced(_driver: Any) -> bool:
            # Chromium answers "stale element" or "node does not belong to the document"
            # once the old page is gone: either means the next page has replaced it.
            try:
                old.is_enabled()
            except WebDriverException:
                return True
            return False

        action()
        WebDriverWait(self.driver, 15).until(replaced)
        WebDriverWait(self.driver, 15).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete"
        )

    def click(self, css: str) -> None:
        """Click what submits a form or follows a link, and wait for the page it brings."""
        element = self.find(css)
        self._then_wait_for_the_next_page(element.click)

    def enter(self, css: str, text: str) -> None:
        """Type into a field and press Enter (what a barcode scanner does); wait for the page."""
        element = self.find(css)
        self._then_wait_for_the_next_page(lambda: element.send_keys(text + "\n"))

    def text(self) -> str:
        return str(self.find("body").text)

    def sign_in(self, name: str, password: str) -> None:
        self.go("/sign-in")
        self.find("#name").send_keys(name)
        self.find("#password").send_keys(password)
        self.click("button.primary")

    def sign_out(self) -> None:
        self.click("form[action='/console/sign-out'] button")

    def cookie(self, name: str) -> str | None:
        found = self.driver.get_cookie(name)
        return None if found is None else str(found["value"])

    def shot(self, name: str, width: int = 1280) -> Path:
        """A screenshot of the whole page at `width` CSS pixels (a tablet is ~800);
        copied to $CONSOLE_SCREENSHOTS_DIR when set."""
        import base64

        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 900},
        )
        try:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            shot = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot",
                {
                    "format": "png",
                    "captureBeyondViewport": True,
                    "clip": {
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": min(height, 3000),
                        "scale": 1,
                    },
                },
            )
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        path = self.shots / f"console_{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        if SCREENSHOTS:
            target = Path(SCREENSHOTS)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / path.name)
        return path

    def http(self, cookies: dict[str, str] | None = None) -> httpx.Client:
        """A plain HTTP client (no browser) at the console, for what a browser would not send."""
        return httpx.Client(base_url=self.base, cookies=cookies or {}, timeout=30)

    def http_signed_in(self, name: str, password: str) -> tuple[httpx.Client, str]:
        """An HTTP client with a session cookie and that session's CSRF token."""
        client = self.http()
        page = client.get("/sign-in")
        pre = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert pre is not None
        signed = client.post(
            "/sign-in",
            data={"csrf_token": pre.group(1), "name": name, "password": password},
            follow_redirects=False,
        )
        assert signed.status_code == 303, signed.text
        home = client.get("/")
        token = re.search(r'name="csrf_token" value="([^"]+)"', home.text)
        assert token is not None
        return client, token.group(1)
