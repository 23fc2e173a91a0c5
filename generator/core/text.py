"""Plain text out of Markdown, and the order a French reader expects."""

from __future__ import annotations

import re
import unicodedata


def plain_text(markdown: str) -> str:
    """Markdown reduced to one line of plain text, for tooltips and descriptions."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`#>]+", "", text)
    text = re.sub(r"^\s*[-+]\s+", "", text, flags=re.MULTILINE)
    return " ".join(text.split())


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents, as a French reader expects."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def initial(text: str) -> str:
    """The letter an entry is filed under: « É » goes with « E »."""
    letter = sort_key(text)[:1].upper()
    return letter if letter.isalpha() else "0-9"
