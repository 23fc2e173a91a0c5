"""The validated guide, indexed: each link is computed once, both ways.

What a page shows beyond one entry's own fields (a step's case studies, the
filters of a card, the letters of the glossary, the roles in use) is computed
here, once, for the site, the PDFs and the report alike: templates only print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.fields import Entity
from ..core.text import initial, sort_key
from . import model
from .kinds import KINDS, kind
from .loading import ContentPage, Loaded, Record
from .views import ReaderViews

UNDATED = ("non-datee", "Non datée")

BLOCKS = (
    ("documentation", "Documentation"),
    ("tools", "Outils"),
    ("support_needs", "Besoins d'accompagnement"),
)


@dataclass(frozen=True)
class Place:
    """A phase, or one of its sub-steps: where a resource, role or case study appears."""

    phase: model.Phase
    step: model.Step | None = None

    @property
    def id(self) -> str:
        return self.step.id if self.step else self.phase.id

    @property
    def number(self) -> str:
        return self.step.number if self.step else str(self.phase.number)

    @property
    def title(self) -> str:
        return self.step.title if self.step else self.phase.title

    @property
    def entry(self) -> model.Blocks:
        return self.step or self.phase

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.number.split("."))


@dataclass(frozen=True)
class RoleAct:
    place: Place
    action: str | None


@dataclass(frozen=True)
class JourneyStop:
    """A step where a role acts: what it does there and what it can read or use."""

    place: Place
    action: str | None
    resources: list[model.Resource]


@dataclass
class Guide(ReaderViews):
    entries: dict[str, dict[str, Entity]]
    """Every entry by kind, then id, in reading order."""
    pages: list[ContentPage]
    records: dict[tuple[str, str], Record]
    """Where each entry was written, by (kind, id): ids may repeat across kinds."""
    places: dict[str, Place] = field(default_factory=dict)
    citing: dict[str, list[tuple[Place, str]]] = field(default_factory=dict)
    role_acts: dict[str, list[RoleAct]] = field(default_factory=dict)
    role_cases: dict[str, list[tuple[model.CaseStudy, str]]] = field(default_factory=dict)
    role_resources: dict[str, list[model.Resource]] = field(default_factory=dict)
    place_cases: dict[str, list[model.CaseStudy]] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, model.Source]:
        return self.entries["source"]  # type: ignore[return-value]

    @property
    def terms(self) -> dict[str, model.Term]:
        return self.entries["term"]  # type: ignore[return-value]

    @property
    def roles(self) -> dict[str, model.Role]:
        return self.entries["role"]  # type: ignore[return-value]

    @property
    def phases(self) -> list[model.Phase]:
        return list(self.entries["phase"].values())  # type: ignore[arg-type]

    @property
    def resources(self) -> dict[str, model.Resource]:
        return self.entries["resource"]  # type: ignore[return-value]

    @property
    def case_studies(self) -> dict[str, model.CaseStudy]:
        return self.entries["case"]  # type: ignore[return-value]

    # Addresses -------------------------------------------------------------------------

    def address(self, kind_name: str, entry_id: str) -> str:
        """Where an entry is in the site; a sub-step is a section of its phase's page."""
        if kind_name == "phase" and entry_id in self.places:
            place = self.places[entry_id]
            page = kind("phase").page(place.phase.id)
            return page + (f"#{place.step.id}" if place.step else "")
        return kind(kind_name).page(entry_id)

    def anchor(self, kind_name: str, entry_id: str) -> str:
        """Where an entry is in the guide PDF."""
        if kind_name == "phase" and entry_id in self.places and self.places[entry_id].step:
            return f"step-{entry_id}"
        return kind(kind_name).anchor(entry_id)

    def anchors(self) -> set[str]:
        """Every anchor of an entry or a part in the guide PDF."""
        found = {declared.part for declared in KINDS}
        for kind_name, entries in self.entries.items():
            found |= {self.anchor(kind_name, entry_id) for entry_id in entries}
        found |= {self.anchor("phase", place_id) for place_id in self.places}
        return found

    def edit_path(self, kind_name: str, entry_id: str) -> str:
        record = self.records[kind_name, entry_id]
        return f"{record.path}#L{record.line('id')}"

    @property
    def edition(self) -> str | None:
        """The latest review date of the data: the PDFs are dated by their content, not the build."""
        dates = [str(r.entity.reviewed) for r in self.records.values()
                 if getattr(r.entity, "reviewed", None)]
        dates += [str(p.meta.reviewed) for p in self.pages if p.meta.reviewed]
        return max(dates) if dates else None

    # What pages show ---------------------------------------------------------------------

    def resource_places(self, resource_id: str) -> list[Place]:
        """Phases citing the resource, and those the resource says it serves."""
        found = {place.id: place for place, _ in self.citing.get(resource_id, [])}
        for place_id in self.resources[resource_id].phases:
            found.setdefault(place_id, self.places[place_id])
        return sorted(found.values(), key=lambda place: place.order)

    def phase_resources(self, phase: model.Phase) -> list[model.Resource]:
        """Every resource a phase or its sub-steps cite or are served by."""
        ids = {p.id for p in self.places.values() if p.phase.id == phase.id}
        return [r for r in self.resources.values()
                if any(p.id in ids for p in self.resource_places(r.id))]

    def phase_cases(self, phase: model.Phase) -> list[model.CaseStudy]:
        """The case studies of a phase and of its sub-steps, each once, in reading order."""
        found: dict[str, model.CaseStudy] = {}
        for place_id in [phase.id, *(step.id for step in phase.steps)]:
            for case in self.place_cases.get(place_id, []):
                found.setdefault(case.id, case)
        return list(found.values())

    @staticmethod
    def shows_own_blocks(phase: model.Phase) -> bool:
        """A phase with sub-steps shows its own three blocks only when one has content."""
        return bool(phase.documentation or phase.tools or phase.support_needs or not phase.steps)

    def phases_of(self, place_ids: list[str]) -> list[str]:
        """The phases the given phases or sub-steps belong to, each once."""
        return list(dict.fromkeys(self.places[i].phase.id for i in place_ids))

    def resource_filters(self, resource: model.Resource) -> dict[str, str]:
        """The values a resource card answers to, for the catalogue's filters."""
        places = [place.id for place in self.resource_places(resource.id)]
        return {"etape": " ".join(self.phases_of(places)), "type": resource.type.value,
                "role": " ".join(resource.roles), "secteur": " ".join(resource.sector.sectors)}

    def case_filters(self, case: model.CaseStudy) -> dict[str, str]:
        """The values a case study card answers to, for the filters of its list."""
        roles = list(dict.fromkeys(holder.role for holder in case.role_map))
        return {"etape": " ".join(self.phases_of(case.phases)), "type": case.kind.value,
                "role": " ".join(roles), "secteur": " ".join(case.sector.sectors),
                "annee": case.date[:4] if case.date else UNDATED[0]}

    def case_years(self) -> list[tuple[str, str]]:
        """The years the case studies report facts of, then « non datée » if one has none."""
        years = sorted({case.date[:4] for case in self.case_studies.values() if case.date})
        undated = any(not case.date for case in self.case_studies.values())
        return [(year, year) for year in years] + ([UNDATED] if undated else [])

    def resource_types(self) -> list[model.ResourceType]:
        """The types that have at least one resource, in declaration order."""
        present = {r.type for r in self.resources.values()}
        return [t for t in model.ResourceType if t in present]

    def case_kinds(self) -> list[model.ProjectKind]:
        """The kinds of project that have at least one case study, in declaration order."""
        present = {c.kind for c in self.case_studies.values()}
        return [k for k in model.ProjectKind if k in present]

    def roles_by_family(self) -> list[tuple[model.RoleFamily, list[model.Role]]]:
        """Roles grouped by family, in declaration order, each group sorted by name."""
        groups = []
        for family in model.RoleFamily:
            roles = sorted((r for r in self.roles.values() if r.family == family),
                           key=lambda role: role.name)
            if roles:
                groups.append((family, roles))
        return groups

    def role_options(self, role_ids: list[str]) -> list[tuple[str, str]]:
        """(id, name) of the given roles, each once, in alphabetical order."""
        return sorted(((i, self.roles[i].name) for i in dict.fromkeys(role_ids)),
                      key=lambda option: sort_key(option[1]))

    def roles_in_resources(self) -> list[str]:
        return [role for r in self.resources.values() for role in r.roles]

    def roles_in_cases(self) -> list[str]:
        return [holder.role for c in self.case_studies.values() for holder in c.role_map]

    def phase_options(self) -> list[tuple[str, str]]:
        return [(p.id, f"{p.number}. {p.title}") for p in self.phases]

    def glossary_letters(self) -> list[tuple[str, list[model.Term]]]:
        """The glossary by initial letter, « É » filed with « E »."""
        letters: dict[str, list[model.Term]] = {}
        for term in self.terms.values():
            letters.setdefault(initial(term.term), []).append(term)
        return list(letters.items())

    def journey(self, role_id: str) -> list[JourneyStop]:
        """The steps where a role acts, in order, each with the resources for that role."""
        stops = []
        mine = {r.id for r in self.role_resources.get(role_id, [])}
        for act in sorted(self.role_acts.get(role_id, []), key=lambda a: a.place.order):
            cited = [*act.place.entry.documentation, *act.place.entry.tools]
            serving = [r.id for r in self.role_resources.get(role_id, [])
                       if act.place.id in r.phases]
            ids = list(dict.fromkeys([i for i in cited if i in mine] + serving))
            stops.append(JourneyStop(act.place, act.action, [self.resources[i] for i in ids]))
        return stops

    def journeys(self) -> list[model.Role]:
        """The roles with a « Je suis … » journey, in the order of their file."""
        return [record.entity for (kind_name, _), record in self.records.items()
                if kind_name == "role" and record.entity.journey]


