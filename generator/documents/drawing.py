"""A chart as a list of shapes, drawn as SVG for HTML and PDF, as EMF for the DOCX.

The charts describe what to draw once; each output format has its own small
writer (``svg()`` here, ``emf.render`` for Word and LibreOffice), so a chart looks
the same everywhere and its texts stay real texts, never pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

FONT = "Liberation Sans, Arial, sans-serif"
Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    rx: float = 0
    opacity: float = 1.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str
    stroke: str | None = None
    stroke_width: float = 0


@dataclass(frozen=True)
class Line:
    points: tuple[Point, ...]
    stroke: str
    width: float


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    fill: str
    stroke: str | None = None
    stroke_width: float = 0


@dataclass(frozen=True)
class Text:
    """Lines of text; ``y`` is the baseline of the first one."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float
    anchor: str = "start"
    weight: str = "normal"
    fill: str = "#1f2937"

    @property
    def leading(self) -> float:
        return self.size * 1.2


Shape = Rect | Circle | Line | Polygon | Text


@dataclass
class Drawing:
    width: float
    title: str
    height: float = 0
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)

    def svg(self) -> str:
        body = "".join(_svg(shape) for shape in self.shapes)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width:.0f} '
                f'{self.height:.0f}" width="100%" role="img"><title>{escape(self.title)}</title>'
                f"{body}</svg>")


def _n(value: float) -> str:
    return f"{value:.1f}"


def _points(points: tuple[Point, ...]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _svg(shape: Shape) -> str:
    if isinstance(shape, Rect):
        opacity = f' fill-opacity="{shape.opacity:g}"' if shape.opacity < 1 else ""
        rounded = f' rx="{shape.rx:g}"' if shape.rx else ""
        return (f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}" '
                f'height="{_n(shape.height)}"{rounded} fill="{shape.fill}"{opacity}/>')
    if isinstance(shape, Circle):
        stroke = (f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width:g}"'
                  if shape.stroke else "")
        return (f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{shape.r:g}" '
                f'fill="{shape.fill}"{stroke}/>')
    if isinstance(shape, Line):
        return (f'<polyline points="{_points(shape.points)}" fill="none" stroke="{shape.stroke}" '
                f'stroke-width="{shape.width:g}"/>')
    if isinstance(shape, Polygon):
        stroke = (f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width:g}"'
                  if shape.stroke else "")
        return f'<polygon points="{_points(shape.points)}" fill="{shape.fill}"{stroke}/>'
    spans = "".join(f'<tspan x="{_n(shape.x)}" y="{_n(shape.y + i * shape.leading)}">'
                    f"{escape(line)}</tspan>" for i, line in enumerate(shape.lines))
    return (f'<text font-family="{FONT}" font-size="{shape.size:g}" font-weight="{shape.weight}" '
            f'text-anchor="{shape.anchor}" fill="{shape.fill}">{spans}</text>')

