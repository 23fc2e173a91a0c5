"""Writing outputs so that readers never see a half-written file or folder."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically, and only when the bytes differ, so the preview reloads only on change."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


def sync_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files``: changed ones rewritten, stale ones removed."""
    for relative, data in files.items():
        write_if_changed(folder / relative, data)
    for path in sorted(folder.rglob("*"), reverse=True) if folder.exists() else ():
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def swap(fresh: Path, target: Path) -> None:
    """Replace the folder ``target`` by ``fresh`` in two renames."""
    old = target.with_name(target.name + "-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def irregular_files(root: Path, folders: Iterable[str]) -> list[Problem]:
    """Only regular files are published: a symbolic link (git stores them, and one could
    point at /etc/passwd), a device or a pipe under ``folders`` is an error naming it."""
    problems = []
    for folder in folders:
        for directory, names, files in os.walk(root / folder):
            for name in sorted(names + files):
                path = Path(directory) / name
                mode = path.lstat().st_mode
                if stat.S_ISLNK(mode):
                    what = "lien symbolique refusé"
                elif stat.S_ISDIR(mode) or stat.S_ISREG(mode):
                    continue
                else:
                    what = "fichier spécial refusé (périphérique, tube ou socket)"
                problems.append(Problem(path.relative_to(root).as_posix(), 1, "",
                                        f"{what} : seuls les fichiers ordinaires sont publiés"))
    return problems
