"""Where the device token lives: the OS keyring if there is one, else a file only this
user can read (0600 on POSIX; on Windows the profile folder is already per user)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "counter-app"


class FileTokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def save(self, token: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
        os.replace(tmp, self.path)


class KeyringTokenStore:
    """The OS keyring (Windows Credential Manager, macOS Keychain, Secret Service),
    falling back to a file when no usable keyring exists (a headless till)."""

    def __init__(self, account: str, fallback: FileTokenStore) -> None:
        self.account = account
        self.fallback = fallback

    def load(self) -> str | None:
        try:
            import keyring

            token = keyring.get_password(SERVICE, self.account)
            if token:
                return token
        except Exception as exc:  # any backend error means: use the file
            log.info("keyring unavailable (%s); using %s", exc, self.fallback.path)
        return self.fallback.load()

    def save(self, token: str) -> None:
        try:
            import keyring

            keyring.set_password(SERVICE, self.account, token)
            return
        except Exception as exc:
            log.info("keyring unavailable (%s); storing token in %s", exc, self.fallback.path)
        self.fallback.save(token)
