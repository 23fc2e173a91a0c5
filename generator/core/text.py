"""Plain text out of Markdown, and the order a French reader expects."""

from __future__ import annotations

import re
import unicodedata


def plain_text(markdown: str) -> str:
    """Markdown reduced to one line of plain text, for tooltips and descriptions."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    text = re.sub(r"^\s*[-+]\s+", "", text, flags=re.MULTILINE)
    return one_line(text)


def one_line(text: str) -> str:
    """Runs of spaces and line breaks as one space; non-breaking spaces kept where typed."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents, as a French reader expects."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def initial(text: str) -> str:
    """The letter an entry is filed under: « É » goes with « E »."""
    letter = sort_key(text)[:1].upper()
    return letter if letter.isalpha() else "0-9"


def shortened(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words when there is one to cut at, with
    no punctuation left dangling, ended by « … » (one character, as French typography
    writes it)."""
    text = one_line(str(text))
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" \u00a0\u202f,;:.–—-") + "…"
