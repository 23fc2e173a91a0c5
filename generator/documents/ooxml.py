"""The fixed parts of a DOCX package and the XML helpers its writer uses.

Only the standard library: the same code runs on the command line and in the
browser (Pyodide), where lxml is not available. Every text goes through ``text()``
or ``attribute()``, which drop the characters XML cannot hold and escape the rest,
so a value typed in a groupement file stays a value.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FONT = "Arial"
ACCENT, MUTED = "2F4B8F", "4B5563"
LANGUAGE = "fr-FR"
MM = 1440 / 25.4  # twentieths of a point (twips) in a millimetre
EMU_PER_MM = 36000

DRAWING_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    """The text without the characters XML 1.0 cannot hold (control characters…)."""
    return _INVALID.sub("", value)


def text(value: str) -> str:
    return escape(clean(value))


def attribute(value: str) -> str:
    return escape(clean(value), {'"': "&quot;"})


def twips(millimetres: float) -> int:
    return round(millimetres * MM)


def package(parts: dict[str, str], media: list[tuple[str, bytes]]) -> bytes:
    """The zipped package, its parts in a fixed order with a fixed date: same input, same file."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*((n, c.encode("utf-8")) for n, c in parts.items()), *media]:
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def content_types(media: set[str]) -> str:
    kinds = {"emf": "image/x-emf", "png": "image/png", "svg": "image/svg+xml"}
    defaults = "".join(f'<Default Extension="{ext}" ContentType="{kinds[ext]}"/>'
                       for ext in sorted(media))
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = {"/word/document.xml": f"{main}.document.main+xml",
             "/word/styles.xml": f"{main}.styles+xml",
             "/word/numbering.xml": f"{main}.numbering+xml",
             "/word/settings.xml": f"{main}.settings+xml",
             "/word/header1.xml": f"{main}.header+xml",
             "/word/footer1.xml": f"{main}.footer+xml",
             "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
             "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                        for name, kind in parts.items())
    return (f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Default Extension="rels" ContentType="application/'
            f'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            f'ContentType="application/xml"/>{defaults}{overrides}</Types>')


def relationships(items: list[tuple[str, str, str]]) -> str:
    """A relationships part from (id, type, target) triples."""
    rels = "".join(f'<Relationship Id="{ident}" Type="{kind}" Target="{target}"/>'
                   for ident, kind, target in items)
    return f'{DECLARATION}<Relationships xmlns="{RELS}">{rels}</Relationships>'


PACKAGE_RELS = relationships([
    ("rId1", REL + "officeDocument", "word/document.xml"),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
             "core-properties", "docProps/core.xml"),
    ("rId3", REL + "extended-properties", "docProps/app.xml"),
])


def core_properties(title: str, author: str, subject: str, keywords: str, description: str,
                    created: str) -> str:
    """Dublin Core metadata; ``created`` is a W3CDTF date-time."""
    when = f'xsi:type="dcterms:W3CDTF">{attribute(created)}'
    return (f'{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            f'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            f'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/'
            f'dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{text(title)}</dc:title><dc:subject>{text(subject)}</dc:subject>'
            f'<dc:creator>{text(author)}</dc:creator><cp:keywords>{text(keywords)}</cp:keywords>'
            f'<dc:description>{text(description)}</dc:description>'
            f'<cp:lastModifiedBy>{text(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>'
            f'<dc:language>{LANGUAGE}</dc:language>'
            f'<dcterms:created {when}</dcterms:created><dcterms:modified {when}</dcterms:modified>'
            f'</cp:coreProperties>')


def app_properties(application: str) -> str:
    return (f'{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes"><Application>{text(application)}</Application>'
            f'<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
            f'<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc></Properties>')


SETTINGS = (
    f'{DECLARATION}<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="709"/><w:autoHyphenation w:val="true"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    f'<w:themeFontLang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="{LANGUAGE}"/>'
    '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
)


def _rpr(size: float | None = None, color: str | None = None, bold: bool = False,
         italic: bool = False) -> str:
    parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def _style(ident: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph",
           based_on: str | None = "Normal", extra: str = "") -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style w:type="{kind}" w:styleId="{ident}"><w:name w:val="{name}"/>{based}'
            f'<w:qFormat/>{f"<w:pPr>{ppr}</w:pPr>" if ppr else ""}{rpr}{extra}</w:style>')


def _heading(level: int, size: float) -> str:
    space = {1: (360, 120), 2: (240, 80), 3: (200, 60)}[level]
    return _style(f"Heading{level}", f"heading {level}",
                  f'<w:keepNext/><w:keepLines/><w:spacing w:before="{space[0]}" '
                  f'w:after="{space[1]}"/><w:outlineLvl w:val="{level - 1}"/>',
                  _rpr(size, ACCENT, bold=True))


def _list_style(name: str, number: int, level: int) -> str:
    ident = name.replace(" ", "")
    return _style(ident, name, f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/>'
                  '</w:numPr><w:spacing w:after="60"/>')


