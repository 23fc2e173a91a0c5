"""Validation across entries: ids, references and numbering.

Each check is a small function yielding problems, in the manner of a linter;
``check`` runs them all after loading, so one run reports everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from . import model
from .loading import COLLECTIONS, Loaded, Record, load
from .messages import field_name
from .problems import DataError, Problem, did_you_mean, quote

Reference = tuple[tuple[str | int, ...], str, str]
"""(location in the entry, id referred to, namespace of that id)."""

NAMESPACES = {
    "sources": "publication inconnue",
    "terms": "terme du glossaire inconnu",
    "roles": "rôle inconnu",
    "phases": "étape inconnue",
    "resources": "ressource inconnue",
    "case_studies": "retour d'expérience inconnu",
}


def check(root: Path) -> Loaded:
    """Load everything under ``root`` and raise ``DataError`` listing every problem."""
    loaded = load(root)
    problems = list(loaded.problems)
    for rule in RULES:
        problems.extend(rule(loaded))
    if problems:
        raise DataError(problems)
    return loaded


def known_ids(loaded: Loaded) -> dict[str, set[str]]:
    """Every id declared in the files, including those of entries with errors."""
    return loaded.declared


def duplicate_ids(loaded: Loaded) -> Iterator[Problem]:
    for name, records in loaded.records.items():
        seen: dict[str, Record] = {}
        for record in records:
            for location, entity_id in _ids(record, name):
                if entity_id in seen:
                    first = seen[entity_id]
                    yield Problem(record.path, record.line(*location), "id",
                                  f"identifiant {quote(entity_id)} déjà utilisé "
                                  f"({first.path}:{first.line('id')})")
                else:
                    seen[entity_id] = record


def _ids(record: Record, name: str) -> Iterator[tuple[tuple[str | int, ...], str]]:
    yield ("id",), record.entity.id
    if name == "phases":
        for index, step in enumerate(record.entity.steps):
            yield ("steps", index, "id"), step.id


def file_names(loaded: Loaded) -> Iterator[Problem]:
    for collection in COLLECTIONS:
        if not collection.one_per_file:
            continue
        for record in loaded.records[collection.name]:
            stem = Path(record.path).stem
            if stem != record.entity.id:
                yield Problem(record.path, record.line("id"), "id",
                              f"l'identifiant {quote(record.entity.id)} doit être le nom du "
                              f"fichier ({quote(stem)})")


def references(loaded: Loaded) -> Iterator[Problem]:
    ids = known_ids(loaded)
    for name, records in loaded.records.items():
        for record in records:
            for location, target_id, namespace in REFERENCES[name](record.entity):
                if target_id not in ids[namespace] and namespace not in loaded.unreadable:
                    hint = did_you_mean(target_id, ids[namespace])
                    yield Problem(record.path, record.line(*location), field_name(location),
                                  f"{NAMESPACES[namespace]} {quote(target_id)}{hint}")
    for page in loaded.pages:
        for location, target_id, namespace in _sources(page.meta):
            if target_id not in ids[namespace] and namespace not in loaded.unreadable:
                yield Problem(page.record.path, page.record.line(*location), field_name(location),
                              f"{NAMESPACES[namespace]} {quote(target_id)}"
                              f"{did_you_mean(target_id, ids[namespace])}")


def phase_numbers(loaded: Loaded) -> Iterator[Problem]:
    records = loaded.records["phases"]
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
    for record in loaded.records["terms"]:
        term = record.entity
        forms = term.written_forms()
        for field, form in forms:
            key = form.casefold()
            owner = owners.setdefault(key, term.id)
            if owner != term.id:
                location = tuple(int(p) if p.isdigit() else p
                                 for p in field.replace("[", ".").replace("]", "").split("."))
                yield Problem(record.path, record.line(*location), field,
                              f"la forme {quote(form)} appartient déjà au terme {quote(owner)}")


def _sources(entity: model.Entity) -> Iterator[Reference]:
    for index, ref in enumerate(getattr(entity, "sources", ())):
        yield ("sources", index), ref.source, "sources"


def _ids_in(field: str, values: list[str], namespace: str,
            prefix: tuple[str | int, ...] = ()) -> Iterator[Reference]:
    for index, value in enumerate(values):
        yield prefix + (field, index), value, namespace


def _roles_in(actions: list[model.RoleAction], prefix: tuple[str | int, ...] = ()
              ) -> Iterator[Reference]:
    for index, action in enumerate(actions):
        yield prefix + ("roles", index), action.role, "roles"


def _phase_refs(phase: model.Phase) -> Iterator[Reference]:
    yield from _sources(phase)
    yield from _roles_in(phase.roles)
    yield from _ids_in("documentation", phase.documentation, "resources")
    yield from _ids_in("tools", phase.tools, "resources")
    for index, step in enumerate(phase.steps):
        prefix = ("steps", index)
        yield from _roles_in(step.roles, prefix)
        yield from _ids_in("documentation", step.documentation, "resources", prefix)
        yield from _ids_in("tools", step.tools, "resources", prefix)


def _resource_refs(resource: model.Resource) -> Iterator[Reference]:
    yield from _sources(resource)
    yield from _ids_in("phases", resource.phases, "phases")
    yield from _ids_in("roles", resource.roles, "roles")


def _case_refs(case: model.CaseStudy) -> Iterator[Reference]:
    yield from _sources(case)
    yield from _ids_in("phases", case.phases, "phases")
    for index, holder in enumerate(case.role_map):
        yield ("role_map", index, "role"), holder.role, "roles"


def _term_refs(term: model.Term) -> Iterator[Reference]:
    yield from _sources(term)
    yield from _ids_in("see_also", term.see_also, "terms")


REFERENCES: dict[str, Callable[..., Iterator[Reference]]] = {
    "sources": lambda source: iter(()),
    "terms": _term_refs,
    "roles": _sources,
    "phases": _phase_refs,
    "resources": _resource_refs,
    "case_studies": _case_refs,
}

RULES: tuple[Callable[[Loaded], Iterator[Problem]], ...] = (
    duplicate_ids, file_names, references, phase_numbers, glossary_forms,
)
