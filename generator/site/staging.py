"""Staging: the pages, assets and theme overrides the builder reads, and its configuration.

The generator is a stage of its own, not a plugin of one builder: it writes plain Markdown,
plain templates and a plain ``build/mkdocs.yml`` with paths relative to it, so that
MkDocs, ProperDocs and Zensical all build the same folder. It imports no theme: the
search is the guide's own (``theme/search/``, ``site/search.py``), and the values the
templates print are computed here and written in each page's header, so that the
overrides hold no Python method that only one template engine knows.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..core.files import sync_tree, write_if_changed
from ..core.french import NBSP
from ..core.settings import Settings
from ..core.text import plain_text
from ..guide.index import Guide, tooltip_forms
from .builders import Builder
from .pages import Page
from .search import INDEX, search_index

SEARCH_ASSETS = "assets/search/"


def stage(settings: Settings, config: dict, pages: list[Page], guide: Guide,
          downloads: dict[str, bytes], assets: list[Path], builder: Builder) -> set[str]:
    """Write the staging folder, the overrides and the builder's configuration.

    Returns what changed, as paths under ``build/`` (``docs/…``, ``overrides/…``, and
    ``mkdocs.yml`` when more than the navigation changed), for the preview."""
    files: dict[str, bytes] = {page.path: with_edit_values(page, config).encode()
                               for page in pages}
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
                tooltips: dict[str, str], builder: Builder) -> dict:
    """The maintainer's mkdocs.yml, with paths relative to ``build/``, folders of the nav
    expanded, the guide's search in place of the builder's, and the glossary given to the
    ``abbr`` extension (as configuration: abbreviation lines appended to every page cost
    time quadratic in their number)."""
    config = dict(config)
    config["docs_dir"] = settings.staging.relative_to(settings.build).as_posix()
    config["site_dir"] = "site"
    config["theme"] = {**config.get("theme", {}),
                       "custom_dir": settings.overrides.relative_to(settings.build).as_posix()}
    config["nav"] = [_expand(item, pages) for item in config.get("nav", [])]
    extensions = []
    for extension in config.get("markdown_extensions", []):
        if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
            extension = {"abbr": {"glossary": tooltips}}
        extensions.append(extension)
    config["markdown_extensions"] = extensions
    search = sorted(path for path in _folder(settings.theme / "search", SEARCH_ASSETS))
    config["extra_javascript"] = [*(config.get("extra_javascript") or []),
                                  *(p for p in search if p.endswith(".js"))]
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
    return {title: index + [{p.title: p.path} for p in others]}


def with_edit_values(page: Page, config: dict) -> str:
    """The page, its header holding what « Modifier cette page » prints (see edit_values)."""
    values = edit_values(page.source, config)
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                    for key, value in values.items())
    if page.text.startswith("---\n"):
        return "---\n" + lines + page.text[4:]
    return f"---\n{lines}---\n\n{page.text}" if lines else page.text


def edit_values(source: str, config: dict) -> dict[str, str | bool]:
    """The file a maintainer edits for a page and, once ``repo_url`` is set, the addresses
    to edit and view it (``extra.edit_uri``, « edit/main/ » unless set; a folder gets the
    « new file » address). Computed here so that the templates only print them."""
    if not source:
        return {}
    file, _, line = source.partition("#L")
    folder = file.endswith("/")
    values: dict[str, str | bool] = {"source_file": file, "source_folder": folder,
                                     "source_line": line if line not in ("", "1") else ""}
    repo = config.get("repo_url")
    if not isinstance(repo, str) or not repo:
        return values
    uri = str((config.get("extra") or {}).get("edit_uri") or "edit/main/")
    if folder:
        uri = uri.replace("edit/", "new/")
    base = uri if uri.startswith(("http://", "https://")) else \
        repo.rstrip("/") + "/" + uri.lstrip("/")
    values["edit_url"] = base + file
    values["edit_label"] = (f"Ajouter une entrée dans {file}" if folder
                            else f"Modifier cette page{NBSP}: {file}")
    if "edit/" in uri and not folder:
        values["source_url"] = base.replace("edit/", "blob/") + file + \
            (f"#L{line}" if values["source_line"] else "")
        if values["source_line"]:
            values["view_url"] = values["source_url"]
            values["view_label"] = f"Voir l’entrée dans {file}, ligne {line}"
    return values


def glossary_tooltips(guide: Guide) -> dict[str, str]:
    """One tooltip per written form of each term, for every page."""
    tooltips: dict[str, str] = {}
    for term in guide.terms.values():
        title = term.term + (f" ({term.expansion})" if term.expansion else "")
        definition = plain_text(term.definition)
        if len(definition) > 220:
            definition = definition[:220].rsplit(" ", 1)[0] + "…"
        tooltip = f"{title} : {definition}".replace("\n", " ")
        for form in tooltip_forms(term):
            tooltips.setdefault(form, tooltip)
    return tooltips


def theme_overrides(settings: Settings) -> dict[str, bytes]:
    """theme/overrides as they are: templates both Jinja and Zensical's engine accept."""
    return _folder(settings.theme / "overrides", "")
