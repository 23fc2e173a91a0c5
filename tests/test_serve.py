"""`make serve`: the preview regenerates when a data file changes, and survives errors."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, edit

pytestmark = [pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}")


def wait_for_line(lines: queue.Queue, text: str, seconds: float = 30) -> str:
    """The first line the server prints that contains ``text``; no fixed sleep."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if text in line:
            return line
    raise AssertionError(f"the server never printed {text!r}")


@pytest.fixture
def preview(project: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve",
         "--address", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout],
                     daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}", lines
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stdout.close()


def test_preview_regenerates_after_a_yaml_edit(project: Path, preview) -> None:
    base, _ = preview
    wait_for(f"{base}/ressources/kit-rgpd.html", "Kit RGPD")
    edit(project, "data/resources/kit-rgpd.yml", "title: Kit RGPD", "title: Kit RGPD révisé")
    wait_for(f"{base}/ressources/kit-rgpd.html", "Kit RGPD révisé")


def test_preview_keeps_serving_through_a_data_error(project: Path, preview) -> None:
    base, lines = preview
    wait_for(f"{base}/ressources/kit-rgpd.html", "Kit RGPD")
    edit(project, "data/resources/kit-rgpd.yml", "title: Kit RGPD", "titel: Kit RGPD")
    wait_for_line(lines, "Aperçu non mis à jour")
    assert "Kit RGPD" in (fetch(f"{base}/ressources/kit-rgpd.html") or "")
    edit(project, "data/resources/kit-rgpd.yml", "titel: Kit RGPD", "title: Kit RGPD corrigé")
    wait_for(f"{base}/ressources/kit-rgpd.html", "Kit RGPD corrigé")


def test_preview_shows_an_override_on_pages_whose_markdown_did_not_change(project: Path,
                                                                          preview) -> None:
    """A dirty rebuild skips unchanged pages: a template every page uses must reach them all."""
    base, _ = preview
    wait_for(f"{base}/a-propos.html", "</html>")
    edit(project, "theme/overrides/partials/copyright.html", "sans traceur ni ressource externe",
         "sans traceur ni ressource externe, aperçu modifié")
    wait_for(f"{base}/a-propos.html", "aperçu modifié", seconds=120)
    wait_for(f"{base}/ressources/kit-rgpd.html", "aperçu modifié", seconds=120)


def test_preview_shows_a_hand_written_page_edit(project: Path, preview) -> None:
    base, _ = preview
    wait_for(f"{base}/a-propos.html", "</html>")
    edit(project, "content/a-propos.md", "Ce guide d'essai", "Ce guide relu")
    wait_for(f"{base}/a-propos.html", "Ce guide relu")
