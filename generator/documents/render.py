"""Documents filled per groupement: convention, Plan Qualité Projet, note de cadrage.

Each document is one Jinja template of ``theme/documents/`` rendered to HTML;
the same HTML tree then gives the HTML file, the PDF (WeasyPrint) and the
editable DOCX, so the three formats always say the same thing. Everything is
rendered in memory and written only when all nine files succeeded.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core import templates
from ..core.french import NBSP, french_date, french_money, french_number, french_percent
from ..core.problems import DataError, Problem
from ..core.weasy import PdfJob, PdfPool
from . import charts, emf, metrics
from .dossier import TO_PRICE, Dossier, build
from .drawing import Drawing
from .grammar import agree, article, counted, in_words, preposition
from .htmltree import Node, french, outline, parse, serialize, squash
from .model import Groupement
from .types import is_blank
from .vocabulary import Words, read_words

DOCUMENTS = (("convention", "convention.html.j2"), ("plan-qualite-projet", "pqp.html.j2"),
             ("note-de-cadrage", "note-de-cadrage.html.j2"))
FORMATS = ("pdf", "docx", "html")
PRINT_CSS = "documents/print.css"


@dataclass(frozen=True)
class Rendered:
    """One document: its HTML tree (for the DOCX) and its HTML text with the SVG charts."""

    stem: str
    title: str
    tree: Node
    html: str
    dossier: Dossier
    drawings: dict[str, Drawing]


def markdown(text: str) -> Markup:
    """The little Markdown of long fields: paragraphs, « - » lists, **bold**, *italic*.

    The text is escaped first and nothing else is interpreted, so links, images
    and HTML written in the YAML stay visible as typed.
    """
    html = []
    for block in re.split(r"\n[ \t]*\n", str(text).strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(re.match(r"[-*] ", line) for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        elif lines:
            html.append(f"<p>{_inline(' '.join(lines))}</p>")
    return Markup("".join(html))


def _inline(text: str) -> str:
    escaped = str(escape(text.strip()))
    escaped = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"(?<![*\w])\*(\S(?:.*?\S)?)\*(?![*\w])", r"<em>\1</em>", escaped)


def _date(value: Any) -> str:
    return str(value) if is_blank(value) else french_date(value)


def _money(value: Any) -> str:
    if value is None:
        return str(TO_PRICE)
    return str(value) if value == TO_PRICE else f"{value}{NBSP}€" if is_blank(value) \
        else french_money(value)


def _percent(value: Any) -> str:
    return f"{value}{NBSP}%" if is_blank(value) else french_percent(Decimal(value))


def _number(value: Any, decimals: int = 0) -> str:
    return str(value) if is_blank(value) else french_number(value, decimals)


def _figure(value: Any, basis: Any) -> str:
    """A member's size figure as the key uses it: places, ETP or euros."""
    if value is None:
        return "—"
    if is_blank(value) or is_blank(basis):
        return str(value)
    return {"budget": _money, "etp": lambda v: _number(v, 2)}.get(basis.value, _number)(value)


def environment(theme: Path) -> jinja2.Environment:
    """The documents' Jinja: HTML escaping on, French number and article filters."""
    env = templates.environment([theme / "documents"], html=True, filters=dict(
        date=_date, money=_money, percent=_percent, number=_number, figure=_figure,
        md=markdown, le=article, au=functools.partial(article, form="au"),
        du=functools.partial(article, form="du"), un=functools.partial(article, form="un"),
        d_un=functools.partial(article, form="d'un"), de=preposition,
        a=functools.partial(preposition, word="à"), accord=agree, nombre=counted,
        lettres=lambda n: in_words(n) if isinstance(n, int) else str(n),
        capitalize_first=lambda text: text[:1].upper() + text[1:]))
    env.tests["blank"] = is_blank
    return env


