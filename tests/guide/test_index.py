"""The index: what pages show beyond one entry's own fields, computed once for the site,
the PDFs and the report. Unit tests on the small project, and one comparison of what
the site and the PDFs say about the same entries of the real guide."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, copy_project

from generator.build import check, index
from generator.core.settings import Settings
from generator.guide.index import Guide
from generator.pdf.documents import Identity, fiche_path, print_documents
from generator.site.pages import render_pages


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Guide:
    return index(Settings(copy_project(tmp_path_factory.mktemp("index") / "project")))


def test_records_are_keyed_by_kind_and_id(small: Guide) -> None:
    assert small.records["role", "moa"].path == "data/roles.yml"
    assert small.records["term", "dpo"].path == "data/glossary.yml"
    assert small.edit_path("resource", "kit-rgpd") == "data/resources/kit-rgpd.yml#L1"


def test_a_phase_gathers_the_case_studies_of_its_sub_steps(small: Guide) -> None:
    phase = small.places["etape-2-engagement"].phase
    assert [case.id for case in small.phase_cases(phase)] == ["groupement-essai"]


def test_own_blocks_show_only_with_content_or_without_sub_steps(small: Guide) -> None:
    first, second = small.phases
    assert small.shows_own_blocks(first)  # no sub-step
    assert not small.shows_own_blocks(second)  # sub-steps, empty blocks


def test_addresses_and_anchors_come_from_the_declarations(small: Guide) -> None:
    assert small.address("resource", "kit-rgpd") == "ressources/kit-rgpd.md"
    assert small.address("phase", "etape-2-1-go-no-go") == "etapes/etape-2-engagement.md#etape-2-1-go-no-go"
    assert small.address("term", "dpo") == "glossaire.md#dpo"
    assert small.anchor("phase", "etape-2-1-go-no-go") == "step-etape-2-1-go-no-go"
    assert small.anchor("case", "groupement-essai") == "case-groupement-essai"
    assert {"part-etapes", "part-retours-experience", "term-dpo", "source-guide-regional"} <= small.anchors()


def test_filters_glossary_letters_and_options(small: Guide) -> None:
    assert small.resource_filters(small.resources["kit-rgpd"]) == {
        "etape": "etape-1-anticiper", "type": "kit", "role": "moa", "secteur": "medico-social"}
    assert small.case_filters(small.case_studies["groupement-essai"])["etape"] == "etape-2-engagement"
    assert [letter for letter, _ in small.glossary_letters()] == ["D", "M"]
    assert small.role_options(["moa", "moa"]) == [("moa", "Maîtrise d'ouvrage")]
    assert [t.plural for t in small.resource_types()] == ["Kits"]


def test_step_page_lists_the_case_studies_of_its_sub_steps(small: Guide) -> None:
    """Bug: a ``{% set %}`` inside a ``{% for %}`` lost them on the page, not in the PDF."""
    pages = {p.path: p.text for p in render_pages(small, ROOT / "theme")}
    assert "Un groupement d'essai" in pages["etapes/etape-2-engagement.md"]


def test_site_and_pdf_say_the_same_about_each_phase() -> None:
    """The case studies and resources of each step, as the site page and the PDF fiche list them."""
    settings = Settings(ROOT)
    guide = index(settings)
    pages = {p.path: p.text for p in render_pages(guide, settings.theme)}
    fiches = {d.path: d.html for d in print_documents(
        guide, settings.theme, Identity.from_config(check(settings).config))}
    compared = 0
    for phase in guide.phases:
        page, fiche = pages[f"etapes/{phase.id}.md"], fiches[fiche_path(phase.id)]
        for case in guide.phase_cases(phase):
            assert case.title in page and _html_text(case.title) in fiche, case.id
            compared += 1
        for resource in guide.phase_resources(phase):
            if any(resource.id in (*p.entry.documentation, *p.entry.tools)
                   for p in guide.places.values() if p.phase.id == phase.id):
                assert resource.title in page and _html_text(resource.title) in fiche
                compared += 1
    assert compared > 50


def _html_text(text: str) -> str:
    return re.sub(r"'", "&#39;", text.replace("&", "&amp;"))
