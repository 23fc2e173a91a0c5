"""Plain text and French typography shared by every output."""

from __future__ import annotations

from generator.core.french import typography
from generator.core.markup import html_text
from generator.core.text import plain_text, shortened


def test_shortened_cuts_between_words_with_one_ellipsis_character() -> None:
    text = "Référentiel de la CNIL qui précise comment appliquer le RGPD : finalités, données, durées"
    short = shortened(text, 70)
    assert short.endswith("…") and "..." not in short and len(short) <= 70
    assert not short[:-1].endswith((",", " ", ":"))
    assert shortened("https://ressources.anap.fr/numerique/publication/2705-partager-les-x", 40) \
        == "https://ressources.anap.fr/numerique/pu…"
    assert shortened("Court", 70) == "Court"


def test_non_breaking_spaces_survive_one_line_text() -> None:
    title = typography("Cybersécurité : CaRE et NIS 2 ?")
    assert "\u00a0:" in title and "\u202f?" in title
    assert html_text(title) == title
    assert plain_text(title + "\n\nsuite") == title + " suite"
    assert "\u00a0:" in shortened(title + " et bien plus encore", 25)


def test_the_common_characters_are_in_every_face_of_the_pdf_fonts() -> None:
    """The shortcut of glyph_problems: text made of these opens no font."""
    from conftest import ROOT

    from generator.core.glyphs import COMMON, printable

    assert COMMON.issubset(printable(ROOT / "theme"))
