"""PDF: the companion PDFs of the guide (placeholder until issue « Companion PDFs »)."""

from __future__ import annotations


def guide_pdfs(guide, settings) -> dict[str, bytes]:
    """The guide's PDFs by their path in the site."""
    return {}
