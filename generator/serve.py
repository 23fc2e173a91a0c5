"""Preview: the builder's own server serves the staging folder; we regenerate it when a
source file changes, and tell the builder what changed.

ProperDocs and MkDocs rebuild only the pages whose Markdown changed (``--dirty``); Zensical
tracks what each page depends on. A data error is printed and the last good pages stay
served, so a typo in the middle of an edit never takes the preview down.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from .build import preview
from .core.problems import DataError
from .core.settings import Settings
from .site.builders import Builder, chosen

WATCHED = ("data", "content", "theme", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file (``os.scandir``: cheap enough to
    run ten times a second)."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        _scan(root / name, found)
    return found


def _scan(path: Path | str, found: dict[str, tuple[int, int]]) -> None:
    try:
        if os.path.isfile(path):
            status = os.stat(path)
            found[str(path)] = (status.st_mtime_ns, status.st_size)
            return
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    _scan(entry.path, found)
                elif entry.is_file():
                    status = entry.stat()
                    found[entry.path] = (status.st_mtime_ns, status.st_size)
    except (FileNotFoundError, NotADirectoryError):
        return


def regenerate(settings: Settings, downloads: bool = False) -> Builder | None:
    """Stage the pages again; the builder, or None after a data error (then printed)."""
    started = time.perf_counter()
    try:
        staged = preview(settings, downloads=downloads)
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr, flush=True)
        print("Aperçu non mis à jour : corrigez les problèmes ci-dessus.", file=sys.stderr,
              flush=True)
        return None
    staged.builder.refresh_preview(settings, staged.changed)
    print(f"Pages régénérées en {time.perf_counter() - started:.2f} s "
          f"({len(staged.changed)} fichiers changés).", flush=True)
    return staged.builder


def last_builder(settings: Settings) -> Builder | None:
    """The builder of the last good staging, to serve it even when the data has an error."""
    try:
        return chosen(yaml.safe_load(settings.built_config.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, KeyError, AttributeError):
        return None


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(settings: Settings, address: str, interval: float = 0.1, downloads: bool = False) -> int:
    """Serve until interrupted, regenerating on every change under data/, content/, theme/.

    The PDFs and documents take tens of seconds, so they are rebuilt only when asked.
    """
    signal.signal(signal.SIGTERM, _interrupt)  # stop the builder's server too, never orphan it
    seen = snapshot(settings.root)
    builder = regenerate(settings, downloads) or last_builder(settings)
    try:
        while builder is None:
            time.sleep(interval)
            current = snapshot(settings.root)
            if current != seen:
                seen = current
                builder = regenerate(settings, downloads)
    except KeyboardInterrupt:
        return 130
    server = subprocess.Popen(builder.serve_command(settings, address), env=builder.environment(),
                              cwd=settings.build)
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
