"""Pictures for what readers would rather see than read.

The governance diagram shows who sits in which body and who chairs it; the Gantt
chart shows phases and milestones on a time axis. Each is a ``Drawing``: SVG in
the HTML and the PDF, EMF in the DOCX. Labels are wrapped with the real widths of
the fonts, and a legend explains only the marks the chart shows.
"""

from __future__ import annotations

import datetime as dt

from ..core.french import NBSP
from .dossier import Dossier
from .drawing import Circle, Drawing, Line, Polygon, Rect, Text
from .metrics import Metrics
from .model import Rotation
from .types import first_day, is_blank, last_day

WIDTH = 680
INK, MUTED, ACCENT, LIGHT, RULE, MAJOR = ("#1f2937", "#4b5563", "#2f4b8f", "#e8edf7", "#c7cfdd",
                                          "#b45309")
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
          "nov.", "déc.")


def wrap(text: str, width: float, size: float, metrics: Metrics, bold: bool = False
         ) -> tuple[str, ...]:
    """Lines of ``text`` that fit ``width`` at ``size``; an overlong word is cut."""
    lines: list[str] = []
    for word in str(text).split():
        while metrics.width(word, size, bold) > width and len(word) > 4:
            cut = max(3, int(len(word) * width / metrics.width(word, size, bold)) - 1)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and not lines[-1].endswith("-") and metrics.width(candidate, size, bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return tuple(lines) or ("",)


def _mark(chart: Drawing, cx: float, cy: float, letter: str, size: float = 8) -> None:
    chart.add(Circle(cx, cy, size, "#ffffff", ACCENT, 2),
              Text(cx, cy + 3.5, (letter,), 10 if size > 7 else 9, "middle", "bold", ACCENT))


def governance(dossier: Dossier, metrics: Metrics) -> Drawing:
    """Bodies as columns, members as rows: a dot where a member sits, « P » for the chair,
    « T » for a chair that passes in turn."""
    bodies = dossier.g.governance.bodies
    chart = Drawing(WIDTH, f"Gouvernance de {dossier.name}")
    label_width = 230
    column = (WIDTH - label_width) / len(bodies)
    heads = [wrap(b.name, column - 24, 11, metrics, True)[:4] for b in bodies]
    rhythms = [wrap(b.frequency, column - 20, 8.5, metrics)[:2] for b in bodies]
    head_height = 16 + 13.2 * max(len(h) for h in heads) + 10.2 * max(len(r) for r in rhythms) + 6
    top = 8
    for index, (lines, rhythm) in enumerate(zip(heads, rhythms, strict=True)):
        x = label_width + index * column
        chart.add(Rect(x + 6, top, column - 12, head_height, ACCENT, rx=6),
                  Text(x + column / 2, top + 18, lines, 11, "middle", "bold", "#ffffff"),
                  Text(x + column / 2, top + head_height - 8 - 10.2 * (len(rhythm) - 1), rhythm,
                       8.5, "middle", fill="#dbe3f4"))
        if index:
            y = top + head_height / 2
            chart.add(Line(((x + 5, y), (x - 4, y)), INK, 1.4),
                      Line(((x + 1, y - 4), (x - 4, y), (x + 1, y + 4)), INK, 1.4))
    y = top + head_height + 10
    marks = set()
    for row, member in enumerate(dossier.g.members):
        lines = wrap(member.name, label_width - 16, 10, metrics)[:2]
        height = 8 + 12 * len(lines)
        if row % 2 == 0:
            chart.add(Rect(0, y, WIDTH, height, LIGHT))
        chart.add(Text(8, y + 14, lines, 10))
        middle = y + height / 2
        for index, body in enumerate(bodies):
            cx = label_width + index * column + column / 2
            sits = not body.members or member.id in body.members
            if body.chair == member.id:
                _mark(chart, cx, middle, "P")
                marks.add("P")
            elif isinstance(body.chair, Rotation) and member in dossier.rotation(body):
                _mark(chart, cx, middle, "T")
                marks.add("T")
            elif sits:
                chart.add(Circle(cx, middle, 5, ACCENT))
        y += height
    guests = [wrap(", ".join(b.guests), column - 16, 8.5, metrics) if b.guests else ()
              for b in bodies]
    if any(guests):
        chart.add(Text(8, y + 14, ("Autres participants",), 9, fill=MUTED))
        for index, lines in enumerate(guests):
            chart.add(Text(label_width + index * column + column / 2, y + 14, lines, 8.5,
                           "middle", fill=MUTED))
        y += 10 + 10.2 * max(len(g) for g in guests)
    y += 14
    legend = [("dot", "siège dans l'instance")]
    legend += [("P", "préside l'instance")] if "P" in marks else []
    legend += [("T", "préside à tour de rôle")] if "T" in marks else []
    legend += [("arrow", "rend compte à l'instance de gauche")] if len(bodies) > 1 else []
    x = 12.0
    for kind, words in legend:
        if kind == "dot":
            chart.add(Circle(x, y, 5, ACCENT))
        elif kind == "arrow":
            chart.add(Line(((x + 5, y), (x - 4, y)), INK, 1.4),
                      Line(((x + 1, y - 4), (x - 4, y), (x + 1, y + 4)), INK, 1.4))
        else:
            _mark(chart, x, y, kind, 7)
        chart.add(Text(x + 12, y + 3.5, (words,), 9, fill=MUTED))
        x += 12 + metrics.width(words, 9) + 22
    chart.height = y + 12
    return chart


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, start.month, 1)
    months = [first]
    while months[-1] <= end:
        current = months[-1]
        months.append(dt.date(current.year + current.month // 12, current.month % 12 + 1, 1))
    return months


def gantt(dossier: Dossier, metrics: Metrics) -> Drawing:
    """Phases as bars on a month axis, milestones as diamonds labelled J1, J2…; a date known
    to the month only stands in the middle of its month."""
    phases = dossier.g.project.phases
    chart = Drawing(WIDTH, f"Calendrier du projet {dossier.g.project.name}")
    label_width, right, header = 200, WIDTH - 12, 34
    blank = any(is_blank(p.start) or is_blank(p.end) or
                any(is_blank(m.date) for m in p.milestones) for p in phases)
    rows = [wrap(phase.name, label_width - 14, 9.5, metrics)[:2] for phase in phases]
    heights = [max(30, 10 + 11.4 * len(lines)) for lines in rows]
    bottom = header + 6 + sum(heights)
    if blank:
        def place(index: int, fraction: float) -> float:
            return label_width + (index + fraction) / len(phases) * (right - label_width)
        chart.add(Text(label_width, 20, ("[Calendrier à compléter]",), 10, fill=MUTED))
    else:
        months = _months(min(first_day(p.start) for p in phases),
                         max(last_day(p.end) for p in phases))
        origin, days = months[0], (months[-1] - months[0]).days

        def x_of(day: dt.date) -> float:
            return label_width + (day - origin).days / days * (right - label_width)
        every = 1 if len(months) <= 19 else 3 if len(months) <= 55 else 12
        for number, month in enumerate(months[:-1]):
            x = x_of(month)
            chart.add(Line(((x, header - 12), (x, bottom)), RULE, 0.6))
            width = x_of(months[number + 1]) - x
            if number % every == 0 and every < 12:
                chart.add(Text(x + width * every / 2, header - 2, (MONTHS[month.month - 1],), 8,
                               "middle", fill=MUTED))
            if month.month == 1 or number == 0:
                chart.add(Text(x + 2, header - 16, (str(month.year),), 9, "start", "bold", MUTED))
    y = header + 6
    steps = {id(step.milestone): step.label for step in dossier.milestones}
    for index, (phase, lines, height) in enumerate(zip(phases, rows, heights, strict=True)):
        if index % 2 == 0:
            chart.add(Rect(0, y, WIDTH, height, LIGHT, opacity=0.6))
        chart.add(Text(6, y + 13, lines, 9.5))
        bar_y = y + height / 2 - 5
        if blank:
            x1, x2 = place(index, 0.05), place(index, 0.95)
        else:
            x1, x2 = x_of(first_day(phase.start)), x_of(last_day(phase.end) + dt.timedelta(1))
        chart.add(Rect(x1, bar_y, max(x2 - x1, 2), 10, ACCENT, rx=2, opacity=0.85))
        for number, milestone in enumerate(phase.milestones, 1):
            if blank:
                mx = place(index, number / (len(phase.milestones) + 1))
            else:
                day = first_day(milestone.date)
                mx = (x_of(day) + x_of(last_day(milestone.date) + dt.timedelta(1))) / 2 \
                    if last_day(milestone.date) != day else x_of(day)
            cy, color = bar_y + 5, MAJOR if milestone.major else INK
            chart.add(Polygon(((mx, cy - 7), (mx + 6, cy), (mx, cy + 7), (mx - 6, cy)), color,
                              "#ffffff", 1),
                      Text(mx, cy - 9, (steps[id(milestone)],), 8, "middle", "bold", color))
        y += height
    y += 16
    chart.add(Rect(6, y - 8, 18, 8, ACCENT, rx=2), Text(30, y, ("phase",), 9, fill=MUTED))
    x = 84.0
    if any(m.major for p in phases for m in p.milestones):
        chart.add(Polygon(((x, y - 11), (x + 6, y - 4), (x, y + 3), (x - 6, y - 4)), MAJOR))
        chart.add(Text(x + 11, y, ("jalon majeur",), 9, fill=MUTED))
        x += 11 + metrics.width("jalon majeur", 9) + 24
    if dossier.milestones:
        chart.add(Text(x, y, (f"J1, J2…{NBSP}: jalons dans l'ordre des dates",), 9, fill=MUTED))
    chart.height = y + 8
    return chart
