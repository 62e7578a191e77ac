"""`ReceiptPrinter`: the one interface the rest of the app prints through.

`EscposReceiptPrinter` renders a document for its configuration and sends the
bytes over a python-escpos connection (network, USB, serial, Windows raw,
CUPS, file). Every connection is opened per job and closed after, so a printer
that was switched off and on again needs no reconnect logic.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import time
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from counter_app.core.receipts import Document
from counter_app.devices.config import ConnectionKind, PrinterConfig
from counter_app.devices.errors import PrinterError, PrinterProblem, classify
from counter_app.devices.escpos_gateway import Escpos
from counter_app.devices.escpos_render import EscposRenderer, drawer_kick
from counter_app.devices.raster import TextRasterizer
from counter_app.devices.target import RenderTarget

DLE_EOT_PAPER = b"\x10\x04\x04"  # transmit roll paper sensor status
PAPER_END_BITS = 0x60  # bits 5 and 6: roll paper end detected
STATUS_WAIT_S = 0.3
SIOCOUTQ = 0x5411  # Linux: bytes of a TCP socket not yet acknowledged by the peer


@runtime_checkable
class ReceiptPrinter(Protocol):
    """Prints documents and kicks the drawer; raises `PrinterError` when it cannot."""

    @property
    def name(self) -> str: ...

    def print_document(self, document: Document) -> None: ...

    def open_drawer(self) -> None: ...


def open_connection(config: PrinterConfig) -> Escpos:
    """A python-escpos printer object for `config` (not yet connected)."""
    from escpos import printer as p  # the gateway has already configured capabilities

    kind = config.kind
    if not config.address and kind is not ConnectionKind.WIN32RAW:
        raise PrinterError(PrinterProblem.BAD_CONFIG, "no printer address configured")
    try:
        if kind is ConnectionKind.NETWORK:
            host, port = config.network_endpoint()
            return p.Network(host, port=port, timeout=config.timeout_s, profile=config.profile)
        if kind is ConnectionKind.USB:
            vendor, product = config.usb_ids()
            return p.Usb(
                vendor, product, timeout=int(config.timeout_s * 1000), profile=config.profile
            )
        if kind is ConnectionKind.SERIAL:
            port_name, baud = config.serial_port()
            return p.Serial(
                port_name, baudrate=baud, timeout=config.timeout_s, profile=config.profile
            )
        if kind is ConnectionKind.WIN32RAW:
            return p.Win32Raw(
                config.address, profile=config.profile
            )  # pywin32 loaded by escpos lazily
        if kind is ConnectionKind.CUPS:
            return p.CupsPrinter(config.address, profile=config.profile)
        return _appending_file(config.address, config.profile)
    except ValueError as exc:
        raise PrinterError(PrinterProblem.BAD_CONFIG, str(exc)) from exc


def _appending_file_class() -> type[Escpos]:
    from escpos.printer import File

    class AppendingFile(File):  # type: ignore[misc]
        """python-escpos `File` opens with "wb", so a regular file would keep only the
        last job; append instead (a device node such as /dev/usb/lp0 does not care)."""

        def open(self, raise_not_found: bool = True) -> None:
            try:
                self.device = open(self.devfile, "ab")  # noqa: SIM115 (closed by close())
            except OSError as exc:
                self.device = None
                raise PrinterError(classify(exc), f"{self.devfile}: {exc}") from exc

    return AppendingFile


def _appending_file(devfile: str, profile: str) -> Escpos:
    return _appending_file_class()(devfile, profile=profile)


class EscposReceiptPrinter:
    def __init__(
        self,
        config: PrinterConfig,
        *,
        connection_factory: Callable[[PrinterConfig], Escpos] = open_connection,
        rasterizer: TextRasterizer | None = None,
    ) -> None:
        self.config = config
        self._connect = connection_factory
        self.renderer = EscposRenderer(RenderTarget.from_config(config), rasterizer)

    @property
    def name(self) -> str:
        return self.config.name

    def render(self, document: Document) -> bytes:
        return self.renderer.render(document)

    def print_document(self, document: Document) -> None:
        self.send(self.render(document))

    def open_drawer(self) -> None:
        self.send(drawer_kick(self.config.drawer, self.config.profile), check_paper=False)

    def send(self, data: bytes, *, check_paper: bool | None = None) -> None:
        """Deliver raw bytes; returns only when the printer has accepted all of them.
        Raises `PrinterError` (offline, paper out, permission...), with `partial=True`
        when the failure came after the first bytes went out."""
        try:
            connection = self._connect(self.config)
        except PrinterError:
            raise
        except (
            Exception
        ) as exc:  # e.g. pywin32 / pycups missing: python-escpos raises on construction
            raise PrinterError(classify(exc), str(exc)) from exc
        sending = False
        try:
            connection.open()
            if self.config.check_paper if check_paper is None else check_paper:
                self._check_paper(connection)
            sending = True
            connection._raw(data)
            self._confirm_delivery(connection, len(data))
        except PrinterError as exc:
            if sending and not exc.partial:
                raise PrinterError(exc.problem, exc.detail, partial=True) from exc
            raise
        except Exception as exc:  # every connection type fails in its own way
            raise PrinterError(classify(exc), str(exc), partial=sending) from exc
        finally:
            with contextlib.suppress(Exception):  # closing a broken connection may fail again
                connection.close()

    def _confirm_delivery(self, connection: Escpos, size: int) -> None:
        """On a TCP connection `sendall` returns once the bytes are in *our* kernel's
        buffer; a printer that drops the connection after 1,500 of 1,837 bytes goes
        unnoticed. So: half-close (our FIN follows the last byte), then wait for the
        printer to close its side in order. A reset, or no close and bytes still
        unacknowledged when the timeout ends, means the job did not get through."""
        device = getattr(connection, "device", None)
        if not isinstance(device, socket.socket):
            return  # USB, serial, file: writes are synchronous and raise on failure
        deadline = time.monotonic() + self.config.timeout_s
        device.shutdown(socket.SHUT_WR)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            device.settimeout(min(left, 0.1))
            try:
                chunk = device.recv(4096)  # status bytes (ASB) may come first: skip them
            except TimeoutError:
                if _unacknowledged(device) == 0:
                    return  # all accepted; this printer keeps the connection open
                continue
            if not chunk:  # the printer closed after reading everything we sent
                break
        if not _wait_acknowledged(device, deadline):
            raise PrinterError(
                PrinterProblem.OFFLINE, f"the printer did not accept all {size} bytes", partial=True
            )

    def _check_paper(self, connection: Escpos) -> None:
        """Ask DLE EOT 4. A printer that does not answer quickly is assumed fine:
        many network printers only answer when their ASB setting allows it."""
        device = getattr(connection, "device", None)
        if isinstance(device, socket.socket):
            previous = device.gettimeout()
            device.settimeout(STATUS_WAIT_S)
            try:
                device.sendall(DLE_EOT_PAPER)
                reply = device.recv(1)
            except TimeoutError:
                return
            finally:
                device.settimeout(previous)
        else:
            try:
                connection._raw(DLE_EOT_PAPER)
                reply = connection._read()
            except Exception:  # no read channel (File, CUPS, Win32Raw): cannot tell
                return
        if not reply:
            raise PrinterError(PrinterProblem.OFFLINE, "connection closed by the printer")
        if reply[0] & PAPER_END_BITS == PAPER_END_BITS:
            raise PrinterError(PrinterProblem.PAPER_OUT, f"status byte {reply[0]:#04x}")


def _unacknowledged(sock: socket.socket) -> int | None:
    """Bytes sent but not yet acknowledged by the peer (Linux); None where unknown."""
    if not sys.platform.startswith("linux"):
        return None
    import array
    import fcntl

    buf = array.array("i", [0])
    try:
        fcntl.ioctl(sock.fileno(), SIOCOUTQ, buf)
    except OSError:
        return None
    return buf[0]


def _wait_acknowledged(sock: socket.socket, deadline: float) -> bool:
    """True when every byte was acknowledged and the connection was not reset."""
    while True:
        if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
            return False  # reset: the printer dropped bytes it had not read
        pending = _unacknowledged(sock)
        if pending is None or pending == 0:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
