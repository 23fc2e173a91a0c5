"""A drawing as an Enhanced Metafile (EMF), the vector picture format Word and LibreOffice
both draw natively: the charts of the DOCX, sharp at any zoom, their texts set in the
reader's Arial or Liberation Sans.

Written with ``struct`` only ([MS-EMF] records), so it runs in the browser too. The
drawing's units become device pixels at 96 dpi; logical units are ten times finer.
Every text record carries the advance of each character, read from the theme's
fonts, so texts stand exactly where the SVG puts them.
"""

from __future__ import annotations

import struct

from .drawing import Circle, Drawing, Line, Polygon, Rect, Shape, Text
from .metrics import Metrics

SCALE = 10  # logical units per drawing unit
DPI = 96
HUNDREDTHS_OF_MM = 2540 / DPI  # a device pixel in 0.01 mm
NULL_BRUSH, NULL_PEN = 0x80000005, 0x80000008
MM_ANISOTROPIC, TRANSPARENT, GM_COMPATIBLE = 8, 1, 1
TA_BASELINE, TA_CENTER, TA_RIGHT = 24, 6, 2
FACE = "Arial"


def render(drawing: Drawing, metrics: Metrics) -> bytes:
    width, height = max(1, round(drawing.width)), max(1, round(drawing.height))
    records = [
        _record(17, struct.pack("<I", MM_ANISOTROPIC)),
        _record(9, struct.pack("<ii", width * SCALE, height * SCALE)),  # window extent
        _record(10, struct.pack("<ii", 0, 0)),
        _record(11, struct.pack("<ii", width, height)),  # viewport extent, device pixels
        _record(12, struct.pack("<ii", 0, 0)),
        _record(18, struct.pack("<I", TRANSPARENT)),
    ]
    for shape in drawing.shapes:
        records += _shape(shape, metrics)
    records.append(_record(14, struct.pack("<III", 0, 16, 20)))
    body = b"".join(records)
    return _header(width, height, 108 + len(body), len(records) + 1) + body


def _header(width: int, height: int, size: int, count: int) -> bytes:
    frame = (0, 0, round(width * HUNDREDTHS_OF_MM), round(height * HUNDREDTHS_OF_MM))
    device, millimetres = (1920, 1080), (508, 286)  # a 96 dpi reference screen
    payload = struct.pack(
        "<4i4iIIIIHHIII2i2iIII2i",
        0, 0, width - 1, height - 1, *frame, 0x464D4520, 0x10000, size, count, 4, 0,
        0, 0, 0, *device, *millimetres, 0, 0, 0, millimetres[0] * 1000, millimetres[1] * 1000)
    return _record(1, payload)


def _record(kind: int, payload: bytes) -> bytes:
    payload += b"\0" * (-len(payload) % 4)
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def _color(value: str, opacity: float = 1.0) -> int:
    """A COLORREF (0x00BBGGRR) from « #rrggbb », blended on white when not opaque."""
    red, green, blue = (int(value[i:i + 2], 16) for i in (1, 3, 5))
    red, green, blue = (round(255 - (255 - c) * opacity) for c in (red, green, blue))
    return red | green << 8 | blue << 16


def _l(value: float) -> int:
    return round(value * SCALE)


def _box(x1: float, y1: float, x2: float, y2: float) -> bytes:
    return struct.pack("<4i", _l(x1), _l(y1), _l(x2), _l(y2))


def _with(pen: tuple[str, float] | None, brush: int | None, draw: bytes) -> list[bytes]:
    """Create a pen and a brush (handles 1 and 2), draw with them, delete them."""
    records = []
    if brush is None:
        records.append(_record(37, struct.pack("<I", NULL_BRUSH)))
    else:
        records += [_record(39, struct.pack("<IIII", 1, 0, brush, 0)),
                    _record(37, struct.pack("<I", 1))]
    if pen is None:
        records.append(_record(37, struct.pack("<I", NULL_PEN)))
    else:
        records += [_record(38, struct.pack("<IIiiI", 2, 0, _l(pen[1]), 0, _color(pen[0]))),
                    _record(37, struct.pack("<I", 2))]
    records.append(draw)
    records += [_record(37, struct.pack("<I", NULL_BRUSH)), _record(37, struct.pack("<I", NULL_PEN))]
    records += [_record(40, struct.pack("<I", handle)) for handle, used in
                ((1, brush is not None), (2, pen is not None)) if used]
    return records


