"""Documents: models filled per groupement (placeholder until issue « Document models »)."""

from __future__ import annotations


def site_downloads(settings) -> dict[str, bytes]:
    """The blank and example-filled models offered on the site, by their path in the site."""
    return {}
