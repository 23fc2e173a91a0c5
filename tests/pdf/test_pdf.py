"""The companion PDFs, read back as a reader's software would: pages, bookmarks, text,
links, fonts, tags. Never compared byte for byte.

The real guide's PDFs come from the session's strict build of the real site; the
small project of tests/fixtures gives the cases the real data may not contain.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from pypdf import PdfReader
from pypdf.generic import Destination

from generator.build import check, index
from generator.core.problems import DataError
from generator.core.settings import Settings
from generator.core.weasy import PdfJob, RefusedURL, render_pdf, theme_fetcher
from generator.pdf.documents import (
    CASES_PDF,
    FICHE_PAGES,
    GLOSSARY_PDF,
    GUIDE_PDF,
    PrintDocument,
    fiche_path,
)
from generator.pdf.markdown import Converter, TermLinker, site_addresses
from generator.pdf.render import guide_pdfs, render_all

pytestmark = [pytest.mark.slow, pytest.mark.pdf]

PHASES = yaml.safe_load((ROOT / "data" / "phases.yml").read_text(encoding="utf-8"))
OUR_FONTS = ("Guide-Sans", "Guide-Mono", "Guide-Symbols")


def flat(text: str) -> str:
    """Text as extracted, with line breaks, hyphenation breaks and spacing evened out."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return " ".join(text.split())


def pdf_text(reader: PdfReader) -> str:
    return flat("\n".join(page.extract_text() for page in reader.pages))


def outline_titles(outline: list, depth: int = 0) -> list[tuple[int, str]]:
    titles: list[tuple[int, str]] = []
    for item in outline:
        if isinstance(item, list):
            titles += outline_titles(item, depth + 1)
        else:
            titles.append((depth, flat(item.title)))
    return titles


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used by any page, and whether its program is inside the PDF."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


def assert_accessible(reader: PdfReader, title: str) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert flat(reader.metadata.title) == flat(title)
    assert reader.metadata.author
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part(=\"|>)1", xmp), "not declared PDF/UA-1"
    fonts = embedded_fonts(reader)
    assert fonts, "no font at all"
    for name, embedded in fonts.items():
        assert embedded, f"{name} is not embedded"
        assert name.split("+")[-1].startswith(OUR_FONTS), f"{name} is not a font of theme/fonts"


def internal_destinations(reader: PdfReader) -> tuple[set[str], list[str]]:
    """The named destinations, and the destinations every internal link points to."""
    names = set(reader.named_destinations)
    links = [str(annotation.get_object()["/Dest"])
             for page in reader.pages for annotation in page.get("/Annots", [])
             if "/Dest" in annotation.get_object()]
    return names, links


@pytest.fixture(scope="session")
def pdfs(real_site: Path) -> dict[str, PdfReader]:
    return {path.relative_to(real_site).as_posix(): PdfReader(path)
            for path in sorted((real_site / "pdf").glob("*.pdf"))}


def test_every_companion_pdf_is_built(pdfs: dict[str, PdfReader]) -> None:
    expected = {GUIDE_PDF, GLOSSARY_PDF, CASES_PDF, *(fiche_path(p["id"]) for p in PHASES)}
    assert set(pdfs) == expected


def test_whole_guide_has_every_part_phase_and_step(pdfs: dict[str, PdfReader]) -> None:
    guide = pdfs[GUIDE_PDF]
    assert len(guide.pages) >= 60
    text = pdf_text(guide)
    for phase in PHASES:
        assert f"{phase['number']}. {flat(phase['title'])}" in text
        for step in phase.get("steps", []):
            assert f"{step['number']} {flat(step['title'])}" in text
    for heading in ("Sommaire", "Comprendre", "Les étapes d'un projet", "Rôles et instances",
                    "Retours d'expérience", "Ressources du kit", "Glossaire", "Publications sources"):
        assert heading in text
    assert "Documentation" in text and "Outils" in text and "Besoins d'accompagnement" in text
    assert f"Page 2 / {len(guide.pages)}" in text


def test_whole_guide_bookmarks_follow_its_structure(pdfs: dict[str, PdfReader]) -> None:
    titles = outline_titles(pdfs[GUIDE_PDF].outline)
    top = [title for depth, title in titles if depth == 0]
    for part in ("Sommaire", "Les étapes d'un projet", "Rôles et instances", "Ressources du kit",
                 "Glossaire", "Publications sources"):
        assert part in top
    nested = {title for depth, title in titles if depth == 1}
    nested_more = {title for depth, title in titles if depth == 2}
    for phase in PHASES:
        assert f"{phase['number']}. {flat(phase['title'])}" in nested
        for step in phase.get("steps", []):
            assert f"{step['number']} {flat(step['title'])}" in nested_more


