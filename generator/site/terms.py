"""Glossary terms in the site's pages: the first mention of each term on a page becomes a
link to its glossary entry, which the theme's tooltips.js turns into a tooltip.

A Python-Markdown extension, named in the builder's configuration by the staging stage
(``generator.site.terms``), so that it runs wherever the pages are converted. It marks
a term once per page, never in a heading, a link, code, a card, a tag or the glossary page
itself, and carries the tooltip's text in data attributes: the whole definition when it
is short, else its first sentences with a link to read on.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SKIP = {"a", "code", "pre", "kbd", "abbr", "script", "style", "summary", "button", "label",
        "select", "option", "h1", "h2", "h3", "h4", "h5", "h6"}
SKIP_CLASSES = {"grid", "md-button", "guide-tags", "guide-facts", "guide-step__actors"}
"""Cards (a summary already, and a link), buttons, tags, facts and lists of names stay plain."""
LONGEST = 320
"""A definition up to this length shows whole; a longer one is cut after a sentence."""


def tooltip_text(definition: str, longest: int = LONGEST) -> tuple[str, bool]:
    """The text a tooltip shows and whether it was cut: whole sentences, else whole clauses."""
    if len(definition) <= longest:
        return definition, False
    kept = ""
    for sentence in re.split(r"(?<=[.!?…])\s+(?=[«A-ZÀ-ÖØ-Þ0-9])", definition):
        if len(kept) + len(sentence) + 1 > longest - 40:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept, True
    head = definition[:longest - 40]
    cut = max(head.rfind(" ; "), head.rfind(", "), head.rfind(" : "))
    if cut < 80:
        cut = head.rfind(" ")
    return head[:cut].rstrip(" ,;:") + "…", True


class _Terms(Treeprocessor):
    def __init__(self, md: markdown.Markdown, terms: list[dict], glossary: str) -> None:
        super().__init__(md)
        self.glossary = glossary
        self.by_form: dict[str, dict] = {}
        for term in terms:
            for form in term["forms"]:
                self.by_form.setdefault(form, term)
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
        ) if forms else None

    def page(self) -> str | None:
        """The page being converted (its path in the staging folder): told by MkDocs' and
        ProperDocs' link processor, or by Zensical's rendering context; in a test, None
        (links then stay relative to the root)."""
        if "relpath" in self.md.treeprocessors:
            file = getattr(self.md.treeprocessors["relpath"], "file", None)
            return getattr(file, "src_uri", None)
        if "rendering_context" in self.md.preprocessors:
            page = getattr(self.md.preprocessors["rendering_context"], "page", None)
            return getattr(page, "path", None)
        return None

    def run(self, root: etree.Element) -> None:
        page = self.page()
        if not self.pattern or page == self.glossary:
            return
        here = posixpath.dirname(page) if page else ""
        self.href = posixpath.relpath(self.glossary, here or ".")
        self.seen: set[str] = set()
        self._walk(root)

    def _walk(self, parent: etree.Element) -> None:
        if parent.tag in SKIP or SKIP_CLASSES & set(parent.get("class", "").split()):
            return
        parent.text, links = self._mark(parent.text)
        for position, link in enumerate(links):
            parent.insert(position, link)
        for child in list(parent):
            self._walk(child)
            child.tail, links = self._mark(child.tail)
            position = list(parent).index(child) + 1
            for offset, link in enumerate(links):
                parent.insert(position + offset, link)

    def _mark(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first new term, and the term links carrying what follows."""
        if not text or len(self.seen) == len(self.by_form):
            return text, []
        links: list[etree.Element] = []
        head, last = text, 0
        for match in self.pattern.finditer(text):  # type: ignore[union-attr]
            term = self.by_form[match.group(0)]
            if term["id"] in self.seen:
                continue
            self.seen.add(term["id"])
            link = etree.Element("a", {"href": f"{self.href}#{term['id']}",
                                       "class": "guide-term", "data-title": term["title"],
                                       "data-tip": term["text"]})
            if term["cut"]:
                link.set("data-more", "")
            link.text = match.group(0)
            if links:
                links[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            links.append(link)
            last = match.end()
        if links:
            links[-1].tail = text[last:]
        return head, links


class GlossaryTerms(Extension):
    """``terms``: dicts with id, forms, title, text and cut; ``glossary``: the glossary page."""

    def __init__(self, **kwargs) -> None:
        self.config = {"terms": [[], "the glossary's terms"],
                       "glossary": ["glossaire.md", "the glossary page, left unmarked"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the inline patterns and attr_list, before MkDocs turns links to .md into
        # links to .html (priority 0), which also checks that each entry's anchor exists.
        md.treeprocessors.register(
            _Terms(md, self.getConfig("terms"), self.getConfig("glossary")), "guide-terms", 4)


def makeExtension(**kwargs) -> GlossaryTerms:  # noqa: N802 (Python-Markdown's name)
    return GlossaryTerms(**kwargs)
