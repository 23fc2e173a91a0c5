"""The site's « Modèles de documents » page: a blank model per legal form and every example,
each document in PDF and DOCX, all linked from content/modeles/index.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, tool
from docx import Document
from filling import STEMS, flat, pdf_pages, plain
from pypdf import PdfReader

FORMS = ("convention", "gcs-de-moyens", "gcsms")
EXAMPLES = ("trois-esms", "dui-arvelle", "gcs-securite-trois-vallees")
PAGE = ROOT / "content" / "modeles" / "index.md"


def expected() -> set[str]:
    which = [f"vierge-{form}" for form in FORMS] + list(EXAMPLES)
    return {f"modeles/{stem}-{w}.{ext}" for stem in STEMS for w in which for ext in ("pdf", "docx")}


def test_the_page_links_every_model_blank_and_filled() -> None:
    links = set(re.findall(r"\]\(([a-z0-9-]+\.(?:pdf|docx))\)", PAGE.read_text(encoding="utf-8")))
    assert {f"modeles/{link}" for link in links} == expected()
    assert sorted(p.stem for p in (ROOT / "data" / "groupements").glob("*.yml")) == sorted(EXAMPLES)


@pytest.fixture(scope="session")
def downloads() -> dict[str, bytes]:
    from generator.build import groupement_files
    from generator.core.settings import Settings
    from generator.documents.fill import example_files

    settings = Settings(ROOT)
    return example_files(settings.theme, groupement_files(settings))


@pytest.mark.pdf
def test_site_offers_each_model_blank_and_filled(downloads: dict[str, bytes], tmp_path: Path) -> None:
    assert set(downloads) == expected()
    for form in FORMS:
        blank = tmp_path / f"{form}.pdf"
        blank.write_bytes(downloads[f"modeles/convention-vierge-{form}.pdf"])
        text = "\n".join(pdf_pages(blank))
        for placeholder in ("[Nom du groupement]", "[Membre 1", "[n° FINESS]", "[…] €",
                            "[date d'effet]"):
            assert placeholder in text, (form, placeholder)
    gcsms = "\n".join(pdf_pages(tmp_path / "gcsms.pdf"))
    assert "Administrateur" in gcsms and "Assemblée générale" in gcsms
    assert PdfReader(tmp_path / "convention.pdf").metadata.title == \
        "Convention de coopération – [Nom du groupement]"


def libreoffice(files: list[Path], target: str, out: Path) -> None:
    """Convert files with LibreOffice, as a member opening them would, in a fresh profile."""
    soffice = tool("soffice", "libreoffice-writer-nogui")
    result = subprocess.run([soffice, "--headless", "--convert-to", target, "--outdir", str(out),
                             *map(str, files)], capture_output=True, text=True, timeout=600,
                            env={"HOME": str(out), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in out.iterdir() if p.is_file()) == sorted(f.stem for f in files), \
        result.stdout + result.stderr


@pytest.mark.pdf
def test_every_docx_opens_in_libreoffice(downloads: dict[str, bytes], tmp_path: Path) -> None:
    """Every DOCX the site offers, blank and filled, opened by a real office suite: LibreOffice
    reads all of its text, table cells included, and lays it out as a PDF with every heading."""
    files = []
    for key in sorted(key for key in downloads if key.endswith(".docx")):
        files.append(tmp_path / Path(key).name)
        files[-1].write_bytes(downloads[key])
    assert len(files) == len(STEMS) * (len(FORMS) + len(EXAMPLES))
    libreoffice(files, "txt:Text (encoded):UTF8", tmp_path / "txt")
    libreoffice(files, "pdf", tmp_path / "pdf")
    for docx in files:
        document = Document(docx)
        paragraphs = document.paragraphs + [p for table in document.tables for row in table.rows
                                            for cell in row.cells for p in cell.paragraphs]
        read = flat((tmp_path / "txt" / f"{docx.stem}.txt").read_text(encoding="utf-8-sig"))
        assert [p.text for p in paragraphs if flat(p.text) not in read] == [], docx.name
        # Laid out, words may break at the end of a line: compare without any space.
        printed = "".join("".join(pdf_pages(tmp_path / "pdf" / f"{docx.stem}.pdf")).split())
        headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
        assert len(headings) > 5, docx.name
        assert [h for h in headings if "".join(plain(h).split()) not in printed] == [], docx.name
