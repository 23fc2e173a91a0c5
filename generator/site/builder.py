"""The builder: MkDocs turns the staging folder into the site, in a temporary folder
swapped into place only on success, so readers never see a half-built site.

MkDocs' warnings are mapped back to the file a maintainer edits (the data file or
page the staged page came from, with its line), never to the staged copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from ..core.files import swap
from ..core.problems import DataError, Problem
from ..core.settings import Settings


def environment() -> dict[str, str]:
    """MkDocs' environment, without Material's end-of-life notice: the staging design
    already keeps the move to its successor open (see README)."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(settings: Settings, sources: dict[str, str], strict: bool = True) -> None:
    """Build the staged site into ``site/``; ``sources`` maps each staged page to its source."""
    fresh = settings.build / "site-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f",
               str(settings.built_config), "-d", str(fresh)] + (["--strict"] if strict else [])
    result = subprocess.run(command, capture_output=True, text=True, env=environment())
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise DataError(problems(result.stderr + result.stdout, sources, settings.root))
    finish_html(fresh)
    swap(fresh, settings.site)


def serve_command(settings: Settings, address: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", "-f", str(settings.built_config),
            "-a", address]


_STAGED_PAGE = re.compile(r"'([^']+\.md)'")


def problems(output: str, sources: dict[str, str], root: Path) -> list[Problem]:
    """MkDocs' warnings and errors, one problem each, at the file a maintainer edits."""
    found = []
    for line in output.splitlines():
        if not line.startswith(("WARNING", "ERROR")):
            continue
        message = f"MkDocs : {line.split('-', 1)[1].strip()}"
        found.append(_located(message, sources, root))
    return found or [Problem("mkdocs.yml", 1, "", f"la construction MkDocs a échoué : "
                                                  f"{output.strip()}")]


def _located(message: str, sources: dict[str, str], root: Path) -> Problem:
    """The first staged page the message names, traced back to its source and line."""
    names = _STAGED_PAGE.findall(message)
    for name in names:
        if name in sources:
            path, _, line = sources[name].partition("#L")
            number = int(line) if line.isdigit() else _line_of(root / path, names[1:])
            return Problem(path or "mkdocs.yml", number, "", message)
    return Problem("mkdocs.yml", 1, "", message)


def _line_of(path: Path, needles: list[str]) -> int:
    """The line of a hand-written page where a link the message names first appears."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for needle in needles:
        for number, text in enumerate(lines, 1):
            if needle in text:
                return number
    return 1


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_AUTOCORRECT = re.compile(r' autocorrect="off"')
_ORPHAN_TOC_LABEL = re.compile(r'(<label class="md-nav__title") for="__toc"')


def finish_html(site: Path) -> None:
    """Mend the theme's markup that an HTML validator rejects.

    Material puts ``autocomplete`` on checkboxes and ``autocorrect`` on its search
    field, and on section index pages labels a table-of-contents toggle it never
    renders. Readers lose nothing; the pages become valid HTML.
    """
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        mended = _AUTOCORRECT.sub("", _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html))
        if 'id="__toc"' not in mended:
            mended = _ORPHAN_TOC_LABEL.sub(r"\1", mended)
        if mended != html:
            page.write_text(mended, encoding="utf-8")