def test_table_of_contents_gives_the_page_of_each_phase(pdfs: dict[str, PdfReader]) -> None:
    guide = pdfs[GUIDE_PDF]
    contents = flat(guide.pages[1].extract_text() + "\n" + guide.pages[2].extract_text())
    for item in guide.outline:
        if isinstance(item, Destination) and flat(item.title).startswith("Les étapes"):
            part_page = guide.get_destination_page_number(item) + 1
            assert re.search(rf"Les étapes d'un projet[ .]*{part_page}\b", contents)
    for phase in PHASES:
        assert f"{phase['number']}. {flat(phase['title'])}" in contents


def test_whole_guide_internal_links_all_land(pdfs: dict[str, PdfReader]) -> None:
    names, links = internal_destinations(pdfs[GUIDE_PDF])
    assert len(links) > 100
    missing = sorted(set(links) - names)
    assert not missing, missing[:10]
    for prefix in ("phase-", "step-", "role-", "resource-", "case-", "term-", "source-"):
        assert any(link.startswith(prefix) for link in links), prefix


def test_glossary_terms_link_to_the_glossary_annex(pdfs: dict[str, PdfReader]) -> None:
    guide = pdfs[GUIDE_PDF]
    annex = next(item for item in guide.outline
                 if isinstance(item, Destination) and flat(item.title) == "Glossaire")
    annex_page = guide.get_destination_page_number(annex)
    term_links = [(number, str(annotation.get_object()["/Dest"]))
                  for number, page in enumerate(guide.pages)
                  for annotation in page.get("/Annots", [])
                  if str(annotation.get_object().get("/Dest", "")).startswith("term-")]
    from_the_text = [dest for number, dest in term_links if number < annex_page]
    assert len(from_the_text) > 20
    destinations = guide.named_destinations
    for dest in from_the_text:
        assert guide.get_destination_page_number(destinations[dest]) >= annex_page


def test_resource_addresses_are_printed(pdfs: dict[str, PdfReader]) -> None:
    text = "".join("".join(page.extract_text() for page in pdfs[GUIDE_PDF].pages).split())
    urls = [yaml.safe_load(path.read_text(encoding="utf-8")).get("url")
            for path in sorted((ROOT / "data" / "resources").glob("*.yml"))]
    urls = [url for url in urls if url]
    assert urls
    for url in urls:
        assert url in text, url


def test_every_pdf_is_tagged_french_titled_and_uses_only_our_fonts(
        pdfs: dict[str, PdfReader]) -> None:
    for path, reader in pdfs.items():
        title = reader.metadata.title
        assert title, path
        assert_accessible(reader, title)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert flat(pdfs[GUIDE_PDF].metadata.title) == flat(config["site_name"])


@pytest.mark.parametrize("phase", PHASES, ids=[p["id"] for p in PHASES])
def test_each_phase_has_a_fiche_of_two_to_four_pages(pdfs: dict[str, PdfReader],
                                                     phase: dict) -> None:
    fiche = pdfs[fiche_path(phase["id"])]
    low, high = FICHE_PAGES
    assert low <= len(fiche.pages) <= high
    text = pdf_text(fiche)
    assert f"{phase['number']}. {flat(phase['title'])}" in text
    for step in phase.get("steps", []):
        assert flat(step["title"]) in text
    names, links = internal_destinations(fiche)
    assert set(links) <= names


def test_glossary_and_case_study_booklet(pdfs: dict[str, PdfReader]) -> None:
    glossary = pdf_text(pdfs[GLOSSARY_PDF])
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    for term in terms:
        assert flat(term["term"]) in glossary, term["term"]
    booklet = pdfs[CASES_PDF]
    text = pdf_text(booklet)
    for path in sorted((ROOT / "data" / "case-studies").glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert flat(case["title"]) in text
    names, links = internal_destinations(booklet)
    assert set(links) <= names


def test_site_pages_link_to_their_pdf_with_format_and_size(real_site: Path) -> None:
    pages = {"index.html": GUIDE_PDF, "glossaire.html": GLOSSARY_PDF,
             "retours-experience/index.html": CASES_PDF,
             **{f"etapes/{p['id']}.html": fiche_path(p["id"]) for p in PHASES}}
    for page, pdf in pages.items():
        html = (real_site / page).read_text(encoding="utf-8")
        links = re.findall(r'<a[^>]*href="([^"]+\.pdf)"[^>]*>(.*?)</a>', html, flags=re.DOTALL)
        assert links, f"{page} has no PDF link"
        href, label = links[0]
        target = (real_site / page).parent / href
        assert target.resolve() == (real_site / pdf).resolve(), (page, href)
        size = target.stat().st_size
        shown = f"{max(1, round(size / 1000))}\u00a0Ko" if size < 1_000_000 else \
            f"{size / 1_000_000:.1f}".replace(".", ",") + "\u00a0Mo"
        assert re.sub(r"<[^>]+>", "", label).strip().endswith(f"(PDF, {shown})"), (page, label)


# The small project: cases the real data may not have, and the safety of the renderer.


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, PdfReader]]:
    from conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("small") / "project")
    settings = Settings(root)
    files = guide_pdfs(index(settings), settings.theme, check(settings).config)
    return settings, {path: PdfReader(io.BytesIO(data)) for path, data in files.items()}


