"""Vector pictures for what readers would rather see than read.

The governance diagram shows who sits in which body; the Gantt chart shows
phases and milestones on a time axis. Both are plain SVG text, inlined in the
HTML and the PDF; every piece of text is escaped, so a name stays a name.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from ..core.french import NBSP
from .dossier import Dossier
from .types import is_blank

WIDTH = 680
FONT = "Liberation Sans, Arial, sans-serif"
INK, MUTED, ACCENT, LIGHT, RULE = "#1f2937", "#4b5563", "#2f4b8f", "#e8edf7", "#c7cfdd"
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break text into lines that fit ``width`` at ``size``, by an average glyph width."""
    limit = max(4, int(width / (size * 0.53)))
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text(x: float, y: float, lines: list[str], size: float, anchor: str = "start",
          weight: str = "normal", fill: str = INK) -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * size * 1.2:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines))
    return (f'<text font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}">{spans}</text>')


def _svg(height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="100%" role="img"><title>{escape(title)}</title>{"".join(body)}</svg>')


def governance(dossier: Dossier) -> str:
    """Bodies as columns, members as rows: a dot where a member sits, « P » for the chair."""
    bodies = dossier.g.governance.bodies
    members = dossier.g.members
    label_width = 230
    column = (WIDTH - label_width) / len(bodies)
    heads = [wrap(b.name, column - 24, 11) for b in bodies]
    head_height = 16 + 13.2 * max(len(h) for h in heads) + 16
    body: list[str] = []
    top = 8
    for index, (item, lines) in enumerate(zip(bodies, heads, strict=True)):
        x = label_width + index * column
        body.append(f'<rect x="{x + 6:.1f}" y="{top}" width="{column - 12:.1f}" '
                    f'height="{head_height:.1f}" rx="6" fill="{ACCENT}"/>')
        body.append(_text(x + column / 2, top + 18, lines, 11, "middle", "bold", "#ffffff"))
        body.append(_text(x + column / 2, top + head_height - 7,
                          wrap(item.frequency, column - 20, 8.5)[:1], 8.5, "middle",
                          fill="#dbe3f4"))
        if index:
            y = top + head_height / 2
            body.append(f'<path d="M{x + 5:.1f},{y:.1f} l-9,0 m0,0 l5,-4 m-5,4 l5,4" '
                        f'stroke="{INK}" stroke-width="1.4" fill="none"/>')
    y = top + head_height + 10
    for row, member in enumerate(members):
        lines = wrap(member.name, label_width - 16, 10)[:2]
        height = 8 + 12 * len(lines)
        if row % 2 == 0:
            body.append(f'<rect x="0" y="{y:.1f}" width="{WIDTH}" height="{height:.1f}" '
                        f'fill="{LIGHT}"/>')
        body.append(_text(8, y + 14, lines, 10))
        middle = y + height / 2
        for index, item in enumerate(bodies):
            cx = label_width + index * column + column / 2
            if item.chair == member.id:
                body.append(f'<circle cx="{cx:.1f}" cy="{middle:.1f}" r="8" fill="#ffffff" '
                            f'stroke="{ACCENT}" stroke-width="2"/>')
                body.append(_text(cx, middle + 3.5, ["P"], 10, "middle", "bold", ACCENT))
            elif not item.members or member.id in item.members:
                body.append(f'<circle cx="{cx:.1f}" cy="{middle:.1f}" r="5" fill="{ACCENT}"/>')
        y += height
    guests = [wrap(", ".join(b.guests), column - 16, 8.5) if b.guests else [] for b in bodies]
    if any(guests):
        body.append(_text(8, y + 14, ["Autres participants"], 9, fill=MUTED))
        for index, lines in enumerate(guests):
            body.append(_text(label_width + index * column + column / 2, y + 14, lines, 8.5,
                              "middle", fill=MUTED))
        y += 10 + 10.2 * max(len(g) for g in guests)
    y += 14
    body.append(f'<circle cx="12" cy="{y:.1f}" r="5" fill="{ACCENT}"/>')
    body.append(_text(22, y + 3.5, ["siège dans l'instance"], 9, fill=MUTED))
    body.append(f'<circle cx="162" cy="{y:.1f}" r="7" fill="#ffffff" stroke="{ACCENT}" '
                f'stroke-width="2"/>')
    body.append(_text(162, y + 3.5, ["P"], 9, "middle", "bold", ACCENT))
    body.append(_text(175, y + 3.5, ["préside l'instance ;  ← rend compte à"], 9, fill=MUTED))
    return _svg(y + 12, f"Gouvernance de {dossier.name}", body)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, start.month, 1)
    months = [first]
    while months[-1] <= end:
        current = months[-1]
        months.append(dt.date(current.year + current.month // 12, current.month % 12 + 1, 1))
    return months


def gantt(dossier: Dossier) -> str:
    """Phases as bars on a month axis, milestones as diamonds labelled J1, J2…"""
    phases = dossier.g.project.phases
    label_width, right = 200, WIDTH - 12
    blank = any(is_blank(p.start) or is_blank(p.end) for p in phases)
    body: list[str] = []
    header = 34
    rows = [wrap(phase.name, label_width - 14, 9.5)[:2] for phase in phases]
    heights = [max(30, 10 + 11.4 * len(lines)) for lines in rows]
    bottom = header + 6 + sum(heights)
    if blank:
        span = len(phases)

        def place(index: int, fraction: float) -> float:
            return label_width + (index + fraction) / span * (right - label_width)
        body.append(_text(label_width, 20, ["[Calendrier à compléter]"], 10, fill=MUTED))
    else:
        months = _months(min(p.start for p in phases), max(p.end for p in phases))
        origin, days = months[0], (months[-1] - months[0]).days

        def x_of(day: dt.date) -> float:
            return label_width + (day - origin).days / days * (right - label_width)
        every = 1 if len(months) <= 19 else 3
        for number, month in enumerate(months[:-1]):
            x = x_of(month)
            body.append(f'<line x1="{x:.1f}" y1="{header - 12}" x2="{x:.1f}" y2="{bottom:.1f}" '
                        f'stroke="{RULE}" stroke-width="0.6"/>')
            width = x_of(months[number + 1]) - x
            if number % every == 0:
                name = MONTHS[month.month - 1]
                body.append(_text(x + width * every / 2, header - 2, [name], 8, "middle",
                                  fill=MUTED))
            if month.month == 1 or number == 0:
                body.append(_text(x + 2, header - 16, [str(month.year)], 9, "start", "bold",
                                  MUTED))
    y = header + 6
    steps = {id(step.milestone): step.label for step in dossier.milestones}
    for index, (phase, lines, height) in enumerate(zip(phases, rows, heights, strict=True)):
        if index % 2 == 0:
            body.append(f'<rect x="0" y="{y:.1f}" width="{WIDTH}" height="{height:.1f}" '
                        f'fill="{LIGHT}" fill-opacity="0.6"/>')
        body.append(_text(6, y + 13, lines, 9.5))
        bar_y = y + height / 2 - 5
        if blank:
            x1, x2 = place(index, 0.05), place(index, 0.95)
        else:
            x1, x2 = x_of(phase.start), x_of(phase.end + dt.timedelta(days=1))
        body.append(f'<rect x="{x1:.1f}" y="{bar_y:.1f}" width="{max(x2 - x1, 2):.1f}" '
                    f'height="10" rx="2" fill="{ACCENT}" fill-opacity="0.85"/>')
        for number, milestone in enumerate(phase.milestones, 1):
            share = number / (len(phase.milestones) + 1)
            mx = place(index, share) if blank else x_of(milestone.date)
            cy = bar_y + 5
            color = "#b45309" if milestone.major else INK
            body.append(f'<path d="M{mx:.1f},{cy - 7:.1f} l6,7 l-6,7 l-6,-7 z" fill="{color}" '
                        f'stroke="#ffffff" stroke-width="1"/>')
            body.append(_text(mx, cy - 9, [steps[id(milestone)]], 8, "middle", "bold", color))
        y += height
    y += 16
    body.append(f'<rect x="6" y="{y - 8:.1f}" width="18" height="8" rx="2" fill="{ACCENT}"/>')
    body.append(_text(30, y, ["phase"], 9, fill=MUTED))
    body.append(f'<path d="M84,{y - 11:.1f} l6,7 l-6,7 l-6,-7 z" fill="#b45309"/>')
    body.append(_text(95, y, [f"jalon majeur{NBSP}; J1, J2… : jalons dans l'ordre des dates"],
                      9, fill=MUTED))
    return _svg(y + 8, f"Calendrier du projet {dossier.g.project.name}", body)
