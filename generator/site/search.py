"""The guide's own search index, built from the staged pages: the same whatever the builder.

Each page is rendered with the Markdown extensions of ``mkdocs.yml`` (so headings get the
anchors every builder gives them) and cut into sections at its ``h2`` and ``h3``. The index
is a JavaScript file (``assets/search/index.js``) that the search script loads when the reader
first opens the search: a script, unlike ``fetch()``, also loads from the file system.
Words, accents, plurals, elisions and typos are handled in the browser
(``theme/search/search.js``), from the text shipped here and the glossary's synonyms.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import markdown
import yaml

from ..core.text import one_line
from ..guide.index import Guide
from .pages import Page

INDEX = "assets/search/index.js"
_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "blockquote", "pre", "div", "tr", "details",
           "summary", "h4", "h5", "h6", "figcaption", "ul", "ol", "dl", "table"}
_SKIPPED = {"script", "style", "form", "small", "select", "button", "svg"}
_SECTIONS = {"h2", "h3"}
_META_BLOCK = re.compile(r"^(Sources?\s*[.:]|Voir aussi\s*:|Dernière revue\s*:)")
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)

_renderers: dict[str, markdown.Markdown] = {}
_cache: dict[str, list[list[str]]] = {}


def search_index(pages: list[Page], config: dict, guide: Guide) -> bytes:
    """``assets/search/index.js``: pages, their sections and the glossary's synonyms."""
    global _cache
    renderer = _renderer(config)
    known, entries, sections = {}, [], []
    searched = sorted((p for p in pages if not _excluded(p)), key=lambda p: p.path)
    for number, page in enumerate(searched):
        found = _cache.get(page.text) or _sections(renderer, page)
        known[page.text] = found
        entries.append([url(page.path, config), found[0][1]])
        sections += [[number, *section] for section in found]
    _cache = known
    data = {"pages": entries, "sections": sections, "synonyms": synonyms(guide)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.guideSearchIndex={text};\n".encode()


def url(path: str, config: dict) -> str:
    """The address of a staged page in the built site, from the site's root."""
    stem = path.removesuffix(".md")
    if config.get("use_directory_urls", True) is False:
        return stem + ".html"
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return folder + "/" if folder else ""
    return stem + "/"


def _excluded(page: Page) -> bool:
    """A page whose header says ``search: {exclude: true}`` (the 404 page)."""
    front = _FRONT.match(page.text)
    try:
        header = yaml.safe_load(front.group(0).strip("-\n")) if front else None
    except yaml.YAMLError:
        return False
    search = header.get("search") if isinstance(header, dict) else None
    return isinstance(search, dict) and search.get("exclude") is True


def synonyms(guide: Guide) -> list[list[str]]:
    """Groups of words that mean one thing: a term, its expansion, synonyms and plurals;
    a role's name and acronym."""
    groups = [[form for _, form in term.written_forms()] for term in guide.terms.values()]
    groups += [[role.name, role.short_name] for role in guide.roles.values() if role.short_name]
    return [group for group in groups if len(group) > 1]


def _renderer(config: dict) -> markdown.Markdown:
    names, settings = [], {}
    for extension in config.get("markdown_extensions") or []:
        name, options = next(iter(extension.items())) if isinstance(extension, dict) \
            else (extension, {})
        if name != "abbr":  # tooltips: not text of the page
            names.append(name)
            settings[name] = options or {}
    key = json.dumps([names, settings], sort_keys=True, default=str)
    if key not in _renderers:
        _renderers.clear()
        _renderers[key] = markdown.Markdown(extensions=names, extension_configs=settings)
    return _renderers[key]


def _sections(renderer: markdown.Markdown, page: Page) -> list[list[str]]:
    """[anchor, title, text, meta] of the page's top (anchor "") and of each section."""
    html = renderer.reset().convert(_FRONT.sub("", page.text, count=1))
    reader = _Reader()
    reader.feed(html)
    reader.close()
    top, *rest = reader.sections
    top[1] = top[1] or page.title
    return [[anchor, title, _join(text), _join(meta)] for anchor, title, text, meta in
            [top, *rest]]


def _join(blocks: Iterable[str]) -> str:
    return " ".join(one_line(block) for block in blocks if block.strip())


class _Reader(HTMLParser):
    """Text of a rendered page, cut into sections; tables, facts (``guide-facts``: type,
    publisher, year…) and citations apart as « meta »."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = [["", "", [], []]]
        self.skipping = 0
        self.heading: str | None = None
        self.heading_id = ""
        self.heading_text: list[str] = []
        self.block: list[str] = []
        self.tables = 0
        self.divs = 0
        self.facts_at = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.skipping or tag in _SKIPPED or "headerlink" in (attributes.get("class") or ""):
            self.skipping += tag not in ("br", "img", "hr", "input")
            return
        if tag in ("h1", "h2", "h3"):
            self._flush()
            self.heading, self.heading_id, self.heading_text = tag, attributes.get("id") or "", []
        elif tag in _BLOCKS or tag in ("br", "hr"):
            self._flush()
        if tag == "table":
            self.tables += 1
        if tag == "div":
            self.divs += 1
            if not self.facts_at and "guide-facts" in (attributes.get("class") or ""):
                self.facts_at = self.divs

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if tag == self.heading:
            title = one_line("".join(self.heading_text))
            if tag == "h1":
                self.sections[0][1] = self.sections[0][1] or title
            elif self.heading_id:
                self.sections.append([self.heading_id, title, [], []])
            else:
                self.sections[-1][2].append(title)
            self.heading = None
        elif tag in _BLOCKS:
            self._flush()
        if tag == "table":
            self.tables -= 1
        if tag == "div":
            if self.divs == self.facts_at:
                self._flush()
                self.facts_at = 0
            self.divs -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.heading_text if self.heading else self.block).append(data)

    def _flush(self) -> None:
        text = "".join(self.block).strip()
        self.block = []
        if text:
            meta = (self.tables > 0 or self.facts_at > 0 or _META_BLOCK.match(text)
                    or (" · " in text and len(text) < 200))
            self.sections[-1][3 if meta else 2].append(text)
