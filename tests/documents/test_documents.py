"""Document models filled per groupement: `python -m generator fill`, as a coordinator runs it.

Bad input goes through the command line, with the exact `file:line: field: message`
expected. Good input is read back as a reader would: the PDF's text, title and fonts
(pypdf), the DOCX's headings, lists and tables (python-docx), never their bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, cli, tool
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from pypdf import PdfReader

SMALL = ROOT / "data" / "groupements" / "trois-esms.yml"
LARGE = ROOT / "data" / "groupements" / "dui-arvelle.yml"
STEMS = ("convention", "plan-qualite-projet", "note-de-cadrage")
NAME = "Coopération numérique du Val d'Ormeau"


def fill_cli(*args: str | Path, cwd: Path | None = None, root: Path = ROOT
             ) -> subprocess.CompletedProcess:
    """``python -m generator fill ARGS…``: in this process, or from ``cwd`` in a subprocess
    (where the default output folder is relative to it)."""
    arguments = [str(arg) for arg in args]
    if cwd is None:
        run = cli(root, "fill", *arguments)
        return subprocess.CompletedProcess(arguments, run.code, run.out, run.err)
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "fill",
                           *arguments], capture_output=True, text=True, cwd=cwd, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def plain(text: str) -> str:
    """PDF text with its non-breaking spaces shown as spaces, for readable assertions."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, where layout must not matter."""
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(path).pages]


def line_of(text: str, needle: str) -> int:
    """The line of ``needle`` in a file's text: expected messages name exact lines."""
    index = text.index(needle)
    assert text.count(needle) == 1, f"{needle!r} is not unique"
    return text[:index].count("\n") + 1


