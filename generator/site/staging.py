"""Staging: the pages, assets and theme overrides the builder reads, and its configuration.

The generator is a stage of its own, not a plugin of one builder: it writes plain Markdown,
plain templates and a plain ``build/mkdocs.yml`` with paths relative to it, so that
MkDocs, ProperDocs and Zensical all build the same folder. It imports no theme: the
search is the guide's own (``theme/search/``, ``site/search.py``), and the values the
templates print are computed here and written in each page's header, so that the
overrides hold no Python method that only one template engine knows.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.files import sync_tree, write_if_changed
from ..core.french import typography
from ..core.markup import html_text
from ..core.settings import Settings
from ..core.text import plain_text
from ..guide.index import Guide, tooltip_forms
from ..guide.kinds import kind
from .builders import Builder
from .pages import Page
from .search import INDEX, search_index
from .terms import tooltip_text

SEARCH_ASSETS = "assets/search/"
SEARCH_SCRIPT = SEARCH_ASSETS + "search.js"
"""The one script every page loads: the search dialog, which loads the engine and the index
(the other files of ``theme/search/``) when the reader opens it."""
TERMS_EXTENSION = "generator.site.terms"
HEADINGS_EXTENSION = "generator.site.headings"


def stage(settings: Settings, config: dict, pages: list[Page], guide: Guide,
          downloads: dict[str, bytes], assets: list[Path], builder: Builder) -> set[str]:
    """Write the staging folder, the overrides and the builder's configuration.

    Returns what changed, as paths under ``build/`` (``docs/…``, ``overrides/…``, and
    ``mkdocs.yml`` when more than the navigation changed), for the preview."""
    files: dict[str, bytes] = {page.path: page.text.encode() for page in pages}
    files.update(downloads)
    for asset in assets:
        files[asset.relative_to(settings.content).as_posix()] = asset.read_bytes()
    files.update(_folder(settings.theme / "assets", "assets/"))
    files.update(_folder(settings.theme / "search", SEARCH_ASSETS))
    files[INDEX] = search_index(pages, config, guide)
    changed = {"docs/" + path for path in sync_tree(settings.staging, files)}
    changed |= {"overrides/" + path
                for path in sync_tree(settings.overrides, theme_overrides(settings))}
    built = site_config(settings, config, pages, glossary_tooltips(guide), builder)
    text = yaml.dump(built, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    without_nav = {key: value for key, value in built.items() if key != "nav"}
    if write_if_changed(settings.built_config, text.encode()) and \
            _written.get(settings.built_config) != without_nav:
        changed.add("mkdocs.yml")
    _written[settings.built_config] = without_nav
    return changed


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Each tooltip written once, then referred to (``&id001`` … ``*id001``) by the other
    forms of its term: a configuration four times smaller, which every builder parses again
    on each rebuild of the preview."""

    def ignore_aliases(self, data: object) -> bool:
        return not (isinstance(data, str) and len(data) > 60)


_DUMPER = _Dumper
_written: dict[Path, dict] = {}
"""The configuration last written, without its navigation, by path: a new page title alone
is not a new configuration for the preview."""


def _folder(folder: Path, prefix: str) -> dict[str, bytes]:
    return {prefix + path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()} if folder.is_dir() else {}


def site_config(settings: Settings, config: dict, pages: list[Page],
                terms: list[dict], builder: Builder) -> dict:
    """The maintainer's mkdocs.yml, with paths relative to ``build/``, folders of the nav
    expanded, the guide's search in place of the builder's, and the glossary given to our
    term extension (as configuration: definitions appended to every page would cost time
    quadratic in their number)."""
    config = dict(config)
    config["docs_dir"] = settings.staging.relative_to(settings.build).as_posix()
    config["site_dir"] = "site"
    config["theme"] = {**config.get("theme", {}),
                       "custom_dir": settings.overrides.relative_to(settings.build).as_posix()}
    config["nav"] = [_expand(item, pages) for item in config.get("nav", [])]
    config["markdown_extensions"] = [*config.get("markdown_extensions", []),
                                     {TERMS_EXTENSION: {"terms": terms,
                                                        "glossary": kind("term").index}},
                                     HEADINGS_EXTENSION]
    search = sorted(path for path in _folder(settings.theme / "search", SEARCH_ASSETS))
    config["extra_javascript"] = [*(config.get("extra_javascript") or []), SEARCH_SCRIPT]
    config["extra_css"] = [*(config.get("extra_css") or []),
                           *(p for p in search if p.endswith(".css"))]
    theme = config["theme"].get("name")
    config["extra"] = {**(config.get("extra") or {}), "builder": builder.name,
                       "built_with": builder.label + (" et Material for MkDocs"
                                                      if theme == "material"
                                                      and builder.name != "zensical" else "")}
    return builder.staged_config(config)


def _expand(item: dict | str, pages: list[Page]) -> dict | str:
    """A nav entry ending with « / » lists its folder: index first, then in page order."""
    if not isinstance(item, dict):
        return item
    (title, target), = item.items()
    if isinstance(target, list):
        return {title: [_expand(child, pages) for child in target]}
    if not (isinstance(target, str) and target.endswith("/")):
        return item
    inside = [p for p in pages if p.path.startswith(target) and "/" not in p.path[len(target):]]
    index = [p.path for p in inside if p.path == target + "index.md"]
    others = sorted((p for p in inside if p.path != target + "index.md"),
                    key=lambda p: (p.order, p.title))
    if index and not others:
        return {title: index[0]}  # one page: a link, not a section of one
    # The theme prints navigation titles as HTML: a title is HTML-escaped text.
    return {title: index + [{html_text(p.title): p.path} for p in others]}


def glossary_tooltips(guide: Guide) -> list[dict]:
    """Each term with the spellings that mark it and the text of its tooltip: the whole
    definition when short, else its first sentences (the tooltip then links to the rest)."""
    terms = []
    for term in guide.terms.values():
        text, cut = tooltip_text(plain_text(term.definition))
        title = term.term + (f" ({term.expansion})" if term.expansion else "")
        terms.append({"id": term.id, "forms": tooltip_forms(term), "text": typography(text),
                      "cut": cut, "title": typography(title)})
    return terms


def theme_overrides(settings: Settings) -> dict[str, bytes]:
    """theme/overrides as they are: templates both Jinja and Zensical's engine accept."""
    return _folder(settings.theme / "overrides", "")
