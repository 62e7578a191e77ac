"""Printer/drawer settings, command bytes, profile database and error classification."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.core.receipts import Document, Text
from counter_app.devices.config import ConnectionKind, DrawerConfig, PrinterConfig, TextEncoding
from counter_app.devices.errors import PrinterError, PrinterProblem, classify
from counter_app.devices.escpos_gateway import (
    DeviceNotFoundError,
    bundled_capabilities_file,
    capabilities,
    profile_names,
)
from counter_app.devices.escpos_render import (
    KANJI_OFF,
    KANJI_ON,
    drawer_kick,
    encode_line,
    invisible,
)
from counter_app.devices.printer import EscposReceiptPrinter
from counter_app.devices.target import RenderTarget
from counter_app.devices.usb_permissions import udev_instructions, udev_rule


def test_big5_line_uses_kanji_mode_only_around_chinese() -> None:
    assert encode_line("Total NT$100", TextEncoding.BIG5) == b"Total NT$100"
    encoded = encode_line("合計 NT$580", TextEncoding.BIG5)
    assert encoded == KANJI_ON + "合計".encode("cp950") + KANJI_OFF + b" NT$580"


def test_big5_unencodable_characters_print_as_question_mark() -> None:
    encoded = encode_line("𠮷野家", TextEncoding.BIG5)  # 𠮷 is not in Big5
    assert encoded == b"?" + KANJI_ON + "野家".encode("cp950") + KANJI_OFF
    assert encode_line("😀", TextEncoding.BIG5) == b"?"


def test_gb18030_line() -> None:
    assert (
        encode_line("臺灣", TextEncoding.GB18030) == KANJI_ON + "臺灣".encode("gb18030") + KANJI_OFF
    )


def test_drawer_kick_bytes() -> None:
    assert drawer_kick(DrawerConfig()) == b"\x1bp\x00\x32\xfa"
    assert drawer_kick(DrawerConfig(pin=1, on_ms=200, off_ms=400)) == b"\x1bp\x01\x64\xc8"


@pytest.mark.parametrize(
    ("pin", "on", "off"), [(2, 100, 500), (0, 0, 500), (0, 600, 600), (0, 200, 100)]
)
def test_drawer_config_rejects_unsafe_values(pin: int, on: int, off: int) -> None:
    with pytest.raises(ValueError):
        DrawerConfig(pin=pin, on_ms=on, off_ms=off)


def test_addresses() -> None:
    assert PrinterConfig(address="192.168.1.50").network_endpoint() == ("192.168.1.50", 9100)
    assert PrinterConfig(address="printer.local:9101").network_endpoint() == ("printer.local", 9101)
    assert PrinterConfig(kind=ConnectionKind.USB, address="04b8:0e15").usb_ids() == (0x04B8, 0x0E15)
    assert PrinterConfig(address="COM3@19200").serial_port() == ("COM3", 19200)
    with pytest.raises(ValueError):
        PrinterConfig(address="04b8").usb_ids()
    with pytest.raises(ValueError):
        PrinterConfig(paper_mm=76)


def test_config_round_trips_through_a_dict() -> None:
    config = PrinterConfig(
        name="櫃台",
        kind=ConnectionKind.USB,
        address="04b8:0e15",
        profile="TM-T88V",
        paper_mm=58,
        encoding=TextEncoding.IMAGE,
        drawer=DrawerConfig(1, 120, 480),
    )
    data = json.loads(json.dumps(config.to_dict()))
    assert PrinterConfig.from_dict(data) == config


def test_python_escpos_loads_our_bundled_profiles() -> None:
    assert os.environ["ESCPOS_CAPABILITIES_FILE"] == str(bundled_capabilities_file())
    assert capabilities.capabilities_path == str(bundled_capabilities_file())
    bundled = json.loads(bundled_capabilities_file().read_text(encoding="utf-8"))
    assert set(capabilities.CAPABILITIES["profiles"]) == set(bundled["profiles"])
    assert profile_names()[0] == "default" and "TM-T88V" in profile_names()


@pytest.mark.parametrize(
    ("profile", "paper", "pixels", "columns", "native_qr"),
    [
        ("default", 80, 576, 48, True),
        ("default", 58, 384, 32, True),
        ("TM-T88V", 80, 512, 42, True),
        ("POS-5890", 58, 384, 32, False),
    ],
)
def test_render_target_from_profile(
    profile: str, paper: int, pixels: int, columns: int, native_qr: bool
) -> None:
    target = RenderTarget.from_config(PrinterConfig(profile=profile, paper_mm=paper))
    assert (target.canvas.width_px, target.columns, target.native_qr) == (
        pixels,
        columns,
        native_qr,
    )
    image_target = RenderTarget.from_config(
        PrinterConfig(profile=profile, paper_mm=paper, encoding=TextEncoding.IMAGE)
    )
    assert not image_target.native_qr and not image_target.native_code128


def test_error_classification() -> None:
    usb_denied = DeviceNotFoundError(
        "Unable to open USB printer on (1208, 3605):\n[Errno 13] Access denied (insufficient permissions)"
    )
    assert classify(usb_denied) is PrinterProblem.PERMISSION_DENIED
    assert classify(PermissionError(13, "Permission denied")) is PrinterProblem.PERMISSION_DENIED
    try:
        raise DeviceNotFoundError("Could not open socket for 10.0.0.9") from ConnectionRefusedError(
            111, "refused"
        )
    except DeviceNotFoundError as exc:
        assert classify(exc) is PrinterProblem.OFFLINE
    assert classify(
        DeviceNotFoundError("Device (1208, 3605) not found or cable not plugged in.")
    ) is (PrinterProblem.NOT_FOUND)
    assert classify(PrinterError(PrinterProblem.PAPER_OUT)) is PrinterProblem.PAPER_OUT


def test_udev_rule_uses_configured_ids() -> None:
    assert udev_rule(0x04B8, 0x0E15) == (
        'SUBSYSTEM=="usb", ATTRS{idVendor}=="04b8", ATTRS{idProduct}=="0e15", MODE="0660", GROUP="plugdev"'
    )
    assert "udevadm" in udev_instructions(0x04B8, 0x0E15)


def test_file_printer_keeps_every_job(tmp_path: Path) -> None:
    path = tmp_path / "receipts.escpos"
    printer = EscposReceiptPrinter(
        PrinterConfig(kind=ConnectionKind.FILE, address=str(path), check_paper=False)
    )
    printer.print_document(Document("a", (Text("第一張"),)))
    printer.print_document(Document("b", (Text("第二張"),)))
    data = path.read_bytes()
    assert data.count(b"\x1b@") == 2
    assert "第一張".encode("cp950") in data and "第二張".encode("cp950") in data


def test_missing_address_and_unwritable_file_are_printer_errors(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as no_address:
        EscposReceiptPrinter(PrinterConfig(address="")).print_document(Document("a", (Text("x"),)))
    assert no_address.value.problem is PrinterProblem.BAD_CONFIG
    missing_dir = tmp_path / "nope" / "r.escpos"
    with pytest.raises(PrinterError) as unwritable:
        EscposReceiptPrinter(
            PrinterConfig(kind=ConnectionKind.FILE, address=str(missing_dir), check_paper=False)
        ).print_document(Document("a", (Text("x"),)))
    assert unwritable.value.problem is PrinterProblem.NOT_FOUND


def _cp950_ok(ch: str) -> bool:
    try:
        round_trips = ch.encode("cp950").decode("cp950") == ch  # e.g. ¢ comes back as ￠
    except UnicodeEncodeError:
        return False
    return round_trips and not invisible(ch)  # control and format characters are dropped


@given(st.text(alphabet=st.characters(codec="utf-8").filter(_cp950_ok), max_size=40))
def test_big5_text_round_trips_through_kanji_mode(text: str) -> None:
    encoded = encode_line(text, TextEncoding.BIG5)
    assert encoded.replace(KANJI_ON, b"").replace(KANJI_OFF, b"").decode("cp950") == text
    assert encoded.count(KANJI_ON) == encoded.count(KANJI_OFF)


@given(st.text(max_size=40))
def test_any_text_encodes_without_raising(text: str) -> None:
    for encoding in (TextEncoding.BIG5, TextEncoding.GB18030):
        encode_line(text, encoding)


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        (
            "Printing with PyCups requires the pycups library tobe installed.",
            PrinterProblem.MISSING_DRIVER,
        ),
        (
            "Printing with Win32Raw requires a win32print library tobe installed.",
            PrinterProblem.MISSING_DRIVER,
        ),
        ("No backend available", PrinterProblem.MISSING_DRIVER),
    ],
)
def test_missing_driver_messages(message: str, problem: PrinterProblem) -> None:
    assert classify(RuntimeError(message)) is problem


def test_connection_that_cannot_be_built_is_a_printer_error() -> None:
    def no_driver(_config: PrinterConfig) -> object:
        raise RuntimeError("Printing with PyCups requires the pycups library tobe installed.")

    printer = EscposReceiptPrinter(
        PrinterConfig(kind=ConnectionKind.CUPS, address="receipt"), connection_factory=no_driver
    )  # type: ignore[arg-type]
    with pytest.raises(PrinterError) as caught:
        printer.print_document(Document("a", (Text("x"),)))
    assert caught.value.problem is PrinterProblem.MISSING_DRIVER
