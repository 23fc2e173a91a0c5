"""Loading: every data file and hand-written page, read and validated entry by entry.

Nothing is written here. Problems are collected, never raised one at a time,
so that a maintainer sees all of them in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from ..core.fields import Entity
from ..core.files import irregular_files
from ..core.markup import markdown_problems
from ..core.messages import validate
from ..core.problems import Problem
from ..core.yamlfile import Location, YamlFile, parse_yaml, read_text, read_yaml
from .kinds import KINDS, Kind
from .model import PageMeta

E = TypeVar("E", bound=Entity)


@dataclass(frozen=True)
class Record(Generic[E]):
    """A valid entry and where it came from, to place later problems."""

    entity: E
    file: YamlFile
    base: Location

    def line(self, *location: str | int) -> int:
        return self.file.line(self.base + location)

    @property
    def path(self) -> str:
        return self.file.path


@dataclass(frozen=True)
class ContentPage:
    """A hand-written Markdown page, its front matter validated."""

    relative: str
    meta: PageMeta
    body: str
    record: Record


@dataclass
class Loaded:
    records: dict[str, list[Record]] = field(default_factory=dict)
    """Valid entries by kind name."""
    pages: list[ContentPage] = field(default_factory=list)
    assets: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)
    """Ids written in the files, valid entries or not: a reference to an entry
    with an error elsewhere is not reported as unknown."""
    unreadable: set[str] = field(default_factory=set)
    """Kinds with a file that could not be parsed: their ids are not known."""
    root: Path = Path()


PUBLISHED = ("data", "content", "theme")
"""The folders whose files reach the site, the PDFs or the documents."""
MAX_ASSET_BYTES = 20_000_000
ASSET_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".docx", ".xlsx", ".pptx",
                         ".odt", ".ods", ".odp", ".csv", ".txt", ".zip"})
"""Files of content/ published as they are: none that a browser would run (.html, .svg, .js)."""


def load(root: Path, kinds: list[Kind] | None = None) -> Loaded:
    """Read every data file and content page under ``root``."""
    loaded = Loaded(root=root)
    irregular = set()
    for problem in irregular_files(root, PUBLISHED):
        loaded.problems.append(problem)
        irregular.add(root / problem.path)

    def published(path: Path) -> bool:
        return not irregular.intersection((path, *path.parents))

    for kind in kinds or KINDS:
        loaded.records[kind.name] = []
        loaded.declared[kind.name] = set()
        for path in sorted(root.glob(kind.files)):
            if published(path):
                _load_file(root, path, kind, loaded)
    content = root / "content"
    for path in sorted(content.rglob("*")) if content.is_dir() else ():
        if not published(path) or not path.is_file():
            continue
        if path.suffix == ".md":
            _load_page(root, path, loaded)
        elif path.suffix.lower() not in ASSET_TYPES:
            loaded.problems.append(Problem(path.relative_to(root).as_posix(), 1, "",
                                           f"type de fichier refusé ({path.suffix or 'sans extension'}) : "
                                           "seuls les pages .md, les images, les PDF et les documents "
                                           "bureautiques sont publiés"))
        elif path.stat().st_size > MAX_ASSET_BYTES:
            loaded.problems.append(Problem(path.relative_to(root).as_posix(), 1, "",
                                           "fichier trop volumineux pour le site (plus de 20 Mo)"))
        else:
            loaded.assets.append(path)
    return loaded


def _load_file(root: Path, path: Path, kind: Kind, loaded: Loaded) -> None:
    display = path.relative_to(root).as_posix()
    file = read_yaml(path, display)
    loaded.problems.extend(file.problems)
    if file.data is None:
        loaded.unreadable.add(kind.name)
        return
    if kind.one_per_file:
        entries: list[tuple[Location, object]] = [((), file.data)]
    elif isinstance(file.data, list):
        entries = [((index,), item) for index, item in enumerate(file.data)]
    else:
        loaded.problems.append(Problem(display, 1, "", "liste d'entrées attendue (lignes « - id: … »)"))
        return
    for base, data in entries:
        if not isinstance(data, dict):
            loaded.problems.append(
                Problem(display, file.line(base), "", "bloc de clés attendu (id: …, title: …)")
            )
            continue
        _declare(loaded.declared[kind.name], data, kind)
        entity, problems = validate(kind.model, data, file, base)
        loaded.problems.extend(problems)
        if entity is not None:
            loaded.records[kind.name].append(Record(entity, file, base))


def _declare(ids: set[str], data: dict, kind: Kind) -> None:
    if isinstance(data.get("id"), str):
        ids.add(data["id"])
    nested = data.get(kind.nested) if kind.nested else None
    for item in nested if isinstance(nested, list) else ():
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            ids.add(item["id"])


def _load_page(root: Path, path: Path, loaded: Loaded) -> None:
    display = path.relative_to(root).as_posix()
    text, problems = read_text(path, display)
    loaded.problems.extend(problems)
    if text is None:
        return
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        loaded.problems.append(Problem(display, 1, "", "en-tête YAML manquant (--- title: … ---)"))
        return
    end = text.index("\n---\n", 3)
    file = parse_yaml(text[4:end + 1], display, first_line=2)
    loaded.problems.extend(file.problems)
    if not isinstance(file.data, dict):
        if not file.problems:
            loaded.problems.append(Problem(display, 2, "", "en-tête YAML : bloc de clés attendu"))
        return
    meta, problems = validate(PageMeta, file.data, file, ())
    loaded.problems.extend(problems)
    relative = path.relative_to(root / "content").as_posix()
    body = text[end + 5:]
    first = text.count("\n", 0, end + 5) + 1
    refused = markdown_problems(body, base=relative.rpartition("/")[0])
    loaded.problems.extend(Problem(display, first + line, "", message) for line, message in refused)
    if meta is not None and not refused:
        loaded.pages.append(ContentPage(relative, meta, body, Record(meta, file, ())))
