"""Pages: the guide's data and hand-written prose become Markdown pages.

Every page is rendered by a Jinja template of ``theme/pages/`` so that a
maintainer changes words and layout without Python. Pages are returned in
memory; the site stage writes them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .french import NBSP, french_date, typography
from .guide import BLOCKS, Guide, Place, sort_key
from .problems import DataError
from .templates import template_problem


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    text: str
    order: tuple = ()


def paths() -> dict[str, str]:
    """Where each kind of entry lives in the site, as ``str.format`` patterns."""
    return {
        "phase": "etapes/{id}.md",
        "role": "roles/{id}.md",
        "resource": "ressources/{id}.md",
        "case": "retours-experience/{id}.md",
        "term": "glossaire.md#{id}",
        "source": "sources.md#{id}",
    }


def environment(theme: Path) -> jinja2.Environment:
    """Jinja with StrictUndefined: a missing value is an error, never a blank."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "pages"),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters["french_date"] = french_date
    env.filters["initial"] = initial
    env.filters["filesize"] = file_size
    env.filters["sentence"] = lambda text: text[:1].upper() + text[1:]
    env.filters["plain"] = plain_text
    env.filters["attr"] = lambda text: jinja2.utils.markupsafe.escape(plain_text(str(text)))
    env.globals["link"] = link
    env.globals["BLOCKS"] = BLOCKS
    return env


@jinja2.pass_context
def link(context: jinja2.runtime.Context, kind: str, entity_id: str = "") -> str:
    """A relative link from the page being rendered to an entry or page."""
    pattern = paths().get(kind, kind)
    target = pattern.format(id=entity_id)
    if kind == "place":
        place: Place = context["guide"].places[entity_id]
        target = f"etapes/{place.phase.id}.md" + (f"#{place.step.id}" if place.step else "")
    path, _, anchor = target.partition("#")
    here = posixpath.dirname(context["page_path"])
    relative = posixpath.relpath(path, here or ".")
    return relative + (f"#{anchor}" if anchor else "")


def plain_text(markdown: str) -> str:
    """Markdown reduced to one line of plain text, for tooltips and descriptions."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    text = re.sub(r"^\s*[-+]\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


def render_pages(guide: Guide, theme: Path, edit_base: str,
                 downloads: dict[str, int] | None = None) -> list[Page]:
    """Every page of the site, generated and hand-written.

    ``downloads`` maps the files offered for download to their size in bytes;
    a page links to a download only when it exists.
    """
    env = environment(theme)
    env.globals["downloads"] = downloads or {}
    env.globals["phase_options"] = lambda: [(p.id, f"{p.number}. {p.title}") for p in guide.phases]
    env.globals["role_options"] = lambda ids: sorted(
        ((i, guide.roles[i].name) for i in ids), key=lambda option: sort_key(option[1]))
    pages: list[Page] = []

    def render(template: str, path: str, title: str, order: tuple = (), edit: str = "", **values):
        context = {"guide": guide, "page_path": path, "title": title, "edit": edit,
                   "edit_base": edit_base, **values}
        try:
            text = typography(env.get_template(template).render(context))
        except jinja2.TemplateError as error:
            raise DataError([template_problem(error, theme.parent, f"theme/pages/{template}")]
                            ) from None
        pages.append(Page(path, title, text, order))

    def edit_of(entity_id: str) -> str:
        record = guide.records[entity_id]
        return f"{record.path}#L{record.line('id')}"

    render("home.md.j2", "index.md", "Accueil", edit="theme/pages/home.md.j2")
    render("phases.md.j2", "etapes/index.md", "Les étapes d'un projet", edit="data/phases.yml")
    for phase in guide.phases:
        render("phase.md.j2", f"etapes/{phase.id}.md", f"{phase.number}. {phase.title}",
               (phase.number,), edit_of(phase.id), phase=phase)
    render("roles.md.j2", "roles/index.md", "Rôles et instances", edit="data/roles.yml")
    families = [f.value for f in _role_families()]
    for role in guide.roles.values():
        render("role.md.j2", f"roles/{role.id}.md", role.name,
               (families.index(role.family.value), role.name.casefold()), edit_of(role.id),
               role=role)
    journeys = [role for role in guide.roles.values() if role.journey]
    render("journeys.md.j2", "parcours/index.md", "Parcours par rôle", edit="data/roles.yml",
           journeys=journeys)
    for number, role in enumerate(journeys, 1):
        render("journey.md.j2", f"parcours/{role.id}.md", role.journey, (number,),
               edit_of(role.id), role=role)
    render("glossary.md.j2", "glossaire.md", "Glossaire", edit="data/glossary.yml")
    render("resources.md.j2", "ressources/index.md", "Ressources du kit",
           edit="data/resources/")
    render("resources-by-phase.md.j2", "ressources/par-etape.md", "Ressources par étape",
           (0,), edit="data/resources/")
    for number, resource in enumerate(guide.resources.values(), 1):
        render("resource.md.j2", f"ressources/{resource.id}.md", resource.title, (1, number),
               edit_of(resource.id), resource=resource)
    render("case-studies.md.j2", "retours-experience/index.md", "Retours d'expérience",
           edit="data/case-studies/")
    for number, case in enumerate(guide.case_studies.values(), 1):
        render("case-study.md.j2", f"retours-experience/{case.id}.md", case.title, (number,),
               edit_of(case.id), case=case)
    render("sources.md.j2", "sources.md", "Publications sources", edit="data/sources.yml")
    for page in guide.pages:
        render("content-page.md.j2", page.relative, page.meta.title,
               (page.meta.order if page.meta.order is not None else 999, page.meta.title),
               f"content/{page.relative}", content=page,
               body=label_downloads(page.body.strip("\n"), page.relative, downloads or {}))
    return pages


def file_size(size: int) -> str:
    """« 180 Ko », « 1,2 Mo »: sizes as French readers write them."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}{NBSP}Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + f"{NBSP}Mo"


def initial(text: str) -> str:
    """The letter a glossary entry is filed under: « É » goes with « E »."""
    letter = sort_key(text)[:1].upper()
    return letter if letter.isalpha() else "0-9"


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


def _role_families():
    from .model import RoleFamily

    return list(RoleFamily)
