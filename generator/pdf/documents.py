"""The companion PDFs as print HTML documents, rendered from the templates of theme/pdf/.

Building the HTML is quick and stays in the calling process; only the layout,
which is slow, goes to worker processes. Words and layout live in the
templates so that a maintainer changes them without Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..core import templates
from ..core.french import typography
from ..core.text import initial, plain_text
from ..guide.index import BLOCKS, Guide
from ..guide.loading import ContentPage
from .markdown import Converter, TermLinker, site_addresses

GUIDE_PDF = "pdf/guide-mutualisation-si.pdf"
GLOSSARY_PDF = "pdf/glossaire.pdf"
CASES_PDF = "pdf/retours-experience.pdf"
FICHE_PAGES = (2, 4)
PREFACE = "a-propos.md"
UNDERSTANDING = "comprendre/"


@dataclass(frozen=True)
class PrintDocument:
    """One PDF to lay out: where it goes in the site, its template and its HTML."""

    path: str
    title: str
    template: str
    html: str
    max_pages: int | None = None


@dataclass(frozen=True)
class Identity:
    """What the PDFs say about themselves: title, author, description."""

    site_name: str
    author: str
    description: str

    @classmethod
    def from_config(cls, config: dict) -> Identity:
        """Title and author come from mkdocs.yml, like the site's."""
        return cls(site_name=str(config.get("site_name", "Guide")),
                   author=str(config.get("site_author", "")),
                   description=" ".join(str(config.get("site_description", "")).split()))


@dataclass(frozen=True)
class Part:
    key: str
    anchor: str
    title: str


def fiche_path(phase_id: str) -> str:
    """The phase pages link to ``pdf/<phase id>.pdf`` (ids read « etape-3-… »)."""
    return f"pdf/{phase_id}.pdf"


def page_anchor(relative: str) -> str:
    if relative == UNDERSTANDING + "index.md":
        return "part-comprendre"
    return "page-" + relative.removesuffix(".md").replace("/", "-")


class Builder:
    """Renders the templates of theme/pdf/ for one guide."""

    def __init__(self, guide: Guide, theme: Path, identity: Identity) -> None:
        self.guide = guide
        self.identity = identity
        self.root = theme.parent
        self.env = templates.environment([theme / "pdf"], html=True, filters={
            "gist": gist, "initial": initial}, globals={"BLOCKS": BLOCKS})
        included = [p for p in guide.pages
                    if p.relative == PREFACE or p.relative.startswith(UNDERSTANDING)]
        self.pages = {p.relative: page_anchor(p.relative) for p in included}
        self.addresses = site_addresses(guide)
        self.understanding = sorted(
            (p for p in included if p.relative.startswith(UNDERSTANDING)
             and p.relative != UNDERSTANDING + "index.md"),
            key=lambda p: (p.meta.order if p.meta.order is not None else 999, p.meta.title))

    def parts(self, intro: ContentPage | None) -> list[Part]:
        """The numbered parts of the whole guide, those with content only."""
        parts = []
        if intro or self.understanding:
            parts.append(Part("comprendre", "part-comprendre", "Comprendre"))
        parts.append(Part("phase", "part-etapes",
                          f"Les {len(self.guide.phases)} étapes d'un projet"))
        parts.append(Part("role", "part-roles", "Rôles et instances"))
        if self.guide.case_studies:
            parts.append(Part("case", "part-retours-experience", "Retours d'expérience"))
        parts.append(Part("resource", "part-ressources", "Ressources du kit"))
        return parts

    def render(self, template: str, path: str, title: str, targets: set[str],
               terms: str = "", max_pages: int | None = None, **values: object
               ) -> PrintDocument:
        """One document; ``targets`` are the anchors it holds, the others are not links.

        ``terms`` is "all" to link glossary terms, "acronyms" to link acronyms only.
        """
        linker = TermLinker(self.guide, terms == "acronyms") if terms else None
        converter = Converter(targets, self.pages, self.addresses, linker)
        unlinked = Converter(targets, self.pages, self.addresses) if linker else converter

        def ref(kind: str, entry_id: str) -> str:
            anchor = self.guide.anchor(kind, entry_id)
            return f"#{anchor}" if anchor in targets else ""

        def page(content: ContentPage, shift: int = 1) -> Markup:
            base = content.relative.rpartition("/")[0]
            return converter.block(content.body, base, self.pages[content.relative], shift)

        context = {
            "guide": self.guide, "doc_title": title, "identity": self.identity,
            "edition": self.guide.edition, "md": converter.block, "inline": converter.inline,
            "text": converter.text,
            "md_plain": unlinked.block,
            "ref": ref, "page": page, "anchor_of": self.pages,
            "chapter": linker.chapter if linker else lambda: "",
            "terms_seen": lambda: list(linker.linked) if linker else [],
            **values,
        }
        html = templates.render(self.env, template, context, self.root)
        return PrintDocument(path, title, f"theme/pdf/{template}", french_text(html), max_pages)

    def documents(self) -> Iterator[PrintDocument]:
        """The whole guide first, then the longest: the layout starts on the first while
        the others are still being written."""
        guide, name = self.guide, self.identity.site_name
        by_path = {p.relative: p for p in guide.pages}
        intro = by_path.get(UNDERSTANDING + "index.md")
        parts = self.parts(intro)
        targets = guide.anchors() | {"toc", *self.pages.values()}
        yield self.render("guide.html.j2", GUIDE_PDF, name, targets, terms="all",
                          preface=by_path.get(PREFACE), intro=intro,
                          understanding=self.understanding, parts=parts,
                          part_number={p.key: n for n, p in enumerate(parts, 1)})
        if guide.terms:
            targets = {"part-glossaire", *(guide.anchor("term", t) for t in guide.terms)}
            yield self.render("glossary.html.j2", GLOSSARY_PDF, f"Glossaire : {name}", targets)
        if guide.case_studies:
            targets = {"toc", *(guide.anchor("case", c) for c in guide.case_studies)}
            yield self.render("case-studies.html.j2", CASES_PDF,
                              f"Retours d'expérience : {name}", targets, terms="acronyms")
        for phase in guide.phases:
            targets = {guide.anchor("phase", phase.id),
                       *(guide.anchor("phase", s.id) for s in phase.steps)}
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


def print_documents(guide: Guide, theme: Path, identity: Identity) -> Iterator[PrintDocument]:
    """Every companion PDF of the guide, as HTML, one at a time."""
    return Builder(guide, theme, identity).documents()
