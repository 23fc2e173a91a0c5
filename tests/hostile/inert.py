"""What must never be live in a built page: read as a browser reads HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

MARK = "alert"
"""Every hostile payload of the corpus calls alert(…) or names evil.example."""


class _Live(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("iframe", "frame", "object", "embed", "form", "base") and any(
                "evil" in (v or "") or "passwd" in (v or "") for v in values.values()):
            self.found.append(f"<{tag}>")
        if tag in ("iframe", "object", "embed") and not values.get("class", "").startswith("md-"):
            self.found.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "img" and values.get("src") == "x":
            self.found.append("<img src=x>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and (MARK in value or "evil" in value):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(
                    ("javascript:", "vbscript:", "data:", "file:")):
                self.found.append(f"{name}={value[:40]} on <{tag}>")
            if name in ("href", "src") and "evil.example" in value:
                self.found.append(f"{name}={value[:40]} on <{tag}>")
            if name == "style" and "position" in value:
                self.found.append(f"style on <{tag}>")
        self.script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.script = False

    def handle_data(self, data: str) -> None:
        if self.script and MARK in data:
            self.found.append("<script>…alert…</script>")


def live_markup(html: str) -> list[str]:
    """Hostile markup a browser would run or follow in ``html``."""
    parser = _Live()
    parser.feed(html)
    parser.close()
    return parser.found


def live_in_site(site: Path) -> dict[str, list[str]]:
    """Every built page holding live hostile markup, with what it holds."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        live = live_markup(page.read_text(encoding="utf-8"))
        if live:
            found[page.relative_to(site).as_posix()] = live
    return found
