"""The kinds of entry of the guide, each declared once.

A declaration says where the entries live, how readers and maintainers call them,
where each one is published in the site and in the PDFs, and which template
renders its page. Loading, reference checks, suggestions, links, anchors, the
report and the JSON Schemas all read it; adding a kind of entry is one
declaration here, its model in ``model.py``, one template and its data
(CONTRIBUTING.md walks through it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.fields import Entity
from ..core.text import sort_key
from . import model


@dataclass(frozen=True, kw_only=True)
class Kind:
    """One kind of entry of the guide."""

    name: str
    """Its name in references (``Ref("role")``), templates (``link("role", id)``) and anchors."""
    model: type[Entity]
    files: str
    """Glob of its files under the project root."""
    one_per_file: bool = False
    label: str
    """« rôle »: how messages and the report name one entry."""
    plural: str
    unknown: str
    """The message for a reference to an id that does not exist."""
    address: str
    """Where an entry is published in the site, ``{id}`` standing for its id."""
    template: str | None = None
    """Template of ``theme/pages/`` rendering the page of one entry, if it has one."""
    index: str
    """The site page listing every entry of the kind; in the guide PDF, its part."""
    index_title: str
    index_template: str
    title: Callable[[Any], str] = lambda entry: entry.title
    order: Callable[[Any], Any] = lambda entry: ()
    """Reading order of the entries, in lists, the navigation and the PDFs (stable: file
    order among equals)."""
    nested: str | None = None
    """A field holding entries of the same namespace (the sub-steps of a phase)."""

    def page(self, entry_id: str) -> str:
        return self.address.format(id=entry_id)

    def anchor(self, entry_id: str) -> str:
        """The anchor of an entry in the guide PDF."""
        return f"{self.name}-{entry_id}"

    @property
    def part(self) -> str:
        """The anchor of the kind's part in the guide PDF."""
        return "part-" + self.index.split("/")[0].removesuffix(".md")

    @property
    def edit_path(self) -> str:
        """The file, or folder, a maintainer edits for the list of these entries."""
        return self.files.removesuffix("*.yml")


KINDS: list[Kind] = [
    Kind(name="source", model=model.Source, files="data/sources.yml",
         label="publication", plural="publications", unknown="publication inconnue",
         address="sources.md#{id}",
         index="sources.md", index_title="Publications sources", index_template="sources.md.j2"),
    Kind(name="term", model=model.Term, files="data/glossary.yml",
         label="terme du glossaire", plural="termes du glossaire",
         unknown="terme du glossaire inconnu", address="glossaire.md#{id}",
         index="glossaire.md", index_title="Glossaire", index_template="glossary.md.j2",
         title=lambda term: term.term, order=lambda term: sort_key(term.term)),
    Kind(name="role", model=model.Role, files="data/roles.yml",
         label="rôle", plural="rôles", unknown="rôle inconnu",
         address="roles/{id}.md", template="role.md.j2",
         index="roles/index.md", index_title="Rôles et instances", index_template="roles.md.j2",
         title=lambda role: role.name,
         order=lambda role: (list(model.RoleFamily).index(role.family), role.name.casefold())),
    Kind(name="phase", model=model.Phase, files="data/phases.yml",
         label="étape", plural="étapes", unknown="étape inconnue",
         address="etapes/{id}.md", template="phase.md.j2",
         index="etapes/index.md", index_title="Les étapes d'un projet",
         index_template="phases.md.j2", title=lambda phase: f"{phase.number}. {phase.title}",
         order=lambda phase: (phase.number,), nested="steps"),
    Kind(name="resource", model=model.Resource, files="data/resources/*.yml", one_per_file=True,
         label="ressource", plural="ressources", unknown="ressource inconnue",
         address="ressources/{id}.md", template="resource.md.j2",
         index="ressources/index.md", index_title="Ressources du kit",
         index_template="resources.md.j2", order=lambda resource: (1, sort_key(resource.title))),
    Kind(name="case", model=model.CaseStudy, files="data/case-studies/*.yml", one_per_file=True,
         label="retour d'expérience", plural="retours d'expérience",
         unknown="retour d'expérience inconnu",
         address="retours-experience/{id}.md", template="case-study.md.j2",
         index="retours-experience/index.md", index_title="Retours d'expérience",
         index_template="case-studies.md.j2", order=lambda case: (sort_key(case.title),)),
]


def kind(name: str) -> Kind:
    """The declaration of a kind, by name."""
    for declared in KINDS:
        if declared.name == name:
            return declared
    raise KeyError(name)
