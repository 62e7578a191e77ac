"""Every interface string ships in Traditional Chinese, and the compiled catalogue loads."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from counter_app.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


def _tr_strings() -> set[str]:
    found = set()
    for path in [*(ROOT / "counter_app" / "ui").rglob("*.py"), ROOT / "counter_app" / "bootstrap.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            args = node.args
            if node.func.attr == "translate" and len(args) >= 2:
                args = args[1:]  # QCoreApplication.translate(context, text)
            elif node.func.attr != "tr":
                continue
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.add(args[0].value)
    return found


def test_every_tr_string_has_a_finished_zh_tw_translation() -> None:
    tree = ET.parse(resource_path("translations", "counter_zh_TW.ts"))
    translated = {
        m.findtext("source"): m.find("translation")
        for m in tree.iter("message")
    }
    missing = sorted(
        s for s in _tr_strings()
        if s not in translated or translated[s].get("type") == "unfinished" or not translated[s].text
    )
    assert missing == [], "run `python tools/i18n.py` and add these to its phrasebook"


def test_the_compiled_catalogue_translates(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from counter_app.ui.i18n import install_translator

    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    try:
        assert QCoreApplication.translate("SaleScreen", "Total") == "總計"
        assert QCoreApplication.translate("CounterStatusBar", "\u25cf Online") == "● 已連線"
    finally:
        QCoreApplication.instance().removeTranslator(translator)
