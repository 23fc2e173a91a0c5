"""One Jinja factory for every output, and template mistakes as maintainers' problems.

Every environment has ``StrictUndefined`` (a missing value is an error, never a
blank) and the shared French filters. Whatever a template gets wrong, in its own
syntax or in what it asks of Python, is reported at the template's file and line,
never as a traceback.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from .french import french_date
from .problems import DataError, Problem

SHARED_FILTERS: dict[str, Callable[..., Any]] = {
    "french_date": french_date,
    "sentence": lambda text: text[:1].upper() + text[1:],
}

RENDER_ERRORS = (jinja2.TemplateError, ValueError, LookupError, TypeError, AttributeError,
                 ArithmeticError)
"""What a template can raise through the Python it calls: reported, not a traceback."""


class MemoryCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by name and source checksum:
    the preview regenerates the pages, and the builder's preview its theme, on every save
    without compiling them again. Backed by Jinja's per-user cache folder when there is one,
    so that each ``fill`` or ``site`` does not compile its templates anew (a third of a
    second for the documents)."""

    def __init__(self, disk: jinja2.BytecodeCache | None = None) -> None:
        self.compiled: dict[str, bytes] = {}
        self.disk = disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])
        elif self.disk is not None:
            self.disk.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:  # a full or read-only disk only costs the next run some time
            with contextlib.suppress(OSError):
                self.disk.dump_bytecode(bucket)


def _disk_cache() -> jinja2.BytecodeCache | None:
    """Jinja's own cache folder (private to the user, checked by Jinja), if it can have one."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError, AttributeError):  # no safe folder, or no file system
        return None


_COMPILED = MemoryCache(_disk_cache())


def environment(folders: Iterable[Path], *, html: bool, filters: dict | None = None,
                globals: dict | None = None) -> jinja2.Environment:
    """A Jinja environment over ``folders``; ``html`` turns autoescaping on."""
    env = jinja2.Environment(
        bytecode_cache=_COMPILED,
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(SHARED_FILTERS)
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def render(env: jinja2.Environment, template: str, context: dict, root: Path) -> str:
    """Render one template; any mistake becomes a ``DataError`` at the template's line."""
    try:
        return env.get_template(template).render(context)
    except RENDER_ERRORS as error:
        raise DataError([template_problem(error, root, template)]) from None


def template_problem(error: BaseException, root: Path, template: str) -> Problem:
    """Where in which template an error happened, relative to the project."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not filename or not line:
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.endswith((".j2", ".html")):
                filename, line = frame.filename, frame.lineno
                break
    path = Path(filename) if filename else None
    display = _shown(path, root) if path else template
    if isinstance(error, jinja2.UndefinedError):
        message = f"variable manquante : {error.message or error}"
    elif isinstance(error, jinja2.TemplateError):
        message = f"erreur de gabarit : {error.message or error}"
    else:
        detail = error.args[0] if isinstance(error, LookupError) and error.args else error
        message = f"erreur de gabarit : {detail}"
    return Problem(display, line or 1, "", message)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
