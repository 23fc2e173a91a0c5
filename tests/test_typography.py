"""French typography in everything readers get: the site's HTML (theme strings included),
the guide's PDFs and the documents' DOCX.

No ordinary space before « : ; ! ? » or inside « », « … » for cut text, one spelling per
word, the DPO's expansion in French first.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.slow]

ORDINARY_SPACE_BEFORE = re.compile(r"\S( [:;!?»])(?!\S*//)")
"""A letter, an ordinary space, then « : ; ! ? » (not in an address such as « https:// »)."""
ORDINARY_SPACE_AFTER = re.compile(r"(« )")
THREE_DOTS = re.compile(r"\.\.\.")
SPELLINGS = {
    r"\bplates?-formes?\b": "plateforme",
    r"\b(?:UNIHA|Uniha|Uni-HA)\b": "UniHA",
    r"\b(?:esanté|E-Santé|e-Santé)\b": "e-santé",
}
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "svg", "template"}


class _Text(HTMLParser):
    """The text a reader sees, and the ``title``/``aria-label`` a screen reader reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "alt", "placeholder") and value:
                self.pieces.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.pieces)


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)


def faults(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for pattern, name in ((ORDINARY_SPACE_BEFORE, "espace ordinaire avant"),
                              (ORDINARY_SPACE_AFTER, "espace ordinaire après «"),
                              (THREE_DOTS, "« ... » au lieu de « … »")):
            if pattern.search(line):
                found.append(f"{name} : {line.strip()[:120]}")
        for pattern, right in SPELLINGS.items():
            if re.search(pattern, line):
                found.append(f"écrire « {right} » : {line.strip()[:120]}")
        for match in re.finditer(r"Data Protection Officer", line):
            if "protection des données" not in line[:match.start()]:
                found.append(f"développer DPO en français d'abord : {line.strip()[:120]}")
    return found


def test_the_checks_can_fail() -> None:
    assert len(faults("Modifier cette page : ici ; « texte » et plate-forme...")) == 4
    assert len(faults("DPO (Data Protection Officer)")) == 1
    assert faults("Modifier cette page\u00a0: https://exemple.org\u202f; «\u00a0texte\u00a0»") == []


def test_site_pages(real_site: Path) -> None:
    found = {path.relative_to(real_site).as_posix(): problems for path in
             sorted(real_site.rglob("*.html")) if (problems := faults(html_text(path)))}
    assert found == {}


def test_guide_pdfs(real_site: Path) -> None:
    pdfs = sorted((real_site / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 9
    found = {}
    for path in pdfs:
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        if problems := faults(text):
            found[path.name] = problems
    assert found == {}


def test_documents_docx(real_site: Path) -> None:
    files = sorted((real_site / "modeles").glob("*.docx"))
    assert len(files) >= 9
    found = {path.name: problems for path in files
             if (problems := faults(docx_text(path.read_bytes())))}
    assert found == {}
