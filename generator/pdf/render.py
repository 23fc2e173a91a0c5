"""The companion PDFs of the guide, laid out by WeasyPrint in worker processes.

The whole guide goes first since it is the longest. WeasyPrint only reads files
under theme/ (the stylesheet and fonts). Any WeasyPrint warning (a missing font, an
unknown CSS property) fails the build at the template that made the document, as
MkDocs' strict mode does for the site.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..core.problems import DataError, Problem
from ..core.weasy import PdfJob, PdfPool
from ..guide.index import Guide
from .documents import Identity, PrintDocument, print_documents


def render_all(documents: Iterable[PrintDocument], theme: Path, workers: int = 0
               ) -> dict[str, bytes]:
    """Lay out every document, in parallel; raise ``DataError`` on any warning.

    Each document goes to a worker as soon as its HTML is ready.
    """
    with PdfPool(theme, workers) as pool:
        futures = [(doc, pool.submit(PdfJob(doc.html, "pdf", max_pages=doc.max_pages)))
                   for doc in documents]
        rendered = [(doc, future.result()) for doc, future in futures]
    problems = [Problem(doc.template, 1, "", f"WeasyPrint ({doc.path}) : {message}")
                for doc, (_, messages) in rendered for message in messages]
    if problems:
        raise DataError(problems)
    return {doc.path: data for doc, (data, _) in rendered}


def guide_pdfs(guide: Guide, theme: Path, config: dict, workers: int = 0) -> dict[str, bytes]:
    """The guide's PDFs by their path in the site."""
    return render_all(print_documents(guide, theme, Identity.from_config(config)), theme, workers)
