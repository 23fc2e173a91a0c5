"""Preview: MkDocs serves the staging folder; we regenerate it when a source file changes.

A data error is printed and the last good pages stay served, so a typo in the
middle of an edit never takes the preview down.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from .build import preview
from .core.problems import DataError
from .core.settings import Settings
from .site import builder

WATCHED = ("data", "content", "theme", "mkdocs.yml")


def snapshot(root: Path) -> dict[Path, float]:
    """Modification times of every watched file."""
    times: dict[Path, float] = {}
    for name in WATCHED:
        path = root / name
        candidates = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for candidate in candidates:
            try:
                times[candidate] = candidate.stat().st_mtime
            except FileNotFoundError:
                continue
    return times


def regenerate(settings: Settings, downloads: bool = False) -> bool:
    started = time.perf_counter()
    try:
        preview(settings, downloads=downloads)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr, flush=True)
        print("Aperçu non mis à jour : corrigez les problèmes ci-dessus.", file=sys.stderr,
              flush=True)
        return False
    print(f"Pages régénérées en {time.perf_counter() - started:.2f} s.", flush=True)
    return True


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(settings: Settings, address: str, interval: float = 0.3, downloads: bool = False) -> int:
    """Serve until interrupted, regenerating on every change under data/, content/, theme/.

    The PDFs and documents take tens of seconds, so they are rebuilt only when asked.
    """
    signal.signal(signal.SIGTERM, _interrupt)  # stop the MkDocs server too, never orphan it
    seen = snapshot(settings.root)
    ready = regenerate(settings, downloads) or settings.built_config.exists()
    try:
        while not ready:
            time.sleep(interval)
            current = snapshot(settings.root)
            if current != seen:
                seen = current
                ready = regenerate(settings, downloads)
    except KeyboardInterrupt:
        return 130
    server = subprocess.Popen(builder.serve_command(settings, address), env=builder.environment())
    print(f"Aperçu sur http://{address}/ (Ctrl+C pour arrêter).", flush=True)
    try:
        while server.poll() is None:
            time.sleep(interval)
            current = snapshot(settings.root)
            if current != seen:
                seen = current
                regenerate(settings, downloads)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0 if server.returncode in (0, -15, None) else server.returncode
