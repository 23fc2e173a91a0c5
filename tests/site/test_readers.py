"""What readers see, tried in a real Chromium: cards that hold together, step pages a
director can scan, a home page that routes, journeys told to the reader, tooltips that
respect the reader, no dead end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import PHONE
from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright = pytest.importorskip("playwright.sync_api")

DESKTOP = {"width": 1366, "height": 900}
STEP_5 = "etapes/etape-5-feuille-de-route.html"
STEP_5_PHONE_SCREENS_BEFORE = 15.5
"""Step 5 measured 15.5 phone screens (390×844) before its sub-steps folded."""






@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()






# Cards ------------------------------------------------------------------------------------------

GRIDS = """() => [...document.querySelectorAll('.md-content .grid.cards')].map(grid => {
  let heading = grid.previousElementSibling;
  while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
  const cards = [...grid.querySelectorAll(':scope > ul > li')];
  return {key: grid.id || (heading ? heading.id : ''), cards: cards.map(li => ({
    titles: [...li.querySelectorAll('strong > a')].map(a => a.textContent.trim()),
    first: li.firstElementChild ? li.firstElementChild.matches('p') &&
           !!li.firstElementChild.querySelector(':scope > strong > a') : false,
    dash: /(^|\\n)\\s*- /.test(li.innerText)}))};
})"""


def _cards(page, base: str, address: str) -> dict[str, list[str]]:
    """The titles of the cards of each grid of a page, by the grid's id or heading; each card
    must be one element holding one title, first, and no list of its own."""
    page.goto(f"{base}/{address}")
    found: dict[str, list[str]] = {}
    for grid in page.evaluate(GRIDS):
        for card in grid["cards"]:
            assert len(card["titles"]) == 1 and card["first"] and not card["dash"], \
                (address, grid["key"], card)
        found[grid["key"]] = [card["titles"][0] for card in grid["cards"]]
    return found


def test_every_card_is_its_own_element_on_every_page_kind(page, base: str, guide) -> None:
    expected: dict[str, dict[str, list[str]]] = {}
    for phase in guide.phases:
        blocks = expected.setdefault(f"etapes/{phase.id}.html", {})
        for entry in [phase, *phase.steps] if guide.shows_own_blocks(phase) else phase.steps:
            for field, slug in (("documentation", "documentation"), ("tools", "outils")):
                if getattr(entry, field):
                    blocks[f"{entry.id}-{slug}"] = [guide.resources[i].title
                                                    for i in getattr(entry, field)]
    expected["ressources/par-etape.html"] = {
        phase.id: [r.title for r in guide.phase_resources(phase)] for phase in guide.phases
        if guide.phase_resources(phase)}
    expected["ressources/index.html"] = {
        kind.value: [r.title for r in guide.resources.values() if r.type == kind]
        for kind in guide.resource_types()}
    expected["retours-experience/index.html"] = {
        "retours": [case.title for case in guide.case_studies.values()]}
    expected["parcours/index.html"] = {"parcours": [role.journey for role in guide.journeys()]}
    for role in guide.journeys():
        starters, _ = guide.ranked_journey(role.id)
        expected[f"parcours/{role.id}.html"] = {"pour-commencer": [r.title for r in starters]}
    compared = 0
    for address, grids in expected.items():
        found = _cards(page, base, address)
        assert found == grids, address
        compared += sum(len(titles) for titles in grids.values())
    assert compared > 200
    home = _cards(page, base, "index.html")["tout-le-guide"]
    assert {"Comprendre", "Les étapes d'un projet", "Glossaire"} <= set(home)


# Step pages ---------------------------------------------------------------------------------

def test_a_step_page_opens_with_a_summary_at_body_size(page, base: str, guide) -> None:
    phase = next(p for p in guide.phases if p.id in STEP_5)
    page.goto(f"{base}/{STEP_5}")
    summary = page.locator(".guide-summary")
    assert summary.get_attribute("role") == "region"
    size = page.evaluate("sel => parseFloat(getComputedStyle(document.querySelector(sel))"
                         ".fontSize)", ".guide-summary p")
    body = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector("
                         "'article > p')).fontSize)")
    assert size >= body >= 15
    text = summary.inner_text()
    assert text.startswith("Objectif.") and "Ce que l'étape produit." in text.replace("’", "'")
    assert "Qui agit." in text and "Sous-étapes." in text
    links = summary.locator("a[href^='#etape-']")
    assert links.count() == len(phase.steps)
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == \
        [f"#{step.id}" for step in phase.steps]
    box = summary.bounding_box()
    assert box and box["y"] + box["height"] < 2 * DESKTOP["height"]


def test_blocks_and_key_points_are_real_headings_worded_for_what_they_hold(
        page, base: str, guide) -> None:
    for phase in guide.phases:
        page.goto(f"{base}/etapes/{phase.id}.html")
        headings = page.evaluate("() => [...document.querySelectorAll('article h2, article h3')]"
                                 ".map(h => h.id)")
        for step in phase.steps:
            for slug in ("points-cles", "documentation", "outils", "besoins"):
                assert f"{step.id}-{slug}" in headings or (
                    slug == "points-cles" and not step.key_points), (step.id, slug)
        text = page.locator("article").text_content().replace("’", "'")
        assert "Aucune ressource identifiée" not in text
        needless = [s for s in phase.steps if not s.support_needs]
        if needless:
            assert "Aucun besoin d'accompagnement exprimé pour l'instant." in text


def test_step_5_is_half_as_long_on_a_phone_and_loses_nothing(phone, base: str, guide) -> None:
    phase = next(p for p in guide.phases if p.id in STEP_5)
    phone.goto(f"{base}/{STEP_5}")
    screens = phone.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
    assert screens <= STEP_5_PHONE_SCREENS_BEFORE / 2
    text = _plain(phone.locator("article").text_content())
    for step in phase.steps:
        for point in step.key_points:
            assert _plain(point) in text, point
        for resource_id in guide.step_resources(step):
            assert phone.locator(f"article a[href$='/{resource_id}.html']").count() >= 1
    # A link to a heading inside folded details opens them.
    step = phase.steps[0]
    phone.goto(f"{base}/{STEP_5}#{step.id}-points-cles")
    phone.wait_for_function(f"() => document.getElementById('{step.id}-points-cles')"
                            ".closest('details').open", timeout=5000)
    assert phone.locator(f"#{step.id}-points-cles").is_visible()


def _plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f ]+", " ", text.replace("’", "'"))


# Home page and journeys ----------------------------------------------------------------------

def test_the_home_page_routes_a_director_in_one_screen(page, base: str, guide) -> None:
    from generator.build import cost_examples, groupement_files
    from generator.core.settings import Settings

    page.goto(f"{base}/index.html")
    start = page.locator("#petite-structure").locator("xpath=..")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= DESKTOP["height"], "the director's start fits"
    text = start.inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    for example in cost_examples(groupement_files(Settings(ROOT))):
        amount = f"{example.rounded(example.total):,}".replace(",", " ")
        assert f"environ {amount} € par an" in text
    actions = start.locator("ol > li")
    assert actions.count() == 3, "three first actions"
    assert all(actions.nth(i).inner_text().startswith("Vous ") for i in range(3))
    steps = page.locator(".guide-home__route ol a")
    assert steps.count() == len(guide.phases)
    for i in range(steps.count()):
        link = steps.nth(i).bounding_box()
        assert link and link["y"] + link["height"] <= DESKTOP["height"], "steps above the fold"
    for role in guide.journeys():
        assert page.locator(f".guide-home__route a[href='parcours/{role.id}.html']").count() == 1
    first = page.locator("article a.md-button").count()
    assert first == 0, "no 122-page PDF as the first button"


def test_journeys_speak_to_the_reader_and_rank_their_resources(page, base: str, guide) -> None:
    for role in guide.journeys():
        starters, stops = guide.ranked_journey(role.id)
        page.goto(f"{base}/parcours/{role.id}.html")
        told = page.evaluate("() => [...document.querySelectorAll('#vos-etapes ~ h3')].map("
                             "h => h.nextElementSibling.innerText)")
        assert len(told) == len(stops)
        assert all(sentence.startswith("Vous ") for sentence in told), told
        text = page.locator("article").inner_text()
        assert not any(stop.action and stop.action in text for stop in stops), \
            "an action left in the third person"
        assert len(starters) == 3


# Glossary tooltips ----------------------------------------------------------------------------

PAGE_KINDS = [
    "index.html", "etapes/index.html", "etapes/etape-3-opportunite.html", STEP_5,
    "roles/index.html", "roles/dpo.html", "parcours/index.html", "parcours/dpo.html",
    "ressources/index.html", "ressources/par-etape.html", "ressources/anap-kit-rgpd.html",
    "retours-experience/index.html", "retours-experience/aidhl.html", "sources.html",
    "comprendre/mutualisation.html", "comprendre/hebergement-et-achat.html",
    "modeles/index.html", "contribuer.html", "404.html", "glossaire.html",
]


def test_a_term_is_marked_once_per_page_and_never_in_the_glossary(
        page, base: str, real_site: Path) -> None:
    marked = 0
    for address in PAGE_KINDS:
        page.goto(f"{base}/{address}")
        targets = page.evaluate("() => [...document.querySelectorAll('a.guide-term')]"
                                ".map(a => a.getAttribute('href'))")
        assert len(targets) == len(set(targets)), address
        assert not page.locator(":is(h1, h2, h3, h4, a:not(.guide-term)) a.guide-term").count()
        marked += len(targets)
    assert page.locator("a.guide-term").count() == 0, "glossary page: no term marked"
    assert marked > 200
    assert (real_site / "glossaire.html").stat().st_size < 400_000


def test_a_tooltip_can_be_read_kept_and_dismissed(page, base: str) -> None:
    page.goto(f"{base}/comprendre/mutualisation.html")
    term = page.locator("article p a.guide-term[data-more]").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator("#guide-tip")
    tip.wait_for(state="visible", timeout=5000)
    assert term.get_attribute("aria-describedby") == "guide-tip"
    assert tip.get_attribute("role") == "tooltip"
    assert term.get_attribute("data-tip") in tip.inner_text()
    more = tip.locator("a")
    assert more.inner_text() == "Lire la suite dans le glossaire"
    assert more.get_attribute("href") == term.evaluate("a => a.href")
    assert float(tip.evaluate("t => getComputedStyle(t).fontSize")[:-2]) >= 15
    term_box, tip_box = term.bounding_box(), tip.bounding_box()
    assert term_box and tip_box
    assert tip_box["y"] + tip_box["height"] <= term_box["y"] or tip_box["y"] >= \
        term_box["y"] + term_box["height"], "the tooltip never covers its term"
    tip.hover()  # the pointer moves onto the tooltip: it stays (WCAG 1.4.13)
    page.wait_for_timeout(600)
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_a_tooltip_opens_with_the_keyboard_and_cut_text_ends_cleanly(page, base: str) -> None:
    page.goto(f"{base}/comprendre/mutualisation.html")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('guide-term')"):
            break
    else:
        pytest.fail("no glossary term reached with the Tab key")
    page.locator("#guide-tip").wait_for(state="visible", timeout=5000)
    page.keyboard.press("Escape")
    assert page.locator("#guide-tip").is_hidden()
    cuts = page.evaluate("() => [...document.querySelectorAll('a.guide-term[data-more]')]"
                         ".map(a => a.dataset.tip)")
    assert cuts and all(re.search(r"[.!?…»)]$", text) for text in cuts), cuts


# No dead end ------------------------------------------------------------------------------------

def test_filters_say_what_they_filter_and_offer_a_way_back(page, base: str, guide) -> None:
    page.goto(f"{base}/ressources/index.html")
    assert page.locator("#catalogue-etape option").first.inner_text() == "Toutes les étapes"
    assert page.locator("#catalogue-role option").first.inner_text() == "Tous les rôles"
    items = guide.resources_filters()
    empty = next((phase.id, kind.value) for phase in guide.phases
                 for kind in guide.resource_types()
                 if not any(phase.id in i["etape"].split() and i["type"] == kind.value
                            for i in items))
    page.select_option("#catalogue-type", empty[1])
    option = page.locator(f"#catalogue-etape option[value='{empty[0]}']")
    assert option.is_disabled() and option.inner_text().endswith("(0)")
    for kind in guide.resource_types():  # the table of contents follows the filters
        entry = page.locator(f".md-nav--secondary a[href='#{kind.value}']").first
        assert entry.evaluate("a => !!a.closest('li[hidden]')") == (kind.value != empty[1])
    page.goto(f"{base}/ressources/index.html?etape={empty[0]}&type={empty[1]}")
    message = page.locator(".guide-filters__empty")
    assert message.is_visible() and "Aucun élément" in message.inner_text()
    message.locator("button").click()
    page.wait_for_function("n => [...document.querySelectorAll('#catalogue [data-filter-item]')]"
                           ".filter(item => item.offsetParent !== null).length === n",
                           arg=len(guide.resources), timeout=5000)
    assert message.is_hidden()
    assert page.evaluate("() => document.activeElement.id") == "catalogue-etape"


def test_a_wide_table_says_it_scrolls_and_takes_the_keyboard(phone, base: str) -> None:
    phone.goto(f"{base}/comprendre/hebergement-et-achat.html")
    phone.wait_for_selector(".guide-scroll-cue", timeout=5000)
    wide = phone.locator(".guide-scrolls")
    assert wide.count() >= 1
    assert wide.first.get_attribute("tabindex") == "0"
    assert wide.first.get_attribute("aria-label")


def test_the_404_page_is_french_and_its_links_work_from_the_file_system(
        page, real_site: Path) -> None:
    page.goto((real_site / "404.html").resolve().as_uri())
    assert page.locator("h1").inner_text().startswith("Page introuvable")
    page.locator("article a", has_text="accueil du guide").click()
    page.wait_for_load_state()
    assert page.url == (real_site / "index.html").resolve().as_uri()
    assert page.locator("h1").inner_text().startswith("Mutualiser")
