"""The « Assistant de rédaction » as a coordinator uses it, in a real headless Chromium.

A groupement is typed into the form field by field, as a person would (keyboard only for
one of them), on a phone-sized and a desktop screen; the DOCX the browser writes is read
back and compared with what `fill` writes for the same answers; the saved YAML file loads
back into the same form; nothing is requested outside the site, and no request carries an
answer; axe finds nothing to fix. No fixed sleep: every wait is for something to happen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE  # noqa: E402
from conftest import ROOT
from test_assistant import SMALL, data_of, docx_text  # noqa: E402

from generator.core.yamlfile import parse_yaml  # noqa: E402
from generator.documents.fill import load  # noqa: E402
from generator.documents.model import Groupement  # noqa: E402
from generator.documents.render import renderer_for  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.browser]

playwright = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python")
AXE = (Path(axe_module.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
STEMS = ("convention", "plan-qualite-projet", "note-de-cadrage")
READY = "() => Number(document.getElementById('assistant').dataset.live || 0) >= 1"
"""The worker has answered: Pyodide runs (the first preview, computed at build time, shows
before)."""
LONG = 120_000  # Pyodide starts in seconds; a loaded CI machine gets some slack






@pytest.fixture(scope="module")
def spec(real_site: Path) -> dict:
    return json.loads((real_site / "assistant" / "form.json").read_text(encoding="utf-8"))


class Watch:
    """Every request of a context: none may leave the site, none may send anything."""

    def __init__(self, context, base: str) -> None:
        self.outside: list[str] = []
        self.sent: list[str] = []
        self.errors: list[str] = []
        self.base = base

        def guard(route) -> None:
            if route.request.url.startswith((base, "blob:", "data:")):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        context.on("request", self.seen)

    def seen(self, request) -> None:
        if not request.url.startswith((self.base, "blob:", "data:", "about:")):
            self.outside.append(request.url)
        if request.method != "GET" or request.post_data:
            self.sent.append(f"{request.method} {request.url}")

    def page(self, page):
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def check(self) -> None:
        assert self.outside == []
        assert self.sent == []
        assert self.errors == []


def open_assistant(context, base: str, watch: Watch):
    page = watch.page(context.new_page())
    page.goto(f"{base}/assistant/index.html")
    page.wait_for_function(READY, timeout=LONG)
    return page


# Typing a groupement in, as a person would ----------------------------------------------------

def plain(text: str) -> str:
    """A message as `fill` prints it: the page adds French non-breaking spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def shown(node: dict, value) -> str:
    if value is None:
        return ""
    if node["kind"] == "lines":
        return "\n".join(str(v) for v in value)
    if node["kind"] == "decimal" and not isinstance(value, str):
        return str(value).replace(".", ",")
    return str(value)


DISTANCE = """s => {
  const target = document.querySelector(s);
  if (!target) return null;
  const active = document.activeElement;
  if (active === target) return 0;
  const stops = [...document.querySelectorAll('a[href], button, input, select, textarea, iframe')]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length);
  const after = e => active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING;
  const ahead = stops.filter(after);
  const index = ahead.indexOf(target);
  if (index >= 0) return index + 1;
  const behind = stops.filter(e => !after(e) && e !== active);
  return -(behind.length - behind.indexOf(target));
}"""
"""How many Tab presses (negative: Shift+Tab) from the focused element to the target."""


