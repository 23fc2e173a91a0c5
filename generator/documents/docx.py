"""The editable DOCX of a document, written from the same HTML tree as the PDF.

Members negotiate the text in Word or LibreOffice, so the file uses real
styles: headings (numbered as in the PDF, the numbers being text), bulleted
lists, tables with a repeated header row, a table of contents field, a running
header and « page x / y ». Charts stay in the PDF and HTML: the tables next to
them carry the same information.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from .htmltree import Node

FONT = "Arial"
ACCENT = RGBColor(0x2F, 0x4B, 0x8F)
MUTED = RGBColor(0x4B, 0x55, 0x63)
HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
INLINE = {"strong", "b", "em", "i", "span", "a", "br", "#text", "code", "small"}
SPACE = re.compile(r"[ \t\r\n\f]+")
CELL_WIDTH = 174  # millimetres between the margins of an A4 page


def write_docx(tree: Node, title: str, author: str, header: str) -> bytes:
    document = Document()
    _setup(document, title, author, header)
    body = tree.find("body")
    if body is not None:
        _Writer(document).blocks(body, document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _setup(document, title: str, author: str, header: str) -> None:
    properties = document.core_properties
    # Word's document properties hold 255 characters: a long name is shortened there only.
    title, author, header = (t if len(t) <= 255 else t[:254] + "…" for t in (title, author, header))
    properties.title, properties.author, properties.language = title, author, "fr-FR"
    properties.subject, properties.keywords = title, header
    properties.comments = "Modèle rempli à partir de la déclaration du groupement."
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.paragraph_format.space_after = Pt(5)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        style = styles[name]
        style.font.name, style.font.color.rgb = FONT, ACCENT
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts is not None and fonts.get(qn(attribute)) is not None:
                del fonts.attrib[qn(attribute)]
    styles["Title"].font.size = Pt(24)
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "fr-FR")
    run_defaults.append(language)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.different_first_page_header_footer = True
    head = section.header.paragraphs[0]
    head.text = header
    _small(head)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    foot.add_run("page ")
    _field(foot, "PAGE", "1")
    foot.add_run(" / ")
    _field(foot, "NUMPAGES", "1")
    _small(foot)


def _small(paragraph) -> None:
    for run in paragraph.runs:
        run.font.size, run.font.color.rgb = Pt(8), MUTED


def _open_field(paragraph, code: str) -> None:
    """Start a Word field: what follows is shown until Word updates the field."""
    _char(paragraph.add_run(), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    _char(paragraph.add_run(), "separate")


def _field(paragraph, code: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES…) showing ``shown`` until it is updated."""
    _open_field(paragraph, code)
    paragraph.add_run(shown)
    _char(paragraph.add_run(), "end")