def _points(kind: int, points: tuple[tuple[float, float], ...]) -> bytes:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    coordinates = b"".join(struct.pack("<ii", _l(x), _l(y)) for x, y in points)
    return _record(kind, _box(min(xs), min(ys), max(xs), max(ys))
                   + struct.pack("<I", len(points)) + coordinates)


def _shape(shape: Shape, metrics: Metrics) -> list[bytes]:
    if isinstance(shape, Rect):
        box = _box(shape.x, shape.y, shape.x + shape.width, shape.y + shape.height)
        fill = _color(shape.fill, shape.opacity)
        if shape.rx:
            corner = struct.pack("<ii", _l(2 * shape.rx), _l(2 * shape.rx))
            return _with(None, fill, _record(44, box + corner))
        return _with(None, fill, _record(43, box))
    if isinstance(shape, Circle):
        box = _box(shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r)
        pen = (shape.stroke, shape.stroke_width) if shape.stroke else None
        return _with(pen, _color(shape.fill), _record(42, box))
    if isinstance(shape, Line):
        return _with((shape.stroke, shape.width), None, _points(4, shape.points))
    if isinstance(shape, Polygon):
        pen = (shape.stroke, shape.stroke_width) if shape.stroke else None
        return _with(pen, _color(shape.fill), _points(3, shape.points))
    return _text(shape, metrics)


def _text(shape: Text, metrics: Metrics) -> list[bytes]:
    bold = shape.weight == "bold"
    face = FACE.encode("utf-16-le").ljust(64, b"\0")
    logfont = struct.pack("<iiiiiBBBBBBBB", -_l(shape.size), 0, 0, 0, 700 if bold else 400,
                          0, 0, 0, 1, 0, 0, 4, 0x22) + face
    logfont += b"\0" * (320 - len(logfont))  # full name, style, version… left empty
    align = TA_BASELINE | {"middle": TA_CENTER, "end": TA_RIGHT}.get(shape.anchor, 0)
    records = [_record(82, struct.pack("<I", 3) + logfont), _record(37, struct.pack("<I", 3)),
               _record(24, struct.pack("<I", _color(shape.fill))),
               _record(22, struct.pack("<I", align))]
    for index, line in enumerate(shape.lines):
        if line:
            records.append(_text_out(line, shape.x, shape.y + index * shape.leading, shape.size,
                                     bold, metrics))
    records += [_record(37, struct.pack("<I", 0x8000000D)),  # SYSTEM_FONT, then delete ours
                _record(40, struct.pack("<I", 3))]
    return records


def _text_out(line: str, x: float, y: float, size: float, bold: bool, metrics: Metrics) -> bytes:
    """EMR_EXTTEXTOUTW: UTF-16 text and the advance of each code unit, in logical units."""
    encoded = line.encode("utf-16-le", "surrogatepass")
    units = len(encoded) // 2
    advances: list[int] = []
    for char in line:
        step = _l(metrics.advances(char, size, bold)[0])
        advances += [step] if ord(char) < 0x10000 else [step, 0]
    scale = HUNDREDTHS_OF_MM / SCALE
    string_at = 8 + 16 + 12 + 40
    padded = encoded + b"\0" * (-len(encoded) % 4)
    dx_at = string_at + len(padded)
    emrtext = struct.pack("<iiIIIiiiiI", _l(x), _l(y), units, string_at, 0, 0, 0, -1, -1, dx_at)
    payload = (struct.pack("<iiiiIff", 0, 0, -1, -1, GM_COMPATIBLE, scale, scale) + emrtext
               + padded + struct.pack(f"<{units}i", *advances))
    return _record(84, payload)
