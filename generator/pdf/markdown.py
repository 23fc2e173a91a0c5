"""Markdown for print: the site's prose as HTML that works inside one PDF.

A site page links to other pages; in a PDF those become internal anchors, or
plain text when the target is not in that PDF. Heading ids get a per-page
prefix because several pages share headings (« À retenir »), and the first
mention of a glossary term in each chapter links to the glossary annex.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..core.french import typography
from ..core.markup import ATTRIBUTES, EXTENSIONS, TAGS, escape_text, link_problem, sanitise
from ..guide.index import Guide, tooltip_forms
from ..guide.kinds import KINDS

PRINT_TAGS = TAGS - {"img"}
"""Images are replaced by a note (« à voir sur le site »): a PDF reads no file but the theme's."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NO_TERMS = {"a", "code", "pre", "abbr", "summary", *HEADINGS}


def site_addresses(guide: Guide) -> dict[str, str]:
    """The PDF anchor standing for each site page and entry (``etapes/x.md#y`` → ``step-y``).

    Derived from the kinds' declarations: an entry's address in the site and its
    anchor in the guide PDF come from the same place.
    """
    addresses: dict[str, str] = {}
    for declared in KINDS:
        addresses[declared.index] = declared.part
        for entry_id in guide.entries.get(declared.name, {}):
            addresses[guide.address(declared.name, entry_id)] = guide.anchor(declared.name, entry_id)
    for place_id in guide.places:
        addresses[guide.address("phase", place_id)] = guide.anchor("phase", place_id)
    addresses["ressources/par-etape.md"] = addresses.get("ressources/index.md", "")
    return addresses


def site_anchor(path: str, fragment: str, pages: dict[str, str],
                addresses: dict[str, str]) -> str | None:
    """The PDF anchor standing for a site page (and fragment), or None if it has none."""
    if path in pages:
        return f"{pages[path]}--{fragment}" if fragment else pages[path]
    if fragment and f"{path}#{fragment}" in addresses:
        return addresses[f"{path}#{fragment}"]
    return addresses.get(path) or None


class TermLinker:
    """Links the first mention of each glossary term in a chapter to its definition.

    A fiche has no room for the whole glossary: there only acronyms are linked,
    to the short list of the fiche's acronyms.
    """

    def __init__(self, guide: Guide, acronyms_only: bool = False) -> None:
        forms: dict[str, str] = {}
        for term in guide.terms.values():
            if acronyms_only and not term.expansion:
                continue
            for form in tooltip_forms(term):
                forms.setdefault(form, term.id)
        self.forms = forms
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])") if forms else None
        self.seen: set[str] = set()
        self.linked: list[str] = []

    def chapter(self) -> str:
        """Start a chapter: its first mentions link again. Returns "" for use in templates."""
        self.seen = set()
        return ""

    def split(self, text: str) -> list[str | tuple[str, str]]:
        """Text cut into plain pieces and (form, term id) pairs to link."""
        if not self.pattern or not text:
            return [text]
        pieces: list[str | tuple[str, str]] = []
        last = 0
        for match in self.pattern.finditer(text):
            term_id = self.forms[match.group(0)]
            if term_id in self.seen:
                continue
            self.seen.add(term_id)
            if term_id not in self.linked:
                self.linked.append(term_id)
            pieces += [text[last:match.start()], (match.group(0), term_id)]
            last = match.end()
        return pieces + [text[last:]]


@dataclass
class Context:
    """Where the Markdown being converted sits, and which anchors the PDF holds."""

    targets: set[str]
    pages: dict[str, str]
    addresses: dict[str, str]
    base: str = ""
    prefix: str | None = None
    shift: int = 0
    linker: TermLinker | None = None
    missing: list[str] = field(default_factory=list)