class Renderer:
    """Templates, vocabulary, styles and fonts of ``theme/``, loaded once per process."""

    def __init__(self, theme: Path) -> None:
        self.theme = theme
        self.words: Words = read_words(theme)
        self.metrics = metrics.load(theme / "fonts" / "liberation-sans")
        self.env = environment(theme)
        self.css = Markup((theme / "documents" / "document.css").read_text(encoding="utf-8"))

    def dossier(self, g: Groupement, blank: bool = False) -> Dossier:
        return build(g, self.words, blank)

    def render(self, dossier: Dossier) -> list[Rendered]:
        drawings = {"governance": charts.governance(dossier, self.metrics),
                    "gantt": charts.gantt(dossier, self.metrics)}
        raw = {name: drawing.svg() for name, drawing in drawings.items()}
        documents = []
        for stem, template in DOCUMENTS:
            html = templates.render(self.env, template, {"d": dossier, "g": dossier.g,
                                                          "css": self.css}, self.theme.parent)
            try:
                tree = parse(html)
                french(tree)
                outline(tree)
                text = serialize(tree, raw)
            except templates.RENDER_ERRORS as error:
                problem = templates.template_problem(error, self.theme.parent,
                                                     f"theme/documents/{template}")
                raise DataError([problem]) from None
            title_node = tree.find("title")
            title = squash(title_node.text()) if title_node else stem
            documents.append(Rendered(stem, title, tree, text, dossier, drawings))
        return documents

    def docx(self, document: Rendered) -> bytes:
        from .docx import Picture, write_docx

        pictures = {name: Picture(emf.render(drawing, self.metrics), "emf", 170,
                                  170 * drawing.height / drawing.width, drawing.title)
                    for name, drawing in document.drawings.items()}
        d = document.dossier
        kind = document.tree.find("h1")
        kind_text = squash(kind.text()) if kind else document.stem
        created = "2000-01-01" if is_blank(d.date) else d.date.isoformat()
        return write_docx(document.tree, title=document.title, author=d.g.document.author,
                          header=f"{d.name} — {kind_text}", subject=kind_text,
                          keywords=f"{d.name}, {kind_text}, version {d.version}",
                          description="Modèle rempli à partir de la déclaration du groupement.",
                          created=f"{created}T00:00:00Z", pictures=pictures)

    def files(self, dossier: Dossier, formats: tuple[str, ...] = FORMATS,
              jobs: int = 1) -> dict[str, bytes]:
        """Every document of one groupement in every format, by file name, in memory."""
        return self.many({"": dossier}, formats, jobs)[""]

    def many(self, dossiers: dict[str, Dossier], formats: tuple[str, ...] = FORMATS,
             jobs: int = 1) -> dict[str, dict[str, bytes]]:
        """The files of several groupements, by key then file name.

        The PDFs, the slow part, are laid out by worker processes, longest first,
        while this one writes the DOCX and HTML files.
        """
        documents = [(key, document) for key, dossier in dossiers.items()
                     for document in self.render(dossier)]
        files: dict[str, dict[str, bytes]] = {key: {} for key in dossiers}
        futures = {}
        with PdfPool(self.theme, jobs if "pdf" in formats else 1, (PRINT_CSS,)) as pool:
            if "pdf" in formats:
                for key, document in sorted(documents, key=lambda item: -len(item[1].html)):
                    job = PdfJob(document.html, "documents", stylesheet=PRINT_CSS)
                    futures[key, document.stem] = pool.submit(job)
            for key, document in documents:
                if "docx" in formats:
                    files[key][f"{document.stem}.docx"] = self.docx(document)
                if "html" in formats:
                    files[key][f"{document.stem}.html"] = document.html.encode("utf-8")
            problems = []
            for (key, stem), future in futures.items():
                data, warnings = future.result()
                problems += [Problem(f"theme/documents/{dict(DOCUMENTS)[stem]}", 1, "",
                                     f"WeasyPrint : {message}") for message in warnings]
                files[key][f"{stem}.pdf"] = data
        if problems:
            raise DataError(problems)
        return {key: dict(sorted(named.items())) for key, named in files.items()}


@functools.lru_cache(maxsize=4)
def renderer_for(theme: Path) -> Renderer:
    return Renderer(theme.resolve())
