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
import yaml
from markupsafe import Markup

from ..core import templates
from ..core.french import NBSP, french_number, typography
from ..core.markup import escape_text, html_text
from ..core.text import initial, plain_text, shortened
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
    """The pages' Jinja: escape by default, allow on purpose.

    Every value printed is plain text made inert (``escape_text``): whatever a title or
    a list item holds, it reads as typed, in Markdown and in raw HTML alike. What is
    meant as markup says so: a Markdown field goes through ``md`` (its Markdown was
    judged by ``check``), an address through ``url``, links and macros are markup.
    """
    env = templates.environment(
        [theme / "pages"], html=True,
        filters={"initial": initial, "filesize": file_size, "plain": plain_text,
                 "number": french_number,
                 "money": lambda amount: f"{french_number(amount)}{NBSP}€",
                 "options": lambda values: [(v.value, v.plural) for v in values],
                 "md": markdown, "url": address, "shorten": shortened,
                 "attr": lambda text: Markup(html_text(plain_text(str(text))))},
        globals={"link": link, "BLOCKS": BLOCKS, "front_matter": front_matter})
    env.finalize = lambda value: value if isinstance(value, Markup) else Markup(escape_text(value))
    return env


def markdown(text: str | None) -> Markup:
    """A Markdown field or page, printed as Markdown on purpose (``check`` refused
    whatever the allow-list does not permit in it)."""
    return Markup(text or "")


def address(url: str) -> Markup:
    """A checked http(s) address inside a Markdown link: characters that could end the
    link or start markup are percent-encoded."""
    return Markup("".join(c if c.isalnum() or c in "-._~:/?#@!$&+,;=%" else
                          "".join(f"%{b:02X}" for b in c.encode()) for c in str(url)))


def front_matter(title: str, description: str, edit: str, computed: dict | None = None) -> Markup:
    """A page's header, written by a YAML serialiser, never assembled from strings.

    MkDocs' theme prints the title and description as HTML (``<title>``, navigation,
    ``<meta>``), so they are HTML-escaped text. ``computed`` holds values the theme prints
    but must not compute (the address of the page's file online…).
    """
    meta: dict = {"title": html_text(title)}
    if description:
        meta["description"] = html_text(shortened(plain_text(description), 200))
    meta["edit_path"] = edit
    meta.update(computed or {})
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return Markup(f"---\n{header}---\n")


@jinja2.pass_context
def link(context: jinja2.runtime.Context, kind: str, entity_id: str = "") -> Markup:
    """A relative link from the page being rendered to an entry, or to a page of the site."""
    guide: Guide = context["guide"]
    target = guide.address(kind, entity_id) if entity_id else kind
    path, _, anchor = target.partition("#")
    here = posixpath.dirname(context["page_path"])
    relative = posixpath.relpath(path, here or ".")
    return Markup(relative + (f"#{anchor}" if anchor else ""))


def render_pages(guide: Guide, theme: Path, links: SiteLinks | None = None,
                 downloads: dict[str, int] | None = None,
                 examples: list[CostExample] | None = None,
                 page_meta: dict[str, dict] | None = None) -> list[Page]:
    """Every page of the site, generated and hand-written.

    ``links`` says where contributions go (mkdocs.yml); ``downloads`` maps the files
    offered for download to their size in bytes; a page links to a download only when
    it exists; ``examples`` are the example groupements' costs the home page quotes;
    ``page_meta`` adds values to the header of hand-written pages, by their path (what the
    assistant's page loads).
    """
    links = links or SiteLinks()
    env = environment(theme)
    env.globals["downloads"] = downloads or {}
    env.globals["site_links"] = links
    root = theme.parent
    pages: list[Page] = []

    def render(template: str, path: str, title: str, order: tuple = (), edit: str = "",
               meta: dict | None = None, **values):
        title = typography(title)  # printed by the theme too (navigation, tab, links)
        computed = links.edit_values(edit) | (meta or {})
        context = {"guide": guide, "page_path": path, "title": title, "edit": edit,
                   "computed_meta": computed, **values}
        text = typography(templates.render(env, template, context, root))
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
           meta={"search": {"exclude": True}})
    render("resources-by-phase.md.j2", "ressources/par-etape.md", "Ressources par étape",
           (0,), edit="data/resources/")
    for page in guide.pages:
        render("content-page.md.j2", page.relative, page.meta.title,
               (page.meta.order if page.meta.order is not None else 999, page.meta.title),
               f"content/{page.relative}", (page_meta or {}).get(page.relative), content=page,
               body=label_downloads(page.body.strip("\n"), page.relative, downloads or {}))
    return pages


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