def tooltip_forms(term: model.Term) -> list[str]:
    """The spellings that show a term's tooltip, its plain expansion included."""
    return spellings([form for _, form in term.written_forms()])


def spellings(written: list[str]) -> list[str]:
    """Every spelling a reader may meet: as written, capitalised or not, either apostrophe."""
    forms: list[str] = []
    for form in written:
        variants = {form}
        if not form.isupper():
            variants |= {form[:1].upper() + form[1:], form[:1].lower() + form[1:]}
        variants |= {v.replace("'", "\u2019") for v in variants}
        forms.extend(sorted(v for v in variants if v not in forms))
    return forms


def _places(phases: list[model.Phase]) -> Iterator[Place]:
    for phase in phases:
        yield Place(phase)
        for step in phase.steps:
            yield Place(phase, step)


def build_index(loaded: Loaded) -> Guide:
    """Index a loaded, valid data set."""
    entries: dict[str, dict[str, Entity]] = {}
    for name, records in loaded.records.items():
        entities = sorted((r.entity for r in records), key=kind(name).order)
        entries[name] = {e.id: e for e in entities}
    records = {(name, r.entity.id): r for name, rs in loaded.records.items() for r in rs}
    guide = Guide(entries=entries, pages=loaded.pages, records=records)
    citing: dict[str, list[tuple[Place, str]]] = defaultdict(list)
    role_acts: dict[str, list[RoleAct]] = defaultdict(list)
    for place in _places(guide.phases):
        guide.places[place.id] = place
        for block, label in BLOCKS[:2]:
            for resource_id in getattr(place.entry, block):
                citing[resource_id].append((place, label))
        for act in place.entry.roles:
            role_acts[act.role].append(RoleAct(place, act.action))
    role_cases: dict[str, list] = defaultdict(list)
    place_cases: dict[str, list] = defaultdict(list)
    for case in guide.case_studies.values():
        for holder in case.role_map:
            role_cases[holder.role].append((case, holder.holder))
        for place_id in case.phases:
            place_cases[place_id].append(case)
    role_resources: dict[str, list] = defaultdict(list)
    for resource in guide.resources.values():
        for role_id in resource.roles:
            role_resources[role_id].append(resource)
    guide.citing, guide.role_acts = dict(citing), dict(role_acts)
    guide.role_cases, guide.place_cases = dict(role_cases), dict(place_cases)
    guide.role_resources = dict(role_resources)
    return guide
