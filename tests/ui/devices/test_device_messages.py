"""Devices report codes; the UI words them in its language (English source, zh_TW catalogue)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from pytestqt.qtbot import QtBot

from counter_app.core.receipts import DocumentKind
from counter_app.devices import config, errors, print_queue
from counter_app.devices.errors import PrinterProblem
from counter_app.devices.print_queue import JobFailure, JobKind, JobSnapshot, JobState
from counter_app.ui.device_messages import job_status_text, job_title, problem_text
from counter_app.ui.status_bar import CounterStatusBar

ROOT = Path(__file__).resolve().parents[3]
# Modules of the printing side (the scanner modules are another matter).
PRINTING_MODULES = [
    "config",
    "errors",
    "escpos_gateway",
    "escpos_render",
    "factory",
    "preview",
    "print_queue",
    "printer",
    "target",
    "usb_permissions",
]


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def snapshot(**changes: object) -> JobSnapshot:
    values: dict[str, object] = dict(
        id="job-1",
        kind=JobKind.DOCUMENT,
        title="收據 RS001-261125-0042",
        state=JobState.WAITING_FOR_PRINTER,
        printer_name="",
        attempts=2,
        problem=PrinterProblem.OFFLINE,
        document_kind=DocumentKind.SALE_RECEIPT,
        reference="RS001-261125-0042",
    )
    values.update(changes)
    return JobSnapshot(**values)  # type: ignore[arg-type]


@pytest.fixture
def zh_tw(qapp: object) -> Iterator[None]:
    from counter_app.ui.i18n import install_translator

    locale = QLocale()
    translator = install_translator(QCoreApplication.instance(), "zh_TW")
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


def test_printing_modules_hold_no_chinese_strings() -> None:
    for name in PRINTING_MODULES:
        tree = ast.parse(
            (ROOT / "counter_app" / "devices" / f"{name}.py").read_text(encoding="utf-8")
        )
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        found = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _has_chinese(node.value)
        ]
        assert found == [], name
    assert config.PrinterConfig().name == ""
    assert not hasattr(errors, "PROBLEM_MESSAGES")
    assert "message" not in print_queue.JobSnapshot.__dataclass_fields__


def test_english_words(qapp: object) -> None:
    assert job_title(snapshot()) == "Receipt RS001-261125-0042"
    assert job_title(snapshot(reprint=True)) == "Receipt RS001-261125-0042 (reprint)"
    assert job_title(snapshot(kind=JobKind.DRAWER, document_kind=None)) == "Open the cash drawer"
    assert job_status_text(snapshot()) == "Printer offline, receipt waiting to print"
    assert "prints again in full" in job_status_text(snapshot(interrupted=1, reprint=True))
    failed = snapshot(
        kind=JobKind.DRAWER, state=JobState.FAILED, failure=JobFailure.DRAWER_DEADLINE
    )
    assert job_status_text(failed) == "Drawer not opened: Printer offline, receipt waiting to print"
    for problem in PrinterProblem:
        assert problem_text(problem) and not _has_chinese(problem_text(problem))


def test_traditional_chinese_words(zh_tw: None) -> None:
    assert job_title(snapshot(reprint=True)) == "收據 RS001-261125-0042（補印）"
    assert job_status_text(snapshot()) == "印表機離線，收據等待列印"
    assert (
        job_status_text(snapshot(state=JobState.DONE, problem=None))
        == "完成：收據 RS001-261125-0042"
    )
    for problem in PrinterProblem:
        assert _has_chinese(problem_text(problem))


def test_status_bar_names_the_job_in_english(qtbot: QtBot) -> None:
    bar = CounterStatusBar("Store")
    qtbot.addWidget(bar)
    bar.on_print_job(snapshot())
    assert bar.printer_label.text() == "Receipt RS001-261125-0042 waits to print: printer offline"
    assert bar.printer_label.toolTip() == "Printer offline, receipt waiting to print"
    assert not _has_chinese(bar.printer_label.text() + bar.printer_label.toolTip())


def test_status_bar_says_out_of_paper_not_offline(qtbot: QtBot) -> None:
    bar = CounterStatusBar("Store")
    qtbot.addWidget(bar)
    bar.on_print_job(snapshot(problem=PrinterProblem.PAPER_OUT, reprint=True))
    assert bar.printer_label.text() == (
        "Receipt RS001-261125-0042 (reprint) waits to print: out of paper"
    )
