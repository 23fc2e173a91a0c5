"""Tests in a real headless Chromium against the built site on localhost: the server, the
search helpers, and the fixtures every browser test shares (a pytest plugin of conftest.py).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
STATUS = "document.querySelector('.guide-search__status')"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Compresses text files as any web host does, for timings that mean something."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if "gzip" not in self.headers.get("Accept-Encoding", "") or \
                not path.endswith((".html", ".css", ".js", ".json", ".svg")):
            return super().send_head()
        try:
            body = gzip.compress(Path(path).read_bytes(), 6)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        """A page closed while a file was still arriving is no error of the site."""


@contextmanager
def serve_folder(folder: Path, compress: bool = False) -> Iterator[str]:
    """Serve a folder on a free localhost port for the duration of the block."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler,
                                directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def open_search(page, base: str, start: str = "index.html") -> None:
    """Open the guide's search dialog on a page and wait for its index."""
    page.goto(f"{base}/{start}")
    page.click(".guide-search__open")
    page.wait_for_function(f"() => /Saisissez/.test({STATUS}.textContent)", timeout=30000)


def results(page, base: str, query: str) -> list[str]:
    """Type a query in the open dialog; every result link, without the site's address."""
    page.fill("#guide-search-input", query)
    page.wait_for_function(f"q => {STATUS}.textContent.includes('«\\u00a0' + q + '\\u00a0»')",
                           arg=query, timeout=30000)
    while page.is_visible(".guide-search__more"):  # results come in batches: draw them all
        page.click(".guide-search__more")
    links = page.eval_on_selector_all(".guide-search__result > a",
                                      "links => links.map(a => a.getAttribute('href'))")
    return [link.split(base + "/", 1)[-1] for link in links]


def search(page, base: str, query: str) -> list[str]:
    """Open the search on the home page and type a query: the result links."""
    open_search(page, base)
    return results(page, base, query)


# Fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(real_site: Path) -> Iterator[str]:
    """The real site, served on localhost."""
    with serve_folder(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless, driven by Playwright: missing, the test fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def guide():  # type: ignore[no-untyped-def]
    """The real guide, checked and indexed."""
    from conftest import ROOT

    from generator.build import index
    from generator.core.settings import Settings

    return index(Settings(ROOT))

