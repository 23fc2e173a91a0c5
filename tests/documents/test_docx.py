"""The DOCX writer: standard library only, any text, read back as Word and LibreOffice read it.

Files are read back with python-docx (a test dependency only) and as zipped XML,
never compared byte for byte.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from conftest import ROOT, tool
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from generator.documents.docx import Picture, write_docx
from generator.documents.htmltree import french, outline, parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HTML = """<html><head><title>Essai</title></head><body>
<section class="cover"><p class="kicker">Groupement</p><h1>Convention</h1></section>
<nav class="toc new-page" data-depth="2"><h2>Sommaire</h2></nav>
<main class="new-page" data-numbering="articles">
<h2 id="objet">Objet</h2><p>Un <strong>texte</strong> et <em>un autre</em> : [Nom du représentant].</p>
<ol><li>premier</li><li>second<ul><li>sous-point</li></ul></li></ol>
<ol><li>de nouveau un</li></ol>
<p class="to-check"><strong>À faire valider :</strong> la majorité requise.</p>
<table><thead><tr><th>A</th><th class="number">B</th></tr></thead>
<tbody><tr><td colspan="2">fusionnée</td></tr>
<tr class="total"><td>Total</td><td class="number">1</td></tr></tbody></table>
<table><tr><td>seule</td></tr></table>
<figure class="chart"><div data-raw="gantt"></div><figcaption>Calendrier.</figcaption></figure>
<figure class="chart"><div data-raw="absent"></div><figcaption>Rien.</figcaption></figure>
<h3 id="detail">Détail</h3><p>Voir l'<a class="ref" href="#objet"></a>.</p>
</main></body></html>"""


def tree(html: str = HTML):
    root = parse(html)
    french(root)
    outline(root)
    return root


def parts(data: bytes) -> dict[str, ET.Element]:
    """Every XML part of the package, parsed: a writer mistake fails here."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xml", ".rels"))}


PICTURE = Picture(b"\x01\x00\x00\x00" + bytes(104), "emf", 170, 60, "Calendrier du projet")


def test_structure_read_back_with_python_docx(tmp_path: Path) -> None:
    data = write_docx(tree(), title="Convention – Essai", author="Coordination", header="Essai",
                      pictures={"gantt": PICTURE})
    parts(data)
    path = tmp_path / "essai.docx"
    path.write_bytes(data)
    document = Document(path)
    styles = [(p.style.name, p.text.replace("\u00a0", " ")) for p in document.paragraphs]
    assert ("Title", "Convention") in styles
    assert ("Heading 1", "Article 1 – Objet") in styles
    assert ("Heading 2", "1.1 Détail") in styles
    assert ("List Number", "premier") in styles and ("List Bullet 2", "sous-point") in styles
    assert ("À faire valider", "À faire valider : la majorité requise.") in styles
    assert ("Caption", "Calendrier.") in styles and "Rien." not in [t for _, t in styles]
    assert "Voir l'article 1." in [t for _, t in styles]
    first, second = document.tables
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["A", "B"], ["fusionnée", "fusionnée"], ["Total", "1"]]
    assert [[c.text for c in row.cells] for row in second.rows] == [["seule"]]
    marked = [r for p in document.paragraphs for r in p.runs if r.text == "[Nom du représentant]"]
    assert marked and marked[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    assert document.core_properties.title == "Convention – Essai"
    assert document.core_properties.author == "Coordination"
    assert document.sections[0].header.paragraphs[0].text == "Essai"
    assert document.sections[0].different_first_page_header_footer


def test_each_ordered_list_restarts_and_two_tables_stay_apart() -> None:
    body = parts(write_docx(tree(), "T", "A", "H"))["word/document.xml"].find(f"{W}body")
    numbers = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in body.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}numPr") is not None]
    assert numbers == ["3", "3", "4"]  # the sub-list takes the bullet style's numbering
    children = [child.tag for child in body]
    first = children.index(f"{W}tbl")
    assert children[first + 1] == f"{W}p" and children[first + 2] == f"{W}tbl"


def test_language_and_metadata_are_our_own() -> None:
    found = parts(write_docx(tree(), "Titre", "Auteur", "En-tête", keywords="a, b",
                             created="2027-03-04T00:00:00Z"))
    languages = {element.get(f"{W}{kind}") for part in found.values()
                 for element in part.iter(f"{W}lang") for kind in ("val", "eastAsia", "bidi")}
    assert languages == {"fr-FR"}
    app = ET.tostring(found["docProps/app.xml"], encoding="unicode")
    assert "Générateur du guide" in app and "Microsoft" not in app
    core = ET.tostring(found["docProps/core.xml"], encoding="unicode")
    assert "fr-FR</ns1:language>" in core or "fr-FR</dc:language>" in core
    assert "2027-03-04T00:00:00Z" in core


def test_any_character_and_any_length_give_a_valid_file(tmp_path: Path) -> None:
    hostile = "".join(chr(c) for c in range(0, 0x20)) + "\x7f & < > \" ' ]]> \ufffe \U0001F600 "
    long = "mot " * 20000
    html = (f"<html><head><title>{hostile}</title></head><body><main><h2>{hostile}</h2>"
            f"<p>{long}</p><table><tr><td colspan=\"999\">{hostile}</td><td colspan=\"x\">y</td>"
            f"</tr></table></main></body></html>")
    data = write_docx(tree(html.replace("&", "&amp;").replace("<script", "")), hostile, hostile,
                      hostile)
    found = parts(data)
    text = "".join(t.text or "" for t in found["word/document.xml"].iter(f"{W}t"))
    assert "& < > \" ' ]]>" in text and "\U0001F600" in text and "\x01" not in text
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    assert max(len(p.text) for p in Document(path).paragraphs) > 50000


def test_pictures_are_embedded_with_their_alternative_text() -> None:
    data = write_docx(tree(), "T", "A", "H", pictures={"gantt": PICTURE})
    with zipfile.ZipFile(BytesIO(data)) as archive:
        assert archive.read("word/media/image1.emf") == PICTURE.data
        types = archive.read("[Content_Types].xml").decode()
    assert 'Extension="emf" ContentType="image/x-emf"' in types
    document = ET.tostring(parts(data)["word/document.xml"], encoding="unicode")
    assert 'descr="Calendrier du projet"' in document
    assert 'cx="6120000"' in document  # 170 mm, within the 174 mm between margins


def test_the_writer_needs_neither_lxml_nor_python_docx() -> None:
    code = ("import sys; sys.modules['lxml'] = None; sys.modules['docx'] = None\n"
            "from generator.documents.docx import write_docx\n"
            "from generator.documents.htmltree import parse\n"
            "print(len(write_docx(parse('<body><p>x</p></body>'), 't', 'a', 'h')) > 1000)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


@pytest.mark.pdf
def test_libreoffice_opens_the_file_with_its_pictures(tmp_path: Path) -> None:
    soffice = tool("soffice", "libreoffice-writer-nogui")
    (tmp_path / "essai.docx").write_bytes(write_docx(tree(), "T", "A", "H"))
    result = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir",
                             str(tmp_path), str(tmp_path / "essai.docx")], capture_output=True,
                            text=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "essai.pdf").pages)
    text = text.replace("\u00a0", " ")
    assert "Article 1 – Objet" in text and "fusionnée" in text