class Typist:
    """Types answers into the form, with the mouse and keyboard or with the keyboard only."""

    def __init__(self, page, keyboard: bool) -> None:
        self.page, self.keyboard = page, keyboard
        self.section = 0
        self.deferred: list[tuple[int, str, object]] = []

    def focus(self, selector: str) -> None:
        """Keyboard only: Tab (Shift+Tab if it comes before) until the element is focused."""
        for _ in range(60):
            steps = self.page.evaluate(DISTANCE, selector)
            assert steps is not None, selector
            if steps == 0:
                return
            key = "Tab" if steps > 0 else "Shift+Tab"
            for _ in range(abs(steps)):
                self.page.keyboard.press(key)
        raise AssertionError(f"Tab never reaches {selector}")

    def tab(self, stem: str) -> None:
        """A document's tab: arrows move between tabs, as in any tab list."""
        wanted = f'[role=tab][data-stem="{stem}"]'
        if not self.keyboard:
            self.page.click(wanted)
            return
        self.focus('[role=tab][aria-selected="true"]')
        for _ in range(3):
            if self.page.get_attribute(wanted, "aria-selected") == "true":
                return
            self.page.keyboard.press("ArrowRight")
        raise AssertionError(stem)

    def press(self, selector: str) -> None:
        if self.keyboard:
            self.focus(selector)
            self.page.keyboard.press("Enter")
        else:
            self.page.click(selector)

    def text(self, path: str, value: str) -> None:
        selector = f'[data-path="{path}"]'
        current = self.page.input_value(selector)
        if current == value:
            return
        if not self.keyboard:
            self.page.fill(selector, value)
            return
        self.focus(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        if len(value) > 24:  # long texts arrive as one input, as from a dictation or an IME
            self.page.keyboard.insert_text(value)
        elif value:
            self.page.keyboard.type(value)

    def choose(self, path: str, value) -> None:
        selector = f'[data-path="{path}"]'
        wanted = "" if value is None else str(value)
        if self.page.input_value(selector) == wanted:
            return
        offered = self.page.eval_on_selector(selector, "(s, w) => [...s.options].some(o => o.value === w)",
                                             wanted)
        if not offered:  # names an entry described further on: come back to it, as a person would
            self.deferred.append((self.section, path, value))
            return
        if not self.keyboard:
            self.page.select_option(selector, wanted)
            return
        self.focus(selector)
        index = self.page.eval_on_selector(
            selector, "(s, wanted) => [...s.options].findIndex(o => o.value === wanted)", wanted)
        assert index >= 0, (path, wanted)
        self.page.keyboard.press("Home")
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")
        assert self.page.input_value(selector) == wanted

    def tick(self, selector: str, on: bool) -> None:
        if self.page.is_checked(selector) == on:
            return
        if self.keyboard:
            self.focus(selector)
            self.page.keyboard.press("Space")
        else:
            self.page.click(selector)

    def nodes(self, nodes: list[dict], data: dict, prefix: str) -> None:
        # The identifier is written from the name: typed only where it differs, after the name.
        nodes = [n for n in nodes if n["kind"] != "id"] + [n for n in nodes if n["kind"] == "id"]
        for node in nodes:
            path = f"{prefix}.{node['key']}" if prefix else node["key"]
            value = data.get(node["key"]) if isinstance(data, dict) else None
            kind = node["kind"]
            if kind == "group":
                self.nodes(node["fields"], value or {}, path)
            elif kind == "list":
                self.items(node, value or [], path)
            elif kind == "id":
                self.text(path, value or "")
            elif kind == "ref" and isinstance(value, dict):  # a rotating chair: its block
                self.choose(path, "__bloc__")
                self.nodes(node["block"]["fields"], value, path)
            elif kind in ("choice", "ref"):
                self.choose(path, value)
            elif kind == "bool":
                self.tick(f'[data-path="{path}"]', value is True)
            elif kind == "refs":
                boxes = self.page.eval_on_selector_all(f'[data-refs="{path}"]', "bs => bs.map(b => b.value)")
                for box in boxes:  # unticked first, then ticked in the answer's order
                    if box not in (value or []):
                        self.tick(f'[data-refs="{path}"][value="{box}"]', False)
                for box in value or []:
                    self.tick(f'[data-refs="{path}"][value="{box}"]', True)
            else:
                self.text(path, shown(node, value))

    def items(self, node: dict, items: list, path: str) -> None:
        def count() -> int:
            return self.page.evaluate(
                "p => [...document.querySelectorAll('.assistant-item')].filter(e => "
                "e.dataset.path.startsWith(p + '[') && /^\\[\\d+\\]$/.test(e.dataset.path.slice(p.length)))"
                ".length", path)

        for index, item in enumerate(items):
            if count() <= index:
                self.press(f'[data-add="{path}"]')
                self.page.wait_for_selector(f'[data-path="{path}[{index}]"]')
            self.nodes(node["fields"], item, f"{path}[{index}]")
        while count() > len(items):
            self.press(f'[data-remove="{path}[{count() - 1}]"]')

    def groupement(self, spec: dict, data: dict) -> None:
        for number, section in enumerate(spec["sections"]):
            self.section = number
            if number:
                self.press(f'.assistant-section:not([hidden]) [data-go="{number}"].md-button')
            self.nodes(section["fields"], data, "")
        deferred, self.deferred = self.deferred, []
        for number, path, value in deferred:
            self.press(f'.assistant-steps [data-go="{number}"]')
            self.choose(path, value)
        assert self.deferred == [], self.deferred


def four_members() -> dict:
    """The small example with a fourth member, who also gets a part of the technician's time."""
    data = data_of(SMALL)
    data["members"].append({
        "id": "ssiad-de-la-vallee", "name": "SSIAD de la Vallée",
        "kind": "service de soins infirmiers à domicile",
        "status": "public", "finess": "990000042", "address": "2 place du Marché, 99240 Ormeau-le-Bas",
        "representative": "[Nom du représentant]", "capacity": "directeur", "role": "membre",
        "size": {"places": 30, "etp": 18.5, "budget": 1250000}})
    data["groupement"]["name"] = "Coopération numérique des quatre vallées"
    return data


def differences(got, wanted, path: str = "") -> list[str]:
    """Where two groupements' data differ, as ``path: got != wanted``."""
    if isinstance(got, dict) and isinstance(wanted, dict):
        return [d for key in sorted(set(got) | set(wanted))
                for d in differences(got.get(key), wanted.get(key), f"{path}.{key}")]
    if isinstance(got, list) and isinstance(wanted, list) and len(got) == len(wanted):
        return [d for i, (a, b) in enumerate(zip(got, wanted, strict=True))
                for d in differences(a, b, f"{path}[{i}]")]
    return [] if got == wanted else [f"{path}: {got!r} != {wanted!r}"]


def downloaded(page, selector: str, typist: Typist | None = None) -> bytes:
    with page.expect_download(timeout=LONG) as download:
        typist.press(selector) if typist else page.click(selector)
    return Path(download.value.path()).read_bytes()


def what_fill_writes(data: dict, tmp_path: Path) -> dict[str, bytes]:
    source = tmp_path / "from-the-assistant.yml"
    source.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    renderer = renderer_for(ROOT / "theme")
    return renderer.files(load(source, source.name, renderer), formats=("docx",))


def fill_and_compare(page, spec: dict, data: dict, keyboard: bool, tmp_path: Path) -> bytes:
    typist = Typist(page, keyboard)
    typist.groupement(spec, data)
    try:
        page.wait_for_function("() => document.querySelector('.assistant-summary').classList"
                               ".contains('assistant-complete')", timeout=LONG)
    except playwright.Error:
        page.click('[data-action="all"]')
        raise AssertionError(page.inner_text(".assistant-summary")) from None
    saved = downloaded(page, '[data-action="save"]', typist)
    file = parse_yaml(saved.decode("utf-8"), "saved.yml")
    assert file.problems == []
    assert differences(Groupement.model_validate(file.data).model_dump(mode="json"),
                       Groupement.model_validate(data).model_dump(mode="json")) == []
    expected = what_fill_writes(file.data, tmp_path)
    for stem in STEMS:
        typist.tab(stem)
        docx = downloaded(page, f'[data-docx="{stem}"]', typist)
        assert docx_text(docx) == docx_text(expected[f"{stem}.docx"]), stem
    return saved


# The tests ----------------------------------------------------------------------------------

def test_a_four_member_groupement_on_a_phone_with_the_network_cut(browser, base, spec,
                                                                  tmp_path) -> None:
    context = browser.new_context(viewport=PHONE, accept_downloads=True, has_touch=True)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    context.set_offline(True)
    fill_and_compare(page, spec, four_members(), keyboard=False, tmp_path=tmp_path)
    context.close()
    watch.check()


def test_a_groupement_typed_with_the_keyboard_only(browser, base, spec, tmp_path) -> None:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.focus('[data-start="nouveau"]')
    fill_and_compare(page, spec, data_of(SMALL), keyboard=True, tmp_path=tmp_path)
    context.close()
    watch.check()


def test_a_saved_file_reloads_the_same_form(browser, base, tmp_path) -> None:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.click('[data-start="trois-esms"]')
    page.fill('[data-path="groupement.acronym"]', "CNVO 2")
    page.click('.assistant-steps [data-go="1"]')
    page.fill('[data-path="members[1].finess"]', "12 34")  # invalid, and kept as typed
    values = ("() => [...document.querySelectorAll('[data-path], [data-refs]')]"
              ".filter(e => e.matches('input, select, textarea'))"
              ".map(e => [e.dataset.path || e.dataset.refs + '=' + e.value,"
              " e.type === 'checkbox' ? e.checked : e.value])")
    before = []
    for number in range(7):
        page.click(f'.assistant-steps [data-go="{number}"]')
        before += page.evaluate(values)
    saved = downloaded(page, '[data-action="save"]')
    assert "finess: 12 34" in saved.decode() or "finess: '12 34'" in saved.decode()
    file = tmp_path / "mes-reponses.yml"
    file.write_bytes(saved)
    page.once("dialog", lambda dialog: dialog.accept())
    page.set_input_files("input[type=file]", str(file))
    page.wait_for_function("() => /ouvert/.test(document.querySelector('.assistant-status')"
                           ".textContent)", timeout=LONG)
    after = []
    for number in range(7):
        page.click(f'.assistant-steps [data-go="{number}"]')
        after += page.evaluate(values)
    assert after == before
    context.close()
    watch.check()


def test_a_rotating_chair_opens_its_block_and_keeps_its_order(browser, base) -> None:
    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.click('[data-start="dui-arvelle"]')
    page.click('.assistant-steps [data-go="3"]')
    chair = '[data-path="governance.bodies[1].chair"]'
    among = "governance.bodies[1].chair.among"
    assert page.input_value(chair) == "__bloc__"
    assert page.input_value('[data-path="governance.bodies[1].chair.months"]') == "12"
    order = f'[data-path="{among}"] .assistant-order'
    assert plain(page.inner_text(order)).startswith("Ordre retenu : IME Le Verger, puis ")
    page.click(f'[data-refs="{among}"][value="ime-le-verger"]')  # out, then in again: last
    page.click(f'[data-refs="{among}"][value="ime-le-verger"]')
    assert plain(page.inner_text(order)).endswith(", puis IME Le Verger.")
    page.select_option(chair, "ehpad-la-source")
    assert page.query_selector(f'[data-path="{among}"]') is None
    page.select_option(chair, "__bloc__")
    months = '[data-error-for="governance.bodies[1].chair.months"]'
    page.wait_for_function(f"() => /obligatoire/.test(document.querySelector('{months}').textContent)",
                           timeout=LONG)
    page.fill('[data-path="governance.bodies[1].chair.months"]', "6")
    page.wait_for_function(f"() => document.querySelector('{months}').textContent === ''",
                           timeout=LONG)
    context.close()
    watch.check()


def test_an_invalid_value_shows_its_message_at_the_field(browser, base) -> None:
    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.click('.assistant-steps [data-go="1"]')
    page.fill('[data-path="members[0].finess"]', "12345")
    error = '[data-error-for="members[0].finess"]'
    page.wait_for_function(f"() => document.querySelector('{error}').textContent"
                           ".includes('FINESS')", timeout=LONG)
    message = "numéro FINESS invalide « 12345 » : neuf chiffres attendus, entre guillemets"
    assert plain(page.inner_text(error)) == message
    control = page.locator('[data-path="members[0].finess"]')
    assert control.get_attribute("aria-invalid") == "true"
    assert "f-members-0-finess-error" in control.get_attribute("aria-describedby").split()
    assert page.get_attribute(error, "id") == "f-members-0-finess-error"
    assert message in plain(page.inner_text(".assistant-live"))  # read out by screen readers
    assert control.input_value() == "12345"  # nothing lost
    context.close()
    watch.check()


def test_a_mistyped_choice_in_a_file_says_what_was_meant(browser, base, tmp_path) -> None:
    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    file = tmp_path / "a-la-main.yml"
    file.write_text(SMALL.read_text(encoding="utf-8").replace("legal_form: convention",
                                                             "legal_form: conventoin"), encoding="utf-8")
    page.set_input_files("input[type=file]", str(file))
    error = '[data-error-for="groupement.legal_form"]'
    page.wait_for_function(f"() => document.querySelector('{error}').textContent", timeout=LONG)
    assert plain(page.inner_text(error)).startswith(
        "valeur inconnue « conventoin » : vouliez-vous dire « convention » ?")
    assert page.input_value('[data-path="groupement.legal_form"]') == "conventoin"
    watch.check()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_nothing_on_the_assistant(browser, base, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.fill('[data-path="groupement.name"]', "Coopération des Trois Rivières")
    page.fill('[data-path="duration.years"]', "trois")
    page.wait_for_function("() => document.querySelector('[data-error-for=\"duration.years\"]')"
                           ".textContent", timeout=LONG)
    page.click('[data-action="all"]')
    failures = []
    for number in (0, 1, 5):
        page.click(f'.assistant-steps [data-go="{number}"]')
        page.evaluate(AXE)
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
        failures += [f"{number}: {v['id']} {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()
    assert failures == []
    watch.check()


def test_the_assistant_opens_again_without_network(browser, base) -> None:
    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.wait_for_function("async () => { const r = await navigator.serviceWorker.ready;"
                           " const keys = await caches.keys(); if (!keys.length) return false;"
                           " const c = await caches.open(keys[0]);"
                           " return !!(await c.match(new URL('runtime/pyodide.asm.wasm', r.scope).href))"
                           " && !!navigator.serviceWorker.controller; }", timeout=LONG)
    context.set_offline(True)
    page.reload()
    page.wait_for_function(READY, timeout=LONG)
    assert "Mutualiser" in page.title() or page.title()
    context.close()


def test_other_pages_load_nothing_of_the_assistant(browser, base) -> None:
    context = browser.new_context(viewport=DESKTOP)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for path in ("index.html", "modeles/index.html", "glossaire.html"):
        page.goto(f"{base}/{path}")
        page.wait_for_load_state("load")
    context.close()
    assert [url for url in requested if "/assistant/" in url] == []


def test_opened_from_the_file_system_the_page_says_why(browser, real_site: Path) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto((real_site / "assistant" / "index.html").as_uri())
    message = page.locator(".assistant-file")
    message.wait_for(state="visible")
    assert "ouvert depuis un fichier" in message.inner_text()
    assert page.locator(".assistant-needs").is_hidden()
    context.close()


def test_printed_documents_number_their_pages(browser, base, real_site: Path) -> None:
    """« Imprimer ou enregistrer en PDF » prints the document with print.css: the PDF that
    Chromium writes from it has its page numbers in the margin."""
    from pypdf import PdfReader

    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(context, base)
    page = open_assistant(context, base, watch)
    page.click('[data-start="trois-esms"]')
    page.wait_for_function("() => document.querySelector('iframe[data-stem=convention]')"
                           ".getAttribute('srcdoc').includes('Val d')", timeout=LONG)
    html = page.get_attribute("iframe[data-stem=convention]", "srcdoc")
    style = (real_site / "assistant" / "print.css").read_text(encoding="utf-8")
    printed = context.new_page()
    printed.set_content(html.replace("</head>", f"<style>{style}</style></head>", 1))
    reader = PdfReader(__import__("io").BytesIO(printed.pdf(prefer_css_page_size=True)))
    pages = len(reader.pages)
    assert pages > 3
    assert f"page 2 / {pages}" in reader.pages[1].extract_text()
    assert "page 1 /" not in reader.pages[0].extract_text()  # not on the cover
    context.close()
    watch.check()
