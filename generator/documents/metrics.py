"""How wide a text is, read from the theme's Liberation Sans (metrically Arial's twin).

The charts wrap their labels with these widths, and the EMF pictures of the DOCX
give every character its advance, so that Word (Arial) and LibreOffice (Liberation
Sans) place the texts exactly where the SVG does. Only ``struct`` reads the font
files; without them an average width is used.
"""

from __future__ import annotations

import functools
import struct
from dataclasses import dataclass
from pathlib import Path

AVERAGE = 0.53  # average advance of a Liberation Sans glyph, in em


@dataclass(frozen=True)
class Font:
    units: int
    advances: dict[int, int]
    default: int

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(c, size) for c in text)

    def advance(self, char: str, size: float) -> float:
        return self.advances.get(ord(char), self.default) * size / self.units


@dataclass(frozen=True)
class Metrics:
    regular: Font | None = None
    bold: Font | None = None

    def width(self, text: str, size: float, bold: bool = False) -> float:
        font = self.bold if bold else self.regular
        return font.width(text, size) if font else len(text) * size * AVERAGE

    def advances(self, text: str, size: float, bold: bool = False) -> list[float]:
        font = self.bold if bold else self.regular
        return [font.advance(c, size) if font else size * AVERAGE for c in text]


@functools.lru_cache(maxsize=4)
def load(folder: Path) -> Metrics:
    """The regular and bold metrics of the fonts in ``folder``; averages if they are missing."""
    def read(name: str) -> Font | None:
        try:
            return parse((folder / name).read_bytes())
        except (OSError, struct.error, KeyError, ValueError):
            return None
    return Metrics(read("LiberationSans-Regular.ttf"), read("LiberationSans-Bold.ttf"))


def parse(data: bytes) -> Font:
    """Units per em and the advance width of every character of a TrueType font."""
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {data[12 + 16 * i:16 + 16 * i].decode("latin-1"):
              struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(count)}
    units = struct.unpack_from(">H", data, tables["head"] + 18)[0]
    metrics_count = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
    widths = struct.unpack_from(f">{metrics_count * 2}H", data, tables["hmtx"])[::2]
    glyphs = _character_map(data, tables["cmap"])
    advances = {code: widths[min(glyph, metrics_count - 1)] for code, glyph in glyphs.items()}
    return Font(units, advances, advances.get(ord("n"), units // 2))


def _character_map(data: bytes, cmap: int) -> dict[int, int]:
    """Unicode code point → glyph index, from the Windows Unicode subtable (format 12 or 4)."""
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[platform, encoding] = cmap + offset
    if (3, 10) in subtables and struct.unpack_from(">H", data, subtables[3, 10])[0] == 12:
        start = subtables[3, 10]
        groups = struct.unpack_from(">I", data, start + 12)[0]
        result = {}
        for i in range(groups):
            first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
            for code in range(first, min(last, first + 0xFFFF) + 1):
                result[code] = glyph + code - first
        return result
    start = subtables[3, 1]
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    ranges_at = start + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    result = {}
    for index, (first, last, delta, offset) in enumerate(zip(starts, ends, deltas, ranges,
                                                              strict=True)):
        for code in range(first, last + 1):
            if code == 0xFFFF:
                continue
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * index + offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                result[code] = glyph
    return result
