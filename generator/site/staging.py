"""Staging: the pages, assets and theme overrides the builder reads, and its configuration.

The generator is a stage of its own, not a MkDocs plugin: it writes plain
Markdown and a plain configuration, so another builder can take them.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.files import sync_tree, write_if_changed
from ..core.markup import html_text
from ..core.settings import Settings
from ..core.text import plain_text
from ..guide.index import Guide, tooltip_forms
from .pages import Page

SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.fr.min.js"


def stage(settings: Settings, config: dict, pages: list[Page], guide: Guide,
          downloads: dict[str, bytes], assets: list[Path]) -> None:
    """Write the staging folder, the overrides and the builder's configuration."""
    files: dict[str, bytes] = {page.path: page.text.encode() for page in pages}
    files.update(downloads)
    for asset in assets:
        files[asset.relative_to(settings.content).as_posix()] = asset.read_bytes()
    theme_assets = settings.theme / "assets"
    for asset in sorted(theme_assets.rglob("*")) if theme_assets.is_dir() else ():
        if asset.is_file():
            files["assets/" + asset.relative_to(theme_assets).as_posix()] = asset.read_bytes()
    sync_tree(settings.staging, files)
    sync_tree(settings.overrides, theme_overrides(settings))
    built = site_config(settings, config, pages, glossary_tooltips(guide))
    write_if_changed(settings.built_config,
                     yaml.safe_dump(built, allow_unicode=True, sort_keys=False).encode())


def site_config(settings: Settings, config: dict, pages: list[Page],
                tooltips: dict[str, str]) -> dict:
    """The maintainer's mkdocs.yml, with paths made absolute, folders of the nav expanded
    and the glossary given to the ``abbr`` extension (as configuration: abbreviation
    lines appended to every page cost time quadratic in their number)."""
    config = dict(config)
    config["docs_dir"] = str(settings.staging)
    config["site_dir"] = str(settings.site)
    config["theme"] = {**config.get("theme", {}), "custom_dir": str(settings.overrides)}
    config["nav"] = [_expand(item, pages) for item in config.get("nav", [])]
    extensions = []
    for extension in config.get("markdown_extensions", []):
        if extension == "abbr" or (isinstance(extension, dict) and "abbr" in extension):
            extension = {"abbr": {"glossary": tooltips}}
        extensions.append(extension)
    config["markdown_extensions"] = extensions
    return config


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
    # MkDocs' theme prints navigation titles as HTML: a title is HTML-escaped text.
    return {title: index + [{html_text(p.title): p.path} for p in others]}


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
    """theme/overrides, and Material's French search language with our forgiving forms."""
    import material

    source = settings.theme / "overrides"
    files = {p.relative_to(source).as_posix(): p.read_bytes()
             for p in sorted(source.rglob("*")) if p.is_file()}
    original = Path(material.__file__).parent / "templates" / SEARCH_LANGUAGE
    extension = settings.theme / "search" / "lunr-fr-forgiving.js"
    files[SEARCH_LANGUAGE] = original.read_bytes() + b"\n" + extension.read_bytes()
    return files
