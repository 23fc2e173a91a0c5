"""A small HTML tree shared by the HTML, PDF and DOCX outputs of a document.

Templates write plain HTML; this module numbers its headings, fills the table
of contents and cross-references, and applies French typography once, so the
three formats show the same numbers and words. Charts stay raw SVG, kept out
of parsing and put back only when serialising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from ..core.french import typography

VOID = {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}
RAW = {"style", "script"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        """Every element below, depth first, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str, cls: str | None = None) -> Node | None:
        return next((n for n in self.iter() if n.tag == tag
                     and (cls is None or cls in n.classes())), None)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        raise ValueError(f"balise fermante </{tag}> sans ouverture")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def serialize(node: Node | str, raw: dict[str, str] | None = None) -> str:
    """HTML text again; elements with ``data-raw`` get their raw markup (SVG charts)."""
    if isinstance(node, str):
        return escape(node, quote=False)
    inner = "".join(serialize(child, raw) for child in node.children)
    if node.tag == "#document":
        return "<!DOCTYPE html>\n" + inner
    if raw is not None and "data-raw" in node.attrs:
        if node.attrs["data-raw"] not in raw:
            raise ValueError(f"image inconnue data-raw=« {node.attrs['data-raw']} » "
                             f"(connues : {', '.join(raw)})")
        inner = raw[node.attrs["data-raw"]]
    if node.tag in RAW:
        inner = node.text()
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs.items())
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


PLACEHOLDER = re.compile(r"(\[[^\[\]\n]{1,160}\])")
_UNIT = re.compile(r"(?<=\d) (?=(?:ETP|ans?|mois|jours?|heures?|exemplaires?|places?|lits?|membres?)\b)"
                   r"|(?<=\b[LRD]\.) (?=\d)|(?<=\bn°) (?=\d)|(?<=\barticle) (?=[LRD]?\.?\d)"
                   r"|(?<=\barticles) (?=[LRD]?\.?\d)|(?<=\)) (?=(?:ans?|mois|exemplaires?)\b)")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def squash(text: str) -> str:
    """Runs of ordinary white space folded into one space; non-breaking spaces kept."""
    return _SPACES.sub(" ", text).strip()


NO_MARKUP = RAW | {"head", "title"}


def french(node: Node, mark: bool = True) -> None:
    """French typography in every text, template's or user's; placeholders marked.

    Non-breaking spaces go before « ; : ! ? » and inside guillemets; a value
    still to complete, such as « [Nom du représentant] », becomes
    ``<span class="placeholder">`` so that every format can highlight it.
    """
    children: list[Node | str] = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag not in RAW:
                french(child, mark and child.tag not in NO_MARKUP)
            children.append(child)
            continue
        text = _UNIT.sub("\u00a0", typography(child))
        if re.match(r" [;:!?»]", text):  # the punctuation follows an element: « <b>x</b> : »
            text = ("\u202f" if text[1] in ";!?" else "\u00a0") + text[1:]
        if text.endswith("« "):
            text = text[:-1] + "\u00a0"
        if not mark:
            children.append(text)
            continue
        for index, piece in enumerate(PLACEHOLDER.split(text)):
            if index % 2:
                children.append(Node("span", {"class": "placeholder"}, [piece]))
            elif piece:
                children.append(piece)
    node.children = children


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


@dataclass(frozen=True)
class Heading:
    level: int
    anchor: str
    title: str


def outline(root: Node) -> list[Heading]:
    """Number h2 and h3 of the main part, fill cross-references and the table of contents.

    ``<main data-numbering="articles">`` gives « Article 3 – Objet », otherwise
    « 3. Objet »; ``class="annex"`` gives « Annexe 2 – … » and ``class="unnumbered"``
    no number. ``<a class="ref" href="#id"></a>`` becomes « article 3 ».
    """
    main = root.find("main")
    if main is None:
        return []
    articles = main.attrs.get("data-numbering") == "articles"
    counts = {"h2": 0, "h3": 0, "annex": 0}
    names: dict[str, str] = {}
    headings: list[Heading] = []
    used: set[str] = set()
    for node in main.iter():
        if node.tag not in ("h2", "h3"):
            continue
        title = squash(node.text())
        anchor = node.attrs.get("id") or slug(title)
        while anchor in used:
            anchor += "-bis"
        used.add(anchor)
        node.attrs["id"] = anchor
        number = ""
        if "annex" in node.classes():
            counts["annex"] += 1
            number, names[anchor] = f"Annexe\u00a0{counts['annex']} – ", f"annexe\u00a0{counts['annex']}"
        elif "unnumbered" not in node.classes() and node.tag == "h2":
            counts["h2"], counts["h3"] = counts["h2"] + 1, 0
            if articles:
                number, names[anchor] = (f"Article\u00a0{counts['h2']} – ",
                                         f"article\u00a0{counts['h2']}")
            else:
                number, names[anchor] = f"{counts['h2']}. ", f"section\u00a0{counts['h2']}"
        elif "unnumbered" not in node.classes() and counts["h2"]:
            counts["h3"] += 1
            label = f"{counts['h2']}.{counts['h3']}"
            number, names[anchor] = f"{label} ", f"{'article' if articles else 'section'}\u00a0{label}"
        if number:
            node.children.insert(0, Node("span", {"class": "number"}, [number]))
        headings.append(Heading(int(node.tag[1]), anchor, number + title))
    for node in root.iter():
        if node.tag == "a" and "ref" in node.classes():
            target = node.attrs.get("href", "").lstrip("#")
            if target not in names:
                raise ValueError(f"renvoi vers une section inconnue ou non numérotée « #{target} »")
            node.children = [names[target]]
    _fill_toc(root, headings)
    return headings


def _fill_toc(root: Node, headings: list[Heading]) -> None:
    toc = root.find("nav", "toc")
    if toc is None:
        return
    depth = int(toc.attrs.get("data-depth", "2"))
    items = []
    for heading in headings:
        if heading.level <= depth + 1:
            link = Node("a", {"href": f"#{heading.anchor}"}, [heading.title])
            items.append(Node("li", {"class": f"toc-{heading.level}"}, [link]))
    toc.children.append(Node("ul", {}, items))
