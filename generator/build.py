"""The build, read as the pipeline it is.

1. **check** every input: guide data and pages, the groupement files, the blank
   model, the documents' vocabulary and ``mkdocs.yml`` — any problem stops here,
   before anything is written;
2. **index** the guide: every link computed once, both ways;
3. **PDFs** of the guide (WeasyPrint, in worker processes);
4. **documents**: the blank and example models, filled;
5. **pages**: the templates of ``theme/pages/`` turn the data into Markdown;
6. **stage** the pages, downloads, assets, overrides and the search index with the
   builder's configuration (``build/``, paths relative to it), and the « Assistant de
   rédaction » (the documents package run in the browser);
7. **builder**: ProperDocs (by default), MkDocs or Zensical — one line of ``mkdocs.yml`` —
   builds ``build/site``, post-processed, then swapped into ``site/``.

``serve`` runs stages 1, 2, 5 and 6 on every change, the builder's own preview server
rebuilding what changed; ``fill`` runs the documents' checks and stage 4 for one groupement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assistant.files import assistant_files, page_meta, wanted
from .core.glyphs import glyph_problems
from .core.problems import DataError, Problem
from .core.settings import Settings
from .core.yamlfile import read_yaml
from .documents.checks import load_groupement
from .documents.dossier import compute_shares, total
from .documents.fill import check_files, example_files
from .documents.types import is_blank
from .guide.index import Guide, build_index
from .guide.loading import Loaded
from .guide.validation import check_guide
from .pdf.render import guide_pdfs
from .site import builders
from .site.examples import CostExample
from .site.links import SiteLinks
from .site.pages import render_pages
from .site.staging import stage


@dataclass(frozen=True)
class Checked:
    """Every input, read and valid."""

    loaded: Loaded
    config: dict
    groupements: list[tuple[Path, str]]


def build(settings: Settings, strict: bool = True) -> Guide:
    """The whole site, its PDFs and the example documents, into ``site/``."""
    checked = check(settings)
    guide = build_index(checked.loaded)
    downloads = make_downloads(settings, checked, guide)
    staged = generate(settings, checked, guide, downloads)
    staged.builder.build(settings, staged.sources, strict)
    return guide


@dataclass(frozen=True)
class Staged:
    """The staging folder as written: each staged page's source, what changed, the builder."""

    sources: dict[str, str]
    changed: set[str]
    builder: builders.Builder


def preview(settings: Settings, downloads: bool = False) -> Staged:
    """Stages 1, 2, (3, 4,) 5 and 6: what the preview server serves."""
    checked = check(settings)
    guide = build_index(checked.loaded)
    files = make_downloads(settings, checked, guide) if downloads else {}
    return generate(settings, checked, guide, files)


def make_downloads(settings: Settings, checked: Checked, guide: Guide) -> dict[str, bytes]:
    """The guide's PDFs and the filled models, by their path in the site."""
    files = guide_pdfs(guide, settings.theme, checked.config)
    return files | example_files(settings.theme, checked.groupements)


def generate(settings: Settings, checked: Checked, guide: Guide,
             downloads: dict[str, bytes]) -> Staged:
    """Render and stage the pages for the builder the configuration names."""
    meta: dict[str, dict] = {}
    if wanted(settings.content):
        downloads = downloads | assistant_files(settings.theme, checked.groupements,
                                                set(guide.terms))
        meta = page_meta(settings.theme)
    sizes = {path: len(data) for path, data in downloads.items()}
    links = SiteLinks.from_config(checked.config)
    for warning in links.warnings():  # on stdout: stderr lists the problems that stop a build
        print(warning)
    pages = render_pages(guide, settings.theme, links, sizes,
                         cost_examples(checked.groupements), meta)
    builder = builders.chosen(checked.config)
    changed = stage(settings, checked.config, pages, guide, downloads, checked.loaded.assets,
                    builder)
    return Staged({page.path: page.source for page in pages}, changed, builder)


def cost_examples(groupements: list[tuple[Path, str]]) -> list[CostExample]:
    """The yearly cost of each example groupement and the smallest and largest member's
    part, for the home page's order of magnitude."""
    examples = []
    for path, display in groupements:
        g = load_groupement(path, display)
        budget = total(line.amount for line in g.finances.budget)
        parts = [share.amount for share in compute_shares(g, budget)]
        if is_blank(budget) or any(is_blank(part) for part in parts):
            continue
        examples.append(CostExample(
            name=g.groupement.name, members=[m.kind for m in g.members],
            places=sum(m.size.places or 0 for m in g.members),
            services=[s.name for s in g.pooling.services], total=int(budget),
            lowest=int(min(parts)), highest=int(max(parts))))
    return examples


def index(settings: Settings) -> Guide:
    """Stages 1 and 2: the checked guide, indexed."""
    return build_index(check(settings).loaded)


def check(settings: Settings) -> Checked:
    """Read and validate every input; raise ``DataError`` listing every problem."""
    config, problems = read_config(settings)
    loaded, guide_problems = check_guide(settings.root)
    groupements = groupement_files(settings)
    problems += guide_problems + check_files(settings.theme, groupements)
    problems += glyph_problems(settings.theme, printed_files(settings))
    if problems:
        raise DataError(problems)
    return Checked(loaded, config, groupements)


def printed_files(settings: Settings) -> list[tuple[Path, str]]:
    """The inputs whose text reaches a PDF: data, pages and the site's name."""
    paths = [*sorted(settings.data.rglob("*.yml")), *sorted(settings.content.rglob("*.md")),
             settings.config]
    return [(path, settings.shown(path)) for path in paths
            if path.is_file() and not path.is_symlink()]


def groupement_files(settings: Settings) -> list[tuple[Path, str]]:
    """The example groupements of ``data/groupements/``, with the path shown in messages."""
    return [(path, settings.shown(path)) for path in sorted(settings.groupements.glob("*.yml"))]


def read_config(settings: Settings) -> tuple[dict, list[Problem]]:
    """``mkdocs.yml``, read safely, and what is wrong with it."""
    shown = "mkdocs.yml"
    if not settings.config.is_file():
        return {}, [Problem(shown, 1, "", "fichier de configuration introuvable")]
    file = read_yaml(settings.config, shown)
    if file.problems:
        return {}, file.problems
    if not isinstance(file.data, dict):
        return {}, [Problem(shown, 1, "", "bloc de clés attendu (site_name: …, nav: …)")]
    problems = []
    if not isinstance(file.data.get("site_name"), str):
        problems.append(Problem(shown, file.line(("site_name",)), "site_name",
                                "nom du site attendu (texte)"))
    if not isinstance(file.data.get("nav", []), list):
        problems.append(Problem(shown, file.line(("nav",)), "nav",
                                "liste attendue (lignes commençant par « - »)"))
    problems += builders.name_problems(file.data, file.line(("extra", "builder")))
    return file.data, problems
