"""Builders: one small adapter per tool that turns the staging folder into the site.

The staging folder and its ``mkdocs.yml`` are the same for all of them; which one runs is
one line of ``mkdocs.yml`` (``extra.builder``), or the ``GUIDE_BUILDER`` environment
variable (CI, tests). The generator never imports a builder or a theme.
"""

from __future__ import annotations

import os

from ...core.problems import Problem
from .base import Builder, finish_html
from .mkdocs import MkDocs, ProperDocs
from .zensical import Zensical

BUILDERS: dict[str, Builder] = {b.name: b for b in (ProperDocs(), MkDocs(), Zensical())}
DEFAULT = "properdocs"
VARIABLE = "GUIDE_BUILDER"

__all__ = ["BUILDERS", "DEFAULT", "Builder", "chosen", "finish_html", "name_problems"]


def _name(config: dict) -> tuple[str, str]:
    """The builder's name and where it was set."""
    if os.environ.get(VARIABLE):
        return os.environ[VARIABLE].strip().lower(), f"variable d'environnement {VARIABLE}"
    extra = config.get("extra") if isinstance(config.get("extra"), dict) else {}
    return str(extra.get("builder") or DEFAULT).strip().lower(), "extra.builder"


def chosen(config: dict) -> Builder:
    """The builder the configuration names (checked by ``name_problems`` beforehand)."""
    return BUILDERS[_name(config)[0]]


def name_problems(config: dict, line: int) -> list[Problem]:
    """A builder name that is not one of ours, with the valid ones."""
    name, where = _name(config)
    if name in BUILDERS:
        return []
    valid = ", ".join(f"« {known} »" for known in BUILDERS)
    return [Problem("mkdocs.yml", line, "extra.builder" if where == "extra.builder" else "",
                    f"constructeur inconnu « {name} » ({where}) : {valid} attendu")]
