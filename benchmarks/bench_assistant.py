"""Benchmark of the « Assistant de rédaction » in headless Chromium, served from localhost.

The site is staged from a copy of the project and built by MkDocs (no PDF: the assistant
needs none), then opened in a fresh browser context, so with an empty cache. Measured:

- first preview: from navigation to the first documents shown (the new groupement's
  preview, computed at build time by the same Python, shows before Pyodide starts);
- assistant ready: from navigation to the worker's first answer (Pyodide started, the
  documents package imported, the answers checked and the documents filled in the browser);
- each edit: from a keystroke to the preview refreshed, on the larger example (nine members);
- a DOCX: from the click to the file saved, convention of the larger example;
- weight: every byte the server sends for the assistant's page (uncompressed, its offline
  copy included), and the assistant's files that other pages request (aim: none).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP  # noqa: E402

AIMS = {"first": 10.0, "ready": 10.0, "edit": 1.0, "docx": 2.0, "megabytes": 20.0}
LIVE = "n => Number(document.getElementById('assistant').dataset.live || 0) >= n"


def build(folder: Path) -> Path:
    project = folder / "project"
    for name in ("data", "content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "generate"],
                   cwd=ROOT, check=True, capture_output=True)
    site = folder / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                    str(project / "build" / "mkdocs.yml"), "-d", str(site)], cwd=ROOT,
                   check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


class Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and counts the bytes of every file it sends, by path."""

    sent: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        Counting.sent[self.path.split("?")[0]] = Counting.sent.get(self.path.split("?")[0], 0) + len(data)
        outputfile.write(data)


def serve(folder: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Counting, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def measure(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        # A fresh profile, as a reader's browser has it: empty caches, a disk cache.
        profile = tempfile.mkdtemp(prefix="bench-profile-")
        context = driver.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport=DESKTOP,
            accept_downloads=True)
        browser = context
        page = context.new_page()
        started = time.perf_counter()
        Counting.sent.clear()
        page.goto(f"{base}/assistant/index.html")
        page.wait_for_function("() => Number(document.getElementById('assistant').dataset.previews"
                               " || 0) >= 1", timeout=300_000)
        first = time.perf_counter() - started
        page.wait_for_function(LIVE, arg=1, timeout=300_000)
        ready = time.perf_counter() - started
        page.wait_for_function("async () => !!(await navigator.serviceWorker.ready)", timeout=300_000)
        page.click('[data-start="dui-arvelle"]')
        live = page.evaluate("Number(document.getElementById('assistant').dataset.live)")
        page.wait_for_function(LIVE, arg=live + 1, timeout=300_000)
        edits = []
        for number in range(6):
            live = page.evaluate("Number(document.getElementById('assistant').dataset.live)")
            began = time.perf_counter()
            page.fill('[data-path="groupement.name"]', f"GCSMS Arvelle Numérique {number}")
            page.wait_for_function(LIVE, arg=live + 1, timeout=300_000)
            edits.append(time.perf_counter() - began)
        began = time.perf_counter()
        with page.expect_download(timeout=300_000):
            page.click('[data-docx="convention"]')
        docx = time.perf_counter() - began
        weight = sum(Counting.sent.values())
        other: list[str] = []
        context.on("request", lambda request: other.append(request.url))
        for path in ("index.html", "modeles/index.html", "glossaire.html"):
            fresh = context.new_page()
            fresh.goto(f"{base}/{path}")
            fresh.close()
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)
    return {"first": first, "ready": ready, "edit": statistics.median(edits[1:]),
            "edit_max": max(edits[1:]), "docx": docx, "megabytes": weight / 1e6,
            "elsewhere": len([url for url in other if "/assistant/" in url])}


def verdict(value: float, aim: float) -> str:
    return f"objectif < {aim:g} : {'atteint' if value < aim else 'MANQUÉ'}"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-assistant-") as folder:
        site = build(Path(folder))
        server, base = serve(site)
        try:
            result = measure(base)
        finally:
            server.shutdown()
    print("| mesure | valeur | |")
    print("|---|---:|---|")
    first = verdict(result["first"], AIMS["first"])
    print(f"| premier aperçu (cache vide) | {result['first']:.2f} s | {first} |")
    print(f"| assistant prêt : Pyodide, vérification et documents dans le navigateur | "
          f"{result['ready']:.2f} s | {verdict(result['ready'], AIMS['ready'])} |")
    print(f"| aperçu rafraîchi après une modification (médiane ; max {result['edit_max']:.2f} s) | "
          f"{result['edit']:.2f} s | {verdict(result['edit'], AIMS['edit'])} |")
    print(f"| téléchargement DOCX (convention, 9 membres) | {result['docx']:.2f} s | "
          f"{verdict(result['docx'], AIMS['docx'])} |")
    print(f"| téléchargé par la page de l'assistant (non compressé) | {result['megabytes']:.1f} Mo | "
          f"{verdict(result['megabytes'], AIMS['megabytes'])} |")
    print(f"| fichiers de l'assistant chargés par les autres pages | {result['elsewhere']} | "
          f"objectif 0 : {'atteint' if result['elsewhere'] == 0 else 'MANQUÉ'} |")
    ok = (result["first"] < AIMS["first"] and result["edit"] < AIMS["edit"]
          and result["docx"] < AIMS["docx"] and result["megabytes"] < AIMS["megabytes"]
          and result["elsewhere"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
