"""Filling: one groupement file in, the three documents out in PDF, DOCX and HTML.

Everything is rendered in memory and written only when all nine files succeeded,
into a temporary folder moved into place, so a failure never leaves a half-written
folder. The same functions give the blank and example models offered on the site.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

from ..core.glyphs import glyph_problems
from ..core.problems import DataError, Problem
from .checks import load_groupement
from .dossier import Dossier
from .render import Renderer, renderer_for
from .vocabulary import read_words

BLANK_MODELS = ("convention", "gcs-de-moyens", "gcsms")
"""One blank model per legal form, ``theme/documents/vierges/<form>.yml``."""
VOCABULARY = "documents/vocabulary.yml"


def blank_models(theme: Path) -> list[tuple[Path, str, str]]:
    """(path, path shown in messages, suffix of the site's files) of every blank model."""
    return [(theme / "documents" / "vierges" / f"{form}.yml",
             f"theme/documents/vierges/{form}.yml", f"vierge-{form}") for form in BLANK_MODELS]


def safe_name(text: str) -> str:
    """A file or folder name from any text: ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return name or "groupement"


def load(path: Path, display: str, renderer: Renderer, blank: bool = False,
         warnings: list[Problem] | None = None) -> Dossier:
    return renderer.dossier(load_groupement(path, display, blank, warnings), blank)


def check_files(theme: Path, groupements: list[tuple[Path, str]]) -> list[Problem]:
    """Every problem of the vocabulary, the blank model and the given groupement files."""
    problems: list[Problem] = []
    try:
        read_words(theme)
    except DataError as error:
        return list(error.problems)
    sources = [(path, display, True) for path, display, _ in blank_models(theme)]
    sources += [(path, display, False) for path, display in groupements]
    for path, display, blank in sources:
        try:
            load_groupement(path, display, blank)
        except DataError as error:
            problems.extend(error.problems)
    return problems


def fill(path: Path, out_dir: Path | None, theme: Path, jobs: int | None = None) -> list[Path]:
    """Fill the three documents of one groupement file in PDF, DOCX and HTML.

    Without ``out_dir``, files go to ``out/<name of the groupement>/``. Nothing
    is written unless all nine files were rendered.
    """
    renderer = renderer_for(theme)
    warnings: list[Problem] = []
    dossier = load(path, path.as_posix(), renderer, warnings=warnings)
    unprintable = glyph_problems(theme, [(path, path.as_posix())])
    if unprintable:
        raise DataError(unprintable)
    for warning in warnings:  # the documents are filled anyway, the point flagged in them
        print(warning, file=sys.stderr)
    # One worker per core, the longest document first: the convention of a large
    # groupement takes as long as the two others together (9 members: 1.3 s against
    # 0.85 + 0.65 s), so three workers on two cores would only slow it down.
    files = renderer.files(dossier, jobs=jobs or os.cpu_count() or 1)
    target = out_dir if out_dir is not None else Path("out") / safe_name(dossier.name)
    return install(files, target)


def install(files: dict[str, bytes], target: Path) -> list[Path]:
    """Every file in place, or none: a blocked path, a read-only folder or a failure
    half-way leaves ``target`` as it was, and the problem names the output path."""
    for path in [target, *target.parents]:
        if path.exists() or path.is_symlink():
            if not path.is_dir() or path.is_symlink():
                raise _unwritable(path, "ce chemin existe et n'est pas un dossier")
            break
    for name in files:
        destination = target / name
        if destination.is_symlink() or (destination.exists() and not destination.is_file()):
            raise _unwritable(destination, "un dossier ou un lien occupe la place de ce fichier")
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=target, prefix=".fill-"))
    except OSError as error:
        raise _unwritable(target, error.strerror or str(error)) from None
    done: list[tuple[Path, Path | None]] = []
    try:
        for name, data in files.items():
            (temporary / name).write_bytes(data)
        for name in files:
            destination = target / name
            kept = temporary / f"{name}.old" if destination.exists() else None
            if kept:
                os.replace(destination, kept)
            done.append((destination, kept))
            os.replace(temporary / name, destination)
    except OSError as error:
        for destination, kept in reversed(done):
            with contextlib.suppress(OSError):
                if kept:
                    os.replace(kept, destination)
                else:
                    destination.unlink(missing_ok=True)
        shutil.rmtree(temporary, ignore_errors=True)
        if created:
            shutil.rmtree(target, ignore_errors=True)
        where = Path(error.filename) if error.filename else target
        shown = target / where.name.removesuffix(".old") if temporary in where.parents else where
        raise _unwritable(shown, error.strerror or str(error)) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return [target / name for name in files]


def _unwritable(path: Path, reason: str) -> DataError:
    return DataError([Problem(path.as_posix(), 1, "", f"écriture impossible : {reason} ; "
                              "aucun fichier n'a été écrit ni remplacé")])


def example_files(theme: Path, groupements: list[tuple[Path, str]], workers: int = 0
                  ) -> dict[str, bytes]:
    """The blank and example-filled models offered on the site, by their path in the site.

    ``modeles/<document>-vierge-<legal form>.pdf`` and ``modeles/<document>-<example>.pdf``
    (and ``.docx``), one blank per legal form and one example per groupement file.
    """
    renderer = renderer_for(theme)
    sources = [(path, display, suffix, True) for path, display, suffix in blank_models(theme)]
    sources += [(path, display, safe_name(path.stem), False) for path, display in groupements]
    problems: list[Problem] = []
    dossiers = []
    for path, display, suffix, blank in sources:
        try:
            dossiers.append((suffix, load(path, display, renderer, blank)))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    rendered = renderer.many(dict(dossiers), ("pdf", "docx"), jobs=workers or os.cpu_count() or 1)
    return {f"modeles/{name.rsplit('.', 1)[0]}-{suffix}.{name.rsplit('.', 1)[1]}": data
            for suffix, named in rendered.items() for name, data in named.items()}
