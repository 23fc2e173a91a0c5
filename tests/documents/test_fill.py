"""`python -m generator fill`, as a coordinator runs it, read back as a reader would: the PDF's
text, title and fonts (pypdf), the DOCX as Word and LibreOffice read it, the HTML; never bytes.

Every example is filled once per session (the slow part: WeasyPrint lays out nine PDFs)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import tool
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from filling import (
    GCS,
    LARGE,
    NAME,
    SMALL,
    STEMS,
    docx_text,
    fill_cli,
    flat,
    grammar_errors,
    html_text,
    pdf_pages,
    problems,
    variant,
)
from pypdf import PdfReader

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="session")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = {}
    for path in (SMALL, LARGE, GCS):
        out = tmp_path_factory.mktemp(path.stem) / "documents"
        result = fill_cli(path, "-o", out)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"9 fichiers écrits dans {out}."
        assert result.stderr == ""
        folders[path.stem] = out
    return folders


@pytest.fixture(scope="session")
def small(filled: dict[str, Path]) -> Path:
    return filled[SMALL.stem]


@pytest.fixture(scope="session")
def large(filled: dict[str, Path]) -> Path:
    return filled[LARGE.stem]


@pytest.fixture(scope="session")
def gcs(filled: dict[str, Path]) -> Path:
    return filled[GCS.stem]


@pytest.fixture(scope="session")
def libreoffice(filled: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
                ) -> dict[str, Path]:
    """Every DOCX of every example converted to PDF by LibreOffice, in one run."""
    soffice = tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path_factory.mktemp("libreoffice")
    sources = {}
    for name, folder in filled.items():
        for stem in STEMS:
            copy = out / f"{name}--{stem}.docx"
            shutil.copy(folder / f"{stem}.docx", copy)
            sources[copy.stem] = copy
    result = subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                             *map(str, sources.values())], capture_output=True, text=True,
                            timeout=600, env={"HOME": str(out), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return {key: out / f"{key}.pdf" for key in sources}


def test_fill_writes_three_documents_in_three_formats(small: Path) -> None:
    assert sorted(p.name for p in small.iterdir()) == sorted(
        f"{stem}.{ext}" for stem in STEMS for ext in ("pdf", "docx", "html"))
    assert not any(p.name.startswith(".fill-") for p in small.parent.iterdir())


def test_default_output_folder_is_named_after_the_groupement(tmp_path: Path) -> None:
    result = fill_cli(SMALL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / "cooperation-numerique-du-val-d-ormeau"
    assert len(list(folder.iterdir())) == 9


def test_pdf_title_fonts_cover_header_and_page_numbers(small: Path) -> None:
    reader = PdfReader(small / "convention.pdf")
    assert reader.metadata.title == f"Convention de coopération – {NAME}"
    assert reader.metadata.author == "Coordination de la coopération (EHPAD Les Tilleuls)"
    fonts = {font.get_object()["/BaseFont"] for page in reader.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Liberation-Sans(-Bold|-Italic)?", f)
                         for f in fonts), fonts
    pages = pdf_pages(small / "convention.pdf")
    assert pages[0].startswith(f"{NAME} (CNVO)\nConvention de coopération\n")
    assert "page 1 /" not in pages[0]
    for number, text in enumerate(pages[1:], 2):
        assert text.endswith(f"{NAME} (CNVO) Convention de coopération\n"
                             f"page {number} / {len(pages)}")


def test_table_of_contents_gives_the_page_of_each_article(small: Path) -> None:
    pages = pdf_pages(small / "convention.pdf")
    toc = next(i for i, text in enumerate(pages) if text.startswith("Sommaire"))
    entries = re.findall(r"^(Article \d+ – [^.\n]+?) \.+ (\d+)$", pages[toc], re.MULTILINE)
    assert [title for title, _ in entries][:2] == [
        "Article 1 – Objet et forme de la coopération", "Article 2 – Périmètre de la mutualisation"]
    assert len(entries) == 16
    for title, page in entries:
        assert f"\n{title}\n" in "\n" + pages[int(page) - 1], (title, page)


def test_convention_parties_shares_and_signatures(small: Path) -> None:
    text = flat("\n".join(pdf_pages(small / "convention.pdf")))
    assert "Entre l'EHPAD Les Tilleuls, l'Association Les Amis du Val d'Ormeau et " \
           "l'Association Horizon Enfance Ormeau" in text
    assert "L'Association Les Amis du Val d'Ormeau, association régie par la loi du 1er juillet " \
           "1901, dont le siège est situé 2 place de la Mairie" in text
    assert "représentée par [Nom du représentant], en sa qualité de président" in text
    assert "pour le compte du Foyer d'accueil médicalisé Le Clos des Aulnes, foyer d'accueil " \
           "médicalisé, situé Route de la Forge" in text
    # Mixed key: 30 % equally, 70 % pro rata of 84, 42 and 56 places; 74 000 € a year.
    assert "EHPAD Les Tilleuls 84 42,31 % 31 307,69 €" in text
    assert "Foyer d'accueil médicalisé Le Clos des Aulnes 42 26,15 % 19 353,85 €" in text
    assert "Total 100,00 % 74 000,00 €" in text
    assert "Fait en trois (3) exemplaires originaux" in text
    assert "Pour l'Association Les Amis du Val d'Ormeau, au titre du Foyer d'accueil médicalisé " \
           "Le Clos des Aulnes [Nom du représentant], président" in text
    assert "L'adhésion est décidée par le Comité stratégique, à l'unanimité des membres" in text
    assert "prestation confiée à DPO Partagé Ormeau SARL, délégué à la protection des données " \
           "externe, par un contrat conclu par l'EHPAD Les Tilleuls" in text
    assert "Les personnes concernées exercent leurs droits auprès du délégué" in text


def test_each_legal_form_writes_its_own_act(small: Path, large: Path, gcs: Path) -> None:
    convention, gcsms, moyens = (flat("\n".join(pdf_pages(folder / "convention.pdf")))
                                 for folder in (small, large, gcs))
    assert "prend la forme d'une convention de coopération, dénommée" in convention
    assert "R. 312-194-1" not in convention and "Administrateur" not in convention
    assert "Les membres constituent un groupement de coopération sociale ou médico-sociale" in gcsms
    assert "dénommé « GCSMS Arvelle" in gcsms  # hyphenation may cut the rest
    assert "soumise à l'approbation de l'autorité compétente" in gcsms
    assert "à faire valider" in gcsms.lower()
    assert "soumise à l'approbation du directeur général de l'agence régionale de santé" in moyens
    assert "pour une durée indéterminée" in moyens
    assert "La présidence est assurée à tour de rôle, pour six (6) mois" in moyens
    assert "recruté et employé par le groupement" in moyens
    assert PdfReader(large / "convention.pdf").metadata.title == (
        "Convention constitutive du groupement de coopération sociale ou médico-sociale – "
        "GCSMS Arvelle Numérique")


def test_the_three_documents_agree(large: Path) -> None:
    convention, pqp, note = (flat("\n".join(pdf_pages(large / f"{stem}.pdf"))) for stem in STEMS)
    for text in (convention, pqp, note):
        assert "GCSMS Arvelle Numérique" in text
    for milestone in ("Attribution du marché 19 novembre 2027",
                      "Tous les membres en production 11 décembre 2028"):
        assert milestone in pqp and milestone in note
    assert "Publication de la consultation 12 juillet 2027" in pqp
    assert "Publication de la consultation" not in note  # not a major milestone
    assert "Déploiement en deux vagues 2 mai 2028 15 décembre 2028" in convention
    assert "Total du projet 475 000,00 €" in note
    assert "Il est demandé à l'Assemblée générale de se prononcer" in note


def test_note_de_cadrage_shows_the_money_and_placeholders_for_the_unknown(large: Path,
                                                                          gcs: Path) -> None:
    note = flat("\n".join(pdf_pages(large / "note-de-cadrage.pdf")))
    assert "Total 332 000,00 €" in note
    assert "EHPAD La Source 120 17,71 % 58 784,23 €" in note
    assert "Les 5 risques les plus critiques (criticité = probabilité × impact), sur les 8" in note
    unknown = flat("\n".join(pdf_pages(gcs / "note-de-cadrage.pdf")))
    assert "Correction des vulnérabilités critiques (selon l'audit) Investissement [à chiffrer]" \
           in unknown
    assert "Total du projet [à chiffrer]" in unknown
    assert not re.search(r"(?<![\d ])0,00 €", unknown)  # no « 0,00 € » for what is not known
    assert "Centre hospitalier des Trois Vallées 60,00 % 112 800,00 €" in unknown


def test_docx_has_real_headings_lists_tables_and_the_dates(small: Path) -> None:
    document = Document(small / "convention.docx")
    assert document.core_properties.title == f"Convention de coopération – {NAME}"
    assert document.core_properties.language == "fr-FR"
    headings = [p.text.replace("\u00a0", " ") for p in document.paragraphs
                if p.style.name == "Heading 1"]
    assert headings[:4] == ["Entre les soussignés", "Vu", "Préambule",
                            "Article 1 – Objet et forme de la coopération"]
    assert "Annexe 1 – Liste des membres" in headings
    assert "8.1 Adhésion" in [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "suivre les demandes et les incidents avec un outil commun\u202f;" in bullets
    shares = next(t for t in document.tables if t.rows[0].cells[0].text == "Membre"
                  and t.rows[0].cells[-1].text == "Montant annuel")
    assert [c.text for c in shares.rows[1].cells] == [
        "EHPAD Les Tilleuls", "84", "42,31\u00a0%", "31\u202f307,69\u00a0€"]
    dates = next(t for t in document.tables if t.rows[0].cells[0].text == "Phase ou jalon")
    assert [c.text for c in dates.rows[2].cells][:3] == [
        "J1 (jalon majeur)\u00a0: Convention signée", "", "28\u00a0mai\u00a02027"]
    assert document.sections[0].header.paragraphs[0].text == f"{NAME} — Convention de coopération"
    assert ' TOC \\o "1-1" \\h \\z \\u ' in (zipfile.ZipFile(small / "convention.docx")
                                            .read("word/document.xml").decode())
    placeholders = [run for p in document.paragraphs for run in p.runs
                    if run.text == "[Nom du représentant]"]
    assert placeholders and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW
                                for r in placeholders)


def test_every_docx_carries_its_charts_as_pictures(filled: dict[str, Path]) -> None:
    for folder in filled.values():
        for stem in STEMS:
            with zipfile.ZipFile(folder / f"{stem}.docx") as archive:
                media = [n for n in archive.namelist() if n.startswith("word/media/")]
            assert media and all(n.endswith(".emf") for n in media), (folder, stem)
    figures = "Calendrier des phases et des jalons"
    assert figures in docx_text(filled[SMALL.stem] / "plan-qualite-projet.docx")


def test_libreoffice_opens_every_docx_and_draws_its_charts(libreoffice: dict[str, Path]) -> None:
    for key, pdf in libreoffice.items():
        text = flat("\n".join(pdf_pages(pdf)))
        assert "J1" in text and "jalon majeur" in text, key  # the Gantt chart's own texts
    pqp = flat("\n".join(pdf_pages(libreoffice["trois-esms--plan-qualite-projet"])))
    assert "4.3 Gestion des risques" in pqp and "Difficulté à recruter un technicien" in pqp
    assert "siège dans l'instance" in pqp  # the governance chart's legend


def test_no_grammar_error_in_any_output(filled: dict[str, Path]) -> None:
    for name, folder in filled.items():
        for stem in STEMS:
            pdf = "\n".join(pdf_pages(folder / f"{stem}.pdf"))
            pdf = re.sub(r"(?: ?\.){3,} ?\d*", " ", pdf)  # the table of contents' leaders
            for label, text in (("pdf", pdf), ("docx", docx_text(folder / f"{stem}.docx")),
                                ("html", html_text((folder / f"{stem}.html").read_text()))):
                assert grammar_errors(text, tables_flattened=label == "pdf") == [], (
                    name, stem, label)


def test_html_has_the_charts_as_inline_svg(small: Path) -> None:
    html = (small / "plan-qualite-projet.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 2
    assert "<title>Gouvernance de Coopération numérique du Val d&#x27;Ormeau</title>" in html
    assert "<link" not in html and 'src="' not in html  # one self-contained file


def test_output_folder_unchanged_on_error(tmp_path: Path, small: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(small, out)
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path, _ = variant(tmp_path, ('    finess: "990000026"', '    finess: "12"'))
    problems(fill_cli(path, "-o", out))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groupement.yml", "out"]


HOSTILE = "<script>alert(1)</script> & {{ 7 * 7 }} **Gras** [Lien](https://exemple.org)"


def test_values_appear_literally_in_every_format(tmp_path: Path) -> None:
    path, _ = variant(tmp_path, ("    name: IME Les Coteaux", f"    name: '{HOSTILE}'"),
                      ("    Les trois établissements", "    ![x](file:///etc/passwd) Les trois "
                                                       "établissements"))
    result = fill_cli(path, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdf_pages(tmp_path / "out" / "convention.pdf"))
    assert HOSTILE.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert "![x](file:///etc/passwd)" in text and "root:" not in text
    html = (tmp_path / "out" / "convention.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7 * 7 }} **Gras**" in html
    assert "<script>" not in html
    document = Document(tmp_path / "out" / "convention.docx")
    assert any(HOSTILE in cell.text for table in document.tables for row in table.rows
               for cell in row.cells)
    for page in PdfReader(tmp_path / "out" / "convention.pdf").pages:
        assert "/Image" not in str(page["/Resources"].get("/XObject", {}))


def test_output_name_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    path, _ = variant(tmp_path, ("  name: Coopération numérique du Val d'Ormeau",
                                 "  name: ../../../tmp/Évasion/.."))
    work = tmp_path / "work"
    work.mkdir()
    result = fill_cli(path, cwd=work)
    assert result.returncode == 0, result.stderr
    assert [p.relative_to(work).as_posix() for p in sorted(work.glob("*/*"))] == ["out/tmp-evasion"]


def test_fill_warns_but_writes_when_a_managing_organisation_is_missing(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "    manager: amis-val-ormeau\n", "    representative: \"[Nom du représentant]\"\n"
                                         "    capacity: directeur\n")
    text = text[:text.index("  - id: amis-val-ormeau")] + text[text.index("  - id: horizon-enfance"):]
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    result = fill_cli(path, "-o", tmp_path / "out")
    assert result.returncode == 0 and len(list((tmp_path / "out").iterdir())) == 9
    assert result.stderr.count("attention : établissement privé sans organisme gestionnaire") == 1
    pdf = flat("\n".join(pdf_pages(tmp_path / "out" / "convention.pdf")))
    assert "À faire valider : le Foyer d'accueil médicalisé Le Clos des Aulnes est un " \
           "établissement privé" in pdf

