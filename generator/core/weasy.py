"""The one WeasyPrint layer: a fetcher that reads only the theme, warnings that fail the
run, one ``render_pdf`` and one pool of worker processes, for the guide's PDFs and the
filled documents alike.

Nothing typed in a data or groupement file can make WeasyPrint read a file of the
disk (``file:///etc/passwd``) or an address of the network. WeasyPrint is imported
only when a PDF is made, so the rest of the generator runs without it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the theme."""


@dataclass(frozen=True)
class PdfJob:
    """One PDF to lay out."""

    html: str
    folder: str
    """The folder of ``theme/`` that the HTML's relative addresses start from."""
    stylesheet: str | None = None
    """A stylesheet of ``theme/`` added to the HTML's own, parsed once per process."""
    max_pages: int | None = None
    """Past this many pages, laid out again with the class ``dense`` on its body."""


def theme_fetcher(theme: Path) -> Any:
    """A WeasyPrint URL fetcher that serves files under ``theme`` and refuses the rest."""
    from weasyprint.urls import URLFetcher

    allowed = theme.resolve()

    class ThemeFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedURL(f"adresse refusée (seuls les fichiers du thème sont lus) : {url}")
            path = Path(unquote(parts.path)).resolve()
            if not path.is_relative_to(allowed) or not path.is_file():
                raise RefusedURL(f"fichier refusé (hors du thème ou absent) : {url}")
            return super().fetch(path.as_uri(), headers)

    return ThemeFetcher(allowed_protocols={"file"}, fail_on_errors=True)


class WarningCollector(logging.Handler):
    """Collects WeasyPrint's warnings so that the caller can fail on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@functools.lru_cache(maxsize=8)
def _stylesheet(theme: Path, relative: str) -> tuple[Any, Any]:
    """A stylesheet and its fonts, parsed once per process and inherited by forked workers."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(theme / relative), url_fetcher=theme_fetcher(theme),
                         font_config=fonts)
    return css, fonts


def render_pdf(job: PdfJob, theme: Path) -> tuple[bytes, list[str]]:
    """One tagged PDF (PDF/UA-1), and the warnings WeasyPrint gave while laying it out."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    theme = theme.resolve()
    collect = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    base_url = (theme / job.folder).as_uri() + "/"
    try:
        options: dict[str, Any] = {}
        if job.stylesheet:
            css, fonts = _stylesheet(theme, job.stylesheet)
            options = {"stylesheets": [css], "font_config": fonts}

        def layout(html: str) -> Any:
            return HTML(string=html, base_url=base_url,
                        url_fetcher=theme_fetcher(theme)).render(**options)

        document = layout(job.html)
        if job.max_pages and len(document.pages) > job.max_pages:
            document = layout(job.html.replace('<body class="', '<body class="dense ', 1))
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        return b"", [*collect.messages, str(error.__cause__ or error)]
    finally:
        logger.removeHandler(collect)
    return data, collect.messages


def preload(theme: Path, stylesheets: tuple[str, ...] = ()) -> None:
    """Load WeasyPrint and parse the stylesheets now, so that forked workers inherit them."""
    import weasyprint  # noqa: F401

    for stylesheet in stylesheets:
        _stylesheet(theme.resolve(), stylesheet)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """WeasyPrint makes hundreds of thousands of short-lived objects, and the garbage
    collector, run each few hundred, took a seventh of the time of a filled document."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _job(job: PdfJob, theme: str) -> tuple[bytes, list[str]]:
    """One layout in a worker; what the previous job left is collected first."""
    gc.collect()
    with collector_paused():
        return render_pdf(job, Path(theme))


class PdfPool:
    """Lays out PDFs in worker processes, one per core; inline when one worker is asked.

    Fork when it is safe (no other thread): the workers inherit WeasyPrint and the
    parsed stylesheets. With threads running (the preview watches files), a fork
    server that preloads WeasyPrint.
    """

    def __init__(self, theme: Path, workers: int = 0, stylesheets: tuple[str, ...] = ()) -> None:
        self.theme = theme.resolve()
        self.workers = workers or os.cpu_count() or 1
        self.executor: ProcessPoolExecutor | None = None
        if self.workers > 1:
            # Imported here: the documents also run in the browser, where processes do not exist.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if threading.active_count() == 1:
                preload(self.theme, stylesheets)
                context: Any = multiprocessing.get_context("fork")
            else:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["weasyprint"])
            self.executor = ProcessPoolExecutor(self.workers, mp_context=context)

    def submit(self, job: PdfJob) -> Future:
        if self.executor is not None:
            # The first submit forks the workers. Frozen, the objects they inherit are
            # never scanned by their collector, so never copied page by page.
            gc.freeze()
            try:
                return self.executor.submit(_job, job, str(self.theme))
            finally:
                gc.unfreeze()
        future: Future = Future()
        with collector_paused():
            future.set_result(render_pdf(job, self.theme))
        return future

    def __enter__(self) -> PdfPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown()