def test_empty_block_says_so(small: tuple[Settings, dict[str, PdfReader]]) -> None:
    _, files = small
    text = pdf_text(files[GUIDE_PDF])
    assert "Aucune ressource identifiée pour l'instant" in text
    assert "Aucune ressource identifiée pour l'instant" in pdf_text(files[fiche_path("etape-2-engagement")])


def test_small_guide_links_its_terms_and_prints_addresses(
        small: tuple[Settings, dict[str, PdfReader]]) -> None:
    _, files = small
    guide = files[GUIDE_PDF]
    names, links = internal_destinations(guide)
    assert set(links) <= names
    assert "term-dpo" in names and "resource-kit-rgpd" in names
    assert "https://exemple.org/kit-rgpd" in pdf_text(guide)
    assert_accessible(guide, guide.metadata.title)


def test_site_links_become_anchors_of_the_pdf_or_plain_text(
        small: tuple[Settings, dict[str, PdfReader]]) -> None:
    settings, _ = small
    guide = index(settings)
    pages = {"comprendre/a.md": "page-comprendre-a", "comprendre/b.md": "page-comprendre-b"}
    converter = Converter({"page-comprendre-a", "part-roles", "term-dpo", "term-mutualisation"},
                          pages, site_addresses(guide), TermLinker(guide))
    html = str(converter.block(
        "## Les notions\n\nLe DPO et la mutualisation ; encore le DPO. Voir [ici](#les-notions), "
        "[b](b.md), [les rôles](../roles/index.md), [la CNIL](https://www.cnil.fr) "
        "et ![un schéma](schema.png).", base="comprendre", prefix="page-comprendre-a", shift=1))
    assert '<h3 id="page-comprendre-a--les-notions">' in html
    assert '<a class="internal" href="#page-comprendre-a--les-notions">ici</a>' in html
    assert "<span>b</span>" in html
    assert '<a class="internal" href="#part-roles">les rôles</a>' in html
    assert '<a class="external" href="https://www.cnil.fr">la CNIL</a>' in html
    assert html.count('href="#term-dpo"') == 1 and 'href="#term-mutualisation"' in html
    assert "<img" not in html and "un schéma" in html
    assert "\u202f;" in html


def test_fetcher_reads_only_the_theme(small: tuple[Settings, dict[str, PdfReader]]) -> None:
    settings, _ = small
    fetch = theme_fetcher(settings.theme)
    css = (settings.theme / "pdf" / "pdf.css").resolve()
    assert fetch(css.as_uri()).read().startswith(b"/*")
    for url in ("https://exemple.org/style.css", "http://localhost/x.css",
                "file:///etc/hostname", (settings.theme / ".." / "mkdocs.yml").as_uri(),
                "data:text/css,body{}", "ftp://exemple.org/x"):
        with pytest.raises(RefusedURL):
            fetch(url)


def test_a_stylesheet_outside_the_theme_fails_the_build(
        small: tuple[Settings, dict[str, PdfReader]]) -> None:
    settings, _ = small
    html = ('<html lang="fr"><head><title>Essai</title>'
            '<link rel="stylesheet" href="file:///etc/hostname"></head><body><p>x</p></body></html>')
    data, problems = render_pdf(PdfJob(html, "pdf"), settings.theme)
    assert data == b"" and problems and "refus" in problems[0]
    with pytest.raises(DataError) as error:
        render_all([PrintDocument("pdf/essai.pdf", "Essai", "theme/pdf/essai.html.j2", html)],
                   settings.theme, workers=1)
    assert "pdf/essai.pdf" in str(error.value.problems[0])


def test_weasyprint_warnings_fail_the_build(small: tuple[Settings, dict[str, PdfReader]]) -> None:
    settings, _ = small
    html = ('<html lang="fr"><head><title>Essai</title><link rel="stylesheet" href="pdf.css">'
            '<style>p { colour: red }</style></head><body><p>x</p></body></html>')
    with pytest.raises(DataError) as error:
        render_all([PrintDocument("pdf/essai.pdf", "Essai", "theme/pdf/essai.html.j2", html)],
                   settings.theme, workers=1)
    assert "colour" in str(error.value.problems[0])