def styles() -> str:
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="C7CFDD"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = ('<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
               '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>')
    lang = f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="{LANGUAGE}"/>'
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" '
                f'w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="20"/>'
                f'<w:szCs w:val="20"/>{lang}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
                '<w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr>'
                '</w:pPrDefault></w:docDefaults>')
    table_normal = (f'<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
                    f'<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
                    f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{margins}</w:tblPr></w:style>')
    grid = (f'<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
            f'<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
            f'<w:tblPr><w:tblBorders>{borders}</w:tblBorders>{margins}</w:tblPr></w:style>')
    items = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        '</w:style>',
        _style("Title", "Title", '<w:spacing w:before="240" w:after="240"/>',
               _rpr(24, ACCENT, bold=True)),
        _style("Subtitle", "Subtitle", '<w:keepNext/><w:spacing w:before="120" w:after="120"/>',
               _rpr(12, MUTED, bold=True)),
        _heading(1, 14), _heading(2, 11.5), _heading(3, 10),
        _list_style("List Bullet", 1, 0), _list_style("List Bullet 2", 1, 1),
        _list_style("List Bullet 3", 1, 2), _list_style("List Number", 2, 0),
        _list_style("List Number 2", 2, 1), _list_style("List Number 3", 2, 2),
        _style("TOCHeading", "TOC Heading", '<w:keepNext/><w:spacing w:before="240" '
               'w:after="120"/>', _rpr(14, ACCENT, bold=True)),
        _style("TOC1", "toc 1", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9866"/>'
               '</w:tabs><w:spacing w:after="40"/>'),
        _style("TOC2", "toc 2", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9866"/>'
               '</w:tabs><w:spacing w:after="40"/><w:ind w:left="340"/>'),
        _style("Caption", "caption", '<w:spacing w:before="60" w:after="200"/>',
               _rpr(8.5, MUTED, italic=True)),
        _style("Header", "header", '<w:spacing w:after="0"/>', _rpr(8, MUTED)),
        _style("Footer", "footer", '<w:spacing w:after="0"/><w:jc w:val="right"/>', _rpr(8, MUTED)),
        _style("ToCheck", "À faire valider", '<w:pBdr><w:left w:val="single" w:sz="18" '
               'w:space="4" w:color="B45309"/></w:pBdr><w:shd w:val="clear" w:color="auto" '
               'w:fill="FEF3C7"/><w:spacing w:before="60" w:after="120"/><w:ind w:left="113"/>',
               _rpr(9)),
        _style("Picture", "Picture", '<w:keepNext/><w:spacing w:before="120" w:after="0"/>'
               '<w:jc w:val="center"/>'),
        table_normal, grid,
    ]
    return (f'{DECLARATION}<w:styles xmlns:w="{W}">{defaults}{"".join(items)}</w:styles>')


BULLETS = ("•", "–", "◦")


def numbering(ordered_lists: int) -> str:
    """Bullets (num 1), numbers (num 2) and one restarted numbering per ordered list (3…)."""
    def level(index: int, fmt: str, label: str) -> str:
        indent = 360 * (index + 1)
        return (f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{label}"/><w:lvlJc w:val="left"/><w:pPr><w:ind '
                f'w:left="{indent}" w:hanging="284"/></w:pPr></w:lvl>')
    bullets = "".join(level(i, "bullet", BULLETS[i]) for i in range(3))
    numbers = "".join(level(i, fmt, f"%{i + 1}.") for i, fmt in
                      enumerate(("decimal", "lowerLetter", "lowerRoman")))
    extra = "".join(f'<w:num w:numId="{3 + i}"><w:abstractNumId w:val="1"/><w:lvlOverride '
                    f'w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                    for i in range(ordered_lists))
    return (f'{DECLARATION}<w:numbering xmlns:w="{W}">'
            f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'{bullets}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType '
            f'w:val="hybridMultilevel"/>{numbers}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            f'<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>{extra}</w:numbering>')


def field(code: str, shown: str) -> str:
    """A complete Word field (PAGE, NUMPAGES…) showing ``shown`` until it is updated."""
    return open_field(code) + run(shown) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def open_field(code: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            f" {text(code)} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>")


def run(value: str, properties: str = "") -> str:
    return (f'<w:r>{f"<w:rPr>{properties}</w:rPr>" if properties else ""}'
            f'<w:t xml:space="preserve">{text(value)}</w:t></w:r>')


def run_properties(bold: bool, italic: bool, highlight: bool, small: bool, cell: bool) -> str:
    """Bold, italic, a small muted note, table text, a value to complete highlighted."""
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    if small:
        props += f'<w:color w:val="{MUTED}"/><w:sz w:val="17"/><w:szCs w:val="17"/>'
    elif cell:
        props += '<w:sz w:val="18"/><w:szCs w:val="18"/>'
    if highlight:
        props += '<w:highlight w:val="yellow"/>'
    return props


def header_part(header: str) -> str:
    return (f'{DECLARATION}<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'{run(header)}</w:p></w:hdr>')


def footer_part() -> str:
    return (f'{DECLARATION}<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            f'{run("page ")}{field("PAGE", "1")}{run(" / ")}{field("NUMPAGES", "1")}</w:p></w:ftr>')


def section(header_id: str, footer_id: str) -> str:
    """A4, the PDF's margins, a running header and footer, none on the cover page."""
    return (f'<w:sectPr><w:headerReference w:type="default" r:id="{header_id}"/>'
            f'<w:footerReference w:type="default" r:id="{footer_id}"/>'
            f'<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{twips(22)}" w:right="{twips(18)}" '
            f'w:bottom="{twips(20)}" w:left="{twips(18)}" w:header="{twips(10)}" '
            f'w:footer="{twips(10)}" w:gutter="0"/><w:titlePg/></w:sectPr>')


def drawing(ident: str, number: int, width_mm: float, height_mm: float, description: str) -> str:
    """An inline picture of the given size, with its alternative text."""
    cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
    name = f"Graphique {number}"
    alt = attribute(description)
    return (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{number}" name="{name}" descr="{alt}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{number}" name="{name}" descr="{alt}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{ident}"/><a:stretch><a:fillRect/>'
            f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
