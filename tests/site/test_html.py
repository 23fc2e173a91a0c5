"""Every page of the built site is valid HTML and no internal link is broken."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import tool, vnu_jar

pytestmark = [pytest.mark.slow]


def test_every_page_is_valid_html(real_site: Path) -> None:
    java = tool("java", "default-jre-headless")
    jar = vnu_jar()
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "gnu",
                             "--skip-non-html", str(real_site)],
                            capture_output=True, text=True, timeout=600)
    assert result.stdout + result.stderr == ""
    assert result.returncode == 0


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img", "source"):
                self.links.append(values[name])


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_no_internal_link_is_broken(real_site: Path) -> None:
    pages = {page: _parse(page) for page in real_site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        if page.name == "404.html":
            continue  # served at any depth, so its links are absolute on purpose
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(real_site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(real_site)}: {link} (ancre absente)")
    assert broken == []
    assert len(pages) > 100


class _Downloads(HTMLParser):
    """The text of every link to a downloadable document."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        internal = "://" not in href
        if tag == "a" and internal and href.lower().endswith((".pdf", ".docx")):
            self._href, self._text = href, ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._text.split())))
            self._href = None


def test_every_download_names_its_format_and_size(real_site: Path) -> None:
    import re

    label = re.compile(r"\((PDF|DOCX), \d+(,\d)?\s(Ko|Mo)\)$")
    found, unlabelled = 0, []
    for page in real_site.rglob("*.html"):
        parser = _Downloads()
        parser.feed(page.read_text(encoding="utf-8"))
        for href, text in parser.links:
            found += 1
            if not label.search(text.replace("\u00a0", " ")):
                unlabelled.append(f"{page.relative_to(real_site)}: {href} « {text} »")
    assert unlabelled == []
    assert found >= 18
