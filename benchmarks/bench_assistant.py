"""Benchmark of the « Assistant de rédaction » in headless Chromium, served from localhost.

The site is staged from a copy of the project and built by MkDocs (no PDF: the assistant
needs none), then opened in a fresh browser context, so with an empty cache. Measured:

- first preview: from navigation to the first documents shown (the new groupement's
  preview, computed at build time by the same Python, shows before Pyodide starts);
- assistant ready: from navigation to the worker's first answer (Pyodide started, the
  documents package imported, the answers checked and the documents filled in the browser);
- each edit: from a keystroke to the preview refreshed, on the larger example (nine members);
- a DOCX: from the click to the file saved, convention of the larger example;
- weight: every byte the assistant's page downloads, uncompressed, and the bytes of the
  assistant's files that other pages download (aim: none).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "site"))
from browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, serve_folder  # noqa: E402

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


def measure(base: str) -> dict:
    from playwright.sync_api import Error, sync_playwright

    class playwright_errors:  # noqa: N801
        Error = Error

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
        sizes: list[int] = []
        def finished(request) -> None:
            try:
                response = request.response()
                if response is not None and not response.from_service_worker:
                    sizes.append(request.sizes()["responseBodySize"])
            except playwright_errors.Error:
                pass

        context.on("requestfinished", finished)
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{base}/assistant/index.html")
        page.wait_for_function("() => Number(document.getElementById('assistant').dataset.previews"
                               " || 0) >= 1", timeout=300_000)
        first = time.perf_counter() - started
        page.wait_for_function(LIVE, arg=1, timeout=300_000)
        ready = time.perf_counter() - started
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
        weight = sum(size for size in sizes if size > 0)
        other: list[str] = []
        context.on("request", lambda request: other.append(request.url))
        for path in ("index.html", "modeles/index.html", "glossaire.html"):
            fresh = context.new_page()
            fresh.goto(f"{base}/{path}")
            fresh.close()
        browser.close()
    return {"first": first, "ready": ready, "edit": statistics.median(edits[1:]),
            "edit_max": max(edits[1:]), "docx": docx, "megabytes": weight / 1e6,
            "elsewhere": len([url for url in other if "/assistant/" in url])}


def verdict(value: float, aim: float) -> str:
    return f"objectif < {aim:g} : {'atteint' if value < aim else 'MANQUÉ'}"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-assistant-") as folder:
        site = build(Path(folder))
        with serve_folder(site) as base:
            result = measure(base)
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
