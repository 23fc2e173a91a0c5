"""The guide's entities, declared once.

Each class below is the model of one kind of entry (its files, labels and pages are
declared in ``kinds.py``): validation, error messages, the JSON Schemas given to
editors and the contributor documentation all follow from it. A field naming
another entry carries the kind it names (``Ref``); coded values are in ``values.py``,
with the words readers see for them. Keys are English identifiers;
descriptions and labels are French because maintainers and readers read them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ..core.fields import Entity, Id, PartialDate, Ref, SiteMarkdown, Text, Url
from .values import ApproachStep, Lifecycle, ProjectKind, ResourceType, RoleFamily, Sector

SourceId = Annotated[Id, Ref("source")]
TermId = Annotated[Id, Ref("term")]
RoleId = Annotated[Id, Ref("role")]
PlaceId = Annotated[Id, Ref("phase")]
"""A phase or one of its sub-steps."""
ResourceId = Annotated[Id, Ref("resource")]


def _ref_shorthand(key: str):
    """Let a plain id stand for ``{key: id}`` so simple cases stay short in YAML."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(convert)


class SourceRef(Entity):
    """A citation: which publication, and where in it."""

    source: SourceId = Field(description="Identifiant d'une publication de data/sources.yml.")
    section: str | None = Field(None, description="Partie, page ou diapositive citée.")


SourceRefs = list[Annotated[SourceRef, _ref_shorthand("source")]]
Sources = Annotated[
    SourceRefs,
    Field(min_length=1, description="Publications d'où vient l'entrée (au moins une)."),
]
Reviewed = Annotated[
    PartialDate | None,
    Field(None, description="Date de dernière revue de l'entrée (AAAA-MM-JJ)."),
]
ReviewBy = Annotated[
    PartialDate | None,
    Field(None, description="À revoir avant cette date (AAAA-MM-JJ) : l'entrée s'appuie sur une "
          "règle, une échéance ou un programme daté ; `report` la signale une fois la date passée."),
]


class Source(Entity):
    """A publication the guide cites."""

    id: Id
    title: Text = Field(description="Titre exact de la publication.")
    publisher: Text = Field(description="Organisme éditeur.")
    date: PartialDate | None = Field(
        None, description="Date de publication (AAAA, AAAA-MM ou AAAA-MM-JJ) ; à omettre si le "
        "document n'est pas daté : il est alors cité « s. d. » (sans date).")
    url: Url | None = Field(None, description="Adresse publique, s'il y en a une.")
    description: SiteMarkdown | None = Field(None, description="Ce que le guide en retient.")


class Term(Entity):
    """A glossary entry; its term, synonyms and plurals become tooltips."""

    id: Id
    term: Text = Field(description="Le terme tel qu'il s'écrit (sigle ou expression).")
    expansion: Text | None = Field(None, description="Forme développée d'un sigle.")
    definition: SiteMarkdown = Field(description="Définition rédigée avec nos mots.")
    synonyms: list[Text] = Field(default_factory=list, description="Autres façons de le dire.")
    plurals: list[Text] = Field(default_factory=list, description="Formes au pluriel.")
    see_also: list[TermId] = Field(default_factory=list, description="Termes liés (identifiants).")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy

    def written_forms(self) -> list[tuple[str, str]]:
        """(field, form) for every way a reader may meet the term, tooltips included.

        The expansion counts when it is a plain phrase (« maîtrise d'ouvrage »), not
        a composite such as « Software as a Service (logiciel en tant que service) ».
        """
        forms = [("term", self.term)]
        if self.expansion and not re.search(r"[(),/]| ou ", self.expansion):
            forms.append(("expansion", self.expansion))
        forms += [(f"synonyms[{i}]", s) for i, s in enumerate(self.synonyms)]
        forms += [(f"plurals[{i}]", p) for i, p in enumerate(self.plurals)]
        return forms


class Role(Entity):
    """A role or body of a mutualisation project."""

    id: Id
    name: Text = Field(description="Nom complet du rôle ou de l'instance.")
    short_name: Text | None = Field(None, description="Sigle usuel (MOA, AMOA…).")
    family: RoleFamily = Field(description="Famille du rôle.")
    description: SiteMarkdown = Field(description="Ce qu'est ce rôle, avec nos mots.")
    responsibilities: list[Text] = Field(default_factory=list, description="Responsabilités.")
    in_mutualisation: SiteMarkdown | None = Field(None, description="Ce qui change en mutualisation.")
    in_externalisation: SiteMarkdown | None = Field(
        None, description="Ce qui change en externalisation."
    )
    journey: Text | None = Field(
        None, description="Titre du parcours « Je suis … » ; s'il est présent, la page de parcours "
        "de ce rôle est générée.")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class RoleAction(Entity):
    """A role taking part in a phase, and what it does there."""

    role: RoleId = Field(description="Identifiant d'un rôle de data/roles.yml.")
    action: Text | None = Field(None, description="Ce que ce rôle fait à cette étape.")


