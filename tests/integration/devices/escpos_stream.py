"""Reading back the ESC/POS bytes a printer received: commands, text, raster images.

Covers the commands our renderer and python-escpos emit; anything else fails
loudly so a renderer change that emits something new is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

ESC, FS, GS, DLE = 0x1B, 0x1C, 0x1D, 0x10
_ESC_ONE_ARG = set(b"!EadM-G{3JtR")
_GS_ONE_ARG = set(b"!hwHfBL")


@dataclass(frozen=True)
class Token:
    kind: str  # "text" or a command name such as "ESC p", "GS V", "GS v0"
    data: bytes


def tokenize(stream: bytes) -> list[Token]:
    tokens: list[Token] = []
    text = bytearray()
    i = 0

    def cmd(name: str, length: int) -> None:
        nonlocal i
        if text:
            tokens.append(Token("text", bytes(text)))
            text.clear()
        tokens.append(Token(name, stream[i : i + length]))
        i += length

    while i < len(stream):
        b = stream[i]
        nxt = stream[i + 1] if i + 1 < len(stream) else -1
        if b == ESC:
            if nxt == ord("@") or nxt == ord("2"):
                cmd(f"ESC {chr(nxt)}", 2)
            elif nxt == ord("p"):
                cmd("ESC p", 5)
            elif nxt in _ESC_ONE_ARG:
                cmd(f"ESC {chr(nxt)}", 3)
            else:
                raise ValueError(f"unknown ESC command {stream[i : i + 4]!r} at {i}")
        elif b == FS:
            if nxt in (ord("&"), ord(".")):
                cmd(f"FS {chr(nxt)}", 2)
            else:
                raise ValueError(f"unknown FS command at {i}")
        elif b == DLE and nxt == 0x04:
            cmd("DLE EOT", 3)
        elif b == GS:
            if nxt == ord("V"):
                m = stream[i + 2]
                cmd("GS V", 4 if m in (65, 66) else 3)
            elif nxt == ord("k"):
                m = stream[i + 2]
                if m >= 65:
                    cmd("GS k", 4 + stream[i + 3])
                else:
                    cmd("GS k", stream.index(0, i + 3) - i + 1)
            elif nxt == ord("(") and stream[i + 2] in (ord("k"), ord("L")):
                size = stream[i + 3] + 256 * stream[i + 4]
                cmd(f"GS ({chr(stream[i + 2])}", 5 + size)
            elif nxt == ord("v") and stream[i + 2] == ord("0"):
                x = stream[i + 4] + 256 * stream[i + 5]
                y = stream[i + 6] + 256 * stream[i + 7]
                cmd("GS v0", 8 + x * y)
            elif nxt in _GS_ONE_ARG:
                cmd(f"GS {chr(nxt)}", 3)
            else:
                raise ValueError(f"unknown GS command {stream[i : i + 4]!r} at {i}")
        else:
            text.append(b)
            i += 1
    if text:
        tokens.append(Token("text", bytes(text)))
    return tokens


def printed_text(stream: bytes, codec: str = "cp950") -> str:
    """The text as a printer in Kanji mode would print it (Kanji on/off markers dropped)."""
    return b"".join(t.data for t in tokenize(stream) if t.kind == "text").decode(codec)


def raster_images(stream: bytes) -> list[Image.Image]:
    """Every GS v 0 raster as a 1-bit image (black = printed dot)."""
    images = []
    for token in tokenize(stream):
        if token.kind != "GS v0":
            continue
        d = token.data
        width_bytes = d[4] + 256 * d[5]
        height = d[6] + 256 * d[7]
        raw = bytes(255 - v for v in d[8:])  # printer: 1 = dot; PIL "1" raw: 1 = white
        images.append(Image.frombytes("1", (width_bytes * 8, height), raw))
    return images


def stack(images: list[Image.Image]) -> Image.Image:
    width = max(im.width for im in images)
    page = Image.new("1", (width, sum(im.height for im in images)), 1)
    y = 0
    for im in images:
        page.paste(im, (0, y))
        y += im.height
    return page


def command_positions(stream: bytes, name: str) -> list[int]:
    """Token indexes of command `name`, to check order (drawer first, cut last...)."""
    return [n for n, t in enumerate(tokenize(stream)) if t.kind == name]


@dataclass(frozen=True)
class PrintedLine:
    """One text line as the printer prints it: its bytes (Kanji markers dropped) and
    whether double width (ESC ! bit 5) was on."""

    data: bytes
    double_width: bool

    def text(self, codec: str = "cp950") -> str:
        return self.data.decode(codec)

    def columns(self, codec: str = "cp950") -> int:
        """Font A columns on the paper: one per single-byte character, two per
        multibyte one, twice that in double width. Counted from the bytes alone."""
        used = sum(1 if len(ch.encode(codec)) == 1 else 2 for ch in self.data.decode(codec))
        return used * (2 if self.double_width else 1)


def printed_lines(stream: bytes) -> list[PrintedLine]:
    """Every LF-terminated text line, in order (raster lines are not text)."""
    lines: list[PrintedLine] = []
    double = False
    current = bytearray()
    for token in tokenize(stream):
        if token.kind == "ESC !":
            double = bool(token.data[2] & 0x20)
        elif token.kind == "text":
            for byte in token.data:
                if byte == 0x0A:
                    lines.append(PrintedLine(bytes(current), double))
                    current.clear()
                else:
                    current.append(byte)
    return lines
