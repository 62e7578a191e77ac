"""The Qt application object: its name, its interface language, and its garbage
collected on the GUI thread only (`gui_thread_gc`).

Everything else the window needs is built and wired by the composition root
(``counter_app.bootstrap``); nothing in ``ui`` imports the root.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from counter_app.ui.gui_thread_gc import GuiThreadCollector
from counter_app.ui.i18n import install_translator


def ensure_application(language: str) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Counter")
        app.setOrganizationName("CounterWarehouse")
        app._translator = install_translator(app, language)  # type: ignore[attr-defined]
        app._collector = GuiThreadCollector(app)  # type: ignore[attr-defined]
    return app
