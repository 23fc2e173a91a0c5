"""PDF: the companion PDFs of the guide, laid out by WeasyPrint.

The HTML is built here; the layout, which takes seconds per document, runs in
worker processes, one per core, the whole guide first since it is the longest.
WeasyPrint only reads files under theme/ (templates' stylesheet and fonts):
nothing from the network, nothing else from the disk. Any WeasyPrint warning
(a missing font, an unknown CSS property) fails the build, as MkDocs' strict
mode does for the site.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .guide import Guide
from .pdf_html import Document, Identity, documents
from .problems import DataError, Problem
from .weasy import WarningCollector, theme_fetcher

if TYPE_CHECKING:

    from .site import Settings


def identity(config: Path) -> Identity:
    """Title and author come from mkdocs.yml, like the site's."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return Identity(site_name=str(data.get("site_name", "Guide")),
                    author=str(data.get("site_author", "")),
                    description=" ".join(str(data.get("site_description", "")).split()))


def render(html: str, theme: Path, max_pages: int | None = None) -> tuple[bytes, list[str]]:
    """One PDF, tagged (PDF/UA-1), and the warnings WeasyPrint gave while laying it out.

    Past ``max_pages``, the document is laid out again with the class ``dense`` on its
    body: a fiche that outgrows four pages gets tighter type rather than a fifth page.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    collect = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    base_url = (theme / "pdf").resolve().as_uri() + "/"
    try:
        document = HTML(string=html, base_url=base_url, url_fetcher=theme_fetcher(theme)).render()
        if max_pages and len(document.pages) > max_pages:
            dense = html.replace('<body class="', '<body class="dense ', 1)
            document = HTML(string=dense, base_url=base_url,
                            url_fetcher=theme_fetcher(theme)).render()
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        return b"", [*collect.messages, str(error.__cause__ or error)]
    finally:
        logger.removeHandler(collect)
    return data, collect.messages


def _render_job(job: tuple[str, str, int | None]) -> tuple[bytes, list[str]]:
    html, theme, max_pages = job
    return render(html, Path(theme), max_pages)


def _context() -> multiprocessing.context.BaseContext:
    """Fork when it is safe: no re-import, and the workers count as our children for
    ``resource.getrusage``. With threads running (the preview watches files), forkserver."""
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint"])
    return context


def render_all(docs: Iterable[Document], theme: Path, workers: int = 0) -> dict[str, bytes]:
    """Lay out every document, in parallel; raise ``DataError`` on any warning.

    Each document goes to a worker as soon as its HTML is ready.
    """
    workers = workers or os.cpu_count() or 1
    rendered: list[tuple[Document, tuple[bytes, list[str]]]]
    if workers <= 1:
        rendered = [(doc, render(doc.html, theme, doc.max_pages)) for doc in docs]
    else:
        import weasyprint  # noqa: F401  (imported once here, inherited by forked workers)

        with ProcessPoolExecutor(workers, mp_context=_context()) as pool:
            futures = [(doc, pool.submit(_render_job, (doc.html, str(theme), doc.max_pages)))
                       for doc in docs]
            rendered = [(doc, future.result()) for doc, future in futures]
    problems = [Problem(f"theme/pdf ({doc.path})", 1, "", f"WeasyPrint : {message}")
                for doc, (_, messages) in rendered for message in messages]
    if problems:
        raise DataError(problems)
    return {doc.path: data for doc, (data, _) in rendered}


def guide_pdfs(guide: Guide, settings: Settings) -> dict[str, bytes]:
    """The guide's PDFs by their path in the site."""
    docs = documents(guide, settings.theme, identity(settings.config))
    return render_all(docs, settings.theme)
