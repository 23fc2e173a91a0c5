"""Documents filled per groupement: convention, Plan Qualité Projet, note de cadrage.

Each document is one Jinja template of ``theme/documents/`` rendered to HTML;
the same HTML tree then gives the HTML file, the PDF (WeasyPrint) and the
editable DOCX, so the three formats always say the same thing. Everything is
rendered in memory and written only when all nine files succeeded.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import traceback
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import charts
from .articles import article
from .document_pdf import pool, render_pdf, submit
from .dossier import Dossier, Vocabulary, build, read_vocabulary
from .french import NBSP, french_date, french_money, french_number, french_percent
from .groupement import Groupement
from .groupement_checks import load_groupement
from .groupement_types import is_blank
from .htmltree import Node, french, outline, parse, serialize
from .problems import DataError, Problem
from .templates import template_problem

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (("convention", "convention.html.j2"), ("plan-qualite-projet", "pqp.html.j2"),
             ("note-de-cadrage", "note-de-cadrage.html.j2"))
FORMATS = ("pdf", "docx", "html")
BLANK_MODEL = "documents/vierge.yml"


@dataclass(frozen=True)
class Rendered:
    """One document: its HTML tree (for the DOCX) and its HTML text with the SVG charts."""

    stem: str
    title: str
    tree: Node
    html: str
    dossier: Dossier


def safe_name(text: str) -> str:
    """A file or folder name from any text: ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return name or "groupement"


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
    return f"{value}{NBSP}€" if is_blank(value) else french_money(value)


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
    """Jinja with StrictUndefined and HTML escaping: a missing value is an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "documents"),
        undefined=jinja2.StrictUndefined, autoescape=True,
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date=_date, money=_money, percent=_percent, number=_number,
                       figure=_figure, md=markdown, le=article,
                       au=functools.partial(article, form="au"),
                       du=functools.partial(article, form="du"),
                       capitalize_first=lambda text: text[:1].upper() + text[1:])
    env.tests["blank"] = is_blank
    return env


def _template_problem(error: Exception, root: Path, template: str) -> Problem:
    """A mistake in a template, or in what it asks of Python, at the template's line."""
    if isinstance(error, jinja2.TemplateError):
        return template_problem(error, root, template)
    where, line = template, 1
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            where, line = frame.filename, frame.lineno or 1
            break
    path = Path(where)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    message = error.args[0] if isinstance(error, LookupError) and error.args else error
    return Problem(shown, line, "", f"erreur de gabarit : {message}")


class Renderer:
    """Templates, vocabulary, styles and fonts of ``theme/``, loaded once per process."""

    def __init__(self, theme: Path) -> None:
        self.theme = theme
        self.vocabulary: Vocabulary = read_vocabulary(theme)
        self.env = environment(theme)
        self.css = Markup((theme / "documents" / "document.css").read_text(encoding="utf-8"))

    def dossier(self, g: Groupement, blank: bool = False) -> Dossier:
        return build(g, self.vocabulary, blank)

    def render(self, dossier: Dossier) -> list[Rendered]:
        raw = {"governance": charts.governance(dossier), "gantt": charts.gantt(dossier)}
        documents = []
        for stem, template in DOCUMENTS:
            try:
                html = self.env.get_template(template).render(d=dossier, g=dossier.g,
                                                              css=self.css)
                tree = parse(html)
                french(tree)
                outline(tree)
                text = serialize(tree, raw)
            except (jinja2.TemplateError, ValueError, LookupError, TypeError,
                    AttributeError) as error:
                problem = _template_problem(error, self.theme.parent.resolve(),
                                            f"theme/documents/{template}")
                raise DataError([problem]) from None
            title_node = tree.find("title")
            title = " ".join(title_node.text().split()) if title_node else stem
            documents.append(Rendered(stem, title, tree, text, dossier))
        return documents

    def pdf(self, html: str, template: str) -> bytes:
        data, warnings = render_pdf(html, self.theme)
        return _checked(data, warnings, template)

    def docx(self, document: Rendered) -> bytes:
        from .docx_writer import write_docx

        g = document.dossier.g
        kind = document.tree.find("h1")
        header = f"{g.groupement.name} — {' '.join(kind.text().split())}" if kind else g.groupement.name
        return write_docx(document.tree, title=document.title, author=g.document.author,
                          header=header)

    def files(self, dossier: Dossier, formats: tuple[str, ...] = FORMATS,
              jobs: int = 1) -> dict[str, bytes]:
        """Every document of one groupement in every format, by file name, in memory."""
        return self.many({"": dossier}, formats, jobs)[""]

    def many(self, dossiers: dict[str, Dossier], formats: tuple[str, ...] = FORMATS,
             jobs: int = 1) -> dict[str, dict[str, bytes]]:
        """The files of several groupements, by key then file name.

        With ``jobs`` > 1 the PDFs, the slow part, are laid out by worker
        processes, longest first, while this one writes the DOCX and HTML files.
        """
        documents = [(key, document) for key, dossier in dossiers.items()
                     for document in self.render(dossier)]
        htmls = {(key, d.stem): d.html for key, d in documents}
        templates = dict(DOCUMENTS)
        files: dict[str, dict[str, bytes]] = {key: {} for key in dossiers}
        executor = pool(jobs, self.theme) if "pdf" in formats and jobs > 1 else None
        try:
            order = sorted(htmls, key=lambda item: -len(htmls[item]))
            futures = {item: submit(executor, htmls[item], self.theme)
                       for item in order} if executor else {}
            for key, document in documents:
                html, stem = htmls[key, document.stem], document.stem
                if "pdf" in formats and executor is None:
                    files[key][f"{stem}.pdf"] = self.pdf(html, templates[stem])
                if "docx" in formats:
                    files[key][f"{stem}.docx"] = self.docx(document)
                if "html" in formats:
                    files[key][f"{stem}.html"] = html.encode("utf-8")
            for (key, stem), future in futures.items():
                files[key][f"{stem}.pdf"] = _checked(*future.result(), templates[stem])
        finally:
            if executor is not None:
                executor.shutdown()
        return {key: dict(sorted(named.items())) for key, named in files.items()}


