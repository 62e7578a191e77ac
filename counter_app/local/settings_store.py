"""The till's own settings (printer, scanner) in a small JSON file beside its database.

Written atomically (temp file + replace) so a power cut never leaves half a file;
a file that cannot be read is kept aside and defaults are used, with a log line.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            aside = self.path.with_suffix(".unreadable")
            log.error(
                "settings file %s unreadable (%s); moved to %s, using defaults",
                self.path,
                exc,
                aside,
            )
            os.replace(self.path, aside)
            return {}
        return data if isinstance(data, dict) else {}

    def section(self, name: str) -> dict[str, Any]:
        value = self.load().get(name)
        return value if isinstance(value, dict) else {}

    def save_section(self, name: str, value: dict[str, Any]) -> None:
        data = self.load()
        data[name] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)
