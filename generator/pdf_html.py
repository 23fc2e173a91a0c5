"""PDF HTML: each companion PDF as one print HTML document, from theme/pdf/ templates.

Building the HTML is quick and stays in the calling process; only the layout,
which is slow, goes to worker processes. Words and layout live in the
templates so that a maintainer changes them without Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .french import typography
from .guide import BLOCKS, Guide
from .loading import ContentPage
from .pages import environment as site_environment
from .pages import plain_text
from .pdf_markdown import Converter, TermLinker

GUIDE_PDF = "pdf/guide-mutualisation-si.pdf"
GLOSSARY_PDF = "pdf/glossaire.pdf"
CASES_PDF = "pdf/retours-experience.pdf"
FICHE_PAGES = (2, 4)
PREFACE = "a-propos.md"
UNDERSTANDING = "comprendre/"


@dataclass(frozen=True)
class Document:
    """One PDF to render: where it goes in the site, and its HTML."""

    path: str
    title: str
    html: str
    max_pages: int | None = None


@dataclass(frozen=True)
class Identity:
    """What the PDFs say about themselves: title, author, edition."""

    site_name: str
    author: str
    description: str


def fiche_path(phase_id: str) -> str:
    """The phase pages link to ``pdf/<phase id>.pdf`` (ids read « etape-3-… »)."""
    return f"pdf/{phase_id}.pdf"


def page_anchor(relative: str) -> str:
    if relative == UNDERSTANDING + "index.md":
        return "part-comprendre"
    return "page-" + relative.removesuffix(".md").replace("/", "-")


def edition(guide: Guide) -> str | None:
    """The latest review date of the data: the PDFs are dated by their content, not the build."""
    dates = [str(e.reviewed) for e in (r.entity for r in guide.records.values())
             if getattr(e, "reviewed", None)]
    dates += [str(p.meta.reviewed) for p in guide.pages if p.meta.reviewed]
    return max(dates) if dates else None


def all_anchors(guide: Guide, pages: dict[str, str]) -> set[str]:
    """Every anchor the whole guide holds; links elsewhere become plain text."""
    anchors = {"toc", "part-etapes", "part-roles", "part-retours", "part-ressources",
               "part-glossaire", "part-sources", *pages.values()}
    anchors |= {f"phase-{p.id}" for p in guide.phases}
    anchors |= {f"step-{s.id}" for p in guide.phases for s in p.steps}
    for kind, entries in (("role", guide.roles), ("resource", guide.resources),
                          ("case", guide.case_studies), ("term", guide.terms),
                          ("source", guide.sources)):
        anchors |= {f"{kind}-{entry_id}" for entry_id in entries}
    return anchors


class Builder:
    """Renders the templates of theme/pdf/ for one guide."""

    def __init__(self, guide: Guide, theme: Path, identity: Identity) -> None:
        self.guide = guide
        self.identity = identity
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([theme / "pdf", theme / "pages"]),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.do"],
        )
        # The site's filters too: its label macros are imported by the PDF templates.
        self.env.filters.update(site_environment(theme).filters)
        self.env.filters["gist"] = gist
        self.env.globals["BLOCKS"] = BLOCKS
        included = [p for p in guide.pages
                    if p.relative == PREFACE or p.relative.startswith(UNDERSTANDING)]
        self.pages = {p.relative: page_anchor(p.relative) for p in included}
        self.understanding = sorted(
            (p for p in included if p.relative.startswith(UNDERSTANDING)
             and p.relative != UNDERSTANDING + "index.md"),
            key=lambda p: (p.meta.order if p.meta.order is not None else 999, p.meta.title))
        self.edition = edition(guide)

    def render(self, template: str, path: str, title: str, targets: set[str],
               terms: str = "", max_pages: int | None = None, **values: object) -> Document:
        """One document; ``targets`` are the anchors it holds, the others are not links.

        ``terms`` is "all" to link glossary terms, "acronyms" to link acronyms only.
        """
        linker = TermLinker(self.guide, terms == "acronyms") if terms else None
        converter = Converter(targets, self.pages, linker)
        unlinked = Converter(targets, self.pages) if linker else converter

        def ref(kind: str, entry_id: str) -> str:
            anchor = f"{kind}-{entry_id}"
            return f"#{anchor}" if anchor in targets else ""

        def page(content: ContentPage, shift: int = 1) -> Markup:
            base = content.relative.rpartition("/")[0]
            return converter.block(content.body, base, self.pages[content.relative], shift)

        context = {
            "guide": self.guide, "doc_title": title, "identity": self.identity,
            "edition": self.edition, "md": converter.block, "inline": converter.inline,
            "md_plain": unlinked.block,
            "ref": ref, "page": page, "anchor_of": self.pages,
            "chapter": linker.chapter if linker else lambda: "",
            "terms_seen": lambda: list(linker.linked) if linker else [],
            **values,
        }
        html = self.env.get_template(template).render(context)
        return Document(path, title, french_text(html), max_pages)

    def documents(self) -> Iterator[Document]:
        """The whole guide first, then the longest: the layout starts on the first while
        the others are still being written."""
        guide, name = self.guide, self.identity.site_name
        by_path = {p.relative: p for p in guide.pages}
        yield self.render("guide.html.j2", GUIDE_PDF, name, all_anchors(guide, self.pages),
                          terms="all", preface=by_path.get(PREFACE),
                          intro=by_path.get(UNDERSTANDING + "index.md"),
                          understanding=self.understanding)
        if guide.terms:
            targets = {"part-glossaire", *(f"term-{t}" for t in guide.terms)}
            yield self.render("glossary.html.j2", GLOSSARY_PDF, f"Glossaire : {name}", targets)
        if guide.case_studies:
            targets = {"toc", *(f"case-{c}" for c in guide.case_studies)}
            yield self.render("case-studies.html.j2", CASES_PDF,
                              f"Retours d'expérience : {name}", targets, terms="acronyms")
        for phase in guide.phases:
            targets = {f"phase-{phase.id}", *(f"step-{s.id}" for s in phase.steps)}
            yield self.render("fiche.html.j2", fiche_path(phase.id),
                              f"Fiche étape {phase.number} : {phase.title}", targets,
                              terms="acronyms", max_pages=FICHE_PAGES[1], phase=phase)


def gist(markdown: str, limit: int = 170) -> str:
    """The first sentence of a definition, for the short glossary at the end of a fiche."""
    text = plain_text(markdown)
    match = re.match(r"(.+?[.!?])(?:\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return sentence


def french_text(html: str) -> str:
    """French spacing in the text of the HTML, never inside tags."""
    pieces = re.split(r"(<[^>]*>)", html)
    return "".join(piece if index % 2 else typography(piece) for index, piece in enumerate(pieces))


def documents(guide: Guide, theme: Path, identity: Identity) -> Iterator[Document]:
    """Every companion PDF of the guide, as HTML, one at a time."""
    return Builder(guide, theme, identity).documents()
