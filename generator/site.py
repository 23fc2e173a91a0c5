"""Site: the staging folder MkDocs builds, its configuration, and the build itself.

The generator is a stage of its own, not a MkDocs plugin: it writes plain
Markdown and a plain configuration, so another builder can take them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import model
from .guide import Guide, build_guide
from .pages import Page, plain_text, render_pages
from .problems import DataError, Problem
from .validation import check


@dataclass(frozen=True)
class Settings:
    """Where things are; every path derives from the project root."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def staging(self) -> Path:
        return self.build / "docs"

    @property
    def overrides(self) -> Path:
        """Material overrides as built: theme/overrides plus the composed search language."""
        return self.build / "overrides"

    @property
    def built_config(self) -> Path:
        return self.build / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"


def generate(settings: Settings, downloads: bool = False) -> Guide:
    """Validate everything, then write the staging folder and MkDocs configuration.

    ``downloads`` also builds the PDFs and document models the pages link to; the
    preview leaves them out to stay quick.
    """
    loaded = check(settings.root)
    guide = build_guide(loaded)
    base_config = _read_config(settings)
    extra = collect_downloads(guide, settings) if downloads else {}
    sizes = {path: len(data) for path, data in extra.items()}
    pages = render_pages(guide, settings.theme, base_config.get("repo_url", ""), sizes)
    files: dict[str, bytes] = {page.path: page.text.encode() for page in pages}
    files.update(extra)
    for asset in loaded.assets:
        files[asset.relative_to(settings.root / "content").as_posix()] = asset.read_bytes()
    assets = settings.theme / "assets"
    for asset in sorted(assets.rglob("*")) if assets.is_dir() else ():
        if asset.is_file():
            files["assets/" + asset.relative_to(assets).as_posix()] = asset.read_bytes()
    sync_tree(settings.staging, files)
    sync_tree(settings.overrides, theme_overrides(settings))
    config = site_config(settings, base_config, pages, glossary_tooltips(guide))
    write_if_changed(settings.built_config, yaml.safe_dump(config, allow_unicode=True,
                                                            sort_keys=False).encode())
    return guide


def build_site(settings: Settings, strict: bool = True) -> Guide:
    """Generate, build with MkDocs into a temporary folder, then swap it into place."""
    guide = generate(settings, downloads=True)
    fresh = settings.build / "site-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f",
               str(settings.built_config), "-d", str(fresh)] + (["--strict"] if strict else [])
    result = subprocess.run(command, capture_output=True, text=True, env=mkdocs_environment())
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise DataError(mkdocs_problems(result.stderr + result.stdout))
    finish_html(fresh)
    _swap(fresh, settings.site)
    return guide


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_AUTOCORRECT = re.compile(r' autocorrect="off"')
_ORPHAN_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def finish_html(site: Path) -> None:
    """Mend the theme's markup that an HTML validator rejects.

    Material puts ``autocomplete`` on checkboxes and ``autocorrect`` on its search
    field, and on section index pages labels a table-of-contents toggle it never
    renders. Readers lose nothing; the pages become valid HTML.
    """
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        mended = _AUTOCORRECT.sub("", _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html))
        if 'id="__toc"' not in mended:
            mended = _ORPHAN_TOC_LABEL.sub(r"\1", mended)
        if mended != html:
            page.write_text(mended, encoding="utf-8")


def mkdocs_problems(output: str) -> list[Problem]:
    """MkDocs' warnings and errors, one problem each, without its progress lines."""
    problems = [Problem("mkdocs.yml", 1, "", f"MkDocs : {line.split('-', 1)[1].strip()}")
                for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    return problems or [Problem("mkdocs.yml", 1, "", f"la construction MkDocs a échoué : {output.strip()}")]


def mkdocs_environment() -> dict[str, str]:
    """MkDocs' environment, without Material's end-of-life notice: the staging design
    already keeps the move to its successor open (see README)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def collect_downloads(guide: Guide, settings: Settings) -> dict[str, bytes]:
    """The guide's PDFs and the document models, by their path in the site."""
    from .documents import site_downloads
    from .pdf import guide_pdfs

    files = guide_pdfs(guide, settings)
    files.update(site_downloads(settings))
    return files


def _swap(fresh: Path, target: Path) -> None:
    """Replace ``target`` by ``fresh`` so readers never see a half-written site."""
    old = target.with_name(target.name + "-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _read_config(settings: Settings) -> dict:
    try:
        config = yaml.safe_load(settings.config.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise DataError([Problem("mkdocs.yml", mark.line + 1 if mark else 1, "",
                                 f"syntaxe YAML invalide ({error})")]) from None
    return config


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
    return {title: index + [{p.title: p.path} for p in others]}


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


def tooltip_forms(term: model.Term) -> list[str]:
    """The spellings that show a term's tooltip, its plain expansion included."""
    return spellings([form for _, form in term.written_forms()])


def spellings(written: list[str]) -> list[str]:
    """Every spelling a reader may meet: as written, capitalised or not, either apostrophe."""
    forms: list[str] = []
    for form in written:
        variants = {form}
        if not form.isupper():
            variants |= {form[:1].upper() + form[1:], form[:1].lower() + form[1:]}
        variants |= {v.replace("'", "\u2019") for v in variants}
        forms.extend(sorted(v for v in variants if v not in forms))
    return forms


SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.fr.min.js"


def theme_overrides(settings: Settings) -> dict[str, bytes]:
    """theme/overrides, and Material's French search language with our forgiving forms."""
    import material

    source = settings.root / "theme" / "overrides"
    files = {p.relative_to(source).as_posix(): p.read_bytes()
             for p in sorted(source.rglob("*")) if p.is_file()}
    original = Path(material.__file__).parent / "templates" / SEARCH_LANGUAGE
    extension = settings.theme / "search" / "lunr-fr-forgiving.js"
    files[SEARCH_LANGUAGE] = original.read_bytes() + b"\n" + extension.read_bytes()
    return files


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ, so the preview reloads only on change."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def sync_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files``: changed ones rewritten, stale ones removed."""
    for relative, data in files.items():
        write_if_changed(folder / relative, data)
    for path in sorted(folder.rglob("*"), reverse=True) if folder.exists() else ():
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