def variant(tmp_path: Path, *edits: tuple[str, str], source: Path = SMALL) -> tuple[Path, str]:
    """A copy of an example with some text replaced; fails loudly if the text is missing."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    return path, text


def problems(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(r"\d+ problèmes? trouvés?\.", lines[-1]), lines[-1]
    return lines[:-1]


def failing(tmp_path: Path, *edits: tuple[str, str]) -> tuple[list[str], str, Path]:
    path, text = variant(tmp_path, *edits)
    out = tmp_path / "out"
    found = problems(fill_cli(path, "-o", out))
    assert not out.exists()
    return found, text, path


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small") / "documents"
    result = fill_cli(SMALL, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"9 fichiers écrits dans {out}."
    assert result.stderr == ""
    return out


@pytest.fixture(scope="session")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("large") / "documents"
    result = fill_cli(LARGE, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


# Output: the nine files, as a reader finds them ---------------------------------------------


@pytest.mark.pdf
def test_fill_writes_three_documents_in_three_formats(small: Path) -> None:
    assert sorted(p.name for p in small.iterdir()) == sorted(
        f"{stem}.{ext}" for stem in STEMS for ext in ("pdf", "docx", "html"))
    assert not any(p.name.startswith(".fill-") for p in small.parent.iterdir())


@pytest.mark.pdf
def test_default_output_folder_is_named_after_the_groupement(tmp_path: Path) -> None:
    result = fill_cli(SMALL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / "cooperation-numerique-du-val-d-ormeau"
    assert len(list(folder.iterdir())) == 9


@pytest.mark.pdf
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


@pytest.mark.pdf
def test_table_of_contents_gives_the_page_of_each_article(small: Path) -> None:
    pages = pdf_pages(small / "convention.pdf")
    toc = next(i for i, text in enumerate(pages) if text.startswith("Sommaire"))
    entries = re.findall(r"^(Article \d+ – [^.\n]+?) \.+ (\d+)$", pages[toc], re.MULTILINE)
    assert [title for title, _ in entries][:2] == [
        "Article 1 – Objet et forme de la coopération", "Article 2 – Périmètre de la mutualisation"]
    assert len(entries) == 14
    for title, page in entries:
        assert f"\n{title}\n" in "\n" + pages[int(page) - 1], (title, page)


@pytest.mark.pdf
def test_convention_parties_shares_and_signatures(small: Path) -> None:
    text = flat("\n".join(pdf_pages(small / "convention.pdf")))
    assert "Entre l'EHPAD Les Tilleuls, le Foyer d'accueil médicalisé Le Clos des Aulnes et " \
           "l'IME Les Coteaux" in text
    assert "établissement d'hébergement pour personnes âgées dépendantes, établissement public, " \
           "dont le siège est situé 4 rue des Écoles" in text
    # Mixed key: 30 % equally, 70 % pro rata of 84, 42 and 56 places; 74 000 € a year.
    assert "EHPAD Les Tilleuls 84 42,31 % 31 307,69 €" in text
    assert "Foyer d'accueil médicalisé Le Clos des Aulnes 42 26,15 % 19 353,85 €" in text
    assert "IME Les Coteaux 56 31,54 % 23 338,46 €" in text
    assert "Total 100,00 % 74 000,00 €" in text
    assert "Fait en 3 exemplaires originaux" in text
    for member in ("l'EHPAD Les Tilleuls", "le Foyer d'accueil médicalisé Le Clos des Aulnes",
                   "l'IME Les Coteaux"):
        assert f"Pour {member} [Nom du représentant]" in text
    assert "L'adhésion est décidée par le Comité stratégique, à l'unanimité des membres." in text
    assert "prévue à l'article 5." in text  # a cross-reference, numbered like the article


@pytest.mark.pdf
def test_legal_references_follow_the_legal_form(small: Path, large: Path) -> None:
    convention = "\n".join(pdf_pages(small / "convention.pdf"))
    gcsms = "\n".join(pdf_pages(large / "convention.pdf"))
    assert "Code civil, articles 1101 et suivants" in convention
    assert "R. 312-194-1" not in convention
    assert "articles R. 312-194-1 et suivants" in gcsms
    assert "Code civil" not in gcsms
    assert "soumise à l'approbation de l'autorité compétente" in gcsms
    assert PdfReader(large / "convention.pdf").metadata.title == (
        "Convention constitutive du groupement de coopération sociale et médico-sociale – "
        "GCSMS Arvelle Numérique")


@pytest.mark.pdf
def test_the_three_documents_agree(large: Path) -> None:
    convention, pqp, note = (flat("\n".join(pdf_pages(large / f"{stem}.pdf"))) for stem in STEMS)
    for text in (convention, pqp, note):
        assert "GCSMS Arvelle Numérique" in text
    # Major milestones come from the phases; the same dates everywhere.
    for milestone in ("Attribution du marché 19 novembre 2027",
                      "Tous les membres en production 11 décembre 2028"):
        assert milestone in pqp and milestone in note
    assert "Publication de la consultation 12 juillet 2027" in pqp
    assert "Publication de la consultation" not in note  # not a major milestone
    assert "Déploiement en deux vagues 2 mai 2028 15 décembre 2028" in convention
    assert "Déploiement en deux vagues 2 mai 2028 15 décembre 2028" in pqp
    assert "Total du projet 475 000,00 €" in note
    assert "Total des financements 475 000,00 €" in note
    assert "Il est demandé à l'Assemblée générale de se prononcer" in note
    assert "validé par l'Assemblée générale." in pqp


@pytest.mark.pdf
def test_note_de_cadrage_lists_the_top_risks_by_criticality(large: Path) -> None:
    text = flat("\n".join(pdf_pages(large / "note-de-cadrage.pdf")))
    assert "Les 5 risques les plus critiques (criticité = probabilité × impact), sur les 8" in text
    table = text[text.index("N° Risque P I Criticité Action Porteur"):]
    rows = re.findall(r"R(\d) [^()]*? (\d+) \((critique|élevée|modérée|faible)\)", table)
    assert rows == [("3", "12", "critique"), ("2", "9", "élevée"), ("1", "8", "élevée"),
                    ("4", "6", "modérée"), ("5", "6", "modérée")]
    assert "Départ du chef de projet" not in text


@pytest.mark.pdf
def test_docx_has_real_headings_lists_and_tables(small: Path) -> None:
    document = Document(small / "convention.docx")
    assert document.core_properties.title == f"Convention de coopération – {NAME}"
    assert document.core_properties.language == "fr-FR"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["Entre les soussignés", "Vu", "Préambule",
                            "Article 1 – Objet et forme de la coopération"]
    assert "Annexe 1 – Liste des membres" in headings
    assert "7.1 Adhésion" in [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "suivre les demandes et les incidents avec un outil commun\u202f;" in bullets
    shares = next(t for t in document.tables if t.rows[0].cells[0].text == "Membre"
                  and t.rows[0].cells[-1].text == "Montant annuel")
    assert [[c.text for c in row.cells] for row in shares.rows] == [
        ["Membre", "Lits et places", "Part", "Montant annuel"],
        ["EHPAD Les Tilleuls", "84", "42,31\u00a0%", "31\u202f307,69\u00a0€"],
        ["Foyer d'accueil médicalisé Le Clos des Aulnes", "42", "26,15\u00a0%", "19\u202f353,85\u00a0€"],
        ["IME Les Coteaux", "56", "31,54\u00a0%", "23\u202f338,46\u00a0€"],
        ["Total", "", "100,00\u00a0%", "74\u202f000,00\u00a0€"],
    ]
    assert document.sections[0].header.paragraphs[0].text == f"{NAME} — Convention de coopération"
    assert ' TOC \\o "1-1" \\h \\z \\u ' in document.element.xml  # Word updates its page numbers
    placeholders = [run for p in document.paragraphs for run in p.runs
                    if run.text == "[Nom du représentant]"]
    assert placeholders and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW
                                for r in placeholders)


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
    assert len(files) == 9
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
    pqp = flat("\n".join(pdf_pages(tmp_path / "pdf" / "plan-qualite-projet-trois-esms.pdf")))
    assert "4.3 Gestion des risques" in pqp
    assert "Difficulté à recruter un technicien" in pqp


@pytest.mark.pdf
def test_html_has_the_charts_as_inline_svg(small: Path) -> None:
    html = (small / "plan-qualite-projet.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 2
    assert "<title>Gouvernance de Coopération numérique du Val d&#x27;Ormeau</title>" in html
    assert "<link" not in html and 'src="' not in html  # one self-contained file


# Bad input: every problem at once, exact place, nothing written -------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  acronym: CNVO", "  acronym: [CNVO"))
    assert len(found) == 1
    assert found[0].startswith(f"{path}:{line_of(text, '  acronym: [CNVO')}: syntaxe YAML "
                               "invalide")


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  seat: EHPAD", "  seet: EHPAD"))
    assert found == [
        f"{path}:{line_of(text, 'groupement:')}: groupement.seat: champ obligatoire manquant",
        f"{path}:{line_of(text, '  seet: EHPAD')}: groupement.seet: clé inconnue « seet » : "
        "vouliez-vous dire « seat » ?",
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ("  carrier: ehpad-les-tilleuls\n", ""))
    assert found == [f"{path}:{line_of(text, 'finances:')}: finances.carrier: "
                     "champ obligatoire manquant"]


def test_fewer_than_two_members(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    start, end = text.index("  - id: fam-clos-des-aulnes"), text.index("pooling:")
    text = text[:start] + "\n" + text[end:]
    for other in ("fam-clos-des-aulnes", "ime-les-coteaux"):
        text = text.replace(other, "ehpad-les-tilleuls")
    path = tmp_path / "groupement.yml"
    path.write_text(text, encoding="utf-8")
    assert problems(fill_cli(path, "-o", tmp_path / "out")) == [
        f"{path}:{line_of(text, 'members:')}: members: un groupement réunit au moins deux "
        "membres (1 déclaré)"]


def test_shares_not_totalling_100(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("    method: mixte\n    equal_part: 30\n    basis: places",
                   "    method: pourcentages"),
        ("      budget: 4150000\n", "      budget: 4150000\n    share: 50\n"),
        ("      budget: 3280000\n", "      budget: 3280000\n    share: 30\n"),
        ("      budget: 3620000\n", "      budget: 3620000\n    share: 15.5\n"))
    assert found == [f"{path}:{line_of(text, 'method: pourcentages')}: finances.key.method: les "
                     "parts des membres (members[].share) totalisent 95,50\u00a0% au lieu de 100 %"]


def test_phase_ending_before_it_starts(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('      end: "2027-09-30"', '      end: "2027-06-30"'))
    line = nth_line(text, '      end: "2027-06-30"', 2)
    assert found == [
        f"{path}:{line}: project.phases[1].end: la "
        "phase « Inventaire des parcs et des contrats » se termine (30\u00a0juin\u00a02027) avant "
        "de commencer (1er\u00a0juillet\u00a02027)"]


def nth_line(text: str, needle: str, occurrence: int) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def test_milestone_outside_its_phase(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('          date: "2027-06-25"', '          date: "2027-07-02"'))
    line = line_of(text, 'date: "2027-07-02"')
    assert found == [f"{path}:{line}: "
                     "project.phases[0].milestones[1].date: le jalon « Technicien recruté » "
                     "(2\u00a0juillet\u00a02027) est hors de sa phase (du 1er\u00a0mars\u00a02027 "
                     "au 30\u00a0juin\u00a02027)"]


def test_role_and_deliverable_naming_an_unknown_member(tmp_path: Path) -> None:
    found, text, path = failing(
        tmp_path, ("      member: fam-clos-des-aulnes\n      etp: 0.1",
                   "      member: fam-clos-des-aulne\n      etp: 0.1"),
        ("      verifier: fam-clos-des-aulnes", "      verifier: foyer-inconnu"))
    line = line_of(text, "member: fam-clos-des-aulne\n")
    assert found == [
        f"{path}:{line}: project.team[3].member: "
        "membre inconnu « fam-clos-des-aulne » : vouliez-vous dire « fam-clos-des-aulnes » ?",
        f"{path}:{line_of(text, 'verifier: foyer-inconnu')}: project.deliverables[1].verifier: "
        "membre inconnu « foyer-inconnu »",
    ]


def test_finess_not_nine_digits(tmp_path: Path) -> None:
    found, text, path = failing(tmp_path, ('    finess: "990000026"', "    finess: 99000026"))
    assert found == [f"{path}:{line_of(text, 'finess: 99000026')}: members[1].finess: numéro "
                     "FINESS invalide « 99000026 » : neuf chiffres attendus, entre guillemets"]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found, _, path = failing(tmp_path, ('    finess: "990000026"', '    finess: "9900"'),
                             ("  legal_form: convention", "  legal_form: conventionn"),
                             ('      end: "2028-06-30"', '      end: "2027-06-30"'),
                             ("  sponsor: comite-strategique", "  sponsor: comite"))
    assert [line.split(": ", 2)[1] for line in found] == [
        "groupement.legal_form", "members[1].finess", "project.sponsor", "project.phases[3].end"]


def test_missing_file(tmp_path: Path) -> None:
    assert problems(fill_cli(tmp_path / "absent.yml")) == [
        f"{tmp_path / 'absent.yml'}:1: fichier introuvable"]


@pytest.mark.pdf
def test_output_folder_unchanged_on_error(tmp_path: Path, small: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(small, out)
    (out / "notes.txt").write_text("mes notes", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    path, _ = variant(tmp_path, ('    finess: "990000026"', '    finess: "12"'))
    problems(fill_cli(path, "-o", out))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groupement.yml", "out"]


def test_a_missing_value_in_a_template_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "theme", root / "theme")
    template = root / "theme" / "documents" / "pqp.html.j2"
    text = template.read_text(encoding="utf-8").replace("{{ p.name }}", "{{ p.nom }}", 1)
    template.write_text(text, encoding="utf-8")
    found = problems(fill_cli(SMALL, "-o", tmp_path / "out", root=root))
    assert found == [f"theme/documents/pqp.html.j2:{line_of(text, '{{ p.nom }}')}: variable "
                     "manquante : 'generator.documents.project.Project object' has no attribute 'nom'"]
    assert not (tmp_path / "out").exists()


# Text is text, WeasyPrint reads only the theme, names are safe ------------------------------


HOSTILE = "<script>alert(1)</script> & {{ 7 * 7 }} **Gras** [Lien](https://exemple.org)"


@pytest.mark.pdf
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


def test_weasyprint_fetches_only_theme_files() -> None:
    pytest.importorskip("weasyprint")
    from generator.core.weasy import RefusedURL
    from generator.core.weasy import theme_fetcher as fetcher

    fetch = fetcher(ROOT / "theme")
    font = (ROOT / "theme" / "fonts" / "liberation-sans" / "LiberationSans-Regular.ttf").as_uri()
    assert fetch.fetch(font).read()[:4] == b"\x00\x01\x00\x00"
    for url in ("file:///etc/passwd", "https://exemple.org/logo.png",
                (ROOT / "theme" / ".." / "generator" / "cli.py").as_uri(),
                "file://serveur/theme/documents/print.css"):
        with pytest.raises(RefusedURL):
            fetch.fetch(url)


@pytest.mark.pdf
def test_output_name_cannot_leave_the_output_folder(tmp_path: Path) -> None:
    path, _ = variant(tmp_path, ("  name: Coopération numérique du Val d'Ormeau",
                                 "  name: ../../../tmp/Évasion/.."))
    work = tmp_path / "work"
    work.mkdir()
    result = fill_cli(path, cwd=work)
    assert result.returncode == 0, result.stderr
    assert [p.relative_to(work).as_posix() for p in sorted(work.glob("*/*"))] == ["out/tmp-evasion"]


def test_safe_name() -> None:
    from generator.documents.fill import safe_name

    assert safe_name("GCSMS « Arvelle » Numérique") == "gcsms-arvelle-numerique"
    assert safe_name("../..") == "groupement"
    assert safe_name("a/b\\c:d") == "a-b-c-d"


# Computed values -----------------------------------------------------------------------------


def test_apportion_always_sums_to_the_total() -> None:
    from generator.documents.dossier import apportion

    parts = apportion(Decimal("100"), [Decimal(1)] * 3)
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    amounts = apportion(Decimal("74000"), [Decimal(84), Decimal(42), Decimal(56)])
    assert sum(amounts) == Decimal("74000")


def test_criticality_levels() -> None:
    from generator.documents.dossier import level

    assert [level(n) for n in (1, 3, 4, 6, 8, 9, 12, 16)] == [
        "faible", "faible", "modérée", "modérée", "élevée", "élevée", "critique", "critique"]


def test_markdown_fields_escape_everything_else() -> None:
    from generator.documents.render import markdown

    html = str(markdown("Un **point** et *un autre* <b>x</b>\n\n- a & b\n- ![i](file:///x)"))
    assert html == ("<p>Un <strong>point</strong> et <em>un autre</em> &lt;b&gt;x&lt;/b&gt;</p>"
                    "<ul><li>a &amp; b</li><li>![i](file:///x)</li></ul>")


# The site's « Modèles de documents » page -----------------------------------------------------


@pytest.fixture(scope="session")
def downloads() -> dict[str, bytes]:
    from generator.build import groupement_files
    from generator.core.settings import Settings
    from generator.documents.fill import example_files

    settings = Settings(ROOT)
    return example_files(settings.theme, groupement_files(settings))


@pytest.mark.pdf
def test_site_offers_each_model_blank_and_filled(downloads: dict[str, bytes], tmp_path: Path) -> None:
    assert sorted(downloads) == sorted(
        f"modeles/{stem}-{which}.{ext}" for stem in STEMS
        for which in ("vierge", "trois-esms", "dui-arvelle") for ext in ("pdf", "docx"))
    page = (ROOT / "content" / "modeles" / "index.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([a-z-]+\.(?:pdf|docx))\)", page))
    assert links == {key.removeprefix("modeles/") for key in downloads}
    blank = tmp_path / "vierge.pdf"
    blank.write_bytes(downloads["modeles/convention-vierge.pdf"])
    text = "\n".join(pdf_pages(blank))
    for placeholder in ("[Nom du groupement]", "[Membre 1]", "[n° FINESS]", "[…] %", "[…] €",
                        "[date d'effet]"):
        assert placeholder in text, placeholder
    assert PdfReader(blank).metadata.title == "Convention – [Nom du groupement]"
