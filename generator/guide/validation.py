"""Validation across entries: ids, references and numbering.

Each check is a small function yielding problems, in the manner of a linter;
``check_guide`` runs them all after loading, so one run reports everything.
References are found from the model (fields marked with ``Ref``), never listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ..core.fields import references
from ..core.messages import field_name
from ..core.problems import Problem, did_you_mean, quote
from .kinds import KINDS, kind
from .loading import Loaded, Record, load


def check_guide(root: Path) -> tuple[Loaded, list[Problem]]:
    """Load everything under ``root``; every problem found, nothing raised."""
    loaded = load(root, KINDS)
    problems = list(loaded.problems)
    for rule in RULES:
        problems.extend(rule(loaded))
    return loaded, problems


def duplicate_ids(loaded: Loaded) -> Iterator[Problem]:
    for name, records in loaded.records.items():
        nested = kind(name).nested
        seen: dict[str, Record] = {}
        for record in records:
            for location, entity_id in _ids(record, nested):
                if entity_id in seen:
                    first = seen[entity_id]
                    yield Problem(record.path, record.line(*location), "id",
                                  f"identifiant {quote(entity_id)} déjà utilisé "
                                  f"({first.path}:{first.line('id')})")
                else:
                    seen[entity_id] = record


def _ids(record: Record, nested: str | None) -> Iterator[tuple[tuple[str | int, ...], str]]:
    yield ("id",), record.entity.id
    for index, item in enumerate(getattr(record.entity, nested) if nested else ()):
        yield (nested, index, "id"), item.id


def file_names(loaded: Loaded) -> Iterator[Problem]:
    for declared in KINDS:
        if not declared.one_per_file:
            continue
        for record in loaded.records.get(declared.name, []):
            stem = Path(record.path).stem
            if stem != record.entity.id:
                yield Problem(record.path, record.line("id"), "id",
                              f"l'identifiant {quote(record.entity.id)} doit être le nom du "
                              f"fichier ({quote(stem)})")


def known_references(loaded: Loaded) -> Iterator[Problem]:
    """Every id a field marked with ``Ref`` gives names an entry of that kind."""
    records = [record for records in loaded.records.values() for record in records]
    records += [page.record for page in loaded.pages]
    for record in records:
        for location, target, target_kind in references(record.entity):
            known = loaded.declared.get(target_kind, set())
            if target not in known and target_kind not in loaded.unreadable:
                while location and record.base + location not in record.file.lines:
                    location = location[:-1]  # a shorthand: « - moa » for « - role: moa »
                yield Problem(record.path, record.line(*location), field_name(location),
                              f"{kind(target_kind).unknown} {quote(target)}"
                              f"{did_you_mean(target, known)}")


def phase_numbers(loaded: Loaded) -> Iterator[Problem]:
    records = loaded.records["phase"]
    counts = Counter(r.entity.number for r in records)
    for record in records:
        phase = record.entity
        if counts[phase.number] > 1:
            yield Problem(record.path, record.line("number"), "number",
                          f"numéro d'étape {phase.number} utilisé plusieurs fois")
        step_counts = Counter(s.number for s in phase.steps)
        for index, step in enumerate(phase.steps):
            where = record.line("steps", index, "number")
            if not step.number.startswith(f"{phase.number}."):
                yield Problem(record.path, where, f"steps[{index}].number",
                              f"le numéro {quote(step.number)} doit commencer par "
                              f"« {phase.number}. » (numéro de l'étape)")
            elif step_counts[step.number] > 1:
                yield Problem(record.path, where, f"steps[{index}].number",
                              f"numéro de sous-étape {quote(step.number)} utilisé plusieurs fois")


def glossary_forms(loaded: Loaded) -> Iterator[Problem]:
    """A word may show the tooltip of one term only."""
    owners: dict[str, str] = {}
    for record in loaded.records["term"]:
        term = record.entity
        for field, form in term.written_forms():
            owner = owners.setdefault(form.casefold(), term.id)
            if owner != term.id:
                location = tuple(int(p) if p.isdigit() else p
                                 for p in field.replace("[", ".").replace("]", "").split("."))
                yield Problem(record.path, record.line(*location), field,
                              f"la forme {quote(form)} appartient déjà au terme {quote(owner)}")


GENERATED_FOLDERS = ("assets/", "pdf/")
"""Folders of the site the generator fills: the theme's assets and the guide's PDFs."""


def generated_pages(loaded: Loaded) -> set[str]:
    """Every page the generator writes (see ``site/pages.py``)."""
    pages = {"index.md", "parcours/index.md", "ressources/par-etape.md"}
    for declared in KINDS:
        pages.add(declared.index)
        if declared.template:
            pages.update(declared.page(r.entity.id).partition("#")[0]
                         for r in loaded.records.get(declared.name, []))
    pages.update(f"parcours/{r.entity.id}.md" for r in loaded.records.get("role", [])
                 if r.entity.journey)
    return pages


def shadowed_pages(loaded: Loaded) -> Iterator[Problem]:
    """A hand-written file may not silently replace a generated page or file."""
    generated = generated_pages(loaded)
    for page in loaded.pages:
        if page.relative in generated:
            yield Problem(page.record.path, 1, "",
                          f"cette page remplacerait la page générée « {page.relative} » : "
                          "renommez-la ou déplacez-la")
    for asset in loaded.assets:
        relative = asset.relative_to(loaded.root / "content").as_posix()
        if relative.startswith(GENERATED_FOLDERS):
            yield Problem(f"content/{relative}", 1, "",
                          f"ce fichier est dans un dossier que le générateur remplit "
                          f"(« {relative.split('/')[0]}/ ») : déplacez-le")


RULES: tuple[Callable[[Loaded], Iterator[Problem]], ...] = (
    duplicate_ids, file_names, known_references, phase_numbers, glossary_forms, shadowed_pages,
)
