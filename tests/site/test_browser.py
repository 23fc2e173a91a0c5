"""What readers get, tried in a real headless Chromium against the built site on localhost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, search

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python")
AXE = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

PAGE_KINDS = [
    "index.html", "etapes/index.html", "etapes/etape-3-opportunite.html",
    "etapes/etape-5-feuille-de-route.html", "roles/index.html", "roles/dpo.html",
    "parcours/index.html", "parcours/dpo.html", "glossaire.html", "ressources/index.html",
    "ressources/par-etape.html", "ressources/anap-kit-rgpd.html", "retours-experience/index.html",
    "retours-experience/aidhl.html", "sources.html", "comprendre/mutualisation.html",
    "comprendre/hebergement-et-achat.html", "modeles/index.html", "accessibilite.html",
    "contribuer.html", "a-propos.html", "404.html",
]










# Search that forgives -------------------------------------------------------------------------

def test_search_without_accents_finds_accented_words(page, base: str) -> None:
    plain, accented = search(page, base, "reversibilite"), search(page, base, "réversibilité")
    assert "glossaire.html#reversibilite" in plain
    assert set(plain) == set(accented)
    accented_top = search(page, base, "équipe")[:3]
    assert accented_top and set(accented_top) <= set(search(page, base, "equipe"))


def test_search_plural_finds_singular_and_back(page, base: str) -> None:
    plural, singular = search(page, base, "conventions"), search(page, base, "convention")
    assert "ressources/modele-convention-cooperation.html" in plural
    assert set(singular[:3]) <= set(plural)
    assert set(search(page, base, "reseaux")[:3]) <= set(search(page, base, "réseau"))


def test_search_acronym_and_synonym_lead_to_the_same_entry(page, base: str) -> None:
    acronym = search(page, base, "DPO")
    spelled_out = search(page, base, "délégué à la protection des données")
    for entry in ("glossaire.html#dpo", "roles/dpo.html"):
        assert entry in acronym and entry in spelled_out
    assert "glossaire.html#dpo" in search(page, base, "DPD")


def test_search_finds_roles_case_studies_and_phases(page, base: str) -> None:
    assert "roles/amoa.html" in search(page, base, "assistance à maîtrise d'ouvrage")[:6]
    assert "retours-experience/aidhl.html" in search(page, base, "AIDHL")
    results = search(page, base, "mutualisation")
    assert any(link.startswith("etapes/") for link in results)


# Filters ----------------------------------------------------------------------------------------

def _visible_items(page) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('#catalogue [data-filter-item]')]"
        ".filter(item => item.offsetParent !== null).length")


def test_filters_narrow_the_catalogue_and_the_url_restores_them(page, base: str, guide) -> None:
    expected = [r for r in guide.resources.values()
                if "etape-1-anticiper" in {p.phase.id for p in guide.resource_places(r.id)}
                and "dpo" in r.roles]
    assert expected, "the real data should give this filter something to show"
    page.goto(f"{base}/ressources/index.html")
    assert _visible_items(page) == len(guide.resources)
    page.select_option("#catalogue-etape", "etape-1-anticiper")
    page.select_option("#catalogue-role", "dpo")
    assert _visible_items(page) == len(expected)
    assert page.inner_text(".guide-filters__status") == f"{len(expected)} élément" + \
        ("s" if len(expected) > 1 else "") + f" sur {len(guide.resources)}"
    assert re.search(r"etape=etape-1-anticiper", page.url) and "role=dpo" in page.url
    page.reload()
    assert page.input_value("#catalogue-etape") == "etape-1-anticiper"
    assert page.input_value("#catalogue-role") == "dpo"
    assert _visible_items(page) == len(expected)


def test_filters_work_with_the_keyboard(page, base: str) -> None:
    page.goto(f"{base}/retours-experience/index.html")
    page.focus("#retours-type")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#retours-type") == "mutualisation"
    assert "type=mutualisation" in page.url
    status = page.locator(".guide-filters__status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.fullmatch(r"\d+ éléments? sur \d+", status.inner_text())
    assert page.locator("label[for=retours-type]").inner_text() == "Type de projet"


def test_without_javascript_every_item_shows(browser, base: str, guide) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/ressources/index.html")
    assert not page.locator("form.guide-filters").is_visible()
    assert _visible_items(page) == len(guide.resources)
    context.close()


# Accessibility, privacy, robustness -------------------------------------------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_kind_passes_axe_and_stays_on_localhost(browser, base: str, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    outside: list[str] = []
    errors: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    failures = []
    for kind in PAGE_KINDS:
        page.goto(f"{base}/{kind}")
        page.wait_for_load_state("load")
        page.keyboard.press("/")  # the search dialog opens over the page: both are checked
        page.wait_for_function("() => document.getElementById('guide-search')?.open && document"
                               ".getAnimations().every(a => a.playState !== 'running')",
                               timeout=5000)  # opened, any fade-in over
        page.evaluate(AXE)
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
        failures += [f"{kind}: {v['id']} {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()
    assert failures == []
    assert outside == []
    assert errors == []


def test_search_works_when_the_site_is_opened_from_the_file_system(page, real_site: Path) -> None:
    """A newcomer opens site/index.html directly: search must still find the phase pages."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    results = search(page, real_site.resolve().as_uri(), "mutualisation")
    assert any(link.startswith("etapes/") for link in results)
    assert "glossaire.html#reversibilite" in search(page, real_site.resolve().as_uri(), "reversibilite")
    assert errors == []
