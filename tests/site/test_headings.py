"""The table of contents keeps the headings' French non-breaking spaces."""

from __future__ import annotations

import markdown


def test_toc_names_keep_non_breaking_spaces_and_stay_escaped() -> None:
    md = markdown.Markdown(extensions=["toc", "generator.site.headings"])
    md.convert("## Cybersécurité\u00a0: CaRE &amp; NIS\u202f2 ?\n\n## Plain : title\n")
    first, second = md.toc_tokens
    assert first["name"] == "Cybersécurité\u00a0: CaRE &amp; NIS\u202f2 ?"
    assert first["id"] == "cybersecurite-care-nis-2"
    assert second["name"] == "Plain : title"


def test_without_the_extension_the_toc_loses_them() -> None:
    """The reason for the extension: if Python-Markdown keeps them one day, drop it."""
    md = markdown.Markdown(extensions=["toc"])
    md.convert("## Cybersécurité\u00a0: CaRE\n")
    assert md.toc_tokens[0]["name"] == "Cybersécurité : CaRE"