class _PrintTree(Treeprocessor):
    """Runs after the toc extension has given headings their ids."""

    def __init__(self, md: markdown.Markdown, context: Context) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        for element in list(root.iter()):
            self._element(element)
        if self.context.linker:
            self._terms(root)

    def _element(self, element: etree.Element) -> None:
        context = self.context
        if element.tag in HEADINGS:
            level = min(6, int(element.tag[1]) + context.shift)
            element.tag = f"h{level}"
        if "id" in element.attrib:
            if context.prefix:
                element.set("id", f"{context.prefix}--{element.get('id')}")
            else:
                del element.attrib["id"]
        if element.tag == "img":
            element.tag = "span"
            element.set("class", "figure-note")
            element.text = f"[Illustration : {element.get('alt') or 'sans titre'}, à voir sur le site]"
            for name in ("src", "alt", "title"):
                element.attrib.pop(name, None)
        if element.tag == "a" and "href" in element.attrib:
            self._link(element)

    def _link(self, element: etree.Element) -> None:
        href = element.get("href", "")
        if re.match(r"^(https?:|mailto:)", href) and not link_problem(href):
            element.set("class", (element.get("class", "") + " external").strip())
            return
        path, _, fragment = href.partition("#")
        anchor: str | None
        if not path:
            anchor = f"{self.context.prefix}--{fragment}" if self.context.prefix else None
        else:
            resolved = posixpath.normpath(posixpath.join(self.context.base, path))
            anchor = site_anchor(resolved.lstrip("./"), fragment, self.context.pages,
                                 self.context.addresses)
        # A heading of a page (« page-x--y ») is there whenever its page is.
        if anchor and anchor.split("--")[0] in self.context.targets:
            element.set("href", f"#{anchor}")
            element.set("class", (element.get("class", "") + " internal").strip())
        else:
            element.tag = "span"
            del element.attrib["href"]
            element.attrib.pop("title", None)

    def _terms(self, parent: etree.Element) -> None:
        if parent.tag in NO_TERMS or "admonition-title" in parent.get("class", ""):
            return
        children = list(parent)
        text, links = self._cut(parent.text)
        if links:
            parent.text = text
            for position, link in enumerate(links):
                parent.insert(position, link)
        for child in children:
            self._terms(child)
            tail, links = self._cut(child.tail)
            if links:
                child.tail = tail
                position = list(parent).index(child) + 1
                for offset, link in enumerate(links):
                    parent.insert(position + offset, link)

    def _cut(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first term link, and the links each carrying the text after them."""
        assert self.context.linker is not None
        if not text:
            return text, []
        pieces = self.context.linker.split(text)
        if len(pieces) == 1:
            return text, []
        links: list[etree.Element] = []
        head = pieces[0]
        for piece in pieces[1:]:
            if isinstance(piece, tuple):
                form, term_id = piece
                link = etree.Element("a", {"href": f"#term-{term_id}", "class": "term"})
                link.text = form
                link.tail = ""
                links.append(link)
            else:
                links[-1].tail = piece
        return head if isinstance(head, str) else "", links


class _PrintExtension(Extension):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_PrintTree(md, self.context), "guide-print", 4)


class Converter:
    """One Markdown instance, reused: building one per field would be slow."""

    def __init__(self, targets: set[str], pages: dict[str, str], addresses: dict[str, str],
                 linker: TermLinker | None = None) -> None:
        self.context = Context(targets, pages, addresses, linker=linker)
        self.markdown = markdown.Markdown(extensions=[*EXTENSIONS, _PrintExtension(self.context)],
                                          output_format="html")

    def block(self, text: str | None, base: str = "", prefix: str | None = None,
              shift: int = 3) -> Markup:
        """Markdown of a data field or page as HTML blocks, in French typography."""
        if not text:
            return Markup("")
        self.context.base, self.context.prefix, self.context.shift = base, prefix, shift
        self.markdown.reset()
        return Markup(printable(self.markdown.convert(typography(text))))

    def text(self, value: str | None) -> Markup:
        """A plain-text field: read as typed (its glossary terms still linked)."""
        return self.inline(escape_text(value)) if value else Markup("")

    def inline(self, text: str | None) -> Markup:
        """A one-line field (title, key point) without its paragraph."""
        html = str(self.block(text))
        match = re.fullmatch(r"<p>(.*)</p>", html, flags=re.DOTALL)
        return Markup(match.group(1) if match and "<p>" not in match.group(1) else html)


def _print_link(tag: str, attribute: str, value: str) -> str | None:
    """A PDF's link annotations: an anchor of the same PDF or a web or mail address."""
    if attribute == "href":
        if value.startswith("#"):
            return value if re.fullmatch(r"#[\w.:-]+", value) else None
        scheme = value.split(":", 1)[0].lower()
        return value if scheme in ("http", "https", "mailto") and not link_problem(value) else None
    return None if attribute == "src" else value


def printable(html: str) -> str:
    """The converted Markdown reduced to the allow-list, whatever raw HTML it held.

    Whatever a page could still hold (a raw ``<a href="file:…">``) never becomes a link
    annotation of the PDF, nor a file WeasyPrint reads.
    """
    return sanitise(html, tags=PRINT_TAGS, attributes=ATTRIBUTES, keep=_print_link)