def _char(run, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


class _Writer:
    def __init__(self, document) -> None:
        self.document = document
        self.in_main = False
        # Style ids looked up once: python-docx searches the styles part on every name.
        self.ids = {style.name: style.style_id for style in document.styles}

    def paragraph(self, container, style: str):
        paragraph = container.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.ids[style]
        return paragraph

    def blocks(self, node: Node, container) -> None:
        """Block children of ``node`` into ``container`` (the document or a table cell)."""
        pending: list[Node | str] = []
        for child in node.children:
            if isinstance(child, str) or child.tag in INLINE:
                pending.append(child)
                continue
            self._flush(pending, container)
            pending = []
            self.block(child, container)
        self._flush(pending, container)

    def _flush(self, pending: list[Node | str], container) -> None:
        if any((p if isinstance(p, str) else p.text()).strip() for p in pending):
            self.inline(container.add_paragraph(), pending)

    def block(self, node: Node, container) -> None:
        tag, classes = node.tag, node.classes()
        if tag in ("style", "script", "head", "figure", "title", "meta"):
            return
        if "new-page" in classes and container is self.document:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if tag == "nav" and "toc" in classes:
            self.toc(node)
        elif tag in HEADINGS:
            style = HEADINGS[tag] if self.in_main or tag == "h1" else "Subtitle"
            self.inline(self.paragraph(container, style), node.children)
        elif tag == "p":
            body = self.document.element.body
            follows_table = container is self.document and len(body) > 1 \
                and body[-2].tag == qn("w:tbl")
            paragraph = self.paragraph(container, "Subtitle" if "kicker" in classes else "Normal")
            if follows_table:
                paragraph.paragraph_format.space_before = Pt(8)
            self.inline(paragraph, node.children, small="note" in classes)
        elif tag in ("ul", "ol"):
            self.list(node, container, 1)
        elif tag == "table":
            self.table(node, container)
        elif tag == "main":
            self.in_main = True
            self.blocks(node, container)
        else:
            self.blocks(node, container)

    def inline(self, paragraph, children: list, bold: bool = False, italic: bool = False,
               small: bool = False) -> None:
        segments: list[tuple[str, bool, bool, bool]] = []
        self._segments(children, bold, italic, False, segments)
        text_so_far = ""
        for text, is_bold, is_italic, to_complete in segments:
            if text == "\n":
                paragraph.add_run().add_break()
                text_so_far = ""
                continue
            text = SPACE.sub(" ", text)
            if not text_so_far or text_so_far.endswith(" "):
                text = text.lstrip(" ")
            if not text:
                continue
            run = paragraph.add_run(text)
            run.bold, run.italic = is_bold or None, is_italic or None
            if to_complete:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if small:
                run.font.size, run.font.color.rgb = Pt(8.5), MUTED
            text_so_far += text
        for run in reversed(paragraph.runs):  # HTML ignores a trailing space; so must Word
            stripped = run.text.rstrip(" ")
            if stripped != run.text:
                run.text = stripped
            if stripped:
                break

    def _segments(self, children: list, bold: bool, italic: bool, placeholder: bool,
                  out: list[tuple[str, bool, bool, bool]]) -> None:
        """Text pieces with their formatting; placeholders are highlighted to stand out."""
        for child in children:
            if isinstance(child, str):
                out.append((child, bold, italic, placeholder))
            elif child.tag == "br":
                out.append(("\n", bold, italic, placeholder))
            elif child.tag in ("ul", "ol", "p", "table", "figure"):
                continue
            else:
                self._segments(child.children, bold or child.tag in ("strong", "b"),
                               italic or child.tag in ("em", "i"),
                               placeholder or "placeholder" in child.classes(), out)

    def list(self, node: Node, container, depth: int) -> None:
        kind = "List Number" if node.tag == "ol" else "List Bullet"
        style = kind if depth == 1 else f"{kind} {min(depth, 3)}"
        for item in node.children:
            if not isinstance(item, Node) or item.tag != "li":
                continue
            inline = [c for c in item.children if isinstance(c, str) or c.tag in INLINE]
            paragraph = self.paragraph(container, style)
            self.inline(paragraph, inline)
            for child in item.children:
                if isinstance(child, Node) and child.tag in ("ul", "ol"):
                    self.list(child, container, depth + 1)
                elif isinstance(child, Node) and child.tag == "p":
                    self.inline(paragraph, [" ", *child.children])

    def table(self, node: Node, container) -> None:
        rows = [(row, section.tag == "thead") for section in node.children
                if isinstance(section, Node) for row in
                ([section] if section.tag == "tr" else section.children)
                if isinstance(row, Node) and row.tag == "tr"]
        if not rows:
            return
        width = max(sum(int(c.attrs.get("colspan", "1")) for c in row.children
                        if isinstance(c, Node) and c.tag in ("td", "th")) for row, _ in rows)
        body = self.document.element.body
        if container is self.document and len(body) > 1 and body[-2].tag == qn("w:tbl"):
            self.document.add_paragraph()  # two tables in a row would merge into one
        table = container.add_table(rows=len(rows), cols=width)
        signatures = "signatures" in node.classes()
        table._tbl.tblPr.style = self.ids["Normal Table" if signatures else "Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid = table._cells  # computed once: python-docx rebuilds it on every cell() call
        if not signatures:
            _widths(table, grid, rows, width, CELL_WIDTH if container is self.document else None)
        for index, (row, is_head) in enumerate(rows):
            column = 0
            for cell_node in (c for c in row.children if isinstance(c, Node)
                              and c.tag in ("td", "th")):
                span = int(cell_node.attrs.get("colspan", "1"))
                cell = grid[index * width + column]
                if span > 1:
                    cell = cell.merge(grid[index * width + column + span - 1])
                self.cell(cell, cell_node, is_head or cell_node.tag == "th",
                          "total" in row.classes())
                column += span
            if is_head:
                properties = table.rows[index]._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                properties.append(header)

    def cell(self, cell: _Cell, node: Node, head: bool, total: bool) -> None:
        first = cell.paragraphs[0]
        has_blocks = any(isinstance(c, Node) and c.tag not in INLINE for c in node.children)
        if has_blocks:
            self.blocks(node, cell)
            if not first.text and len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)
        else:
            self.inline(first, node.children, bold=head or total)
        if head:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "E8EDF7")
            cell._tc.get_or_add_tcPr().append(shading)
        if "number" in node.classes():
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            if head or total:
                for run in paragraph.runs:
                    run.bold = True

    def toc(self, node: Node) -> None:
        """A Word table of contents field, showing the entries until it is updated."""
        self.paragraph(self.document, "TOC Heading").add_run("Sommaire")
        entries = [(item, item.text()) for item in node.iter() if item.tag == "li"]
        depth = max((int(item.attrs.get("class", "toc-2")[-1]) - 1 for item, _ in entries),
                    default=1)
        for index, (item, text) in enumerate(entries):
            paragraph = self.document.add_paragraph()
            level = int(item.attrs.get("class", "toc-2")[-1]) - 1
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
            paragraph.paragraph_format.space_after = Pt(2)
            if index == 0:
                _open_field(paragraph, f'TOC \\o "1-{depth}" \\h \\z \\u')
            paragraph.add_run(" ".join(text.split()))
            if index == len(entries) - 1:
                _char(paragraph.add_run(), "end")


def _widths(table, grid: list[_Cell], rows: list[tuple[Node, bool]], count: int,
            total: float | None) -> None:
    """Columns as wide as their longest text needs, so that no word is cut in narrow cells."""
    if total is None:
        return
    longest = [4] * count
    for row, _ in rows:
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
        for index, cell in enumerate(cells[:count]):
            words = [w for w in re.split(r"[ \t\r\n]+", cell.text()) if w]
            need = max([len(w) for w in words] + [min(len(" ".join(words)), 40) // 2])
            longest[index] = max(longest[index], need)
    share = sum(longest)
    table.autofit = False
    widths = [Mm(total * need / share) for need in longest]
    for index, column in enumerate(table.columns):
        column.width = widths[index]
    for index, cell in enumerate(grid):
        cell.width = widths[index % count]
