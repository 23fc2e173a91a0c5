"""Loading: every data file and hand-written page, read and validated entry by entry.

Nothing is written here. Problems are collected, never raised one at a time,
so that a maintainer sees all of them in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import Field

from . import model
from .messages import validate
from .problems import Problem
from .yamlfile import Location, YamlFile, parse_yaml, read_yaml

E = TypeVar("E", bound=model.Entity)


@dataclass(frozen=True)
class Collection:
    """Where one kind of entity lives and how its files are laid out."""

    name: str
    model: type[model.Entity]
    pattern: str
    one_per_file: bool
    label: str


COLLECTIONS = (
    Collection("sources", model.Source, "data/sources.yml", False, "publication"),
    Collection("terms", model.Term, "data/glossary.yml", False, "terme du glossaire"),
    Collection("roles", model.Role, "data/roles.yml", False, "rôle"),
    Collection("phases", model.Phase, "data/phases.yml", False, "étape"),
    Collection("resources", model.Resource, "data/resources/*.yml", True, "ressource"),
    Collection("case_studies", model.CaseStudy, "data/case-studies/*.yml", True,
               "retour d'expérience"),
)


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


class PageMeta(model.Entity):
    """Front matter of a hand-written page in content/."""

    title: model.Text = Field(description="Titre de la page.")
    description: model.Text | None = Field(None, description="Résumé en une phrase.")
    sources: model.SourceRefs = Field(default_factory=list, description="Publications citées.")
    reviewed: model.Reviewed
    review_by: model.ReviewBy
    order: int | None = Field(None, description="Place de la page dans sa rubrique.")


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
    pages: list[ContentPage] = field(default_factory=list)
    assets: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)
    """Ids written in the files, valid entries or not: a reference to an entry
    with an error elsewhere is not reported as unknown."""
    unreadable: set[str] = field(default_factory=set)
    """Collections with a file that could not be parsed: their ids are not known."""


def load(root: Path) -> Loaded:
    """Read every data file and content page under ``root``."""
    loaded = Loaded()
    for collection in COLLECTIONS:
        loaded.records[collection.name] = []
        loaded.declared[collection.name] = set()
        for path in sorted(root.glob(collection.pattern)):
            _load_file(root, path, collection, loaded)
    content = root / "content"
    for path in sorted(content.rglob("*")) if content.is_dir() else ():
        if path.suffix == ".md":
            _load_page(root, path, loaded)
        elif path.is_file():
            loaded.assets.append(path)
    return loaded


def _load_file(root: Path, path: Path, collection: Collection, loaded: Loaded) -> None:
    display = path.relative_to(root).as_posix()
    file = read_yaml(path, display)
    loaded.problems.extend(file.problems)
    if file.data is None:
        loaded.unreadable.add(collection.name)
        return
    if collection.one_per_file:
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
        _declare(loaded.declared[collection.name], data)
        entity, problems = validate(collection.model, data, file, base)
        loaded.problems.extend(problems)
        if entity is not None:
            loaded.records[collection.name].append(Record(entity, file, base))


def _declare(ids: set[str], data: dict) -> None:
    if isinstance(data.get("id"), str):
        ids.add(data["id"])
    steps = data.get("steps")
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict) and isinstance(step.get("id"), str):
            ids.add(step["id"])


def _load_page(root: Path, path: Path, loaded: Loaded) -> None:
    display = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
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
    if meta is not None:
        relative = path.relative_to(root / "content").as_posix()
        body = text[end + 5:]
        loaded.pages.append(ContentPage(relative, meta, body, Record(meta, file, ())))
