"""What every WeasyPrint rendering of the project shares: reading only the theme, and
turning WeasyPrint's warnings into failures instead of lines lost in a log.

Nothing typed in a data or groupement file can make WeasyPrint read a file of the
disk (``file:///etc/passwd``) or an address of the network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


class RefusedURL(ValueError):
    """WeasyPrint asked for something outside the theme."""


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