RoleActions = Annotated[
    list[Annotated[RoleAction, _ref_shorthand("role")]],
    Field(default_factory=list, description="Rôles impliqués (identifiant ou {role, action})."),
]


class Blocks(Entity):
    """The three lists every step of the regional guide carries."""

    documentation: list[ResourceId] = Field(
        default_factory=list, description="Ressources de documentation (identifiants)."
    )
    tools: list[ResourceId] = Field(default_factory=list,
                                    description="Ressources outils (identifiants).")
    support_needs: list[Text] = Field(
        default_factory=list, description="Besoins d'accompagnement, écrits en clair."
    )


class Step(Blocks):
    """A numbered sub-step of a phase (3.1, 3.2…)."""

    id: Id
    number: str = Field(pattern=r"^\d+\.\d+$", description="Numéro, par exemple 3.1.")
    title: Text
    objective: SiteMarkdown | None = None
    description: SiteMarkdown | None = None
    key_points: list[Text] = Field(default_factory=list)
    roles: RoleActions


class Phase(Blocks):
    """One of the steps of a mutualisation project."""

    id: Id
    number: int = Field(ge=1, le=20, description="Numéro d'ordre de l'étape.")
    title: Text
    objective: SiteMarkdown = Field(description="Ce que l'étape doit produire.")
    produces: Text | None = Field(
        None, description="Ce que l'étape laisse en main une fois finie, en une phrase (résumé "
        "en tête de la page de l'étape).")
    description: SiteMarkdown | None = None
    key_points: list[Text] = Field(default_factory=list, description="Points clés.")
    roles: RoleActions
    steps: list[Step] = Field(default_factory=list, description="Sous-étapes numérotées.")
    approach_steps: list[ApproachStep] = Field(
        default_factory=list, description="Étapes de la démarche ANAP–ASIP Santé liées."
    )
    lifecycle: list[Lifecycle] = Field(
        default_factory=list, description="Phases conception / construction / exploitation."
    )
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class Resource(Entity):
    """A publication, tool, model or kit of the kit; one file per resource."""

    id: Id
    title: Text
    publisher: Text = Field(description="Organisme éditeur (ANAP, ANS, CNIL…).")
    year: int | None = Field(None, ge=1990, le=2100, description="Année de publication.")
    type: ResourceType
    url: Url | None = Field(None, description="Adresse publique, s'il y en a une.")
    url_note: Text | None = Field(
        None, description="Sans adresse : pourquoi (remplace « pas d'adresse publique connue »), "
        "par exemple une adresse connue mais volontairement omise.")
    description: SiteMarkdown = Field(description="À quoi sert la ressource, avec nos mots.")
    phases: list[PlaceId] = Field(
        default_factory=list, description="Étapes ou sous-étapes servies (identifiants)."
    )
    roles: list[RoleId] = Field(default_factory=list, description="Rôles servis (identifiants).")
    sector: Sector
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy


class RoleHolder(Entity):
    """Who held a role in a case study."""

    role: RoleId = Field(description="Identifiant d'un rôle de data/roles.yml.")
    holder: Text = Field(description="Organisation ou instance qui a tenu ce rôle.")


class CaseStudy(Entity):
    """A partner experience; one file per case study."""

    id: Id
    title: Text
    organisations: list[Text] = Field(min_length=1, description="Organisations concernées.")
    sector: Sector
    region: Text
    kind: ProjectKind
    scope: SiteMarkdown = Field(description="Ce qui a été mutualisé ou externalisé.")
    summary: SiteMarkdown | None = Field(None, description="Synthèse du projet.")
    role_map: list[RoleHolder] = Field(default_factory=list, description="Qui tenait quel rôle.")
    triggers: list[Text] = Field(default_factory=list, description="Éléments déclencheurs.")
    benefits: list[Text] = Field(default_factory=list, description="Bénéfices constatés.")
    difficulties: list[Text] = Field(default_factory=list, description="Difficultés rencontrées.")
    lessons: list[Text] = Field(default_factory=list, description="Enseignements.")
    phases: list[PlaceId] = Field(default_factory=list, description="Étapes du guide illustrées.")
    date: PartialDate | None = Field(
        None, description="Date à laquelle les faits rapportés étaient vrais (entretien, publication), "
        "AAAA, AAAA-MM ou AAAA-MM-JJ ; à omettre si la source n'est pas datée.")
    sources: Sources
    reviewed: Reviewed
    review_by: ReviewBy



class PageMeta(Entity):
    """Front matter of a hand-written page in content/."""

    title: Text = Field(description="Titre de la page.")
    description: Text | None = Field(None, description="Résumé en une phrase.")
    sources: SourceRefs = Field(default_factory=list, description="Publications citées.")
    reviewed: Reviewed
    review_by: ReviewBy
    order: int | None = Field(None, description="Place de la page dans sa rubrique.")
