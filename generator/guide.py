"""The validated guide, indexed for the pages: each link is computed once, both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import model
from .loading import ContentPage, Loaded, Record

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
class Guide:
    sources: dict[str, model.Source]
    terms: dict[str, model.Term]
    roles: dict[str, model.Role]
    phases: list[model.Phase]
    resources: dict[str, model.Resource]
    case_studies: dict[str, model.CaseStudy]
    pages: list[ContentPage]
    records: dict[str, Record]
    places: dict[str, Place] = field(default_factory=dict)
    citing: dict[str, list[tuple[Place, str]]] = field(default_factory=dict)
    role_acts: dict[str, list[RoleAct]] = field(default_factory=dict)
    role_cases: dict[str, list[tuple[model.CaseStudy, str]]] = field(default_factory=dict)
    role_resources: dict[str, list[model.Resource]] = field(default_factory=dict)
    place_cases: dict[str, list[model.CaseStudy]] = field(default_factory=dict)

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

    def journey(self, role_id: str) -> list[JourneyStop]:
        """The steps where a role acts, in order, each with the resources for that role."""
        stops = []
        for act in sorted(self.role_acts.get(role_id, []), key=lambda a: a.place.order):
            cited = [*act.place.entry.documentation, *act.place.entry.tools]
            mine = {r.id for r in self.role_resources.get(role_id, [])}
            serving = [r.id for r in self.role_resources.get(role_id, [])
                       if act.place.id in r.phases]
            ids = list(dict.fromkeys([i for i in cited if i in mine] + serving))
            stops.append(JourneyStop(act.place, act.action, [self.resources[i] for i in ids]))
        return stops


def _places(phases: list[model.Phase]) -> Iterator[Place]:
    for phase in phases:
        yield Place(phase)
        for step in phase.steps:
            yield Place(phase, step)


def build_guide(loaded: Loaded) -> Guide:
    """Index a loaded, valid data set."""
    by_id = {name: {r.entity.id: r.entity for r in records} for name, records in loaded.records.items()}
    records = {r.entity.id: r for records in loaded.records.values() for r in records}
    phases = sorted(by_id["phases"].values(), key=lambda p: p.number)
    guide = Guide(
        sources=by_id["sources"],
        terms=dict(sorted(by_id["terms"].items(), key=lambda item: sort_key(item[1].term))),
        roles=by_id["roles"],
        phases=phases,
        resources=dict(sorted(by_id["resources"].items(), key=lambda item: sort_key(item[1].title))),
        case_studies=dict(sorted(by_id["case_studies"].items(),
                                 key=lambda item: sort_key(item[1].title))),
        pages=loaded.pages,
        records=records,
    )
    citing: dict[str, list[tuple[Place, str]]] = defaultdict(list)
    role_acts: dict[str, list[RoleAct]] = defaultdict(list)
    for place in _places(phases):
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


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents, as a French reader expects."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
