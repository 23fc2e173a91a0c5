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
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .guide import Guide
from .pdf_html import Document, Identity, documents
from .problems import DataError, Problem


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the theme."""


def identity(config: Path) -> Identity:
    """Title and author come from mkdocs.yml, like the site's."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return Identity(site_name=str(data.get("site_name", "Guide")),
                    author=str(data.get("site_author", "")),
                    description=" ".join(str(data.get("site_description", "")).split()))


def theme_fetcher(theme: Path):
    """A WeasyPrint URL fetcher that serves files under ``theme`` and refuses the rest."""
    from weasyprint.urls import URLFetcher

    allowed = theme.resolve()

    class ThemeFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedURL(f"adresse refusée (seuls les fichiers du thème sont lus) : {url}")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_relative_to(allowed) or not path.is_file():
                raise RefusedURL(f"fichier refusé (hors du thème ou absent) : {url}")
            return super().fetch(path.as_uri(), headers)

    return ThemeFetcher(allowed_protocols={"file"}, fail_on_errors=True)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render(html: str, theme: Path) -> tuple[bytes, list[str]]:
    """One PDF, tagged (PDF/UA-1), and the warnings WeasyPrint gave while laying it out."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = HTML(string=html, base_url=(theme / "pdf").resolve().as_uri() + "/",
                        url_fetcher=theme_fetcher(theme))
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        return b"", [*collect.messages, str(error.__cause__ or error)]
    finally:
        logger.removeHandler(collect)
    return data, collect.messages


def _render_job(job: tuple[str, str]) -> tuple[bytes, list[str]]:
    html, theme = job
    return render(html, Path(theme))


def render_all(docs: list[Document], theme: Path, workers: int | None = None) -> dict[str, bytes]:
    """Lay out every document, in parallel; raise ``DataError`` on any warning."""
    workers = workers or min(len(docs), os.cpu_count() or 1)
    jobs = [(doc.html, str(theme)) for doc in docs]
    if workers <= 1:
        results = [_render_job(job) for job in jobs]
    else:
        # forkserver: safe even if the caller runs threads (the preview watches files).
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["weasyprint"])
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = list(pool.map(_render_job, jobs))
    problems = [Problem(f"theme/pdf ({doc.path})", 1, "", f"WeasyPrint : {message}")
                for doc, (_, messages) in zip(docs, results) for message in messages]
    if problems:
        raise DataError(problems)
    return {doc.path: data for doc, (data, _) in zip(docs, results)}


def guide_pdfs(guide: Guide, settings) -> dict[str, bytes]:
    """The guide's PDFs by their path in the site."""
    docs = documents(guide, settings.theme, identity(settings.config))
    return render_all(docs, settings.theme)
