"""Suite-wide settings: Qt runs offscreen unless a test sets up a real display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
