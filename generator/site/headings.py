"""A Markdown extension that keeps French non-breaking spaces in the table of contents.

Python-Markdown's ``toc`` names each heading by collapsing every run of whitespace,
the non-breaking spaces of « Cybersécurité : CaRE » included, into one ordinary space:
the page's own heading is right, its entry in the table of contents is not. Run by the
builder after ``toc``, this puts the heading's own text back.
"""

from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from ..core.text import one_line

_TAG = re.compile(r"<[^>]*>")


def heading_name(inner_html: str) -> str:
    """The text of a heading's HTML, its non-breaking spaces kept, its entities kept."""
    return one_line(_TAG.sub("", html.unescape(inner_html))) \
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _TocNames(Postprocessor):
    def run(self, text: str) -> str:
        self._fix(getattr(self.md, "toc_tokens", []))
        return text

    def _fix(self, tokens: list[dict]) -> None:
        for token in tokens:
            kept = html.unescape(token.get("html", ""))
            if ("\u00a0" in kept or "\u202f" in kept) and not token.get("data-toc-label"):
                token["name"] = heading_name(token["html"])
            self._fix(token.get("children", []))


class FrenchHeadings(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(_TocNames(md), "french_toc_names", 0)


def makeExtension(**kwargs) -> FrenchHeadings:  # noqa: N802 (Python-Markdown's name)
    return FrenchHeadings(**kwargs)
