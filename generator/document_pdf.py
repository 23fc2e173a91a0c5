"""PDF of a filled document, laid out by WeasyPrint, reading nothing but the theme.

WeasyPrint fetches only files under ``theme/`` (print.css and the fonts): no
network, no other file of the disk, so nothing typed in a groupement file can
pull content into a PDF. A WeasyPrint warning (a font or stylesheet it cannot
load) is a maintainer's mistake and fails the run instead of being printed.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .weasy import WarningCollector, theme_fetcher

PRINT_CSS = "documents/print.css"


@functools.lru_cache(maxsize=4)
def _styles(theme: Path) -> tuple[Any, Any]:
    """print.css and its fonts, parsed once per process and inherited by forked workers."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(theme / PRINT_CSS), url_fetcher=theme_fetcher(theme),
                         font_config=fonts)
    return css, fonts


def render_pdf(html: str, theme: Path) -> tuple[bytes, list[str]]:
    """One tagged PDF (PDF/UA-1), and the warnings WeasyPrint gave while laying it out."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    theme = theme.resolve()
    collect = WarningCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        css, fonts = _styles(theme)
        document = HTML(string=html, base_url=(theme / "documents").as_uri() + "/",
                        url_fetcher=theme_fetcher(theme))
        data = document.write_pdf(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        return b"", [*collect.messages, str(error.__cause__ or error)]
    finally:
        logger.removeHandler(collect)
    return data, collect.messages


def _job(html: str, theme: str) -> tuple[bytes, list[str]]:
    return render_pdf(html, Path(theme))


def preload(theme: Path) -> None:
    """Load WeasyPrint, print.css and the fonts now, so that forked workers inherit them."""
    _styles(theme.resolve())


def pool(workers: int, theme: Path) -> ProcessPoolExecutor:
    """Workers that already hold WeasyPrint, the stylesheet and the fonts.

    Fork when it is safe (no other thread): nothing is loaded twice. With
    threads running, a fork server that preloads WeasyPrint.
    """
    if threading.active_count() == 1:
        preload(theme)
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["weasyprint"])
    return ProcessPoolExecutor(workers, mp_context=context)


def submit(executor: ProcessPoolExecutor, html: str, theme: Path) -> Any:
    return executor.submit(_job, html, str(theme.resolve()))
