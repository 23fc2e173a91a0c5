"""What every builder shares: a command run on the staging folder, its output swapped into
``site/`` only on success, and its messages traced back to the file a maintainer edits.

A builder adapter says how to run its tool (build and serve commands, environment), how to
read its messages, and how its preview learns of a change; the rest is here.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ...core.files import swap
from ...core.problems import DataError, Problem
from ...core.settings import Settings


@dataclass(frozen=True)
class Message:
    """One warning or error of a builder, with the staged page and line it names, if any."""

    text: str
    page: str = ""
    line: int = 0
    quoted: str = ""
    """The staged line itself, when the builder prints it."""


class Builder:
    """A tool that turns the staging folder into HTML; subclasses fill in the details."""

    name = ""
    label = ""
    module = ""
    """Imported only to check it is installed, never by the generator itself."""
    package = ""
    """What to install (PyPI name)."""

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def environment(self) -> dict[str, str]:
        return dict(os.environ)

    def staged_config(self, config: dict) -> dict:
        """The builder's own tweaks of the staged configuration (its search turned off)."""
        return config

    def build_command(self, settings: Settings, strict: bool) -> list[str]:
        raise NotImplementedError

    def serve_command(self, settings: Settings, address: str) -> list[str]:
        raise NotImplementedError

    def messages(self, output: str) -> list[Message]:
        raise NotImplementedError

    def refresh_preview(self, settings: Settings, changed: set[str]) -> None:
        """Make the running preview rebuild what ``changed`` (staged paths) affects."""

    def build(self, settings: Settings, sources: dict[str, str], strict: bool = True) -> None:
        """Build the staged site into ``site/``; ``sources`` maps staged pages to their source."""
        if not self.installed():
            raise DataError([Problem("mkdocs.yml", 1, "", f"{self.label} n'est pas installé "
                                     f"(paquet PyPI « {self.package} ») : lancez make site")])
        fresh = settings.build / "site"
        shutil.rmtree(fresh, ignore_errors=True)
        result = subprocess.run(self.build_command(settings, strict), capture_output=True,
                                text=True, env=self.environment(), cwd=settings.build)
        output = result.stderr + result.stdout
        if result.returncode != 0 or not (fresh / "index.html").is_file():
            shutil.rmtree(fresh, ignore_errors=True)
            raise DataError(self.problems(output, sources, settings.root))
        finish_html(fresh)
        swap(fresh, settings.site)

    def problems(self, output: str, sources: dict[str, str], root: Path) -> list[Problem]:
        """The builder's warnings and errors, one problem each, at the file a maintainer edits."""
        found = [located(f"{self.label} : {m.text}", m, sources, root)
                 for m in self.messages(output)]
        return found or [Problem("mkdocs.yml", 1, "", f"la construction avec {self.label} a "
                                                      f"échoué : {output.strip()[-2000:]}")]


_QUOTED_PAGE = re.compile(r"'([^']+\.md)'")


def located(text: str, message: Message, sources: dict[str, str], root: Path) -> Problem:
    """A message at the source of the staged page it names, and at the right line."""
    names = [message.page] if message.page else _QUOTED_PAGE.findall(message.text)
    for name in names:
        if name not in sources:
            continue
        path, _, line = sources[name].partition("#L")
        if line.isdigit():
            return Problem(path, int(line), "", text)
        needles = [message.quoted.strip()]
        needles += [quoted for quoted in re.findall(r"'([^']+)'", message.text) if quoted != name]
        return Problem(path or "mkdocs.yml", _line_of(root / path, needles), "", text)
    return Problem("mkdocs.yml", 1, "", text)


def _line_of(path: Path, needles: list[str]) -> int:
    """The line of a hand-written page where the first needle found appears."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for needle in needles:
        for number, text in enumerate(lines, 1):
            if needle and needle in text:
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
