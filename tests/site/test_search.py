"""The guide's own search, in a real Chromium, on the real site as the chosen builder
built it (``--builder`` or ``GUIDE_BUILDER``): the same French behaviour on every builder."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, STATUS, open_search, results

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python")
AXE = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")

FIRST = [
    # The queries readers type, and the page that must come first.
    ("DPO", "roles/dpo.html"),
    ("(DPO)", "roles/dpo.html"),
    ("DPD", "roles/dpo.html"),
    ("délégué à la protection des données", "roles/dpo.html"),
    ("hebergement", "comprendre/hebergement-et-achat.html"),
    ("hébergements", "comprendre/hebergement-et-achat.html"),
    ("experience", "retours-experience/index.html"),
    ("retours d’expérience", "retours-experience/index.html"),
    ("maitrise d'ouvrage", "roles/moa.html"),
    ("maîtrise d’ouvrage", "roles/moa.html"),
    ("MOA", "roles/moa.html"),
    ("assistance à maîtrise d'ouvrage", "roles/amoa.html"),
    ("conventions", "ressources/modele-convention-cooperation.html"),
    ("convention", "ressources/modele-convention-cooperation.html"),
    ("mutualistion", "comprendre/mutualisation.html"),
    ("mutualisation", "comprendre/mutualisation.html"),
    ("reversibilite", "glossaire.html#reversibilite"),
    ("réversibilité.", "glossaire.html#reversibilite"),
    ("AIDHL", "retours-experience/aidhl.html"),
    ("kit rgpd", "ressources/anap-kit-rgpd.html"),
]






@pytest.fixture(scope="module")
def searching(browser, base: str):
    """One page with the search open, for many queries."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_search(page, base)
    yield page
    context.close()




def test_the_expected_page_comes_first(searching, base: str) -> None:
    wrong = {}
    for query, expected in FIRST:
        found = results(searching, base, query)
        if not found or found[0] != expected:
            wrong[query] = found[:3]
    assert wrong == {}


def pages_with_word(site: Path, word: re.Pattern) -> set[str]:
    """Pages whose article text holds a word, tooltips and navigation aside."""
    found = set()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article[^>]*>(.*?)</article>", html, re.DOTALL)
        if not article:
            continue
        text = re.sub(r"<(small|form|script)\b.*?</\1>", " ", article.group(1), flags=re.DOTALL)
        if word.search(unescape(re.sub(r"<[^>]+>", " ", text))):
            found.add(path.relative_to(site).as_posix())
    return found


@pytest.mark.parametrize("query, word", [
    ("expérience", r"\bexpériences?\b"), ("ouvrage", r"\bouvrages?\b"),
    ("information", r"\binformations?\b")])
def test_words_next_to_an_apostrophe_or_punctuation_are_found(searching, base: str,
                                                              real_site: Path, query: str,
                                                              word: str) -> None:
    """« d'expérience », « (DPO) », « réversibilité. »: every page holding the word."""
    expected = pages_with_word(real_site, re.compile(word, re.IGNORECASE))
    found = {link.split("#")[0] for link in results(searching, base, query)}
    assert len(expected) > 10
    assert expected - found == set()


def test_highlighting_marks_whole_words_and_nothing_else(searching, base: str) -> None:
    results(searching, base, "DPO")
    titles = searching.eval_on_selector_all(
        ".guide-search__title, .guide-search__excerpt",
        "nodes => nodes.map(n => [n.textContent, [...n.children].map(c => c.tagName), "
        "[...n.querySelectorAll('mark')].map(m => m.textContent)])")
    for text, tags, marks in titles:
        assert set(tags) <= {"MARK"}
        assert "<" not in text and ">" not in text and "rk>" not in text
        for mark in marks:
            assert re.fullmatch(r"DPO|DPD|[Dd]élégué à la protection des données|Data Protection "
                                r"Officer|[Dd]élégués à la protection des données", mark), mark


def test_excerpts_are_text_not_metadata(searching, base: str) -> None:
    results(searching, base, "kit rgpd")
    excerpt = searching.inner_text(".guide-search__result:first-child .guide-search__excerpt")
    assert "Éditeur" not in excerpt and not excerpt.startswith("Type")
    assert "RGPD" in excerpt


def test_the_index_is_loaded_when_the_reader_opens_the_search(page, base: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base}/roles/dpo.html")
    page.wait_for_load_state("load")
    lazy = ("/assets/search/engine.js", "/assets/search/index.js")
    assert sum(url.endswith("/assets/search/search.js") for url in requested) == 1
    assert not any(url.endswith(lazy) for url in requested)
    page.click(".guide-search__open")
    page.wait_for_function(f"() => /Saisissez/.test({STATUS}.textContent)")
    assert [sum(url.endswith(name) for url in requested) for name in lazy] == [1, 1]


def test_the_search_works_with_the_keyboard(page, base: str) -> None:
    page.goto(f"{base}/sources.html")
    page.keyboard.press("/")
    page.wait_for_function(f"() => /Saisissez/.test({STATUS}.textContent)")
    assert page.evaluate("() => document.activeElement.id") == "guide-search-input"
    page.keyboard.type("reversibilite")
    page.wait_for_function(f"() => /résultat/.test({STATUS}.textContent)")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')").endswith(
        "glossaire.html#reversibilite")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('guide-search').open")
    # Focus goes back to the button that opened the search once the dialog's « close »
    # event has run, a task after Escape.
    page.wait_for_function("() => document.activeElement.classList.contains('guide-search__open')",
                           timeout=5000)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_open_search_passes_axe(browser, base: str, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_search(page, base, "roles/dpo.html")
    results(page, base, "DPO")
    assert page.evaluate("() => document.getElementById('guide-search').matches(':modal')")
    page.evaluate(AXE)
    found = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    context.close()
    assert [f"{v['id']} {v['nodes'][0]['target']}" for v in found["violations"]] == []


def test_the_search_is_french(searching, base: str) -> None:
    results(searching, base, "zzzzqqq")
    assert searching.inner_text(".guide-search__status") == "Aucun résultat pour «\u00a0zzzzqqq\u00a0»."
    assert searching.get_attribute("#guide-search", "aria-labelledby") == "guide-search-heading"
    assert searching.inner_text("#guide-search-heading") == "Rechercher dans le guide"
