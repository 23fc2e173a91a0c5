"""The site's « Modèles de documents » page: a blank model per legal form and every example,
each document in PDF and DOCX, all linked from content/modeles/index.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from filling import STEMS, pdf_pages
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
