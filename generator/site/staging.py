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
from ..guide.kinds import kind
from .pages import Page
from .terms import tooltip_text

SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.fr.min.js"
TERMS_EXTENSION = "generator.site.terms"


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
                terms: list[dict]) -> dict:
    """The maintainer's mkdocs.yml, with paths made absolute, folders of the nav expanded
    and the glossary given to our term extension (as configuration: definitions appended
    to every page would cost time quadratic in their number)."""
    config = dict(config)
    config["docs_dir"] = str(settings.staging)
    config["site_dir"] = str(settings.site)
    config["theme"] = {**config.get("theme", {}), "custom_dir": str(settings.overrides)}
    config["nav"] = [_expand(item, pages) for item in config.get("nav", [])]
    config["markdown_extensions"] = [*config.get("markdown_extensions", []),
                                     {TERMS_EXTENSION: {"terms": terms,
                                                        "glossary": kind("term").index}}]
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


def glossary_tooltips(guide: Guide) -> list[dict]:
    """Each term with the spellings that mark it and the text of its tooltip: the whole
    definition when short, else its first sentences (the tooltip then links to the rest)."""
    terms = []
    for term in guide.terms.values():
        text, cut = tooltip_text(plain_text(term.definition))
        terms.append({"id": term.id, "forms": tooltip_forms(term), "text": text, "cut": cut,
                      "title": term.term + (f" ({term.expansion})" if term.expansion else "")})
    return terms


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
