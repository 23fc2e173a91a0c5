"""Helpers for tests in a real headless Chromium against the built site on localhost."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
META = "document.querySelector('.md-search-result__meta').innerText"


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


def search(page, base: str, query: str) -> list[str]:
    """Type a query in the site's search box; the result links, without host or query string."""
    page.goto(f"{base}/index.html")
    page.click("input.md-search__input")
    page.wait_for_function(f"() => /Taper/.test({META})", timeout=30000)
    page.type("input.md-search__input", query)
    page.wait_for_function(f"() => /trouvé|Aucun/.test({META})", timeout=30000)
    page.wait_for_timeout(300)
    count = -1
    for _ in range(30):  # Material draws results in batches as the reader scrolls: draw them all
        links = page.eval_on_selector_all(
            ".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")
        if len(links) == count:
            break
        count = len(links)
        page.evaluate("() => { const s = document.querySelector('.md-search__scrollwrap');"
                      " s.scrollTop = s.scrollHeight; }")
        page.wait_for_timeout(250)
    return [link.split(base + "/", 1)[-1].replace("?h=", "¤").split("¤")[0] + _anchor(link)
            for link in links]


def _anchor(link: str) -> str:
    return "#" + link.split("#", 1)[1] if "#" in link else ""
