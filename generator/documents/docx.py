"""The editable DOCX of a document, written from the same HTML tree as the PDF.

Members negotiate the text in Word or LibreOffice, so the file uses real styles:
headings (numbered as in the PDF, the numbers being text), bulleted and numbered
lists, tables with a repeated header row, a table of contents field, a running
header and « page x / y », and the charts as pictures. Only the standard library
writes it (``zipfile`` and escaped WordprocessingML), so it runs in the browser too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ooxml as x
from .htmltree import Node, squash

HEADINGS = {"h1": "Title", "h2": "Heading1", "h3": "Heading2", "h4": "Heading3"}
INLINE = {"strong", "b", "em", "i", "span", "a", "br", "#text", "code", "small"}
SKIPPED = {"style", "script", "head", "title", "meta"}
SPACE = re.compile(r"[ \t\r\n\f]+")
TEXT_WIDTH = 174  # millimetres between the margins of an A4 page
APPLICATION = "Générateur du guide de la mutualisation des SI en santé"


@dataclass(frozen=True)
class Picture:
    """A picture for a ``<div data-raw="name">`` of the tree: EMF or PNG bytes and its size."""

    data: bytes
    extension: str
    width_mm: float
    height_mm: float
    description: str


def write_docx(tree: Node, title: str, author: str, header: str, *, subject: str = "",
               keywords: str = "", description: str = "", created: str = "2000-01-01T00:00:00Z",
               pictures: dict[str, Picture] | None = None) -> bytes:
    """The DOCX file of ``tree``: any length, any character (XML cannot hold control
    characters: they are dropped)."""
    writer = _Writer(pictures or {})
    body = tree.find("body")
    top = _Container(TEXT_WIDTH, top=True)
    if body is not None:
        writer.blocks(body, top)
    if top.last_table or not top.parts:
        top.parts.append("<w:p/>")  # Word wants a paragraph before the section properties
    document = (f'{x.DECLARATION}<w:document xmlns:w="{x.W}" xmlns:r="{x.R}" {x.DRAWING_NS}>'
                f'<w:body>{"".join(top.parts)}{x.section("rId4", "rId5")}</w:body></w:document>')
    rels = [("rId1", x.REL + "styles", "styles.xml"), ("rId2", x.REL + "numbering", "numbering.xml"),
            ("rId3", x.REL + "settings", "settings.xml"), ("rId4", x.REL + "header", "header1.xml"),
            ("rId5", x.REL + "footer", "footer1.xml")]
    rels += [(ident, x.REL + "image", f"media/{name}") for ident, name, _ in writer.media]
    parts = {
        "[Content_Types].xml": x.content_types({name.rsplit(".", 1)[1]
                                                for _, name, _ in writer.media}),
        "_rels/.rels": x.PACKAGE_RELS,
        "docProps/core.xml": x.core_properties(title, author, subject or title, keywords,
                                               description, created),
        "docProps/app.xml": x.app_properties(APPLICATION),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": x.relationships(rels),
        "word/styles.xml": x.styles(),
        "word/numbering.xml": x.numbering(writer.ordered),
        "word/settings.xml": x.SETTINGS,
        "word/header1.xml": x.header_part(header),
        "word/footer1.xml": x.footer_part(),
    }
    return x.package(parts, [(f"word/media/{name}", data) for _, name, data in writer.media])


@dataclass
class _Container:
    """Where blocks go: the document body or a table cell."""

    width: float | None
    top: bool = False
    parts: list[str] = field(default_factory=list)
    last_table: bool = False

    def add(self, xml: str, table: bool = False) -> None:
        if table and self.last_table:
            self.parts.append("<w:p/>")  # two tables in a row would merge into one
        self.parts.append(xml)
        self.last_table = table


Segment = tuple[str, bool, bool, str]
"""Text, bold, italic, and its mark: "" or the class that highlights it."""


class _Writer:
    def __init__(self, pictures: dict[str, Picture]) -> None:
        self.pictures = pictures
        self.media: list[tuple[str, str, bytes]] = []
        self.ordered = 0
        self.in_main = False

    def blocks(self, node: Node, container: _Container) -> None:
        pending: list[Node | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag in INLINE:
                pending.append(child)
                continue
            self._flush(pending, container)
            pending = []
            self.block(child, container)
        self._flush(pending, container)

    def _flush(self, pending: list[Node | str], container: _Container) -> None:
        if any((p if isinstance(p, str) else p.text()).strip() for p in pending):
            container.add(self.paragraph(container, "Normal", self.runs(pending, cell=not container.top)))

    def block(self, node: Node, container: _Container) -> None:
        tag, classes = node.tag, node.classes()
        if tag in SKIPPED:
            return
        if "new-page" in classes and container.top and container.parts:
            container.add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        if tag == "nav" and "toc" in classes:
            self.toc(node, container)
        elif tag in HEADINGS:
            style = HEADINGS[tag] if self.in_main or tag == "h1" else "Subtitle"
            container.add(self.paragraph(container, style, self.runs(node.children)))
        elif tag == "p":
            style = "Subtitle" if "kicker" in classes else (
                "ToCheck" if "to-check" in classes else "Normal")
            runs = self.runs(node.children, small="note" in classes, cell=not container.top)
            container.add(self.paragraph(container, style, runs, before=container.last_table))
        elif tag in ("ul", "ol"):
            self.list(node, container, 0)
        elif tag == "table":
            self.table(node, container)
        elif tag == "figure":
            self.figure(node, container)
        elif tag == "main":
            self.in_main = True
            self.blocks(node, container)
        else:
            self.blocks(node, container)

    def paragraph(self, container: _Container, style: str, runs: str, numbering: str = "",
                  before: bool = False, align: str = "") -> str:
        """A paragraph, its properties in the order the schema wants them."""
        properties = "" if style == "Normal" else f'<w:pStyle w:val="{style}"/>'
        properties += numbering
        if not container.top:
            properties += '<w:spacing w:after="0"/>'
        elif before:
            properties += '<w:spacing w:before="160"/>'
        if align:
            properties += f'<w:jc w:val="{align}"/>'
        return f"<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>"

    def runs(self, children: list, bold: bool = False, small: bool = False,
             cell: bool = False) -> str:
        segments: list[Segment] = []
        _segments(children, bold, False, "", segments)
        pieces: list[tuple[str, str]] = []
        text_so_far = ""
        for value, is_bold, is_italic, mark in segments:
            if value == "\n":
                pieces.append(("\n", ""))
                text_so_far = ""
                continue
            value = SPACE.sub(" ", value)
            if not text_so_far or text_so_far.endswith(" "):
                value = value.lstrip(" ")
            if not value:
                continue
            pieces.append((value, x.run_properties(is_bold, is_italic, mark == "placeholder", small, cell)))
            text_so_far += value
        while pieces and pieces[-1][0] in ("\n", " "):  # HTML ignores a trailing space; so must Word
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(" "), pieces[-1][1])
        return "".join("<w:r><w:br/></w:r>" if value == "\n" else x.run(value, props)
                       for value, props in pieces)

    def list(self, node: Node, container: _Container, depth: int) -> None:
        ordered = node.tag == "ol"
        base = "ListNumber" if ordered else "ListBullet"
        style = base if depth == 0 else f"{base}{min(depth, 2) + 1}"
        numbering = ""
        if ordered and depth == 0:
            self.ordered += 1
            numbering = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{2 + self.ordered}"/></w:numPr>'
        for item in node.children:
            if not isinstance(item, Node) or item.tag != "li":
                continue
            inline = [c for c in item.children if isinstance(c, str) or c.tag in INLINE]
            for child in item.children:
                if isinstance(child, Node) and child.tag == "p":
                    inline += [" ", *child.children]
            container.add(self.paragraph(container, style, self.runs(inline, cell=not container.top),
                                         numbering))
            for child in item.children:
                if isinstance(child, Node) and child.tag in ("ul", "ol"):
                    self.list(child, container, depth + 1)

    def table(self, node: Node, container: _Container) -> None:
        rows = [(row, section.tag == "thead") for section in node.children
                if isinstance(section, Node) for row in
                ([section] if section.tag == "tr" else section.children)
                if isinstance(row, Node) and row.tag == "tr"]
        if not rows:
            return
        count = max(sum(_span(c) for c in _cells(row)) for row, _ in rows)
        signatures = "signatures" in node.classes()
        width = container.width or 60
        widths = [width / count] * count if signatures else _widths(rows, count, width)
        grid = "".join(f'<w:gridCol w:w="{x.twips(w)}"/>' for w in widths)
        style = "TableNormal" if signatures else "TableGrid"
        xml = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{x.twips(width)}" '
               f'w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
               f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
               f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
        for row, is_head in rows:
            header = "<w:tblHeader/>" if is_head else ""
            xml.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
            column = 0
            for cell in _cells(row):
                span = min(_span(cell), count - column)
                if span < 1:
                    break
                cell_width = sum(widths[column:column + span])
                xml.append(self.cell(cell, cell_width, span, is_head or cell.tag == "th",
                                     "total" in row.classes()))
                column += span
            if column < count:  # a short row: Word wants every grid column covered
                xml.append(f'<w:tc><w:tcPr><w:tcW w:w="{x.twips(sum(widths[column:]))}" '
                           f'w:type="dxa"/><w:gridSpan w:val="{count - column}"/></w:tcPr><w:p/></w:tc>')
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        container.add("".join(xml), table=True)

    def cell(self, node: Node, width: float, span: int, head: bool, total: bool) -> str:
        inner = _Container(width - 3)
        if any(isinstance(c, Node) and c.tag not in INLINE for c in node.children):
            self.blocks(node, inner)
        else:
            align = "right" if "number" in node.classes() else ""
            inner.add(self.paragraph(inner, "Normal", self.runs(node.children, bold=head or total,
                                                                 cell=True), align=align))
        if not inner.parts or inner.last_table:
            inner.parts.append("<w:p/>")
        shading = '<w:shd w:val="clear" w:color="auto" w:fill="E8EDF7"/>' if head else (
            '<w:shd w:val="clear" w:color="auto" w:fill="F4F6FB"/>' if total else "")
        spanned = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="{x.twips(width)}" w:type="dxa"/>{spanned}{shading}'
                f'</w:tcPr>{"".join(inner.parts)}</w:tc>')

    def figure(self, node: Node, container: _Container) -> None:
        """A chart as a picture with its caption; nothing when there is no picture for it."""
        raw = next((n for n in node.iter() if "data-raw" in n.attrs), None)
        picture = self.pictures.get(raw.attrs["data-raw"]) if raw is not None else None
        if picture is None:
            return
        ident = f"rId{10 + len(self.media)}"
        number = len(self.media) + 1
        self.media.append((ident, f"image{number}.{picture.extension}", picture.data))
        width = min(picture.width_mm, container.width or TEXT_WIDTH)
        height = picture.height_mm * width / picture.width_mm
        container.add(self.paragraph(container, "Picture",
                                     x.drawing(ident, number, width, height, picture.description)))
        caption = node.find("figcaption")
        if caption is not None and caption.text().strip():
            container.add(self.paragraph(container, "Caption", self.runs(caption.children)))

    def toc(self, node: Node, container: _Container) -> None:
        """A Word table of contents field, showing the entries until it is updated."""
        entries = [item for item in node.iter() if item.tag == "li"]
        if not entries:
            return
        levels = [int(item.attrs.get("class", "toc-2")[-1]) - 1 for item in entries]
        container.add(self.paragraph(container, "TOCHeading", x.run("Sommaire")))
        for index, (item, level) in enumerate(zip(entries, levels, strict=True)):
            start = x.open_field(f'TOC \\o "1-{max(levels)}" \\h \\z \\u') if index == 0 else ""
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
            text = x.run(squash(item.text()))
            container.add(self.paragraph(container, f"TOC{min(level, 2)}", start + text + end))


def _segments(children: list, bold: bool, italic: bool, mark: str, out: list[Segment]) -> None:
    """Text pieces with their formatting; placeholders and points to check stand out."""
    for child in children:
        if isinstance(child, str):
            out.append((child, bold, italic, mark))
        elif child.tag == "br":
            out.append(("\n", bold, italic, mark))
        elif child.tag in ("ul", "ol", "p", "table", "figure") or child.tag in SKIPPED:
            continue
        else:
            classes = child.classes()
            _segments(child.children, bold or child.tag in ("strong", "b"),
                      italic or child.tag in ("em", "i"),
                      "placeholder" if "placeholder" in classes else mark, out)


def _cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def _span(cell: Node) -> int:
    value = cell.attrs.get("colspan", "1")
    return max(1, min(int(value), 63)) if value.isdigit() else 1


def _widths(rows: list[tuple[Node, bool]], count: int, total: float) -> list[float]:
    """Columns as wide as their longest text needs, so that no word is cut in narrow cells."""
    longest = [4] * count
    for row, _ in rows:
        for index, cell in enumerate(_cells(row)[:count]):
            if _span(cell) > 1:
                continue
            words = [w for w in SPACE.split(cell.text()) if w]
            need = max([min(len(w), 30) + 2 for w in words] + [min(len(" ".join(words)), 40) // 2])
            longest[index] = max(longest[index], need)
    share = sum(longest)
    return [total * need / share for need in longest]
