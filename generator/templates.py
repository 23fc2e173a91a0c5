"""Template errors as maintainers' problems: the template file and line, no traceback."""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2

from .problems import Problem


def template_problem(error: jinja2.TemplateError, root: Path, template: str) -> Problem:
    """Where in which template an error happened, relative to the project."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not filename or not line:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.endswith(".j2") or frame.filename.endswith(".html"):
                filename, line = frame.filename, frame.lineno
                break
    path = Path(filename) if filename else Path(template)
    try:
        display = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        display = path.as_posix()
    kind = "variable manquante" if isinstance(error, jinja2.UndefinedError) else "erreur de gabarit"
    return Problem(display, line or 1, "", f"{kind} : {error.message or error}")
