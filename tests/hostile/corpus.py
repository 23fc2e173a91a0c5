"""The hostile corpus: one project per module, each case changing one file and putting it
back, so that more than a hundred cases run through ``check`` in seconds."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, copy_project


@pytest.fixture(scope="module", name="corpus")
def corpus_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with the real example groupement, shared by a module's cases."""
    root = copy_project(tmp_path_factory.mktemp("corpus") / "project")
    (root / "data" / "groupements").mkdir()
    shutil.copy(ROOT / "data" / "groupements" / "trois-esms.yml", root / "data" / "groupements")
    return root


@contextlib.contextmanager
def changed(root: Path, relative: str, old: str | None, new: str | bytes) -> Iterator[Path]:
    """``relative`` with ``old`` replaced by ``new`` (or written whole when ``old`` is None),
    put back as it was afterwards."""
    path = root / relative
    before = path.read_bytes() if path.exists() else None
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, str(new), 1), encoding="utf-8")
    try:
        yield path
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)


def line_of(root: Path, relative: str, needle: str) -> int:
    """The line of ``needle`` in a project file (1-based)."""
    text = (root / relative).read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {relative}"
    return text[:text.index(needle)].count("\n") + 1
