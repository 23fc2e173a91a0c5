"""Characters the PDFs can print: those of the fonts shipped in theme/fonts.

Liberation gives the text; DejaVu Sans, the fallback of every stylesheet, gives the
symbols it lacks (✓, arrows, emoticons). A character that neither holds is refused
by ``check`` at the data file, line and character, rather than printed with a font
of whatever machine builds the PDF, or failing the build at a theme file.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem
from .yamlfile import read_text

FAMILIES = (
    ("fonts/liberation-sans/LiberationSans-Regular.ttf", "fonts/liberation-sans/LiberationSans-Bold.ttf",
     "fonts/liberation-sans/LiberationSans-Italic.ttf",
     "fonts/liberation-sans/LiberationSans-BoldItalic.ttf"),
    ("fonts/dejavu-sans/DejaVuSans.ttf",),
)
"""Each family's files: a character counts when every weight and style of one family has it
(the fallback has one face, which WeasyPrint emboldens and slants)."""
EMOJI = frozenset({0xFE0F, *range(0x1F000, 0x1FB00)})
"""Emoji presentation: text layout asks the system for a colour font, whatever the
stylesheet says, so these are refused even where DejaVu has a glyph."""
COMMON = frozenset({*range(0x20, 0x7F), *range(0xA0, 0x180), 0x2009, 0x2010, 0x2011, 0x2013,
                    0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x202F, 0x20AC})
"""Latin letters, French punctuation and spaces, the euro: printed by every face of
Liberation (a test checks it), so text made of them alone needs no font opened, which
costs ``check`` and ``fill`` a third of a second."""


@functools.lru_cache(maxsize=4)
def printable(theme: Path) -> frozenset[int]:
    """The code points the PDFs print with the project's own fonts."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for family in FAMILIES:
        maps = []
        for name in family:
            if (theme / name).is_file():
                with TTFont(theme / name, lazy=True) as font:
                    maps.append(set(font.getBestCmap()))
        if maps:
            covered |= set.intersection(*maps)
    return frozenset(covered - EMOJI)


def glyph_problems(theme: Path, files: Iterable[tuple[Path, str]]) -> list[Problem]:
    """One problem per line holding a character the PDF fonts lack."""
    texts = [(display, read_text(path, display)[0] or "") for path, display in files]
    if all(ord(c) in COMMON or c in "\n\t\r" for c in set().union(*(t for _, t in texts))):
        return []
    covered = printable(theme)
    if not covered:
        return []
    problems = []
    for display, text in texts:
        lacking = {c for c in set(text or "") if ord(c) not in covered and not c.isspace()
                   and (ord(c) in EMOJI or unicodedata.category(c) not in ("Cf", "Mn", "Cc"))}
        for number, line in enumerate((text or "").split("\n") if lacking else (), 1):
            if display.endswith((".yml", ".yaml")) and line.lstrip().startswith("#"):
                continue
            index = next((i for i, c in enumerate(line) if c in lacking), None)
            if index is not None:
                problems.append(Problem(display, number, "", _message(line[index],
                                                                      line[index - 1:index])))
    return problems


def _message(character: str, before: str) -> str:
    if character == "\ufe0f":
        return (f"sélecteur d'émoji (U+FE0F) après « {before} » refusé : les PDF l'imprimeraient "
                "avec une police du système ; supprimez-le")
    if ord(character) in EMOJI:
        return (f"émoji « {character} » (U+{ord(character):04X}) refusé : les PDF l'imprimeraient "
                "avec une police du système ; écrivez un mot ou un symbole simple (✓, →, ★)")
    name = unicodedata.name(character, "sans nom").lower()
    return (f"caractère « {character} » (U+{ord(character):04X}, {name}) absent des polices "
            "des PDF : remplacez-le ou supprimez-le")
