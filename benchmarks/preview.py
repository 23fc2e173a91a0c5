"""The preview as a maintainer sees it: save a file, watch the served page until it changes.

``make serve`` is started on a copy of the project; for each kind of edit a file is
changed the way an editor saves it, and the page is fetched over HTTP (as the browser
does after its live reload) until the new text is there. The time from the save to that
answer is the latency the maintainer waits for. No fixed sleep: the page is polled.
"""

from __future__ import annotations

import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.05
STARTUP = 600.0
TIMEOUT = 120.0


@dataclass(frozen=True)
class Edit:
    """One save: which file, how it changes, and the page and text that show it."""

    label: str
    file: str
    page: str
    aim: float | None = 2.0

    def apply(self, root: Path, marker: str) -> str:
        """Change the file; the text the page must then show."""
        path = root / self.file
        text = path.read_text(encoding="utf-8")
        if self.file.endswith(".yml") and self.file.startswith("data/resources/"):
            data = yaml.safe_load(text)
            data["description"] = f"{data['description'].rstrip()} Essai {marker}."
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        elif self.file.endswith((".md", ".md.j2")):
            path.write_text(text.rstrip("\n") + f"\n\nEssai {marker}.\n", encoding="utf-8")
        else:  # an HTML partial: a comment in every page
            path.write_text(text.rstrip("\n") + f"\n<!-- Essai {marker} -->\n", encoding="utf-8")
        return f"Essai {marker}"


EDITS = [
    Edit("une ressource (data/resources/*.yml)", "data/resources/anap-kit-rgpd.yml",
         "ressources/anap-kit-rgpd.html"),
    Edit("une page rédigée (content/*.md)", "content/a-propos.md", "a-propos.html"),
    Edit("un gabarit de page (theme/pages/home.md.j2)", "theme/pages/home.md.j2", "index.html"),
    Edit("un gabarit de toutes les pages (theme/overrides/partials/copyright.html)",
         "theme/overrides/partials/copyright.html", "sources.html", aim=None),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float:
    """Poll ``url`` until it holds ``text``; the moment it did."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if text in fetch(url):
            return time.perf_counter()
        time.sleep(POLL)
    raise TimeoutError(f"{text!r} never appeared at {url}")


def latencies(project: Path, rounds: int = 3) -> list[tuple[Edit, list[float], str]]:
    """For each edit, the seconds from the save to the served page showing it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--address",
         f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, env=os.environ.copy(), start_new_session=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout],
                     daemon=True).start()
    results = []
    try:
        wait_for(f"{base}/index.html", "</html>", STARTUP)
        for edit in EDITS:
            wait_for(f"{base}/{edit.page}", "</html>", TIMEOUT)
            seconds = []
            for round_ in range(1, rounds + 1):
                marker = f"{edit.file.rsplit('/', 1)[-1].split('.')[0]}-{round_}-{time.time_ns()}"
                saved = time.perf_counter()
                text = edit.apply(project, marker)
                seconds.append(wait_for(f"{base}/{edit.page}", text, TIMEOUT) - saved)
            results.append((edit, seconds, ""))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    output = []
    while not lines.empty():
        output.append(lines.get())
    return [(edit, seconds, "".join(output)[-3000:]) for edit, seconds, _ in results]


def summary(seconds: list[float]) -> str:
    return (f"médiane {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s "
            f"({', '.join(f'{s:.2f}' for s in seconds)})")