@functools.lru_cache(maxsize=4)
def renderer_for(theme: Path) -> Renderer:
    return Renderer(theme)


def _checked(data: bytes, warnings: list[str], template: str) -> bytes:
    """A PDF, or the WeasyPrint warnings as problems of the template that made it."""
    if warnings:
        raise DataError([Problem(f"theme/documents/{template}", 1, "", f"WeasyPrint : {message}")
                         for message in warnings])
    return data


def load(path: Path, display: str, renderer: Renderer, blank: bool = False) -> Dossier:
    return renderer.dossier(load_groupement(path, display, blank), blank)


def fill(path: Path, out_dir: Path | None = None, *, root: Path = ROOT,
         jobs: int | None = None) -> list[Path]:
    """Fill the three documents of one groupement file in PDF, DOCX and HTML.

    Without ``out_dir``, files go to ``out/<name of the groupement>/``. Nothing
    is written unless all nine files were rendered.
    """
    renderer = renderer_for((root / "theme").resolve())
    dossier = load(path, path.as_posix(), renderer)
    files = renderer.files(dossier, jobs=jobs or min(3, os.cpu_count() or 1))
    target = out_dir if out_dir is not None else Path("out") / safe_name(dossier.name)
    return install(files, target)


def install(files: dict[str, bytes], target: Path) -> list[Path]:
    """Write into a temporary folder beside ``target``, then move every file into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fill-") as temporary:
        for name, data in files.items():
            (Path(temporary) / name).write_bytes(data)
        target.mkdir(exist_ok=True)
        for name in files:
            os.replace(Path(temporary) / name, target / name)
    return [target / name for name in files]


def site_downloads(settings) -> dict[str, bytes]:
    """The blank and example-filled models offered on the site, by their path in the site.

    ``modeles/<document>-vierge.pdf`` and ``modeles/<document>-<example>.pdf``
    (and ``.docx``), one example per file of ``data/groupements/``.
    """
    root = Path(settings.root)
    renderer = renderer_for(Path(settings.theme).resolve())
    sources = [(settings.theme / BLANK_MODEL, f"theme/{BLANK_MODEL}", "vierge", True)]
    for path in sorted((root / "data" / "groupements").glob("*.yml")):
        sources.append((path, path.relative_to(root).as_posix(), safe_name(path.stem), False))
    problems: list[Problem] = []
    dossiers = []
    for path, display, suffix, blank in sources:
        try:
            dossiers.append((suffix, load(path, display, renderer, blank)))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    rendered = renderer.many(dict(dossiers), ("pdf", "docx"), jobs=os.cpu_count() or 1)
    return {f"modeles/{name.rsplit('.', 1)[0]}-{suffix}.{name.rsplit('.', 1)[1]}": data
            for suffix, named in rendered.items() for name, data in named.items()}
