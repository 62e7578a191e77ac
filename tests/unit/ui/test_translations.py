"""Every interface string ships in Traditional Chinese and in English, both catalogues are
finished and up to date with the code, and the compiled catalogues load."""

from __future__ import annotations

import ast
import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from counter_app.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]


def _tr_strings() -> set[str]:
    found = set()
    for path in [
        *(ROOT / "counter_app" / "ui").rglob("*.py"),
        ROOT / "counter_app" / "bootstrap.py",
    ]:
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


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_every_tr_string_has_a_finished_translation(language: str) -> None:
    tree = ET.parse(resource_path("translations", f"counter_{language}.ts"))
    translated = {m.findtext("source"): m.find("translation") for m in tree.iter("message")}
    missing = sorted(
        s
        for s in _tr_strings()
        if s not in translated
        or translated[s].get("type") == "unfinished"
        or not translated[s].text
    )
    assert missing == [], "run `python tools/i18n.py` and add these to its phrasebook"
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == [], f"unfinished entries in counter_{language}.ts"


def test_the_english_catalogue_says_what_the_code_says() -> None:
    pairs = _i18n_tool().catalogue_pairs(resource_path("translations", "counter_en.ts"))
    assert pairs and all(source == translation for source, translation in pairs)


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_the_compiled_catalogue_holds_every_entry_of_its_source(language: str) -> None:
    """A .qm compiled from an older .ts would ship yesterday's strings (QTranslator
    answers "" for a message it does not hold)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    qm = resource_path("translations", f"counter_{language}.qm")
    assert translator.load(str(qm)), qm
    stale = [
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(resource_path("translations", f"counter_{language}.ts")).iter(
            "context"
        )
        for message in context.iter("message")
        if translator.translate(context.findtext("name") or "", message.findtext("source") or "")
        != message.findtext("translation")
    ]
    assert stale == [], "run `python tools/i18n.py` to compile the catalogues"


def test_the_compiled_catalogue_translates(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from counter_app.ui.i18n import install_translator

    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    try:
        assert QCoreApplication.translate("SaleScreen", "Total") == "總計"
        assert QCoreApplication.translate("CounterStatusBar", "\u25cf Online") == "● 已連線"
    finally:
        QCoreApplication.instance().removeTranslator(translator)


def _i18n_tool() -> Any:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_translations_carry_the_same_placeholders_as_their_source() -> None:
    """'Done: %1' once showed 完成：%s: Qt fills %1, never %s. Checked in the phrasebook
    (what the tool writes) and in the catalogue (what ships)."""
    tool = _i18n_tool()
    assert tool.placeholder_mismatches(tool.PHRASEBOOK.items()) == []
    assert tool.placeholder_mismatches(tool.catalogue_pairs()) == []


def test_the_placeholder_check_catches_each_kind_of_slip() -> None:
    tool = _i18n_tool()
    slips = [
        ("Done: %1", "完成：%s"),  # printf instead of Qt
        ("Sale %1 done. Change due: %2", "交易完成，找零 %2"),  # one dropped
        ("%n items", "%1 件"),  # plural marker lost
        ("Hello {name}", "您好 {nmae}"),  # a misspelt field
    ]
    assert tool.placeholder_mismatches(slips) == slips
    fine = [
        ("Sale %1 done. Change due: %2", "找零 %2，交易 %1 完成"),
        ("Total", "總計"),
        ("%n items", "%n 件"),
    ]
    assert tool.placeholder_mismatches(fine) == []
