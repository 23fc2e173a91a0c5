"""Pages: the guide's data and hand-written prose become Markdown pages.

Every page is rendered by a Jinja template of ``theme/pages/`` so that a
maintainer changes words and layout without Python. Pages are returned in
memory; the staging stage writes them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..core import templates
from ..core.french import NBSP, french_number, typography
from ..core.text import initial, plain_text
from ..guide.index import BLOCKS, Guide
from ..guide.kinds import KINDS
from .examples import CostExample
from .links import SiteLinks


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    text: str
    order: tuple = ()
    source: str = ""
    """The file a maintainer edits for this page, with its line: ``data/roles.yml#L12``."""


def environment(theme: Path) -> jinja2.Environment:
    """The pages' Jinja: Markdown out, so no HTML autoescaping here."""
    return templates.environment(
        [theme / "pages"], html=False,
        filters={"initial": initial, "filesize": file_size, "plain": plain_text,
                 "number": french_number,
                 "money": lambda amount: f"{french_number(amount)}{NBSP}€",
                 "options": lambda values: [(v.value, v.plural) for v in values],
                 # A Markdown field, printed as Markdown on purpose (plain text fields will be
                 # escaped by default): every Markdown field goes through this filter.
                 "md": lambda text: text,
                 "attr": lambda text: jinja2.utils.markupsafe.escape(plain_text(str(text)))},
        globals={"link": link, "BLOCKS": BLOCKS})


@jinja2.pass_context
def link(context: jinja2.runtime.Context, kind: str, entity_id: str = "") -> str:
    """A relative link from the page being rendered to an entry, or to a page of the site."""
    guide: Guide = context["guide"]
    target = guide.address(kind, entity_id) if entity_id else kind
    path, _, anchor = target.partition("#")
    here = posixpath.dirname(context["page_path"])
    relative = posixpath.relpath(path, here or ".")
    return relative + (f"#{anchor}" if anchor else "")


def render_pages(guide: Guide, theme: Path, links: SiteLinks | None = None,
                 downloads: dict[str, int] | None = None,
                 examples: list[CostExample] | None = None) -> list[Page]:
    """Every page of the site, generated and hand-written.

    ``links`` says where contributions go (mkdocs.yml); ``downloads`` maps the files
    offered for download to their size in bytes; a page links to a download only when
    it exists; ``examples`` are the example groupements' costs the home page quotes.
    """
    links = links or SiteLinks()
    env = environment(theme)
    env.globals["downloads"] = downloads or {}
    env.globals["site_links"] = links
    root = theme.parent
    pages: list[Page] = []

    def render(template: str, path: str, title: str, order: tuple = (), edit: str = "",
               meta: tuple[str, ...] = (), **values):
        context = {"guide": guide, "page_path": path, "title": title, "edit": edit, **values}
        url = links.edit_url(edit)
        text = with_meta(typography(templates.render(env, template, context, root)),
                         ([f'edit_url: "{url}"'] if url else []) + list(meta))
        pages.append(Page(path, title, text, order, edit))

    render("home.md.j2", "index.md", "Accueil", edit="theme/pages/home.md.j2",
           examples=examples or [])
    for declared in KINDS:
        render(declared.index_template, declared.index, declared.index_title,
               edit=declared.edit_path)
        for entry in guide.entries[declared.name].values() if declared.template else ():
            render(declared.template, declared.page(entry.id), declared.title(entry),
                   declared.order(entry), guide.edit_path(declared.name, entry.id),
                   **{declared.name: entry})
    journeys = guide.journeys()
    render("journeys.md.j2", "parcours/index.md", "Parcours par rôle", edit="data/roles.yml",
           journeys=journeys)
    for number, role in enumerate(journeys, 1):
        render("journey.md.j2", f"parcours/{role.id}.md", role.journey, (number,),
               guide.edit_path("role", role.id), role=role)
    render("not-found.md.j2", "404.md", "Page introuvable", edit="theme/pages/not-found.md.j2",
           meta=("search:", "  exclude: true"))
    render("resources-by-phase.md.j2", "ressources/par-etape.md", "Ressources par étape",
           (0,), edit="data/resources/")
    for page in guide.pages:
        render("content-page.md.j2", page.relative, page.meta.title,
               (page.meta.order if page.meta.order is not None else 999, page.meta.title),
               f"content/{page.relative}", content=page,
               body=label_downloads(page.body.strip("\n"), page.relative, downloads or {}))
    return pages


def with_meta(text: str, lines: list[str]) -> str:
    """The page's header gains computed values (the address of its file online…): the
    theme prints them, it does not compute them."""
    if not lines or not text.startswith("---\n"):
        return text
    return "---\n" + "".join(line + "\n" for line in lines) + text[4:]


def file_size(size: int) -> str:
    """« 180 Ko », « 1,2 Mo »: sizes as French readers write them."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}{NBSP}Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + f"{NBSP}Mo"


_DOWNLOAD_LINK = re.compile(r"\[([^\]]*?) \((PDF|DOCX|HTML)\)\]\(([^)\s]+)\)")


def label_downloads(body: str, page_path: str, downloads: dict[str, int]) -> str:
    """« [Convention (PDF)](x.pdf) » becomes « … (PDF, 180 Ko) » once the file is built.

    Maintainers write the format; the size is measured, so it can never go stale.
    """
    def label(match: re.Match) -> str:
        text, kind, target = match.groups()
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
        if path not in downloads:
            return match.group(0)
        return f"[{text} ({kind}, {file_size(downloads[path])})]({target})"

    return _DOWNLOAD_LINK.sub(label, body)
